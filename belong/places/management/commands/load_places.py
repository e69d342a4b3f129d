from django.core.management.base import BaseCommand

from belong.places.services import load_places


class Command(BaseCommand):
    help = "Load the regions, municipalities and postcodes shipped with Belong."

    def handle(self, *args, **options):
        counts = load_places()
        self.stdout.write(
            "Loaded {regions} regions, {municipalities} municipalities, "
            "{postcodes} postcodes.".format(**counts)
        )
