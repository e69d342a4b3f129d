from django.urls import path

from belong.privacy import notice_views, views

urlpatterns = [
    path("profil/mine-data/", views.my_data, name="my_data"),
    path("profil/mine-data/hent/", views.my_data_download, name="my_data_download"),
    path("profil/mine-data/forbered/", views.my_data_prepare, name="my_data_prepare"),
    path("profil/mine-data/eksport/<int:pk>/", views.my_data_export, name="my_data_export"),
    path("profil/slet-konto/", views.delete_account, name="delete_account"),
    path("kommune/<slug:slug>/privatliv/", notice_views.privacy_notice, name="privacy_notice"),
]
