import pytest


@pytest.fixture(autouse=True)
def _fresh_matcher():
    """The matcher keeps columns in memory per process: start every test without them."""
    from laborbureau.employment import matching

    matching.reset()
    yield
    matching.reset()
