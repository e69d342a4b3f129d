from django.db import migrations, models

from belong.places.models import municipality_slug


def fill_slugs(apps, schema_editor):
    Municipality = apps.get_model("places", "Municipality")
    taken = set()
    for municipality in Municipality.objects.order_by("code"):
        slug = municipality_slug(municipality.name) or str(municipality.code)
        if slug in taken:
            slug = f"{slug}-{municipality.code}"
        taken.add(slug)
        municipality.slug = slug
        municipality.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="slug",
            # No index yet: the unique one below makes its own (and PostgreSQL its _like twin).
            field=models.SlugField(
                db_index=False, default="", max_length=100, verbose_name="web address name"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="municipality",
            name="slug",
            field=models.SlugField(
                help_text="The last part of the municipality's page address, e.g. aalborg.",
                max_length=100,
                unique=True,
                verbose_name="web address name",
            ),
        ),
    ]
