"""Backup names and retention (rules/backups.py), table by table."""

from qlvbdh_policy.rules import backups

import datetime
import pytest

UTC = datetime.timezone.utc


@pytest.mark.parametrize("moment,name", [
    # Vietnam time is UTC+7: 14:50 UTC is 21:50 in the office
    (datetime.datetime(2026, 11, 30, 14, 50, 58, tzinfo=UTC), "2026-11-30_21-50-58"),
    # after 17:00 UTC it is already the next day in Vietnam
    (datetime.datetime(2026, 12, 31, 17, 0, 0, tzinfo=UTC), "2027-01-01_00-00-00"),
    # a moment given in Vietnam time keeps its clock
    (datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=backups.VIETNAM), "2026-01-02_03-04-05"),
    # no summer time: July is UTC+7 too
    (datetime.datetime(2026, 7, 1, 0, 0, 0, tzinfo=UTC), "2026-07-01_07-00-00"),
])
def test_named_by_vietnam_time(moment, name):
    assert backups.backup_name(moment) == name
    assert backups.is_backup_name(name)


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError):
        backups.backup_name(datetime.datetime(2026, 11, 30, 14, 50))


@pytest.mark.parametrize("name,ok", [
    ("2026-11-30_21-50-58", True),
    ("2026-02-30_21-50-58", False),   # no such day
    ("2026-11-30_25-50-58", False),   # no such hour
    ("2026-11-30", False),
    ("2026-11-30_21-50-58.old", False),
    ("lost+found", False),
    (".lock", False),
])
def test_what_counts_as_a_backup(name, ok):
    assert backups.is_backup_name(name) is ok


A, B, C, D = ("2026-11-27_01-00-00", "2026-11-28_01-00-00",
              "2026-11-29_01-00-00", "2026-11-30_01-00-00")


@pytest.mark.parametrize("names,keep,deleted", [
    ([], 7, []),
    ([A, B, C], 7, []),
    ([A, B, C], 3, []),
    ([A, B, C, D], 3, [A]),
    # order on disk does not matter: the oldest go
    ([D, B, A, C], 2, [A, B]),
    ([D, B, A, C], 1, [A, B, C]),
    # what the administrator put beside them is never deleted
    ([A, "notes.txt", "2026-11-29", B, ".lock", C], 1, [A, B]),
    (["old", "older"], 1, []),
    # a string from make's command line
    ([A, B, C], "2", [A]),
])
def test_which_old_backups_go(names, keep, deleted):
    assert backups.to_delete(names, keep) == deleted


@pytest.mark.parametrize("keep", [0, -1, "0"])
def test_keeping_none_is_refused(keep):
    with pytest.raises(ValueError, match="BACKUP_KEEP"):
        backups.to_delete(["2026-11-27_01-00-00"], keep)


def test_latest():
    assert backups.latest([B, "zzz", A, D, C]) == D
    assert backups.latest(["zzz"]) is None


@pytest.mark.parametrize("size,text", [
    (0, "0 B"), (1023, "1023 B"), (1024, "1.0 KB"), (1536, "1.5 KB"),
    (4_613_734, "4.4 MB"), (445 * 1024 ** 3, "445.0 GB"), (3 * 1024 ** 5, "3072.0 TB"),
])
def test_human_size(size, text):
    assert backups.human_size(size) == text
