from django.urls import path

from belong.statistics import views

urlpatterns = [
    path(
        "personale/kommuner/<int:pk>/statistik/",
        views.statistics_dashboard,
        name="statistics_dashboard",
    ),
    path(
        "personale/kommuner/<int:pk>/statistik/<slug:slug>.csv",
        views.statistics_csv,
        name="statistics_csv",
    ),
]
