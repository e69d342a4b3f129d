from django.urls import path

from belong.accounts import views

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("profil/rediger/", views.profile_edit, name="profile_edit"),
    path("tjek-kommune/", views.place_check, name="place_check"),
]
