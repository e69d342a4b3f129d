from django.urls import path

from belong.matching import group_views, views

urlpatterns = [
    path("forslag/", views.suggestions, name="suggestions"),
    path("forslag/<int:pk>/ikke-for-mig/", views.hide, name="suggestion_hide"),
    path("profil/livssituation/", views.life_situation, name="life_situation"),
]

urlpatterns += [
    path("forslag/grupper/<int:pk>/svar/", group_views.answer, name="small_group_answer"),
    path("forslag/grupper/<int:pk>/", group_views.detail, name="small_group"),
]
