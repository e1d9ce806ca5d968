"""fazhi import KIND FILE --org CODE: the importers the systems registered (e.g. disclosure-requests)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from fazhi.core import audit, indicators
from fazhi.core.models import Org


class ProgressBar:
    """A tqdm bar per stage (校验, 计算期限, 写入), one after the other on the command's stderr."""

    def __init__(self, stream):
        self.stream, self.stage, self.bar = stream, None, None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(total=total, desc=stage, unit="行", file=self.stream, ascii=True)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class RawStream:
    """The command's stderr without the line ending Django adds, as tqdm redraws with \\r."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")

    def flush(self) -> None:
        self.wrapper.flush()


class Command(BaseCommand):
    help = "导入台账：整表校验，逐行指出问题；全部无误才在一个事务中写入，重复导入不会重复创建。"

    def add_arguments(self, parser):
        parser.add_argument("kind", help="台账种类，例如 disclosure-requests")
        parser.add_argument("file", help="CSV或xlsx文件")
        parser.add_argument("--org", required=True, help="机构代码")

    def handle(self, *args, kind, file, org, **options):
        importer = indicators.IMPORTERS.get(kind)
        if importer is None:
            known = "、".join(indicators.IMPORTERS) or "（无）"
            raise CommandError(f"没有“{kind}”这种台账。可导入：{known}", returncode=2)
        path, found = Path(file), Org.objects.filter(code=org).first()
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}", returncode=2)
        if found is None:
            raise CommandError(f"机构代码“{org}”不存在，未导入任何数据。", returncode=2)
        return self.run(importer, path, found)

    def run(self, importer, path: Path, org: Org) -> str:
        bar = ProgressBar(RawStream(self.stderr))
        try:
            return importer.run(path, org, progress=bar, actor=audit.Actor(None, "命令行导入"))
        except indicators.FileProblems as error:
            lines = "\n".join(f"  {p}" for p in error.problems)
            raise CommandError(f"未导入任何数据，文件有以下问题：\n{lines}", returncode=2) from None
        finally:
            bar.close()
