"""Small groups stay hidden, and nothing hidden can be worked out from what is published."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from urdun.results.suppression import suppress

T = 5


def unknown_is_safe(values: list[int]) -> bool:
    nonzero = [v for v in values if v]
    return not nonzero or (len(values) >= 2 and sum(values) >= T)


rows_strategy = st.lists(
    st.lists(st.integers(min_value=0, max_value=12), min_size=3, max_size=3).map(lambda b: (sum(b), b)),
    min_size=1,
    max_size=7,
)


@settings(max_examples=300, deadline=None)
@given(rows_strategy)
def test_nothing_hidden_can_be_worked_out(rows):
    t = suppress(rows, T)
    if t.total_hidden:
        assert all(t.row_hidden)
        return
    # no published figure is drawn from 1..T-1 people
    for (n, counts), hidden, cells in zip(rows, t.row_hidden, t.cell_hidden, strict=True):
        if not hidden:
            assert n >= T
            assert all(c == 0 or c >= T for c, h in zip(counts, cells, strict=True) if not h)
    # hidden rows: the total minus the published rows gives only a group of T or more, of 2+ rows
    assert unknown_is_safe([n for (n, _), h in zip(rows, t.row_hidden, strict=True) if h])
    # in every published row, hidden cells are none, or 2+ summing to T or more
    for (n, counts), hidden, cells in zip(rows, t.row_hidden, t.cell_hidden, strict=True):
        if not hidden:
            assert unknown_is_safe([c for c, h in zip(counts, cells, strict=True) if h])
    assert unknown_is_safe([c for c, h in zip(t.total[1], t.total_cell_hidden, strict=True) if h])
    # down every column whose total is published, the unknown cells are safe too
    for b in range(3):
        if not t.total_cell_hidden[b]:
            assert unknown_is_safe([rows[i][1][b] for i in range(len(rows)) if t.cell_hidden[i][b]])


def test_a_unit_of_three_is_hidden_and_so_is_the_next_smallest():
    rows = [(3, [3, 0, 0]), (6, [5, 1, 0]), (20, [15, 5, 0])]
    t = suppress(rows, T)
    assert t.row_hidden == [True, True, False]
    assert not t.total_hidden


def test_an_organization_of_four_publishes_nothing():
    t = suppress([(4, [4, 0, 0])], T)
    assert t.total_hidden and t.row_hidden == [True]


def test_a_single_small_band_takes_another_with_it():
    t = suppress([(12, [10, 2, 0]), (10, [10, 0, 0])], T)
    assert t.cell_hidden[0][:2] == [True, True]
    assert t.cell_hidden[1] == [False, False, False]
