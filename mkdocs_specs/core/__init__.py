"""The framework-free core: reading specs and templates, the rules, the entity catalogue and
the check pipeline. It imports no MkDocs, Markdown renderer, Jinja or click."""
