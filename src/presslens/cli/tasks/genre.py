"""``presslens eval genre`` and ``presslens train genre`` (SemEval-2023 Task 3 subtask 1, BBC).

Eval runs the techniques layer (which gives the genre) over every labelled article and prints
macro-F1 with per-class precision, recall and F1; ``--bbc DIR`` adds BBC articles (all
reporting).  ``--cv K`` instead trains K models on stratified folds of the data given and scores
each on its held-out articles (needs scikit-learn).  Train fits the model on SemEval plus BBC
(articles of the audit set left out) and writes ``genre.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from presslens.cli.evaluate import print_metrics


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Attach the eval and train commands."""
    eval_app.command("genre")(eval_genre)
    train_app.command("genre")(train_genre)


def _items(data: str | None, labels: str | None, bbc: str | None, bbc_every: int) -> list[Any]:
    """Labelled articles from a SemEval folder and/or a BBC folder."""
    from presslens.eval.audit import load_groups
    from presslens.eval.genre import read_bbc, read_semeval

    if not data and not bbc:
        raise typer.BadParameter("give --data (SemEval-2023 Task 3 folder) and/or --bbc", param_hint="--data")
    items = read_semeval(data, labels) if data else []
    if bbc:
        audit = [a.rsplit("/", 1)[-1] for g in load_groups(names=["what"]) for a in g.labels if a.startswith("bbc/")]
        items += read_bbc(bbc, exclude=audit, every=bbc_every)
    return items


def _rows(metrics: dict[str, Any]) -> list[tuple[str, ...]]:
    """Table rows: macro-F1, accuracy, then per-class P/R/F1."""
    rows: list[tuple[str, ...]] = [("metric", "value"), ("macro_f1", f"{metrics['macro_f1']:.4f}"),
                                   ("accuracy", f"{metrics['accuracy']:.4f}")]
    for lab, v in metrics["per_class"].items():
        rows.append((f"{lab} P/R/F1 (n={v['support']})", f"{v['precision']:.3f} / {v['recall']:.3f} / {v['f1']:.3f}"))
    return rows


def eval_genre(
    data: str | None = typer.Option(None, "--data", help="SemEval-2023 Task 3 folder (article<ID>.txt + labels)."),
    labels: str | None = typer.Option(None, "--labels", help="Subtask-1 labels file (ID<TAB>label)."),
    bbc: str | None = typer.Option(None, "--bbc", help="BBC News folder: its articles count as reporting."),
    bbc_every: int = typer.Option(1, "--bbc-every", help="Take every Nth BBC file (name order)."),
    cv: int = typer.Option(0, "--cv", help="K-fold cross-validation (stratified) instead of the shipped model."),
) -> None:
    """Genre macro-F1 (opinion / reporting / satire) with per-class precision, recall and F1."""
    from presslens.eval.genre import genre_scores

    items = _items(data, labels, bbc, bbc_every)
    pred = _cross_validate(items, cv) if cv else _predict(items)
    metrics = genre_scores(pred, [x.label for x in items])
    metrics["mode"] = f"cv{cv}" if cv else "model"
    print_metrics("genre (SemEval-2023 Task 3 subtask 1)", metrics, rows=_rows(metrics))


def _predict(items: list[Any]) -> list[str]:
    """The shipped pipeline's genre label of every article."""
    import presslens
    from presslens.ingest import ingest_text
    from presslens.nlp.language import make_docs

    settings = presslens.Settings(layers=("techniques",), require_english=False)
    pipeline = presslens.load_pipeline(settings)
    docs = [ingest_text(x.text, source=x.id, settings=settings) for x in items]
    out: list[str] = []
    for document, nlp_doc in zip(docs, make_docs(d.text for d in docs), strict=True):
        genre = pipeline.run(document, nlp_doc).genre
        out.append(genre.label if genre is not None else "reporting")
    return out


def _cross_validate(items: list[Any], k: int) -> list[str]:
    """Out-of-fold labels of a k-fold stratified CV (needs the training extra)."""
    from presslens.training import require

    require()
    from presslens.eval.genre import LABELS
    from presslens.training.genre import cross_validate, featurise

    raw = featurise([x.text for x in items], log=lambda m: typer.echo(m, err=True))
    return [LABELS[int(j)] for j in cross_validate(raw, items, k).argmax(axis=1)]


def train_genre(
    data: str = typer.Option(..., "--data", help="SemEval-2023 Task 3 folder (article<ID>.txt + labels)."),
    labels: str | None = typer.Option(None, "--labels", help="Subtask-1 labels file."),
    bbc: str | None = typer.Option(None, "--bbc", help="BBC News folder (reporting); audit articles are left out."),
    bbc_every: int = typer.Option(8, "--bbc-every", help="Take every Nth BBC file (name order)."),
    c: float = typer.Option(0.01, "--c", help="Inverse L2 strength (0.01: the shipped model, chosen by CV)."),
    out: str = typer.Option("genre-model", "--out", help="Output folder for genre.json."),
) -> None:
    """Fit the genre model (needs the training extra)."""
    from presslens.training import require

    require()
    from presslens.training.genre import featurise, fit, save

    items = _items(data, labels, bbc, bbc_every)
    raw = featurise([x.text for x in items], log=lambda m: typer.echo(m, err=True))
    counts = {lab: sum(x.label == lab for x in items) for lab in ("reporting", "opinion", "satire")}
    path = save(fit(raw, items, c), Path(out), {"data": f"{data} + {bbc or 'no BBC'} (every {bbc_every})",
                                                "articles": counts, "c": c})
    typer.echo(f"wrote {path}")
