"""The posts a result page lists, loaded by one statement written once: each post with its
author's name, birth date and age check, and its municipality's name, and nothing more.

Search finds a page's ids first and loads them here. Django compiles a query anew each
time and builds its joined rows through layers of iterators; for the 21 posts of a page that
cost as much as finding them (bench/search.py). This statement is put together once per
database vendor, from the models' own fields, and its values go through Django's own
converters, so the posts are the same as `Post.objects.select_related(...).only(...)` gives.
"""

from __future__ import annotations

from functools import lru_cache

from django.db import connection, connections
from django.db.models.base import ModelState

from belong.accounts.models import User
from belong.places.models import Municipality
from belong.posts.models import Post

LISTING_FIELDS = (
    "title",
    "body",
    "motive",
    "interest_mask",
    "latitude",
    "longitude",
    "published_at",
    "is_youth",
    "author",
    "municipality",
    "organisation",
    # What the reader may see of the photo (belong.posts.projections.shows_photo).
    "photo",
    "photo_alt",
    "photo_from_minor",
    "photo_removed_at",
)
AUTHOR_FIELDS = ("display_name", "birth_date", "age_verified_at")
MUNICIPALITY_FIELDS = ("name",)
BATCH = 500


class _Part:
    """One model's columns in the statement: its field names, and each one's converters."""

    def __init__(self, model, alias: str, names: tuple[str, ...]) -> None:
        # In the model's own order, which `from_db` expects of the values.
        wanted = {model._meta.pk.name, *names}
        fields = [field for field in model._meta.concrete_fields if field.name in wanted]
        self.model = model
        self.attnames = [field.attname for field in fields]
        self.columns = [f"{alias}.{connection.ops.quote_name(f.column)}" for f in fields]
        # (position, column, its converters) of the columns that have any.
        self.converting = []
        for position, field in enumerate(fields):
            column = field.get_col(alias)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                self.converting.append((position, column, found))

    def build(self, values, database, alias: str):
        values = list(values)
        for position, column, converters in self.converting:
            for convert in converters:
                values[position] = convert(values[position], column, database)
        # Built as unpickling builds a model, not through `__init__`, whose pass over every
        # field of the model cost more than fetching the page (no init signal has a
        # receiver here): the values loaded, and a state that says where they came from.
        # A field not loaded loads on first use, as after `only()`.
        instance = self.model.__new__(self.model)
        instance.__dict__.update(zip(self.attnames, values, strict=True))
        instance._state = ModelState()
        instance._state.adding = False
        instance._state.db = alias
        return instance


@lru_cache(maxsize=4)
def _statement(vendor: str) -> tuple[str, tuple[_Part, _Part, _Part]]:
    del vendor  # the cache key: the quoting and converters are the vendor's
    post = _Part(Post, "p", LISTING_FIELDS)
    author = _Part(User, "u", AUTHOR_FIELDS)
    municipality = _Part(Municipality, "m", MUNICIPALITY_FIELDS)
    columns = ", ".join(post.columns + author.columns + municipality.columns)
    sql = (
        f"SELECT {columns} FROM {Post._meta.db_table} p"  # noqa: S608  (names from the models)
        f" JOIN {User._meta.db_table} u ON u.id = p.author_id"
        f" LEFT JOIN {Municipality._meta.db_table} m ON m.id = p.municipality_id"
        " WHERE p.id IN ({ids})"
    )
    return sql, (post, author, municipality)


def load_listed(ids) -> dict[int, Post]:
    """The posts of `ids` (integers), by id, with `author` and `municipality` loaded."""
    wanted = sorted({int(pk) for pk in ids})
    if not wanted:
        return {}
    sql, (post_part, author_part, municipality_part) = _statement(connection.vendor)
    rows = []
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), BATCH):  # SQLite takes so many values at most
            batch = wanted[start : start + BATCH]
            cursor.execute(sql.format(ids=", ".join(["%s"] * len(batch))), batch)
            rows += cursor.fetchall()
    first, second = len(post_part.attnames), len(post_part.attnames) + len(author_part.attnames)
    database = connections[connection.alias]  # once, not through the proxy for each value
    alias = database.alias
    found = {}
    for row in rows:
        post = post_part.build(row[:first], database, alias)
        post.author = author_part.build(row[first:second], database, alias)
        if row[second] is not None:
            post.municipality = municipality_part.build(row[second:], database, alias)
        found[post.pk] = post
    return found
