"""REST services of the comments on a draft (issue 20). Each calls the
feature function the browser pages call; refusals answer the project's
envelope (400 naming the field, 403, 409 past the deadline).

POST <draft>/@comment-requests  {deadline, people, departments, agencies, message} → 201
GET  <draft>/@comments          the round: who answered, who has not, the summary rows
GET  <draft>/@comments?format=docx|pdf   the summary table (bảng tổng hợp ý kiến)
POST <draft or copy>/@comments  {verdict: agree|comments, text, file, party}
POST <draft>/@comment-reminders the parties that have not answered, reminded by mail
"""

from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from qlvbdh_policy import _
from qlvbdh_policy.consultation import mails
from qlvbdh_policy.consultation import rounds
from qlvbdh_policy.consultation import summary
from qlvbdh_policy.exports import docx_table
from qlvbdh_policy.exports import report_pdf
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.restapi.params import ParameterRefused
from qlvbdh_policy.rules import comment_rounds as rules
from qlvbdh_policy.rules.request_body import TEXT
from qlvbdh_policy.rules.request_body import TEXTS
from zope.i18n import translate
from zope.interface import alsoProvides

import base64
import binascii

MSG_BAD_FORMAT = _("The parameter “format” takes docx or pdf, not “${value}”.")
MSG_BAD_FILE = _("The file must be an object {data, encoding: base64, filename, content-type}.")
FORMATS = {"docx": (summary.docx, docx_table.send), "pdf": (summary.pdf, report_pdf.send)}


def _iso(value):
    return value.isoformat() if value is not None else None


def answer_info(answer, request):
    if answer is None:
        return None
    return {"verdict": answer["verdict"],
            "verdict_title": translate(rules.VERDICT_TITLES[answer["verdict"]], context=request),
            "text": answer["text"], "filename": answer["filename"] or None,
            "when": _iso(answer["when"]), "by": answer["by"], "by_name": answer["by_name"],
            "changes": answer["changes"]}


def party_info(party, round_, request):
    copy = rounds.copy_of(party)
    return {"key": party["key"], "kind": party["kind"], "title": party["title"],
            "copy": copy.absolute_url() if copy is not None else None,
            "answer": answer_info(round_["answers"].get(party["key"]), request)}


def round_info(draft, round_, request, parties=None):
    state = rounds.state_of(round_)
    info = {
        "@id": draft.absolute_url() + "/@comments",
        "draft": draft.absolute_url(),
        "round": round_["number"],
        "state": state, "state_title": translate(rules.STATE_TITLES[state], context=request),
        "deadline": round_["deadline"].isoformat(),
        "asked_by": round_["asked_by"], "asked_by_name": round_["asked_by_name"],
        "asked_on": _iso(round_["asked_on"]), "message": round_["message"],
        "reminders": [_iso(r) for r in round_["reminders"]],
        "parties": [party_info(p, round_, request) for p in (parties or round_["parties"])],
    }
    if parties is None:  # the drafter's view: who has not answered, the table
        info["late"] = [p["key"] for p in rounds.late_parties(round_)]
        info["counts"] = rules.counts(rounds.party_keys(round_), list(round_["answers"]))
        info["summary"] = summary.rows(round_, request)
    return info


class CommentRequestsPost(Service):
    fields = {"deadline": TEXT, "people": TEXTS, "departments": TEXTS, "agencies": TEXTS,
              "message": TEXT}

    def reply(self):
        # JSON writes are guarded by restapi.forgery, as plone.restapi's own
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, self.fields)
        round_ = rounds.ask(self.context, data.get("deadline"), data.get("people") or (),
                            data.get("departments") or (), data.get("agencies") or (),
                            data.get("message") or "")
        self.request.response.setStatus(201)
        return round_info(self.context, round_, self.request)


class CommentsGet(Service):
    """The drafter's view (or the summary file); an asked party sees its own."""

    def render(self):
        """The summary file itself (plone.restapi's render writes JSON)."""
        fmt = self.request.form.get("format")
        if fmt is not None and fmt not in FORMATS:
            raise ParameterRefused(MSG_BAD_FORMAT, {"value": str(fmt)[:40]}, "format")
        if fmt:
            round_ = self.drafter_round()
            make, send = FORMATS[fmt]
            return send(self.request.response, make(self.context, round_, self.request),
                        summary.filename(self.context, round_, fmt))
        return super().render()

    def drafter_round(self):
        rounds.check_reader(self.context)
        round_ = rounds.current(self.context)
        if round_ is None:
            raise rounds.CommentClosed(rounds.MSG_NO_ROUND, {}, None)
        return round_

    def reply(self):
        doc = self.context
        if rounds.draft_of(doc) is None and rounds.may_read_answers(doc):
            return round_info(doc, self.drafter_round(), self.request)
        draft, round_, party = rounds.answering(doc, api.user.get_current())
        return round_info(draft, round_, self.request, parties=[party])


def uploaded(value):
    """A file of the JSON body as plone.restapi sends one, or None."""
    if value in (None, ""):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("data"), str):
        raise rounds.CommentRefused(MSG_BAD_FILE, {}, "file")
    try:
        data = base64.b64decode(value["data"], validate=True)
    except (binascii.Error, ValueError):
        raise rounds.CommentRefused(MSG_BAD_FILE, {}, "file") from None
    return NamedBlobFile(data=data, filename=str(value.get("filename") or "y-kien"),
                         contentType=str(value.get("content-type") or ""))


class CommentsPost(Service):
    fields = {"verdict": TEXT, "text": TEXT, "party": TEXT}

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, self.fields)
        rounds.answer(self.context, data.get("verdict"), data.get("text") or "",
                      uploaded(data.get("file")), data.get("party"))
        draft, round_, party = rounds.answering(self.context, api.user.get_current(),
                                                data.get("party"))
        return round_info(draft, round_, self.request, parties=[party])


class CommentRemindersPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        json_object(self.request, {})
        reminded = mails.remind(self.context)
        return {"reminded": reminded}
