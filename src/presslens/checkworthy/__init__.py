"""Check-worthiness: features, the numpy-only predictor, training, claim helpers.

``load_predictor()`` returns the packaged model (loaded once); ``train`` needs
scikit-learn and is only imported by ``presslens train checkworthy``.
"""

from __future__ import annotations

from presslens.checkworthy.model import Prediction, Predictor, load_predictor

__all__ = ["Prediction", "Predictor", "load_predictor"]
