"""``presslens eval techniques`` and ``presslens train techniques`` (PTC, SemEval-2020 Task 11).

Eval runs the techniques layer (``Settings(keep_text=True)`` so offsets index the raw
article) over every article and scores span identification with the official SI metric and
technique classification on the gold spans.  ``--part holdout`` keeps only the fixed held-out
fifth of PTC train (never used to fit or tune the shipped model), ``--part train`` the rest.
``--cv K`` instead trains K models on article folds and scores each on its held-out articles
(needs scikit-learn).  Train fits on ``--part train`` by default, and fits the confidence
calibrator on out-of-fold candidates of the same articles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import typer

from presslens.cli.evaluate import print_metrics


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Attach the eval and train commands."""
    eval_app.command("techniques")(eval_techniques)
    train_app.command("techniques")(train_techniques)
    train_app.command("techniques-news")(train_techniques_news)


def _load(ptc: str, labels: str | None, part: str = "all") -> tuple[dict[str, str], list[Any]]:
    """Articles and labels of a PTC folder (``part``: all, train or holdout)."""
    from presslens.eval.ptc import articles_dir, find_labels, read_articles, read_labels, split_ids

    if part not in ("all", "train", "holdout"):
        raise typer.BadParameter("use all, train or holdout", param_hint="--part")
    texts = read_articles(articles_dir(ptc))
    texts = {a: texts[a] for a in split_ids(texts, part)}
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
    for key in ("shown_span_precision", "shown_span_recall", "shown_span_f1", "confidence_brier"):
        if key in metrics:
            rows.append((key, f"{metrics[key]:.4f}"))
    if "n_uncertain_spans" in metrics:
        rows.append(("spans shown / uncertain", f"{metrics['n_shown_spans']} / {metrics['n_uncertain_spans']}"))
    for band in metrics.get("confidence_bands", ()):
        rows.append((f"confidence {band['low']:.1f}-{band['high']:.1f} (n={band['n']}): right",
                     f"{band['right']:.4f} (mean p {band['mean_confidence']:.2f})"))
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
    part: str = typer.Option("all", "--part", help="all | train | holdout (the fixed held-out fifth of PTC train)."),
) -> None:
    """Span-identification P/R/F1 (SemEval-2020 SI scorer) and technique micro-F1 on gold spans."""
    texts, gold = _load(ptc, labels, part)
    metrics = _cross_validate(texts, gold, cv) if cv else _score_model(texts, gold, model)
    print_metrics("techniques (PTC, SemEval-2020 Task 11)", metrics, rows=_rows(metrics))


def _score_model(texts: dict[str, str], gold: list[Any], model_dir: str | None) -> dict[str, Any]:
    """Run presslens (keep_text, techniques layer) on each article and score it."""
    import presslens
    from presslens.analyzers.techniques.bundle import load_model
    from presslens.analyzers.techniques.calibration import load_calibrator
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
    shown: list[bool] = []
    conf: list[float | None] = []
    for art, document, nlp_doc in zip(ids, docs, make_docs(d.text for d in docs), strict=True):
        if document.text != texts[art]:
            raise typer.BadParameter(f"article {art}: keep_text changed the text; offsets would not match")
        table = token_table(nlp_doc, lex, document.text)
        found = (pipeline.run(document, nlp_doc).techniques if model_dir is None
                 else detect(table, mdl, calibrator=load_calibrator(model_dir)))
        pred.extend(Label(art, t.technique, t.span.start, t.span.end) for t in found)
        shown.extend(not t.uncertain for t in found)
        conf.extend(t.confidence for t in found)
        labs = [x for x in gold if x.article == art]
        if labs:
            probs = classify(mdl.classifier, table, mdl.vocab, [(x.start, x.end) for x in labs])
            pred_tc.extend(TECHNIQUES[int(j)] for j in probs.argmax(axis=1))
            gold_tc.extend(x.technique for x in labs)
    metrics = _metrics(span_scores(pred, gold), technique_scores(pred_tc, gold_tc), len(ids), "model")
    metrics.update(_shown_metrics(pred, shown, conf, gold))
    return metrics


