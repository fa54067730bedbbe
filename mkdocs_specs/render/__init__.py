"""Output made from checked specs: HTML fragments (Jinja templates), the index, ``specs.json``,
and the command line's formats (text, JSON, GitHub annotations, SARIF)."""
