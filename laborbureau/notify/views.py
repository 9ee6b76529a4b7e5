from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from laborbureau.notify.models import Notification


@login_required
def notification_list(request):
    notices = Notification.objects.filter(recipient=request.user)[:100]
    return render(request, "notify/list.html", {"notices": notices})
