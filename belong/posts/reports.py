"""Posts can be reported (moderation finds this through `REPORT_TARGETS`)."""

from __future__ import annotations

from belong.posts.models import Post
from belong.posts.services import hide_post, is_post_hidden, unhide_post


class PostTarget:
    name = "post"
    can_hide = True

    def get(self, pk):
        return Post.objects.select_related("municipality").filter(pk=pk).first()

    def person(self, obj):
        return obj.author

    def check_reporter(self, reporter, obj) -> None:
        return None  # whoever can see it (moderation fetches only visible posts)

    def is_hidden(self, pk) -> bool:
        return is_post_hidden(pk)

    def hide(self, pk, *, now) -> None:
        hide_post(post_id=pk, now=now)

    def unhide(self, pk, *, now) -> None:
        unhide_post(post_id=pk, now=now)


REPORT_TARGETS = [PostTarget()]
