"""The post form (short, guided) and the search form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from belong.accounts.interests import INTERESTS
from belong.organisations.services import editable_organisations
from belong.posts.models import REACH_KM_CHOICES, Motive, Reach, WishGender
from belong.posts.search import RADIUS_CHOICES

AGE_ERROR = _("Write an age from 13 to 120.")


def age_field(label) -> forms.IntegerField:
    """An optional age, 13 to 120, typed as a number."""
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=13,
        max_value=120,
        error_messages={"min_value": AGE_ERROR, "max_value": AGE_ERROR, "invalid": AGE_ERROR},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 3}),
    )


class PostForm(forms.Form):
    # Empty: the citizen writes as themself. An organisation's id: an owner or editor
    # writes as the organisation (the page offers only theirs; anything else is refused).
    organisation = forms.IntegerField(
        label=_("Write as"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Choose yourself or one of your organisations.")},
    )
    title = forms.CharField(
        label=_("Headline"),
        max_length=120,
        help_text=_(
            "Say in a few words who you are and what you seek. For example: "
            '"New in town, looking for a walking partner".'
        ),
    )
    body = forms.CharField(
        label=_("Tell a little about yourself"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Who are you, what do you like, and who would you like to meet? "
            "Write as you would say it."
        ),
    )
    motive = forms.ChoiceField(
        label=_("I am looking for"), choices=Motive.choices, widget=forms.RadioSelect
    )
    interests = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=INTERESTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose what the post is about. It helps the right people find you."),
    )
    wish_age_min = age_field(_("From age"))
    wish_age_max = age_field(_("To age"))
    wish_gender = forms.ChoiceField(
        label=_("I would like to meet"),
        choices=WishGender.choices,
        initial=WishGender.ANY,
        widget=forms.RadioSelect,
    )
    reach = forms.ChoiceField(
        label=_("Who may see the post?"),
        choices=Reach.choices,
        initial=Reach.NEAR,
        widget=forms.RadioSelect,
        help_text=_("Near me: people who live within the distance you choose below."),
    )
    reach_km = forms.TypedChoiceField(
        label=_("Distance, if near me"),
        choices=REACH_KM_CHOICES,
        coerce=int,
        initial=10,
        required=False,
    )

    def __init__(self, *args, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.author = author
        self.writable = list(editable_organisations(author)) if author is not None else []
        field = self.fields["organisation"]
        if self.writable:
            self.initial.setdefault("organisation", "")
            field.widget = forms.RadioSelect(
                choices=[("", _("As myself"))]
                + [(str(org.pk), _("As %(name)s") % {"name": org.name}) for org in self.writable]
            )
            field.help_text = _(
                "As an organisation: the post shows its name and logo, and messages go to "
                "its editors."
            )
        else:
            field.widget = forms.HiddenInput()

    def clean_organisation(self):
        pk = self.cleaned_data.get("organisation")
        if pk is None:
            return None
        if pk not in {org.pk for org in self.writable}:
            raise forms.ValidationError(
                _("You can only write as an organisation where you are an owner or editor."),
                code="not_editor",
            )
        return pk

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("wish_age_min"), cleaned.get("wish_age_max")
        if low and high and low > high:
            self.add_error(
                "wish_age_max",
                forms.ValidationError(
                    _("The highest age must not be lower than the lowest."), code="age_order"
                ),
            )
        if cleaned.get("reach") == Reach.NEAR and not cleaned.get("reach_km"):
            cleaned["reach_km"] = 10
        return cleaned


class PostPhotoForm(forms.Form):
    """The post's optional photo or symbol, beside the post form (a draft keeps no files).
    The service cleans the file with belong.core.images before anything is saved."""

    photo = forms.FileField(
        label=_("A photo or symbol"),
        required=False,
        help_text=_(
            "A JPEG or PNG picture under 5 MB. We remove hidden information from it, such "
            "as where it was taken. Do not show other people without asking them."
        ),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    photo_alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=200,
        required=False,
        help_text=_("A few words for people who cannot see the picture."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)


# The post's fields, in the form's order: the one list the draft keeps, `save_post` writes
# and the API's `PostIn` offers (belong/api/posts.py builds it from this form).
POST_FIELDS = tuple(PostForm.base_fields)


class SearchForm(forms.Form):
    """Only renders the search fields; the search service reads the parameters itself."""

    # Every search field may be left empty; saying so on each would only be noise.
    all_optional = True

    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
        help_text=_("For example: walks, board games, new in town."),
    )
    show = forms.ChoiceField(
        label=_("Show"),
        choices=[
            ("", _("Posts, organisations and activities")),
            ("posts", _("Only posts")),
            ("organisations", _("Organisations")),
            ("activities", _("Activities near you")),
        ],
        required=False,
    )
    where = forms.ChoiceField(
        label=_("Where"),
        choices=[
            ("near", _("Near")),
            ("municipality", _("In the municipality")),
            ("region", _("In the region")),
            ("country", _("The whole country")),
            ("online", _("Online")),
        ],
        required=False,
    )
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        choices=[(km, f"{km} km") for km in RADIUS_CHOICES],
        coerce=int,
        required=False,
    )
    postcode = forms.CharField(
        label=_("From postcode"),
        required=False,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "size": 6, "autocomplete": "postal-code"}
        ),
        help_text=_("Empty: from where you live."),
    )
    motive = forms.MultipleChoiceField(
        label=_("Looking for"),
        choices=Motive.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interest = forms.MultipleChoiceField(
        label=_("Interests"),
        choices=INTERESTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[
            ("", _("Anyone")),
            ("woman", _("Women")),
            ("man", _("Men")),
            ("other", _("Other")),
        ],
        required=False,
    )
    age_min = forms.IntegerField(
        label=_("Age from"),
        required=False,
        min_value=13,
        max_value=120,
        help_text=_("We search whole age groups, such as 30-39, as the posts show them."),
    )
    age_max = forms.IntegerField(label=_("Age to"), required=False, min_value=13, max_value=120)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("newest", _("Newest")), ("nearest", _("Nearest")), ("best", _("Best match"))],
        required=False,
    )
