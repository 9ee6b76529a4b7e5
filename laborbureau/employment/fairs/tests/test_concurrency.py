"""Citizens register at once for the last place: the fair's row lock lets exactly one
through (PostgreSQL, real concurrent transactions)."""

import threading

import pytest
from django.db import connection

from laborbureau.core.errors import ApplicationError
from laborbureau.core.tests.factories import citizen
from laborbureau.employment.fairs import services
from laborbureau.employment.fairs.models import FairRegistration
from laborbureau.employment.fairs.tests.factories import make_fair, tomorrow

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)")
def test_simultaneous_registrations_for_the_last_place_leave_one():
    fair = make_fair(day=tomorrow(), capacity=2)
    services.registration_create(fair=fair, actor=citizen())
    people = [citizen() for _ in range(4)]
    barrier = threading.Barrier(len(people))
    outcomes = []

    def register(person):
        try:
            barrier.wait()
            services.registration_create(fair=fair, actor=person)
            outcomes.append("registered")
        except ApplicationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["full", "full", "full", "registered"]
    assert FairRegistration.objects.filter(fair=fair, status="REGISTERED").count() == 2
