"""The unread count in the header of every page: one cheap query, only when rendered."""

from belong.messaging.live import unread_count


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_messages": lambda: unread_count(user)}
