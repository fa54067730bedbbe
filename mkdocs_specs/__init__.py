"""mkdocs-specs: validate, badge, cross-link and index technical specifications."""

__version__ = "0.1.0"


def makeExtension(**options: object) -> object:
    """``markdown_extensions: [mkdocs_specs]``: the plugin's features where no MkDocs
    plugin runs (Zensical), with the plugin's options."""
    from .plugin.standalone import (
        StandaloneExtension,  # only then: `import mkdocs_specs` stays light
    )

    return StandaloneExtension(**options)
