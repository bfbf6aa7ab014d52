"""papersite: curated, searchable reading lists of ML papers from Daily Papers dumps."""

__version__ = "0.1.0"
