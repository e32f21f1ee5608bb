"""POST into a Register: plone.restapi's add, plus the register's answers.

- 400 with ``errors: [{field, message}]`` when a field breaks a rule;
- 409 when an incoming document looks registered already (Phụ lục VI),
  unless the client sends ``"confirm_duplicate": true``;
- 400 when the register refuses the document (closed, wrong kind).
"""

from plone.restapi.deserializer import json_body
from plone.restapi.services.content.add import FolderPost
from qlvbdh_policy import _
from qlvbdh_policy.registration import find_duplicates
from qlvbdh_policy.restapi.errors import field_errors
from qlvbdh_policy.restapi.errors import validation_error_body
from qlvbdh_policy.validation import DocumentRefused
from zExceptions import BadRequest
from zope.i18n import translate

import datetime
import transaction

MSG_DUPLICATE = (
    "A document with the same number, notation, issuing agency and date is "
    "already registered: ${documents}. Send confirm_duplicate: true to "
    "register it again."
)


def parse_date(value):
    try:
        return datetime.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class RegisterPost(FolderPost):
    def reply(self):
        data = json_body(self.request)
        if data.get("@type") == "IncomingDocument" and not data.get("confirm_duplicate"):
            duplicates = find_duplicates(
                self.context,
                data.get("code_number"),
                data.get("code_notation"),
                data.get("sender_name"),
                parse_date(data.get("doc_date")),
            )
            if duplicates:
                return self.conflict(duplicates)
        try:
            return super().reply()
        except BadRequest as exc:
            errors = field_errors(exc, self.request)
            if errors is None:
                raise
            transaction.doom()
            self.request.response.setStatus(400)
            return validation_error_body(errors)
        except DocumentRefused as exc:
            # raised after the object entered the register: store nothing
            transaction.doom()
            self.request.response.setStatus(400)
            return validation_error_body(
                [{"field": exc.field, "message": translate(exc.message(), context=self.request)}]
            )

    def conflict(self, brains):
        self.request.response.setStatus(409)
        found = [
            {
                "@id": b.getURL(),
                "title": b.Title,
                "arrival_number": b.arrival_number,
                "arrival_date": b.arrival_date.isoformat() if b.arrival_date else None,
            }
            for b in brains
        ]
        listing = ", ".join(
            f"số đến {d['arrival_number']:02d} ({d['@id']})" if d["arrival_number"] else d["@id"]
            for d in found
        )
        message = translate(_(MSG_DUPLICATE, mapping={"documents": listing}), context=self.request)
        return {"error": {"type": "Conflict", "message": message, "duplicates": found}}
