"""Every post analysed again for the concepts and stop words added with it (retired, birds,
pottery, horses, sailing, woodwork, climbing, football, piano; everyday words such as
"spise", "lære dansk" and "ensom"; "sammen" as a stop word), so posts stored before it are
found as new ones are. Only `search_words`, `concept_mask` and the vocabulary change; the
search indexes follow (SQLite's triggers, PostgreSQL's generated column). About 7 minutes
per 1,000,000 posts on SQLite."""

from django.db import migrations


def reanalyse(apps, schema_editor):
    from belong.posts.indexing import reindex_posts

    reindex_posts()


class Migration(migrations.Migration):
    # Each batch of posts is its own transaction (as in `belong reindex_search`), not one
    # transaction of every post; run again after a stop, it finishes what is left.
    atomic = False
    dependencies = [("posts", "0012_search_keys_publication_day")]

    operations = [migrations.RunPython(reanalyse, migrations.RunPython.noop, elidable=True)]
