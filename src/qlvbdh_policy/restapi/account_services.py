"""REST services of the naming rules (Quy chế Điều 6).

GET <agency>/@username-suggestion?full_name=…&birth_year=…   agency admins
GET <site>/@domain-abbr-suggestion?name=…                    site managers

Both answer {"username"|"domain_abbr", "options", "taken"}; input the rule
cannot use answers 400 naming the field, in Vietnamese.
"""

from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.serializer.converters import json_compatible
from plone.restapi.services import Service
from qlvbdh_policy import _
from qlvbdh_policy.accounts import directory
from qlvbdh_policy.accounts import importing
from qlvbdh_policy.accounts import management
from qlvbdh_policy.accounts import passwords
from qlvbdh_policy.accounts import suggestions
from qlvbdh_policy.restapi.body import json_object
from qlvbdh_policy.restapi.envelope import error_body
from qlvbdh_policy.restapi.path_params import PathParamsService
from qlvbdh_policy.rules import account_groups
from qlvbdh_policy.rules.request_body import BOOLEAN
from qlvbdh_policy.rules.request_body import TEXT
from qlvbdh_policy.rules.request_body import YEAR
from qlvbdh_policy.vietnamese import in_vietnamese
from zope.i18n import translate
from zope.interface import alsoProvides

import base64
import binascii


class UsernameSuggestionGet(Service):
    def reply(self):
        form = self.request.form
        return suggestions.username_for(self.context, form.get("full_name", ""),
                                        form.get("birth_year") or None)


class DomainAbbrSuggestionGet(Service):
    def reply(self):
        return suggestions.domain_abbr_for(self.context, self.request.form.get("name", ""))


# --- the agency's accounts (Quy chế Điều 8.2) ---------------------------------
#
# GET    <agency>/@accounts                          list, with kinds and departments
# POST   <agency>/@accounts                          create → 201 {account, password}
# PATCH  <agency>/@accounts/<userid>                 kind, department, disabled, email, fullname
# POST   <agency>/@accounts/<userid>/reset-password  → {account, password}
# POST   <agency>/@accounts/<userid>/unlock
# POST   <agency>/@accounts/<userid>/move            {"agency": "<abbr>"}
# POST   <agency>/@accounts-import                   {"filename", "data" (base64)}
# POST   <site or agency>/@new-password             {"old_password", "new_password"}


MSG_NO_ACTION = _("“${action}” is not an action on an account: reset-password, unlock "
                 "or move.")
MSG_NO_ACCOUNT = _("Name the account in the address: @accounts/<userid>.")


class AccountsService(PathParamsService):
    """Takes the user id (and an action) from the path."""

    # the body's fields and their kinds, for every @accounts write
    fields = {"fullname": TEXT, "full_name": TEXT, "email": TEXT, "kind": TEXT,
              "department": TEXT, "birth_year": YEAR, "username": TEXT, "agency": TEXT,
              "disabled": BOOLEAN}

    def data(self):
        return json_object(self.request, self.fields)

    def answer(self, info, password=None):
        body = {"account": json_compatible(account_json(self.context, info))}
        if password is not None:
            body["password"] = password
        return body


def account_json(agency, info):
    return dict(info, kind_title=in_vietnamese(management.KIND_TITLES.get(info["kind"], ""))
                if info["kind"] else "")


class AccountsGet(AccountsService):
    def reply(self):
        agency = self.context
        if self.params:
            management.check_account(agency, self.params[0])
            return self.answer(directory.account_info(agency, self.params[0]))
        return json_compatible({
            "@id": f"{agency.absolute_url()}/@accounts",
            "items": [account_json(agency, i) for i in directory.accounts(agency)],
            "kinds": management.kind_choices(), "departments": directory.departments(agency)})


class AccountsPost(AccountsService):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        agency, data = self.context, self.data()
        if not self.params:
            info, password = management.create_account(
                agency, data.get("fullname") or data.get("full_name") or "",
                data.get("email"), data.get("kind") or account_groups.STAFF,
                data.get("department") or None, data.get("birth_year") or None,
                data.get("username") or None)
            self.request.response.setStatus(201)
            return self.answer(info, password)
        userid, action = self.params[0], (self.params[1:] or [""])[0]
        if action == "reset-password":
            return self.answer(*management.reset_password(agency, userid))
        if action == "unlock":
            return self.answer(management.unlock(agency, userid))
        if action == "move":
            info = management.move_account(agency, userid, data.get("agency"))
            return self.answer(info)
        self.request.response.setStatus(404)
        return error_body("NotFound", translate(
            _(MSG_NO_ACTION, mapping={"action": action}), context=self.request))


class AccountsPatch(AccountsService):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        if not self.params:
            self.request.response.setStatus(400)
            return error_body("BadRequest", translate(_(MSG_NO_ACCOUNT), context=self.request))
        data = self.data()
        disabled = data.get("disabled")
        info = management.update_account(
            self.context, self.params[0], kind=data.get("kind"),
            department=data.get("department"),
            disabled=disabled,
            email=data.get("email"), fullname=data.get("fullname"))
        return self.answer(info)


class AccountsImportPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, {"filename": TEXT, "data": TEXT})
        try:
            content = base64.b64decode(data.get("data") or "", validate=True)
        except (binascii.Error, ValueError):
            content = b""
        made = importing.import_accounts(self.context, data.get("filename") or "", content)
        self.request.response.setStatus(201)
        return json_compatible({"items": [dict(account_json(self.context, i))
                                          for i in made]})


class NewPasswordPost(Service):
    """The account's own password, with the old one (the one-time password
    on a first login); clears the obligation to change it."""

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_object(self.request, {"old_password": TEXT, "new_password": TEXT})
        passwords.change_own_password(data.get("old_password") or "",
                                      data.get("new_password") or "")
        self.request.response.setStatus(204)
        return None
