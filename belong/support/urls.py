from django.urls import path

from belong.support import first_response_views, views

urlpatterns = [
    path("stoette/", views.support_home, name="support_home"),
    path("stoette/<int:pk>/", views.support_request_detail, name="support_request_detail"),
    path(
        "stoette/<int:pk>/traek-tilbage/",
        views.support_request_withdraw,
        name="support_request_withdraw",
    ),
    path("personale/stoette/", views.support_queue, name="support_queue"),
    path("personale/stoette/<int:pk>/", views.support_staff_detail, name="support_staff_detail"),
    path("personale/stoette/<int:pk>/tag/", views.support_assign, name="support_assign"),
    path("personale/stoette/<int:pk>/note/", views.support_note, name="support_note"),
    path("personale/stoette/<int:pk>/luk/", views.support_close, name="support_close"),
    path(
        "stoette/foerste-svar/",
        first_response_views.first_response_consent,
        name="first_response_consent",
    ),
    path(
        "personale/foerste-svar/",
        first_response_views.first_response_console,
        name="first_response_console",
    ),
    path(
        "personale/foerste-svar/dage/<int:municipality_pk>/",
        first_response_views.first_response_days,
        name="first_response_days",
    ),
    path(
        "personale/foerste-svar/<int:citizen_pk>/",
        first_response_views.first_response_write,
        name="first_response_write",
    ),
]
