"""Pages whose forms post an ``action`` (the accounts page, the agency
changes page). The authenticator is checked, ``act`` runs the feature
function REST runs too, and a refusal is shown in Vietnamese naming its
field while the transaction is doomed, so nothing is stored."""

from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.vietnamese import in_vietnamese

import transaction


class ActionPage(BrowserView):
    field_titles = {}  # field name → its title, to name it in a refusal

    def __call__(self):
        self.errors = []  # (field title, message)
        action = self.request.form.get("action")
        if action and self.request.method == "POST":
            refuse_forged(self.request)
            try:
                answer = self.act(action)
            except RefusedValue as refusal:
                transaction.doom()
                self.show_refusal(refusal)
            else:
                if answer is not None:
                    return answer
        return self.index()

    def act(self, action):
        """Runs ``action``; a response body to send instead of the page, or None."""
        raise NotImplementedError

    def tr(self, message):
        """The message in Vietnamese (named ``tr``, not ``_``: i18n tools read
        ``_("…")`` as a message id to extract)."""
        return in_vietnamese(message, self.request)

    def show_refusal(self, refusal):
        rows = getattr(refusal, "errors", None)
        if rows:
            self.errors = [(self.tr(self.field_titles.get(e["field"], "")), e["message"])
                           for e in rows]
        self.errors.insert(0, (self.tr(self.field_titles.get(refusal.field, "")),
                               self.tr(refusal.message())))

    def say(self, message):
        IStatusMessage(self.request).addStatusMessage(self.tr(message), "info")
