from django.urls import path

from belong.municipalities import local_views, newsletter_views, role_views, views

urlpatterns = [
    path("personale/", views.staff_home, name="staff_home"),
    path("personale/it-support/", views.help_queue, name="help_queue"),
    path("personale/it-support/<int:pk>/", views.help_request_detail, name="help_request_detail"),
    path(
        "personale/it-support/<int:pk>/klaret/",
        views.help_request_handled,
        name="help_request_handled",
    ),
    path("hjaelp/", views.help_request, name="help_request"),
    path("hjaelp/sendt/", views.help_request_sent, name="help_request_sent"),
    # The municipality's own page, its announcements and its newsletter.
    path("kommune/<slug:slug>/", local_views.municipality_page, name="municipality_page"),
    path(
        "personale/kommuner/<int:pk>/side/",
        local_views.landing_page_edit,
        name="landing_page_edit",
    ),
    path(
        "personale/kommuner/<int:pk>/meddelelser/",
        local_views.announcement_list,
        name="announcement_list",
    ),
    path(
        "personale/kommuner/<int:pk>/meddelelser/ny/",
        local_views.announcement_new,
        name="announcement_new",
    ),
    path(
        "personale/meddelelser/<int:pk>/", local_views.announcement_edit, name="announcement_edit"
    ),
    path(
        "personale/meddelelser/<int:pk>/slet/",
        local_views.announcement_delete,
        name="announcement_delete",
    ),
    path(
        "personale/kommuner/<int:pk>/nyhedsbrev/",
        newsletter_views.newsletter_list,
        name="newsletter_list",
    ),
    path(
        "personale/nyhedsbreve/<int:pk>/", newsletter_views.newsletter_edit, name="newsletter_edit"
    ),
    path(
        "personale/nyhedsbreve/<int:pk>/send/",
        newsletter_views.newsletter_send,
        name="newsletter_send",
    ),
    path("nyhedsbrev/tilmeld/", newsletter_views.newsletter_subscribe, name="newsletter_subscribe"),
    path("nyhedsbrev/frameld/", newsletter_views.newsletter_withdraw, name="newsletter_withdraw"),
    path(
        "nyhedsbrev/afmeld/<str:token>/",
        newsletter_views.newsletter_unsubscribe,
        name="newsletter_unsubscribe",
    ),
    # Staff roles in the administrator's own municipality.
    path("personale/kommuner/<int:pk>/roller/", role_views.staff_roles, name="staff_roles"),
    path(
        "personale/roller/<int:pk>/fjern/", role_views.staff_role_remove, name="staff_role_remove"
    ),
]
