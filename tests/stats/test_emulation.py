"""The yearly emulation scores (Quy chế Điều 12, issue 18) over REST, as a
page and as XLSX, from the documents of ``stats_fixtures.november``; the
weights are data: changed in the registry or the control panel, they
change the ranking; a wrong line is refused naming it and nothing is
stored. Counts only, for the usage report's readers.

With the default weights (outgoing electronic 30, incoming electronic 20,
on time 25, delivery feedback 15, active accounts 10) and no login yet:
- sttt: 3 of 4 issued electronically (75), 2 of 5 received (40), 1 of 2
  on time (50), 1 of 2 acknowledged (50), no account logged in (0):
  (30·75 + 20·40 + 25·50 + 15·50 + 0) / 100 = 50.5;
- ubndcb: 3 of 3 (100), 1 of 1 (100), nothing completed (left out), 1 of
  2 (50), 0: (3000 + 2000 + 750 + 0) / 75 = 76.67."""

from io import BytesIO
from openpyxl import load_workbook
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from qlvbdh_policy.stats import emulation
from routing_fixtures import PASSWORD
from stats_fixtures import NOVEMBER
from test_stats_rest import get
from test_stats_rest import no_contents
from test_stats_rest import ok
from test_stats_rest import refused

import html
import pytest
import re
import requests
import transaction

OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ranking(site, reader="giamsat", year="2026"):
    report = ok(get(f"{site}/@emulation", reader, year=year))
    return [(row["id"], row["rank"], row["score"]) for row in report["agencies"]], report


