"""``presslens serve``: the desk's screen, a local web app over the corpus store.

FastAPI serves server-rendered Jinja2 pages (autoescaped; no analysis logic here:
the report is ``present.html``, the queries are the corpus store's) and a JSON twin
of every page under ``/api/`` (also given for ``Accept: application/json``),
documented at ``/docs`` (OpenAPI).  Security: :mod:`presslens.web.security`.
"""

from __future__ import annotations

from presslens.web.app import create_app
from presslens.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]
