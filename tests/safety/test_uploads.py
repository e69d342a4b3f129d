"""Uploaded images are hostile until proven otherwise: every one is decoded with caps on
bytes and pixels, re-encoded by Pillow without metadata, and stored through Django's
storage API. This suite tries what an attacker would send. It also guards that no model
stores an upload as it came (a FileField) and that every form taking a file is known here."""

import io
import struct
import zlib

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image

from belong.core.images import clean_image
from tests.local_life import make_organisation, organisation_fields


def png_bytes(size=(40, 30), color=(200, 30, 30), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG", **save)
    return out.getvalue()


def jpeg_with_exif(exif_bytes: bytes | None = None) -> bytes:
    image = Image.new("RGB", (64, 48), (10, 120, 10))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {2: (55.0, 40.0, 0.0)}  # GPS info: where the photo was taken
    if exif_bytes is not None:
        exif[0x9286] = exif_bytes  # UserComment: as large as the caller likes
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def test_an_ordinary_picture_is_re_encoded():
    cleaned = clean_image(upload(png_bytes()))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert image.size == (40, 30)
        assert image.format == "JPEG"


def test_exif_and_gps_are_stripped():
    cleaned = clean_image(upload(jpeg_with_exif(), "photo.jpg", "image/jpeg"))
    data = cleaned.read()
    assert b"SpyCam" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert "exif" not in image.info


def test_a_huge_exif_block_is_stripped_or_refused():
    # A JPEG segment holds at most 64 KB; the comment fills it.
    data = jpeg_with_exif(b"ASCII\x00\x00\x00" + b"A" * 60000)
    cleaned = clean_image(upload(data, "photo.jpg", "image/jpeg"))
    assert len(cleaned.read()) < 10000


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(ValidationError) as refused:
        clean_image(upload(b"<script>alert(1)</script>", "logo.png"))
    assert refused.value.code == "bad_image"
    with pytest.raises(ValidationError):
        clean_image(upload(b"%PDF-1.4\n" + b"0" * 500, "logo.png"))


def test_a_truncated_image_is_refused():
    with pytest.raises(ValidationError):
        clean_image(upload(png_bytes()[:60]))


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height` pixels: a decompression bomb's
    shape, without spending the memory to make a real one."""
    data = bytearray(png_bytes(size=(1, 1)))
    # The IHDR chunk: length (4), type (4), width (4), height (4) ... then its CRC.
    data[16:24] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF
    data[29:33] = struct.pack(">I", crc)
    return bytes(data)


@pytest.mark.parametrize("side", [6000, 20000, 60000])
def test_a_decompression_bomb_is_refused_before_decoding(side):
    with pytest.raises(ValidationError) as refused:
        clean_image(upload(png_claiming(side, side)))
    assert refused.value.code == "bad_image"
    assert "pixels" in refused.value.messages[0]


def test_a_real_bomb_of_one_colour_is_refused(settings):
    settings.BELONG_IMAGE_MAX_PIXELS = 1_000_000
    bomb = png_bytes(size=(2000, 2000), color=(0, 0, 0), optimize=True)
    assert len(bomb) < 50_000
    with pytest.raises(ValidationError):
        clean_image(upload(bomb))


def test_too_many_bytes_are_refused(settings):
    settings.BELONG_IMAGE_MAX_BYTES = 1000
    with pytest.raises(ValidationError):
        clean_image(upload(b"\x89PNG" + b"0" * 2000))


def test_a_big_picture_is_made_smaller(settings):
    cleaned = clean_image(upload(png_bytes(size=(3000, 1500))))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert max(image.size) == settings.BELONG_IMAGE_MAX_SIDE


def test_a_logo_is_stored_through_the_storage_api(citizen):
    club = make_organisation(citizen)
    from belong.organisations.services import update_organisation

    update_organisation(
        editor=citizen,
        organisation=club,
        fields={},
        logo=upload(jpeg_with_exif(), "photo.jpg", "image/jpeg"),
    )
    assert club.logo.startswith("logos/")
    with default_storage.open(club.logo) as stored:
        assert b"SpyCam" not in stored.read()


def test_the_profile_form_refuses_a_hostile_logo_and_keeps_what_was_typed(
    client, citizen, aalborg_postcode
):
    client.force_login(citizen)
    data = organisation_fields(aalborg_postcode, name="Bombeklubben")
    data["postcode"] = "9000"
    data["logo"] = upload(b"not an image at all", "logo.png")
    response = client.post(reverse("organisation_new"), data)
    assert response.status_code == 200
    assert "Bombeklubben" in response.content.decode()
    assert "logo" in response.context["form"].errors


def test_a_removed_logo_is_shown_to_nobody(client, citizen, aalborg):
    from belong.organisations.services import remove_logo, update_organisation
    from tests.staff import make_staff

    club = make_organisation(citizen)
    update_organisation(editor=citizen, organisation=club, fields={}, logo=upload(png_bytes()))
    client.force_login(citizen)
    response = client.get(reverse("organisation_logo", args=[club.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    moderator = make_staff(aalborg, "moderator")
    remove_logo(staff=moderator, organisation=club, reason="Krænkende billede")
    assert client.get(reverse("organisation_logo", args=[club.pk])).status_code == 404


def test_no_model_stores_uploaded_files_as_they_came():
    file_fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label not in {"admin", "auth", "contenttypes", "sessions"}
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    # A file Belong writes itself, never one anyone uploads: the citizen's prepared export.
    file_fields.remove("privacy.DataExport.file")
    assert not file_fields, (
        f"{file_fields} store uploads: keep the cleaned image's storage name instead "
        "(belong.core.images.clean_image and store_image)."
    )


# Forms that take a file, each cleaned by belong.core.images.clean_image in its service.
KNOWN_FILE_FIELDS = {
    "belong.organisations.forms.OrganisationForm.logo",
    "belong.posts.forms.PostPhotoForm.photo",
}


def test_every_form_that_takes_a_file_is_known_here():
    import belong.accounts.forms
    import belong.activities.forms
    import belong.messaging.forms
    import belong.organisations.forms
    import belong.posts.forms

    found = set()
    for module in (
        belong.accounts.forms,
        belong.activities.forms,
        belong.messaging.forms,
        belong.organisations.forms,
        belong.posts.forms,
    ):
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, forms.BaseForm):
                for field_name, field in value.base_fields.items():
                    if isinstance(field, forms.FileField):
                        found.add(f"{module.__name__}.{name}.{field_name}")
    assert found == KNOWN_FILE_FIELDS, f"{found - KNOWN_FILE_FIELDS} take files: clean them."


# --- More hostile files ------------------------------------------------------------------------

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
)


def polyglot() -> bytes:
    """A real PNG with a web page and a zip archive glued on after its end: browsers and
    unzip tools read the tail, image viewers the head."""
    return (
        png_bytes()
        + b"<html><script>alert(document.cookie)</script></html>"
        + b"PK\x03\x04"
        + b"\x00" * 26
        + b"evil.js"
    )


def test_an_svg_is_refused():
    with pytest.raises(ValidationError) as refused:
        clean_image(upload(SVG, "symbol.svg", "image/svg+xml"))
    assert refused.value.code == "bad_image"


def test_an_svg_dressed_as_a_png_is_refused():
    with pytest.raises(ValidationError):
        clean_image(upload(SVG, "symbol.png", "image/png"))


def test_a_polyglot_loses_everything_but_its_pixels():
    cleaned = clean_image(upload(polyglot()))
    data = cleaned.read()
    assert b"<script>" not in data
    assert b"PK\x03\x04" not in data
    assert b"evil.js" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (40, 30)


def test_a_gif_with_a_script_comment_is_re_encoded_without_it():
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, format="GIF", comment=b"<script>alert(1)</script>")
    data = clean_image(upload(out.getvalue(), "x.gif", "image/gif")).read()
    assert b"<script>" not in data


# --- A post's photo ------------------------------------------------------------------------------

POST_FORM = {
    "organisation": "",
    "title": "Gåtur med hund",
    "body": "Jeg går med min hund hver morgen og søger selskab.",
    "motive": "activity",
    "interests": ["walks-nature"],
    "wish_age_min": "",
    "wish_age_max": "",
    "wish_gender": "any",
    "reach": "municipality",
    "reach_km": "",
}


def _publish_with_photo(client, data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return client.post(
        reverse("post_new"),
        {
            **POST_FORM,
            "photo": upload(data, name, content_type),
            "photo_alt": "En brun hund i græsset",
            "publish": "1",
        },
    )


def test_a_post_photo_is_re_encoded_and_stored_through_the_storage_api(client, citizen):
    from belong.posts.models import Post

    client.force_login(citizen)
    response = _publish_with_photo(client, jpeg_with_exif())
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.photo.startswith("post-photos/")
    assert post.photo_alt == "En brun hund i græsset"
    with default_storage.open(post.photo) as stored:
        assert b"SpyCam" not in stored.read()
    photo = client.get(reverse("post_photo", args=[post.pk]))
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"


@pytest.mark.parametrize(
    "data,name",
    [
        (b"<script>alert(1)</script>", "photo.jpg"),  # not an image
        (png_claiming(60000, 60000), "photo.png"),  # a decompression bomb
        (SVG, "symbol.svg"),
    ],
)
def test_a_hostile_post_photo_is_refused_and_keeps_what_was_typed(client, citizen, data, name):
    from belong.posts.models import Post

    client.force_login(citizen)
    response = _publish_with_photo(client, data, name, "image/png")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gåtur med hund" in html
    assert "photo" in response.context["photo_form"].errors
    assert not Post.objects.exists()


def test_a_huge_exif_block_on_a_post_photo_is_stripped(client, citizen):
    from belong.posts.models import Post

    client.force_login(citizen)
    _publish_with_photo(client, jpeg_with_exif(b"ASCII\x00\x00\x00" + b"A" * 60000))
    with default_storage.open(Post.objects.get().photo) as stored:
        data = stored.read()
    assert b"AAAAAAAA" not in data
    assert len(data) < 10000


def _post_with_photo(author, **fields):
    from belong.posts.photos import set_photo
    from tests.factories import make_post

    post = make_post(author, reach="country", **fields)
    return set_photo(author=author, post=post, upload=upload(png_bytes()), alt="Et rødt felt")


def test_the_photo_is_hidden_with_its_post(client, citizen, outsider):
    from belong.posts.services import hide_post

    post = _post_with_photo(citizen)
    client.force_login(outsider)
    page = client.get(reverse("post_detail", args=[post.pk])).content.decode()
    assert reverse("post_photo", args=[post.pk]) in page
    assert client.get(reverse("post_photo", args=[post.pk])).status_code == 200
    hide_post(post_id=post.pk)
    assert client.get(reverse("post_photo", args=[post.pk])).status_code == 404


def test_a_moderator_removes_the_photo_alone(client, citizen, outsider, aalborg):
    from belong.moderation.services import report_content
    from belong.posts.models import Post, Status
    from tests.staff import make_staff, sign_in_staff

    post = _post_with_photo(citizen)
    report = report_content(reporter=outsider, target="post", obj=post, reason="other")
    moderator = make_staff(aalborg, "moderator")
    sign_in_staff(client, moderator)
    detail = client.get(reverse("moderation_report", args=[report.pk])).content.decode()
    assert reverse("post_photo", args=[post.pk]) in detail
    response = client.post(
        reverse("moderation_remove_photo", args=[report.pk]), {"reason": "Krænkende billede"}
    )
    assert response.status_code == 302
    post = Post.objects.get(pk=post.pk)
    assert post.photo_removed_at is not None
    assert post.status == Status.PUBLISHED  # the text stays
    client.force_login(outsider)
    assert client.get(reverse("post_photo", args=[post.pk])).status_code == 404
    page = client.get(reverse("post_detail", args=[post.pk])).content.decode()
    assert reverse("post_photo", args=[post.pk]) not in page
    client.force_login(citizen)
    edit = client.get(reverse("post_edit", args=[post.pk])).content.decode()
    assert "Krænkende billede" in edit


def test_a_removal_needs_a_reason_and_a_moderator_of_that_municipality(
    client, citizen, outsider, aalborg, vejle_postcode
):
    from belong.moderation.services import report_content
    from belong.posts.models import Post
    from tests.staff import make_staff, sign_in_staff

    post = _post_with_photo(citizen)
    report = report_content(reporter=outsider, target="post", obj=post, reason="other")
    moderator = make_staff(aalborg, "moderator")
    sign_in_staff(client, moderator)
    client.post(reverse("moderation_remove_photo", args=[report.pk]), {"reason": "  "})
    assert Post.objects.get(pk=post.pk).photo_removed_at is None
    elsewhere = make_staff(vejle_postcode.municipality, "moderator")
    sign_in_staff(client, elsewhere)
    response = client.post(
        reverse("moderation_remove_photo", args=[report.pk]), {"reason": "Forkert"}
    )
    assert response.status_code == 404
    assert Post.objects.get(pk=post.pk).photo_removed_at is None


def test_a_moderator_reading_a_photo_is_logged(client, citizen, aalborg):
    from belong.core.models import StaffAccess
    from tests.staff import make_staff, sign_in_staff

    post = _post_with_photo(citizen)
    moderator = make_staff(aalborg, "moderator")
    sign_in_staff(client, moderator)
    assert client.get(reverse("post_photo", args=[post.pk])).status_code == 200
    assert StaffAccess.objects.filter(staff=moderator, subject=citizen).exists()


def test_a_minors_photo_is_never_shown_to_an_adult(client, minor, aalborg_postcode, aalborg):
    from tests.factories import UserFactory, years_ago
    from tests.staff import make_staff, sign_in_staff

    post = _post_with_photo(minor)
    friend = UserFactory(birth_date=years_ago(15), postcode=aalborg_postcode)
    client.force_login(friend)
    assert client.get(reverse("post_photo", args=[post.pk])).status_code == 200
    adult = UserFactory(postcode=aalborg_postcode)
    client.force_login(adult)
    assert client.get(reverse("post_photo", args=[post.pk])).status_code == 404
    moderator = make_staff(aalborg, "moderator")
    sign_in_staff(client, moderator)
    assert client.get(reverse("post_photo", args=[post.pk])).status_code == 404


def test_a_photo_from_the_youth_space_stays_there_after_an_18th_birthday(
    client, minor, aalborg_postcode
):
    from belong.posts.models import Post
    from belong.posts.services import resume_post
    from tests.factories import UserFactory, years_ago

    post = _post_with_photo(minor)
    type(minor).objects.filter(pk=minor.pk).update(birth_date=years_ago(18))
    minor.refresh_from_db()
    Post.objects.filter(pk=post.pk).update(status="paused")
    resume_post(author=minor, post=Post.objects.get(pk=post.pk))
    assert Post.objects.get(pk=post.pk).is_youth is False
    adult = UserFactory(postcode=aalborg_postcode)
    client.force_login(adult)
    assert client.get(reverse("post_detail", args=[post.pk])).status_code == 200
    assert client.get(reverse("post_photo", args=[post.pk])).status_code == 404


def test_an_adults_photo_is_not_shown_to_a_young_person(client, citizen, minor):
    post = _post_with_photo(citizen)
    client.force_login(minor)
    assert client.get(reverse("post_photo", args=[post.pk])).status_code == 404


def test_someone_elses_photo_id_is_a_404(client, citizen, outsider):
    from belong.posts.services import pause_post

    post = _post_with_photo(citizen)
    pause_post(author=citizen, post=post)
    client.force_login(outsider)
    assert client.get(reverse("post_photo", args=[post.pk])).status_code == 404
    assert client.get(reverse("post_photo", args=[999999])).status_code == 404


def test_the_api_shows_the_photo_to_those_who_may_see_it(citizen, outsider, minor):
    from tests.api.conftest import api_client_for

    post = _post_with_photo(citizen)
    read = api_client_for(outsider).get(f"/posts/{post.pk}").json()
    assert read["photo_url"] == reverse("post_photo", args=[post.pk])
    assert read["photo_alt"] == "Et rødt felt"


def test_the_author_removes_the_photo_and_the_file_goes(
    client, citizen, django_capture_on_commit_callbacks
):
    from belong.posts.models import Post

    post = _post_with_photo(citizen)
    name = post.photo
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("post_edit", args=[post.pk]),
            {**POST_FORM, "reach": "country", "remove_photo": "on", "save": "1"},
        )
    assert Post.objects.get(pk=post.pk).photo == ""
    assert not default_storage.exists(name)
