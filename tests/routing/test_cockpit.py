"""The staff's cockpit (issue 16): an agency's home page with each person's
counts, each a link to its list, and “Việc của tôi” filtered by task and
deadline."""

from domain_fixtures import incoming
from plone.app.testing import login as zlogin
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.routing import steps
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import datetime
import re
import requests
import transaction


def items(*spec):
    return [{"task": task, "mark": mark} for task, mark in spec]


def test_filter_by_task_and_mark():
    work = items(("handle", "overdue"), ("handle", None), ("sign", "due-soon"), ("read", None))
    assert my_work.filtered(work, "handle") == work[:2]
    assert my_work.filtered(work, mark="overdue") == work[:1]
    assert my_work.filtered(work, "handle", "due-soon") == []
    # an unknown task or mark filters nothing out rather than everything
    assert my_work.filtered(work, "nonsense", "soon") == work


def test_task_counts_in_task_order():
    work = items(("sign", None), ("handle", "overdue"), ("handle", None))
    assert my_work.task_counts(work) == [("handle", 2, 1), ("sign", 1, 0)]
    assert my_work.task_counts([]) == []


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_each_role_sees_its_counts_on_the_agency_home(server, server_url):
    portal = server["portal"]
    a, _b = make_province(portal)
    zlogin(portal, "vta")
    register = a["den-2026"]
    late = incoming(register, title="Báo cáo đã quá hạn")
    waiting = incoming(register, title="Công văn chờ trình")
    steps.simple_step(late, "submit")
    zlogin(portal, "lda")
    steps.assign(late, "xla", due_date=datetime.date.today() + datetime.timedelta(days=5))
    late.due_date = datetime.date(2026, 1, 5)  # long past
    late.reindexObject()
    transaction.commit()
    home = f"{server_url}/{a.getId()}"

    def page(user, url=home):
        answer = requests.get(url, auth=(user, PASSWORD), timeout=60)
        assert answer.status_code == 200
        return answer.text

    clerk = page("vta")
    assert "Chưa có nội dung" not in clerk
    assert f'href="{server_url}/@@my-work?task=submit"' in clerk
    assert "Trình lãnh đạo" in text(clerk) and "Chờ tiếp nhận" in text(clerk)
    assert "qlvbdh-home-accounts" not in clerk and "Quá hạn của cơ quan" not in text(clerk)
    handler = text(page("xla"))
    assert "Xử lý" in handler and "1 quá hạn" in handler
    assert "Chờ tiếp nhận" not in handler  # the inbox is the clerks'
    leader = page("lda")
    assert "Quá hạn của cơ quan" in text(leader) and "follow-up" in leader
    admin = page("qta")
    assert "qlvbdh-home-accounts" in admin and f"{home}/@@accounts" in admin

    mine = page("vta", f"{server_url}/@@my-work?task=submit")
    assert waiting.Title() in mine and "Báo cáo đã quá hạn" not in mine
    assert "qlvbdh-my-work-tabs" in mine
    overdue = page("xla", f"{server_url}/@@my-work?mark=overdue")
    assert "Báo cáo đã quá hạn" in overdue


def test_the_navigation_counts_are_those_of_the_list(server, server_url):
    from plone import api

    portal = server["portal"]
    a, _b = make_province(portal)
    zlogin(portal, "vta")
    for title in ("Một", "Hai"):
        incoming(a["den-2026"], title=f"Công văn {title}")
    transaction.commit()
    clerk = api.user.get(userid="vta")
    assert my_work.counts_for(clerk) == my_work.counts(my_work.items_for(clerk))
    assert my_work.counts_for(clerk)["total"] == 2
    page = requests.get(f"{server_url}/{a.getId()}", auth=("vta", PASSWORD), timeout=60).text
    assert re.search(r'my-work-count">\s*2\s*<', page)
    # the handler's marks, counted from the catalog's dates as the list marks them
    from qlvbdh_policy.timeutil import vietnam_today

    today = vietnam_today()
    dues = {"Quá hạn hôm qua": today - datetime.timedelta(days=1),
            "Hạn hôm nay": today, "Hạn sắp tới": today + datetime.timedelta(days=my_work.DUE_SOON_DAYS),
            "Hạn còn xa": today + datetime.timedelta(days=my_work.DUE_SOON_DAYS + 1),
            "Không hạn": None}
    for title, due in dues.items():
        zlogin(portal, "vta")
        doc = incoming(a["den-2026"], title=title)
        steps.simple_step(doc, "submit")
        zlogin(portal, "lda")
        steps.assign(doc, "xla")
        doc.due_date = due
        doc.reindexObject()
    transaction.commit()
    handler = api.user.get(userid="xla")
    assert my_work.counts_for(handler) == my_work.counts(my_work.items_for(handler)) == {
        "total": 5, "overdue": 1, "due_soon": 2}
