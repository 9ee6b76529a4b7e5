from laborbureau.notify.models import Notification


def unread_notifications(request):
    """The signed-in user's unread count, shown in every page's header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():  # lazy: pages that never show the header pay nothing
        return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

    return {"unread_notification_count": count}
