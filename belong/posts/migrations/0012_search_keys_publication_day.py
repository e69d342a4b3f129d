"""PostgreSQL: a post's publication day as a lexeme of `search_keys` (`t_<day>`, days counted
from 2020-01-01 UTC, see belong.posts.search_index.publication_day), so that a search with
words can ask GIN for the newest days first and stop there when they fill the page, instead
of fetching and sorting every candidate of a common word in a crowded place. 0008's column
otherwise; the column is rebuilt and so is its GIN index (`fastupdate` off)."""

import importlib

from django.db import migrations

search_analysis = importlib.import_module("belong.posts.migrations.0008_search_analysis")

DAY = (
    "floor(extract(epoch FROM (published_at - timestamptz '2020-01-01 00:00:00+00'))"
    " / 86400)::int"
)
PUBLICATION_DAY = f"array_to_tsvector(array_remove(ARRAY['t_' || {DAY}]::text[], NULL))"
WORDS = "array_to_tsvector(array_remove(string_to_array(search_words, ' '), ''))"


def statements(keys: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS posts_post_search_keys",
        "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_keys",
        f"ALTER TABLE posts_post ADD COLUMN search_keys tsvector GENERATED ALWAYS AS ({keys}) STORED",
        "CREATE INDEX posts_post_search_keys ON posts_post USING gin (search_keys)"
        " WITH (fastupdate = off)",
    ]


FORWARD = statements(f"{WORDS} || {search_analysis.FACETS} || {PUBLICATION_DAY}")
BACKWARD = statements(f"{WORDS} || {search_analysis.FACETS}")


class Migration(migrations.Migration):
    dependencies = [("posts", "0011_post_photo")]

    operations = [
        migrations.RunPython(
            search_analysis.run({"postgresql": FORWARD}),
            search_analysis.run({"postgresql": BACKWARD}),
        ),
    ]
