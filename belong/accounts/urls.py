from django.urls import path

from belong.accounts import assisted_views, views

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("profil/rediger/", views.profile_edit, name="profile_edit"),
    path("profil/api-noegler/", views.api_token_create, name="api_token_create"),
    path("profil/api-noegler/<int:pk>/slet/", views.api_token_revoke, name="api_token_revoke"),
    path("tjek-kommune/", views.place_check, name="place_check"),
    path("log-ind/kode/", assisted_views.code_login, name="code_login"),
    path("personale/opret-borger/", assisted_views.assisted_signup, name="assisted_signup"),
    path("personale/borgere/", assisted_views.assisted_list, name="assisted_list"),
    path(
        "personale/borger/<int:pk>/vejledning/",
        assisted_views.assisted_guide,
        name="assisted_guide",
    ),
    path(
        "personale/borger/<int:pk>/ny-kode/",
        assisted_views.assisted_new_code,
        name="assisted_new_code",
    ),
]
