"""Keeping `Post.search_words` and the search vocabulary in step with what posts say, and
rebuilding both when the analysis changes (`belong reindex_search`, migration 0009)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from belong.accounts.interests import mask_to_interests
from belong.posts import analysis

MAX_WORD = 80
# The words of posts saved within `vocabulary_in_one_go`, per thread: (counts, forms).
_GATHERED = threading.local()


def analyse_post(*, title: str, body: str, motive: str, interest_mask: int):
    """(search_words, {word token: a word it stands for}) for a post with these fields."""
    return analysis.indexed_post(
        title=title, body=body, motive=motive, interests=tuple(mask_to_interests(interest_mask))
    )


def set_search_words(post) -> dict[str, str]:
    """Give `post` the search tokens of its fields (before it is saved); returns its words."""
    post.search_words, written = analyse_post(
        title=post.title, body=post.body, motive=post.motive, interest_mask=post.interest_mask
    )
    post.concept_mask = analysis.concept_mask(post.search_words)
    return written


def record_words(written: dict[str, str]) -> None:
    """Add a post's words to the vocabulary, one more post each (about: an edited post
    counts again; `reindex_posts` counts exactly)."""
    rows = [(w[:MAX_WORD], f[:MAX_WORD], 1) for w, f in written.items() if len(w) <= MAX_WORD]
    if not rows:
        return
    gathered = getattr(_GATHERED, "words", None)
    if gathered is not None:
        counts, forms = gathered
        for word, form, _one in rows:
            counts[word] += 1
            forms.setdefault(word, form)  # the first form, as the upsert below keeps it
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO posts_searchword (word, written, posts) VALUES (%s, %s, %s)"
            " ON CONFLICT (word) DO UPDATE SET posts = posts_searchword.posts + 1",
            sorted(rows),  # one order for every writer: no deadlocks between them
        )


@contextmanager
def vocabulary_in_one_go() -> Iterator[None]:
    """Within it, the words of the posts saved are counted in memory and added to the
    vocabulary once, at the end (the same counts as one upsert per post). For saving many
    posts in one transaction, as the demo does: on PostgreSQL each post's upsert of the same
    common words leaves a row version that every later upsert in the transaction walks
    again, and the demo's 3,000 posts spent 80 of their 107 seconds there."""
    if getattr(_GATHERED, "words", None) is not None:
        yield  # an outer one writes them
        return
    counts: Counter = Counter()
    forms: dict[str, str] = {}
    _GATHERED.words = (counts, forms)
    try:
        yield
    finally:
        _GATHERED.words = None
    if counts:
        write_vocabulary(counts, forms, replace=False)


def write_vocabulary(counts: Counter, written: dict[str, str], *, replace: bool) -> None:
    """Store word counts: instead of the vocabulary there (`replace`) or added to it."""
    rows = [
        (word, written.get(word, word)[:MAX_WORD], count)
        for word, count in counts.items()
        if len(word) <= MAX_WORD
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        if replace:
            cursor.execute("DELETE FROM posts_searchword")
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                "INSERT INTO posts_searchword (word, written, posts) VALUES (%s, %s, %s)"
                " ON CONFLICT (word) DO UPDATE SET posts = posts_searchword.posts + excluded.posts",
                rows[start : start + 5000],
            )


def count_words(counts: Counter, written_all: dict[str, str], written: dict[str, str]) -> None:
    counts.update(written.keys())
    for word, form in written.items():
        # The shortest form: the likeliest base form of the word, to show as a spelling.
        if len(form) < len(written_all.get(word, form + "_")):
            written_all[word] = form


def reindex_posts(
    *,
    batch: int = 2000,
    report: Callable[[str], None] | None = None,
    optimize: bool = True,
    concepts: bool = True,
) -> int:
    """Analyse every post again and rebuild the vocabulary; the search indexes follow
    `search_words` (triggers on SQLite, a generated column on PostgreSQL). `optimize`: merge
    SQLite's index afterwards (not in migration 0008, which builds it anew). `concepts`:
    set `concept_mask` too (not in migration 0008, which is older than the column)."""
    mask_column = ", concept_mask" if concepts else ", 0"
    counts: Counter = Counter()
    written_all: dict[str, str] = {}
    done = 0
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, title, body, motive, interest_mask, search_words"  # noqa: S608
                f"{mask_column} FROM posts_post WHERE id > %s ORDER BY id LIMIT %s",
                [last, batch],
            )
            rows = cursor.fetchall()
        if not rows:
            break
        changes = []
        for pk, title, body, motive, mask, old, old_concepts in rows:
            words, written = analyse_post(
                title=title, body=body, motive=motive, interest_mask=mask or 0
            )
            count_words(counts, written_all, written)
            bits = analysis.concept_mask(words) if concepts else 0
            if words != old or bits != old_concepts:
                changes.append((words, bits, pk) if concepts else (words, pk))
        if changes:
            sql = "UPDATE posts_post SET search_words = %s WHERE id = %s"
            if concepts:
                sql = "UPDATE posts_post SET search_words = %s, concept_mask = %s WHERE id = %s"
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, changes)
        done += len(rows)
        last = rows[-1][0]
        if report:
            report(f"  {done:,} posts analysed")
    write_vocabulary(counts, written_all, replace=True)
    if connection.vendor == "sqlite" and done and optimize:
        # A post at a time leaves FTS5 many small segments; merged, a search reads one.
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO posts_search(posts_search) VALUES('optimize')")
    return done
