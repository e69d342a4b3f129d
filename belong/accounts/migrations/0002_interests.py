from django.db import migrations

# The keys of the interest taxonomy (labels live in belong/accounts/interests.py).
SLUGS = [
    "walks-nature", "sport-exercise", "culture", "music", "creative", "games", "food",
    "parenting", "pets", "languages", "volunteering", "faith-philosophy", "tech", "travel",
    "books", "film-series", "gardening", "coffee-talk", "dance", "crafts", "fishing-hunting",
    "health",
]


def create_interests(apps, schema_editor):
    Interest = apps.get_model("accounts", "Interest")
    for position, slug in enumerate(SLUGS):
        Interest.objects.update_or_create(slug=slug, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create_interests, migrations.RunPython.noop)]
