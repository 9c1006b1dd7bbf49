"""Language layer: the pinned spaCy model, loaded once, and sentence boundaries."""

from presslens.nlp.language import get_nlp, make_doc, make_docs, sentence_spans

__all__ = ["get_nlp", "make_doc", "make_docs", "sentence_spans"]
