"""Batching and sorting parameters of a REST request (issue 17: no 500
where the contract is at fault): ``b_size``, ``b_start`` and
``sort_limit`` are whole numbers from 0, or the request answers 400 naming
the parameter before a service runs (plone.restapi's ``@search`` and its
batching read them with ``int()``, a 500 for ``b_size=abc``)."""

from plone.rest.interfaces import IAPIRequest
from qlvbdh_policy import _
from qlvbdh_policy.content.validation import RefusedValue
from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
from qlvbdh_policy.restapi.body import is_classic_page

NUMBERS = ("b_size", "b_start", "sort_limit")
MSG_BAD_PARAM = _("The parameter “${name}” takes a whole number from 0, not “${value}”.")


class ParameterRefused(RefusedValue):
    error_type = "BadRequest"


def parameter_refusal(form):
    """The first batching parameter that is not a whole number from 0, as
    a refusal naming it, or None."""
    for name in NUMBERS:
        if name not in form:
            continue
        value = form[name]
        if not (isinstance(value, str) and value.strip().isdigit()):
            shown = value if isinstance(value, str) else repr(value)
            return ParameterRefused(MSG_BAD_PARAM, {"name": name, "value": shown[:40]}, name)
    return None


def check_batching(event):
    request = event.request
    if not (IAPIRequest.providedBy(request) and IQlvbdhPolicyLayer.providedBy(request)):
        return
    if is_classic_page(request):
        return
    refusal = parameter_refusal(request.form)
    if refusal is not None:
        raise refusal
