"""Full-text search indexes: SQLite FTS5 kept in step by triggers, or a PostgreSQL tsvector
(Danish and English stemming) with a GIN index. Django's ORM knows neither; the search
service reaches them with raw SQL fragments."""

from django.db import migrations

SQLITE_FORWARD = [
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
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS posts_post_fts_update",
    "DROP TRIGGER IF EXISTS posts_post_fts_delete",
    "DROP TRIGGER IF EXISTS posts_post_fts_insert",
    "DROP TABLE IF EXISTS posts_post_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE posts_post ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('danish', coalesce(title, '')), 'A')
        || setweight(to_tsvector('danish', coalesce(body, '')), 'B')
        || setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(body, '')), 'B')
    ) STORED""",
    "CREATE INDEX posts_post_search_gin ON posts_post USING gin (search_document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS posts_post_search_gin",
    "ALTER TABLE posts_post DROP COLUMN IF EXISTS search_document",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("posts", "0001_initial")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
