"""The sealed box of an open colleague round: nothing readable without the server's key."""

from decimal import Decimal

import pytest

from urdun.performance import seal

POINTS = [[Decimal("8"), Decimal("5.5")], [Decimal("7"), Decimal("6")], [Decimal("1"), Decimal("0")]]


def test_a_box_opens_to_its_points_and_shows_none_of_them(settings):
    settings.COLLEAGUE_SEAL_KEY = "k" * 50
    box = seal.seal(7, POINTS)
    assert seal.unseal(7, box) == POINTS
    for text in (b"points", b"5.5", b'"8"'):
        assert text not in box


def test_every_sealing_gives_another_ciphertext_of_the_same_size(settings):
    settings.COLLEAGUE_SEAL_KEY = "k" * 50
    boxes = {seal.seal(7, POINTS) for _ in range(5)}
    assert len(boxes) == 5
    # One more colleague's points do not change the size: backups between submissions show
    # only that the box changed.
    more = [[*c, Decimal("4")] for c in POINTS]
    assert {len(b) for b in boxes} == {len(seal.seal(7, more))}


def test_a_box_does_not_open_on_another_sheet(settings):
    settings.COLLEAGUE_SEAL_KEY = "k" * 50
    with pytest.raises(seal.SealError):
        seal.unseal(8, seal.seal(7, POINTS))


def test_the_key_comes_from_the_settings_and_old_keys_open_while_listed(settings):
    settings.COLLEAGUE_SEAL_KEY = ""
    settings.SECRET_KEY = "s" * 50
    box = seal.seal(7, POINTS)
    settings.SECRET_KEY = "t" * 50
    with pytest.raises(seal.SealError):
        seal.unseal(7, box)
    settings.SECRET_KEY_FALLBACKS = ["s" * 50]
    assert seal.unseal(7, box) == POINTS
    settings.COLLEAGUE_SEAL_KEY = "c" * 50
    box = seal.seal(7, POINTS)
    settings.COLLEAGUE_SEAL_KEY = "d" * 50
    with pytest.raises(seal.SealError):
        seal.unseal(7, box)
    settings.COLLEAGUE_SEAL_KEY_FALLBACKS = ["c" * 50]
    assert seal.unseal(7, box) == POINTS


def test_a_tampered_box_is_refused(settings):
    box = bytearray(seal.seal(7, POINTS))
    box[-1] ^= 1
    with pytest.raises(seal.SealError):
        seal.unseal(7, bytes(box))
    with pytest.raises(seal.SealError):
        seal.unseal(7, b"not a box")
