"""A received document's edXML header beyond its fields (issue 21): the
rows of its page's section, dates dd/mm/yyyy and the codes by their
Vietnamese titles; the REST key ``edxml`` with every key always there; the
sender's recall waiting on an accepted document listed in “Việc của
tôi” for the agency's clerks, and gone once answered."""

from inbox_fixtures import accepted
from inbox_fixtures import change_message
from inbox_fixtures import NEW
from inbox_fixtures import receiving
from inbox_fixtures import sample
from plone import api
from plone.app.testing import login
from qlvbdh_policy.exchange import changes
from qlvbdh_policy.exchange import received_info
from qlvbdh_policy.exchange import receiving as R
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.vietnamese import in_vietnamese


def shown(info):
    return {in_vietnamese(label): in_vietnamese(value) for label, value
            in received_info.rows(info)}


def test_the_header_as_the_page_and_rest_show_it(functional):
    portal = functional["portal"]
    a, _b = receiving(portal)
    _result, doc = R.receive(a, sample(NEW))
    rows = shown(received_info.info_of(doc))
    assert rows["Địa danh"] == "Hà Nội"
    assert rows["Thẩm quyền ký"] == "TL. BO TRUONG"
    assert rows["Nội dung"].startswith("V/v kết nối, liên thông phần mềm")
    assert rows["Nơi nhận"].startswith("Cac bo va co quan ngang bo; Uy ban nhan dan")
    assert rows["Phụ lục"].startswith("Công văn về việc kết nối")
    assert rows["Loại chỉ đạo"] == "Không phải văn bản chỉ đạo"
    assert rows["Văn bản của bên gửi"] == "7816/VPCP-TTĐT ngày 30/09/2015 (mã định danh " \
        "000.00.00.G22)"
    assert rows["Số lượng bản"] == "2"
    assert rows["Nhận lúc"].endswith(doc.edxml_info["received"].strftime("%d/%m/%Y"))
    assert "Bên gửi cập nhật lúc" not in rows  # the sender sent no update

    body = received_info.as_json(doc.edxml_info, changes.pending_change(doc))
    assert list(body) == list(received_info.KEYS) + ["change"]
    assert body["place"] == "Hà Nội" and body["steering_type"] == 1 and body["change"] is None
    assert body["sender"]["organ_id"] == "000.00.00.G22" and body["updated"] is None
    assert body["received"] == doc.edxml_info["received"].isoformat()
    assert received_info.as_json(None) is None  # a document that came another way


def test_a_waiting_recall_is_a_task_of_the_agencys_clerks(functional):
    portal = functional["portal"]
    a, doc = accepted(portal)

    def tasks(userid):
        return [i["task"] for i in my_work.items_for(api.user.get(userid=userid))
                if i["uid"] == doc.UID()]

    assert "edxml-change" not in tasks("vta")
    result, _doc = R.receive(a, change_message(1, "Ban hành nhầm"))
    assert result == changes.WAITING
    assert tasks("vta") == ["edxml-change"]  # before “submit”: the sender waits
    assert tasks("xla") == [] and tasks("vtb") == []
    body = received_info.as_json(doc.edxml_info, changes.pending_change(doc))
    assert body["change"]["kind"] == 1 and body["change"]["reason"] == "Ban hành nhầm"
    login(portal, "vta")
    changes.refuse(doc, "Văn bản đã được triển khai")
    assert tasks("vta") == ["submit"]
