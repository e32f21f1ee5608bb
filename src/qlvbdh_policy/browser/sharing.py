"""Plone's Sharing tab (@@sharing, and @@updateSharingInfo its script
calls) for this site's layer: the same page, under the agency's rules
(``qlvbdh_policy.accounts.sharing``). A posted role the rules refuse — one not
offered to this user, or one's own — is shown as a refusal naming the role
and nothing is stored; each change made is recorded with who made it.

plone.restapi's @sharing goes through ``update_role_settings`` of this view
too (its deserializer looks the view up), so its changes are recorded the
same way; its refusals are checked on the raw JSON
(``restapi.sharing``), before plone.restapi drops what is not offered."""

from plone import api
from plone.app.workflow.browser.sharing import SharingView as PloneSharingView
from plone.protect import CheckAuthenticator
from Products.statusmessages.interfaces import IStatusMessage
from qlvbdh_policy import permissions
from qlvbdh_policy.accounts import sharing

import transaction

ROLE_PREFIX = "role_"


def posted_entries(form):
    """[(principal, {role: value})] from the form's ``entries`` records:
    every ``role_<id>`` field posted, offered or not."""
    out = []
    for entry in form.get("entries", []) or []:
        principal = entry.get("id")
        if not principal:
            continue
        asked = {key[len(ROLE_PREFIX):]: value for key, value in entry.items()
                 if key.startswith(ROLE_PREFIX)}
        out.append((principal, asked))
    return out


class SharingView(PloneSharingView):
    def can_edit_inherit(self):
        """Only who may edit the object blocks inheritance: Plone's view
        offers the checkbox to all and then refuses the whole form
        (``update_inherit`` raises Unauthorized), so an agency admin could
        not save even the roles he may give."""
        return bool(api.user.has_permission(permissions.ModifyPortalContent, obj=self.context))

    def offered(self):
        return {r["id"] for r in self.roles()}

    def handle_form(self):
        form = self.request.form
        saving = (form.get("form.submitted", False)
                  and form.get("form.button.Save", None) is not None
                  and form.get("form.button.Cancel", None) is None
                  and self.request.get("REQUEST_METHOD", "GET") == "POST")
        if saving:
            CheckAuthenticator(self.request)
            try:
                sharing.check(self.context, self.offered(), posted_entries(form))
            except sharing.SharingRefused as refusal:
                transaction.doom()
                messages = IStatusMessage(self.request)
                for error in refusal.errors:
                    messages.addStatusMessage(error["message"], type="error")
                return True
        return super().handle_form()

    def update_role_settings(self, new_settings, reindex=True):
        principals = [s["id"] for s in new_settings]
        before = {p: set(self.context.get_local_roles_for_userid(p)) for p in principals}
        # one's own roles are refused here too, whoever calls
        sharing.check(self.context, self.offered(),
                      [(s["id"], {r: True for r in s["roles"]}) for s in new_settings])
        changed = super().update_role_settings(new_settings, reindex=reindex)
        if changed:
            after = {p: set(self.context.get_local_roles_for_userid(p)) for p in principals}
            sharing.record(self.context, before, after)
        return changed

    def update_inherit(self, status=True, reindex=True):
        changed = super().update_inherit(status=status, reindex=reindex)
        if changed:
            sharing.record_inherit(self.context, bool(status))
        return changed
