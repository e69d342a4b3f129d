"""Factories for the whole suite: real rows in the real database, never fixtures files."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from belong.accounts.models import Gender, User
from belong.places.models import Licence, Municipality, Postcode, Region, municipality_slug

PASSWORD = "Rolig-Gaatur-42"


def years_ago(years: int, days: int = 10) -> datetime.date:
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - datetime.timedelta(days=days)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = 1081
    name = "Region Nordjylland"
    name_en = "North Denmark Region"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: 900 + n)
    name = factory.Sequence(lambda n: f"Testby {n}")
    slug = factory.LazyAttribute(lambda m: municipality_slug(m.name))
    region = factory.SubFactory(RegionFactory)
    population = 50000


class PostcodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Postcode
        django_get_or_create = ("code",)

    # Four digits in 8801-8999, which no test names by hand: a long run (over a thousand
    # postcodes) would otherwise reach five digits, which PostgreSQL's varchar(4) refuses.
    code = factory.Sequence(lambda n: f"{8801 + n % 199}")
    name = factory.Sequence(lambda n: f"Testby {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    latitude = 57.0
    longitude = 9.9


class LicenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Licence

    municipality = factory.SubFactory(MunicipalityFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"borger{n}@example.dk")
    display_name = factory.Sequence(lambda n: f"Borger {n}")
    birth_date = factory.LazyFunction(lambda: years_ago(34))
    gender = Gender.WOMAN
    postcode = factory.SubFactory(PostcodeFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def post_fields(**fields) -> dict:
    """What the post form hands the service: a plain post, with these changes."""
    values = {
        "title": "Gåtur i weekenden",
        "body": "Jeg går gerne lange ture ved fjorden og søger en at gå med.",
        "motive": "friend",
        "interests": ["walks-nature"],
        "wish_age_min": None,
        "wish_age_max": None,
        "wish_gender": "any",
        "reach": "country",
        "reach_km": None,
    }
    values.update(fields)
    return values


def make_post(author, *, publish=True, **fields):
    """A post written through the real service, so its place and author facts are copied."""
    from belong.posts.services import save_post

    return save_post(author=author, fields=post_fields(**fields), publish=publish)
