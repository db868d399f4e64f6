"""A second run on the same state folder refuses with a clear message."""

import pytest

from pipelines.flows.lock import RunLock, RunLockedError


def test_second_lock_refuses_and_first_release_frees_it(tmp_path):
    with RunLock(tmp_path), pytest.raises(RunLockedError, match="another aiscout run"), RunLock(tmp_path):
        pass
    with RunLock(tmp_path):
        pass
