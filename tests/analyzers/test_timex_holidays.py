"""Named holidays with a year, and hash-seed independence of the timexes layer.

A holiday followed by a year names one day (TimeML: "Christmas 2004" is 2004-12-25), whichever
holiday it is; and the rules must give the same answer under every PYTHONHASHSEED (a set's order
once decided which holiday could take a year).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import presslens
from presslens.settings import Settings

SETTINGS = Settings(layers=("timexes",), require_english=False)


def values(text: str) -> list[tuple[str, str | None]]:
    """(surface, value) of every timex in ``text``."""
    analysis = presslens.analyze(text, published="2020-04-15", settings=SETTINGS)
    return [(analysis.document.text[t.span.start:t.span.end], t.value) for t in analysis.timexes]


@pytest.mark.parametrize(("text", "expected"), [
    ("Shops said sales over Christmas 2004 were weak.", ("Christmas 2004", "2004-12-25")),
    ("The fire broke out on Halloween 2019 in the old mill.", ("Halloween 2019", "2019-10-31")),
    ("The ferry sank on Boxing Day 2010, the coastguard said.", ("Boxing Day 2010", "2010-12-26")),
    ("The vote was held on Christmas Eve 1999 in the hall.", ("Christmas Eve 1999", "1999-12-24")),
    ("The bridge opened on Independence Day, 1976, to traffic.", ("Independence Day, 1976", "1976-07-04")),
    ("The band played on New Year's Eve 2015 in the square.", ("New Year's Eve 2015", "2015-12-31")),
])
def test_every_holiday_takes_its_year(text: str, expected: tuple[str, str]) -> None:
    assert expected in values(text)


TEXT = ("Harbour sales fell over Christmas 2004, and again at Halloween 2005, the traders said on Monday. "
        "Boxing Day 2006 was the worst day, while Valentine's Day 2007 brought a small rise.")


def _run(seed: str) -> str:
    """The timexes of TEXT as JSON, from a fresh interpreter with the given hash seed."""
    code = ("import json, presslens; from presslens.settings import Settings; "
            f"a = presslens.analyze({TEXT!r}, published='2020-04-15', settings=Settings(layers=('timexes',))); "
            "print(json.dumps([(t.span.start, t.span.end, t.value) for t in a.timexes]))")
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                          timeout=300).stdout


@pytest.mark.slow
def test_the_same_timexes_under_every_hash_seed() -> None:
    runs = {seed: json.loads(_run(seed)) for seed in ("0", "1", "4", "5")}
    assert len({json.dumps(r) for r in runs.values()}) == 1, runs
    assert [v for *_, v in runs["0"]].count("2004-12-25") == 1
