"""Pure data: spans, offset maps, documents, layer records and the Analysis.

Nothing here imports spaCy or any other part of presslens.
"""

from presslens.model.analysis import Analysis
from presslens.model.document import Document, Paragraph, Published
from presslens.model.offsets import Edit, OffsetMap
from presslens.model.span import Span

__all__ = ["Analysis", "Document", "Edit", "OffsetMap", "Paragraph", "Published", "Span"]
