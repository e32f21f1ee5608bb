"""Backups of the site's data: names and retention, pure (Quy chế Điều 8.4
and 10.1: the IT centre backs up every agency's data periodically).

A *backup* is one directory of BACKUP_DIR: a full repozo backup of
``Data.fs`` with the incremental ones taken after it, and the blob tree
copied after each of them. It is named by the Vietnam time of its full
backup (``2026-11-30_21-50-58``), so that the administrator reads the names
in the office's time and the names sort in time order. Vietnam keeps UTC+7
all year (no summer time), so the offset is fixed.

Only directories named this way are ever counted or deleted: anything else
an administrator puts into BACKUP_DIR is left alone.
"""

import datetime
import re

VIETNAM = datetime.timezone(datetime.timedelta(hours=7), "ICT")
NAME_FORMAT = "%Y-%m-%d_%H-%M-%S"
NAME = re.compile(r"^\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}$")


def backup_name(moment):
    """The name of a backup whose full backup starts at ``moment`` (an
    aware datetime), in Vietnam time.

    :raises: ValueError for a naive datetime (its zone would be a guess).
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a backup is named from an aware datetime")
    return moment.astimezone(VIETNAM).strftime(NAME_FORMAT)


def is_backup_name(name):
    """True for a name ``backup_name`` makes (and a real date and time)."""
    if not NAME.match(name):
        return False
    try:
        datetime.datetime.strptime(name, NAME_FORMAT)
    except ValueError:
        return False
    return True


def backups(names):
    """The backup names among ``names``, oldest first."""
    return sorted(name for name in names if is_backup_name(name))


def latest(names):
    """The newest backup among ``names``, or None."""
    found = backups(names)
    return found[-1] if found else None


def to_delete(names, keep):
    """The backups to delete so that the ``keep`` newest remain, oldest
    first; names that are not backups are never returned.

    :raises: ValueError when ``keep`` is below 1 (deleting every backup is
        never what a retention setting means).
    """
    keep = int(keep)
    if keep < 1:
        raise ValueError(f"BACKUP_KEEP must be 1 or more, not {keep}")
    found = backups(names)
    return found[:-keep] if len(found) > keep else []


def human_size(size):
    """Bytes as an administrator reads them: ``512 B``, ``1.5 KB``,
    ``4.4 MB``, ``1.2 GB`` (powers of 1024)."""
    size = int(size)
    if size < 1024:
        return f"{size} B"
    for unit in ("KB", "MB", "GB", "TB"):
        size /= 1024
        if size < 1024 or unit == "TB":
            return f"{size:.1f} {unit}"
