"""Citizens' safety pages: report a post or a profile, read notices, appeal once."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from belong.accounts.models import User
from belong.messaging.forms import ReportForm
from belong.messaging.models import Conversation
from belong.posts.models import Post
from belong.posts.visibility import visible_posts
from belong.safety import moderation
from belong.safety.forms import AppealForm
from belong.safety.limits import RateLimited
from belong.safety.services import is_blocked_between


def _reportable_post(user, pk: int) -> Post:
    post = Post.objects.select_related("author").filter(pk=pk).first()
    if post is None or post.author_id == user.pk:
        raise Http404
    if not visible_posts(user).filter(pk=pk).exists() or is_blocked_between(user, post.author_id):
        raise Http404
    return post


def _reportable_person(user, pk: int) -> User:
    """Someone whose post `user` can see, or who shares a conversation with them."""
    if pk == user.pk:
        raise Http404
    person = User.objects.filter(pk=pk, is_active=True).first()
    if person is None:
        raise Http404
    shares_conversation = Conversation.objects.filter(
        Q(starter=user, recipient=person) | Q(starter=person, recipient=user)
    ).exists()
    if not shares_conversation and not visible_posts(user).filter(author=person).exists():
        raise Http404
    return person


def _report_page(request, *, target: str, obj, person: User, back_url: str, template_context):
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
    return render(
        request,
        "safety/report_form.html",
        {"form": form, "person": person, "target": target, "back_url": back_url} | template_context,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_post(request, pk: int):
    post = _reportable_post(request.user, pk)
    return _report_page(
        request,
        target="post",
        obj=post,
        person=post.author,
        back_url=reverse("post_detail", args=[post.pk]),
        template_context={"post": post},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_profile(request, pk: int):
    person = _reportable_person(request.user, pk)
    back = request.GET.get("opslag") or request.POST.get("opslag") or ""
    back_url = reverse("post_detail", args=[int(back)]) if back.isdigit() else reverse("search")
    return _report_page(
        request,
        target="profile",
        obj=person,
        person=person,
        back_url=back_url,
        template_context={"post_pk": back if back.isdigit() else ""},
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
