from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from belong.places.models import Municipality
from belong.places.services import PlaceDataError, import_postcodes


class Command(BaseCommand):
    help = (
        "Load postcodes from a CSV file (for example official data). Columns: postcode or "
        "postnr, name or navn, municipality_code or kommunekode, latitude and longitude (or "
        "visueltcenter_y and visueltcenter_x). Separated by comma, semicolon or tab."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--source", default="import", help="What to record as the coordinates' source."
        )

    def handle(self, *args, file: Path, source: str, **options):
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        if not Municipality.objects.exists():
            raise CommandError("Load the municipalities first: belong load_places")
        try:
            created, updated = import_postcodes(file, default_source=source)
        except PlaceDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Postcodes created: {created}, updated: {updated}.")
