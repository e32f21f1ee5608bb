"""Pages of the comments on a draft (issue 20): the drafter's page
(``@@comments``: ask, see who answered, remind, export the summary), the
answer form (``@@comment-answer`` on the draft or on an agency's copy) and
the box below a document that leads to them. Each calls the feature
function the REST services call; a refusal is shown on the page and
nothing is stored."""

from plone import api
from plone.app.layout.viewlets import ViewletBase
from plone.namedfile.file import NamedBlobFile
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.accounts.directory import people_by_department
from qlvbdh_policy.agencies.lookups import agency_of
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.browser.routing_forms import translated
from qlvbdh_policy.consultation import mails
from qlvbdh_policy.consultation import rounds
from qlvbdh_policy.consultation import services
from qlvbdh_policy.consultation import summary
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.interfaces import IOutgoingDocument
from qlvbdh_policy.rules import comment_rounds as rules
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.vocabularies.content_vocabularies import Agencies
from urllib.parse import urlencode
from zope.i18n import translate

import transaction

MSG_ASKED = _("Comments are asked; the people and agencies asked are told.")
MSG_REMINDED = _("Reminded: ${names}.")
MSG_NONE_LATE = _("Every party has answered: nobody to remind.")
MSG_ANSWERED = _("Your answer is saved; you may change it until ${date}.")


class Page(BrowserView):
    def tr(self, msgid, **mapping):
        return translate(_(msgid, mapping=mapping), context=self.request)

    def refused(self, refusal):
        """The refusal on the page; nothing of the request is stored."""
        transaction.doom()
        self.error = translate(refusal.message(), context=self.request)
        self.error_field = refusal.field
        IStatusMessage(self.request).addStatusMessage(self.error, "error")

    def done(self, message, url):
        IStatusMessage(self.request).addStatusMessage(message, "info")
        self.request.response.redirect(url)
        return ""

    error = error_field = None
    day = staticmethod(rules.format_day)
    datetime = staticmethod(format_datetime)


class CommentsView(Page):
    """The drafter's page: the form to ask while no round is open, the
    answers of the current round and its summary table."""

    index = ViewPageTemplateFile("templates/comments.pt")

    def __call__(self):
        draft = self.context
        form = self.request.form
        if "form.buttons.ask" in form or "form.buttons.remind" in form:
            refuse_forged(self.request)
            try:
                if "form.buttons.ask" in form:
                    rounds.ask(draft, form.get("deadline", ""), _list(form, "people"),
                               _list(form, "departments"), _list(form, "agencies"),
                               form.get("message", ""))
                    return self.done(self.tr(MSG_ASKED), draft.absolute_url() + "/@@comments")
                reminded = mails.remind(draft)
                message = self.tr(MSG_REMINDED, names=", ".join(r["title"] for r in reminded)) \
                    if reminded else self.tr(MSG_NONE_LATE)
                return self.done(message, draft.absolute_url() + "/@@comments")
            except RefusedValue as refusal:
                self.refused(refusal)
        refuse_unless(rounds.can_ask(draft) or rounds.may_read_answers(draft),
                             "@@comments", rounds.CommentForbidden, rounds.MSG_NOT_READER)
        return self.index()

    def round(self):
        round_ = rounds.current(self.context)
        if round_ is None or not rounds.may_read_answers(self.context):
            return None
        info = services.round_info(self.context, round_, self.request)
        info["deadline_day"] = self.day(round_["deadline"])
        info["rows"] = [{"cells": cells, "late": party["answer"] is None}
                        for cells, party in zip(info["summary"], info["parties"])]
        return info

    def can_ask(self):
        round_ = rounds.current(self.context)
        return rounds.can_ask(self.context) and (
            round_ is None or rounds.state_of(round_) == rules.CLOSED)

    def can_remind(self):
        round_ = rounds.current(self.context)
        return (round_ is not None and rounds.can_ask(self.context)
                and rounds.state_of(round_) == rules.OPEN)

    def people_groups(self):
        agency = agency_of(self.context)
        return translated(self.request, people_by_department(agency))

    def departments(self):
        return [{"id": d.getId(), "title": d.title}
                for d in children(agency_of(self.context), "Department")]

    def agencies(self):
        """The other agencies, as the recipients of a document are chosen."""
        own = agency_of(self.context).UID()
        return [{"uid": t.value, "title": t.title} for t in Agencies(self.context)
                if t.value != own]


