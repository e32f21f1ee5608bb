"""The site manager's page of the user guide (issue 22): adding a step to a
workflow, switching an agency's policy, naming a deputy, checking the
result, with the screenshots tests/workflow_guards/test_ttw_browser.py takes
of the real screens. Every image the page names is committed and served;
the variables it lists are those the system reads; other officials neither
see its card nor get the page or its images."""

from plone import api
from qlvbdh_policy.guide import shots
from qlvbdh_policy.guide import workflow_text
from qlvbdh_policy.rules import state_meanings as M
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

import html
import re
import requests
import transaction

SITE_MANAGER_USER = "qtht"
PAGE = shots.SITE_MANAGER


def fetch(url, user=None):
    auth = (user, PASSWORD) if user else None
    return requests.get(url, auth=auth, timeout=60, allow_redirects=False)


def test_the_variables_listed_are_those_the_system_reads():
    listed = {name: [value for value, _means in values]
              for name, _says, values in workflow_text.VARIABLES}
    assert tuple(listed) == M.VARIABLES
    waiting = listed[M.WAITING_FOR]
    assert set(waiting) - {"role:DeputyLeader", "group:deputies"} == set(M.WAITING_WORDS)
    assert all(M.parse_waiting(v)[0] != M.NOBODY or v == M.NOBODY for v in waiting)
    assert tuple(listed[M.TASK]) == M.TASKS
    assert tuple(listed[M.PHASE]) == M.PHASES
    for name in (M.IN_BOOK, M.COUNTS_OVERDUE):
        assert [M.parse_bool(v) for v in listed[name]] == [True, False]
    assert all(not M.problems({name: v}) for name, values in listed.items() for v in values)


def make_site_manager():
    with api.env.adopt_roles(["Manager"]):
        if api.user.get(userid=SITE_MANAGER_USER) is None:
            api.user.create(email="qtht@example.vn", username=SITE_MANAGER_USER,
                            password=PASSWORD, properties={"fullname": "Nguyễn Quản Trị"})
        api.user.grant_roles(username=SITE_MANAGER_USER, roles=["Manager"])


def test_the_site_managers_guide(server, server_url):
    make_province(server["portal"])
    make_site_manager()
    transaction.commit()
    base = server_url
    index = fetch(f"{base}/@@huong-dan", SITE_MANAGER_USER)
    assert index.status_code == 200
    mine = index.text.split('class="alert alert-primary qlvbdh-guide-mine"', 1)[1][:400]
    assert f"{base}/@@huong-dan/{PAGE}" in mine
    assert f'id="role-{PAGE}"' in index.text
    mine_link = fetch(f"{base}/@@huong-dan/cua-toi", SITE_MANAGER_USER)
    assert mine_link.headers["Location"] == f"{base}/@@huong-dan/{PAGE}"

    page = fetch(f"{base}/@@huong-dan/{PAGE}", SITE_MANAGER_USER)
    assert page.status_code == 200
    body = html.unescape(page.text)
    assert "Quản trị hệ thống" in body.split("<h1", 1)[1].split("</h1>", 1)[0]
    images = []
    for number, (step, caption) in enumerate(shots.shots_of(PAGE), start=1):
        section = body.split(f'id="{PAGE}-{step}"', 1)[1].split("</section>\n  <section", 1)[0]
        assert caption in section and f"Bước {number}" in section
        src = re.search(r'<img [^>]*src="([^"]+)"', section)
        assert src, f"the step {step} shows no screenshot"
        assert src.group(1) == f"{base}/@@huong-dan/anh/{shots.screenshot_name(PAGE, step)}"
        assert "qlvbdh-guide-phone" not in section  # taken at a desk only
        images.append(src.group(1))
    # each image the page names is committed where the guide serves it from
    for url in images:
        name = url.rsplit("/", 1)[1]
        assert (shots.SCREENSHOTS / name).is_file(), name
        answer = fetch(url, SITE_MANAGER_USER)
        assert answer.status_code == 200 and answer.headers["Content-Type"] == "image/png"
        assert answer.content.startswith(b"\x89PNG")
    # the state variables, each value in plain Vietnamese
    variables = body.split('class="qlvbdh-guide-variables"', 1)[1].split("</section>", 1)[0]
    assert "Các biến của trạng thái và giá trị" in variables
    for name, _says, values in workflow_text.VARIABLES:
        assert f'id="bien-{name}"' in variables, name
        for value, _means in values:
            assert f"<code>{html.escape(value)}</code>" in variables, value
    assert '<strong class="qlvbdh-guide-ui">Cho ý kiến</strong>' in variables  # [[Give an opinion]]
    # the screens it explains, opened from the guide
    assert f'qlvbdh-guide-open" href="{base}/@@kiem-tra-quy-trinh"' in body
    assert "/sttt/@@workflow-policy" in fetch(f"{base}/sttt/@@huong-dan/{PAGE}",
                                               SITE_MANAGER_USER).text

    # other officials: no card, no page, no image; a visitor is sent to log in
    for user in ("vta", "lda", "qta", "giamsat"):
        assert f'id="role-{PAGE}"' not in fetch(f"{base}/@@huong-dan", user).text
        refused = fetch(f"{base}/@@huong-dan/{PAGE}", user)
        assert refused.status_code != 200 and "qlvbdh-guide-variables" not in refused.text
        assert fetch(images[0], user).status_code != 200, user
    visitor = fetch(f"{base}/@@huong-dan/{PAGE}")
    assert visitor.status_code == 302 and "require_login" in visitor.headers["Location"]
    assert fetch(images[0]).status_code == 302
