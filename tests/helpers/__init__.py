"""Helpers shared by the test suites (servers, child processes, records, paths, case files)."""
