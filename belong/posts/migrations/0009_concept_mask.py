"""Concepts as bits (`Post.concept_mask`) in the covering indexes, so that PostgreSQL can walk
a place's newest posts testing a common concept ("gåtur", "kaffe") from the index alone.
SQLite rebuilds the table to add the column: its search index (0008) is dropped around it
and rebuilt."""

import importlib

from django.conf import settings
from django.db import migrations, models

search_analysis = importlib.import_module("belong.posts.migrations.0008_search_analysis")


def fill_concepts(apps, schema_editor):
    from belong.posts.analysis import concept_mask

    connection = schema_editor.connection
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, search_words FROM posts_post WHERE id > %s ORDER BY id LIMIT 5000",
                [last],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            changes = [(concept_mask(words or ""), pk) for pk, words in rows]
            cursor.executemany("UPDATE posts_post SET concept_mask = %s WHERE id = %s", changes)
        last = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
        ("posts", "0008_search_analysis"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(
            search_analysis.run({"sqlite": search_analysis.SQLITE_DROP}),
            search_analysis.run({"sqlite": search_analysis.SQLITE_FORWARD}),
        ),
        migrations.RemoveIndex(
            model_name="post",
            name="post_live_place",
        ),
        migrations.RemoveIndex(
            model_name="post",
            name="post_live_newest",
        ),
        migrations.AddField(
            model_name="post",
            name="concept_mask",
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["status", "is_youth", "postcode", "-published_at", "-id"],
                include=(
                    "author",
                    "expires_at",
                    "reach",
                    "reach_km",
                    "municipality",
                    "region",
                    "motive",
                    "interest_mask",
                    "author_gender",
                    "author_birth_date",
                    "concept_mask",
                ),
                name="post_live_place",
            ),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(
                fields=["status", "is_youth", "-published_at", "-id"],
                include=(
                    "postcode",
                    "author",
                    "expires_at",
                    "reach",
                    "reach_km",
                    "municipality",
                    "region",
                    "motive",
                    "interest_mask",
                    "author_gender",
                    "author_birth_date",
                    "concept_mask",
                ),
                name="post_live_newest",
            ),
        ),
        migrations.RunPython(fill_concepts, migrations.RunPython.noop),
        migrations.RunPython(
            search_analysis.run({"sqlite": search_analysis.SQLITE_FORWARD}),
            search_analysis.run({"sqlite": search_analysis.SQLITE_DROP}),
        ),
    ]
