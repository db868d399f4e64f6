"""Pure parsers: text in, typed mentions out. ``numbers`` -> ``amounts``; ``dates``; ``entities`` ->
``organisations``, ``programmes``; ``people``. Their language knowledge is data in ``data/lang``."""
