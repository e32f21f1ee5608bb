"""``@@external-organisations`` (Site Setup → Cơ quan, tổ chức bên ngoài):
site managers list, add, change and remove the external organisations of
the directory and import them from a CSV sheet. Everything is
``exchange.directory``'s; REST ``@external-organisations`` does the same."""

from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.exchange import directory
from zope.i18n import translate

import transaction

MSG_SAVED = _("The organisation ${name} (${code}) is saved.")
MSG_REMOVED = _("The organisation ${code} is removed from the directory.")
MSG_IMPORTED = _("Imported: ${added} organisation(s) added, ${updated} updated.")
MSG_NO_FILE = _("Choose the CSV file to import.")


class DirectoryView(BrowserView):
    index = ViewPageTemplateFile("templates/directory.pt")

    def __call__(self):
        self.errors = []  # (label, message)
        self.edited = {}
        action = self.request.form.get("action")
        if action in ("save", "remove", "import"):
            refuse_forged(self.request)
            try:
                getattr(self, "_" + action)()
            except directory.DirectoryRefused as refusal:
                transaction.doom()
                self._refused(refusal)
        return self.index()

    def _tr(self, message):
        return translate(message, context=self.request)

    def _refused(self, refusal):
        self.edited = {f: self.request.form.get(f, "") for f in directory.FIELDS}
        self.edited["replaces"] = self.request.form.get("replaces", "")
        for error in refusal.errors or [{"field": refusal.field,
                                         "message": self._tr(refusal.message())}]:
            title = directory.TITLES.get(error.get("field"))
            label = "" if error.get("row") or title is None else self._tr(title)
            self.errors.append((label, error["message"]))
        if refusal.errors:
            self.errors.insert(0, ("", self._tr(refusal.message())))

    def _say(self, msgid, **mapping):
        IStatusMessage(self.request).addStatusMessage(
            self._tr(_(msgid, mapping=mapping)), "info")

    def _save(self):
        form = self.request.form
        entry = directory.save(form.get("code"), form.get("name"), form.get("address"),
                               form.get("email"), replaces=form.get("replaces") or None)
        self._say(MSG_SAVED, name=entry["name"], code=entry["code"])

    def _remove(self):
        directory.remove(self.request.form.get("code"))
        self._say(MSG_REMOVED, code=self.request.form.get("code"))

    def _import(self):
        upload = self.request.form.get("file")
        data = upload.read() if hasattr(upload, "read") else b""
        if not data:
            raise directory.DirectoryRefused(MSG_NO_FILE, {}, "file")
        result = directory.import_sheet(getattr(upload, "filename", "") or "", data)
        self._say(MSG_IMPORTED, **result)

    def items(self):
        return directory.organisations()

    def editing(self):
        """The entry in the form: what was refused, or the one asked for
        by ``?edit=<code>``, or nothing (a new one)."""
        if self.edited:
            return self.edited
        code = self.request.form.get("edit")
        entry = directory.organisation(code) if code else None
        return dict(entry, replaces=entry["code"]) if entry else {}
