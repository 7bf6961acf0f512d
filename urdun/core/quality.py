"""What a quality finding is, and the text tests shared by the plan and report checks.

Pure: no models. The plans app checks organizational plans (``plans/quality.py``), the
performance app checks individual plans and reports (``performance/quality.py``); both return
:class:`Finding` rows with stable codes, so the pages, the import previews and the
``quality_report`` command speak of them the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from urdun.core.numbers import HUNDRED, round1

WARNING = "warning"
ERROR = "error"

DASHES = {"", "-", "–", "—", "--", "x", "х", "Х"}
DIGIT = re.compile(r"\d")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
NUMBER = re.compile(r"-?\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?")

# Words that say "keep carrying it out" and name no result, no quantity and no deliverable.
# A target made of these words only ("Хэрэгжилтийг хангаж ажиллах": ensure the implementation)
# cannot be measured: nothing tells at the end of the year whether it was reached.
GENERIC_WORDS = frozenset(
    [
        "хэрэгжилт",
        "хэрэгжилтийг",
        "хэрэгжилтэд",
        "хэрэгжилтийн",
        "хэрэгжүүлж",
        "хэрэгжүүлэх",
        "хэрэгжүүлэн",
        "биелэлт",
        "биелэлтийг",
        "биелэлтэд",
        "хангаж",
        "хангах",
        "хангуулах",
        "хангуулж",
        "ханган",
        "ажиллах",
        "ажиллана",
        "ажиллаж",
        "ажилласан",
        "зохион",
        "байгуулж",
        "байгуулах",
        "тогтмол",
        "тогтмолжуулах",
        "үргэлжлүүлэх",
        "үргэлжлүүлэн",
        "үргэлжлүүлж",
        "хяналт",
        "хяналтыг",
        "тавьж",
        "тавих",
        "дэмжиж",
        "дэмжих",
        "оролцож",
        "оролцох",
        "идэвхтэй",
        "арга",
        "хэмжээ",
        "авч",
        "авах",
        "шуурхай",
    ]
)


@dataclass(frozen=True)
class Finding:
    """One thing a person should look at. ``code`` is stable (scripts, counts, tests)."""

    code: str
    object_type: str  # "action", "indicator", "assignment", "report_entry", "sheet", ...
    object_id: int | None
    object: str  # as people name it: "1.1.1", "Арга хэмжээ 15.1"
    field: str  # "target", "baseline", "quarters", "responsibles", "text", "actual_end", ...
    message: str  # translated
    severity: str = WARNING
    written: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def is_blank(text: str | None) -> bool:
    """Empty, or the dash the paper writes for "none"."""
    return (text or "").strip() in DASHES


def has_number(text: str | None) -> bool:
    return bool(DIGIT.search(text or ""))


def is_unmeasurable(text: str | None) -> bool:
    """A target with no number whose every word is a generic verb of carrying out."""
    if is_blank(text) or has_number(text):
        return False
    words = [w.casefold() for w in WORD.findall(text or "")]
    return bool(words) and all(w in GENERIC_WORDS for w in words)


def first_number(text: str | None) -> Decimal | None:
    """The first number written in a cell ("91 250 суралцагч" → 91250, "0,73" → 0.73)."""
    match = NUMBER.search(text or "")
    if not match:
        return None
    raw = match.group(0).replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
        return None


def normalised_text(text: str | None) -> str:
    """Words and numbers only, case folded: how two texts are compared for "the same"."""
    return " ".join(w.casefold() for w in re.findall(r"\w+", text or ""))


def summary(findings: Iterable[Finding], checked: int, checks_per_item: int) -> dict[str, Any]:
    """Counts by code and a quality score: the share of checks passed, in percent (one decimal)."""
    findings = list(findings)
    by_code = Counter(f.code for f in findings)
    made = checked * checks_per_item
    failed = min(len(findings), made)
    score = round1(HUNDRED * Decimal(made - failed) / Decimal(made)) if made else None
    return {
        "checked": checked,
        "findings": len(findings),
        "by_code": dict(sorted(by_code.items())),
        "score": str(score) if score is not None else None,
    }
