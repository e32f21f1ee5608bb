"""Nộp lưu: a closed case file handed over to the agency's archive (Lưu
trữ cơ quan), which accepts it or returns it with a reason (NĐ 30/2020
Điều 30.3.b; the rules are in ``rules/hand_over.py``).

- The person responsible hands a closed case file over (``hand_over``):
  it waits for the archive, read only (state ``handed_over``).
- The agency's archivist (role Archivist, group ``<abbr>-archivists``)
  accepts it (``accept``): it belongs to the archive from then on, read by
  the archivist, the leaders, site managers and the person responsible,
  changed by nobody; or returns it with a reason (``return_hand_over``):
  it is closed again, the reason kept in its history (``returns``).
- From the hand-over on, the archivists read its documents too, to check
  it and to serve it (``archive_access``, on every transition).
- The archive publishes the case files due in a year (``due_list``);
  the people responsible hear of theirs 30 days before the deadline
  (``send_notices``, run daily by ``scripts/hand_over_notices.py``).
- A case file of a dissolved or merged agency is part of its read-only
  archive: no step is taken on it.

The browser form and the REST services call these functions.

:raises: ``CaseFileRefused`` (400) for a missing reason,
    ``CaseFileForbidden`` (403) for someone who may not take the step or
    read the list, ``CaseFileFrozen`` (409) for a case file in another
    state; ``AgencyDissolved`` (400) in an archived agency.
"""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.agencies.abbreviations import archived_on
from qlvbdh_policy.agencies.dissolution import refuse_changes_in_archive
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import user_ids_in
from qlvbdh_policy.agencies.vhosting import public_url_of
from qlvbdh_policy.casefiles import plans
from qlvbdh_policy.casefiles.filing import CaseFileForbidden
from qlvbdh_policy.casefiles.filing import CaseFileFrozen
from qlvbdh_policy.casefiles.filing import CaseFileRefused
from qlvbdh_policy.casefiles.filing import STEP_KEY
from qlvbdh_policy.content.validation import plain
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.content.validation import StepRefused
from qlvbdh_policy.routing import notifications
from qlvbdh_policy.rules import case_files as R
from qlvbdh_policy.rules import hand_over as H
from qlvbdh_policy.rules.group_names import archivists_group_id
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import VIETNAM
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese

WORKFLOW = "qlvbdh_case_file_workflow"
HAND_OVER, ACCEPT, RETURN = "hand_over", "accept_hand_over", "return_hand_over"
STEPS = (HAND_OVER, ACCEPT, RETURN)
CLOSED, HANDED_OVER, ACCEPTED = "closed", "handed_over", "accepted"
#: the states a case file due for hand-over is listed in
LISTED_STATES = (CLOSED, HANDED_OVER, ACCEPTED)
#: the states whose case files went to the archive (the hand-over record)
GIVEN_STATES = (HANDED_OVER, ACCEPTED)

MSG_NOT_CLOSED = _(
    "The case file “${title}” is ${state}: only a closed case file is handed over to the "
    "archive (${rule})."
)
MSG_NOT_HANDED_OVER = _(
    "The case file “${title}” is ${state}: the archive accepts or returns only a case file "
    "handed over to it."
)
MSG_MAY_NOT_HAND_OVER = _(
    "Only the person responsible for the case file “${title}” hands it over to the archive."
)
MSG_MAY_NOT_ACCEPT = _("Only the agency's archivist accepts or returns the case file “${title}”.")
MSG_USE_SERVICE = _(
    "Handing over, accepting and returning a case file record who and when: use its form or "
    "the REST services @hand-over, @accept-hand-over and @return-hand-over."
)
MSG_LIST_REFUSED = _(
    "Only the people of ${agency} read its list of case files due for hand-over."
)
MSG_NOTICE_SUBJECT = _("Case file due for hand-over on ${deadline}: ${code} ${title}")
MSG_NOTICE_BODY = _(
    "The case file “${title}” (${code}), closed on ${closed}, is due to be handed over to the "
    "agency's archive by ${deadline} (${rule})."
)
MSG_NOTICE_HOW = _("Hand it over from its page: ${url}")


def _vi(msgid, **mapping):
    return in_vietnamese(_(msgid, mapping=mapping))


def state_title(case_file):
    """The state's title in Vietnamese (the workflow's, as site managers
    may have renamed it)."""
    state = api.content.get_state(case_file, default=None)
    title = api.portal.get_tool("portal_workflow").getTitleForStateOnType(state, "CaseFile")
    return in_vietnamese(_(title or state or ""))


def _check_state(case_file, wanted, msgid):
    if api.content.get_state(case_file, default=None) != wanted:
        raise CaseFileFrozen(msgid, {"title": case_file.Title(), "state": state_title(case_file),
                                     "rule": H.RULE_HAND_OVER}, "transition", H.RULE_HAND_OVER)


