"""``presslens eval crossdoc | event-coref | stories | crossdoc-entities | syndication`` and ``presslens train stories``.

The evals run the corpus layer's own code (:mod:`presslens.corpus.crossdoc`) on public data:
each ECB+/GVC document (``dataset.conll``) is rebuilt as text and analysed by the pipeline, its
profile grouped into stories, and the gold event mentions linked through their head lemma,
sense and story.  ``--split`` keeps the held-out topics apart (every fourth topic, or incident
when the folder has one topic, as in GVC): the story model was fitted on the tune part only.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

SPLIT_HELP = ("both (tune and held out side by side; the JSON's unprefixed figures are the held-out ones), all, "
              "tune or heldout (every 4th topic, or incident when there is one topic, is held out).")


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add the cross-document evals and ``train stories``."""
    eval_app.command("crossdoc")(eval_crossdoc)
    eval_app.command("event-coref")(eval_event_coref)
    eval_app.command("stories")(eval_stories)
    eval_app.command("crossdoc-entities")(eval_crossdoc_entities)
    eval_app.command("syndication")(eval_syndication)
    train_app.command("stories")(train_stories)
    from presslens.cli.tasks import claims  # claim retrieval: eval / train claim-retrieval

    claims.register(eval_app, train_app)


def eval_crossdoc(
    data: Path = typer.Option(..., "--data", help="Folder in the ECB+/GVC layout (entity_mentions.json optional)."),
    split: str = typer.Option("both", "--split", help=SPLIT_HELP),
    workers: int = typer.Option(1, "-j", "--workers", min=1, help="Analysis worker processes."),
) -> None:
    """Every cross-document measure of one folder in one analysis pass: events, stories (and entities)."""
    from presslens.cli.tasks.crossdoc_data import entity_links, event_clusters, story_scores

    def measure(prepared: Any) -> dict[str, float]:
        metrics = event_clusters(prepared)
        metrics.update({f"stories_{k}": v for k, v in story_scores(prepared).items()})
        if (data / "entity_mentions.json").is_file():
            metrics.update({f"entities_{k}": v for k, v in entity_links(prepared, data).items()})
        return metrics

    _report(f"Cross-document ({data.name}", data, split, workers, measure)


def eval_event_coref(
    data: Path = typer.Option(..., "--data", help="Folder with dataset.conll and event_mentions.json (ECB+/GVC)."),
    split: str = typer.Option("both", "--split", help=SPLIT_HELP),
    workers: int = typer.Option(1, "-j", "--workers", min=1, help="Analysis worker processes."),
) -> None:
    """Cross-document event coreference on gold mentions: MUC, B³, CEAF-e and CoNLL F1 (and the stories' B³)."""
    from presslens.cli.tasks.crossdoc_data import event_clusters, story_scores

    def measure(prepared: Any) -> dict[str, float]:
        metrics = event_clusters(prepared)
        metrics.update({f"stories_{k}": v for k, v in story_scores(prepared).items() if k.startswith("b3_")})
        return metrics

    _report(f"Event coreference ({data.name}", data, split, workers, measure)


def eval_stories(
    data: Path = typer.Option(..., "--data", help="Folder with dataset.conll (ECB+/GVC); stories = subtopics."),
    split: str = typer.Option("both", "--split", help=SPLIT_HELP),
    workers: int = typer.Option(1, "-j", "--workers", min=1, help="Analysis worker processes."),
) -> None:
    """Story grouping of articles against the gold subtopics (incidents): B³ over articles."""
    from presslens.cli.tasks.crossdoc_data import story_scores

    _report(f"Stories ({data.name}", data, split, workers, story_scores)


def eval_crossdoc_entities(
    data: Path = typer.Option(..., "--data", help="Folder with dataset.conll, event_mentions.json and "
                              "entity_mentions.json (ECB+)."),
    split: str = typer.Option("both", "--split", help=SPLIT_HELP),
    workers: int = typer.Option(1, "-j", "--workers", min=1, help="Analysis worker processes."),
) -> None:
    """Cross-document entities on ECB+ gold named mentions: pairwise precision/recall, coverage, same-name baseline."""
    from presslens.cli.tasks.crossdoc_data import entity_links

    _report(f"Cross-document entities ({data.name}", data, split, workers, lambda prepared: entity_links(prepared, data))


