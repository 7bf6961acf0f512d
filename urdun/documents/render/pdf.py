"""PDF rendering with Typst.

The payload is turned into a :class:`~.rows.Document`, serialized to JSON and handed to the
kind's template through ``sys.inputs`` only; templates read it with ``json(bytes(...))``, so
user text is a string value to Typst and can never be interpreted as markup.

A ``typst.Compiler`` loads its fonts and parses its template once (about 100 ms), so it is
kept and reused; laying out a new sheet then costs 60-80 ms of CPU, and Typst's memoization
(process-wide, bounded: memory levels off around 160 MB) replays unchanged parts. A compiler
must not be used by two threads at once (it raises "Already borrowed"), so each template has
a small pool: a thread takes an idle compiler or creates one, and gives it back after use.
Single-threaded callers therefore keep exactly one compiler per template; threaded bulk
rendering gets one per thread and runs in parallel, as Typst releases the GIL while compiling.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typst

from .rows import KINDS, Document, build

logger = logging.getLogger(__name__)

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = _PACKAGE_DIR / "templates_typst"
FONT_DIR = _PACKAGE_DIR / "fonts"


class _CompilerPool:
    def __init__(self, template: Path) -> None:
        self._template = template
        self._idle: list[typst.Compiler] = []
        self._lock = threading.Lock()

    def _new(self) -> typst.Compiler:
        # ignore_system_fonts: the output must not depend on what the server has installed;
        # the shipped fonts plus Typst's embedded ones are all a document may use.
        return typst.Compiler(
            str(self._template),
            root=str(TEMPLATE_DIR),
            font_paths=[str(FONT_DIR)],
            ignore_system_fonts=True,
        )

    @contextmanager
    def compiler(self) -> Iterator[typst.Compiler]:
        with self._lock:
            compiler = self._idle.pop() if self._idle else None
        if compiler is None:
            compiler = self._new()
        try:
            yield compiler
        finally:
            with self._lock:
                self._idle.append(compiler)


# Tagged PDF (the accessibility structure tree) triples the file size of a sheet (about
# 140 KB instead of 47 KB) and adds to the compile time; the forms are printed and archived
# in bulk, so it is off. Turn it on here if screen-reader access is required.
PDF_TAGS = False

_POOLS = {kind: _CompilerPool(TEMPLATE_DIR / f"{kind}.typ") for kind in KINDS}


# Typst breaks lines only between words, so a word wider than its cell (a pasted link, a
# run of 300 letters) would overflow the cell. Longer words get a zero-width space between
# their letters: Typst then breaks there only when the word does not fit, and prints nothing.
LONG_WORD = 24


_LONG_RUN = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def breakable(value: str) -> str:
    """``value`` with a break opportunity between the letters of every over-long word."""
    if len(value) <= LONG_WORD:  # most cells: skip the regex
        return value
    return _LONG_RUN.sub(_break_word, value)


def _break_word(match: re.Match[str]) -> str:
    out: list[str] = []
    for char in match[0]:
        # Never split a base letter from its combining mark (й written as и + U+0306).
        if out and not unicodedata.combining(char):
            out.append("\u200b")
        out.append(char)
    return "".join(out)


def render_document_pdf(document: Document) -> bytes:
    """Compile an already built :class:`Document` with its kind's template."""
    data = json.dumps(document.to_json(breakable), ensure_ascii=False)
    with _POOLS[document.kind].compiler() as compiler:
        pdf, warnings = compiler.compile_with_warnings(sys_inputs={"data": data}, pdf_tags=PDF_TAGS)
    for warning in warnings:
        logger.warning("typst (%s): %s", document.kind, warning)
    return bytes(pdf)


def render_pdf(kind: str, payload: Mapping[str, Any]) -> bytes:
    """Render ``payload`` (a contract dict, see docs/contracts.md) as a PDF document.

    ``kind`` is one of ``evaluation_sheet``, ``plan``, ``performance_report``, ``assignments``.
    """
    return render_document_pdf(build(kind, payload))
