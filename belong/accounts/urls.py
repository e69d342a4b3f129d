from django.urls import path

from belong.accounts import views

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("profil/rediger/", views.profile_edit, name="profile_edit"),
    path("profil/api-noegler/", views.api_token_create, name="api_token_create"),
    path("profil/api-noegler/<int:pk>/slet/", views.api_token_revoke, name="api_token_revoke"),
    path(
        "profil/samtykker/<int:pk>/traek-tilbage/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("tjek-kommune/", views.place_check, name="place_check"),
]
