"""依申请公开 screens (staff)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from ..models import DisclosureRequest


def request_list(request):
    return HttpResponse("依申请公开")


def request_detail(request, pk):
    item = get_object_or_404(DisclosureRequest.objects.visible_to(request.user), pk=pk)
    return HttpResponse(item.number)
