"""The demo of ``make run`` (issue 22): "Kiểm tra quy trình" of a fresh
demo finds nothing stuck: every document waits on someone of its agency
who may move it on (the draft on its drafter, the delivered copy on the
recipient's clerk)."""

from AccessControl.SecurityManagement import noSecurityManager
from pathlib import Path
from plone import api
from qlvbdh_policy.agencies.province import load_province
from qlvbdh_policy.demo import load_demo
from qlvbdh_policy.workflow_guards.check import check

ROOT = Path(__file__).resolve().parents[2]


def test_a_fresh_demo_has_no_stuck_document(portal):
    noSecurityManager()  # as `make run` loads it: a script, no one logged in
    load_province(portal, ROOT / "profiles" / "province")
    load_demo(portal, ROOT / "profiles" / "demo")
    draft = api.content.find(portal_type="OutgoingDocument", review_state="draft",
                             unrestricted=True)
    assert [b.Creator for b in draft] == ["chuyenvien"]
    with api.env.adopt_roles(["Manager"]):
        found = check(portal)
    stuck = [(a["agency"]["id"], d["title"], d["state"], d["reason"])
             for a in found["agencies"] for d in a["stuck"]]
    assert stuck == []
    assert found["stuck_count"] == 0
