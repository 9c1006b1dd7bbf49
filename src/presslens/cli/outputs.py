"""Output sinks for ``analyze``: atomic files so a failure never clobbers what exists."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import IO


class AtomicWriter:
    """Write to a temporary file beside the target; move it into place on ``commit``.

    ``-`` writes straight to stdout.  Until ``commit`` the previous content of the
    target (if any) is untouched, so an interrupted run loses nothing stored.
    """

    def __init__(self, target: str, *, binary: bool = False) -> None:
        """Open a temporary file beside ``target`` (or use stdout for ``-``)."""
        self.target = target
        self._tmp: str | None = None
        if target == "-":
            self.stream: IO[str] = sys.stdout
            return
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.chmod(self._tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs follow the umask
        self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def write(self, text: str) -> None:
        """Append text."""
        self.stream.write(text)

    def commit(self) -> None:
        """Flush and move the file into place."""
        if self._tmp is None:
            self.stream.flush()
            return
        self.stream.close()
        os.replace(self._tmp, self.target)
        self._tmp = None

    def abort(self) -> None:
        """Drop the temporary file; the target keeps its old content."""
        if self._tmp is not None:
            self.stream.close()
            os.unlink(self._tmp)
            self._tmp = None


def write_atomic(target: str, text: str) -> None:
    """Write a whole file atomically (``-`` = stdout)."""
    writer = AtomicWriter(target)
    try:
        writer.write(text)
    except BaseException:
        writer.abort()
        raise
    writer.commit()


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
