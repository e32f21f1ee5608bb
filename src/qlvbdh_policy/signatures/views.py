"""Pages of the signatures: the check on the document's page with its
"Kiểm tra lại" button, the trust roots in Site Setup (``@@trust-roots``:
upload, list, remove), the agency's signing key and seal
(``@@agency-signing``). Each calls the feature modules; forms that write
check the authenticator first (``refuse_forged``)."""

from plone.app.layout.viewlets import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import _
from qlvbdh_policy.browser.forgery import refuse_forged
from qlvbdh_policy.rules.signatures import UNSIGNED
from qlvbdh_policy.signatures import agency_signing
from qlvbdh_policy.signatures import bulk_check
from qlvbdh_policy.signatures import checking
from qlvbdh_policy.signatures import trust_roots
from qlvbdh_policy.signatures.presentation import described
from qlvbdh_policy.signatures.presentation import format_moment
from qlvbdh_policy.vietnamese import in_vietnamese

MSG_RECHECKED = _("The digital signatures were checked again.")
MSG_ROOT_ADDED = _("Trust root installed: ${subject}.")
MSG_ROOT_REMOVED = _("Trust root removed.")
MSG_SIGNING_SAVED = _("The agency's signing settings were saved.")
MSG_SEAL_NOT_PNG = _("The seal image must be a PNG file (transparent background).")


def _say(request, message, kind="info"):
    IStatusMessage(request).addStatusMessage(in_vietnamese(message, request), kind)


def _upload(request, name):
    upload = request.form.get(name)
    if upload is None or not hasattr(upload, "read"):
        return b"", ""
    return upload.read(), getattr(upload, "filename", "") or ""


class SignaturesViewlet(ViewletBase):
    """The check on the document's page: the document's class, then each
    PDF and its signatures (signer, organisation, time, class)."""

    index = ViewPageTemplateFile("templates/signatures_viewlet.pt")

    def update(self):
        self.info = described(self.context, self.request)
        self.action = f"{self.context.absolute_url()}/@@recheck-signatures"

    def render(self):
        status = self.info["status"]
        if status == UNSIGNED or (status is None and not checking.pdf_files(self.context)):
            return ""  # no signature, or no PDF never checked: nothing to say
        return self.index()


class RecheckView(BrowserView):
    """POST with the authenticator: "Kiểm tra lại", then back to the page."""

    def __call__(self):
        refuse_forged(self.request)
        checking.recheck(self.context)
        _say(self.request, MSG_RECHECKED)
        return self.request.response.redirect(self.context.absolute_url())


class TrustRootsView(BrowserView):
    index = ViewPageTemplateFile("templates/trust_roots.pt")

    def __call__(self):
        self.errors = []
        if self.request.get("REQUEST_METHOD", "GET") == "POST":
            refuse_forged(self.request)
            try:
                self.apply()
            except trust_roots.TrustRootRefused as refusal:
                self.errors.append(in_vietnamese(refusal.message(), self.request))
        return self.index()

    def apply(self):
        before = trust_roots.digest()
        remove = self.request.form.get("remove")
        if remove:
            trust_roots.remove(remove)
            _say(self.request, MSG_ROOT_REMOVED)
        else:
            data, filename = _upload(self.request, "certificate")
            entry = trust_roots.add(data, filename)
            _say(self.request, _(MSG_ROOT_ADDED, mapping={"subject": entry["subject"]}))
        if trust_roots.digest() != before:
            message = bulk_check.roots_changed_message(self.context)
            if message:
                _say(self.request, message, "warning")

    def roots(self):
        return [dict(e, valid_until_text=format_moment(e["valid_until"]),
                     added_text=format_moment(e["added"])) for e in trust_roots.listing()]


class AgencySigningView(BrowserView):
    """The agency's key (the path of its PKCS#12 file on the server) and
    seal image; the password is named here, never asked."""

    index = ViewPageTemplateFile("templates/agency_signing.pt")
    variable = agency_signing.PASSWORDS_VARIABLE

    def __call__(self):
        self.errors = []
        if self.request.get("REQUEST_METHOD", "GET") == "POST":
            refuse_forged(self.request)
            self.apply()
        self.settings = agency_signing.settings(self.context)
        return self.index()

    def apply(self):
        seal, filename = _upload(self.request, "seal")
        if seal and not seal.startswith(b"\x89PNG"):
            self.errors.append(in_vietnamese(MSG_SEAL_NOT_PNG, self.request))
            return
        agency_signing.configure(self.context, key_path=self.request.form.get("key_path", ""),
                                 seal=seal or None, seal_filename=filename)
        _say(self.request, MSG_SIGNING_SAVED)

    def password_set(self):
        return agency_signing.password_of(self.context.getId()) is not None
