from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "belong.matching"
    verbose_name = _("Suggestions")

    def ready(self):
        from belong.matching.ranking import register_pair_score

        register_pair_score()
