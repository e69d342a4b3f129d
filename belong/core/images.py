"""Uploaded images: decoded with caps, re-encoded by Pillow without any metadata, stored
through Django's storage API. Nothing a citizen uploads is ever served as they sent it."""

from __future__ import annotations

import io
import uuid
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# The formats we decode at all; anything else is refused before Pillow parses it deeply.
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, code="bad_image")


def clean_image(upload, *, max_side: int | None = None) -> ContentFile:
    """Re-encode `upload` (a file-like object) as a fresh PNG or JPEG without EXIF, colour
    profiles or comments, at most `max_side` pixels a side. Raises ValidationError for
    anything that is not a small, ordinary image: too many bytes, too many pixels (a
    decompression bomb), not an image at all, or one Pillow cannot decode."""
    max_bytes = settings.BELONG_IMAGE_MAX_BYTES
    max_side = max_side or settings.BELONG_IMAGE_MAX_SIDE
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise _refuse(_("The picture is too large. Choose one under 5 MB."))
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _refuse(_("The picture is too large. Choose one under 5 MB."))
    too_big = _("The picture has too many pixels. Choose a smaller one.")
    not_image = _("This file is not a picture we can use. Choose a JPEG or PNG file.")
    # Pillow's own guard, at our cap: it refuses a bomb before decoding a single pixel.
    Image.MAX_IMAGE_PIXELS = settings.BELONG_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            # Pillow warns between MAX_IMAGE_PIXELS and twice that and raises above; both
            # are refusals here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=sorted(ACCEPTED_FORMATS)) as probe:
                width, height = probe.size
                if width * height > settings.BELONG_IMAGE_MAX_PIXELS:
                    raise _refuse(too_big)
                probe.verify()
            with Image.open(io.BytesIO(data), formats=sorted(ACCEPTED_FORMATS)) as image:
                image.seek(0)  # the first frame of an animation
                image.load()
                image = ImageOps.exif_transpose(image)
                has_alpha = image.mode in ("RGBA", "LA", "PA") or (
                    image.mode == "P" and "transparency" in image.info
                )
                image = image.convert("RGBA" if has_alpha else "RGB")
                image.thumbnail((max_side, max_side))
                # A fresh image holds pixels only: no EXIF, no ICC, no text chunks.
                clean = Image.new(image.mode, image.size)
                clean.paste(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _refuse(too_big) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise _refuse(not_image) from None
    out = io.BytesIO()
    if clean.mode == "RGBA":
        clean.save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        clean.save(out, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def store_image(image: ContentFile, *, folder: str) -> str:
    """Save a cleaned image through the default storage; returns its name there."""
    return default_storage.save(f"{folder}/{image.name}", image)


def delete_image(name: str) -> None:
    if name:
        default_storage.delete(name)
