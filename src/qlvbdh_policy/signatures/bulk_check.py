"""Checking the signatures of many documents at once: ``make
verify-signatures`` (console/verify_signatures.py), from cron each night
and by hand after the trust roots change (NĐ 30/2020 Điều 4; Phụ lục VI
II.8 "kiểm tra, xác thực chữ ký số").

A document is checked when it needs it (``checking.needs_check``): never
checked though it has PDF files (documents stored before the check
existed: the upgrade does not check them, a file is read in a process of
its own and a province's archive takes hours), a file a limit of the
checking process stopped, or — after a trust root was installed or
removed — signatures checked against other roots. Documents go in
batches, each committed, oldest first, so a run cut short keeps what it
did and the next run goes on where it stopped: a second run finds
nothing to do (idempotent). ``--all`` checks every document again.
"""

from DateTime import DateTime
from qlvbdh_policy import _
from qlvbdh_policy.interfaces import IOfficialDocument
from qlvbdh_policy.rules import signatures as rules
from qlvbdh_policy.signatures import checking
from qlvbdh_policy.signatures import trust_roots
from qlvbdh_policy.timeutil import VIETNAM

import datetime
import logging

logger = logging.getLogger(__name__)
BATCH = 20

MSG_ROOTS_CHANGED = _(
    "${count} documents carry digital signatures checked against the trust roots installed "
    "before: they are checked again against the roots installed now by the command "
    "make verify-signatures (the nightly cron job), or at once with “Check again” on a document.")


def _catalog_query(agency=None, since=None):
    query = {"object_provides": IOfficialDocument.__identifier__,
             "sort_on": "created", "sort_order": "ascending"}
    if agency is not None:
        query["path"] = "/".join(agency.getPhysicalPath())
    if since is not None:
        start = datetime.datetime.combine(since, datetime.time(), tzinfo=VIETNAM)
        query["created"] = {"query": DateTime(start.isoformat()), "range": "min"}
    return query


def candidates(site, agency=None, since=None, only_unchecked=False, everything=False):
    """The brains of the documents that may need a check, oldest first. The
    catalog's ``signature_status`` leaves out, before any document is
    woken, those that cannot need one: without signatures (``unsigned``,
    unless ``everything``), or already checked when ``only_unchecked``
    (only a never-checked or a stopped file — ``broken`` — is left)."""
    catalog = site.portal_catalog
    for brain in catalog.unrestrictedSearchResults(**_catalog_query(agency, since)):
        status = brain.signature_status
        if everything:
            yield brain
        elif only_unchecked and status not in (None, rules.BROKEN):
            continue
        elif status != rules.UNSIGNED or only_unchecked:
            yield brain


def run(site, agency=None, since=None, only_unchecked=False, everything=False,
        batch=BATCH, commit=None, report=None):
    """Check the documents that need it; ``commit`` (transaction.commit)
    after each ``batch`` of checked documents and at the end. Returns
    {"checked", "unchecked", "stale", "skipped", "statuses": {class: count}}."""
    digest = trust_roots.digest()
    done = {"checked": 0, "unchecked": 0, "stale": 0, "skipped": 0, "statuses": {}}
    pending = 0
    for brain in candidates(site, agency, since, only_unchecked, everything):
        doc = brain._unrestrictedGetObject()
        why = "all" if everything else checking.needs_check(doc, digest,
                                                            stale_too=not only_unchecked)
        if why is None:
            done["skipped"] += 1
            continue
        result = checking.check(doc, force=everything, retry=True)
        done["checked"] += 1
        if why in ("unchecked", "stale"):
            done[why] += 1
        done["statuses"][result["status"]] = done["statuses"].get(result["status"], 0) + 1
        if report is not None:
            report(doc, why, result["status"])
        pending += 1
        if commit is not None and pending >= batch:
            commit()
            pending = 0
    if commit is not None and pending:
        commit()
    return done


def signed_count(site):
    """How many documents carry signatures whose check depends on the
    trust roots (from the catalog, no document woken): what a change of
    the roots makes stale."""
    catalog = site.portal_catalog
    return sum(1 for brain in catalog.unrestrictedSearchResults(**_catalog_query())
               if brain.signature_status in rules.SEVERITY)


def roots_changed_message(site):
    """The message the trust roots page shows after a root is installed
    or removed; None when no document carries a signature."""
    count = signed_count(site)
    return _(MSG_ROOTS_CHANGED, mapping={"count": count}) if count else None
