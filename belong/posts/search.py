"""The one search service: pages, the API and the benchmark all call `search_posts`.

Every rule about who may see a post (status, expiry, reach, the youth space) lives in
`visible_posts`, the canonical queryset; search only narrows it down.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields import BooleanField, FloatField
from django.http import QueryDict
from django.utils import timezone

from belong.accounts.models import User
from belong.places.models import Postcode
from belong.places.nearby import population_share, postcodes_within
from belong.places.services import distance_km, find_postcode
from belong.posts.models import (
    INTEREST_BITS,
    REACH_KM_CHOICES,
    Motive,
    Post,
    Reach,
    Status,
    interests_to_mask,
)

PAGE_SIZE = 20
RADIUS_CHOICES = (2, 5, 10, 25, 50, 100)
WHERE_CHOICES = ("near", "municipality", "region", "country", "online")
SORT_CHOICES = ("newest", "nearest", "best")
GENDER_CHOICES = ("woman", "man", "other")
# "Best match" ranks at most this many of the newest matches.
BEST_MATCH_CANDIDATES = 300
MAX_TERMS = 8

# Words that say nothing about a person or an interest; a query of only these is no query.
STOP_WORDS = frozenset(
    """
    af alle andet andre at blev bliver da de dem den denne der deres det dette dig din dine
    disse du efter eller en end er et for fra ham han hans har havde have hende hendes her
    hos hun hvad hvis hvor i ikke ind jeg jer jo kan kun man mange med meget men mig min mine
    mit mod må ned noget nogle nu når og også om op os over på sig sin sine sit skal skulle
    som så til ud under var vi vil ville være været
    a an and are as at be but by for from has have i in is it its me my of on or our so
    that the their them they this to was we were what when where who will with you your
    """.split()
)
WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(text: str) -> list[str]:
    """The words of a query worth searching for: lower case, no stop words or punctuation."""
    terms = []
    for word in WORD.findall((text or "").lower()):
        word = word.strip("_")
        if len(word) < 2 or word in STOP_WORDS or word in terms:
            continue
        terms.append(word)
    return terms[:MAX_TERMS]


def _int(value, default=None, low=None, high=None):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    if low is not None and number < low:
        return default
    if high is not None and number > high:
        return default
    return number


@dataclass
class SearchQuery:
    text: str = ""
    motives: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    age_min: int | None = None
    age_max: int | None = None
    gender: str = ""
    where: str = "near"
    radius_km: int = 25
    postcode: str = ""
    sort: str = "newest"
    page: int = 1

    @classmethod
    def from_params(cls, params) -> SearchQuery:
        """Read a query from GET parameters (a QueryDict); anything odd falls back quietly."""
        motives = [m for m in params.getlist("motive") if m in Motive.values]
        interests = [i for i in params.getlist("interest") if i in INTEREST_BITS]
        where = params.get("where") or "near"
        sort = params.get("sort") or "newest"
        gender = params.get("gender") or ""
        age_min = _int(params.get("age_min"), None, 13, 120)
        age_max = _int(params.get("age_max"), None, 13, 120)
        if age_min and age_max and age_min > age_max:
            age_min, age_max = age_max, age_min
        return cls(
            text=(params.get("q") or "").strip()[:200],
            motives=motives,
            interests=interests,
            age_min=age_min,
            age_max=age_max,
            gender=gender if gender in GENDER_CHOICES else "",
            where=where if where in WHERE_CHOICES else "near",
            radius_km=_int(params.get("radius"), 25, 1, 500),
            postcode=(params.get("postcode") or "").strip()[:6],
            sort=sort if sort in SORT_CHOICES else "newest",
            page=_int(params.get("side"), 1, 1, 10_000),
        )

    def to_params(self, *, page: int | None = None) -> dict:
        params = {
            "q": self.text,
            "motive": self.motives,
            "interest": self.interests,
            "age_min": self.age_min,
            "age_max": self.age_max,
            "gender": self.gender,
            "where": self.where,
            "radius": self.radius_km if self.where == "near" else None,
            "postcode": self.postcode,
            "sort": self.sort,
            "side": page if page and page > 1 else None,
        }
        return {k: v for k, v in params.items() if v not in (None, "", [])}

    @classmethod
    def from_saved(cls, params: dict) -> SearchQuery:
        return cls.from_params(QueryDict(urlencode(params, doseq=True)))


@dataclass
class SearchResults:
    query: SearchQuery
    posts: list[Post]
    page: int
    has_next: bool
    centre: Postcode | None
    terms: list[str]
    ignored_text: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def visible_posts(viewer: User) -> QuerySet[Post]:
    """Every post `viewer` may see: published, not expired, within its reach of the viewer's
    home, and in the viewer's own space (citizens under 18 and adults never meet here)."""
    posts = Post.objects.filter(status=Status.PUBLISHED, is_youth=viewer.is_youth)
    posts = posts.filter(_not_expired(timezone.now()))
    reach = Q(reach__in=[Reach.COUNTRY, Reach.ONLINE])
    home = viewer.postcode if viewer.postcode_id else None
    if home is not None:
        municipality = home.municipality
        reach |= Q(reach=Reach.MUNICIPALITY, municipality_id=municipality.pk)
        reach |= Q(reach=Reach.REGION, region_id=municipality.region_id)
        for km, _label in REACH_KM_CHOICES:
            nearby = postcodes_within(home.latitude, home.longitude, km)
            reach |= Q(reach=Reach.NEAR, reach_km=km, postcode_id__in=sorted(nearby))
    return posts.filter(reach)


