"""Language of the main text (``detection``, langdetect with a declared-language prior) and its AI relevance (``relevance``)."""
