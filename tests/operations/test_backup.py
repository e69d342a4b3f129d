"""Back up, change, restore, compare: on SQLite always, on PostgreSQL when DATABASE_URL
points at it. The after-restore steps run (the hook for replaying erasures)."""

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from belong.accounts.models import User
from belong.operations import backup as backups
from belong.posts.models import Post
from tests.factories import UserFactory, make_post


@pytest.fixture
def extra_step():
    ran = []

    @backups.after_restore("test-step")
    def remember(*, alias):
        ran.append(alias)

    yield ran
    backups._after_restore.pop("test-step", None)


def snapshot() -> dict:
    return {
        "users": sorted(User.objects.values_list("email", flat=True)),
        "posts": sorted(Post.objects.values_list("title", "body")),
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_change_restore_compare(tmp_path, aalborg_postcode, extra_step, capsys):
    anne = UserFactory(email="anne@example.dk", postcode=aalborg_postcode)
    make_post(anne, title="Gåtur ved fjorden", body="Jeg søger en at gå med.")
    before = snapshot()
    file = tmp_path / "belong.backup"
    call_command("backup", str(file))
    assert file.stat().st_size > 0
    assert "Backed up to" in capsys.readouterr().out

    # Changes after the backup: a new citizen, an edited and a deleted post.
    UserFactory(email="later@example.dk", postcode=aalborg_postcode)
    Post.objects.update(title="Ændret")
    make_post(anne, title="Nyt opslag", body="Kom med!")
    cache.set("unread:1", 7)
    assert snapshot() != before

    call_command("restore", str(file), interactive=False)
    assert snapshot() == before
    assert extra_step == ["default"]
    assert cache.get("unread:1") is None  # nothing newer than the backup is left cached
    out = capsys.readouterr().out
    assert "cache" in out and "test-step" in out
    # The restored database takes new writes at once.
    UserFactory(email="after@example.dk", postcode=aalborg_postcode)
    assert User.objects.filter(email="after@example.dk").exists()


def test_restore_refuses_what_is_no_backup(db, tmp_path):
    junk = tmp_path / "junk.backup"
    junk.write_text("not a backup")
    with pytest.raises(CommandError, match="not a"):
        call_command("restore", str(junk), interactive=False)
    with pytest.raises(CommandError, match="No backup"):
        call_command("restore", str(tmp_path / "missing"), interactive=False)


def test_restore_asks_before_it_replaces_everything(db, tmp_path, monkeypatch):
    file = tmp_path / "belong.backup"
    call_command("backup", str(file))
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(file))


def test_the_after_restore_steps_run_alone_after_a_point_in_time_recovery(db, extra_step, capsys):
    call_command("restore", steps_only=True)
    assert extra_step == ["default"]
    assert "test-step" in capsys.readouterr().out
