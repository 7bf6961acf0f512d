"""Sign-off blocks printed under the report, the assignments and the evaluation sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .layout import (
    TextLine,
    plain,
)
from .types import (
    ParsedSignature,
    Problem,
    date_finding,
)
from .values import (
    find_dates,
    is_literal_date,
    normalise_name,
)

# Capitals of Mongolian and Kazakh Cyrillic (Bayan-Ölgii prints Kazakh names and, in its
# Kazakh exports, Kazakh sign-off labels).
UPPER = "А-ЯЁӨҮӘҒҚҢҰҺІ"
LOWER = "а-яёөүәғқңұһі"
LABEL_RE = re.compile(rf"^([{UPPER}][{UPPER} ,\-]*[{UPPER}])\s*:\s*(.*)$")
NAME = rf"[{UPPER}]{{1,3}}\s?\.\s?[{UPPER}][{UPPER}{LOWER}\-]+"
NAME_RE = re.compile(rf"/\s*({NAME})\s*/?|({NAME})\s*/")
# (label keyword, sign-off step); the more specific keyword first.
STEPS = (
    ("тайлан гаргасан", "prepared"),
    ("хянан баталгаажуулсан", "verified"),
    ("үүрэг даалгавар авсан", "assignment_received"),
    ("үнэлгээ өгсөн", "assessed"),
    ("танилцаж", "acknowledged"),
    ("нарийн бичгийн дарга", "reviewed_secretary"),
    ("үнэлгээг хянасан", "reviewed_leader"),
    ("үнэлгээг баталгаажуулсан", "confirmed"),
    # The same steps as Urdun's Kazakh exports label them.
    ("есепті дайындаған", "prepared"),
    ("тексеріп растаған", "verified"),
    ("бағамен танысып", "acknowledged"),
    ("бағаны қараған", "reviewed_leader"),
    ("тобының хатшысы", "reviewed_secretary"),
    ("бағаны растаған", "confirmed"),
    ("бағалаған", "assessed"),
)


@dataclass
class _SignatureDraft:
    label: str
    line: int
    position: list[str] = field(default_factory=list)
    printed: str = ""
    date: date | None = None
    dated: bool = False


def _step(label: str) -> str | None:
    folded = label.casefold()
    return next((step for word, step in STEPS if word in folded), None)


def read_signatures(lines: list[TextLine], problems: list[Problem]) -> list[ParsedSignature]:
    """Sign-off blocks: a label line ("ҮНЭЛГЭЭ ӨГСӨН:"), position lines, the name between
    slashes, a date. Two blocks printed side by side come out as both labels, then both names
    in the same order, so a name goes to the earliest label still without one."""
    drafts: list[_SignatureDraft] = []
    for item in lines:
        text = plain(item.text)
        if not text:
            continue
        label = LABEL_RE.match(text)
        name = NAME_RE.search(text)
        if label and not name:
            last = drafts[-1] if drafts else None
            if last and not last.position and not last.printed and _step(label.group(1)) is None:
                last.position.extend(x for x in label.groups() if x)  # a sub-title of the label
            else:
                drafts.append(
                    _SignatureDraft(label.group(1), item.line, [label.group(2)] if label.group(2) else [])
                )
            continue
        if name:
            target = next((d for d in drafts if not d.printed), None)
            if target is None:
                target = _SignatureDraft("", item.line)
                drafts.append(target)
            target.printed = re.sub(r"\s", "", name.group(1) or name.group(2))
        found = find_dates(text)
        if found:
            token, value = found[0]
            if not is_literal_date(token):
                problems.append(date_finding(token, value, item.line, "date"))
            named = [d for d in drafts if d.printed]
            if named and not named[-1].dated:
                named[-1].date, named[-1].dated = value, True
            continue
        if not name and drafts and not drafts[-1].printed and _is_position(text):
            drafts[-1].position.append(text)
    return [
        ParsedSignature(
            label=d.label,
            position=" ".join(d.position),
            name=normalise_name(d.printed) if d.printed else "",
            name_printed=d.printed,
            date=d.date,
            step=_step(d.label),
            source_line=d.line,
        )
        for d in drafts
    ]


def _is_position(text: str) -> bool:
    return (
        not text.startswith("[")
        and bool(re.search(rf"[{UPPER}]{{2}}", text))
        and "огноо" not in text.casefold()
    )
