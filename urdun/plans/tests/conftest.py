import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Evidence files go to a throw-away MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