# Above this share of the population inside the radius, the newest posts of the whole
# country hold enough near ones that walking them newest first finds a page soonest;
# below it, reading the radius's own posts and sorting them is cheaper.
CROWDED_SHARE = 0.03


def _near_filter(postcode_ids: list[int]) -> Q | RawSQL:
    """Posts in these postcodes, phrased so the database walks the cheaper index.

    Databases judge "postcode in (...)" by its number of values, not by how many posts sit
    there, and a radius in Copenhagen holds a hundred times the posts of one in Thy. The
    unary plus hides the postcode index from SQLite where the radius is crowded.
    PostgreSQL's planner weighs each postcode by its statistics and combines indexes
    itself; the hint only got in its way (measured in bench/search.py)."""
    if (
        connection.vendor != "sqlite"
        or not postcode_ids
        or population_share(tuple(postcode_ids)) < CROWDED_SHARE
    ):
        return Q(postcode_id__in=postcode_ids)
    return RawSQL(  # noqa: S611  (integer ids only)
        "+posts_post.postcode_id IN ({})".format(", ".join(str(int(pk)) for pk in postcode_ids)),
        [],
        output_field=BooleanField(),
    )


def _not_expired(now: datetime.datetime) -> Q | RawSQL:
    # Nearly every published post is unexpired, but SQLite cannot know that of a bound
    # timestamp and would walk the expiry index instead of the newest-first one; the unary
    # plus keeps that index out of search (the expiry task still uses it).
    if connection.vendor != "sqlite":
        return Q(expires_at__gt=now)
    return RawSQL(
        "+posts_post.expires_at > %s",
        [connection.ops.adapt_datetimefield_value(now)],
        output_field=BooleanField(),
    )


def _text_filter(terms: list[str]) -> RawSQL:
    if connection.vendor == "postgresql":
        # Each word must match, stemmed as Danish or as English.
        parts = " && ".join(
            "(plainto_tsquery('danish', %s) || plainto_tsquery('english', %s))" for _ in terms
        )
        params = [term for term in terms for _twice in (0, 1)]
        return RawSQL(  # noqa: S611  (fixed fragments; every word is a bound parameter)
            f"posts_post.search_document @@ ({parts})", params, output_field=BooleanField()
        )
    # SQLite FTS5 knows no Danish stemmer; a prefix query catches inflections
    # ("gåtur" finds "gåture" and "gåturene").
    match = " AND ".join('"{}"*'.format(term.replace('"', "")) for term in terms)
    return RawSQL(
        "posts_post.id IN (SELECT rowid FROM posts_post_fts WHERE posts_post_fts MATCH %s)",
        [match],
        output_field=BooleanField(),
    )