def eval_syndication(
    bbc: Path = typer.Option(..., "--bbc", help="The BBC folder (CATEGORY_NNN.txt)."),
    split: str = typer.Option("heldout", "--split", help="tune (business, entertainment, politics) or heldout "
                              "(sport, tech)."),
    limit: int = typer.Option(0, "--limit", min=0, help="Originals to draw (0 = all)."),
) -> None:
    """Syndicated copies (invented edits of BBC articles) collapsed: pairwise precision and recall."""
    from presslens.cli.evaluate import print_metrics
    from presslens.corpus.crossdoc.syndication import Copy, group, group_of
    from presslens.eval.syndication import HELDOUT, TUNE, build, score

    if split not in ("tune", "heldout"):
        raise typer.BadParameter("--split must be tune or heldout")
    articles = build(bbc, TUNE if split == "tune" else HELDOUT, limit=limit or None)
    groups = group_of(group([Copy(a.id, a.text, a.title) for a in articles]))
    metrics: dict[str, Any] = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in score(articles, groups).items()}
    metrics["split"] = split
    print_metrics(f"Syndication ({split})", metrics)


def train_stories(
    data: list[Path] = typer.Option(..., "--data", help="ECB+/GVC folders (repeat the option); tune split only."),
    out: Path = typer.Option(..., "--out", help="Where to write the model JSON (the packaged one: "
                             "src/presslens/corpus/crossdoc/data/stories.json)."),
    threshold: float = typer.Option(0.35, "--threshold", help="Average-linkage threshold to record (0.35: on the "
                                    "tune topics the best ECB+ story B³, 0.948, before small stories join theirs)."),
    workers: int = typer.Option(1, "-j", "--workers", min=1, help="Analysis worker processes."),
) -> None:
    """Fit the story model (logistic regression over pair features) on the tune topics."""
    from presslens.cli.tasks.crossdoc_data import load, pair_rows
    from presslens.training import require

    require()
    from presslens.training.stories import fit, write

    rows = [pair_rows(load(folder, "tune", workers)) for folder in data]
    model = fit(rows)
    write(model, out, threshold, [str(p) for p in data])
    typer.echo(f"wrote {out} ({sum(len(y) for _, y in rows)} pairs)")


def _report(title: str, data: Path, split: str, workers: int, measure: Callable[[Any], dict[str, float]]) -> None:
    """Measure one split, or tune and held out side by side from one analysis pass (``both``)."""
    from presslens.cli.evaluate import print_metrics
    from presslens.cli.tasks.crossdoc_data import load_parts

    if split != "both":
        prepared = load_parts(data, (split,), workers)[split]
        print_metrics(f"{title}, {split})", _rounded(measure(prepared), split, prepared))
        return
    parts = load_parts(data, ("tune", "heldout"), workers)
    tune, held = (_rounded(measure(parts[s]), s, parts[s]) for s in ("tune", "heldout"))
    rows: list[tuple[str, ...]] = [("metric", "tune", "held out")]
    rows.extend((k, _cell(tune.get(k)), _cell(v)) for k, v in held.items() if isinstance(v, (int, float)))
    metrics = {**held, **{f"tune_{k}": v for k, v in tune.items()}, "split": "both"}
    print_metrics(f"{title}, tune / held out)", metrics, rows=rows)


def _cell(value: Any) -> str:
    """A table cell: floats to 4 places."""
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _rounded(metrics: dict[str, float], split: str, prepared: Any) -> dict[str, Any]:
    """Metrics rounded, with the split and the counts."""
    out: dict[str, Any] = {k: round(v, 4) for k, v in metrics.items()}
    out.update(split=split, documents=len(prepared.keys), topics=len(prepared.topics))
    return out
