"""API tokens for staff: only the SHA-256 of the token is stored."""

import hashlib
import secrets

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField("用途", max_length=60)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "接口令牌"

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str) -> str:
        raw = "fz_" + secrets.token_urlsafe(32)
        cls.objects.create(user=user, name=name, digest=cls.digest_of(raw))
        return raw
