"""Small readers for cell values shared by the parsers: numbers, dates, names, markup."""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import Decimal

from urdun.core import numbers
from urdun.core.numbers import mean, round1  # noqa: F401  (the parsers check the paper with the same rule)

DATE_RE = re.compile(r"(?<!\d)(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})(?!\d)")
# Bounded digits keep Decimal away from absurd exponents in hostile input.
NUMBER_RE = re.compile(r"^[-+]?\d{1,9}(?:[.,]\d{1,6})?\s*%?$")
TAG_RE = re.compile(r"</?[A-Za-z][^<>]{0,500}>")
DASHES = {"-", "–", "—", "−"}
# Far beyond any real plan or report, low enough that hostile input stays fast to refuse.
MAX_LINES = 50_000
MAX_CELLS = 64
# Years outside this range on a civil-service document are typing errors ("8025.06.05").
MIN_YEAR, MAX_YEAR = 1990, 2100


def clean_cell(text: str) -> str:
    """Cell text without HTML tags or entities, whitespace collapsed to single spaces."""
    if "<" in text:
        text = TAG_RE.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def parse_decimal(text: str) -> Decimal | None:
    text = text.strip()
    if not NUMBER_RE.match(text):
        return None
    return Decimal(text.rstrip("%").strip().replace(",", "."))


# Units people write after a number: "100 хувь", "12 оноо", "80 %".
UNIT_RE = re.compile(r"\s*(?:%|хувь|хувиар|оноо|оноогоор|pct|percent|points?)\.?$", re.I)
# Digits grouped by spaces ("1 092") or a comma decimal ("12,5").
SPACED_RE = re.compile(r"^[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{1,6})?$")


def read_number(text: str) -> tuple[Decimal | None, bool]:
    """A number as people write it, and whether it was written literally (digits, an optional
    decimal point and "%"): "100 хувь", "12 оноо", "12,5" and "1 092" are read, not literal."""
    text = " ".join(text.split())
    value = parse_decimal(text)
    if value is not None:
        return value, "," not in text
    bare = UNIT_RE.sub("", text).strip()
    if bare != text and bare:
        value = parse_decimal(bare)
        if value is None and SPACED_RE.match(bare):
            value = Decimal(re.sub(r"\s", "", bare).replace(",", "."))
        return value, False
    if SPACED_RE.match(text):
        return Decimal(re.sub(r"\s", "", text).replace(",", ".")), False
    return None, False


def parse_int(text: str) -> int | None:
    text = text.strip().rstrip(".")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def to_date(year: str, month: str, day: str) -> date | None:
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return value if MIN_YEAR <= value.year <= MAX_YEAR else None


def corrected_date(year: str, month: str, day: str) -> date | None:
    """A date whose year has one mistyped leading digit ("8025.06.05"): the year with "2" in its
    place, when that gives a possible date. Reported as a note, never silent."""
    if len(year) != 4 or year[0] == "2":
        return None
    return to_date("2" + year[1:], month, day)


def find_dates(text: str) -> list[tuple[str, date | None]]:
    """Every date-shaped token with its value, or None when it is not a possible date. A year
    with a mistyped leading digit is read corrected (see `date_finding`, which reports it)."""
    return [(m.group(0), to_date(*m.groups()) or corrected_date(*m.groups())) for m in DATE_RE.finditer(text)]


def is_literal_date(token: str) -> bool:
    match = DATE_RE.fullmatch(token)
    return bool(match) and to_date(*match.groups()) is not None


def blank_dash(text: str) -> str:
    """A lone dash is how the paper writes "none"."""
    return "" if text.strip() in DASHES else text


def normalise_name(printed: str) -> str:
    """'В.НАРАНЧИМЭГ' → 'В.Наранчимэг': initial(s) kept, given name capitalised."""
    initials, _, given = printed.partition(".")
    given = "-".join(part.capitalize() for part in given.strip().split("-"))
    return f"{initials.strip()}.{given}" if given else printed


def code_key(code: str) -> tuple[int, ...]:
    """Sort key for dotted codes: '2.10' after '2.9'."""
    return tuple(int(p) for p in re.findall(r"\d+", code)[:6])


def fmt(value: Decimal | None) -> str:
    """A value as the paper writes it ('' for none)."""
    return numbers.fmt(value) or ""
