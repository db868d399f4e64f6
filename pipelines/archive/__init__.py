"""Raw archive: every fetched response as a WARC record (``warc``), and the corpus of articles read back from it (``corpus``)."""
