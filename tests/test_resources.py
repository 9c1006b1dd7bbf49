"""Every resource file is well-formed and used, and every name code asks for exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from presslens import resources
from presslens.errors import ModelError

SRC = Path(__file__).resolve().parent.parent / "src" / "presslens"
NAME = re.compile(r"^[a-z_]+(?:/[a-z_]+)*/[\w.-]+\.(?:txt|tsv|json|npz)$")


def _code_literals() -> tuple[set[str], set[str]]:
    """Resource-name string literals and ``use=``/``select()`` tag literals in the package code."""
    names: set[str] = set()
    tags: set[str] = set()
    for path in SRC.rglob("*.py"):
        if "present" in path.relative_to(SRC).parts:  # the report's own assets, not resources
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and NAME.match(node.value):
                names.add(node.value)
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "use" and isinstance(kw.value, ast.Constant):
                        tags.add(kw.value.value)
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr == "select" and node.args:
                    first = node.args[0]
                    if isinstance(first, ast.Constant) and isinstance(first.value, str):
                        tags.add(first.value)
    return names, tags


def test_every_resource_is_well_formed():
    assert resources.names(), "no resource files found"
    assert resources.validate() == {}


def test_every_name_in_code_exists():
    names, _ = _code_literals()
    missing = sorted(n for n in names if n not in set(resources.names()))
    assert names and not missing, missing


def test_every_use_tag_is_asked_for_by_code():
    _, tags = _code_literals()
    unused = []
    for name in resources.names():
        if name.endswith(".tsv") and "uses" in resources.table(name).columns:
            for row in resources.table(name).dicts():
                unused += [f"{name}: {t}" for t in row["uses"].split(",") if t not in tags]
    assert not unused, sorted(set(unused))


def test_every_resource_is_used_by_the_pipeline():
    """Build and run every layer, then no data file may be left unread (model cards aside)."""
    import presslens
    from presslens.settings import Settings

    presslens.analyze("The minister said 300 people met in Paris on Monday.", settings=Settings(use_cache=False))
    # embeddings/ is opened by model2vec; presslens.nlp.embeddings records it (resources.folder)
    skip = {n for n in resources.names() if n.endswith(".md")}
    unread = sorted(set(resources.names()) - resources.requested() - skip)
    assert not unread, unread


def test_model_cards_sit_beside_their_weights():
    weights = {n.rsplit("/", 1)[0] for n in resources.names() if n.endswith((".npz", ".safetensors"))}
    assert weights and all(f"{folder}/MODEL_CARD.md" in resources.names() for folder in weights)


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("x.txt", "# what\nword\nword\n", "duplicate"),
        ("x.txt", "# what\nWord\n", "lower case"),
        ("x.txt", "# what\nword\n\nother\n", "empty entry"),
        ("x.txt", "word\n", "no '#' header"),
        ("x.txt", "# what\n word\n", "whitespace"),
        ("x.tsv", "# what\nword\tvalue\n", "columns"),
        ("x.tsv", "# what\n# columns: entry value\nword\tvalue\textra\n", "3 cells"),
        ("x.tsv", "# what\n# columns: entry value\nword\n", "empty entry"),
        ("x.tsv", "# what\n# columns: entry value?\nword\nword\tx\n", "duplicate key"),
    ],
)
def test_validator_catches_malformed_files(name, text, problem):
    parse = resources._parse_list if name.endswith(".txt") else resources._parse_table
    found = parse(name, text)[1]
    assert any(problem in p for p in found), found


def test_validator_accepts_keep_case_and_optional_cells():
    table, problems = resources._parse_table("x.tsv", "# what\n# columns: entry value?\n# case: keep\nUS\nUK\tGBR\n")
    assert problems == [] and table.rows == (("US", ""), ("UK", "GBR"))


def test_unknown_names_and_selections_fail_loudly():
    with pytest.raises(ModelError, match="not part of the installed package"):
        resources.words("lexicon/no_such_list.txt")
    with pytest.raises(ModelError, match="no row for use"):
        resources.words("lexicon/hedges.tsv", use="no-such-use")
    with pytest.raises(ModelError, match="no column"):
        resources.words("lexicon/hedges.tsv", where=("colour", "red"))


def test_shared_lists_have_one_copy():
    """Speech verbs, hedges and modal verbs each live in one file, whatever the layers using them."""
    from presslens.analyzers.claims import lexicon as claims
    from presslens.analyzers.events import lexicon as events
    from presslens.analyzers.quotes.cues import lexicon as quote_cues

    speech = resources.words("lexicon/speech_verbs.tsv")
    for used in (quote_cues().verbs, claims.SPEECH_LEMMAS, events.SAY_VERBS):
        assert used <= speech
    assert set(claims.HEDGES) <= resources.words("lexicon/hedges.tsv")
    assert set(claims.MODALS) | events.HYPO_AUX <= resources.words("lexicon/modality.tsv")
    lists = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    assert '"reportedly"' not in lists and '"said", "says"' not in lists


def test_digest_is_stable():
    assert resources.digest() == resources.digest() and len(resources.digest()) == 16
