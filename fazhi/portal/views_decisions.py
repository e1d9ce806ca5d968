"""重大行政决策事项目录 on the portal: each body's published catalogue (第三条第三款), with how far
each listed decision has gone, its hearings held (第十六条: the count of participants and their
organisations, never their names or contacts), and the decisions published under 第三十二条.
Only published catalogues are shown; nothing here changes a record."""

from django.db.models import Prefetch

from fazhi.decisions.models import Catalogue, Decision
from fazhi.decisions.procedure import CatalogueState
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
