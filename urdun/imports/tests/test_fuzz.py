"""Whatever bytes arrive, the parsers either return a result or raise ParseError, and never
fail inside (a bug would surface as the "internal_error" problem)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from urdun.imports.parsers import ParsedPerformance, ParsedPlan, ParseError, parse_performance, parse_plan

from .builders import PERFORMANCE_SEED, PLAN_SEED, performance_docx, plan_docx, plan_xlsx


def performance_xlsx() -> bytes:
    """The evaluation sheet as Urdun exports it to XLSX (no database needed)."""
    from urdun.documents.render.xlsx import render_xlsx
    from urdun.documents.tests import payloads

    return render_xlsx("evaluation_sheet", payloads.sheet())


FILENAMES = st.sampled_from(["upload.txt", "upload.md", "upload.docx", "upload.xlsx"])
PARSERS: list[Callable[[bytes, str], ParsedPlan | ParsedPerformance]] = [parse_plan, parse_performance]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NOISE = st.sampled_from(
    ["|", "\t", "\n", "\f", "| |", "Зорилт 3.", "2025.13.45", "1.1.1.", "<p>", "ХХ", "00"]
)
needs_seeds = pytest.mark.skipif(
    not (PLAN_SEED.exists() and PERFORMANCE_SEED.exists()), reason="seed files in ../shared/seeds are absent"
)


def check(data: bytes, filename: str) -> None:
    for parse in PARSERS:
        try:
            result = parse(data, filename)
        except ParseError as error:
            assert error.problems
            assert "internal_error" not in [p.code for p in error.problems], error.__cause__
        else:
            assert isinstance(result, ParsedPlan | ParsedPerformance)
            assert all(p.message for p in result.problems)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """The seed with lines deleted, duplicated and swapped, noise inserted and its end cut."""
    lines = original.decode().split("\n")
    for _ in range(draw(st.integers(0, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "unicode"]))
        if operation == "delete":
            del lines[i]
        elif operation == "duplicate":
            lines.insert(j, lines[i])
        elif operation == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        else:
            piece = draw(NOISE if operation == "insert" else st.text(min_size=1, max_size=5))
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + piece + lines[i][k:]
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))
    return data if cut is None else data[:cut]


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """An office file with a few bytes changed or its end cut off."""
    data = bytearray(original)
    for _ in range(draw(st.integers(0, 4))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(0, len(data)))])


@FUZZ
@given(st.binary(max_size=3000), FILENAMES)
def test_it_survives_random_bytes(data: bytes, filename: str) -> None:
    check(data, filename)


@FUZZ
@given(st.text(max_size=3000), FILENAMES)
def test_it_survives_random_text(text: str, filename: str) -> None:
    check(text.encode("utf-8", "surrogatepass"), filename)


@needs_seeds
@FUZZ
@given(st.data(), FILENAMES)
def test_it_survives_a_mutated_plan_seed(data: st.DataObject, filename: str) -> None:
    check(data.draw(mutated(PLAN_SEED.read_bytes())), filename)


@needs_seeds
@FUZZ
@given(st.data(), FILENAMES)
def test_it_survives_a_mutated_performance_seed(data: st.DataObject, filename: str) -> None:
    check(data.draw(mutated(PERFORMANCE_SEED.read_bytes())), filename)


OFFICE_FILES = [plan_docx(), plan_xlsx(), performance_docx(), performance_xlsx()]


@FUZZ
@given(st.sampled_from(OFFICE_FILES).flatmap(damaged), FILENAMES)
def test_it_survives_damaged_office_files(data: bytes, filename: str) -> None:
    check(data, filename)


@st.composite
def edited_sheet_xlsx(draw: st.DrawFn) -> bytes:
    """Urdun's sheet XLSX with cells overwritten, cleared or moved, as a careless edit would."""
    from io import BytesIO

    from openpyxl import load_workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = load_workbook(BytesIO(PERFORMANCE_XLSX))
    ws = workbook.active
    for _ in range(draw(st.integers(1, 12))):
        cell = ws.cell(
            row=draw(st.integers(1, ws.max_row + 2)), column=draw(st.integers(1, ws.max_column + 1))
        )
        if type(cell).__name__ == "MergedCell":
            continue
        value = draw(st.one_of(st.none(), NOISE, st.text(max_size=40), st.integers(-5, 500)))
        # openpyxl refuses control characters in a cell; Excel cannot store them either.
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PERFORMANCE_XLSX = performance_xlsx()


@FUZZ
@given(edited_sheet_xlsx(), FILENAMES)
def test_it_survives_edited_sheet_xlsx(data: bytes, filename: str) -> None:
    check(data, filename)
