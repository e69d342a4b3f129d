"""SQLite: one search index for words and facets.

Each published post's title and text, and its facets (space, place, motive, interests,
author's gender and birth year, reach) as tokens, in one FTS5 index. A search is then
one index walk that intersects posting lists newest first instead of a scan that tests
rows one by one; the exact rules still run in SQL on the rows the index finds (see
belong.posts.search_index). PostgreSQL keeps 0002's words in GIN and answers the rest
from covering indexes (0005): its planner misjudged facet tokens.

SQLite: a contentless FTS5 table whose rowid holds the seconds from the publication to
2088 above 32 bits of (2**32 - 1 - post id): walking it newest first is walking rowids
upwards (FTS5 walks faster forwards than backwards), and the low 32 bits give the post. A view computes each published post's row; triggers
keep the table in step with every insert, update and delete, bulk ones included.

Facet tokens hold an underscore, which the tokenizer keeps inside a token, and are
searched in their own column, so no word of a text can pass for one. The cell sizes and
token spellings are shared with belong/posts/search_index.py.
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
            run({"sqlite": SQLITE_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD}),
        )
    ]
