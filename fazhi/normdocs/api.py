"""The public 规范性文件 API: what the portal's library and `fazhi normdocs search` return."""

import datetime
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from fazhi.core.api import Message, page

from .models import Document
from .queries import as_json, public_documents

router = Router(tags=["规范性文件"])

NoNul = r"^[^\x00]*$"  # PostgreSQL cannot store or compare the NUL character


class DocumentOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    org_code: str
    org_name: str
    published_on: datetime.date | None
    effective_on: datetime.date | None
    valid_until: datetime.date | None


class DocumentDetail(DocumentOut):
    interpretation: str
    text: str


class SearchIn(Schema):
    q: Annotated[str, Field(max_length=100, pattern=NoNul, description="关键词（中文分词，两字词亦可）")] = ""
    org: Annotated[
        str, Field(max_length=32, pattern=r"^[A-Za-z0-9_-]*$", description="机构代码（含下级）")
    ] = ""
    year: Annotated[int | None, Field(ge=1949, le=2100, description="发布年份")] = None
    status: Annotated[str, Field(max_length=16, pattern=r"^[a-z_]*$", description="状态，如 in_force")] = ""
    on: Annotated[datetime.date | None, Field(description="只列出该日有效的文件")] = None
    limit: Annotated[int, Field(ge=1, le=500)] = 50
    offset: Annotated[int, Field(ge=0, le=1_000_000_000)] = 0


@router.get("/", response={200: list[DocumentOut], 400: Message}, auth=None, summary="检索已公布的规范性文件")
def search_documents(request, filters: Query[SearchIn]):
    found = public_documents(
        filters.q, org_code=filters.org, year=filters.year, status=filters.status, on=filters.on
    )
    return Status(200, [as_json(d) for d in page(found, filters.limit, filters.offset)])


@router.get(
    "/{int:doc_id}", response={200: DocumentDetail, 404: Message}, auth=None, summary="一份已公布的规范性文件"
)
def get_document(request, doc_id: int):
    doc = get_object_or_404(Document.objects.published().select_related("org"), pk=doc_id)
    return Status(200, as_json(doc) | {"interpretation": doc.interpretation, "text": doc.text})
