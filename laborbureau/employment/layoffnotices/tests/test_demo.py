"""The demo notices: filed through the services, one late, an upload with its report."""

import random

import pytest

from laborbureau.core.tests.factories import PersonFactory, citizen
from laborbureau.employment.layoffnotices import demo, selectors
from laborbureau.employment.layoffnotices.models import Channel, LayoffNotice, LayoffUpload, UploadStatus
from laborbureau.employment.layoffnotices.tests.factories import committed, counsellor, employer_account

pytestmark = pytest.mark.django_db


def test_the_demo_files_notices_once():
    employer_account()
    person = PersonFactory()
    with committed():
        made = demo.seed(rng=random.Random(1), citizens=[citizen(person)], employers=[],
                         staff={"eso_officer": counsellor()})
    assert made > 0
    assert LayoffNotice.objects.count() == 4 and LayoffNotice.objects.filter(late=True).count() == 1
    paper = LayoffNotice.objects.get(channel=Channel.COUNTER)
    assert selectors.letter_workers(paper).count() == 3
    assert LayoffNotice.objects.filter(workers__id_number=person.id_number).exists()
    upload = LayoffUpload.objects.get()
    assert upload.status == UploadStatus.INVALID and upload.error_count == 2
    assert demo.seed(rng=random.Random(1), citizens=[], employers=[], staff={}) == 0
