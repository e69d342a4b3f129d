"""Posts: who I am and what company I seek; drafts that are never lost; saved searches."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from belong.accounts.interests import (  # noqa: F401  (re-exported for posts code)
    INTEREST_BITS,
    HasInterests,
    interests_to_mask,
    mask_to_interests,
)
from belong.core import clock


class Motive(models.TextChoices):
    FRIEND = "friend", _("A friend")
    ACTIVITY = "activity", _("Someone to do things with")
    GROUP = "group", _("A group or community")
    MEMBERS = "members", _("New members for a club")
    VOLUNTEERS = "volunteers", _("Volunteers")
    LANGUAGE = "language", _("Language exchange")
    OTHER = "other", _("Something else")


class Reach(models.TextChoices):
    NEAR = "near", _("Near me")
    MUNICIPALITY = "municipality", _("My municipality")
    REGION = "region", _("My region")
    COUNTRY = "country", _("The whole country")
    ONLINE = "online", _("Online")


REACH_KM_CHOICES = [(5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km")]


class WishGender(models.TextChoices):
    ANY = "any", _("Anyone")
    WOMAN = "woman", _("Women")
    MAN = "man", _("Men")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    PAUSED = "paused", _("Paused")
    EXPIRED = "expired", _("Expired")
    # Hidden after reports, until a moderator decides; only a moderator shows it again.
    HIDDEN = "hidden", _("Hidden while a moderator looks at it")


# What a search tests besides status, space, place and time (see post_live_place).
SEARCH_COLUMNS = [
    "author",
    "expires_at",
    "reach",
    "reach_km",
    "municipality",
    "region",
    "motive",
    "interest_mask",
    "author_gender",
    "author_birth_date",
    "concept_mask",
]


class Post(HasInterests, models.Model):
    # Not stored: set on the posts of a search for their reader, in whole kilometres from
    # the reader's home (None where it would say too much).
    distance_km: int | None
    # Not stored: set on the posts of a best-match search, why they fit the reader.
    match_reasons: list[str]

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="posts",
        verbose_name=_("author"),
    )
    # Set when an owner or editor writes as the organisation: the post then shows the
    # organisation's name, logo and badge, and contacting it reaches its editors.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("written as"),
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=4000)
    motive = models.CharField(_("I am looking for"), max_length=20, choices=Motive.choices)
    interest_mask = models.BigIntegerField(_("interests"), default=0)
    wish_age_min = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    wish_age_max = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)
    wish_gender = models.CharField(
        _("I would like to meet"), max_length=10, choices=WishGender.choices, default="any"
    )
    reach = models.CharField(_("who may see it"), max_length=20, choices=Reach.choices)
    reach_km = models.PositiveSmallIntegerField(
        _("distance"), null=True, blank=True, choices=REACH_KM_CHOICES
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # An optional photo or symbol: the re-encoded image's name in the default storage
    # (belong.core.images), never the file as uploaded. Who may see it is
    # belong.posts.projections.shows_photo: a photo taken in the youth space stays there.
    photo = models.CharField(_("photo"), max_length=200, blank=True)
    photo_alt = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    photo_from_minor = models.BooleanField(default=False)
    photo_removed_at = models.DateTimeField(
        _("photo removed by a moderator"), null=True, blank=True
    )
    photo_removed_reason = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    expiry_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Where the post is and who wrote it, copied from the author when it is published, so
    # that search filters one table and never joins users or places.
    postcode = models.ForeignKey(
        "places.Postcode", on_delete=models.PROTECT, null=True, related_name="+"
    )
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.PROTECT, null=True, related_name="+"
    )
    region = models.ForeignKey(
        "places.Region", on_delete=models.PROTECT, null=True, related_name="+"
    )
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    author_birth_date = models.DateField(null=True)
    author_gender = models.CharField(max_length=12, blank=True)
    is_youth = models.BooleanField(default=False)
    # The title, text, interests and motive as search tokens (belong.posts.analysis), set
    # with them by the services; the search indexes are built from it.
    search_words = models.TextField(default="", blank=True, editable=False)
    # The concepts among them as bits (belong.posts.analysis.concept_bits).
    concept_mask = models.BigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            # Browse: the newest visible posts.
            models.Index(fields=["status", "-published_at"], name="post_status_published"),
            # PostgreSQL answers searches that the full-text index cannot narrow much (a
            # crowded radius, no words) by walking one of these two newest first: the posts
            # of a few postcodes, or of the whole country. Every column a search tests is
            # included, so the walk never visits the table (SQLite ignores `include`; it
            # walks its FTS5 index instead, see belong.posts.search).
            models.Index(
                fields=["status", "is_youth", "postcode", "-published_at", "-id"],
                include=SEARCH_COLUMNS,
                name="post_live_place",
            ),
            models.Index(
                fields=["status", "is_youth", "-published_at", "-id"],
                include=["postcode", *SEARCH_COLUMNS],
                name="post_live_newest",
            ),
            models.Index(fields=["author", "status"], name="post_author_status"),
            models.Index(fields=["status", "expires_at"], name="post_status_expires"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(wish_age_min__isnull=True)
                | models.Q(wish_age_max__isnull=True)
                | models.Q(wish_age_min__lte=models.F("wish_age_max")),
                name="post_wish_age_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def days_left(self) -> int | None:
        if self.expires_at is None:
            return None
        return max(0, (self.expires_at - clock.now()) // datetime.timedelta(days=1))


class Draft(models.Model):
    """What a citizen has typed in the post form and not yet saved: kept on the server as
    they type, so a reload, a logout or a lost connection loses nothing."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="post_drafts"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, related_name="drafts")
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["author", "post"], name="draft_one_per_post"),
            models.UniqueConstraint(
                fields=["author"],
                condition=models.Q(post__isnull=True),
                name="draft_one_new_post",
            ),
        ]

    def __str__(self) -> str:
        return f"Draft by {self.author_id} for {self.post_id or 'a new post'}"


class SavedSearch(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.JSONField(_("search"))
    created_at = models.DateTimeField(default=timezone.now)
    # Posts published after this moment are news for the next digest.
    checked_until = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.name


class DigestSent(models.Model):
    """One row per saved search and day: the daily digest is sent at most once."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE)
    day = models.DateField()
    post_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "day"], name="digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id} {self.day}"


class SearchWord(models.Model):
    """The search index's vocabulary, for close spellings of a word that finds little: each
    word token, a word it was written as, and in about how many posts it stands."""

    word = models.CharField(max_length=80, primary_key=True)
    written = models.CharField(max_length=80)
    posts = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.word
