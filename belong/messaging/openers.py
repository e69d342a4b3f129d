"""Ready-made first messages, written from the post: a low threshold to write first."""

from __future__ import annotations

from django.utils.translation import gettext as _

from belong.accounts.interests import INTEREST_LABELS
from belong.accounts.models import User
from belong.posts.models import Post


def openers_for(sender: User, post: Post) -> list[str]:
    """A few openers the sender may send as they are or change first."""
    name = post.organisation.name if post.organisation else post.author.display_name
    title = post.title
    # An interest they share, or else the post's first: a concrete thing to talk about.
    theirs = post.interests
    shared = [slug for slug in theirs if slug in getattr(sender, "interests", [])]
    choices = shared or theirs
    chosen = choices[0] if choices else None
    interest = str(INTEREST_LABELS[chosen]).lower() if chosen in INTEREST_LABELS else None
    openers = [
        _(
            "Hi %(name)s, I saw your post about “%(title)s”. It sounds lovely. "
            "May I hear a little more?"
        )
        % {"name": name, "title": title},
    ]
    if interest:
        openers.append(
            _("Hi %(name)s! I also enjoy %(interest)s. Would you like to write a little together?")
            % {"name": name, "interest": interest}
        )
    else:
        openers.append(
            _("Hi %(name)s! I am also looking for company. Shall we write a little and see?")
            % {"name": name}
        )
    openers.append(
        _(
            "Hi %(name)s, I am %(me)s. Your post caught my eye. Would you like to meet for a "
            "cup of coffee one day?"
        )
        % {"name": name, "me": sender.display_name}
    )
    return openers
