"""Citizens' safety pages: report a post or a profile, read notices, appeal once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from belong.core.limits import RateLimited
from belong.matching.groups import get_group_for_member, get_reportable_group_message
from belong.messaging.projections import message_for_reader
from belong.messaging.services import get_conversation_for_user
from belong.moderation import services as moderation
from belong.moderation.forms import AppealForm, ReportForm
from belong.organisations.services import logo_for_viewer


def _report_page(request, *, target: str, obj, back_url: str, template: str, context: dict):
    """The one report flow of every page: the form, the service, a thank-you."""
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.report_content(
                reporter=request.user,
                target=target,
                obj=obj,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except RateLimited as limited:
            form.add_error(None, limited.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Thank you. We have received your report and will look at it.")
            )
            return redirect(back_url)
    return render(request, template, {"form": form, "target": target} | context)


@login_required
@require_http_methods(["GET", "POST"])
def report_logo(request, pk: int):
    """An organisation's logo, reported like text; hidden logos are gone for everyone."""
    organisation = logo_for_viewer(request.user, pk)
    back_url = reverse("organisation_detail", args=[organisation.pk])
    return _report_page(
        request,
        target="logo",
        obj=organisation,
        back_url=back_url,
        template="safety/report_form.html",
        context={"organisation": organisation, "back_url": back_url},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_post(request, pk: int):
    post = moderation.get_reportable_post(request.user, pk)
    back_url = reverse("post_detail", args=[post.pk])
    return _report_page(
        request,
        target="post",
        obj=post,
        back_url=back_url,
        template="safety/report_form.html",
        context={"person": post.author, "back_url": back_url, "post": post},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_profile(request, pk: int):
    person = moderation.get_reportable_person(request.user, pk)
    back = request.GET.get("opslag") or request.POST.get("opslag") or ""
    back_url = reverse("post_detail", args=[int(back)]) if back.isdigit() else reverse("search")
    return _report_page(
        request,
        target="profile",
        obj=person,
        back_url=back_url,
        template="safety/report_form.html",
        context={
            "person": person,
            "back_url": back_url,
            "post_pk": back if back.isdigit() else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_message(request, pk: int):
    """Report the other person's message: the one chosen (`?besked=`), else their latest."""
    conversation = get_conversation_for_user(request.user, pk)
    chosen = request.POST.get("besked") or request.GET.get("besked")
    target, obj = moderation.reportable_in_conversation(
        reporter=request.user, conversation=conversation, message_id=chosen, latest=True
    )
    other = conversation.other(request.user)
    return _report_page(
        request,
        target=target,
        obj=obj,
        back_url=reverse("conversation", args=[conversation.pk]),
        template="messaging/report_form.html",
        context={
            "conversation": conversation,
            "other": other,
            "message": obj if target == "message" else None,
            # What the reporter may see of it: no text once moderation has hidden it.
            "shown": message_for_reader(obj, request.user) if target == "message" else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_group_message(request, pk: int, message_pk: int):
    """Report another member's message in a small group."""
    group = get_group_for_member(request.user, pk)
    message = get_reportable_group_message(request.user, group, message_pk)
    back_url = reverse("small_group", args=[group.pk])
    return _report_page(
        request,
        target="groupmsg",
        obj=message,
        back_url=back_url,
        template="safety/report_form.html",
        context={"person": message.sender, "back_url": back_url},
    )


@login_required
@require_GET
def notices(request):
    rows = list(moderation.notices_for(request.user))
    return render(request, "safety/notices.html", {"notices": rows})


@login_required
@require_http_methods(["GET", "POST"])
def notice_detail(request, pk: int):
    notice = moderation.get_notice_for_user(request.user, pk)
    action = notice.action
    may_appeal = action is not None and moderation.may_appeal(action)
    form = AppealForm(request.POST or None)
    if request.method == "POST":
        if not may_appeal:
            raise Http404
        if form.is_valid():
            try:
                moderation.appeal_action(
                    user=request.user, action=action, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Your appeal has been sent. A moderator will look at it and write to you."),
                )
                return redirect("notice_detail", pk)
    appeal = getattr(action, "appeal", None) if action is not None else None
    return render(
        request,
        "safety/notice_detail.html",
        {
            "notice": notice,
            "action": action,
            "may_appeal": may_appeal,
            "form": form,
            "appeal": appeal,
        },
    )
