from django.urls import path

from belong.municipalities import views

urlpatterns = [
    path("personale/", views.staff_home, name="staff_home"),
]
