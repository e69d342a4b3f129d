"""Starting again collects the static files only when their sources changed."""

import os

import pytest

from belong.core.static_files import collect_static, fingerprint_path


@pytest.fixture
def own_static(settings, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "town.css").write_text("body { color: #222; }")
    settings.STATICFILES_DIRS = [sources]
    # Only these sources, not every app's: compressing all of them takes half a minute.
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    return sources


def test_a_second_start_skips_collecting_the_same_files(own_static, settings):
    assert collect_static() is True
    collected = settings.STATIC_ROOT / "town.css"
    assert collected.read_text() == "body { color: #222; }"
    assert fingerprint_path().parent == settings.STATIC_ROOT.parent  # not served itself
    assert collect_static() is False


def test_a_changed_or_new_source_is_collected_again(own_static, settings):
    collect_static()
    source = own_static / "town.css"
    source.write_text("body { color: #000; }")
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert collect_static() is True
    assert (settings.STATIC_ROOT / "town.css").read_text() == "body { color: #000; }"

    (own_static / "harbour.js").write_text("// new")
    assert collect_static() is True
    assert (settings.STATIC_ROOT / "harbour.js").exists()


def test_other_storage_or_lost_manifest_collects_again(own_static, settings):
    collect_static()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    assert collect_static() is True
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    assert manifest.exists()
    assert collect_static() is False
    manifest.unlink()
    assert collect_static() is True
