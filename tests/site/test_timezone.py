"""The process runs in Vietnam time: Plone formats dates in the process zone."""

import time


def test_process_time_zone_is_vietnam():
    assert time.strftime("%z") == "+0700", (
        "run the tests through `make test` (it exports TZ=Asia/Ho_Chi_Minh)"
    )