def _shown_metrics(pred: list[Any], shown: list[bool], conf: list[float | None], gold: list[Any]) -> dict[str, Any]:
    """Span P/R/F1 of the spans shown as found (not uncertain), their counts, and confidence reliability.

    Recall of the shown spans is their coverage of the gold spans: it stands beside their
    precision so that a threshold cannot buy precision unseen.
    """
    from presslens.eval.ptc import confidence_scores, span_scores

    seen = span_scores([p for p, s in zip(pred, shown, strict=True) if s], gold)
    rel = confidence_scores([(p, c) for p, c in zip(pred, conf, strict=True) if c is not None], gold)
    return {"shown_span_precision": seen["precision"], "shown_span_recall": seen["recall"],
            "shown_span_f1": seen["f1"], "n_shown_spans": sum(shown), "n_uncertain_spans": len(shown) - sum(shown),
            "confidence_brier": rel["brier"], "confidence_bands": rel["bands"], "spans_right": rel["right"]}


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
    metrics = _metrics(res["span"], res["technique"], len(texts), f"cv{k}")
    metrics["layer_span_f1"] = res["layer_span"]["f1"]  # learned + rule spans, as the layer outputs them
    return metrics


def train_techniques(
    ptc: str = typer.Option(..., "--ptc", help="PTC articles folder (article<ID>.txt)."),
    labels: str | None = typer.Option(None, "--labels", help="TC labels file."),
    out: str = typer.Option("techniques-model", "--out", help="Output folder for tagger/classifier/vocab/calibrator."),
    threshold: float = typer.Option(0.27, "--threshold", help="Tagger decoding threshold."),
    part: str = typer.Option("train", "--part", help="Articles to fit on: train (default: all but the held-out fifth) or all."),
    folds: int = typer.Option(5, "--calibration-folds", help="Folds whose out-of-fold candidates fit the calibrator."),
    shown: float = typer.Option(0.5, "--shown-threshold", help="Confidence under which a span is shown as uncertain."),
) -> None:
    """Retrain the technique tagger, classifier and calibrator on PTC articles (needs the training extra)."""
    from presslens.training import require

    require()
    from presslens.training.techniques import (
        Params,
        cross_validate,
        fit_calibrator,
        parse_articles,
        save_bundle,
        train,
    )

    texts, gold = _load(ptc, labels, part)
    tables = parse_articles(texts, log=lambda m: typer.echo(m, err=True))
    params = Params(threshold=threshold, shown_threshold=shown)
    oof = cross_validate(tables, gold, params, folds, log=lambda m: typer.echo(m, err=True))
    bundle = train(tables, gold, params)
    bundle.calibrator = fit_calibrator(oof["features"], oof["correct"], params.calibrator_c, shown)
    save_bundle(bundle, Path(out), {"data": f"{ptc} ({len(texts)} articles, part {part}, {len(gold)} spans)"})
    typer.echo(f"wrote {out}/tagger.npz, classifier.npz, vocab.json, calibrator.json")


def train_techniques_news(
    data: Path = typer.Option(Path("../shared/data"), "--data", help="Folder holding the audit articles (bbc/, polnear/)."),
    out: str = typer.Option("techniques-model", "--out", help="Folder to write calibrator.json into."),
    target: float = typer.Option(0.7, "--target", help="Precision the shown spans must reach on the dev split."),
) -> None:
    """Fit the news stage of the technique calibrator on the audit set's dev split (needs the training extra)."""
    import json

    from presslens.training import require

    require()
    from presslens.analyzers.techniques.calibration import load_calibrator
    from presslens.training.techniques_news import audit_rows, fit_news, shown_threshold, table, with_news

    rows = audit_rows(data, "dev", log=lambda m: typer.echo(m, err=True))
    news = fit_news(rows)
    base = load_calibrator()
    staged = with_news(base, news, 0.5)
    conf = np.array([staged.final(np.array([p]), np.array([q > 0]), o)[0]
                     for p, q, o in zip(rows["p1"], rows["quoted"], rows["opinion"], strict=True)])
    cal = with_news(base, news, shown_threshold(conf, rows["correct"], target))
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"news_fitted_on": f"audit dev split, {len(conf)} spans", "target_precision": target,
            "dev_table": table(conf, rows["correct"])}
    (folder / "calibrator.json").write_text(json.dumps(cal.to_dict(meta), indent=1), encoding="utf-8")
    typer.echo(f"wrote {folder}/calibrator.json (threshold {cal.threshold})")
