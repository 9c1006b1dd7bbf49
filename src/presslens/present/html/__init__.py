"""The self-contained HTML report: ``render_html(analysis) -> str``.

See :mod:`presslens.present.html.render` for the safety model and
:mod:`presslens.present.html.segments` for how overlapping highlights render.
"""

from presslens.present.html.render import render_html

__all__ = ["render_html"]
