"""Search with the analysis of belong/posts/analysis.py: compounds split, words stemmed as
Danish and English, aa/ae/oe as æøå, concepts as tokens; the same tokens for both backends.

Every post's `search_words` is computed (and the vocabulary for close spellings built), then
the indexes are built from it instead of the raw title and text:
- SQLite: the FTS5 table `posts_search` gets a `words` column in place of title and body
  (0004's layout otherwise: rowid newest first, facets in their own column).
- PostgreSQL: `search_keys` holds the tokens of `search_words` as lexemes (no stemming in
  the database: the tokens are stems already) with 0007's facet lexemes; its GIN index is
  built with `fastupdate` off, so a search never scans a pending list.
"""

from django.db import migrations, models

INTEREST_BITS = 22
INDEXED_COLUMNS = (
    "search_words, status, published_at, postcode_id, latitude, longitude, municipality_id, "
    "region_id, motive, reach, reach_km, author_gender, author_birth_date, interest_mask, "
    "is_youth"
)
OLD_INDEXED_COLUMNS = (
    "title, body, status, published_at, postcode_id, latitude, longitude, municipality_id, "
    "region_id, motive, reach, reach_km, author_gender, author_birth_date, interest_mask, "
    "is_youth"
)
SQLITE_INTERESTS = " || ".join(
    f"CASE WHEN interest_mask & {1 << bit} THEN ' i_{bit}' ELSE '' END"
    for bit in range(INTEREST_BITS)
)


def sqlite_statements(text_columns: str, columns: str, indexed: str) -> list[str]:
    """0004's view, table and triggers, with the given text columns."""
    names = ", ".join(name for name, _expr in columns)
    selected = ", ".join(f"{expr} AS {name}" for name, expr in columns)
    return [
        "DROP TRIGGER IF EXISTS posts_search_update_new",
        "DROP TRIGGER IF EXISTS posts_search_update_old",
        "DROP TRIGGER IF EXISTS posts_search_delete",
        "DROP TRIGGER IF EXISTS posts_search_insert",
        "DROP TABLE IF EXISTS posts_search",
        "DROP VIEW IF EXISTS posts_post_search_source",
        f"""CREATE VIEW posts_post_search_source AS SELECT
        ((2147483647 - (CAST(strftime('%s', published_at) AS INTEGER) - 1577836800)) << 32)
        | (4294967295 - id) AS key,
        id, {selected},
        'y_' || is_youth
        || coalesce(' p_' || postcode_id, '')
        || CASE WHEN latitude IS NULL OR longitude IS NULL THEN '' ELSE
            ' c_' || CAST(latitude / 0.09 AS INTEGER) || '_' || CAST(longitude / 0.15 AS INTEGER)
            || ' d_' || CAST(latitude / 0.36 AS INTEGER) || '_' || CAST(longitude / 0.6 AS INTEGER)
           END
        || coalesce(' u_' || municipality_id, '')
        || coalesce(' e_' || region_id, '')
        || ' m_' || motive
        || ' r_' || reach
        || ' g_' || CASE WHEN author_gender = '' THEN 'none' ELSE author_gender END
        || coalesce(' b_' || strftime('%Y', author_birth_date), '')
        || {SQLITE_INTERESTS} AS facets
    FROM posts_post WHERE status = 'published' AND published_at IS NOT NULL""",
        f"""CREATE VIRTUAL TABLE posts_search USING fts5(
        {text_columns}, facets, content='', detail=column,
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
    )""",
        f"""CREATE TRIGGER posts_search_insert AFTER INSERT ON posts_post BEGIN
        INSERT INTO posts_search(rowid, {names}, facets)
        SELECT key, {names}, facets FROM posts_post_search_source WHERE id = new.id;
    END""",
        f"""CREATE TRIGGER posts_search_delete BEFORE DELETE ON posts_post BEGIN
        INSERT INTO posts_search(posts_search, rowid, {names}, facets)
        SELECT 'delete', key, {names}, facets FROM posts_post_search_source
        WHERE id = old.id;
    END""",
        f"""CREATE TRIGGER posts_search_update_old BEFORE UPDATE OF {indexed}
        ON posts_post BEGIN
        INSERT INTO posts_search(posts_search, rowid, {names}, facets)
        SELECT 'delete', key, {names}, facets FROM posts_post_search_source
        WHERE id = old.id;
    END""",
        f"""CREATE TRIGGER posts_search_update_new AFTER UPDATE OF {indexed}
        ON posts_post BEGIN
        INSERT INTO posts_search(rowid, {names}, facets)
        SELECT key, {names}, facets FROM posts_post_search_source WHERE id = new.id;
    END""",
        f"""INSERT INTO posts_search(rowid, {names}, facets)
       SELECT key, {names}, facets FROM posts_post_search_source ORDER BY key""",
    ]


SQLITE_FORWARD = sqlite_statements("words", [("words", "search_words")], INDEXED_COLUMNS)
SQLITE_BACKWARD = sqlite_statements(
    "title, body", [("title", "title"), ("body", "body")], OLD_INDEXED_COLUMNS
)
# SQLite rebuilds the posts table to add a column, which a view on it would refuse.
SQLITE_DROP = SQLITE_FORWARD[:6]

INTERESTS = ",\n        ".join(
    f"CASE WHEN interest_mask & {1 << bit} <> 0 THEN 'i_{bit}' END"
    for bit in range(INTEREST_BITS)
)
FACETS = f"""array_to_tsvector(array_remove(ARRAY[
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
    ]::text[], NULL))"""
TEXT = "coalesce(title, '') || ' ' || coalesce(body, '')"


def postgres_statements(words: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS posts_post_search_keys",
        "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_keys",
        f"""ALTER TABLE posts_post ADD COLUMN search_keys tsvector GENERATED ALWAYS AS (
    {words} || {FACETS}
    ) STORED""",
        "CREATE INDEX posts_post_search_keys ON posts_post USING gin (search_keys)"
        " WITH (fastupdate = off)",
    ]


POSTGRES_FORWARD = postgres_statements(
    "array_to_tsvector(array_remove(string_to_array(search_words, ' '), ''))"
)
POSTGRES_BACKWARD = postgres_statements(
    f"strip(to_tsvector('danish'::regconfig, {TEXT}))"
    f" || strip(to_tsvector('english'::regconfig, {TEXT}))"
)


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            # No parameters: the SQL's own % signs (strftime) are not placeholders.
            schema_editor.execute(statement, params=None)

    return apply


def reindex(apps, schema_editor):
    from belong.posts.indexing import reindex_posts

    # The index is built afterwards, from scratch; concept_mask comes in 0009.
    reindex_posts(optimize=False, concepts=False)


class Migration(migrations.Migration):
    dependencies = [("posts", "0007_postgres_search_keys")]
    operations = [
        migrations.RunPython(run({"sqlite": SQLITE_DROP}), run({"sqlite": SQLITE_BACKWARD})),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=80, primary_key=True, serialize=False)),
                ("written", models.CharField(max_length=80)),
                ("posts", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="post",
            name="search_words",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(reindex, migrations.RunPython.noop),
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