def test_scores_ranks_and_the_figures_behind_them(november_site):
    site, urls = november_site
    for reader in ("giamsat", SITE_OWNER_NAME):
        answer = get(f"{site}/@emulation", reader, year="2026")
        report = ok(answer)
        assert report["@id"] == f"{site}/@emulation?year=2026"
        assert report["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
        assert [(c["key"], c["weight"]) for c in report["criteria"]] == [
            ("outgoing_electronic_share", 30), ("incoming_electronic_share", 20),
            ("on_time_rate", 25), ("delivery_feedback", 15), ("active_accounts_share", 10)]
        rows = {row["id"]: row for row in report["agencies"]}
        assert [row["id"] for row in report["agencies"]] == ["ubndcb", "sttt"]
        assert (rows["ubndcb"]["rank"], rows["ubndcb"]["score"]) == (1, 76.67)
        assert (rows["sttt"]["rank"], rows["sttt"]["score"]) == (2, 50.5)
        assert rows["sttt"]["criteria"] == {
            "outgoing_electronic_share": 75.0, "incoming_electronic_share": 40.0,
            "on_time_rate": 50.0, "delivery_feedback": 50.0, "active_accounts_share": 0.0}
        assert rows["ubndcb"]["criteria"]["on_time_rate"] is None  # nothing completed
        for abbr in ("sttt", "ubndcb"):  # the year's figures: November's, nothing else
            figures = rows[abbr]["figures"]
            assert {k: figures[k] for k in figures if k in NOVEMBER[abbr]} == {
                k: NOVEMBER[abbr][k] for k in figures if k in NOVEMBER[abbr]}
        assert not rows["sttt"]["tied"]
        assert report["labels"]["on_time_rate"] == "Tỷ lệ văn bản đến giải quyết đúng hạn"
        assert "1, 2, 2, 4" in report["notes"]["ties"]
        no_contents(answer.text, urls)
    # another year: no document, every share of use 0, quality left out
    rows, _report = ranking(site, year="2025")
    assert rows == [("sttt", 1, 0.0), ("ubndcb", 1, 0.0)]


def test_the_page_and_the_sheet(november_site):
    site, urls = november_site
    page = requests.get(f"{site}/@@emulation-scores", params={"year": "2026"},
                        auth=("giamsat", PASSWORD), timeout=60)
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Điểm thi đua" in text
    row = re.search(r'id="emulation-ubndcb">(.*?)</tr>', page.text, re.S).group(1)
    assert re.search(r'class="rank">1<', row) and "76,67" in row
    no_contents(page.text, urls)
    sheet = requests.get(f"{site}/@emulation", params={"year": "2026", "format": "xlsx"},
                         headers={"Accept": "application/json"}, auth=OWNER, timeout=60)
    assert sheet.status_code == 200, sheet.text[:300]
    assert sheet.headers["Content-Type"] == XLSX
    assert 'filename="thi-dua-2026.xlsx"' in sheet.headers["Content-Disposition"]
    rows = list(load_workbook(BytesIO(sheet.content)).active.iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "Hạng")
    assert rows[header + 1][:3] == (1, "Ủy ban nhân dân huyện Cái Bè", 76.67)
    assert rows[header + 2][:3] == (2, "Sở Thông tin và Truyền thông", 50.5)
    assert "(trọng số 30)" in rows[header][3]
    same = requests.get(f"{site}/@@emulation-scores.xlsx", params={"year": "2026"},
                        auth=OWNER, timeout=60)
    assert same.status_code == 200 and same.headers["Content-Type"] == XLSX


def test_refused_to_everyone_else_and_bad_parameters(november_site):
    site, _urls = november_site
    refused(get(f"{site}/@emulation", year="2026"), 401)
    for outsider in ("lda", "vta", "qta"):
        assert "giám sát" in refused(get(f"{site}/@emulation", outsider, year="2026"), 403)
        assert refused(get(f"{site}/@emulation", outsider, year="2026", format="xlsx"),
                       403)
        page = requests.get(f"{site}/@@emulation-scores", auth=(outsider, PASSWORD), timeout=60)
        assert page.status_code in (401, 403) or "Điểm thi đua" not in page.text
    message = refused(get(f"{site}/@emulation", "giamsat", year="hai nghìn"), 400, "year")
    assert "“year”" in message and "Năm" in message
    refused(get(f"{site}/@emulation", "giamsat", year="2027"), 400, "year")
    refused(get(f"{site}/@emulation", "giamsat", year="2026", format="pdf"), 400, "format")


def test_a_weight_changed_in_the_registry_changes_the_ranking(server, november_site):
    site, _urls = november_site
    assert [r[:2] for r in ranking(site)[0]] == [("ubndcb", 1), ("sttt", 2)]
    # only the share completed on time: ubndcb completed nothing, it has no rank
    api.portal.set_registry_record(emulation.RECORD, ["on_time_rate|10"])
    transaction.commit()
    assert ranking(site)[0] == [("sttt", 1, 50.0), ("ubndcb", None, None)]
    # only the delivery feedback: both 1 of 2, a tie
    api.portal.set_registry_record(emulation.RECORD, ["delivery_feedback|10"])
    transaction.commit()
    rows, report = ranking(site)
    assert rows == [("sttt", 1, 50.0), ("ubndcb", 1, 50.0)]
    assert all(row["tied"] for row in report["agencies"])
    # a line changed around the control panel: no report, the reason named
    api.portal.set_registry_record(emulation.RECORD, ["on_time_rate|10", "speed|5"])
    transaction.commit()
    message = refused(get(f"{site}/@emulation", "giamsat", year="2026"), 409)
    assert "Dòng 2" in message and "speed" in message


@pytest.fixture
def manager_session(november_site):
    session = requests.Session()
    session.auth = OWNER
    return november_site[0], session


def weights_of(site):
    """The weights as the service reads them from the registry."""
    report = ok(get(f"{site}/@emulation", "giamsat", year="2026"))
    return {c["key"]: c["weight"] for c in report["criteria"]}


def control_panel(session, site):
    page = session.get(f"{site}/@@emulation-controlpanel", timeout=60)
    assert page.status_code == 200, page.text[:300]
    token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
    return page, token


def save(session, site, token, text):
    return session.post(f"{site}/@@emulation-controlpanel", timeout=60, data={
        "form.widgets.criteria": text, "form.buttons.save": "Lưu", "_authenticator": token})


@pytest.mark.parametrize("text, words", [
    ("on_time_rate|25\nspeed|10", ["Dòng 2", "“speed|10”", "speed", "on_time_rate"]),
    ("on_time_rate|25\n\ndelivery_feedback|101", ["Dòng 3", "từ 0 đến 100"]),
    ("on_time_rate|0\ndelivery_feedback|0", ["lớn hơn 0", "ít nhất một tiêu chí"]),
    ("on_time_rate 25", ["Dòng 1", "|"]),
    ("on_time_rate|25\non_time_rate|5", ["Dòng 2"]),
    ("", ["ít nhất một tiêu chí"]),
])
def test_the_control_panel_refuses_a_wrong_line_and_stores_nothing(manager_session, text, words):
    site, session = manager_session
    page, token = control_panel(session, site)
    assert "Tiêu chí thi đua" in html.unescape(page.text)
    assert "outgoing_electronic_share|30" in page.text
    answer = save(session, site, token, text)
    assert answer.status_code == 200
    shown = html.unescape(answer.text)
    assert all(w in shown for w in words), (words, re.findall(r"Dòng[^<]*", shown))
    assert weights_of(site) == emulation.E.read_weights(emulation.E.DEFAULT_LINES)


def test_a_weight_changed_in_the_control_panel_changes_the_ranking(manager_session):
    site, session = manager_session
    _page, token = control_panel(session, site)
    answer = save(session, site, token, "on_time_rate | 2,5\ndelivery_feedback|1")
    assert answer.status_code == 200 and "Dòng" not in html.unescape(answer.text)
    assert weights_of(site) == {"on_time_rate": 2.5, "delivery_feedback": 1}
    # sttt: (2.5·50 + 1·50) / 3.5 = 50; ubndcb: only the delivery feedback, 50: a tie
    assert ranking(site)[0] == [("sttt", 1, 50.0), ("ubndcb", 1, 50.0)]
    answer = save(session, site, token, "outgoing_electronic_share|1")
    assert ranking(site)[0] == [("ubndcb", 1, 100.0), ("sttt", 2, 75.0)]
    # a weight of 0 switches a criterion off: the same ranking, the weight kept
    answer = save(session, site, token, "outgoing_electronic_share|1\non_time_rate|0")
    assert answer.status_code == 200 and "Dòng" not in html.unescape(answer.text)
    assert weights_of(site) == {"outgoing_electronic_share": 1, "on_time_rate": 0}
    assert ranking(site)[0] == [("ubndcb", 1, 100.0), ("sttt", 2, 75.0)]
    answer = save(session, site, token, "outgoing_electronic_share|1")
    # without the authenticator: refused, nothing stored
    forged = session.post(f"{site}/@@emulation-controlpanel", timeout=60, data={
        "form.widgets.criteria": "on_time_rate|1", "form.buttons.save": "Lưu"})
    assert forged.status_code == 403
    assert weights_of(site) == {"outgoing_electronic_share": 1}
    # oversight reads the scores, it does not weigh them
    denied = requests.get(f"{site}/@@emulation-controlpanel", auth=("giamsat", PASSWORD), timeout=60)
    assert denied.status_code in (401, 403) or "form.widgets.criteria" not in denied.text
