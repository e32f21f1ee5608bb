"""Marker interfaces."""

from zope.interface import Interface
from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class IQlvbdhPolicyLayer(IDefaultBrowserLayer):
    """Browser layer: views and overrides of this add-on apply only on
    sites where it is installed."""


class IAgency(Interface):
    """Marker: a province agency (cơ quan), the root of its subdomain."""


class IDepartment(Interface):
    """Marker: a department (phòng, ban) of an agency."""


class IRegister(Interface):
    """Marker: a yearly register book (sổ văn bản)."""


class IOfficialDocument(Interface):
    """Marker: an incoming or outgoing document."""


class IIncomingDocument(IOfficialDocument):
    """Marker: văn bản đến."""


class IOutgoingDocument(IOfficialDocument):
    """Marker: văn bản đi."""


class IInbox(Interface):
    """Marker: an agency's queue of documents delivered electronically,
    waiting for acceptance (chờ tiếp nhận)."""


class IFilePlan(Interface):
    """Marker: an agency's yearly file plan (danh mục hồ sơ, NĐ 30/2020 Điều 28)."""


class IFilePlanEntry(Interface):
    """Marker: one heading of a file plan (a case file to be opened)."""


class ICaseFile(Interface):
    """Marker: a case file (hồ sơ công việc, NĐ 30/2020 Điều 29)."""


class IWorkCalendar(Interface):
    """Marker: an agency's work calendar (lịch công tác, ``lich-cong-tac``)."""


class IWorkCalendarEntry(Interface):
    """Marker: one entry of a work calendar, a plone.app.event event."""
class IProvinceWide(Interface):
    """Marker: an object at the site's root that belongs to the whole
    province, not to one agency, and that every agency's host serves (the
    support form and desk: Quy chế Điều 10.4, every official reaches them
    from every page); agencies/hosts.refuse_foreign_objects lets it pass."""
