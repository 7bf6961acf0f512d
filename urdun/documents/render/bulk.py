"""Many PDFs into one ZIP, for the bulk download of a unit's or organization's sheets.

The Django layer runs this in a background job and turns ``progress`` into the percentage
its status fragment shows; nothing here touches the database.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from typing import IO, Any

from .pdf import render_pdf
from .rows import PAYLOAD_KINDS

Progress = Callable[[int, int], None]

# Typst releases the GIL while compiling and each thread gets its own compiler from the pool,
# so one thread per core renders in parallel; more threads only add memory.
WORKERS = max(1, min(4, os.cpu_count() or 1))
_UNSAFE = re.compile(r'[\x00-\x1f\\/:*?"<>|]+')


def archive_name(name: str, used: set[str]) -> str:
    """A flat, unique ``.pdf`` name: no directories, no characters Windows refuses."""
    base = _UNSAFE.sub("_", name).strip(" .") or "document"
    if base.lower().endswith(".pdf"):
        base = base[:-4]
    candidate, n = f"{base}.pdf", 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{base}-{n}.pdf"
    used.add(candidate.lower())
    return candidate


def _kind(payload: Mapping[str, Any]) -> str:
    try:
        return PAYLOAD_KINDS[payload.get("kind") or "evaluation_sheet"]
    except KeyError:
        raise ValueError(f"cannot render a payload of kind {payload.get('kind')!r}") from None


def render_many_to_zip(
    items: Iterable[tuple[str, Mapping[str, Any]]],
    fileobj: IO[bytes],
    progress: Progress | None = None,
    *,
    total: int | None = None,
    workers: int = WORKERS,
) -> int:
    """Render each ``(file name, payload)`` as a PDF into a ZIP written to ``fileobj``.

    The document kind comes from each payload's ``kind`` key (``evaluation_sheet`` when
    absent). ``progress(done, total)`` is called after every document. ``total`` defaults to
    ``len(items)`` and a one-shot iterator without it is read into a list first. Returns the
    number of documents written; the first rendering error is raised.

    ``items`` is consumed and ``progress`` called in the calling thread only, so a lazy
    generator may query the database and ``translation.override`` stays in effect for it;
    worker threads only compile, and take their labels from each payload's ``language``.
    """
    if total is None:
        if not hasattr(items, "__len__"):
            items = list(items)
        total = len(items)  # type: ignore[arg-type]

    def render(item: tuple[str, Mapping[str, Any]]) -> tuple[str, bytes]:
        name, payload = item
        return name, render_pdf(_kind(payload), payload)

    used: set[str] = set()
    done = 0
    # PDF streams are already compressed, but deflate still shrinks the uncompressed parts
    # (cross-reference tables, object headers) at a small cost per document.
    with (
        zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
        ThreadPoolExecutor(max_workers=workers) as pool,
    ):
        for name, pdf in _bounded_map(pool, render, items, window=workers * 4):
            archive.writestr(archive_name(name, used), pdf)
            done += 1
            if progress is not None:
                progress(done, total)
    return done


def _bounded_map(
    pool: ThreadPoolExecutor, fn: Callable[[Any], Any], items: Iterable[Any], *, window: int
) -> Iterator[Any]:
    """``pool.map`` in order, but with at most ``window`` documents in memory at once.

    ``Executor.map`` submits the whole iterable up front, which for 1,000 sheets would hold
    every PDF in memory before the first is written.
    """
    iterator = iter(items)
    pending = deque(pool.submit(fn, item) for item in islice(iterator, window))
    while pending:
        result = pending.popleft().result()
        for item in islice(iterator, 1):
            pending.append(pool.submit(fn, item))
        yield result
