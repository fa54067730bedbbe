"""mkdocs-specs: validate, badge, cross-link and index technical specifications."""

__version__ = "0.1.0"
