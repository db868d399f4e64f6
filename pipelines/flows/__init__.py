"""Prefect flows that wire the stages (``nightly``, ``pages``) and what runs them: task runners, the
schedule (``scheduling``), the run lock (``lock``), the run summary and the code version."""
