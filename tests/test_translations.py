"""The message catalogues: Mongolian (the default) and English are complete, every catalogue
compiles and its .mo holds exactly what its .po says, placeholders survive translation, and a
signed-in person sees the page in Mongolian by default and in English after switching."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "urdun" / "locale"
LANGUAGES = ["mn", "en", "kk"]
COMPLETE = ["mn", "en"]  # kk may leave entries empty: Django falls back to mn for those

# %(name)s, %(count)d, %s, %%, {name}
PLACEHOLDER = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc]|%[sdifr]|%%|\{[A-Za-z_0-9]*\}"
)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.po"


def mo_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.mo"


def load_po(lang: str) -> polib.POFile:
    return polib.pofile(str(po_path(lang)))


def live(po) -> list:
    return [e for e in po if not e.obsolete]


def is_translated(entry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def as_dict(entries) -> dict:
    """msgid (or msgid + plural) -> translation(s), for entries a .mo file carries."""
    out = {}
    for e in entries:
        if e.msgid == "":
            continue
        if e.msgid_plural:
            out[(e.msgctxt, e.msgid, e.msgid_plural)] = tuple(
                e.msgstr_plural[k] for k in sorted(e.msgstr_plural)
            )
        else:
            out[(e.msgctxt, e.msgid)] = e.msgstr
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_exists_with_a_correct_header(lang):
    assert po_path(lang).is_file(), f"{po_path(lang)} is missing"
    assert mo_path(lang).is_file(), f"{mo_path(lang)} is missing: run compilemessages"
    po = load_po(lang)
    assert po.metadata.get("Language") == lang
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert po.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=2;plural=(n!=1);"
    assert len(live(po)) > 0


@pytest.mark.parametrize("lang", COMPLETE)
def test_every_entry_is_translated_and_none_is_fuzzy(lang):
    po = load_po(lang)
    untranslated = [e.msgid for e in live(po) if not is_translated(e)]
    fuzzy = [e.msgid for e in live(po) if "fuzzy" in e.flags]
    assert untranslated == [], f"{lang}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert fuzzy == [], f"{lang}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert not po.metadata_is_fuzzy


def test_kazakh_has_no_fuzzy_entries():
    """An unchecked guess would be shown to Kazakh readers: an empty entry falls back to mn instead."""
    assert [e.msgid for e in live(load_po("kk")) if "fuzzy" in e.flags] == []


def test_english_is_the_source_text():
    for e in live(load_po("en")):
        if e.msgid_plural:
            assert (e.msgstr_plural[0], e.msgstr_plural[1]) == (e.msgid, e.msgid_plural)
        else:
            assert e.msgstr == e.msgid


@pytest.mark.parametrize("lang", LANGUAGES)
def test_msgfmt_check_format_passes(lang):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed, so the format check cannot run")
    result = subprocess.run(
        [msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(po_path(lang))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_holds_exactly_the_translations_of_the_po(lang):
    po_entries = [e for e in live(load_po(lang)) if is_translated(e) and "fuzzy" not in e.flags]
    expected = as_dict(po_entries)
    actual = as_dict(polib.mofile(str(mo_path(lang))))
    missing = sorted(set(expected) - set(actual), key=str)
    extra = sorted(set(actual) - set(expected), key=str)
    assert missing == [], (
        f"{lang}: .mo lacks {len(missing)} entries of the .po, e.g. {missing[:3]}: recompile"
    )
    assert extra == [], f"{lang}: .mo has {len(extra)} entries the .po does not, e.g. {extra[:3]}: recompile"
    changed = [k for k in expected if expected[k] != actual[k]]
    assert changed == [], f"{lang}: .mo differs from the .po for {changed[:3]}: recompile"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_placeholders(lang):
    wrong = []
    for e in live(load_po(lang)):
        if not is_translated(e):
            continue
        if e.msgid_plural:
            forms = [e.msgstr_plural[k] for k in sorted(e.msgstr_plural)]
            # the singular form may name the count or not, but may invent nothing
            if placeholders(forms[0]) not in (placeholders(e.msgid), placeholders(e.msgid_plural)):
                wrong.append((e.msgid, forms[0]))
            for form in forms[1:]:
                if placeholders(form) != placeholders(e.msgid_plural):
                    wrong.append((e.msgid_plural, form))
        elif placeholders(e.msgstr) != placeholders(e.msgid):
            wrong.append((e.msgid, e.msgstr))
    assert wrong == [], f"{lang}: placeholders differ: {wrong[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_leading_and_trailing_whitespace(lang):
    wrong = []
    for e in live(load_po(lang)):
        if not is_translated(e):
            continue
        texts = [e.msgstr] if not e.msgid_plural else list(e.msgstr_plural.values())
        for text in texts:
            if (e.msgid.startswith("\n"), e.msgid.endswith("\n")) != (
                text.startswith("\n"),
                text.endswith("\n"),
            ):
                wrong.append(e.msgid)
    assert wrong == [], f"{lang}: newlines at the ends differ: {wrong[:5]}"


def test_mongolian_is_written_in_cyrillic():
    """A Mongolian entry made only of Latin words is almost surely an untranslated copy."""
    latin_word = re.compile(r"[A-Za-z]{4,}")
    allowed = {
        "Urdun",
        "XLSX",
        "DOCX",
        "HTTP",
        "https",
        "http",
        "family_name",
        "given_name",
        "position",
        "unit",
        "category",
        "username",
        "email",
    }
    suspicious = []
    for e in live(load_po("mn")):
        text = e.msgstr if not e.msgid_plural else e.msgstr_plural[0]
        stripped = PLACEHOLDER.sub("", text)
        words = [w for w in latin_word.findall(stripped) if w not in allowed]
        if words and not re.search(r"[А-Яа-яЁёӨөҮү]", stripped):
            suspicious.append((e.msgid, text))
    assert suspicious == [], suspicious[:5]


def mongolian(msgid: str) -> str:
    entry = load_po("mn").find(msgid)
    assert entry is not None and entry.msgstr, f"{msgid!r} has no Mongolian translation"
    return entry.msgstr


def test_account_page_is_mongolian_by_default_and_english_after_switching(client, world):
    my_account_mn = mongolian("My account")
    assert my_account_mn != "My account"
    client.force_login(world.people["alice"].user)

    page = client.get("/account/")
    assert page.status_code == 200
    html = page.content.decode()
    assert my_account_mn in html
    assert 'lang="mn"' in html

    switched = client.post("/language/", {"language": "en", "next": "/account/"})
    assert switched.status_code == 302
    assert switched["Location"] == "/account/"

    page = client.get("/account/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "My account" in html
    assert my_account_mn not in html


def test_kazakh_falls_back_to_mongolian_for_missing_entries(client, world):
    """An entry left empty in kk shows its Mongolian translation, never the English source."""
    client.force_login(world.people["alice"].user)
    client.post("/language/", {"language": "kk", "next": "/account/"})
    page = client.get("/account/")
    assert page.status_code == 200
    html = page.content.decode()
    kk = load_po("kk").find("My account")
    expected = kk.msgstr if kk is not None and kk.msgstr else mongolian("My account")
    assert expected in html
