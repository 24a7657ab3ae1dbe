"""Publishing designs as an MkDocs Material site.

:mod:`designlint.site.plugin` is the MkDocs plugin (entry point ``designlint``); it collects the
designs (:mod:`~designlint.site.collect`), draws their diagrams through a content-hash cache
(:mod:`~designlint.site.diagrams`) and generates the pages (:mod:`~designlint.site.generate`, the
builders in :mod:`designlint.site.pages`). Every string taken from a design passes through
:func:`designlint.site.escape.text`. :mod:`~designlint.site.build` runs MkDocs for the CLI.

Importing this package is cheap; MkDocs is imported by the plugin and the build functions only.
"""
