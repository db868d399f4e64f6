"""Raw archive: every fetched response as a WARC record with digests (``warc``), the corpus of articles read back
from it (``corpus``), and the check of the archive against the crawl state (``verify``)."""