def _list(form, name):
    value = form.get(name) or []
    return [value] if isinstance(value, str) else list(value)


class SummaryDownload(BrowserView):
    """``@@comments-summary?format=docx|pdf``: the summary table as a file."""

    def __call__(self):
        draft = self.context
        rounds.check_reader(draft)
        round_ = rounds.current(draft)
        fmt = self.request.form.get("format")
        if round_ is None or fmt not in services.FORMATS:
            self.request.response.redirect(draft.absolute_url() + "/@@comments")
            return ""
        make, send = services.FORMATS[fmt]
        return send(self.request.response, make(draft, round_, self.request),
                    summary.filename(draft, round_, fmt))


class AnswerView(Page):
    """One party's answer: agrees, or comments (a text, a file or both);
    changed as often as wanted until the deadline."""

    index = ViewPageTemplateFile("templates/comment_answer.pt")

    def __call__(self):
        form = self.request.form
        self.draft, self.round_, self.party = rounds.answering(
            self.context, api.user.get_current(), form.get("party") or None)
        if "form.buttons.answer" in form:
            refuse_forged(self.request)
            try:
                rounds.answer(self.context, form.get("verdict"), form.get("text", ""),
                              _upload(form.get("file")), self.party["key"])
                return self.done(self.tr(MSG_ANSWERED, date=self.day(self.round_["deadline"])),
                                 self.context.absolute_url())
            except RefusedValue as refusal:
                self.refused(refusal)
        return self.index()

    def answer(self):
        return self.round_["answers"].get(self.party["key"]) or {}

    def choices(self):
        """The parties this person answers for on the draft (himself, the
        departments he heads), when there are several: one answer each."""
        if self.draft is not self.context:
            return []
        mine = rounds.parties_of(self.draft, api.user.get_current())
        return [{"key": p["key"], "title": p["title"], "current": p["key"] == self.party["key"],
                 "url": f"{self.context.absolute_url()}/@@comment-answer?"
                        + urlencode({"party": p["key"]})}
                for p in mine] if len(mine) > 1 else []

    def is_open(self):
        return rounds.state_of(self.round_) != rules.CLOSED

    def verdicts(self):
        return [{"id": v, "title": translate(rules.VERDICT_TITLES[v], context=self.request)}
                for v in rules.VERDICTS]

    def files(self):
        """The draft's file, as the party may open it (on its copy for an agency)."""
        return getattr(self.context, "file", None) is not None


def _upload(value):
    """A browser's file field (a FileUpload), or None when none was chosen."""
    if value is None or not getattr(value, "filename", None):
        return None
    return NamedBlobFile(data=value.read(), filename=value.filename,
                         contentType=value.headers.get("Content-Type", "") if value.headers
                         else "")


class CommentsViewlet(ViewletBase):
    """Below a document: the round of comments, and the way to answer."""

    index = ViewPageTemplateFile("templates/comments_viewlet.pt")

    def update(self):
        super().update()
        doc = self.context
        user = None if api.user.is_anonymous() else api.user.get_current()
        self.answer_url = None
        self.summary = None
        self.ask_url = None
        if user is None:
            return
        draft = rounds.draft_of(doc)
        if draft is not None:  # an agency's copy
            if rounds.may_answer_for_agency(doc, user):
                self.answer_url = doc.absolute_url() + "/@@comment-answer"
            return
        round_ = rounds.current(doc) if IOutgoingDocument.providedBy(doc) else None
        if round_ is not None and rounds.parties_of(doc, user) \
                and rounds.state_of(round_) != rules.CLOSED:
            self.answer_url = doc.absolute_url() + "/@@comment-answer"
        if round_ is not None and rounds.may_read_answers(doc):
            counts = rules.counts(rounds.party_keys(round_), list(round_["answers"]))
            self.summary = translate(_("${answered} of ${asked} answered; deadline ${date}",
                                       mapping={**counts,
                                                "date": rules.format_day(round_["deadline"])}),
                                     context=self.request)
        if rounds.can_ask(doc) or self.summary:
            self.ask_url = doc.absolute_url() + "/@@comments"

    def available(self):
        return bool(self.answer_url or self.ask_url)
