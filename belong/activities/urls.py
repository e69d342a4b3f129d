from django.urls import path

from belong.activities import views

urlpatterns = [
    path("aktiviteter/", views.activity_list, name="activity_list"),
    path("aktiviteter/ny/", views.activity_new, name="activity_new"),
    path("aktiviteter/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("aktiviteter/<int:pk>/tilmeld/", views.activity_signup, name="activity_signup"),
    path(
        "aktiviteter/<int:pk>/afmeld/", views.activity_cancel_signup, name="activity_cancel_signup"
    ),
    path("aktiviteter/<int:pk>/kalender.ics", views.activity_ics, name="activity_ics"),
    path("aktiviteter/<int:pk>/ret/", views.activity_edit, name="activity_edit"),
    path("aktiviteter/<int:pk>/aflys/", views.activity_cancel, name="activity_cancel"),
    path("aktiviteter/<int:pk>/deltagere/", views.activity_attendance, name="activity_attendance"),
    path(
        "aktiviteter/<int:pk>/fremmoede/<str:token>/",
        views.activity_attendance_code,
        name="activity_attendance_code",
    ),
    path("aktiviteter/<int:pk>/hvordan-gik-det/", views.activity_checkin, name="activity_checkin"),
    path(
        "aktiviteter/tilmelding/<int:pk>/svar/",
        views.activity_decide_signup,
        name="activity_decide_signup",
    ),
    path("mine-aktiviteter/", views.my_activities, name="my_activities"),
    path(
        "foreninger/<int:pk>/kalender.ics",
        views.organisation_calendar,
        name="organisation_calendar",
    ),
]
