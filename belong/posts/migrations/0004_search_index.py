"""One search index for words and facets.

Each published post's title and text, and its facets (space, place, motive, interests,
author's gender and birth year, reach) as tokens, in one full-text index: SQLite FTS5 or
the PostgreSQL tsvector with GIN. A search is then one index walk that intersects posting
lists instead of a scan that tests rows one by one; the exact rules still run in SQL on
the rows the index finds (see belong.posts.search_index).

SQLite: a contentless FTS5 table whose rowid holds the seconds from the publication to
2088 above 32 bits of (2**32 - 1 - post id): walking it newest first is walking rowids
upwards (FTS5 walks faster forwards than backwards), and the low 32 bits give the post. A view computes each published post's row; triggers
keep the table in step with every insert, update and delete, bulk ones included.

PostgreSQL: the generated `search_document` also carries the facet tokens (underscored,
so no word of a text can become one), under one GIN index.

The cell sizes and token spellings are shared with belong/posts/search_index.py.
"""

from django.db import migrations

INTEREST_BITS = 22
INDEXED_COLUMNS = (
    "title, body, status, published_at, postcode_id, latitude, longitude, municipality_id, "
    "region_id, motive, reach, reach_km, author_gender, author_birth_date, interest_mask, "
    "is_youth"
)

SQLITE_INTERESTS = " || ".join(
    f"CASE WHEN interest_mask & {1 << bit} THEN ' i_{bit}' ELSE '' END"
    for bit in range(INTEREST_BITS)
)
SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS posts_post_fts_update",
    "DROP TRIGGER IF EXISTS posts_post_fts_delete",
    "DROP TRIGGER IF EXISTS posts_post_fts_insert",
    "DROP TABLE IF EXISTS posts_post_fts",
    f"""CREATE VIEW posts_post_search_source AS SELECT
        ((2147483647 - (CAST(strftime('%s', published_at) AS INTEGER) - 1577836800)) << 32)
        | (4294967295 - id) AS key,
        id, title, body,
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
        || coalesce(' k_' || reach_km, '')
        || ' g_' || CASE WHEN author_gender = '' THEN 'none' ELSE author_gender END
        || coalesce(' b_' || strftime('%Y', author_birth_date), '')
        || {SQLITE_INTERESTS} AS facets
    FROM posts_post WHERE status = 'published' AND published_at IS NOT NULL""",
    """CREATE VIRTUAL TABLE posts_search USING fts5(
        title, body, facets, content='', detail=column,
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
    )""",
    """CREATE TRIGGER posts_search_insert AFTER INSERT ON posts_post BEGIN
        INSERT INTO posts_search(rowid, title, body, facets)
        SELECT key, title, body, facets FROM posts_post_search_source WHERE id = new.id;
    END""",
    """CREATE TRIGGER posts_search_delete BEFORE DELETE ON posts_post BEGIN
        INSERT INTO posts_search(posts_search, rowid, title, body, facets)
        SELECT 'delete', key, title, body, facets FROM posts_post_search_source
        WHERE id = old.id;
    END""",
    f"""CREATE TRIGGER posts_search_update_old BEFORE UPDATE OF {INDEXED_COLUMNS}
        ON posts_post BEGIN
        INSERT INTO posts_search(posts_search, rowid, title, body, facets)
        SELECT 'delete', key, title, body, facets FROM posts_post_search_source
        WHERE id = old.id;
    END""",
    f"""CREATE TRIGGER posts_search_update_new AFTER UPDATE OF {INDEXED_COLUMNS}
        ON posts_post BEGIN
        INSERT INTO posts_search(rowid, title, body, facets)
        SELECT key, title, body, facets FROM posts_post_search_source WHERE id = new.id;
    END""",
    """INSERT INTO posts_search(rowid, title, body, facets)
       SELECT key, title, body, facets FROM posts_post_search_source""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS posts_search_update_new",
    "DROP TRIGGER IF EXISTS posts_search_update_old",
    "DROP TRIGGER IF EXISTS posts_search_delete",
    "DROP TRIGGER IF EXISTS posts_search_insert",
    "DROP TABLE IF EXISTS posts_search",
    "DROP VIEW IF EXISTS posts_post_search_source",
    # 0002's table and triggers, filled again.
    """CREATE VIRTUAL TABLE posts_post_fts USING fts5(
        title, body, content='posts_post', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0", prefix='3'
    )""",
    """CREATE TRIGGER posts_post_fts_insert AFTER INSERT ON posts_post BEGIN
        INSERT INTO posts_post_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    """CREATE TRIGGER posts_post_fts_delete AFTER DELETE ON posts_post BEGIN
        INSERT INTO posts_post_fts(posts_post_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END""",
    """CREATE TRIGGER posts_post_fts_update AFTER UPDATE OF title, body ON posts_post BEGIN
        INSERT INTO posts_post_fts(posts_post_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO posts_post_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    "INSERT INTO posts_post_fts(posts_post_fts) VALUES('rebuild')",
]

POSTGRES_WORDS = """
        setweight(to_tsvector('danish', coalesce(title, '')), 'A')
        || setweight(to_tsvector('danish', coalesce(body, '')), 'B')
        || setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(body, '')), 'B')"""
POSTGRES_INTERESTS = ",\n".join(
    f"CASE WHEN interest_mask & {1 << bit}::bigint <> 0 THEN 'i_{bit}' END"
    for bit in range(INTEREST_BITS)
)
POSTGRES_FACETS = f"""
        array_to_tsvector(array_remove(ARRAY[
            's_' || status,
            CASE WHEN is_youth THEN 'y_1' ELSE 'y_0' END,
            'p_' || postcode_id::text,
            'c_' || floor(latitude / 0.09::float8)::int::text
                || '_' || floor(longitude / 0.15::float8)::int::text,
            'd_' || floor(latitude / 0.36::float8)::int::text
                || '_' || floor(longitude / 0.6::float8)::int::text,
            'u_' || municipality_id::text,
            'e_' || region_id::text,
            'm_' || motive,
            'r_' || reach,
            'k_' || reach_km::text,
            'g_' || coalesce(nullif(author_gender, ''), 'none'),
            'b_' || extract(year FROM author_birth_date)::int::text,
            {POSTGRES_INTERESTS}
        ]::text[], NULL))"""
POSTGRES_FORWARD = [
    "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_document",
    f"""ALTER TABLE posts_post ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
        {POSTGRES_WORDS}
        || {POSTGRES_FACETS}
    ) STORED""",
    "CREATE INDEX posts_post_search_gin ON posts_post USING gin (search_document)",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_document",
    f"""ALTER TABLE posts_post ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
        {POSTGRES_WORDS}
    ) STORED""",
    "CREATE INDEX posts_post_search_gin ON posts_post USING gin (search_document)",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            # No parameters: the SQL's own % signs (strftime) are not placeholders.
            schema_editor.execute(statement, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("posts", "0003_search_indexes")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
