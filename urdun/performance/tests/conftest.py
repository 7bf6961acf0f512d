"""Tests here assert English messages: run them in English, whatever the catalogues hold."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(client, settings):
    settings.LANGUAGE_CODE = "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
