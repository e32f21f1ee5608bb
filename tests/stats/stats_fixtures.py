"""Documents with known histories for the oversight indicators (issue 18):
each made on its own day (the suite's clock), routed by the people whose
role it is. ``november`` builds the month the tests read; its figures are
worked out in ``NOVEMBER`` and ``NOVEMBER_STTT_VP``."""

from domain_fixtures import incoming
from domain_fixtures import issue
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone.app.testing import login
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import steps
from qlvbdh_policy.timeutil import VIETNAM_OFFSET
from qlvbdh_policy.timeutil import vietnam_today
from routing_fixtures import copy_of
from routing_fixtures import issue_to
from routing_fixtures import make_province

import datetime

D = datetime.date
# every title the documents carry: a report must show none of them
TITLES = []


def at(clock, day, hour=9):
    clock.set(datetime.datetime(day.year, day.month, day.day, hour, tzinfo=VIETNAM_OFFSET))


def paper(portal, agency, code, register=None):
    """A paper document the clerk registers today."""
    login(portal, "vta")
    title = f"Công văn số {code} về việc kiểm tra chuyển đổi số"
    TITLES.append(title)
    return incoming(agency[register or f"den-{vietnam_today().year}"], code_number=str(code),
                    title=title, doc_date=vietnam_today() - datetime.timedelta(days=2))


def direct(portal, doc, handler, due):
    """Submitted by the clerk, given by the leader to ``handler``."""
    login(portal, "vta")
    steps.simple_step(doc, "submit")
    login(portal, "lda")
    steps.assign(doc, handler, due_date=due)


def finish(portal, doc):
    login(portal, "xla")
    steps.start(doc)
    steps.complete(doc, "Đã trả lời bằng văn bản")


def issue_from(portal, sender, recipients, title, drafter="cbb"):
    """An outgoing document of ``sender`` issued today to ``recipients``."""
    login(portal, drafter)
    TITLES.append(title)
    doc = outgoing(sender["di-2026"], title=title, file=pdf(),
                   recipients_internal=[r.UID() for r in recipients])
    return issue(doc)


def accept(portal, clerk, doc, agency, register="den-2026"):
    """The recipient's clerk accepts the copy of ``doc`` into its register."""
    login(portal, clerk)
    return delivery.accept(copy_of(doc, agency), agency[register])


def november(portal, clock):
    """sttt and ubndcb through November 2026 (today: Friday 27/11)."""
    a, b = make_province(portal)
    TITLES.clear()
    docs = {}
    at(clock, D(2026, 11, 2))  # Monday
    docs["d1"] = paper(portal, a, 101)
    direct(portal, docs["d1"], "xla", D(2026, 11, 10))
    at(clock, D(2026, 11, 3))
    docs["d2"] = paper(portal, a, 102)
    direct(portal, docs["d2"], "xla", D(2026, 11, 5))
    at(clock, D(2026, 11, 4))
    docs["d3"] = paper(portal, a, 103)
    direct(portal, docs["d3"], a["vp"].UID(), D(2026, 11, 20))  # the department's heads
    at(clock, D(2026, 11, 6))
    finish(portal, docs["d1"])  # on time, 4 days
    at(clock, D(2026, 11, 9))
    finish(portal, docs["d2"])  # late, 6 days
    at(clock, D(2026, 11, 10))  # Tuesday: sent to Cái Bè, accepted the same day
    docs["o1"] = issue_to(portal, a, [b])
    TITLES.append(docs["o1"].title)
    accept(portal, "vtb", docs["o1"], b)
    at(clock, D(2026, 11, 12))  # an invitation: electronic only, to no agency of the province
    login(portal, "pha")
    TITLES.append("Giấy mời họp giao ban chuyển đổi số")
    docs["o2"] = issue(outgoing(a["di-2026"], doc_type="giay_moi", file=pdf(),
                                title="Giấy mời họp giao ban chuyển đổi số"))
    at(clock, D(2026, 11, 20))  # Friday: Cái Bè never acknowledges it
    docs["o4"] = issue_to(portal, a, [b])
    at(clock, D(2026, 11, 23))  # Monday: from Cái Bè, accepted the same day
    docs["ob1"] = issue_from(portal, b, [a], "Báo cáo kết quả chuyển đổi số tháng 11")
    docs["d4"] = accept(portal, "vta", docs["ob1"], a)
    at(clock, D(2026, 11, 24))  # accepted the next day: late
    docs["ob2"] = issue_from(portal, b, [a], "Kế hoạch kiểm tra công tác văn thư")
    at(clock, D(2026, 11, 25))
    docs["d5"] = accept(portal, "vta", docs["ob2"], a)
    at(clock, D(2026, 11, 27))  # today: waiting, its day is not over
    docs["ob3"] = issue_from(portal, b, [a], "Công văn đề nghị cung cấp số liệu")
    docs["o3"] = issue_to(portal, a, [b])
    return a, b, docs


#: the usage report of November 2026 on 27/11
NOVEMBER = {
    "sttt": dict(
        incoming_registered=5, incoming_electronic=2, incoming_paper=3,
        completed_on_time=1, completed_late=1, still_in_hand=3, overdue_now=1,
        average_processing_days=5.0,
        outgoing_issued=4, outgoing_electronic=3, outgoing_paper_too=3, digitally_signed=0,
        delivered_to_agencies=2, acknowledged_same_day=1, delivery_feedback=0.5),
    "ubndcb": dict(
        incoming_registered=1, incoming_electronic=1, incoming_paper=0,
        completed_on_time=0, completed_late=0, still_in_hand=1, overdue_now=0,
        average_processing_days=None,
        outgoing_issued=3, outgoing_electronic=3, outgoing_paper_too=3, digitally_signed=0,
        delivered_to_agencies=2, acknowledged_same_day=1, delivery_feedback=0.5),
    "province": dict(
        incoming_registered=6, incoming_electronic=3, incoming_paper=3,
        completed_on_time=1, completed_late=1, still_in_hand=4, overdue_now=1,
        average_processing_days=5.0,
        outgoing_issued=7, outgoing_electronic=6, outgoing_paper_too=6, digitally_signed=0,
        delivered_to_agencies=4, acknowledged_same_day=2, delivery_feedback=0.5),
}
