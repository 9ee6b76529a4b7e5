from django.shortcuts import render


def verify(request):
    return render(request, "documents/verify.html", {})
