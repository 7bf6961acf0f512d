"""Unreadable input ends in a ParseError that says why, and in nothing else."""

from __future__ import annotations

import io
import zipfile

import pytest

from urdun.imports.parsers import MAX_BYTES, ParseError, Problem, parse_performance, parse_plan

from .builders import plan_docx, plan_text

PARSERS = [parse_plan, parse_performance]


def refusal(parse, data: bytes, name: str = "file") -> list[Problem]:
    with pytest.raises(ParseError) as caught:
        parse(data, name)
    assert all(p.severity == "error" and p.message for p in caught.value.problems)
    return caught.value.problems


def codes(parse, data: bytes, name: str = "file") -> list[str]:
    return [p.code for p in refusal(parse, data, name)]


@pytest.mark.parametrize("parse", PARSERS)
def test_it_refuses_an_empty_file(parse) -> None:
    assert codes(parse, b"") == ["empty"]
    assert codes(parse, b" \n\t\r\n") == ["empty"]
    assert codes(parse, b"\xef\xbb\xbf\n") == ["empty"]


@pytest.mark.parametrize("parse", PARSERS)
def test_it_refuses_a_file_over_the_size_limit(parse) -> None:
    data = plan_text() + b"\n" * (MAX_BYTES + 1)
    [error] = refusal(parse, data, "big.txt")
    assert (error.code, error.params) == ("too_large", {"limit": 10 * 1024 * 1024})


@pytest.mark.parametrize("parse", PARSERS)
def test_it_refuses_a_truncated_zip(parse) -> None:
    data = plan_docx()
    assert codes(parse, data[: len(data) // 2], "plan.docx") == ["unreadable_zip"]


@pytest.mark.parametrize("parse", PARSERS)
def test_it_refuses_random_bytes(parse) -> None:
    noise = bytes((i * 7919 + 13) % 256 for i in range(4096))
    assert codes(parse, noise, "noise.txt") == ["not_text"]


@pytest.mark.parametrize("parse", PARSERS)
def test_it_refuses_a_zip_that_is_no_office_file(parse) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert codes(parse, buffer.getvalue(), "plan.docx") == ["unsupported_zip"]


@pytest.mark.parametrize("parse", PARSERS)
def test_it_refuses_a_zip_bomb(parse) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (70 * 1024 * 1024))
    assert len(buffer.getvalue()) < MAX_BYTES
    assert codes(parse, buffer.getvalue(), "plan.docx") == ["too_large"]


@pytest.mark.parametrize("parse", PARSERS)
def test_it_names_old_office_and_pdf_files(parse) -> None:
    assert codes(parse, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "plan.doc") == ["legacy_office"]
    assert codes(parse, b"%PDF-1.7\n...", "plan.pdf") == ["pdf"]


def test_it_refuses_a_docx_with_damaged_xml() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "<w:document")
    assert codes(parse_plan, buffer.getvalue(), "plan.docx") == ["unreadable_docx"]


def test_it_accepts_a_byte_order_mark_and_utf16() -> None:
    text = plan_text().decode()
    assert len(parse_plan(b"\xef\xbb\xbf" + text.encode(), "plan.txt").actions) == 4
    assert len(parse_plan(text.encode("utf-16"), "plan.txt").actions) == 4
    assert len(parse_plan(text.replace("\n", "\r\n").encode(), "plan.txt").actions) == 4


def test_it_chooses_the_reader_by_content_not_by_name() -> None:
    assert len(parse_plan(plan_docx(), "plan.txt").actions) == 4
    assert len(parse_plan(plan_text(), "plan.docx").actions) == 4


@pytest.mark.parametrize("parse", PARSERS)
def test_it_refuses_text_with_too_many_lines(parse) -> None:
    [error] = refusal(parse, b"| a | b |\n" * 60_000, "long.md")
    assert (error.code, error.params) == ("too_many_rows", {"limit": 50_000})
