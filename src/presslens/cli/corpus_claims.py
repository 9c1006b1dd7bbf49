"""``presslens corpus claim | contradictions`` and ``presslens factchecks import | list``.

Claims across the corpus: one claim's corroboration (independent sources), contradictions and
fact-check matches; every contradiction between two documents; the imported fact-checks.  Each
reference into another document is printed as ``document[start:end]`` with its text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from presslens.cli.corpus import DB, JSON, JSONL, LIMIT_HELP, _limit, _open

factchecks_app = typer.Typer(help="Known fact-checks (schema.org ClaimReview, CheckThat! TSV) and their matches.",
                             no_args_is_help=True)


def register(corpus_app: typer.Typer, root: typer.Typer) -> None:
    """Add ``corpus claim``, ``corpus contradictions`` and the ``factchecks`` group."""
    corpus_app.command("claim")(claim_cmd)
    corpus_app.command("contradictions")(contradictions_cmd)
    factchecks_app.command("import")(import_cmd)
    factchecks_app.command("list")(list_cmd)
    factchecks_app.command("export")(export_cmd)
    root.add_typer(factchecks_app, name="factchecks")


def claim_cmd(claim: str = typer.Argument(..., help="A claim as DOCUMENT#CLAIM (e.g. 3f2a…#C2)."), db: str | None = DB,
              as_json: bool = JSON) -> None:
    """One claim: corroborated by N independent sources, contradicted by M, its fact-check matches."""
    from presslens.cli.corpus_crossdoc import _refreshed

    if "#" not in claim:
        typer.echo(f"presslens: error: a claim is DOCUMENT#CLAIM, not {claim!r}", err=True)
        sys.exit(2)
    found = _refreshed(db).claim(claim)
    if found is None:
        typer.echo(f"presslens: error: no claim {claim!r} in the corpus", err=True)
        sys.exit(1)
    if as_json:
        typer.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    _claim_text(found)


def _claim_text(found: dict[str, Any]) -> None:
    """The claim record as plain lines."""
    head = "only source" if found["only_source"] else (
        f"corroborated by {found['corroborated_by']} independent source(s), "
        f"contradicted by {found['contradicted_by']}")
    typer.echo(f"{found['document']}[{found['start']}:{found['end']}] {found['text']}\n  {head}")
    for label, key in (("corroborates", "corroborations"), ("contradicts", "contradictions"),
                       ("uncertain", "uncertain")):
        for x in found[key]:
            why = "; ".join(x["reasons"])
            typer.echo(f"  {label} {x['confidence']:.2f} {x['document']}[{x['start']}:{x['end']}] {x['text']}"
                       + (f" ({why})" if why else ""))
    for m in found["factchecks"]:
        typer.echo(f"  fact-check {m['status']} {m['confidence']:.2f}: {m['rating'] or 'unrated'} by "
                   f"{m['reviewer'] or 'unknown'} {m['url'] or m['id']}: {m['claim']}")


def contradictions_cmd(db: str | None = DB, limit: int = typer.Option(50, "--limit", help=LIMIT_HELP),
                       offset: int = typer.Option(0, "--offset"), as_json: bool = JSON,
                       as_jsonl: bool = JSONL) -> None:
    """Claims of two documents giving a different number or date for one measure or event."""
    from presslens.cli.corpus_crossdoc import _refreshed

    rows = _refreshed(db).contradictions(limit=_limit(limit), offset=offset)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        if as_jsonl:
            typer.echo(json.dumps(row, ensure_ascii=False))
            continue
        a, b = row["claim"], row["other"]
        typer.echo(f"{row['confidence']:.2f} {'; '.join(row['reasons'])}\n  {a['document']}[{a['start']}:{a['end']}] "
                   f"{a['text']}\n  {b['document']}[{b['start']}:{b['end']}] {b['text']}")


def import_cmd(file: Path = typer.Argument(..., help="ClaimReview JSON-LD / JSONL / HTML, or CheckThat! TSV."),
               db: str | None = DB) -> None:
    """Import fact-checks (bad records: one line each on stderr) and match every stored claim against them."""
    if not file.is_file():
        typer.echo(f"presslens: error: no such file: {file}", err=True)
        sys.exit(2)
    corpus = _open(db)
    n, problems = corpus.import_factchecks(str(file))
    for line in problems:
        typer.echo(f"presslens: factchecks: skipped {line}", err=True)
    matched = sum(f["matched_claims"] for f in corpus.factchecks(limit=None))
    typer.echo(f"imported {n} fact-checks ({len(problems)} skipped); {matched} claim matches")
    if not n and problems:
        sys.exit(1)


def list_cmd(db: str | None = DB, limit: int = typer.Option(50, "--limit", help=LIMIT_HELP),
             offset: int = typer.Option(0, "--offset"), as_json: bool = JSON) -> None:
    """The imported fact-checks with their rating, reviewer, link and matched claims."""
    rows = _open(db).factchecks(limit=_limit(limit), offset=offset)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in rows:
        typer.echo(f"{r['id']}\t{r['rating'] or '-'}\t{r['reviewer'] or '-'}\t{r['matched_claims']}\t{r['claim']}")


def export_cmd(db: str | None = DB, out: Path | None = typer.Option(None, "--out", help="File to write (default: stdout).")
               ) -> None:
    """The stored claims that repeat a known fact-check, as schema.org ClaimReview JSON-LD (one array)."""
    from presslens.corpus.crossdoc.claim_views import claim_reviews

    body = json.dumps(claim_reviews(_open(db).store), ensure_ascii=False, indent=2)
    if out is None:
        typer.echo(body)
        return
    try:
        out.write_text(body + "\n", encoding="utf-8")
    except OSError as exc:
        typer.echo(f"presslens: error: cannot write {out}: {exc.strerror}", err=True)
        sys.exit(1)
