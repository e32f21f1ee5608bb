"""The clock of the test suite (set by the autouse fixture ``clock``)."""

from qlvbdh_policy import timeutil

import datetime
import time


class Clock:
    """Vietnam time for the code under test: starts at a fixed instant and
    runs on from there, so tests written for a 2026 register book stay true
    in later years; ``set`` moves it (across New Year's Eve, say)."""

    def __init__(self, start):
        self.set(start)

    def set(self, start):
        self._start, self._t0 = start, time.monotonic()

    def __call__(self):
        return self._start + datetime.timedelta(seconds=time.monotonic() - self._t0)


TEST_NOW = datetime.datetime(2026, 11, 27, 9, 0, tzinfo=timeutil.VIETNAM_OFFSET)
TEST_TODAY = TEST_NOW.date()
