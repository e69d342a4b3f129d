"""Pages: a citizen's questionnaires (saying yes, answering, taking the yes back) and the
aggregate outcome figures for analysts, with the researchers' CSV tables."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from belong.accounts import consents
from belong.core.help_lines import help_lines_for
from belong.municipalities.access import staff_required
from belong.outcomes import access, figures, instruments, services
from belong.outcomes.forms import OutcomeConsentForm, QuestionnaireForm

Purpose = consents.Purpose
OPTIONAL_PURPOSES = (Purpose.OUTCOME_LINKING, Purpose.RESEARCH)
WITHDRAWABLE = (Purpose.QUESTIONNAIRES, *OPTIONAL_PURPOSES)
CARE_SESSION_KEY = "outcomes_care"


def _page(request, *, consent_form=None, form=None, status=200):
    user = request.user
    answering = consents.has_consent(user, Purpose.QUESTIONNAIRES)
    wave = services.due_wave(user) if answering else None
    return render(
        request,
        "outcomes/questionnaires.html",
        {
            "answering": answering,
            "wave": wave,
            "wave_label": dict(services.Wave.choices).get(wave) if wave is not None else "",
            "next_opens": services.next_wave_opens(user) if answering and wave is None else None,
            "consent_form": consent_form or OutcomeConsentForm(),
            "form": form or (QuestionnaireForm() if wave is not None else None),
            "who5": instruments.WHO5,
            "ucla3": instruments.UCLA3,
            "open_purposes": [
                (purpose, consents.open_consent(user, purpose)) for purpose in WITHDRAWABLE
            ],
            "optional_to_give": [
                (purpose, consents.current_wording(purpose).text)
                for purpose in OPTIONAL_PURPOSES
                if answering and not consents.has_consent(user, purpose)
            ],
            "show_care": request.session.pop(CARE_SESSION_KEY, False),
            "help_lines": help_lines_for(user),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaires(request):
    if request.method == "GET":
        return _page(request)
    form = QuestionnaireForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        response = services.answer(
            user=request.user,
            who5=form.answers(instruments.WHO5),
            ucla3=form.answers(instruments.UCLA3),
            unwanted_alone=form.cleaned_data["unwanted_alone"],
        )
    except services.AnswerRefused:
        messages.info(request, _("There is nothing to answer just now. Thank you all the same."))
        return redirect("outcomes_questionnaires")
    # Only the person sees this, once, right after answering.
    request.session[CARE_SESSION_KEY] = instruments.needs_care(
        who5_raw=response.who5_raw, ucla3_score=response.ucla3_score
    )
    messages.success(request, _("Thank you for your answers."))
    return redirect("outcomes_questionnaires")


@login_required
@require_POST
def questionnaire_consent(request):
    form = OutcomeConsentForm(request.POST)
    if not form.is_valid():
        return _page(request, consent_form=form, status=400)
    via = consents.Via.QUESTIONNAIRE
    consents.give(user=request.user, purpose=Purpose.QUESTIONNAIRES, via=via)
    for purpose in OPTIONAL_PURPOSES:
        if form.cleaned_data[purpose]:
            consents.give(user=request.user, purpose=purpose, via=via)
    messages.success(request, _("Thank you for saying yes."))
    return redirect("outcomes_questionnaires")


@login_required
@require_POST
def questionnaire_consent_give(request, purpose: str):
    """Say yes to linking or research later, with one click, as one took it back."""
    if purpose in OPTIONAL_PURPOSES and consents.has_consent(request.user, Purpose.QUESTIONNAIRES):
        consents.give(user=request.user, purpose=purpose, via=consents.Via.QUESTIONNAIRE)
        messages.success(request, _("Thank you for saying yes."))
    return redirect("outcomes_questionnaires")


@login_required
@require_POST
def questionnaire_consent_withdraw(request, purpose: str):
    if purpose in WITHDRAWABLE and consents.withdraw(
        user=request.user, purpose=purpose, via=consents.Via.QUESTIONNAIRE
    ):
        if purpose == Purpose.QUESTIONNAIRES:
            messages.success(
                request,
                _("You will not be asked again, and your answers have been deleted."),
            )
        else:
            messages.success(request, _("Your yes has been taken back."))
    return redirect("outcomes_questionnaires")


# --- Staff ---------------------------------------------------------------------------------


@staff_required(*access.READER_ROLES)
@require_GET
def outcome_figures_home(request):
    municipalities = list(access.readable_municipalities(request.user))
    if len(municipalities) == 1:
        return redirect("outcome_figures", pk=municipalities[0].pk)
    return render(request, "outcomes/figures_home.html", {"municipalities": municipalities})


@staff_required(*access.READER_ROLES)
@require_GET
def outcome_figures(request, pk: int):
    municipality = access.get_municipality_for_reader(request.user, pk)
    return render(
        request,
        "outcomes/figures.html",
        {
            "municipality": municipality,
            "splits": figures.outcome_tables(municipality),
            "wave_columns": figures.WAVE_COLUMNS,
            "instruments": instruments.INSTRUMENTS,
            "unwanted_alone_validated": instruments.UNWANTED_ALONE_VALIDATED_DA,
            "agreement": access.agreement_in_force(request.user, municipality),
        },
    )


def _csv(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required(*access.READER_ROLES)
@require_GET
def outcome_tables_csv(request, pk: int):
    municipality = access.get_municipality_for_researcher(request.user, pk)
    return _csv(figures.tables_csv(municipality), f"udfald-{municipality.slug}.csv")


@staff_required(*access.READER_ROLES)
@require_GET
def outcome_codebook_csv(request, pk: int):
    access.get_municipality_for_researcher(request.user, pk)
    return _csv(figures.codebook_csv(), "udfald-kodebog.csv")
