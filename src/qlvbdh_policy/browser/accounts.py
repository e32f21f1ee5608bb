"""The agency admin's page of accounts (@@accounts on an agency): the
list with role, department, state and last login; create one account;
import a sheet (the answer is the result sheet with the one-time
passwords); per account change role/department, disable/re-enable, new
one-time password, unlock, move. Each action calls ``accounts.management``
as REST does; a refusal is shown in Vietnamese naming the field and the
transaction is doomed, so nothing is stored."""

from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from qlvbdh_policy import _
from qlvbdh_policy.accounts import directory
from qlvbdh_policy.accounts import importing
from qlvbdh_policy.accounts import management
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.browser.action_pages import ActionPage
from qlvbdh_policy.exports.xlsx import send
from qlvbdh_policy.exports.xlsx import sheet_xlsx
from qlvbdh_policy.rules import account_groups
from qlvbdh_policy.timeutil import format_datetime
from qlvbdh_policy.timeutil import vietnam_timestamp

FIELD_TITLES = {
    "full_name": _("Full name"), "birth_year": _("Birth year"), "email": _("E-mail"),
    "kind": _("Role"), "department": _("Department"), "username": _("Account name"),
    "agency": _("Agency"), "userid": _("Account name"), "file": _("File"),
}
# the password itself only on the page: status messages travel in a cookie
MSG_CREATED = _("Account ${login} created. Give ${name} the one-time password below; it "
                "must be changed at the first login.")
MSG_RESET = _("New one-time password of ${login} below; it must be changed at the next "
              "login.")
MSG_SAVED = _("Saved.")


class AccountsView(ActionPage):
    index = ViewPageTemplateFile("templates/accounts.pt")
    field_titles = FIELD_TITLES
    created = None  # the account just made and its one-time password

    def rows(self):
        return directory.accounts(self.context)

    def act(self, action):
        form, agency = self.request.form, self.context
        userid = form.get("userid")
        if action == "create":
            info, password = management.create_account(
                agency, form.get("full_name", ""), form.get("email", ""),
                form.get("kind") or account_groups.STAFF, form.get("department") or None,
                form.get("birth_year") or None, form.get("username") or None)
            self.created = {"login": info["login"], "password": password,
                            "name": info["fullname"]}
            self.say(_(MSG_CREATED, mapping={"login": info["login"], "name": info["fullname"]}))
        elif action == "import":
            upload = form.get("sheet")
            data = upload.read() if upload else b""
            made = importing.import_accounts(agency, getattr(upload, "filename", ""), data)
            body = sheet_xlsx(self.tr(_("Accounts")), importing.result_headers(),
                              importing.result_rows(agency, made),
                              widths=(5, 28, 20, 28, 16, 16, 20, 28))
            name = f"tai-khoan-{agency.getId()}-{vietnam_timestamp():%Y%m%d-%H%M}.xlsx"
            return send(self.request.response, body, name)
        elif action == "update":
            management.update_account(agency, userid, kind=form.get("kind"),
                                      department=form.get("department", ""))
            self.say(MSG_SAVED)
        elif action in ("disable", "enable"):
            management.update_account(agency, userid, disabled=action == "disable")
            self.say(MSG_SAVED)
        elif action == "reset":
            info, password = management.reset_password(agency, userid)
            self.created = {"login": info["login"], "password": password,
                            "name": info["fullname"]}
            self.say(_(MSG_RESET, mapping={"login": info["login"]}))
        elif action == "unlock":
            management.unlock(agency, userid)
            self.say(MSG_SAVED)
        elif action == "move":
            management.move_account(agency, userid, form.get("agency"))
            self.say(MSG_SAVED)
        return None

    def kinds(self):
        return management.kind_choices()

    def departments(self):
        return directory.departments(self.context)

    def is_own(self, row):
        """The admin's own row shows its kind and department as text: a
        change of one's own is refused anyway (``management``)."""
        return management.is_own(row["userid"])

    def kind_title(self, row):
        return self.tr(management.KIND_TITLES[row["kind"]]) if row["kind"] else "—"

    def department_title(self, row):
        titles = {d["id"]: d["title"] for d in self.departments()}
        return titles.get(row["department"], row["department"]) if row["department"] else "—"

    def other_agencies(self):
        """Agencies the admin also manages (a site manager: all)."""
        site = api.portal.get()
        return [{"id": a.getId(), "title": a.title} for a in children(site, "Agency")
                if a.getId() != self.context.getId()
                and api.user.has_permission(directory.PERMISSION, obj=a)]

    def when(self, moment):
        return format_datetime(moment) or "—"

    def state(self, row):
        now = vietnam_timestamp()
        if row["disabled"]:
            return self.tr(_("Disabled"))
        if row["locked_until"] and row["locked_until"] > now:
            return self.tr(_("Locked until ${until}",
                            mapping={"until": self.when(row["locked_until"])}))
        if row["must_change_password"]:
            return self.tr(_("Waiting for the first password change"))
        return self.tr(_("Active"))
