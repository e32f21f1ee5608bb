"""The numbers of support requests (yêu cầu hỗ trợ; Quy chế Điều 10.4: the
IT centre receives and answers the users' requests): ``HT-<year>-<NNNN>``,
four digits at least, restarting at 0001 each year like the registers'
numbers (NĐ 30/2020 Điều 15), so a request is named on the phone without
ambiguity. Pure arithmetic and text: the counter itself is stored by
``registers.numbering`` (one plain persistent counter, no merging)."""

import re

PREFIX = "HT"
WIDTH = 4
PATTERN = re.compile(rf"^{PREFIX}-(\d{{4}})-(\d{{{WIDTH},}})$")


def series(year):
    """The counter's series key for a year: a new year starts a new series."""
    return f"{PREFIX}-{int(year)}"


def format_number(year, number):
    """``HT-2026-0001``; a number past 9999 keeps all its digits."""
    if int(number) < 1:
        raise ValueError(f"a request number starts at 1, not {number}")
    return f"{PREFIX}-{int(year)}-{int(number):0{WIDTH}d}"


def parse_number(text):
    """(year, number) of ``HT-2026-0001``, or None for anything else."""
    match = PATTERN.match((text or "").strip().upper())
    if match is None:
        return None
    year, number = int(match.group(1)), int(match.group(2))
    return (year, number) if number >= 1 else None
