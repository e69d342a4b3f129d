import pytest


@pytest.fixture(autouse=True)
def _tombstones_in_tmp(settings, tmp_path):
    settings.BELONG_TOMBSTONE_FILE = tmp_path / "erased-accounts.txt"
