from django.urls import path

from belong.assisted import views as assisted_views

urlpatterns = [
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
