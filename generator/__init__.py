"""The ImPACT Coalitions Registry: load → validate → evaluate → model → render → build."""

__version__ = "0.1.0"
