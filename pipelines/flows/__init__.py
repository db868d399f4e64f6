"""Prefect flows that wire the stages (``nightly``; one page in ``pages``) and what runs them: task runners
(``runners``), the schedule (``scheduling``), the run locks (``lock``), run health (``health``), the per-page
time budget (``budget``), the watchdog that ends children with the main process (``watchdog``), the run summary
(``summary``) and the code version (``versioning``)."""
