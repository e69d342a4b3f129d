from django.urls import path

from belong.outcomes import views

urlpatterns = [
    path("spoergeskema/", views.questionnaires, name="outcomes_questionnaires"),
    path("spoergeskema/samtykke/", views.questionnaire_consent, name="questionnaire_consent"),
    path(
        "spoergeskema/samtykke/<slug:purpose>/ja/",
        views.questionnaire_consent_give,
        name="questionnaire_consent_give",
    ),
    path(
        "spoergeskema/samtykke/<slug:purpose>/traek-tilbage/",
        views.questionnaire_consent_withdraw,
        name="questionnaire_consent_withdraw",
    ),
    path("statistik/udfald/", views.outcome_figures_home, name="outcome_figures_home"),
    path("statistik/udfald/<int:pk>/", views.outcome_figures, name="outcome_figures"),
    path(
        "statistik/udfald/<int:pk>/tabeller.csv",
        views.outcome_tables_csv,
        name="outcome_tables_csv",
    ),
    path(
        "statistik/udfald/<int:pk>/kodebog.csv",
        views.outcome_codebook_csv,
        name="outcome_codebook_csv",
    ),
]
