"""The public 重大行政决策 API: the published 决策事项目录 (第三条第三款) and the published
decisions with the explanation of how opinions were used (第三十二条). Nothing unpublished."""

import datetime
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from fazhi.core.api import Message, page

from .queries import published_catalogues, published_decisions

router = Router(tags=["重大行政决策"])


class CatalogueItemOut(Schema):
    title: str
    category: str
    undertaker: str
    planned: str
    state: str
    state_label: str


class CatalogueOut(Schema):
    id: int
    year: int
    org_code: str
    org_name: str
    party_agreed_on: datetime.date | None
    published_on: datetime.date | None
    items: list[CatalogueItemOut]


class DecisionOut(Schema):
    id: int
    title: str
    org_code: str
    org_name: str
    year: int
    state: str
    state_label: str
    decided_on: datetime.date | None
    published_on: datetime.date | None
    explanation: str


class FilterIn(Schema):
    year: Annotated[int | None, Field(ge=2019, le=2100, description="目录年度")] = None
    org: Annotated[
        str, Field(max_length=32, pattern=r"^[A-Za-z0-9_-]*$", description="决策机关代码（含下级）")
    ] = ""
    limit: Annotated[int, Field(ge=1, le=500)] = 50
    offset: Annotated[int, Field(ge=0, le=1_000_000_000)] = 0


def catalogue_json(catalogue) -> dict:
    items = [
        {
            "title": d.title,
            "category": d.get_category_display(),
            "undertaker": d.undertaker,
            "planned": d.planned,
            "state": d.state,
            "state_label": d.get_state_display(),
        }
        for d in catalogue.decisions.all()
    ]
    return {
        "id": catalogue.pk,
        "year": catalogue.year,
        "org_code": catalogue.org.code,
        "org_name": catalogue.org.name,
        "party_agreed_on": catalogue.party_agreed_on,
        "published_on": catalogue.published_on,
        "items": items,
    }


def decision_json(decision) -> dict:
    return {
        "id": decision.pk,
        "title": decision.title,
        "org_code": decision.org.code,
        "org_name": decision.org.name,
        "year": decision.catalogue.year,
        "state": decision.state,
        "state_label": decision.get_state_display(),
        "decided_on": decision.decided_on,
        "published_on": decision.published_on,
        "explanation": decision.explanation,
    }


@router.get(
    "/catalogues", response={200: list[CatalogueOut], 400: Message}, auth=None, summary="已公布的决策事项目录"
)
def list_catalogues(request, filters: Query[FilterIn]):
    found = published_catalogues(org_code=filters.org, year=filters.year)
    return Status(200, [catalogue_json(c) for c in page(found, filters.limit, filters.offset)])


@router.get("/", response={200: list[DecisionOut], 400: Message}, auth=None, summary="已公布的重大行政决策")
def list_decisions(request, filters: Query[FilterIn]):
    found = published_decisions(org_code=filters.org, year=filters.year)
    return Status(200, [decision_json(d) for d in page(found, filters.limit, filters.offset)])


@router.get(
    "/{int:decision_id}",
    response={200: DecisionOut, 404: Message},
    auth=None,
    summary="一项已公布的重大行政决策",
)
def get_decision(request, decision_id: int):
    return Status(200, decision_json(get_object_or_404(published_decisions(), pk=decision_id)))
