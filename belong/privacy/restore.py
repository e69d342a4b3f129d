"""The after-restore step that keeps erased people erased (see `belong.operations.backup`)."""

from __future__ import annotations

from belong.operations.backup import after_restore


@after_restore("erasures")
def replay_erasures(*, alias: str) -> None:
    from belong.privacy.services import replay_tombstones

    replay_tombstones()
