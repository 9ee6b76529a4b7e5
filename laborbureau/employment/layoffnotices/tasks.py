"""Background work of the layoff notices (run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def validate_upload(upload_id: int) -> int:
    """Check an uploaded file's rows (services.upload_validate); returns the problems found."""
    from laborbureau.employment.layoffnotices import services

    return services.upload_validate(upload_id).error_count


@task()
def send_invitations(notice_id: int) -> int:
    """Invite a notice's workers to register (services.invitations_send); returns those invited."""
    from laborbureau.employment.layoffnotices import services

    return services.invitations_send(notice_id)
