"""The MkDocs (and ProperDocs) adapter: the plugin, its options, and the Markdown extension
with its treeprocessors. The entry points name ``plugin.SpecsPlugin``; the command line
imports only ``config``, for the plugin's options."""
