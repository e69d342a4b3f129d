"""PostgreSQL: one GIN index for words and facets, as SQLite's FTS5 index (0004).

`search_keys` holds each post's words, stemmed as Danish and as English without
positions (search needs no phrases and ranks in Python), and its facets as lexemes of
their own: `y_`, `p_`, `c_`/`d_` grid cells, `u_`, `e_`, `m_`, `r_`, `g_`, `b_` and `i_`,
spelled as in belong/posts/search_index.py. A search with words is then one GIN scan that
intersects the words' posting lists with the place's and the filters', instead of every
post with the word in the country checked row by row. The facet lexemes hold an
underscore, which PostgreSQL's parser never leaves inside a word, so no text can pass
for one. It replaces 0002's `search_document`.
"""

from django.db import migrations

INTEREST_BITS = 22
INTERESTS = ",\n        ".join(
    f"CASE WHEN interest_mask & {1 << bit} <> 0 THEN 'i_{bit}' END"
    for bit in range(INTEREST_BITS)
)
TEXT = "coalesce(title, '') || ' ' || coalesce(body, '')"
FORWARD = [
    f"""ALTER TABLE posts_post ADD COLUMN search_keys tsvector GENERATED ALWAYS AS (
    strip(to_tsvector('danish'::regconfig, {TEXT}))
    || strip(to_tsvector('english'::regconfig, {TEXT}))
    || array_to_tsvector(array_remove(ARRAY[
        'y_' || is_youth::int,
        'p_' || postcode_id,
        'c_' || floor(latitude / 0.09)::int || '_' || floor(longitude / 0.15)::int,
        'd_' || floor(latitude / 0.36)::int || '_' || floor(longitude / 0.6)::int,
        'u_' || municipality_id,
        'e_' || region_id,
        'm_' || motive,
        'r_' || reach,
        'g_' || CASE WHEN author_gender = '' THEN 'none' ELSE author_gender END,
        'b_' || extract(year FROM author_birth_date)::int,
        {INTERESTS}
    ]::text[], NULL))
    ) STORED""",
    "CREATE INDEX posts_post_search_keys ON posts_post USING gin (search_keys)",
    "DROP INDEX IF EXISTS posts_post_search_gin",
    "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_document",
]
BACKWARD = [
    """ALTER TABLE posts_post ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('danish', coalesce(title, '')), 'A')
        || setweight(to_tsvector('danish', coalesce(body, '')), 'B')
        || setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(body, '')), 'B')
    ) STORED""",
    "CREATE INDEX posts_post_search_gin ON posts_post USING gin (search_document)",
    "DROP INDEX IF EXISTS posts_post_search_keys",
    "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_keys",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("posts", "0006_post_hidden_status")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
