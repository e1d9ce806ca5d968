"""主动公开 screens (staff)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from ..models import PublicationItem


def item_list(request):
    return HttpResponse("主动公开")


def item_detail(request, pk):
    item = get_object_or_404(PublicationItem.objects.visible_to(request.user), pk=pk)
    return HttpResponse(item.title)
