"""One date format in the REST answers: ISO 8601, in Vietnam time (+07:00).

plone.restapi turns every point in time into UTC (``datetimelike_to_iso``):
``created``, ``modified``, the workflow history and ``@history`` said
``2026-11-20T02:25:48+00:00`` for a document registered at 09:25 in Tiền
Giang, while the project's own answers (the trail of ``@routing``, the
deliveries) said ``+07:00`` (issue 17). Here a datetime or a Zope
``DateTime`` is written in Vietnam time with its offset, to the second:
``2026-11-20T09:25:48+07:00``. A time without a zone is Vietnam time (the
process runs in Asia/Ho_Chi_Minh, and Plone keeps naive times local).
Dates stay dates (``2026-11-20``): a document's date has no hour.

What a client sends is read as before: the document's dates as
``YYYY-MM-DD`` (any other form answers 400 naming the field), the
project's services' dates likewise.

The converters replace plone.restapi's for ``datetime`` and ``DateTime``
(``overrides.zcml``: ``IJsonCompatible`` is looked up on the value alone,
without the request, so a layer cannot choose). Outside a request of this
add-on's browser layer they answer exactly what plone.restapi answers.
"""

from DateTime import DateTime
from datetime import datetime
from plone.restapi.interfaces import IJsonCompatible
from plone.restapi.serializer.converters import datetimelike_to_iso
from qlvbdh_policy.interfaces import IQlvbdhPolicyLayer
from qlvbdh_policy.timeutil import VIETNAM
from zope.component import adapter
from zope.globalrequest import getRequest
from zope.interface import implementer


def vietnam_iso(value):
    """``value`` (a datetime or a DateTime) as ISO 8601 in Vietnam time,
    to the second: '2026-11-20T09:25:48+07:00'."""
    if isinstance(value, DateTime):
        value = value.asdatetime()
    if value.tzinfo is None:
        value = value.replace(tzinfo=VIETNAM)
    return value.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def _ours():
    return IQlvbdhPolicyLayer.providedBy(getRequest())


@adapter(datetime)
@implementer(IJsonCompatible)
def datetime_converter(value):
    return vietnam_iso(value) if _ours() else datetimelike_to_iso(value)


@adapter(DateTime)
@implementer(IJsonCompatible)
def zope_datetime_converter(value):
    return vietnam_iso(value) if _ours() else datetimelike_to_iso(value)
