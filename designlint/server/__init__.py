"""``designlint server``: the review in the editor, over the Language Server Protocol on stdio.

Diagnostics are the findings ``designlint check`` reports, under the same configuration; hovers,
navigation, completion and code actions use the same analyses. Built on pygls (the ``server``
extra); the engine knows nothing of this layer.
"""
