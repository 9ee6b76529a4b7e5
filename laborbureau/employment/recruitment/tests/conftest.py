import pytest


@pytest.fixture(autouse=True)
def _occupations_in_transactional_tests(request):
    """A transactional test flushes the occupation rows the data migration loaded: reload."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from laborbureau.core import reference as core_reference
    from laborbureau.employment import reference

    if not apps.get_model("core", "Unit").objects.exists():
        core_reference.load(apps)
    if not apps.get_model("employment", "Occupation").objects.exists():
        reference.load(apps)
