"""Public pages served as rendered while what they show is unchanged.

A page of the portal's registers is the same for every visitor; rendering it (the template,
the count of matches) costs several times a plain 50-row table. The rendered page is kept
per worker (the `pages` cache) under its full address and a `version`: a one-row read that
changes whenever what the page shows changes (for the 规范性文件库, the register's latest
`updated_at`, read from its index). The day is part of the key (dates on the page), and
FAZHI_PAGE_CACHE_SECONDS bounds how long a change the version does not see stays unseen.
"""

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone


def cached_page(version: Callable[[], object]):
    """Decorate a public view: GETs answered 200 are kept and served again until `version()`
    or the day changes."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            seconds = settings.FAZHI_PAGE_CACHE_SECONDS
            if request.method != "GET" or not seconds:
                return view(request, *args, **kwargs)
            key = _key(request, version())
            content = caches["pages"].get(key)
            if content is not None:
                return HttpResponse(content)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                caches["pages"].set(key, response.content, seconds)
            return response

        return wrapper

    return decorate


def _key(request, version) -> str:
    seen = f"{version}|{timezone.localdate()}|{request.get_full_path()}"
    return "page:" + hashlib.sha256(seen.encode()).hexdigest()
