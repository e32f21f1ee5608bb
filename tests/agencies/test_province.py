"""The province profile and the demo data that `make run` loads."""

from pathlib import Path
from plone import api
from qlvbdh_policy.agencies.province import load_province
from qlvbdh_policy.demo import load_demo
from qlvbdh_policy.timeutil import vietnam_today

ROOT = Path(__file__).resolve().parents[2]
PROVINCE = ROOT / "profiles" / "province"
DEMO = ROOT / "profiles" / "demo"

EXPECTED = {
    "Ủy ban nhân dân tỉnh Tiền Giang", "Văn phòng Ủy ban nhân dân tỉnh", "Sở Nội vụ",
    "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Sở Xây dựng",
    "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông",
    "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Thanh tra tỉnh",
    "Ban Quản lý các khu công nghiệp", "Ủy ban nhân dân thành phố Mỹ Tho",
    "Ủy ban nhân dân thị xã Gò Công", "Ủy ban nhân dân thị xã Cai Lậy",
    "Ủy ban nhân dân huyện Cái Bè", "Ủy ban nhân dân huyện Cai Lậy",
    "Ủy ban nhân dân huyện Châu Thành", "Ủy ban nhân dân huyện Chợ Gạo",
    "Ủy ban nhân dân huyện Gò Công Tây", "Ủy ban nhân dân huyện Gò Công Đông",
    "Ủy ban nhân dân huyện Tân Phước", "Ủy ban nhân dân huyện Tân Phú Đông",
}


def agencies(portal):
    return [b.getObject() for b in api.content.find(portal_type="Agency", unrestricted=True)]


def test_every_agency_of_the_quy_che(portal):
    created, total = load_province(portal, PROVINCE)
    assert created == total == 30
    found = agencies(portal)
    assert {a.title for a in found} == EXPECTED
    assert len({a.domain_abbr for a in found}) == 30
    assert portal["sttt"].notation_abbr == "STTTT"
    assert portal["ubndcb"].title == "Ủy ban nhân dân huyện Cái Bè"
    assert portal["ubndcl"].title != portal["ubndtxcl"].title


def test_registers_of_the_year(portal):
    load_province(portal, PROVINCE)
    year = vietnam_today().year
    for agency in agencies(portal):
        assert agency[f"den-{year}"].kind == "incoming"
        assert agency[f"di-{year}"].kind == "outgoing"
        assert agency[f"den-{year}"].year == year


def test_loading_twice_changes_nothing(portal):
    load_province(portal, PROVINCE)
    portal["sttt"].title = "Sở Thông tin và Truyền thông (đã sửa)"
    assert load_province(portal, PROVINCE) == (0, 30)
    assert portal["sttt"].title == "Sở Thông tin và Truyền thông (đã sửa)"


def test_demo_data(portal):
    load_province(portal, PROVINCE)
    load_demo(portal, DEMO)
    load_demo(portal, DEMO)  # idempotent
    year = vietnam_today().year
    sttt = portal["sttt"]
    assert sttt["vp"].notation_abbr == "VP"
    incoming = api.content.find(context=sttt[f"den-{year}"], portal_type="IncomingDocument",
                                unrestricted=True)
    assert sorted(b.arrival_number for b in incoming) == [1, 2, 3]
    issued = api.content.find(context=sttt[f"di-{year}"], review_state="issued",
                              unrestricted=True)
    assert [b.document_code for b in issued] == ["01/BC-STTTT"]
    assert "Clerk" in api.user.get_roles(username="vanthu", obj=sttt)
    assert "Leader" in api.user.get_roles(username="lanhdao", obj=sttt)
    assert "Staff" in api.user.get_roles(username="chuyenvien", obj=sttt)
    assert "Oversight" in api.user.get_roles(username="giamsat")
    # the issued report was delivered to the province's people's committee
    pending = api.content.find(context=portal["ubndtg"], review_state="pending",
                               unrestricted=True)
    assert [b.Title for b in pending] == [issued[0].Title]
