from django.apps import AppConfig


class AdulthoodConfig(AppConfig):
    name = "belong.adulthood"
    verbose_name = "Adulthood"

    def ready(self) -> None:
        from belong.accounts.services import register_on_new_birth_date
        from belong.adulthood.services import settle_new_birth_date

        # A birth date verified or corrected on the other side of 18 moves the citizen
        # between the youth space and the adult space, as an 18th birthday does.
        register_on_new_birth_date(settle_new_birth_date)
