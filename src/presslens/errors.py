"""Error hierarchy and coded message catalogue (spaCy-style ``E###`` codes).

Every error a user can trigger is a :class:`PresslensError` whose ``str`` is one
line that says what went wrong and, where possible, how to fix it.  The CLI
prints that line and exits non-zero; it never shows a traceback for these.
"""

from __future__ import annotations


class PresslensError(Exception):
    """Base class of every error presslens raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(PresslensError):
    """The input cannot be read or is not an article presslens can analyse."""

    code = "E001"


class EmptyInputError(InputError):
    """The input holds no text."""

    code = "E002"


class BinaryInputError(InputError):
    """The input is binary data, not text, HTML or PDF."""

    code = "E003"


class EncodingError(InputError):
    """No text encoding decodes the input cleanly."""

    code = "E004"


class TooLargeError(InputError):
    """The input exceeds the configured size limit."""

    code = "E005"


class LanguageError(InputError):
    """The text is not English."""

    code = "E006"


class PipelineError(PresslensError):
    """The analyzer pipeline is misconfigured (unknown layer, missing requirement)."""

    code = "E010"


class ModelError(PresslensError):
    """A bundled model or resource is missing or unreadable."""

    code = "E020"


class DatasetError(PresslensError):
    """An evaluation or training dataset is missing or malformed."""

    code = "E030"


class LimitError(InputError):
    """An input goes over a per-input limit (time, memory, words): the batch goes on."""

    code = "E050"


class TimeLimitError(LimitError):
    """Reading or analysing one input took longer than ``Settings.timeout_s``."""

    code = "E051"


class MemoryLimitError(LimitError):
    """Reading or analysing one input needed more memory than ``Settings.memory_mb``."""

    code = "E052"


class WordLimitError(LimitError):
    """The text has more words than ``Settings.max_words`` (memory grows with words)."""

    code = "E053"


class SpecialFileError(InputError):
    """The path is a FIFO, socket or device: presslens reads regular files only."""

    code = "E054"


class RecordError(InputError):
    """A JSONL record is malformed (nesting, id, field types, invalid Unicode)."""

    code = "E055"


class WorkerDiedError(PresslensError):
    """The worker process handling an input died (killed, crashed, out of memory)."""

    code = "E056"


class OutputError(PresslensError):
    """An output target cannot be written (a directory, an unwritable folder)."""

    code = "E057"


class MissingExtraError(PresslensError):
    """A command needs an optional package (an extra) that is not installed."""

    code = "E058"


class InternalError(PresslensError):
    """An unexpected error inside presslens (a bug): reported per input, never a traceback."""

    code = "E099"


# --- corpus store (E070–E079) -------------------------------------------------------------


class StoreError(PresslensError):
    """The corpus store cannot be opened, read or written."""

    code = "E070"


class SchemaTooNewError(StoreError):
    """The store was written by a newer presslens; it is refused, never modified."""

    code = "E071"


class StoreNotFoundError(StoreError):
    """A query names a store that does not exist (nothing has been added yet)."""

    code = "E072"


class CorpusQueryError(PresslensError):
    """A corpus query or export request is malformed (empty search, unknown table, bad date)."""

    code = "E073"


class LimitExceededError(LimitError):
    """The input is over a parsing limit (pages, decompressed bytes, HTML tags); base of those errors."""

    code = "E040"


class TooManyPagesError(LimitExceededError):
    """A PDF has more pages than ``Settings.max_pdf_pages``."""

    code = "E041"


class DecompressionLimitError(LimitExceededError):
    """A PDF's compressed streams expand beyond ``Settings.max_decompressed_bytes``."""

    code = "E042"


class DamagedPdfError(InputError):
    """pypdf cannot read the PDF (truncated, damaged or using an unsupported feature)."""

    code = "E043"


class NoArticleError(InputError):
    """An HTML page holds no article text (navigation, menus and links only)."""

    code = "E044"


class TooManyElementsError(LimitExceededError):
    """An HTML page has more tags than ``Settings.max_html_tags`` (extraction cost grows faster than size)."""

    code = "E045"
