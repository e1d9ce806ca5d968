"""What every registry record shares: an org, and reads that go through the access module."""

from django.conf import settings
from django.db import models

from .org import Org


class OrgRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        from fazhi.core import access  # access imports the models; import at call time

        return access.visible(self, user)


class OrgRecord(models.Model):
    """A record owned by one org; large tables carry `org` for partitioning and Citus."""

    org = models.ForeignKey(Org, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OrgRecordQuerySet.as_manager()

    class Meta:
        abstract = True
