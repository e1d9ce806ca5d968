"""The portal's 规范性文件库 (/open/normdocs/): published documents only, no login."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from fazhi.core.models import Org
from fazhi.core.pagecache import cached_page

from . import search
from .forms import SearchForm
from .models import Document
from .procedure import PUBLISHED_STATES, State
from .queries import public_documents

STATUSES = [(s.value, s.label) for s in PUBLISHED_STATES]


def _page(request, template, context, status=200):
    site = Org.objects.filter(parent=None, is_active=True).order_by("path").first()
    return render(request, template, {"site": site, **context}, status=status)


# The latest change in each published state, each read from the end of the (state,
# updated_at) index: one round trip, no rows read (a MAX over `state IN (…)` would scan them).
LAST_CHANGES = " UNION ALL ".join(
    ["SELECT MAX(updated_at) FROM normdocs_document WHERE state = %s"] * len(PUBLISHED_STATES)
)


def register_version():
    """The published register's last change: a page of the library rendered since may be
    served again; drafts saved meanwhile change nothing here."""
    with connection.cursor() as cursor:
        cursor.execute(LAST_CHANGES, list(PUBLISHED_STATES))
        return max((str(last) for (last,) in cursor.fetchall() if last), default="")


@login_not_required
@cached_page(register_version)
def library(request):
    form = SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    query, org, year, status = (data.get(k) or "" for k in ("q", "org", "year", "status"))
    on = data.get("on")
    docs = public_documents(query, org_code=org, year=year or None, status=status, on=on).only(
        "number", "title", "state", "published_on", "org__name", "org__code"
    )
    page = Paginator(docs, 20).get_page(request.GET.get("page"))
    orgs = Org.objects.filter(is_active=True).only("code", "name").order_by("path")  # the tree, not a scan
    context = {
        "page": page,
        "q": query,
        "org_code": org,
        "year": year,
        "status": status,
        "on": on,
        "orgs": orgs,
        "statuses": STATUSES,
        "years": range(datetime.date.today().year, 2014, -1),
        "bad": form.is_bound and not form.is_valid(),
        "capped": bool(query) and page.paginator.count >= search.MAX_MATCHES,
        "cap": search.MAX_MATCHES,
        "base": reverse("portal:normdocs:library"),  # each row's link without a reverse() per row
    }
    return _page(request, "normdocs/public/library.html", context, status=400 if context["bad"] else 200)


def history(doc) -> list[tuple[datetime.date, str]]:
    """沿革 by the document's own dates: published (amending an earlier one), in force, filed,
    and its end (修改, 废止, 失效) with the reason."""
    published = f"公布，修改《{doc.replaces.title}》" if doc.replaces else "公布"
    events = [(doc.published_on, published), (doc.effective_on, "施行")]
    if doc.filed_on:
        events.append((doc.filed_on, f"报送{doc.filed_with}备案" if doc.filed_with else "报送备案"))
    if doc.ended_on:
        events.append((doc.ended_on, f"{doc.get_state_display()}：{doc.end_reason}".rstrip("：")))
    return sorted((day, what) for day, what in events if day)


@login_not_required
def document(request, pk):
    doc = get_object_or_404(Document.objects.published().select_related("org", "replaces"), pk=pk)
    import segno  # QR codes; imported here so the rest of the site never depends on it

    url = request.build_absolute_uri()
    qr = segno.make(url, error="m").svg_inline(scale=3, title="本文件二维码")
    later = Document.objects.published().filter(replaces=doc).order_by("published_on")
    context = {
        "doc": doc,
        "qr": qr,
        "url": url,
        "history": history(doc),
        "later": later,
        "in_force": doc.state == State.IN_FORCE,
    }
    return _page(request, "normdocs/public/document.html", context)
