"""The ``mkdocs-specs`` command line."""

from .main import main

__all__ = ["main"]
