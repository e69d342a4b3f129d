"""Pages of a small group: the private answer, the group conversation. Parse, call the
services in matching.groups, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from belong.core.limits import RateLimited
from belong.matching import groups
from belong.matching.forms import GroupMessageForm


@login_required
@require_POST
def answer(request, pk: int):
    yes = request.POST.get("answer") == "yes"
    try:
        group = groups.answer_small_group(user=request.user, group_id=pk, yes=yes)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("suggestions")
    if not yes:
        messages.success(request, _("Thank you. Nobody is told that you said no."))
        return redirect("suggestions")
    if group.started_at is not None:
        messages.success(request, _("The group has started. Say hello to the others!"))
        return redirect("small_group", pk=group.pk)
    messages.success(
        request,
        _("Thank you. The group starts when three have said yes, and we will show it here."),
    )
    return redirect("suggestions")


def _page(request, group, form, *, status=200):
    context = {
        "group": group,
        "about": groups.describe(group),
        "members": groups.group_members(group, request.user),
        "thread": groups.messages_for(group, request.user),
        "ready_replies": groups.ready_replies(),
        "form": form,
    }
    return render(request, "matching/small_group.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, pk: int):
    group = groups.get_group_for_member(request.user, pk)
    if request.method != "POST":
        return _page(request, group, GroupMessageForm())
    form = GroupMessageForm(request.POST)
    ready = request.POST.get("ready", "")
    if ready or form.is_valid():
        try:
            groups.send_group_message(
                sender=request.user,
                group=group,
                body="" if ready else form.cleaned_data["body"],
                ready=ready,
            )
        except RateLimited as limited:
            form.add_error(None, limited.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message has been sent to the group."))
            return redirect("small_group", pk=group.pk)
    return _page(request, group, form, status=400)
