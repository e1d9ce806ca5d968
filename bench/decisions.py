"""重大行政决策: the hand-written SQL of its indicators, for bench/indicators.py's check that the
registry and hand-written SQL agree (fazhi/decisions/indicators.py says what each counts)."""

from bench import hand_counts

KEYS = (
    "major",
    "public_participation",
    "expert_argument",
    "risk_assessment",
    "legality_reviewed",
    "collectively_decided",
)
COMMENT_KEYS = ("comments_received", "comments_adopted")
HAND_KEYS = tuple(f"decisions.{k}" for k in KEYS + COMMENT_KEYS)


def _carried_out(kind: str) -> str:
    return f"MAX(CASE WHEN kind = '{kind}' AND status = 'done' THEN 1 ELSE 0 END) AS {kind}"


# The process records in force (the latest of each kind a decision) folded to one row a
# decision (which procedures say done), joined once; a lawful waiver is not carried out.
DECISIONS_SQL = f"""
SELECT {{by}} COUNT(*), SUM(COALESCE(r.participation, 0)), SUM(COALESCE(r.experts, 0)),
  SUM(COALESCE(r.risk, 0)), SUM(COALESCE(r.legality, 0)),
  SUM(CASE WHEN d.state IN ('decided', 'published', 'archived') THEN 1 ELSE 0 END)
FROM decisions_decision d JOIN decisions_catalogue k ON k.id = d.catalogue_id
  JOIN core_org o ON o.id = d.org_id
  LEFT JOIN (SELECT decision_id, {_carried_out("participation")}, {_carried_out("experts")},
                    {_carried_out("risk")}, {_carried_out("legality")}
             FROM decisions_processrecord
             WHERE id IN (SELECT MAX(id) FROM decisions_processrecord GROUP BY decision_id, kind)
             GROUP BY decision_id) r ON r.decision_id = d.id
WHERE o.path LIKE %(path)s AND k.year = %(year)s AND k.state = 'published' {{group}}
"""
# A comment counts on its day in the platform's time zone (Asia/Shanghai, UTC+8, no DST).
COMMENTS_SQL = """
SELECT {by} COUNT(*), SUM(CASE WHEN d.adopted THEN 1 ELSE 0 END)
FROM core_comment d JOIN core_consultation c ON c.id = d.consultation_id JOIN core_org o ON o.id = d.org_id
WHERE o.path LIKE %(path)s AND c.subject_type = 'decisions.decision' AND NOT d.hidden
  AND {day} BETWEEN %(start)s AND %(end)s {group}
"""
STATEMENTS = ((DECISIONS_SQL, KEYS), (COMMENTS_SQL, COMMENT_KEYS))


def hand(connection, path: str, year: int, by_org: bool) -> dict:
    """{org id (None unless by_org): {decisions.key: n}} from the two statements."""
    params = {"start": f"{year}-01-01", "end": f"{year}-12-31", "path": f"{path}%", "year": year}
    return hand_counts(connection, STATEMENTS, "decisions", params, by_org)
