"""``presslens eval techniques`` and ``presslens train techniques`` (PTC, SemEval-2020 Task 11).

Eval runs the techniques layer (``Settings(keep_text=True)`` so offsets index the raw
article) over every article and scores span identification with the official SI metric and
technique classification on the gold spans.  ``--cv K`` instead trains K models on article
folds and scores each on its held-out articles (needs scikit-learn).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from presslens.cli.evaluate import print_metrics


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Attach the eval and train commands."""
    eval_app.command("techniques")(eval_techniques)
    train_app.command("techniques")(train_techniques)


def _load(ptc: str, labels: str | None) -> tuple[dict[str, str], list[Any]]:
    """Articles and labels of a PTC folder."""
    from presslens.eval.ptc import articles_dir, find_labels, read_articles, read_labels

    texts = read_articles(articles_dir(ptc))
    if not texts:
        raise typer.BadParameter(f"no article*.txt under {ptc}", param_hint="--ptc")
    path = Path(labels) if labels else find_labels(ptc)
    if path is None:
        raise typer.BadParameter("labels file not found; pass --labels", param_hint="--labels")
    return texts, [x for x in read_labels(path) if x.article in texts]


def _rows(metrics: dict[str, Any]) -> list[tuple[str, ...]]:
    """Table rows: span metrics, technique micro/macro, per-technique F1."""
    rows: list[tuple[str, ...]] = [("metric", "value")]
    for key in ("span_precision", "span_recall", "span_f1", "technique_micro_f1", "technique_macro_f1"):
        rows.append((key, f"{metrics[key]:.4f}"))
    for tech, f1 in sorted(metrics["per_technique_f1"].items()):
        rows.append((f"F1 {tech} (n={metrics['support'].get(tech, 0)})", f"{f1:.4f}"))
    return rows


def _metrics(span: dict[str, Any], tech: dict[str, Any], n_articles: int, mode: str) -> dict[str, Any]:
    """Flatten the scorer outputs into the final metrics dict."""
    return {"span_precision": span["precision"], "span_recall": span["recall"], "span_f1": span["f1"],
            "n_pred_spans": span["n_pred"], "n_gold_spans": span["n_gold"],
            "technique_micro_f1": tech["micro_f1"], "technique_macro_f1": tech["macro_f1"],
            "per_technique_f1": tech["per_technique"], "support": tech["support"],
            "articles": n_articles, "mode": mode}


def eval_techniques(
    ptc: str = typer.Option(..., "--ptc", help="PTC articles folder (article<ID>.txt)."),
    labels: str | None = typer.Option(None, "--labels", help="TC labels file (ID, technique, start, end)."),
    cv: int = typer.Option(0, "--cv", help="K-fold cross-validation by article instead of the shipped model."),
    model: str | None = typer.Option(None, "--model", help="A model folder written by 'train techniques'."),
) -> None:
    """Span-identification P/R/F1 (SemEval-2020 SI scorer) and technique micro-F1 on gold spans."""
    texts, gold = _load(ptc, labels)
    metrics = _cross_validate(texts, gold, cv) if cv else _score_model(texts, gold, model)
    print_metrics("techniques (PTC, SemEval-2020 Task 11)", metrics, rows=_rows(metrics))


def _score_model(texts: dict[str, str], gold: list[Any], model_dir: str | None) -> dict[str, Any]:
    """Run presslens (keep_text, techniques layer) on each article and score it."""
    import presslens
    from presslens.analyzers.techniques.bundle import load_model
    from presslens.analyzers.techniques.classifier import classify
    from presslens.analyzers.techniques.detect import detect
    from presslens.analyzers.techniques.features import token_table
    from presslens.analyzers.techniques.lexicon import load_lexicon
    from presslens.eval.ptc import Label, span_scores, technique_scores
    from presslens.ingest import ingest_text
    from presslens.model.records import TECHNIQUES
    from presslens.nlp.language import make_docs

    settings = presslens.Settings(keep_text=True, layers=("techniques",), require_english=False)
    pipeline = presslens.load_pipeline(settings)
    mdl, lex = load_model(model_dir), load_lexicon()
    ids = sorted(texts)
    docs = [ingest_text(texts[a], source=a, settings=settings) for a in ids]
    pred: list[Label] = []
    pred_tc: list[str] = []
    gold_tc: list[str] = []
    for art, document, nlp_doc in zip(ids, docs, make_docs(d.text for d in docs), strict=True):
        if document.text != texts[art]:
            raise typer.BadParameter(f"article {art}: keep_text changed the text; offsets would not match")
        table = token_table(nlp_doc, lex, document.text)
        found = pipeline.run(document, nlp_doc).techniques if model_dir is None else detect(table, mdl)
        pred.extend(Label(art, t.technique, t.span.start, t.span.end) for t in found)
        labs = [x for x in gold if x.article == art]
        if labs:
            probs = classify(mdl.classifier, table, mdl.vocab, [(x.start, x.end) for x in labs])
            pred_tc.extend(TECHNIQUES[int(j)] for j in probs.argmax(axis=1))
            gold_tc.extend(x.technique for x in labs)
    return _metrics(span_scores(pred, gold), technique_scores(pred_tc, gold_tc), len(ids), "model")


def _cross_validate(texts: dict[str, str], gold: list[Any], k: int) -> dict[str, Any]:
    """K-fold CV by article with the default training parameters (needs the training extra)."""
    from presslens.training import require

    require()
    from presslens.analyzers.techniques.bundle import load_model
    from presslens.training.techniques import Params, cross_validate, parse_articles

    shipped = load_model().params
    params = Params(threshold=float(shipped["threshold"]), width=int(shipped["width"]), gap=int(shipped["gap"]))
    tables = parse_articles(texts, log=lambda m: typer.echo(m, err=True))
    res = cross_validate(tables, gold, params, k, log=lambda m: typer.echo(m, err=True))
    return _metrics(res["span"], res["technique"], len(texts), f"cv{k}")


def train_techniques(
    ptc: str = typer.Option(..., "--ptc", help="PTC articles folder (article<ID>.txt)."),
    labels: str | None = typer.Option(None, "--labels", help="TC labels file."),
    out: str = typer.Option("techniques-model", "--out", help="Output folder for tagger/classifier/vocab."),
    threshold: float = typer.Option(0.27, "--threshold", help="Tagger decoding threshold."),
) -> None:
    """Retrain the technique tagger and classifier on PTC articles (needs the training extra)."""
    from presslens.training import require

    require()
    from presslens.training.techniques import Params, parse_articles, save_bundle, train

    texts, gold = _load(ptc, labels)
    tables = parse_articles(texts, log=lambda m: typer.echo(m, err=True))
    bundle = train(tables, gold, Params(threshold=threshold))
    save_bundle(bundle, Path(out), {"data": f"{ptc} ({len(texts)} articles, {len(gold)} spans)"})
    typer.echo(f"wrote {out}/tagger.npz, classifier.npz, vocab.json")
