"""Output writers: JSON (one object or an array), JSONL, HTML reports, claims CSV.

Every writer follows one protocol: ``open()`` → ``add(analysis)``… →
``commit()`` or ``abort()``.

* **Atomic for regular files.**  Output goes to a hidden ``.NAME.XXXX.part``
  file beside the target and replaces the target only at ``commit``; ``abort``
  deletes it, so a failed run leaves the previous output untouched.  A
  target reached through a symbolic link is replaced where the link points
  (the link stays a link).
* **In place for everything else.**  ``-`` and ``/dev/stdout`` write to standard
  output; a FIFO, a device (``/dev/null``) or any path under ``/dev`` or ``/proc``
  is opened and written as it is: renaming a file over it would replace the
  device node itself (as root, ``--json /dev/null`` used to).
* **Interrupted runs** (the CLI on Ctrl-C or SIGTERM) call
  ``commit(interrupted=True)``: the finished documents go to a complete,
  valid sibling file named ``NAME.interrupted.EXT`` (a JSON array is closed),
  the target keeps its previous content, and no ``.part`` file is left.
  The writer returns that path so the CLI can say where the work is.

Output files follow the umask (``mkstemp`` alone would make them 0600).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, Protocol, cast

from presslens.errors import OutputError
from presslens.model.analysis import Analysis
from presslens.present.json import to_jsonl_line

IN_PLACE_ROOTS = ("/dev/", "/proc/")
STDOUT_NAMES = ("-", "/dev/stdout")
MAX_NAME_CHARS = 80


class Writer(Protocol):
    """One output of a run: ``open`` → ``add``… → ``commit`` | ``abort``."""

    def open(self) -> None:
        """Prepare the output (temporary file, directory, stream)."""

    def add(self, analysis: Analysis) -> None:
        """Write one analysis."""

    def commit(self, *, interrupted: bool = False) -> str | None:
        """Finish; return where the output went (the ``.interrupted`` file when interrupted)."""

    def abort(self) -> None:
        """Drop what was written; the previous output stays as it was."""


def replaceable(target: str) -> bool:
    """True when ``target`` is (or will be) a regular file that may be replaced atomically."""
    if target in STDOUT_NAMES:
        return False
    real = os.path.realpath(target)
    if real.startswith(IN_PLACE_ROOTS):
        return False
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return True
    if stat.S_ISDIR(mode):
        raise OutputError(f"{target}: is a directory; give a file name")
    return stat.S_ISREG(mode)


def interrupted_name(target: str) -> str:
    """``out.jsonl`` → ``out.interrupted.jsonl`` (beside the real target of a link)."""
    path = Path(os.path.realpath(target))
    return str(path.with_name(f"{path.stem}.interrupted{path.suffix}"))


class OutputFile:
    """A text output: an atomic temporary file for regular files, the target itself otherwise."""

    def __init__(self, target: str) -> None:
        """Remember the target; nothing is opened before ``open``."""
        self.target = target
        self.atomic = replaceable(target)
        self._tmp: str | None = None
        self.stream: IO[str] | None = None

    def open(self) -> None:
        """Open the temporary file (atomic) or the target itself (stdout, FIFO, device)."""
        if self.target in STDOUT_NAMES:
            self.stream = sys.stdout
        elif not self.atomic:
            self.stream = open(self.target, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        else:
            real = Path(os.path.realpath(self.target))
            try:
                real.parent.mkdir(parents=True, exist_ok=True)
                fd, self._tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".part", dir=real.parent)
            except OSError as exc:
                raise OutputError(f"{self.target}: cannot write ({exc.strerror or exc})") from exc
            os.chmod(self._tmp, 0o666 & ~_umask())
            self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def _opened(self) -> IO[str]:
        """The open stream (opened on first use)."""
        if self.stream is None:
            self.open()
        return cast(IO[str], self.stream)

    def write(self, text: str) -> None:
        """Append text."""
        self._opened().write(text)

    def flush(self) -> None:
        """Hand what is written to the operating system (one call per document: cheap beside analysis)."""
        self._opened().flush()

    def commit(self, *, interrupted: bool = False) -> str | None:
        """Move the file into place (or to ``NAME.interrupted.EXT``); return where it went."""
        stream = self._opened()
        if self._tmp is None:
            if stream is sys.stdout:
                stream.flush()
            else:
                stream.close()
            return self.target
        stream.close()
        dest = interrupted_name(self.target) if interrupted else os.path.realpath(self.target)
        os.replace(self._tmp, dest)
        self._tmp = None
        return dest

    def abort(self) -> None:
        """Drop the temporary file (the target keeps its old content); close an in-place stream."""
        if self.stream is not None and self.stream is not sys.stdout:
            self.stream.close()
        if self._tmp is not None:
            os.unlink(self._tmp)
            self._tmp = None


def write_atomic(target: str, text: str) -> None:
    """Write a whole output at once: atomically for a regular file, in place otherwise."""
    out = OutputFile(target)
    out.open()
    try:
        out.write(text)
    except BaseException:
        out.abort()
        raise
    out.commit()


class JsonWriter:
    """``--json``: one object for a single input, else an array streamed in constant memory."""

    def __init__(self, target: str, *, single: bool) -> None:
        """Remember the target; ``single`` writes an object instead of an array."""
        self.out = OutputFile(target)
        self.single = single
        self.count = 0
        self._one: Analysis | None = None

    def open(self) -> None:
        """Open the output for an array (a single object is written at commit)."""
        if not self.single:
            self.out.open()

    def add(self, analysis: Analysis) -> None:
        """Keep the single analysis, or append it to the array."""
        if self.single:
            self._one = analysis
            return
        body = json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2)
        self.out.write(("[\n" if not self.count else ",\n") + body)
        self.out.flush()
        self.count += 1

    def commit(self, *, interrupted: bool = False) -> str | None:
        """Close the array (or write the object); nothing is written for a single failed input."""
        if self.single:
            if self._one is None:
                return None
            write_atomic(self.out.target, json.dumps(self._one.to_dict(), ensure_ascii=False, indent=2) + "\n")
            return self.out.target
        self.out.write("\n]\n" if self.count else "[]\n")
        return self.out.commit(interrupted=interrupted)

    def abort(self) -> None:
        """Drop the partial array."""
        if not self.single:
            self.out.abort()


class JsonlWriter:
    """``--jsonl``: one compact JSON analysis per line."""

    def __init__(self, target: str) -> None:
        """Remember the target."""
        self.out = OutputFile(target)

    def open(self) -> None:
        """Open the output."""
        self.out.open()

    def add(self, analysis: Analysis) -> None:
        """Append one line (written in one call, so an interrupt never leaves half a line)."""
        self.out.write(to_jsonl_line(analysis) + "\n")
        self.out.flush()

    def commit(self, *, interrupted: bool = False) -> str | None:
        """Move the file into place."""
        return self.out.commit(interrupted=interrupted)

    def abort(self) -> None:
        """Drop the partial file."""
        self.out.abort()


class HtmlWriter:
    """``--html``: the report of one input to a file, or one report per input into a directory."""

    def __init__(self, target: str, *, single: bool) -> None:
        """Remember the target (a file for one input, a directory for many)."""
        self.target = target
        self.single = single
        self.written: list[str] = []

    def open(self) -> None:
        """Make the directory for many inputs (refuse a file there)."""
        if self.single:
            return
        path = Path(self.target)
        if path.exists() and not path.is_dir():
            raise OutputError(f"{self.target}: --html for many inputs needs a directory")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{self.target}: cannot make the directory ({exc.strerror or exc})") from exc

    def add(self, analysis: Analysis) -> None:
        """Write one complete report, atomically."""
        from presslens.present.html import render_html

        target = self.target if self.single else str(Path(self.target) / report_name(analysis))
        write_atomic(target, render_html(analysis))
        self.written.append(target)

    def commit(self, *, interrupted: bool = False) -> str | None:
        """Reports are complete as they are written; nothing is left to move."""
        return self.target if self.written else None

    def abort(self) -> None:
        """Reports already written are complete and stay."""


def report_name(analysis: Analysis) -> str:
    """A safe file name for one document's report: no path, no control characters, bounded.

    The readable part comes from the source's last path component (record ids
    may hold ``/``, ``..``, NUL or 10,000 characters); a hash of the whole source
    and the document id keep names of different inputs apart.
    """
    source = analysis.document.source
    stem = re.sub(r"[^\w.-]+", "_", Path(source.replace("\\", "/")).stem, flags=re.ASCII).strip("._")
    digest = hashlib.sha256(source.encode("utf-8", "backslashreplace")).hexdigest()[:8]
    return f"{stem[:MAX_NAME_CHARS] or 'document'}.{digest}.{analysis.document.id[:8]}.html"


def open_writers(*, json_out: str | None = None, jsonl_out: str | None = None, html_out: str | None = None,
                 claims_csv: str | None = None, single: bool = False) -> list[Writer]:
    """Build and open the writers the user asked for (an OutputError names a bad target)."""
    from presslens.present.claims_csv import ClaimsCsvWriter

    writers: list[Writer] = []
    if json_out:
        writers.append(JsonWriter(json_out, single=single))
    if jsonl_out:
        writers.append(JsonlWriter(jsonl_out))
    if html_out:
        writers.append(HtmlWriter(html_out, single=single))
    if claims_csv:
        writers.append(ClaimsCsvWriter(OutputFile(claims_csv)))
    try:
        for writer in writers:
            writer.open()
    except BaseException:
        for writer in writers:
            writer.abort()
        raise
    return writers


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
