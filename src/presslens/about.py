"""Tool identity: name, version and the JSON schema id."""

NAME = "presslens"
__version__ = "0.1.0"
SCHEMA_ID = "presslens.analysis/1"
# an analysis read from a corpus, with its cross-document fields (``crossdoc``): /1 plus one key
CROSSDOC_SCHEMA_ID = "presslens.analysis/2"
SCHEMA_IDS = (SCHEMA_ID, CROSSDOC_SCHEMA_ID)
