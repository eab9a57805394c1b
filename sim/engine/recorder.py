"""The event log the engine writes while it runs."""

from __future__ import annotations

from sim.results import EventRecord


class Recorder:
    """Appends flat :class:`EventRecord` rows; ids are positions in the log."""

    def __init__(self) -> None:
        self.events: list[EventRecord] = []
        self.changes = 0  # changes of any store or mark so far: equal counts, nothing moved

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
        # a frozen dataclass' __init__ sets each field through object.__setattr__: filling
        # the instance's dict at once is several times faster, for the same record
        event = object.__new__(EventRecord)
        event.__dict__.update(
            id=len(self.events),
            minute=minute,
            actor=actor,
            kind=kind,
            code=code,
            store=store,
            category=category,
            count=count,
            detail=detail,
            cause=cause,
        )
        self.events.append(event)
        return event.id
