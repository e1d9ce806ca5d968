"""The administrative tree (省/市/县/乡镇/部门) and who holds which role where."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models


class Level(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县"
    TOWNSHIP = "township", "乡镇"
    DEPARTMENT = "department", "部门"


class Role(models.TextChoices):
    CLERK = "clerk", "经办人"
    REVIEWER = "reviewer", "审核人"
    HEAD = "head", "负责人"
    SUPERVISOR = "supervisor", "督察员"
    ADMIN = "admin", "管理员"


code_validator = RegexValidator(r"^[A-Za-z0-9_-]{1,32}$", "机构代码只能包含字母、数字、下划线和连字符。")


class Org(models.Model):
    code = models.CharField("机构代码", max_length=32, unique=True, validators=[code_validator])
    name = models.CharField("机构名称", max_length=100)
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of codes ("/SHI/SHI-SFJ/"): a subtree is one indexed prefix match.
    path = models.CharField(max_length=400, db_index=True, editable=False)
    doc_prefix = models.CharField("发文字号前缀", max_length=20, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "机构"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = self.compute_path()
        super().save(*args, **kwargs)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def compute_path(self) -> str:
        return f"{self.parent.path if self.parent else '/'}{self.code}/"

    def ancestors(self):
        codes = [c for c in self.path.split("/") if c]
        return Org.objects.filter(code__in=codes).order_by("path")

    def subtree(self):
        return Org.objects.filter(path__startswith=self.path)

    @staticmethod
    def and_below(code: str, field: str = "org") -> models.Q:
        """Records of the org coded `code` and of every unit below it — a public filter by
        issuing body, by code alone (the code is one segment of their orgs' paths)."""
        return models.Q(**{f"{field}__path__contains": f"/{code}/"})

    def is_within(self, other: "Org") -> bool:
        return self.path.startswith(other.path)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    org = models.ForeignKey(Org, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    title = models.CharField("职务或所在机构", max_length=60, blank=True)

    class Meta:
        verbose_name = "岗位"
        constraints = [models.UniqueConstraint(fields=["user", "org", "role"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.org.name} {self.get_role_display()}"
