"""On an 18th birthday the citizen leaves their small groups in the youth space: minors and
adults are never in one group. Their stored suggestions are computed again on the next read
(the fingerprint holds the space)."""

from __future__ import annotations

from belong.matching.groups import leave_youth_groups

ON_TURNING_ADULT = [leave_youth_groups]
