from django.urls import path

from belong.matching import views

urlpatterns = [
    path("forslag/", views.suggestions, name="suggestions"),
    path("forslag/<int:pk>/ikke-for-mig/", views.hide, name="suggestion_hide"),
    path("profil/livssituation/", views.life_situation, name="life_situation"),
]
