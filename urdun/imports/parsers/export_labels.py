"""What Urdun's own exports print that is computed, not data, recognised by the renderers'
labels (`urdun.documents.render.labels`, every language) so that an exported file, edited or
not, imports back: the plan's mean-implementation rows and the units table after them, the
"not counted in the mean" note under a sheet row, and the completion line under an assignment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from urdun.documents.render.labels import LABELS


def _pattern(template: str) -> str:
    """A label template as a regex: each ``{field}`` matches any short run of text."""
    parts = re.split(r"\{\w+\}", template)
    return r".{0,40}?".join(re.escape(" ".join(p.split())) for p in parts)


def _labels(key: str) -> list[str]:
    return sorted({table[key] for table in LABELS.values() if table.get(key)}, key=len, reverse=True)


def _compile(keys: Iterable[str]) -> re.Pattern[str]:
    patterns = [_pattern(t) for key in keys for t in _labels(key)]
    return re.compile(r"^\s*(?:" + "|".join(patterns) + r")", re.I | re.S)


# Plan: "Зорилт 1.2: хэрэгжилтийн дундаж (үнэлсэн арга хэмжээ: 3)", "1-р бүлэг: ...".
PLAN_AGGREGATE_RE = _compile(("objective_total", "section_total"))
# The plan-wide total ends the plan table; the units table follows it on the same sheet.
PLAN_END_RE = _compile(("plan_total", "units_heading"))
# The implementation column ("Хэрэгжилт, %") holds computed percentages, not plan data.
IMPLEMENTATION_HEADERS = frozenset(" ".join(t.casefold().split()) for t in _labels("plan_col_percent"))

# Evaluation sheet: the note printed under an excluded row, "Дунджид тооцоогүй: Оноогүй (00)".
EXCLUDED_RE = re.compile(
    r"(?:^|\s)(?:"
    + "|".join(_pattern(t.split("{")[0]) for t in _labels("excluded") + _labels("excluded_no_reason"))
    + r")\s*:?\s*(?P<reason>.*)$",
    re.I | re.S,
)
# Additional assignments: "Биелэлтийн хувь: 100" printed under the achieved level.
COMPLETION_NOTE_RE = re.compile(
    r"(?:^|\s)(?:"
    + "|".join(_pattern(t.split("{")[0]) for t in _labels("completion_note"))
    + r")\s*(?P<value>\d{1,3}(?:[.,]\d+)?)\s*%?\s*$",
    re.I | re.S,
)


def is_plan_aggregate(text: str) -> bool:
    return bool(PLAN_AGGREGATE_RE.match(text))


def ends_plan(text: str) -> bool:
    return bool(PLAN_END_RE.match(text))


def is_implementation_header(text: str) -> bool:
    return " ".join(text.casefold().split()) in IMPLEMENTATION_HEADERS


def split_excluded_note(text: str) -> tuple[str, str | None]:
    """Text of a sheet row without the exclusion note after it, and the note's reason
    (``""`` without one, ``None`` when there is no note)."""
    match = EXCLUDED_RE.search(text)
    if not match:
        return text, None
    return text[: match.start()].rstrip(), match.group("reason").strip()


def split_completion_note(text: str) -> tuple[str, str | None]:
    """Achieved text without the completion line Urdun prints under it, and that line's value."""
    match = COMPLETION_NOTE_RE.search(text)
    if not match:
        return text, None
    return text[: match.start()].rstrip(), match.group("value")
