from django.shortcuts import render


def open_data(request):
    return render(request, "fines/open_data.html", {})
