import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Issued PDFs go to a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_BASE_URL = "https://labor.gov.taipei"
    return settings.MEDIA_ROOT
