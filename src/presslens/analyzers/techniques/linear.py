"""A linear model over grouped sparse features, run with numpy (fitted by ``presslens.training``).

Features come as *blocks*: for each named group a COO triple (row, id, value) indexing that
group's weight table, plus a dense matrix.  Training (``presslens.training.linear``, the
optional ``training`` extra) stacks them into one scipy CSR matrix and fits scikit-learn's
``LogisticRegression``; the coefficients are cut back into per-group tables and saved as
``.npz``, so run time is a few ``np.add.at`` calls and needs neither scipy nor sklearn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

Block = tuple[np.ndarray, np.ndarray, np.ndarray]  # rows, ids, values


@dataclass
class LinearModel:
    """Weights per feature group, dense weights, bias and output labels."""

    groups: dict[str, np.ndarray]  # name → (size, n_out)
    dense: np.ndarray  # (k, n_out)
    bias: np.ndarray  # (n_out,)
    labels: tuple[str, ...]

    def decision(self, blocks: dict[str, Block], dense: np.ndarray, n_rows: int) -> np.ndarray:
        """Linear scores (n_rows, n_out)."""
        out = np.tile(self.bias, (n_rows, 1)).astype(np.float32)
        for name, (rows, ids, vals) in blocks.items():
            table = self.groups[name]
            ids = np.minimum(ids, len(table) - 1)
            if len(rows) == n_rows and np.all(vals == 1.0):
                out += table[ids]
            else:
                picked = table[ids] * vals[:, None]
                for j in range(out.shape[1]):
                    out[:, j] += np.bincount(rows, weights=picked[:, j], minlength=n_rows)[:n_rows]
        if dense.size:
            out += dense @ self.dense
        return out

    def proba(self, blocks: dict[str, Block], dense: np.ndarray, n_rows: int) -> np.ndarray:
        """Probabilities: sigmoid for one output, softmax otherwise."""
        z = self.decision(blocks, dense, n_rows)
        if z.shape[1] == 1:
            return 1.0 / (1.0 + np.exp(-z[:, 0]))
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        """Write the weights as float32 arrays in one .npz."""
        arrays: dict[str, Any] = {f"g_{k}": v.astype(np.float32) for k, v in self.groups.items()}
        arrays.update(dense=self.dense.astype(np.float32), bias=self.bias.astype(np.float32),
                      labels=np.array(self.labels))
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, source: Any) -> LinearModel:
        """Read weights written by :meth:`save` (a path or a file object)."""
        with np.load(source, allow_pickle=False) as data:
            groups = {k[2:]: data[k] for k in data.files if k.startswith("g_")}
            return cls(groups, data["dense"], data["bias"], tuple(str(x) for x in data["labels"]))
