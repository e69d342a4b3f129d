from django.urls import path

from belong.posts import views

urlpatterns = [
    path("opslag/", views.search, name="search"),
    path("opslag/nyt/", views.post_new, name="post_new"),
    path("opslag/nyt/kladde/", views.post_autosave, name="post_autosave_new"),
    path("opslag/nyt/kladde/slet/", views.post_discard_draft, name="post_discard_draft"),
    path("opslag/<int:pk>/", views.post_detail, name="post_detail"),
    path("opslag/<int:pk>/ret/", views.post_edit, name="post_edit"),
    path("opslag/<int:pk>/billede/", views.post_photo, name="post_photo"),
    path("opslag/<int:pk>/kladde/", views.post_autosave, name="post_autosave"),
    path("opslag/<int:pk>/pause/", views.post_pause, name="post_pause"),
    path("opslag/<int:pk>/genoptag/", views.post_resume, name="post_resume"),
    path("opslag/<int:pk>/forny/", views.post_renew, name="post_renew"),
    path("opslag/<int:pk>/slet/", views.post_delete, name="post_delete"),
    path("mine-opslag/", views.my_posts, name="my_posts"),
    path("soegninger/", views.saved_searches, name="saved_searches"),
    path("soegninger/gem/", views.saved_search_create, name="saved_search_create"),
    path("soegninger/<int:pk>/slet/", views.saved_search_delete, name="saved_search_delete"),
]
