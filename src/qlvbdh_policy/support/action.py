"""The form's action that records each submission as a tracked request
(collective.easyform's actions: a field of the form's actions model, like
its Mailer and Save Data). Site managers may add a mailer or change the
fields through the web; this action reads the fields it knows by name
(kind, details, urgency, attachment, requester_name, requester_agency,
agency_name) and the choices' titles from the form's own vocabularies, so
a renamed choice is stored as the form shows it."""

from collective.easyform.actions import Action
from collective.easyform.actions import ActionFactory
from collective.easyform.api import get_context
from collective.easyform.api import get_schema
from plone import api
from plone.supermodel.exportimport import BaseHandler
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.support import tracking
from qlvbdh_policy.vietnamese import in_vietnamese
from zope.interface import implementer
from zope.interface import Interface

REQUEST_URL_KEY = "qlvbdh_support_request_url"


class ICreateSupportRequest(Interface):
    """Records the submission as a support request (HT-YYYY-NNNN)."""


def _choice_title(schema, name, token):
    field = schema.get(name) if schema is not None else None
    vocabulary = getattr(field, "vocabulary", None)
    if vocabulary is None or token is None:
        return token
    try:
        term = vocabulary.getTerm(token)
    except LookupError:
        return token
    return term.title or token


def form_titles(data, site=None):
    """{kind_title, urgency_title} of a request sent without the form
    (REST), as the form at ``<site>/ho-tro`` names the choices."""
    from qlvbdh_policy.support.forms import FORM_ID

    form = (site or api.portal.get()).get(FORM_ID)
    schema = get_schema(form) if form is not None else None
    return {"kind_title": _choice_title(schema, "kind", data.get("kind")),
            "urgency_title": _choice_title(schema, "urgency", data.get("urgency"))}


def submission(fields, schema):
    data = {name: fields.get(name) for name in (
        "kind", "details", "urgency", "attachment", "requester_name", "requester_agency",
        "agency_name")}
    data["kind_title"] = _choice_title(schema, "kind", data["kind"])
    data["urgency_title"] = _choice_title(schema, "urgency", data["urgency"])
    return data


@implementer(ICreateSupportRequest)
class CreateSupportRequest(Action):
    __doc__ = ICreateSupportRequest.__doc__

    def onSuccess(self, fields, request):
        """{field: message} for the form to show, or None once recorded."""
        form = get_context(self)
        data = submission(fields, get_schema(form))
        errors = tracking.check_submission(data)
        if errors:
            return {name: in_vietnamese(msg, request) for name, msg in errors.items()}
        try:
            created = tracking.create_request(data, api.user.get_current().getId())
        except RefusedValue as refused:
            return {refused.field or "details": in_vietnamese(refused.message(), request)}
        request.set(REQUEST_URL_KEY, created.absolute_url())
        return None


CreateSupportRequestAction = ActionFactory(
    CreateSupportRequest, _("Create a tracked support request"), "cmf.ManagePortal")
CreateSupportRequestHandler = BaseHandler(CreateSupportRequest)
