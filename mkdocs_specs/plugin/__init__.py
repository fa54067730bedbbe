"""The MkDocs (and ProperDocs) adapter: the plugin, its options, and the Markdown extension
with its treeprocessors. The entry points name ``plugin.SpecsPlugin``; the command line
imports ``config`` and ``site_config``, to read the plugin's options as a build would."""
