"""Working through a queue of files kept on the site (text extraction,
OCR): each queued file is taken out once processed, and a long run commits
as it goes so that it keeps what it did."""

from plone.app.uuid.utils import uuidToObject
from qlvbdh_policy.timeutil import vietnam_timestamp
from zope.annotation.interfaces import IAnnotations

PENDING, DONE, FAILED = "pending", "done", "failed"  # a queued file's status


def put(queue, owner, status_key, version):
    """Mark the file of ``owner`` pending under ``status_key`` and queue
    it: two small writes, no reading of the file."""
    IAnnotations(owner)[status_key] = {"status": PENDING, "version": version,
                                       "queued": vietnam_timestamp()}
    queue[owner.UID()] = version


def drain(queue, process, limit=20, commit=None):
    """Process up to ``limit`` files of ``queue`` (UID → version) with
    ``process(owner)``; ``commit`` (e.g. transaction.commit) after each.
    Returns how many were taken from the queue."""
    done = 0
    for uid in list(queue.keys())[:limit]:
        owner = uuidToObject(uid, unrestricted=True)
        if owner is not None and getattr(owner, "file", None) is not None:
            process(owner)
        del queue[uid]
        done += 1
        if commit:
            commit()
    return done
