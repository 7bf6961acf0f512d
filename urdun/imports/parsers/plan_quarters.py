"""The implementation period of a plan action, as people write it, read as quarters.

Literal: Roman or Arabic quarter numbers ("IV", "I-III", "2-р улирал"). Read (and noted): dates
("2019.12.31" → IV; two dates give the quarters between them), months ("3 сар", "гуравдугаар
сар", "1-6 сар"), "Жилийн эцэст" (IV), "Эхний хагас жил" (I-II), "Жилийн турш", "Тухай бүр",
"Улирал бүр" (every quarter). Ambiguous ("Жилд 2 удаа", "Шаардлагатай үед") stays empty and is
reported: a guess would put the action in quarters the plan does not name.
"""

from __future__ import annotations

import re
from typing import Literal

from .values import find_dates

QUARTERS = ("I", "II", "III", "IV")
ALL = list(QUARTERS)
ROMAN_RE = re.compile(r"(?<![A-Z])(IV|III|II|I|[1-4])(?:\s*-\s*(IV|III|II|I|[1-4]))?(?![A-Z\d])")
QUARTER_INDEX = {"I": 0, "II": 1, "III": 2, "IV": 3, "1": 0, "2": 1, "3": 2, "4": 3}
# Words that may surround quarter numerals: "I y", "1-р улирал", "II ба IV".
QUARTER_NOISE_RE = re.compile(r"УЛИР\w*|ДУГААР|ДҮГЭЭР|-Р\b|\bР\b|\bБА\b|\bY\b|\bУ\b|[\s,;/&.\-+]")
# Phrases naming every quarter, literally ("жилийн турш") or by habit ("тухай бүр").
WHOLE_YEAR_LITERAL = ("жилийн турш", "жилдээ", "жил бүр")
WHOLE_YEAR = ("тухай бүр", "улирал бүр", "сар бүр", "байнга", "тогтмол", "жилийн туршид")
YEAR_END = ("жилийн эцэс", "оны эцэс", "жилийн сүүл")
FIRST_HALF = ("эхний хагас", "хагас жилийн эхэнд", "1-р хагас", "i хагас")
SECOND_HALF = ("сүүлийн хагас", "хоёрдугаар хагас", "2-р хагас", "ii хагас")
AMBIGUOUS = ("удаа", "шаардлагатай", "хэрэгцээ", "үе үе", "боломжтой")
MONTH_WORDS = {
    "арван нэгдүгээр": 11,
    "арван хоёрдугаар": 12,
    "нэгдүгээр": 1,
    "хоёрдугаар": 2,
    "гуравдугаар": 3,
    "дөрөвдүгээр": 4,
    "тавдугаар": 5,
    "зургаадугаар": 6,
    "долдугаар": 7,
    "наймдугаар": 8,
    "есдүгээр": 9,
    "аравдугаар": 10,
}
MONTH_RE = re.compile(
    r"(?<!\d)(\d{1,2})\s*(?:-\s*(\d{1,2}))?\s*(?:-?\s*р|-?\s*д[уү]г[аэ]{2}р|-?\s*дугаар|-?\s*дүгээр)?\s*сар"
)
How = Literal["literal", "read", "ambiguous", "bad", "empty"]


def _quarter_of_month(month: int) -> int:
    return (month - 1) // 3


def _span(first: int, last: int) -> set[int]:
    return set(range(min(first, last), max(first, last) + 1))


def _literal(text: str) -> tuple[list[str], bool]:
    upper = text.upper().replace("І", "I").replace("–", "-").replace("—", "-")
    found: set[int] = set()
    for first, last in ROMAN_RE.findall(upper):
        lo = QUARTER_INDEX[first]
        hi = QUARTER_INDEX[last] if last else lo
        found |= _span(lo, hi)
    leftover = QUARTER_NOISE_RE.sub("", ROMAN_RE.sub("", upper))
    return [QUARTERS[i] for i in sorted(found)], bool(found) and not leftover


def _months(low: str) -> set[int]:
    found: set[int] = set()
    for first, last in MONTH_RE.findall(low):
        months = [int(first)] + ([int(last)] if last else [])
        if all(1 <= m <= 12 for m in months):
            found |= _span(_quarter_of_month(months[0]), _quarter_of_month(months[-1]))
    rest = low
    for word, month in MONTH_WORDS.items():
        if re.search(rf"{word}\s+сар", rest):
            found.add(_quarter_of_month(month))
            rest = re.sub(rf"{word}\s+сар", " ", rest)
    return found


def read_quarters(text: str) -> tuple[list[str], How]:
    """The quarters a period cell names, and how they were found."""
    text = " ".join(text.split())
    if not text:
        return [], "empty"
    low = text.casefold().replace("–", "-").replace("—", "-")
    if any(p in low for p in WHOLE_YEAR_LITERAL) and not any(p in low for p in WHOLE_YEAR):
        return ALL, "literal"
    dates = [value for _, value in find_dates(text)]
    if dates and all(dates):
        quarters = {_quarter_of_month(d.month) for d in dates if d}
        return [QUARTERS[i] for i in sorted(_span(min(quarters), max(quarters)))], "read"
    quarters, understood = _literal(text)
    if understood:
        return quarters, "literal"
    if any(p in low for p in AMBIGUOUS):
        return [], "ambiguous"
    if any(p in low for p in WHOLE_YEAR):
        return ALL, "read"
    if any(p in low for p in YEAR_END):
        return ["IV"], "read"
    if any(p in low for p in FIRST_HALF):
        return ["I", "II"], "read"
    if any(p in low for p in SECOND_HALF):
        return ["III", "IV"], "read"
    months = _months(low)
    if months:
        return [QUARTERS[i] for i in sorted(months)], "read"
    return quarters, "bad"


def parse_quarters(text: str) -> tuple[list[str], bool]:
    """Quarters named in a period cell, and whether the whole cell was understood."""
    quarters, how = read_quarters(text)
    return quarters, how in ("literal", "read")


def quarters_text(quarters: list[str]) -> str:
    if quarters == ALL:
        return "I–IV"
    return ", ".join(quarters)
