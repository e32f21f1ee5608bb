"""REST services of the naming rules (Quy chế Điều 6).

GET <agency>/@username-suggestion?full_name=…&birth_year=…   agency admins
GET <site>/@domain-abbr-suggestion?name=…                    site managers

Both answer {"username"|"domain_abbr", "options", "taken"}; input the rule
cannot use answers 400 naming the field, in Vietnamese.
"""

from plone.restapi.services import Service
from qlvbdh_policy.accounts import suggestions


class UsernameSuggestionGet(Service):
    def reply(self):
        form = self.request.form
        return suggestions.username_for(self.context, form.get("full_name", ""),
                                        form.get("birth_year") or None)


class DomainAbbrSuggestionGet(Service):
    def reply(self):
        return suggestions.domain_abbr_for(self.context, self.request.form.get("name", ""))
