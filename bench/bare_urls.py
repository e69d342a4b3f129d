"""Belong's pages plus one bare Django view, so that bench/load.py can set a page's speed
against the least a request costs behind the same server (BELONG_ROOT_URLCONF)."""

from django.http import HttpResponse
from django.urls import path

from belong.urls import handler429, handler500
from belong.urls import urlpatterns as belong_urlpatterns

__all__ = ["handler429", "handler500", "urlpatterns"]


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *belong_urlpatterns]
