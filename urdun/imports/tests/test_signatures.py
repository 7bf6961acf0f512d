"""Sign-off blocks are read in the languages Urdun prints them in, with Kazakh names too."""

from datetime import date

import pytest
from django.utils import translation

from urdun.imports.parsers.layout import TextLine
from urdun.imports.parsers.signatures import LABEL_RE, _step, read_signatures
from urdun.performance.payload import step_labels


@pytest.mark.parametrize("language", ["mn", "kk"])
def test_every_printed_step_label_is_read_as_its_step(language: str) -> None:
    with translation.override(language):
        labels = step_labels()
    for step, label in labels.items():
        match = LABEL_RE.match(f"{label}:")
        assert match, label
        assert _step(match.group(1)) == step, label


def test_kazakh_names_and_labels_are_read() -> None:
    lines = [
        TextLine("БАҒАЛАҒАН: БӨЛІМ БАСШЫСЫ", 1),
        TextLine("Жоспарлау бөлімінің бастығы", 2),
        TextLine("........................ /Ә.Жәнібек/", 3),
        TextLine("2025.06.10 (огноо)", 4),
    ]
    [signature] = read_signatures(lines, [])
    assert (signature.step, signature.name, signature.date) == ("assessed", "Ә.Жәнібек", date(2025, 6, 10))


def test_a_kazakh_named_manager_is_matched_to_the_employee(world) -> None:
    from urdun.imports.performance_import import _match
    from urdun.organizations.models import Employee

    kazakh = Employee.objects.create(
        organization=world.org, unit=world.unit_a, family_name="Жұмабай", given_name="Әсел", position="дарга"
    )
    people = {kazakh.short_name.casefold(): kazakh}
    assert kazakh.short_name == "Ж.Әсел"
    assert _match("Хэлтсийн дарга Ж.Әсел", people) == kazakh
