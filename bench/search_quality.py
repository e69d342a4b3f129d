"""Search quality on the demo corpus: everyday queries in Danish and English, with compounds,
inflections and typos, each with what counts as a relevant post (bench/search_quality.toml).

    python bench/search_quality.py [--citizens 300] [--verbose]

It seeds the demo (as `belong demo` does) into its own SQLite database in var/bench-quality,
or into the database DATABASE_URL names, and searches the whole country as the demo citizen
Anne. A query is ok when at least 90% of the first 20 results it could fill with relevant
posts are relevant ones (recall@20) and at most a quarter of what it shows is not relevant.
Prints `search_quality_queries_ok: N of M` and `search_recall_at_20: X`; tests/posts/
test_search_quality.py asserts the targets.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).resolve().parent / "search_quality.toml"
TOP = 20
OK_RECALL = 0.9
OK_PRECISION = 0.75


@dataclass
class Criteria:
    """A post is relevant when it has one of the interests or motives, or its title or text
    matches one of the patterns (case-insensitive regular expressions), or it is placed in
    one of the municipalities, or its author is of `author_gender` and at least
    `author_age_min` years old (where a query says who it seeks: "ældre damer"); and, where
    `also` is given, one of those criteria as well."""

    interests: tuple[str, ...] = ()
    motives: tuple[str, ...] = ()
    patterns: tuple[re.Pattern, ...] = ()
    municipalities: tuple[str, ...] = ()
    author_gender: str = ""
    author_age_min: int | None = None
    also: Criteria | None = None

    @classmethod
    def read(cls, entry: dict) -> Criteria:
        also = entry.get("also")
        return cls(
            interests=tuple(entry.get("interests", ())),
            motives=tuple(entry.get("motives", ())),
            patterns=tuple(re.compile(p, re.IGNORECASE) for p in entry.get("words", ())),
            municipalities=tuple(entry.get("municipalities", ())),
            author_gender=entry.get("author_gender", ""),
            author_age_min=entry.get("author_age_min"),
            also=cls.read(also) if also else None,
        )

    def holds(self, post) -> bool:
        text = f"{post.title}\n{post.body}"
        found = (
            any(slug in post.interests for slug in self.interests)
            or post.motive in self.motives
            or any(p.search(text) for p in self.patterns)
            or (post.municipality is not None and post.municipality.name in self.municipalities)
            or self._author_fits(post)
        )
        return found and (self.also is None or self.also.holds(post))

    def _author_fits(self, post) -> bool:
        if not self.author_gender or post.author_gender != self.author_gender:
            return False
        if self.author_age_min is None:
            return True
        from belong.accounts.models import age_on
        from belong.core import clock

        born = post.author_birth_date
        return born is not None and age_on(born, clock.today()) >= self.author_age_min


@dataclass
class Case:
    text: str
    kind: str
    criteria: Criteria


def cases() -> list[Case]:
    data = tomllib.loads(QUERIES.read_text(encoding="utf-8"))
    return [
        Case(text=entry["text"], kind=entry.get("kind", ""), criteria=Criteria.read(entry))
        for entry in data["query"]
    ]


@dataclass
class Outcome:
    case: Case
    relevant: int
    shown: int
    hits: int
    searched_for: list[str]

    @property
    def recall(self) -> float:
        wanted = min(TOP, self.relevant)
        return 1.0 if wanted == 0 else self.hits / wanted

    @property
    def precision(self) -> float:
        return 1.0 if self.shown == 0 else self.hits / self.shown

    @property
    def ok(self) -> bool:
        return self.relevant > 0 and self.recall >= OK_RECALL and self.precision >= OK_PRECISION


def evaluate(viewer) -> list[Outcome]:
    """Run every query as `viewer`, nationwide, newest first (the search page's default)."""
    from belong.posts.search import SearchQuery, search_posts, visible_posts

    visible = list(
        visible_posts(viewer)
        .select_related("municipality")
        .only(
            "id",
            "title",
            "body",
            "motive",
            "interest_mask",
            "author_gender",
            "author_birth_date",
            "municipality__name",
        )
    )
    outcomes = []
    for case in cases():
        relevant = {post.pk for post in visible if case.criteria.holds(post)}
        results = search_posts(
            viewer=viewer, query=SearchQuery(text=case.text, where="country"), page_size=TOP
        )
        shown = [post.pk for post in results.posts]
        outcomes.append(
            Outcome(
                case=case,
                relevant=len(relevant),
                shown=len(shown),
                hits=sum(pk in relevant for pk in shown),
                searched_for=results.searched_for,
            )
        )
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, float]:
    return {
        "queries_ok": sum(o.ok for o in outcomes),
        "queries": len(outcomes),
        "recall": sum(o.recall for o in outcomes) / len(outcomes),
        "precision": sum(o.precision for o in outcomes) / len(outcomes),
    }


def demo_viewer():
    from belong.accounts.models import User
    from belong.demo.seed import DEMO_LOGINS

    return User.objects.select_related("postcode__municipality__region").get(
        email=DEMO_LOGINS[0][0]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=300)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if "DATABASE_URL" not in os.environ:
        os.environ.setdefault("BELONG_DATA_DIR", str(ROOT / "var" / "bench-quality"))
        Path(os.environ["BELONG_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "belong.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from belong.demo.seed import seed_demo
    from belong.places.services import load_places
    from belong.posts.indexing import reindex_posts

    call_command("migrate", interactive=False, verbosity=0)
    load_places()
    seed_demo(citizens=args.citizens)
    # A database seeded before the analysis last changed is analysed anew.
    reindex_posts()
    outcomes = evaluate(demo_viewer())
    if args.verbose:
        for o in outcomes:
            mark = "ok  " if o.ok else "MISS"
            fixed = f" -> {', '.join(o.searched_for)}" if o.searched_for else ""
            print(
                f"# {mark} {o.case.text!r}{fixed}: {o.hits}/{o.shown} shown relevant,"
                f" {o.relevant} relevant, recall {o.recall:.2f}, precision {o.precision:.2f}"
            )
    figures = summary(outcomes)
    print(f"search_quality_queries_ok: {figures['queries_ok']} of {figures['queries']}")
    print(f"search_recall_at_20: {figures['recall']:.3f}")
    print(f"search_precision_at_20: {figures['precision']:.3f}")


if __name__ == "__main__":
    main()
