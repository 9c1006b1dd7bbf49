"""``presslens eval claim-retrieval``: MAP@5 of the claim retriever on CheckThat! 2020 Task 2 files.

The pool is indexed (BM25) and every query's candidates re-ranked by the bundled logistic model
(:mod:`presslens.corpus.crossdoc.retrieval`); ``--split`` takes the tune part or the held-out
part (every 5th query) of a train file, on which the model was or was not fitted.
"""

from __future__ import annotations

from pathlib import Path

import typer


def register(eval_app: typer.Typer, train_app: typer.Typer) -> None:
    """Add ``eval claim-retrieval``."""
    eval_app.command("claim-retrieval")(eval_claim_retrieval)
    train_app.command("claim-retrieval")(train_claim_retrieval)


def train_claim_retrieval(
    data: Path = typer.Option(..., "--data", help="The checkthat2020_t2 folder (pool, train/)."),
) -> None:
    """Refit the re-ranker on the tune part of train (every 5th query held out) into corpus/crossdoc/data/."""
    from presslens.errors import DatasetError
    from presslens.training.claim_retrieval import train

    if not (data / "verified_claims.docs.tsv").is_file() or not (data / "train").is_dir():
        raise DatasetError(f"{data} has no verified_claims.docs.tsv and train/ folder")
    done = train(data)
    typer.echo(f"wrote {done['out']} ({done['rows']} rows, {done['positive']} positive; "
               f"threshold {done['threshold']})")


def eval_claim_retrieval(
    pool: Path = typer.Option(..., "--pool", help="verified_claims.docs.tsv (vclaim_id, vclaim, title)."),
    queries: Path = typer.Option(..., "--queries", help="tweets.queries.tsv (tweet_id, tweet_content)."),
    qrels: Path = typer.Option(..., "--qrels", help="TREC qrels (tweet_id 0 vclaim_id 1)."),
    split: str = typer.Option("all", "--split", help="all, tune or heldout (every 5th query held out)."),
    bm25_only: bool = typer.Option(False, "--bm25-only", help="Rank by BM25 alone (the baseline)."),
) -> None:
    """Claim retrieval: MAP@5 (JSON key map_at_5), with BM25 alone beside it and the candidates' recall."""
    from rich.progress import track

    from presslens.cli.evaluate import print_metrics
    from presslens.corpus.crossdoc import retrieval
    from presslens.errors import DatasetError
    from presslens.eval import claim_retrieval as data

    for path in (pool, queries, qrels):
        if not path.is_file():
            raise DatasetError(f"no such file: {path}")
    if split not in ("all", "tune", "heldout"):
        raise DatasetError(f"--split is all, tune or heldout, not {split!r}")
    index = retrieval.Index([retrieval.Entry(*row) for row in data.read_pool(pool)])
    asked = data.read_queries(queries)
    asked = asked if split == "all" else data.held_out(asked)[split == "heldout"]
    gold = data.read_qrels(qrels)
    model = retrieval.load_model()
    runs, base, found = {}, {}, 0
    for qid, text in track(asked, description="ranking", transient=True):
        positions = index.candidates(text)
        base[qid] = [index.entries[p].id for p in positions]
        found += bool(set(base[qid]) & gold.get(qid, set()))
        runs[qid] = base[qid] if bm25_only else [h.entry.id for h in index.rank(text, model=model)]
    metrics = {"map_at_5": round(data.map_at_k(runs, gold), 4), "bm25_map_at_5": round(data.map_at_k(base, gold), 4),
               f"recall_at_{retrieval.DEPTH}": round(found / max(1, len(asked)), 4), "queries": len(asked),
               "pool": len(index.entries), "split": split}
    print_metrics(f"Claim retrieval ({queries.parent.name}, {split})", metrics)
