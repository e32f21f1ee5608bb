"""The user guide's prose, in Vietnamese (Quy chế Điều 10.2).

This is content, like a manual's pages, not the interface's labels: it is
written here in Vietnamese and not run through the message catalog. What
it names of the interface (a button, a field, a list) is written
``[[msgid]]``: the English message id of that label, which the guide shows
translated, exactly as the page itself does. A label renamed in the
interface is renamed in the guide; a label that no longer exists fails
the guide's test (tests/browser/test_guide.py), so the prose cannot name a button
that is gone.

Steps are keyed by (role, step) of ``shots.SHOTS``: the guide walks the
shots, never a list of its own. The figures of the login rules come from
the rules themselves.
"""

from qlvbdh_policy.guide import workflow_text
from qlvbdh_policy.rules.login_attempts import LOCK
from qlvbdh_policy.rules.login_attempts import MAX_FAILURES

LOCK_MINUTES = int(LOCK.total_seconds() // 60)

#: what the system is, at the top of the guide's first page
INTRO = (
    "Hệ thống quản lý văn bản và điều hành (QLVBĐH) của tỉnh là một phần mềm "
    "dùng chung, cài đặt tập trung (Quy chế 03/2014/QĐ-UBND, Điều 5). Mỗi cơ "
    "quan làm việc trên tên miền riêng của mình, dạng <tên viết tắt>.vpdtg.vn "
    "(Điều 6 khoản 1), và chỉ thấy văn bản của mình cùng văn bản được gửi đến.",
    "Văn thư vào sổ văn bản đến và phát hành văn bản đi; lãnh đạo phân công "
    "và ký duyệt; chuyên viên xử lý văn bản được giao và soạn dự thảo. Văn "
    "bản đi giữa các cơ quan trong tỉnh được gửi điện tử và đến thẳng hàng "
    "chờ tiếp nhận của cơ quan nhận.",
    "Chọn vai trò của bạn bên dưới để xem từng bước làm việc trong ngày, "
    "kèm ảnh chụp màn hình. Các ảnh được chụp tự động mỗi khi hệ thống được "
    "kiểm thử, nên luôn khớp với giao diện đang dùng.",
)

#: role id -> who the role's page is for
ROLE_INTROS = {
    "van-thu": "Văn thư cơ quan: tiếp nhận và vào sổ văn bản đến, trình lãnh "
               "đạo, cấp số và phát hành văn bản đi, in và đóng sổ.",
    "lanh-dao": "Lãnh đạo cơ quan: cho ý kiến chỉ đạo, phân công xử lý văn "
                "bản đến, theo dõi hạn giải quyết và ký ban hành văn bản đi.",
    "chuyen-vien": "Cán bộ, chuyên viên và lãnh đạo phòng: xử lý văn bản "
                   "được giao, soạn dự thảo văn bản đi, tìm kiếm văn bản.",
    "quan-tri": "Cán bộ quản trị của cơ quan: cấp, khóa và thu hồi tài khoản, "
                "phân quyền cho cán bộ trong cơ quan.",
    "giam-sat": "Sở Thông tin và Truyền thông, Trung tâm Công nghệ thông tin "
                "và Truyền thông: theo dõi tình hình sử dụng hệ thống của "
                "các cơ quan trong tỉnh.",
    workflow_text.SITE_MANAGER: workflow_text.INTRO,
}

#: the login help, readable before logging in (shown with the login shots)
LOGIN = (
    "Mở địa chỉ của cơ quan bạn, ví dụ sttt.vpdtg.vn cho Sở Thông tin và "
    "Truyền thông, rồi nhập tên tài khoản và mật khẩu được cấp. Tên tài khoản "
    "là họ tên đầy đủ viết liền, không dấu, ví dụ leminhhieu (Quy chế Điều 6 "
    "khoản 2).",
    "Lần đăng nhập đầu tiên, hệ thống yêu cầu đổi mật khẩu được cấp. Hãy giữ "
    "bí mật tài khoản, không cho người khác biết (Quy chế Điều 8 khoản 2).",
    f"Nhập sai mật khẩu {MAX_FAILURES} lần liên tiếp thì tài khoản bị khóa "
    f"{LOCK_MINUTES} phút. Tài "
    "khoản của cơ quan khác không đăng nhập được trên tên miền của cơ quan "
    "bạn. Quên mật khẩu: nhờ cán bộ quản trị của cơ quan cấp lại.",
)

#: (role, step) -> paragraphs of the step
STEPS = {
    ("van-thu", "dang-nhap"): LOGIN[:1] + (
        "Sau khi đăng nhập, bạn về trang chủ của cơ quan. Liên kết "
        "“Hướng dẫn sử dụng” ở cuối mỗi trang dẫn thẳng đến hướng dẫn cho "
        "vai trò của bạn.",
    ),
    ("van-thu", "trang-chu"): (
        "Trang chủ cho biết các việc đang chờ bạn, mỗi ô là một liên kết đến "
        "danh sách tương ứng: [[Submit to the leader]], [[Waiting for "
        "acceptance]] (văn bản các cơ quan trong tỉnh gửi điện tử đến), "
        "[[Registered today]].",
        "Bên dưới là các [[Registers]] của năm: sổ văn bản đến và sổ văn bản "
        "đi. Toàn bộ việc cần làm nằm trong [[My work]] trên thanh điều hướng.",
    ),
    ("van-thu", "vao-so"): (
        "Mở sổ văn bản đến của năm, bấm [[Register a document]]. Nhập ngày "
        "đến, tác giả (cơ quan ban hành; chọn trong danh sách nếu là cơ quan "
        "trong tỉnh), số, ký hiệu, ngày tháng văn bản, loại văn bản, trích "
        "yếu, độ khẩn, đính kèm [[Main file]] rồi bấm Lưu.",
        "Số đến do hệ thống cấp, liên tiếp theo thứ tự tiếp nhận trong năm, "
        "bắt đầu từ 01 ngày 01 tháng 01 (Nghị định 30/2020/NĐ-CP, Điều 22 "
        "khoản 2); không tự đánh số. Ngày đến phải thuộc năm của sổ.",
        "Hệ thống từ chối văn bản mật (Mật, Tối mật, Tuyệt mật) và đơn thư "
        "tranh chấp, khiếu nại, tố cáo: các văn bản này không được cập nhật "
        "vào hệ thống (Quy chế Điều 3 khoản 2), hãy xử lý theo đường giấy.",
        "Nếu văn bản có vẻ đã được vào sổ (cùng số, ký hiệu, tác giả), hệ "
        "thống báo và chỉ vào sổ khi bạn chọn [[Register anyway]].",
    ),
    ("van-thu", "so-van-ban"): (
        "Sổ đăng ký văn bản đến hiển thị đủ 10 cột theo mẫu Phụ lục IV Nghị "
        "định 30/2020/NĐ-CP. Lọc theo ngày, loại, tác giả, độ khẩn, trạng "
        "thái rồi bấm [[Filter]]; bấm [[Follow-up register]] để xem hạn và "
        "tiến độ giải quyết.",
        "Cuối ngày bấm [[Print]] hoặc [[PDF]] để in sổ ký nhận; [[Export to "
        "XLSX]] để báo cáo (Quy chế Điều 8 khoản 3). Hết năm, [[Close the "
        "register]] ghi lại số cuối cùng; năm mới dùng sổ mới, số lại bắt "
        "đầu từ 01.",
    ),
    ("van-thu", "trinh"): (
        "Mở văn bản vừa vào sổ, bấm [[Submit to the leader]], ghi ý kiến "
        "nếu cần rồi bấm Lưu. Văn bản phải được trình trong ngày, chậm nhất "
        "là ngày làm việc tiếp theo; văn bản khẩn trình ngay (Nghị định "
        "30/2020/NĐ-CP, Điều 23 khoản 1).",
        "Văn bản gửi nhầm nơi nhận: bấm [[Return to the sender]] và ghi rõ "
        "lý do.",
    ),
    ("van-thu", "phat-hanh"): (
        "Văn bản đi đã được lãnh đạo ký nằm trong [[My work]] với việc "
        "[[Issue]]. Mở văn bản, kiểm tra tệp đã ký và nơi nhận, bấm "
        "[[Issue]] rồi bấm Lưu.",
        "Hệ thống cấp số và ký hiệu (ví dụ 05/QĐ-STTTT), đăng ký vào sổ văn "
        "bản đi và gửi điện tử đến các cơ quan nhận trong tỉnh; thông báo "
        "ghi rõ số đã cấp. Số văn bản đi bắt đầu từ 01 vào ngày 01 tháng 01 "
        "hằng năm (Nghị định 30/2020/NĐ-CP, Điều 15). Văn bản phát hành "
        "trong ngày ký, chậm nhất là ngày làm việc tiếp theo (Điều 18).",
        "Văn bản giấy cũng phải kèm văn bản điện tử (Quy chế Điều 7 khoản "
        "1): không có tệp thì không phát hành được. Mục [[Delivery to "
        "agencies of the province]] cho biết từng cơ quan đã nhận hay trả "
        "lại.",
    ),
    ("van-thu", "tiep-nhan"): (
        "Văn bản các cơ quan trong tỉnh gửi điện tử nằm ở [[Waiting for "
        "acceptance]]. Kiểm tra văn bản, bấm [[Accept into a register]], "
        "chọn sổ rồi bấm Lưu: văn bản được vào sổ và cấp số đến, cơ quan gửi "
        "thấy ngay trạng thái đã nhận (Nghị định 30/2020/NĐ-CP, Điều 21 "
        "khoản 2).",
        "Văn bản gửi sai nơi nhận hoặc không toàn vẹn: bấm [[Return to the "
        "sender]] và ghi lý do.",
    ),
    ("lanh-dao", "trang-chu"): (
        "Trang chủ của lãnh đạo cho biết văn bản chờ phân công, dự thảo chờ "
        "ký và [[Overdue in the agency]]; bấm vào từng ô để mở danh sách.",
        "[[My work]] liệt kê mọi việc đang chờ bạn, việc quá hạn lên đầu.",
    ),
    ("lanh-dao", "phan-cong"): (
        "Mở văn bản văn thư đã trình, bấm [[Assign]]; tệp văn bản hiện ngay "
        "bên cạnh. Chọn [[Main handler]] (một người, hoặc một phòng để "
        "trưởng phòng giao tiếp; danh sách xếp theo phòng, không ai được chọn "
        "sẵn), [[Co-handlers]] và người nhận [[For information]], đặt "
        "[[Deadline]] và ghi [[Direction]], rồi bấm Lưu. Văn bản chưa đủ "
        "thông tin: chọn “Trả lại văn thư” và ghi lý do; văn bản thuộc lãnh "
        "đạo khác: chọn “Chuyển lãnh đạo khác”.",
        "Văn bản liên quan nhiều đơn vị phải xác định rõ đơn vị chủ trì, "
        "phối hợp và thời hạn giải quyết (Nghị định 30/2020/NĐ-CP, Điều 23 "
        "khoản 2). Ý kiến chỉ đạo được ghi vào [[Processing trail]] và phiếu "
        "giải quyết văn bản đến.",
    ),
    ("lanh-dao", "ky"): (
        "Dự thảo chờ ký nằm trong [[My work]] với việc [[Sign]]. Mở dự thảo, "
        "xem tệp, rồi bấm [[Sign]] và Lưu; văn thư sẽ cấp số và phát hành.",
        "Cần sửa: bấm [[Send back for correction]] và ghi ý kiến; dự thảo "
        "trở về người soạn.",
    ),
    ("chuyen-vien", "viec-cua-toi"): (
        "[[My work]] là danh sách việc đang chờ bạn: văn bản được giao xử "
        "lý, phối hợp, để biết, dự thảo cần hoàn thiện. Việc quá hạn có chữ "
        "[[overdue]] màu đỏ, việc [[due soon]] được đánh dấu.",
        "Con số bên cạnh [[My work]] trên thanh điều hướng là số việc đang "
        "chờ.",
    ),
    ("chuyen-vien", "xu-ly"): (
        "Mở văn bản được giao, đọc ý kiến chỉ đạo và hạn giải quyết. Bấm "
        "[[Start handling]] khi bắt đầu; [[Forward]] nếu cần chuyển cho người "
        "khác (lãnh đạo phòng giao cho chuyên viên trong phòng).",
        "Xong việc, bấm [[Complete]], ghi [[Result]], chọn [[Reply document]] "
        "nếu có, rồi bấm Lưu. Văn bản khẩn phải được giải quyết ngay (Nghị "
        "định 30/2020/NĐ-CP, Điều 24 khoản 2). Văn bản để biết: bấm [[I have "
        "read it]].",
    ),
    ("chuyen-vien", "du-thao"): (
        "Mở sổ văn bản đi của năm, bấm [[Register a document]]: trang "
        "[[Draft an outgoing document]] mở ra. Nhập loại, trích yếu, người "
        "ký, [[Drafting department]], [[Recipient agencies in the "
        "province]], đính kèm tệp dự thảo rồi bấm Lưu. Số văn bản chỉ được "
        "cấp khi văn thư phát hành.",
        "Bấm [[Submit for review]] để trình lãnh đạo phòng; lãnh đạo phòng "
        "bấm [[Approve and submit for signature]]. Các loại văn bản tại Quy "
        "chế Điều 3 khoản 3 (báo cáo định kỳ, giấy mời, lịch công tác...) "
        "được chọn sẵn [[Electronic only]].",
    ),
    ("chuyen-vien", "tim-kiem"): (
        "Bấm [[Search documents]] (hoặc ô tìm kiếm ở đầu trang). Gõ từ khóa, "
        "số hoặc ký hiệu, có dấu hoặc không dấu đều được: “uy ban” tìm thấy "
        "“Ủy ban”. Nội dung tệp PDF, kể cả bản quét, cũng được tìm.",
        "Thu hẹp theo loại sổ và khoảng ngày, bấm [[Save this search]] để "
        "dùng lại.",
    ),
    ("quan-tri", "tai-khoan"): (
        "Trên trang chủ cơ quan, bấm ô [[Accounts]]. Ở mục [[New account]], "
        "nhập họ tên, năm sinh, thư điện tử, vai trò, phòng ban rồi bấm "
        "[[Create account]]. Để trống [[Account name]] thì hệ thống tự đặt "
        "theo họ tên không dấu, khi trùng thì theo thứ tự của Quy chế Điều 6 "
        "khoản 2; mật khẩu dùng một lần hiện ra một lần để giao cho cán bộ.",
        "Đổi vai trò, phòng ban rồi bấm Lưu; [[Disable]] khi cán bộ nghỉ "
        "việc; [[New one-time password]] khi cán bộ quên mật khẩu; [[Unlock]] "
        "tài khoản bị khóa (Quy chế Điều 8 khoản 4). Nhiều cán bộ một lúc: "
        "dùng mục [[Import accounts]] với tệp CSV hoặc XLSX.",
    ),
    ("giam-sat", "thong-ke"): (
        "Trên tên miền chung của tỉnh, mở trang [[Usage statistics]] (địa "
        "chỉ vpdtg.vn/@@usage-statistics) để xem số liệu "
        "từng cơ quan và toàn tỉnh trong kỳ chọn (gõ Từ ngày, Đến ngày dạng "
        "dd/mm/yyyy, hoặc bấm tháng, quý, 6 tháng, năm): văn bản đến đã vào "
        "sổ (nhận điện tử, từ bản giấy), giải quyết đúng hạn, quá hạn, đang "
        "giải quyết, văn bản đi đã phát hành, tỷ lệ phản hồi trong ngày, "
        "tài khoản và lượt đăng nhập. Tài khoản giám sát xem số liệu, không "
        "xem nội dung văn bản.",
        "Số liệu dùng cho báo cáo định kỳ 6 tháng, cả năm của Sở Thông tin "
        "và Truyền thông (Quy chế Điều 10 khoản 3, Điều 13).",
    ),
}

#: (question, answer) pairs of the FAQ
FAQ = (
    ("Tôi quên mật khẩu hoặc tài khoản bị khóa?",
     f"Tài khoản bị khóa sau {MAX_FAILURES} lần nhập sai và tự mở sau "
     f"{LOCK_MINUTES} phút. Quên mật "
     "khẩu: nhờ cán bộ quản trị của cơ quan cấp mật khẩu dùng một lần, rồi "
     "đổi mật khẩu khi đăng nhập."),
    ("Vì sao không vào sổ được văn bản này?",
     "Văn bản mật và đơn thư tranh chấp, khiếu nại, tố cáo không được cập "
     "nhật vào hệ thống (Quy chế Điều 3 khoản 2). Ngày đến phải thuộc năm "
     "của sổ, sổ đã đóng thì không vào sổ thêm được."),
    ("Số văn bản có bắt đầu lại mỗi năm không?",
     "Có. Số đến và số văn bản đi bắt đầu từ 01 vào ngày 01 tháng 01 và "
     "liên tiếp đến ngày 31 tháng 12 (Nghị định 30/2020/NĐ-CP, Điều 15, "
     "Điều 22); hệ thống tự cấp, không bỏ sót, không trùng."),
    ("Tôi không thấy văn bản của cơ quan khác?",
     "Mỗi cơ quan chỉ thấy văn bản của mình và văn bản được gửi đến mình. "
     "Hãy đăng nhập trên tên miền của cơ quan bạn."),
    ("Văn bản nào chỉ gửi điện tử?",
     "Báo cáo định kỳ, giấy mời họp, lịch công tác, tài liệu họp, dự thảo "
     "xin ý kiến, bản sao, văn bản đã ký số... (Quy chế Điều 3 khoản 3). "
     "Văn bản giấy phát hành cũng phải kèm văn bản điện tử (Điều 7 khoản 1)."),
)

#: what the support section says (the contact comes from the site's settings)
SUPPORT = (
    "Trung tâm Công nghệ thông tin và Truyền thông tổ chức đào tạo, hướng "
    "dẫn sử dụng và khắc phục sự cố của hệ thống (Quy chế Điều 10 khoản 2, "
    "khoản 4). Trong cơ quan, hãy hỏi cán bộ quản trị trước."
)

#: (role, step) -> (the page's path, where it is: "agency", "portal" or
#: "any"): a step whose page the reader can open from the guide
STEP_PAGES = {
    ("van-thu", "trang-chu"): ("", "agency"),
    ("lanh-dao", "trang-chu"): ("", "agency"),
    ("chuyen-vien", "viec-cua-toi"): ("@@my-work", "any"),
    ("chuyen-vien", "tim-kiem"): ("@@search-documents", "any"),
    ("quan-tri", "tai-khoan"): ("@@accounts", "agency"),
    ("giam-sat", "thong-ke"): ("@@usage-statistics", "portal"),
}

# the site manager's page (issue 22), written in its own module
STEPS.update(workflow_text.STEPS)
STEP_PAGES.update(workflow_text.STEP_PAGES)
