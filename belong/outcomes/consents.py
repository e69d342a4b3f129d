"""What outcomes holds only under a yes: taking back the yes to answering deletes the answers
(wherever it is taken back: the questionnaire page, the profile or the API)."""

from __future__ import annotations

from belong.accounts.consents import Purpose
from belong.outcomes.services import delete_answers

ON_WITHDRAW = [(Purpose.QUESTIONNAIRES, delete_answers)]
