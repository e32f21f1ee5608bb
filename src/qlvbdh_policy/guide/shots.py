"""The screenshots the user guide shows and the browser tests take.

One list, read by both: the day-walk test saves each shot of ``DAY_SHOTS``
under ``screenshot_path`` while it walks a role's day on an agency host;
the site manager's shots (``SITE_SHOTS``, issue 22) are saved by the
Chromium test that changes a workflow through the web
(tests/workflow_guards/test_ttw_browser.py), at a desk's width only: the
ZMI is not made for a phone. The guide's pages show the same files by
name. A shot the guide names and its test no longer takes fails that
test, so the guide cannot show a page that has changed.
"""

from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

#: width in CSS pixels of each viewport a shot is taken at
WIDTHS = {"desktop": 1280, "phone": 390}

#: role id -> Vietnamese title, in the order the guide lists them
ROLES = {
    "van-thu": "Văn thư",
    "lanh-dao": "Lãnh đạo",
    "chuyen-vien": "Chuyên viên",
    "quan-tri": "Quản trị đơn vị",
    "giam-sat": "Giám sát",
    "quan-tri-he-thong": "Quản trị hệ thống",
}

#: the province's site managers (Quy chế Điều 10 khoản 2: the IT centre
#: runs the system): their page is theirs only (views.GuideView)
SITE_MANAGER = "quan-tri-he-thong"

#: (role, step, caption) in the order of a role's day
DAY_SHOTS = (
    ("van-thu", "dang-nhap", "Đăng nhập trên tên miền của đơn vị"),
    ("van-thu", "trang-chu", "Trang chủ của văn thư: các việc cần làm hôm nay"),
    ("van-thu", "vao-so", "Vào sổ văn bản đến"),
    ("van-thu", "so-van-ban", "Sổ văn bản đến sau khi vào sổ"),
    ("van-thu", "trinh", "Trình văn bản cho lãnh đạo"),
    ("van-thu", "phat-hanh", "Phát hành văn bản đi đã ký"),
    ("van-thu", "tiep-nhan", "Tiếp nhận văn bản điện tử từ cơ quan khác"),
    ("lanh-dao", "trang-chu", "Trang chủ của lãnh đạo"),
    ("lanh-dao", "phan-cong", "Phân công xử lý văn bản đến"),
    ("lanh-dao", "ky", "Ký duyệt dự thảo văn bản đi"),
    ("chuyen-vien", "viec-cua-toi", "Việc của tôi"),
    ("chuyen-vien", "xu-ly", "Xử lý văn bản được giao"),
    ("chuyen-vien", "du-thao", "Soạn dự thảo văn bản đi"),
    ("chuyen-vien", "tim-kiem", "Tìm kiếm văn bản"),
    ("quan-tri", "tai-khoan", "Quản lý tài khoản của đơn vị"),
    ("giam-sat", "thong-ke", "Số liệu sử dụng của tỉnh"),
)

#: the site manager's steps to add a step to a workflow (issue 22)
SITE_SHOTS = (
    (SITE_MANAGER, "sao-chep", "Sao chép quy trình trong ZMI"),
    (SITE_MANAGER, "them-buoc", "Thêm trạng thái và bước chuyển"),
    (SITE_MANAGER, "y-nghia", "Khai báo ý nghĩa của trạng thái (thẻ Variables)"),
    (SITE_MANAGER, "chinh-sach", "Tạo chính sách dùng bản sao"),
    (SITE_MANAGER, "chuyen-quy-trinh", "Chuyển quy trình của cơ quan"),
    (SITE_MANAGER, "pho-lanh-dao", "Chỉ định phó lãnh đạo cho ý kiến"),
    (SITE_MANAGER, "kiem-tra", "Kiểm tra quy trình"),
)

SHOTS = DAY_SHOTS + SITE_SHOTS

#: the viewports a role's shots are taken at, where not every width
VIEWPORTS = {SITE_MANAGER: ("desktop",)}


def viewports_of(role):
    return VIEWPORTS.get(role, tuple(WIDTHS))


def screenshot_name(role, step, viewport="desktop"):
    return f"{role}-{step}-{viewport}.png"


def screenshot_path(role, step, viewport="desktop"):
    return SCREENSHOTS / screenshot_name(role, step, viewport)


def shots_of(role):
    """The (step, caption) of one role's day, in order."""
    return [(step, caption) for r, step, caption in SHOTS if r == role]
