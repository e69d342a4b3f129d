"""Belong accepts no uploaded files or images today. This guard fails the day one is added,
so that the upload is built with the safety rules: re-encode with Pillow, strip EXIF and
other metadata, cap bytes and pixels (see the issue on trust and safety)."""

from django import forms
from django.apps import apps
from django.db import models


def test_no_model_stores_uploaded_files():
    file_fields = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label not in {"admin", "auth", "contenttypes", "sessions"}
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    assert not file_fields, (
        f"{file_fields} accept uploads: re-encode them with Pillow, strip EXIF, cap bytes and "
        "pixels, test that, and then allow them here."
    )


def test_no_form_takes_a_file():
    import belong.accounts.forms
    import belong.messaging.forms
    import belong.posts.forms

    found = []
    for module in (belong.accounts.forms, belong.messaging.forms, belong.posts.forms):
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, forms.BaseForm):
                for field_name, field in value.base_fields.items():
                    if isinstance(field, forms.FileField):
                        found.append(f"{module.__name__}.{name}.{field_name}")
    assert not found, f"{found} take files: build the image safety rules first."
