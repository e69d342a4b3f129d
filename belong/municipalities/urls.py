from django.urls import path

from belong.municipalities import views

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
]
