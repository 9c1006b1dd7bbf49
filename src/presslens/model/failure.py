"""Failure: why one input of a stream produced no Analysis.

``analyze_items`` yields ``(source, Analysis | Failure)``; a Failure is plain
data (picklable, comparable) so stores, Dask and the web app can keep it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Stage = Literal["ingest", "analyze", "limit", "worker"]
STAGES: tuple[str, ...] = ("ingest", "analyze", "limit", "worker")


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that failed, with its error code and one line saying why.

    Attributes:
        source: the path, record id or ``"<stdin>"``.
        code: the ``PresslensError.code`` (``"E005"``…), ``"E099"`` for an internal error.
        message: one line, no traceback, naming the source once.
        stage: ``ingest`` (reading, checks), ``analyze`` (the pipeline), ``limit``
            (over a time, memory, size or word limit) or ``worker`` (its worker died).
    """

    source: str
    code: str
    message: str
    stage: Stage

    def __post_init__(self) -> None:
        if self.stage not in STAGES:
            raise ValueError(f"unknown failure stage {self.stage!r}; expected one of {STAGES}")
        if "\n" in self.message:
            raise ValueError("a failure message is one line")

    def line(self) -> str:
        """``<message> [<code>]``: what a terminal or log shows."""
        return f"{self.message} [{self.code}]"

    def to_dict(self) -> dict[str, str]:
        """The failure as a JSON object."""
        return {"source": self.source, "code": self.code, "message": self.message, "stage": self.stage}
