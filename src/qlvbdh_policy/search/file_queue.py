"""Working through a queue of files kept on the site (text extraction,
OCR): each queued file is taken out once processed, and a long run commits
as it goes so that it keeps what it did."""

from plone.app.uuid.utils import uuidToObject


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
