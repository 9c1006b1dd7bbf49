"""``presslens train timex``: fit the document-date model of the timexes layer.

Reads PolNeAR's train articles and the TempEval-3 tune documents (never a held-out split),
fits the year and month choices, prints the out-of-fold reliability of the top choice and
writes ``published.json`` to ``--out-dir`` (the packaged one lives in
``src/presslens/resources/timexes/``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer


def register_train(train_app: typer.Typer) -> None:
    """Add ``train timex``."""
    train_app.command("timex")(train_timex)


def train_timex(
    data: Path = typer.Option(Path("../shared/data"), "--data", help="Folder holding polnear/ and tempeval3/."),
    out_dir: Path = typer.Option(..., "--out-dir", help="Where to write published.json."),
    c: float = typer.Option(1.0, "--c", help="Inverse L2 regularisation of the logistic regressions."),
    target: float = typer.Option(0.8, "--target", help="Out-of-fold precision the shown anchored timex values must reach."),
    skip_date: bool = typer.Option(False, "--skip-date", help="Keep --out-dir/published.json; refit only the timex values."),
) -> None:
    """Fit the document-date model (year and month choices) and the timex value confidence."""
    from presslens.training import require

    require()
    from presslens.training.timexes import polnear_texts, save, timeml_texts, train

    folders = [data / "tempeval3" / "TimeBank", data / "tempeval3" / "AQUAINT"]
    if not skip_date:
        texts = list(polnear_texts(data / "polnear" / "train")) + list(timeml_texts(folders, "tune"))
        model, report = train(texts, c=c)
        save(model, report, out_dir / "published.json")
        _print("Document date (out-of-fold top choice)", report, ("year", "month"))
    from presslens.analyzers.timexes.published import load_file
    from presslens.training.timexes import save_anchors, train_anchors

    anchors, anchor_report = train_anchors(folders, load_file(out_dir / "published.json"), c=c, target=target)
    save_anchors(anchors, anchor_report, out_dir / "anchors.json")
    _print("Timex values (out-of-fold)", {"values": anchor_report}, ("values",))


def _print(title: str, report: dict[str, Any], names: tuple[str, ...]) -> None:
    """A reliability table per choice, then the report as one JSON line."""
    from presslens.cli.evaluate import print_metrics

    rows: list[tuple[str, ...]] = [("choice", "bin", "n", "confidence", "right")]
    for name in names:
        for r in report[name]["reliability"]:
            rows.append((name, str(r["bin"]), str(r["n"]), str(r["confidence"]), str(r["right"])))
    print_metrics(title, report, rows=rows)
