"""重大行政决策事项目录 on the portal: each body's published catalogue (第三条第三款), with how far
each listed decision has gone, its hearings held (第十六条: the count of participants and their
organisations, never their names or contacts), and the decisions published under 第三十二条.
Only published catalogues are shown; nothing here changes a record."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from fazhi.core import consultation
from fazhi.decisions.models import Catalogue, Decision
from fazhi.decisions.procedure import BASIS, DISCUSSION, PUBLICATION, PUBLISHED_STATES, CatalogueState, Kind
from fazhi.decisions.queries import held_hearings

from .views import page, public


@public
def decision_catalogues(request):
    years = sorted(
        set(Catalogue.objects.filter(state=CatalogueState.PUBLISHED).values_list("year", flat=True)),
        reverse=True,
    )
    try:
        year = int(request.GET.get("year", "")) if request.GET.get("year") else (years[0] if years else None)
    except ValueError:
        year = years[0] if years else None
    held = Prefetch("hearings", queryset=held_hearings(), to_attr="held_hearings")
    listed = Prefetch("decisions", queryset=Decision.objects.order_by("pk").prefetch_related(held))
    catalogues = (
        Catalogue.objects.filter(state=CatalogueState.PUBLISHED, year=year, org__is_active=True)
        .select_related("org")
        .prefetch_related(listed)
        .order_by("org__path")
    )
    context = {"catalogues": catalogues, "years": years, "year": year}
    return page(request, "portal/decision_catalogues.html", context)


@public
def decision(request, pk):
    """A published decision (第三十二条): when and how it was decided, and how the public's
    and the experts' opinions were used; the minutes and the process records stay internal."""
    found = get_object_or_404(
        Decision.objects.filter(state__in=PUBLISHED_STATES).select_related("org", "catalogue"), pk=pk
    )
    context = {
        "d": found,
        "procedures": _procedures(found),
        "consultation": consultation.of(found),
        "hearings": held_hearings().filter(decision=found),
        "publication": PUBLICATION,
        "discussion": DISCUSSION,
    }
    return page(request, "portal/decision.html", context)


def _procedures(found) -> list[tuple[str, str, object]]:
    """(procedure, as its record in force says — 已完成 or 依法不适用, citation)."""
    kinds = [Kind.PARTICIPATION, Kind.EXPERTS, Kind.RISK, Kind.LEGALITY]
    kinds += [Kind.FAIR_COMPETITION] if found.market_related else []
    records = {kind: found.latest_record(kind) for kind in kinds}
    return [(Kind(k).label, r.get_status_display() if r else "—", BASIS[k]) for k, r in records.items()]
