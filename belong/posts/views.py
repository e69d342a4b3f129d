"""Pages for writing posts, finding them, and keeping one's own in order."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from belong.core import limits
from belong.core.limits import RateLimited
from belong.posts.forms import PostForm, PostPhotoForm, SearchForm
from belong.posts.local_results import LocalResults, clean_show, local_results
from belong.posts.models import Draft, Post, SavedSearch, Status
from belong.posts.photos import photo_for_viewer, save_post_with_photo
from belong.posts.projections import distance_for_reader, shows_photo
from belong.posts.search import (
    SearchQuery,
    no_results,
    read_place,
    search_for_person,
)
from belong.posts.services import (
    delete_post,
    discard_new_post_draft,
    get_draft,
    get_own_post,
    get_visible_post,
    pause_post,
    renew_post,
    resume_post,
    save_draft,
)
from belong.posts.services import save_search as save_search_service

EXAMPLES = [
    (
        _("New in Aalborg, looking for a walking partner"),
        _(
            "I am 34, moved here in the spring for a new job and do not know many people yet. "
            "I love long walks by the fjord and a cup of coffee afterwards. I would like to "
            "meet a woman around my age who also likes to be outdoors."
        ),
    ),
    (
        _("Retired and fond of board games"),
        _(
            "I am 68 and have more time than before. I miss having someone to play cards and "
            "board games with once a week. Everyone is welcome, beginners too."
        ),
    ),
]


def _post_initial(post: Post) -> dict:
    return {
        "organisation": post.organisation_id,
        "title": post.title,
        "body": post.body,
        "motive": post.motive,
        "interests": post.interests,
        "wish_age_min": post.wish_age_min,
        "wish_age_max": post.wish_age_max,
        "wish_gender": post.wish_gender,
        "reach": post.reach,
        "reach_km": post.reach_km,
    }


def _render_post_form(request, *, form, post, draft, photo_form=None):
    return render(
        request,
        "posts/post_form.html",
        {
            "form": form,
            "photo_form": photo_form
            or PostPhotoForm(initial={"photo_alt": post.photo_alt if post else ""}),
            "post": post,
            "draft": draft,
            "examples": EXAMPLES,
            "autosave_url": reverse("post_autosave", args=[post.pk])
            if post
            else reverse("post_autosave_new"),
        },
    )


def _handle_post_form(request, post: Post | None):
    user = request.user
    if request.method == "POST":
        form = PostForm(request.POST, author=user)
        photo_form = PostPhotoForm(request.POST, request.FILES)
        publish = "publish" in request.POST
        if form.is_valid() and photo_form.is_valid():
            photo = photo_form.cleaned_data
            try:
                saved = save_post_with_photo(
                    author=user,
                    fields=form.cleaned_data,
                    publish=publish,
                    post=post,
                    upload=photo["photo"],
                    alt=photo["photo_alt"],
                    remove=photo["remove_photo"],
                )
            except ValidationError as error:
                if error.code == "bad_image":
                    photo_form.add_error("photo", error)
                else:
                    form.add_error(None, error)
            else:
                if saved.status == Status.DRAFT:
                    messages.success(request, _("Your draft has been saved."))
                elif publish and post is None:
                    messages.success(
                        request, _("Your post has been published. Others can see it now.")
                    )
                else:
                    messages.success(request, _("Your post has been saved."))
                return redirect("my_posts")
        # Nothing typed is lost, even when the form cannot be saved yet.
        save_draft(author=user, data=request.POST, post=post)
        return _render_post_form(request, form=form, post=post, draft=None, photo_form=photo_form)
    draft = get_draft(author=user, post=post)
    if draft is not None:
        form = PostForm(initial=draft.data, author=user)
    elif post is not None:
        form = PostForm(initial=_post_initial(post), author=user)
    else:
        form = PostForm(author=user)
    return _render_post_form(request, form=form, post=post, draft=draft)


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request):
    return _handle_post_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    return _handle_post_form(request, get_own_post(request.user, pk))


@login_required
@require_POST
def post_autosave(request, pk: int | None = None):
    """Called by htmx as the citizen types: keep what is in the form, say when."""
    post = get_own_post(request.user, pk) if pk is not None else None
    draft = save_draft(author=request.user, data=request.POST, post=post)
    return render(request, "posts/_autosave_status.html", {"draft": draft})


@login_required
@require_POST
def post_discard_draft(request):
    discard_new_post_draft(author=request.user)
    messages.success(request, _("The draft has been deleted."))
    return redirect("my_posts")


@login_required
@require_GET
def post_detail(request, pk: int):
    user = request.user
    post = get_visible_post(user, pk)
    return render(
        request,
        "posts/post_detail.html",
        {
            "post": post,
            "distance": distance_for_reader(user, post),
            "is_mine": post.author_id == user.pk,
            "photo_shown": shows_photo(user, post),
        },
    )


@login_required
@require_GET
def post_photo(request, pk: int):
    """The photo of a post, to those who may see it (never the file as it was uploaded)."""
    post = photo_for_viewer(request.user, pk)
    try:
        handle = default_storage.open(post.photo, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    content_type = "image/png" if post.photo.endswith(".png") else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_GET
def my_posts(request):
    posts = list(
        Post.objects.filter(author=request.user)
        .select_related("municipality", "organisation")
        .order_by("-updated_at")
    )
    new_draft = Draft.objects.filter(author=request.user, post__isnull=True).first()
    return render(request, "posts/my_posts.html", {"posts": posts, "new_draft": new_draft})


def _own_post_action(action, done_message):
    @login_required
    @require_POST
    def view(request, pk: int):
        post = get_own_post(request.user, pk)
        action(author=request.user, post=post)
        messages.success(request, done_message())
        return redirect("my_posts")

    return view


post_pause = _own_post_action(pause_post, lambda: _("The post is paused. Nobody can see it now."))
post_resume = _own_post_action(resume_post, lambda: _("The post is visible again."))
post_renew = _own_post_action(renew_post, lambda: _("The post has been renewed for 90 days."))


@login_required
@require_http_methods(["GET", "POST"])
def post_delete(request, pk: int):
    """Ask first: a deleted post cannot come back."""
    post = get_own_post(request.user, pk)
    if request.method == "POST":
        delete_post(author=request.user, post=post)
        messages.success(request, _("The post has been deleted."))
        return redirect("my_posts")
    return render(request, "posts/post_confirm_delete.html", {"post": post})


@login_required
@require_GET
def search(request):
    query = SearchQuery.from_params(request.GET)
    form = SearchForm(
        request.GET or None, initial={"where": "near", "radius": 25, "sort": "newest"}
    )
    if request.GET:
        form.is_valid()
    limited, status = "", 200
    show = clean_show(request.GET.get("show"))
    local = LocalResults()
    try:
        if show == "activities":
            limits.hit("search", request.user.pk)
            results = no_results(query)
        else:
            results = search_for_person(viewer=request.user, query=query)
        if results.page == 1:
            # Clubs and activities are looked for where the posts are: a place among the
            # words counts for them too.
            looked = query if query.exact else read_place(query)[0]
            local = local_results(viewer=request.user, query=looked, show=show)
    except RateLimited as error:
        # The form keeps the search as typed; the message says when to try again.
        limited, results = error.message, no_results(query)
        # htmx swaps only successful answers; a plain page says 429.
        status = 200 if request.htmx else 429
    params = query.to_params()
    params.pop("side", None)
    context = {
        "form": form,
        "show": show,
        "local": local,
        "results": results,
        "query_pairs": [
            (key, item)
            for key, value in params.items()
            for item in (value if isinstance(value, list) else [value])
        ],
        # The pages of what was searched for (close spellings, when the words found little).
        "next_url": _page_url(results.query, results.page + 1),
        "previous_url": _page_url(results.query, results.page - 1),
        "typed_url": _page_url(results.typed, 1) if results.typed else "",
        # One or two posts had all the words: the posts with any of them, offered.
        "wider_url": _page_url(results.wider, 1) if results.wider else "",
        "limited": limited,
    }
    template = "posts/_results.html" if request.htmx else "posts/search.html"
    return render(request, template, context, status=status)


def _page_url(query: SearchQuery, page: int) -> str:
    return f"{reverse('search')}?{urlencode(query.to_params(page=page), doseq=True)}"


@login_required
@require_POST
def saved_search_create(request):
    query = SearchQuery.from_params(request.POST)
    saved = save_search_service(owner=request.user, query=query, name=request.POST.get("name", ""))
    messages.success(
        request,
        _('The search "%(name)s" has been saved. We will e-mail you when new posts match it.')
        % {"name": saved.name},
    )
    return redirect(f"{reverse('search')}?{urlencode(query.to_params(), doseq=True)}")


@login_required
@require_GET
def saved_searches(request):
    searches = SavedSearch.objects.filter(owner=request.user)
    rows = [
        (saved, f"{reverse('search')}?{urlencode(saved.query, doseq=True)}") for saved in searches
    ]
    return render(request, "posts/saved_searches.html", {"rows": rows})


@login_required
@require_POST
def saved_search_delete(request, pk: int):
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    saved.delete()
    messages.success(request, _("The saved search has been deleted."))
    return redirect("saved_searches")
