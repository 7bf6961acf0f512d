"""The evaluation sheet as the JSON of docs/contracts.md: every computed figure, as strings.

``sheet_payload(sheet)`` is the full sheet (exports, documents, the confirmed snapshot).
``sheet_payload(sheet, viewer=actor)`` hides what that person may not see yet: the unit head's
points before the head has signed, the team's re-scores before its review (except to the team),
and part 4 until enough colleagues have scored. Colleague scores only ever appear as averages.
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from urdun.organizations.permissions import Actor
from urdun.performance import scoring
from urdun.performance.models import (
    STEP_ORDER,
    Decision,
    EvaluationSheet,
    Period,
    RowKind,
    SheetStatus,
    Step,
)
from urdun.performance.scoring import fmt, fmt1


class SheetNotFound(LookupError):
    pass


def exclusion_label(code: str | None) -> str | None:
    return {
        None: None,
        scoring.NOT_DUE: _("Not yet due"),
        scoring.CANNOT_EVALUATE: _("Cannot be evaluated (ХХ)"),
        scoring.NOT_SCORED: _("Not scored (00)"),
        scoring.NO_TOTAL: _("No total given"),
    }[code]


def step_labels() -> dict[str, str]:
    return {
        Step.PREPARED: _("REPORT PREPARED BY"),
        Step.VERIFIED: _("VERIFIED BY"),
        Step.ASSESSED: _("ASSESSED BY: UNIT HEAD"),
        Step.ACKNOWLEDGED: _("READ AND AGREED"),
        Step.REVIEWED_LEADER: _("REVIEWED: LEADER, FOR THE EVALUATION TEAM"),
        Step.REVIEWED_SECRETARY: _("SECRETARY OF THE EVALUATION TEAM"),
        Step.CONFIRMED: _("CONFIRMED: HEAD OF THE ORGANIZATION"),
    }


def parse_period(period: str) -> tuple[int, str]:
    m = re.fullmatch(r"\s*(\d{4})(?:-(H1|Y))?\s*", period or "", flags=re.IGNORECASE)
    if not m:
        raise SheetNotFound(
            _("Unknown period %(period)r: use 2025-H1 (half-year) or 2025 (annual).") % {"period": period}
        )
    kind = (m.group(2) or "Y").upper()
    return int(m.group(1)), Period.H1 if kind == "H1" else Period.ANNUAL


def find_sheet(username: str, period: str) -> EvaluationSheet:
    """The sheet of a user for a period code: "2025-H1" (half-year) or "2025" (annual)."""
    year, kind = parse_period(period)
    sheet = (
        EvaluationSheet.objects.select_related(
            "employee__user", "employee__organization", "employee__unit", "cycle__methodology"
        )
        .filter(employee__user__username=username, cycle__year=year, cycle__period=kind)
        .first()
    )
    if sheet is None:
        raise SheetNotFound(
            _("No evaluation sheet for %(user)s in %(period)s.") % {"user": username, "period": period}
        )
    return sheet


def _visibility(sheet: EvaluationSheet, viewer: Actor | None) -> tuple[bool, bool]:
    """(head points visible, re-scores visible) for this viewer."""
    if viewer is None or viewer.is_admin:
        return True, True
    from urdun.performance.rules import is_self, is_team

    head_visible = True
    rescore_visible = sheet.status in (SheetStatus.REVIEWED, SheetStatus.CONFIRMED) or is_team(viewer, sheet)
    if is_self(viewer, sheet):
        head_visible = sheet.status in (
            SheetStatus.ASSESSED,
            SheetStatus.DISPUTED,
            SheetStatus.ACKNOWLEDGED,
            SheetStatus.REVIEWED,
            SheetStatus.CONFIRMED,
        )
        rescore_visible = sheet.status in (SheetStatus.REVIEWED, SheetStatus.CONFIRMED)
    return head_visible, rescore_visible


def signatures(sheet: EvaluationSheet) -> list[dict[str, Any]]:
    current: dict[str, Any] = {}
    for event in sheet.events.filter(
        voided=False, decision__in=[Decision.SIGNED, Decision.DISAGREED]
    ).order_by("at", "pk"):
        current[event.step] = event
    labels = step_labels()
    out = []
    for step in STEP_ORDER:
        e = current.get(step)
        out.append(
            {
                "step": step,
                "label": labels[step],
                "position": e.position if e else None,
                "name": e.name if e else None,
                "date": e.signed_on.isoformat() if e else None,
                "decision": e.decision if e else None,
            }
        )
    return out


def compute_figures(
    sheet: EvaluationSheet,
    head_visible: bool = True,
    rescore_visible: bool = True,
    colleagues: tuple[int, list[list[Decimal]]] | None = None,
) -> dict[str, Any]:
    """Everything computed, plus the rows it was computed from. `colleagues` is the sheet's
    colleague summary when the caller has already fetched it for many sheets at once."""
    from urdun.performance.services import colleague_summary

    method = sheet.cycle.methodology
    rows = list(sheet.rows.all())
    scored_rows = [r for r in rows if r.kind != RowKind.OBJECTIVE]

    def p1row(r: Any) -> scoring.Part1Row:
        return scoring.Part1Row(
            performance=r.performance if head_visible else None,
            timeliness=r.timeliness if head_visible else None,
            rescore=r.rescore if rescore_visible else None,
            mark=r.mark if head_visible else "",
        )

    knowledge = list(sheet.knowledge_scores.all())
    head = list(sheet.head_scores.all())
    count, per_criterion = colleagues if colleagues is not None else colleague_summary(sheet)
    colleagues_visible = count >= method.colleague_minimum
    inp = scoring.SheetInput(
        part1_rows=[p1row(r) for r in scored_rows],
        knowledge_rows=[
            scoring.KnowledgeRow(
                completion=k.completion if head_visible else None,
                rescore=k.rescore if rescore_visible else None,
            )
            for k in knowledge
        ],
        head_rows=[
            scoring.HeadRow(
                points=h.points if head_visible else None, rescore=h.rescore if rescore_visible else None
            )
            for h in head
        ],
        colleague_scores=per_criterion if colleagues_visible else [],
        adjustments=[a.points for a in sheet.adjustments.all()] if rescore_visible else [],
        maxima=method.maxima,
        bands=method.bands,
    )
    figures = scoring.compute(inp)
    return {
        "figures": figures,
        "rows": rows,
        "scored_rows": scored_rows,
        "knowledge": knowledge,
        "head": head,
        "colleague_count": count,
        "colleague_lists": per_criterion,
        "colleagues_visible": colleagues_visible,
        "head_visible": head_visible,
        "rescore_visible": rescore_visible,
    }


def sheet_payload(
    sheet: EvaluationSheet, language: str = "mn", viewer: Actor | None = None
) -> dict[str, Any]:
    """The contract of docs/contracts.md. A confirmed sheet returns its frozen snapshot."""
    if sheet.status == SheetStatus.CONFIRMED and sheet.confirmed_payload and viewer is None:
        return frozen_payload(sheet, language)
    with translation.override(language):
        return _build(sheet, language, viewer)


def frozen_payload(sheet: EvaluationSheet, language: str) -> dict[str, Any]:
    """The snapshot taken at confirmation: its figures, texts, names and dates never change;
    only the form's own words (period, signature steps, exclusion reasons) follow the reader's
    language."""
    payload = copy.deepcopy(sheet.confirmed_payload or {})
    payload["language"] = language
    payload.setdefault("import_notes", list(sheet.import_notes or []))  # sheets confirmed before notes
    with translation.override(language):
        payload.setdefault("period", {})["label"] = sheet.cycle.label
        labels = step_labels()
        for signature in payload.get("signatures", []):
            if signature.get("step") in labels:
                signature["label"] = labels[signature["step"]]
        for row in payload.get("performance", {}).get("rows", []):
            if row.get("type") == "assignment_header":
                row["text"] = _("Additional assignments")
            elif row.get("exclusion"):
                row["exclusion_reason"] = exclusion_label(row["exclusion"])
    return payload


def _build(sheet: EvaluationSheet, language: str, viewer: Actor | None) -> dict[str, Any]:
    head_visible, rescore_visible = _visibility(sheet, viewer)
    c = compute_figures(sheet, head_visible, rescore_visible)
    f: scoring.SheetFigures = c["figures"]
    employee = sheet.employee
    org = employee.organization
    method = sheet.cycle.methodology
    maxk = method.max_knowledge

    rows_out: list[dict[str, Any]] = []
    results = iter(f.part1.rows)
    assignment_header = False
    for r in c["rows"]:
        if r.kind == RowKind.OBJECTIVE:
            rows_out.append({"type": "objective", "code": r.code, "text": r.text})
            continue
        if r.kind == RowKind.ASSIGNMENT and not assignment_header:
            assignment_header = True
            rows_out.append({"type": "assignment_header", "text": _("Additional assignments")})
        res = next(results)
        rows_out.append(
            {
                "type": "action" if r.kind == RowKind.ACTION else "assignment",
                "number": r.number,
                "code": r.code,
                "text": r.text,
                "performance": fmt(r.performance) if head_visible else None,
                "timeliness": fmt(r.timeliness) if head_visible else None,
                "row_total": fmt(res.row_total),
                "rescore": fmt(r.rescore) if rescore_visible else None,
                "counted": fmt(res.counted),
                "excluded": res.excluded,
                "exclusion": res.exclusion,
                "exclusion_reason": exclusion_label(res.exclusion),
            }
        )
    knowledge_rows = []
    for k in c["knowledge"]:
        completion = k.completion if head_visible else None
        points = scoring.knowledge_points(completion, maxk) if completion is not None else None
        knowledge_rows.append(
            {
                "number": k.number,
                "text": k.text,
                "completion": fmt(completion),
                "points": fmt1(points),
                "rescore": fmt(k.rescore) if rescore_visible else None,
            }
        )
    head_rows = [
        {
            "number": f"{i}.",
            "criterion": h.criterion,
            "group": "competency" if h.is_competency else "criterion",
            "points": fmt(h.points) if head_visible else None,
            "rescore": fmt(h.rescore) if rescore_visible else None,
        }
        for i, h in enumerate(c["head"], start=1)
        if not h.is_competency or h.points is not None or h.rescore is not None
    ]
    visible = c["colleagues_visible"]
    colleague_rows = [
        {
            "number": f"{i}.",
            "criterion": criterion,
            "points": fmt1(scoring.mean(c["colleague_lists"][i - 1]))
            if visible and i <= len(c["colleague_lists"])
            else None,
        }
        for i, criterion in enumerate(method.colleague_criteria, start=1)
    ]
    adjustments = list(sheet.adjustments.all()) if rescore_visible else []
    band = f.rating
    payload: dict[str, Any] = {
        "kind": "evaluation_sheet",
        "language": language,
        "organization": {"code": org.code, "name": org.name},
        "unit": {"name": sheet.unit_name or (employee.unit.name if employee.unit else "")},
        "employee": {
            "username": employee.user.username if employee.user else "",
            "name": sheet.employee_name or employee.short_name,
            "full_name": employee.full_name,
            "position": sheet.employee_position or employee.position,
        },
        "period": {
            "code": sheet.cycle.code,
            "year": sheet.cycle.year,
            "kind": "H1" if sheet.cycle.period == Period.H1 else "Y",
            "label": sheet.cycle.label,
        },
        "methodology": {
            "code": method.code,
            "name": method.name,
            "legal_basis": method.legal_basis,
            # The "… хүртэл" header cells print the version's own maxima.
            "maxima": {
                "performance": fmt(method.max_performance),
                "timeliness": fmt(method.max_timeliness),
                "row": fmt(method.max_performance + method.max_timeliness),
                "knowledge": fmt(method.max_knowledge),
                "head": fmt(method.max_head),
                "colleagues": fmt(method.max_colleague),
            },
        },
        "status": sheet.status,
        "part1": fmt1(f.part1_display),
        "part2": fmt1(f.part2_display),
        "part3": fmt1(f.part3_display),
        "part4": fmt1(f.part4_display),
        "adjustments": fmt1(f.adjustments),
        "total": fmt1(f.total),
        "rating": {"letter": band.letter, "label": band.label} if band else None,
        "performance": {
            "rows": rows_out,
            "scored_count": f.part1.scored_count,
            "row_count": f.part1.row_count,
            "sum": fmt(f.part1.total),
            "mean": fmt1(f.part1.mean),
        },
        "knowledge": {"rows": knowledge_rows, "mean": fmt1(f.part2_mean)},
        "head": {"rows": head_rows, "mean": fmt1(f.part3_mean)},
        "colleagues": {
            "rows": colleague_rows,
            "count": c["colleague_count"],
            "visible": visible,
            "mean": fmt1(f.part4_mean) if visible else None,
        },
        "adjustment_rows": [
            {"reason": a.reason, "clause": a.clause, "points": fmt1(a.points), "note": a.note}
            for a in adjustments
        ],
        "signatures": signatures(sheet),
        "import_notes": list(sheet.import_notes or []),
    }
    if sheet.imported:
        payload["mismatches"] = list(sheet.mismatches or [])
    return payload


def payload_decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def sheet_totals(sheets: Any, viewer: Actor | None = None) -> list[dict[str, Any]]:
    """The five parts, total and rating of many sheets in a fixed number of queries: rows and
    scores are prefetched and the colleague scores of all sheets come in one query."""
    from urdun.performance.models import ColleagueScore

    sheets = list(
        sheets.select_related("employee__unit", "employee__user", "cycle__methodology").prefetch_related(
            "rows", "knowledge_scores", "head_scores", "adjustments"
        )
    )
    points: dict[int, dict[int, list[Decimal]]] = {}
    for sheet_id, criterion, value in ColleagueScore.objects.filter(sheet__in=sheets).values_list(
        "sheet_id", "criterion", "points"
    ):
        points.setdefault(sheet_id, {}).setdefault(criterion, []).append(value)
    out = []
    for sheet in sheets:
        n = len(sheet.cycle.methodology.colleague_criteria)
        lists = [points.get(sheet.pk, {}).get(i, []) for i in range(1, n + 1)]
        summary = (min((len(v) for v in lists), default=0), lists)
        head_visible, rescore_visible = _visibility(sheet, viewer)
        f = compute_figures(sheet, head_visible, rescore_visible, colleagues=summary)["figures"]
        out.append(
            {
                "sheet": sheet,
                "name": sheet.employee_name or sheet.employee.short_name,
                "position": sheet.employee_position or sheet.employee.position,
                "unit": sheet.unit_name or (sheet.employee.unit.name if sheet.employee.unit else ""),
                "part1": fmt1(f.part1_display),
                "part2": fmt1(f.part2_display),
                "part3": fmt1(f.part3_display),
                "part4": fmt1(f.part4_display),
                "adjustments": fmt1(f.adjustments),
                "total": fmt1(f.total),
                "rating": f.rating.letter if f.rating else "",
                "status": sheet.get_status_display(),
            }
        )
    return out
