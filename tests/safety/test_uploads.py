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
    assert not file_fields, (
        f"{file_fields} store uploads: keep the cleaned image's storage name instead "
        "(belong.core.images.clean_image and store_image)."
    )


# Forms that take a file, each cleaned by belong.core.images.clean_image in its service.
KNOWN_FILE_FIELDS = {"belong.organisations.forms.OrganisationForm.logo"}


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
