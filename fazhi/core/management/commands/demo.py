from django.core.management.base import BaseCommand

from fazhi.core import demo


class Command(BaseCommand):
    help = "载入示例市的演示数据（可重复执行，不会重复创建）。"

    def handle(self, *args, **options):
        loaded = demo.load()
        self.stdout.write(
            f"示例数据已就绪：{len(loaded.orgs)}个机构，{len(loaded.users)}个演示账号"
            f"（密码均为 {demo.PASSWORD}）。"
        )