def _check_allowed(case_file, permission, msgid):
    if not api.user.has_permission(permission, obj=case_file):
        raise CaseFileForbidden(msgid, {"title": case_file.Title()}, "transition")


def _take(case_file, transition, comment=""):
    api.portal.get_tool("portal_workflow").doActionFor(
        case_file, transition, comment=comment, **{STEP_KEY: transition})
    case_file.reindexObject()
    return case_file


def hand_over(case_file):
    """Nộp lưu (Điều 30.3.b): the person responsible gives the closed case
    file to the archive; it waits there, read only."""
    refuse_changes_in_archive(case_file, None)
    _check_state(case_file, CLOSED, MSG_NOT_CLOSED)
    _check_allowed(case_file, permissions.HandOverCaseFile, MSG_MAY_NOT_HAND_OVER)
    case_file.handed_over_on = vietnam_today()
    case_file.handed_over_by = api.user.get_current().getId()
    return _take(case_file, HAND_OVER)


def accept(case_file):
    """The archive receives the case file (``accepted``): its own from now
    on; the retention runs from the year after closing."""
    refuse_changes_in_archive(case_file, None)
    _check_state(case_file, HANDED_OVER, MSG_NOT_HANDED_OVER)
    _check_allowed(case_file, permissions.AcceptCaseFile, MSG_MAY_NOT_ACCEPT)
    case_file.accepted_on = vietnam_today()
    case_file.accepted_by = api.user.get_current().getId()
    return _take(case_file, ACCEPT)


def return_hand_over(case_file, reason):
    """Trả lại: back to the person responsible, closed, with the reason
    (kept in the workflow history, shown on the case file)."""
    refuse_changes_in_archive(case_file, None)
    _check_state(case_file, HANDED_OVER, MSG_NOT_HANDED_OVER)
    _check_allowed(case_file, permissions.AcceptCaseFile, MSG_MAY_NOT_ACCEPT)
    reason = plain(reason if isinstance(reason, str) else "", "reason", _("Reason"),
                   multi=True, refused=CaseFileRefused)
    refusal = H.refuse_reason(reason)
    if refusal:
        raise CaseFileRefused(refusal.msgid, refusal.mapping, refusal.field, refusal.rule)
    case_file.handed_over_on = case_file.handed_over_by = None
    return _take(case_file, RETURN, comment=reason.strip())


def on_before_transition(case_file, event):
    """A bare ``@workflow/hand_over`` (or the state menu's link) would skip
    who and when, and a return its reason."""
    transition = event.transition.id if event.transition is not None else None
    if transition in STEPS:
        refuse_changes_in_archive(case_file, None)
        if (event.kwargs or {}).get(STEP_KEY) != transition:
            raise StepRefused(MSG_USE_SERVICE, {}, "transition")


# -- what the case file shows ----------------------------------------------------


def _history(case_file):
    return (getattr(case_file, "workflow_history", None) or {}).get(WORKFLOW, ())


def _fullname(userid):
    user = api.user.get(userid=userid) if userid else None
    return (user.getProperty("fullname") or userid) if user is not None else (userid or "")


def returns(case_file):
    """[{date, by, by_name, reason}] of each return, oldest first."""
    out = []
    for entry in _history(case_file):
        if entry.get("action") == RETURN:
            when = entry.get("time")
            out.append({"date": when.asdatetime().astimezone(VIETNAM).date() if when else None,
                        "by": entry.get("actor"), "by_name": _fullname(entry.get("actor")),
                        "reason": entry.get("comments") or ""})
    return out


def hand_over_info(case_file):
    """The hand-over data of a case file (REST, its page)."""
    closed = getattr(case_file, "closed", None)
    return {
        "review_state": api.content.get_state(case_file, default=None),
        "state_title": state_title(case_file),
        "deadline": H.hand_over_deadline(closed),
        "retention_from": R.retention_start_year(closed) if closed else None,
        "retention_end": R.retention_end(closed, case_file.retention) if closed else None,
        "handed_over_on": getattr(case_file, "handed_over_on", None),
        "handed_over_by": getattr(case_file, "handed_over_by", None),
        "accepted_on": getattr(case_file, "accepted_on", None),
        "accepted_by": getattr(case_file, "accepted_by", None),
        "notified_on": getattr(case_file, "hand_over_notified", None),
        "returns": returns(case_file),
    }


# -- the list of case files due (published by the archive) ------------------------


MSG_BAD_FORMAT = _("“${value}” is not a format of the hand-over record: pdf or xlsx.")
FORMATS = ("json", "pdf", "xlsx")


