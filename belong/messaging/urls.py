from django.urls import path

from belong.messaging import push_views, views

urlpatterns = [
    path("beskeder/", views.inbox, name="inbox"),
    path("beskeder/indstillinger/", views.notification_settings, name="notification_settings"),
    path("beskeder/notitser/til/", push_views.push_on, name="push_on"),
    path("beskeder/notitser/fra/", push_views.push_off, name="push_off"),
    path("beskeder/ny/<int:post_pk>/", views.start, name="conversation_start"),
    path("beskeder/<int:pk>/", views.conversation, name="conversation"),
    path("beskeder/<int:pk>/nye/", views.conversation_messages, name="conversation_messages"),
    path("beskeder/<int:pk>/send/", views.send, name="conversation_send"),
    path("beskeder/<int:pk>/svar/", views.ready_reply, name="conversation_ready_reply"),
    path("beskeder/<int:pk>/moede/", views.meeting_propose, name="meeting_propose"),
    path("beskeder/<int:pk>/bloker/", views.block, name="conversation_block"),
    path("moeder/<int:pk>/svar/", views.meeting_answer, name="meeting_answer"),
    path("moeder/<int:pk>/hvordan-gik-det/", views.checkin, name="meeting_checkin"),
]
