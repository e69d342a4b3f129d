from django.urls import path

from belong.moderation import staff_views, views

urlpatterns = [
    path("opslag/<int:pk>/anmeld/", views.report_post, name="report_post"),
    path("personer/<int:pk>/anmeld/", views.report_profile, name="report_profile"),
    path("foreninger/<int:pk>/anmeld-logo/", views.report_logo, name="report_logo"),
    path("beskeder/<int:pk>/anmeld/", views.report_message, name="conversation_report"),
    path(
        "forslag/grupper/<int:pk>/anmeld/<int:message_pk>/",
        views.report_group_message,
        name="small_group_report",
    ),
    path("meddelelser/", views.notices, name="notices"),
    path("meddelelser/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("personale/moderation/", staff_views.queue, name="moderation_queue"),
    path(
        "personale/moderation/anmeldelser/<int:pk>/",
        staff_views.report_detail,
        name="moderation_report",
    ),
    path(
        "personale/moderation/anmeldelser/<int:pk>/tildel/",
        staff_views.report_assign,
        name="moderation_assign",
    ),
    path(
        "personale/moderation/anmeldelser/<int:pk>/fjern-billede/",
        staff_views.report_remove_photo,
        name="moderation_remove_photo",
    ),
    path(
        "personale/moderation/anmeldelser/<int:pk>/afgoer/",
        staff_views.report_act,
        name="moderation_act",
    ),
    path(
        "personale/moderation/klager/<int:pk>/",
        staff_views.appeal_detail,
        name="moderation_appeal",
    ),
    path(
        "personale/kommuner/<int:pk>/moderation/",
        staff_views.moderation_settings,
        name="moderation_settings",
    ),
    path("personale/kommuner/<int:pk>/adgangslog/", staff_views.access_log, name="access_log"),
    path("personale/kommuner/<int:pk>/borgere/", staff_views.find_citizen, name="find_citizen"),
    path(
        "personale/borgere/<int:pk>/foedselsdato/",
        staff_views.birth_date,
        name="staff_birth_date",
    ),
]
