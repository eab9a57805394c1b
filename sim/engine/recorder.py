"""The event log the engine writes while it runs."""

from __future__ import annotations

from sim.results import EventRecord


class Recorder:
    """Appends flat :class:`EventRecord` rows; ids are positions in the log."""

    def __init__(self, log_changes: bool = True) -> None:
        self.events: list[EventRecord] = []
        # changes of the stores and marks so far (the lazy engine leaves out those no channel
        # reads: FactStore.watched): equal counts, nothing a channel reads moved
        self.changes = 0
        # whether each change of a store is logged too (what was added and removed): a
        # replication's summary never reads these records, the event log does
        self.log_changes = log_changes

    def log(
        self,
        minute: float,
        actor: str,
        kind: str,
        code: str,
        *,
        store: str = "",
        category: str = "",
        count: int = 0,
        detail: str = "",
        cause: int | None = None,
    ) -> int:
        return self._record(minute, actor, kind, code, store, category, count, detail, cause)

    def change(
        self,
        minute: float,
        actor: str,
        code: str,
        store: str,
        category: str,
        count: int,
        cause: int,
    ) -> None:
        """:meth:`log` of a store's change (the engine's most frequent record)."""
        self._record(minute, actor, "change", code, store, category, count, "", cause)

    def _record(
        self,
        minute: float,
        actor: str,
        kind: str,
        code: str,
        store: str,
        category: str,
        count: int,
        detail: str,
        cause: int | None,
    ) -> int:
        event = _new(
            EventRecord,
            (len(self.events), minute, actor, kind, code, store, category, count, detail, cause),
        )
        self.events.append(event)
        return event.id


_new = tuple.__new__  # a named tuple's own constructor is a Python function: skipped