def read_format(form):
    """``format``: none (JSON), ``pdf`` or ``xlsx``; else 400 naming it."""
    value = form.get("format")
    text = value.strip() if isinstance(value, str) else ""
    if (text or "json") not in FORMATS:
        raise CaseFileRefused(MSG_BAD_FORMAT, {"value": text[:20]}, "format")
    return text or "json"


def read_list_year(form):
    """``year`` (the file plans' years); this year when left out."""
    value = form.get("year")
    return plans.read_year(value) if value not in (None, "") else vietnam_today().year


def archivist_names(agency):
    """The full names of the agency's archivists (the record's receiving side)."""
    ids = sorted(user_ids_in([archivists_group_id(agency.getId())]))
    return [_fullname(userid) for userid in ids if api.user.get(userid=userid) is not None]


def check_may_read_list(agency):
    refuse_unless(api.user.has_permission(permissions.ViewHandOverList, obj=agency),
                  "@hand-over", CaseFileForbidden, MSG_LIST_REFUSED, {"agency": agency.title},
                  "agency")


def _own_case_files(agency, states):
    """The agency's own case files in ``states`` (not those of an agency
    merged into it, which are its archive's as they were)."""
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="CaseFile", review_state=list(states),
        path="/".join(agency.getPhysicalPath()))
    for brain in brains:
        case_file = brain._unrestrictedGetObject()
        if agency_of(case_file).UID() == agency.UID():
            yield case_file


def row(case_file, today=None):
    agency = agency_of(case_file)
    closed = case_file.closed
    deadline = H.hand_over_deadline(closed)
    state = api.content.get_state(case_file, default=None)
    return {
        "@id": case_file.absolute_url(), "UID": case_file.UID(), "code": case_file.code,
        "title": case_file.title,
        "file_code": R.file_code(getattr(agency, "agency_code", None),
                                 (case_file.opened or closed).year, case_file.code),
        "responsible": case_file.responsible,
        "responsible_name": _fullname(case_file.responsible),
        "opened": case_file.opened, "closed": closed, "deadline": deadline,
        "retention": case_file.retention,
        "retention_end": R.retention_end(closed, case_file.retention),
        "page_count": case_file.page_count, "documents": len(case_file.documents or ()),
        "review_state": state, "state_title": state_title(case_file),
        "overdue": state == CLOSED and H.overdue(closed, today or vietnam_today()),
        "handed_over_on": getattr(case_file, "handed_over_on", None),
        "accepted_on": getattr(case_file, "accepted_on", None),
        "notes": case_file.notes or "",
    }


def due_list(agency, year, today=None):
    """The case files of ``agency`` due for hand-over in ``year`` (their
    deadline falls in it), in order of deadline and notation, whatever
    their state since closing: waiting, handed over or accepted."""
    rows = [row(case_file, today) for case_file in _own_case_files(agency, LISTED_STATES)
            if H.due_in(case_file.closed, year)]
    rows.sort(key=lambda r: (r["deadline"], r["code"] or "", r["title"] or ""))
    return rows


def given(rows):
    """The rows of the hand-over record: the case files given over."""
    return [r for r in rows if r["review_state"] in GIVEN_STATES]


# -- the notice, 30 days before (III.5.b) ----------------------------------------


def _notice(case_file, email):
    mapping = {"title": case_file.title, "code": case_file.code or "",
               "closed": format_date(case_file.closed),
               "deadline": format_date(H.hand_over_deadline(case_file.closed)),
               "rule": H.RULE_NOTICE}
    notifications.send(email, _vi(MSG_NOTICE_SUBJECT, **mapping), "\n".join([
        _vi(MSG_NOTICE_BODY, **mapping), "",
        _vi(MSG_NOTICE_HOW, url=public_url_of(case_file))]))


def send_notices(today=None):
    """One mail to the person responsible for each closed case file whose
    notice day has come, once per case file; none without the site's
    sender (nothing is marked sent then). Returns {case file UID: userid}."""
    today = today or vietnam_today()
    if not notifications.sender_address():
        return {}
    brains = api.portal.get_tool("portal_catalog").unrestrictedSearchResults(
        portal_type="CaseFile", review_state=[CLOSED])
    sent = {}
    for brain in brains:
        case_file = brain._unrestrictedGetObject()
        agency = agency_of(case_file)
        if agency is None or archived_on(agency) is not None:
            continue
        if not H.notice_due(case_file.closed, today,
                            bool(getattr(case_file, "hand_over_notified", None))):
            continue
        emails = notifications.user_emails(case_file.responsible) if case_file.responsible \
            else {}
        for email in emails.values():
            _notice(case_file, email)
        case_file.hand_over_notified = today
        sent[case_file.UID()] = case_file.responsible
    return sent