def _born_between(age_min: int | None, age_max: int | None, today: datetime.date) -> Q:
    q = Q()
    if age_min is not None:
        q &= Q(author_birth_date__lte=_years_before(today, age_min))
    if age_max is not None:
        q &= Q(author_birth_date__gt=_years_before(today, age_max + 1))
    return q


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def search_posts(*, viewer: User, query: SearchQuery, page_size: int = PAGE_SIZE) -> SearchResults:
    posts = visible_posts(viewer)
    home = viewer.postcode if viewer.postcode_id else None
    centre = (find_postcode(query.postcode) if query.postcode else None) or home

    if query.where == "near" and centre is not None:
        nearby = sorted(postcodes_within(centre.latitude, centre.longitude, query.radius_km))
        posts = posts.filter(_near_filter(nearby))
    elif query.where == "municipality" and centre is not None:
        posts = posts.filter(municipality_id=centre.municipality_id)
    elif query.where == "region" and centre is not None:
        posts = posts.filter(region_id=centre.municipality.region_id)
    elif query.where == "online":
        posts = posts.filter(reach=Reach.ONLINE)

    if query.motives:
        posts = posts.filter(motive__in=query.motives)
    if query.interests:
        mask = interests_to_mask(query.interests)
        posts = posts.alias(shared=F("interest_mask").bitand(mask)).filter(shared__gt=0)
    if query.gender:
        posts = posts.filter(author_gender=query.gender)
    if query.age_min is not None or query.age_max is not None:
        posts = posts.filter(_born_between(query.age_min, query.age_max, timezone.localdate()))

    terms = search_terms(query.text)
    if terms:
        posts = posts.filter(_text_filter(terms))

    # Find the page's ids on the posts table alone (its indexes shaped for exactly this),
    # then fetch those few posts with their authors: joins in the first query only get
    # in the planner's way.
    offset = (query.page - 1) * page_size
    if query.sort == "best":
        viewer_mask = viewer.interest_mask
        candidates = list(
            posts.order_by("-published_at", "-id").only(
                "id", "title", "body", "interest_mask", "latitude", "longitude", "published_at"
            )[:BEST_MATCH_CANDIDATES]
        )
        ranked = sorted(
            candidates,
            key=lambda post: _best_match_score(post, viewer_mask, centre, terms),
            reverse=True,
        )
        ids = [post.pk for post in ranked[offset : offset + page_size + 1]]
    else:
        if query.sort == "nearest" and centre is not None:
            # Squared distance on a local flat projection: orders like the true distance
            # at Danish scale, and needs no trigonometry in the database.
            scale = math.cos(math.radians(centre.latitude)) ** 2
            posts = posts.alias(
                nearness=RawSQL(
                    "(posts_post.latitude - %s) * (posts_post.latitude - %s)"
                    " + (posts_post.longitude - %s) * (posts_post.longitude - %s) * %s",
                    [centre.latitude, centre.latitude, centre.longitude, centre.longitude, scale],
                    output_field=FloatField(),
                )
            ).order_by("nearness", "-published_at", "-id")
        else:
            posts = posts.order_by("-published_at", "-id")
        ids = list(posts.values_list("id", flat=True)[offset : offset + page_size + 1])
    by_id = Post.objects.select_related("author", "municipality").in_bulk(ids) if ids else {}
    rows = [by_id[pk] for pk in ids if pk in by_id]

    for post in rows:
        post.distance_km = _distance_for(viewer, home, post)
    return SearchResults(
        query=query,
        posts=rows[:page_size],
        page=query.page,
        has_next=len(rows) > page_size,
        centre=centre,
        terms=terms,
        ignored_text=bool(query.text.strip()) and not terms,
    )


def _distance_for(viewer: User, home: Postcode | None, post: Post) -> int | None:
    """Whole kilometres from the viewer's home; None where it would say too much."""
    if home is None or post.latitude is None or viewer.is_youth:
        return None
    return round(distance_km(home, post))


def _best_match_score(post: Post, viewer_mask: int, centre, terms: list[str]) -> float:
    """Words in the title count most, then shared interests, closeness and freshness."""
    score = 0.0
    title, body = post.title.lower(), post.body.lower()
    for term in terms:
        score += 3.0 * title.count(term) + min(body.count(term), 3)
    score += 2.0 * bin(post.interest_mask & viewer_mask).count("1")
    if centre is not None and post.latitude is not None:
        score += max(0.0, 3.0 - distance_km(centre, post) / 10)
    age_days = (timezone.now() - post.published_at).days if post.published_at else 90
    score += max(0.0, 2.0 - age_days / 30)
    return score
