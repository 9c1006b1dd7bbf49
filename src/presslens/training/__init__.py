"""Training code for the bundled models: the optional ``presslens[training]`` extra.

Nothing on the run-time path imports this package: analyses need numpy alone, while training
fits scikit-learn models (with scipy sparse matrices) and exports plain numpy arrays that the
analyzers load.  ``require()`` checks the extra is installed and says how to get it.

Modules: ``checkworthy`` (check-worthiness model of the claims layer), ``techniques`` (token
tagger and technique classifier of the techniques layer), ``linear`` (the shared fitting code).
``distill_embeddings`` and ``embeddings_quality`` build and measure the static sentence-embedding
model in ``resources/embeddings``; they need torch and model2vec's distillation extra, which no
extra of presslens installs: they run in a scratch venv (see that module's docstring).
"""

from __future__ import annotations

import importlib.util

from presslens.errors import MissingExtraError

EXTRA = "training"
MODULES: tuple[str, ...] = ("sklearn", "scipy")


def missing() -> list[str]:
    """The third-party modules of the training extra that cannot be imported."""
    out = []
    for name in MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):  # a module set to None in sys.modules, or a broken package
            found = False
        if not found:
            out.append(name)
    return out


def require() -> None:
    """Raise a one-line :class:`~presslens.errors.MissingExtraError` unless the training extra is installed."""
    absent = missing()
    if absent:
        names = ", ".join("scikit-learn" if n == "sklearn" else n for n in absent)
        raise MissingExtraError(
            f"training needs the optional extra: pip install 'presslens[{EXTRA}]' ({names} not installed)"
        )
