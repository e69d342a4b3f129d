"""An erasure survives a restore: a backup taken before it still holds the person, and
`belong restore` replays the tombstone list, so they are erased again. On SQLite always, on
PostgreSQL when DATABASE_URL points at it."""

import pytest
from django.core.management import call_command

from belong.accounts.models import User
from belong.posts.models import Post
from belong.privacy.services import erase_account
from tests.factories import UserFactory, make_post


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_erased_person_stays_erased_after_a_restore(tmp_path, aalborg_postcode, capsys):
    anne = UserFactory(email="anne@example.dk", display_name="Anne", postcode=aalborg_postcode)
    bent = UserFactory(email="bent@example.dk", display_name="Bent", postcode=aalborg_postcode)
    make_post(anne, title="Gåtur ved fjorden")
    make_post(bent, title="Brætspil")
    file = tmp_path / "belong.backup"
    call_command("backup", str(file))

    erase_account(user=anne)  # after the backup was taken

    call_command("restore", str(file), interactive=False)
    assert "erasures" in capsys.readouterr().out
    anne = User.objects.get(pk=anne.pk)
    assert anne.email is None and anne.display_name == "" and not anne.is_active
    assert not Post.objects.filter(author=anne).exists()
    # Everyone else is as the backup had them.
    assert User.objects.get(pk=bent.pk).display_name == "Bent"
    assert Post.objects.filter(author=bent).count() == 1
