"""Tool identity: name, version and the JSON schema id."""

NAME = "presslens"
__version__ = "0.1.0"
SCHEMA_ID = "presslens.analysis/1"
