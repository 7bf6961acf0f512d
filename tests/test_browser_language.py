"""A person logs in, switches the language, and sees the page in that language; nothing the
browser loads comes from another host and the CSP blocks nothing."""

import pytest

from conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_in_switch_language_and_see_translated_page(page, world):
    browser_login(page, "alice", "pw-alice")
    page.goto("/account/")
    heading_mn = page.locator("h1").inner_text()
    assert heading_mn != "My account"  # Mongolian is the default

    with page.expect_navigation():
        page.select_option("#language-select", "en")  # app.js submits the form on change
    assert page.locator("h1").inner_text() == "My account"
    assert page.locator("html").get_attribute("lang") == "en"

    with page.expect_navigation():
        page.select_option("#language-select", "mn")
    assert page.locator("h1").inner_text() == heading_mn

    assert page.external_requests == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
