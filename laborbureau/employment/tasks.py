"""Background work of the job bank (run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def match_run_execute(run_id: int) -> int:
    """A bulk matching run (employment.matching.match_run_execute); returns seekers done."""
    from laborbureau.employment import matching

    return matching.match_run_execute(run_id).done
