from django.urls import path

from belong.organisations import views

urlpatterns = [
    path("foreninger/", views.organisation_list, name="organisation_list"),
    path("foreninger/ny/", views.organisation_new, name="organisation_new"),
    path("foreninger/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("foreninger/<int:pk>/ret/", views.organisation_edit, name="organisation_edit"),
    path("foreninger/<int:pk>/logo/", views.organisation_logo, name="organisation_logo"),
    path("foreninger/<int:pk>/foelg/", views.organisation_follow, name="organisation_follow"),
    path(
        "foreninger/<int:pk>/stop-foelg/",
        views.organisation_unfollow,
        name="organisation_unfollow",
    ),
    path("foreninger/<int:pk>/medlemmer/", views.organisation_members, name="organisation_members"),
    path(
        "foreninger/<int:pk>/medlemmer/<int:member_pk>/voksenkontakt/",
        views.organisation_propose_contact,
        name="organisation_propose_contact",
    ),
    path("foreninger/<int:pk>/godkendelse/", views.organisation_apply, name="organisation_apply"),
    path("mine-foreninger/", views.my_organisations, name="my_organisations"),
    path("personale/foreninger/", views.verification_queue, name="verification_queue"),
    path(
        "personale/foreninger/ansoegning/<int:pk>/",
        views.verification_application,
        name="verification_application",
    ),
    path(
        "personale/foreninger/voksenkontakt/<int:pk>/",
        views.verification_contact,
        name="verification_contact",
    ),
    path(
        "personale/foreninger/<int:pk>/fjern-logo/",
        views.verification_remove_logo,
        name="verification_remove_logo",
    ),
]
