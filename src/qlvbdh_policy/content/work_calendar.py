"""WorkCalendar (Lịch công tác, ``<agency>/lich-cong-tac``) and its
entries, WorkCalendarEntry: plone.app.event events (behaviors
``plone.eventbasic``, ``plone.eventrecurrence``, ``plone.eventlocation``:
start, end, all day, recurrence, time zone, Địa điểm) carrying the other
columns of a Vietnamese weekly schedule (lịch công tác tuần; Quy chế
Điều 3.3: work schedules are electronic-only documents). Thứ/ngày, Buổi
and Giờ are read from the start (rules/work_weeks.py).

The calendar keeps the state of each of its weeks (drafted, submitted,
published, its version): work_calendar/weeks.py. Entries are many over the
years: an unordered BTree, listed through the catalog."""

from persistent.mapping import PersistentMapping
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.supermodel import model
from qlvbdh_policy import _
from qlvbdh_policy.content.fields import PlainText
from qlvbdh_policy.content.fields import PlainTextLine
from qlvbdh_policy.interfaces import IWorkCalendar
from qlvbdh_policy.interfaces import IWorkCalendarEntry
from zope import schema
from zope.interface import implementer

CALENDAR_ID = "lich-cong-tac"
CALENDAR_TITLE = "Lịch công tác"


class IWorkCalendarSchema(model.Schema):
    title = PlainTextLine(title=_("Title"), required=True)


@implementer(IWorkCalendar)
class WorkCalendar(Container):
    """Lịch công tác of an agency."""

    _ordering = "unordered"
    weeks = None

    def week_records(self, create=False):
        """{week key: PersistentMapping(state, version, …)}"""
        if self.weeks is None and create:
            from BTrees.OOBTree import OOBTree

            self.weeks = OOBTree()
        return self.weeks if self.weeks is not None else {}

    def week_record(self, key, create=False):
        records = self.week_records(create=create)
        record = records.get(key)
        if record is None and create:
            record = records[key] = PersistentMapping(state="draft", version=0, history=[])
        return record


class IWorkCalendarEntrySchema(model.Schema):
    title = PlainTextLine(
        title=_("Content of the work"),
        description=_("Nội dung: what is done, e.g. Họp giao ban lãnh đạo Sở."),
        required=True,
    )
    host = schema.Choice(
        title=_("Chaired by"),
        description=_("Chủ trì: the leader or official who chairs."),
        vocabulary="qlvbdh.AgencyPeople",
        required=False,
    )
    host_text = PlainTextLine(
        title=_("Chaired by (as printed)"),
        description=_("When the chair is not one of the agency's people, or to print "
                      "a title with the name, e.g. Giám đốc Sở."),
        required=False,
    )
    participants = schema.List(
        title=_("Participants"),
        description=_("Thành phần: the agency's people taking part; each sees the entry "
                      "in their own calendar feed and is told of changes."),
        value_type=schema.Choice(vocabulary="qlvbdh.AgencyPeople"),
        required=False,
        default=[],
    )
    participants_text = PlainText(
        title=_("Participants and invited (as printed)"),
        description=_("Thành phần / Mời dự as the schedule prints it, e.g. "
                      "Lãnh đạo các phòng; đại diện UBND huyện Cái Bè."),
        required=False,
    )
    preparing_unit = PlainTextLine(
        title=_("Preparing unit"),
        description=_("Đơn vị chuẩn bị: who prepares the materials."),
        required=False,
    )
    notes = PlainText(title=_("Notes"), required=False)
    invitation = schema.TextLine(
        title=_("Invitation"),
        description=_("UID of the invitation (giấy mời) the meeting comes from."),
        required=False,
        readonly=True,
    )


@implementer(IWorkCalendarEntry)
class WorkCalendarEntry(Item):
    """One line of the weekly schedule: an event of plone.app.event."""

    host = None
    host_text = None
    participants_text = None
    preparing_unit = None
    notes = None
    invitation = None

    def people(self):
        """User ids concerned: the chair and the participants."""
        found = [self.host] if self.host else []
        return found + [p for p in (self.participants or ()) if p and p not in found]
