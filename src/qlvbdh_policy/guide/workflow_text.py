"""The site manager's page of the user guide: adding a step to a workflow
through the web, switching an agency's policy, naming a deputy and
checking the result (issue 22; Quy chế Điều 10 khoản 2: the IT centre
runs the system and guides its use).

Content in Vietnamese like guide/text.py, keyed by the steps of
``shots.SITE_SHOTS``; ``[[msgid]]`` names a label of the interface. The
state variables and their values are listed from ``VARIABLES``, whose
values the guide's test holds equal to what the system reads
(rules/state_meanings.py), so the guide cannot offer a value the system
ignores.
"""

from qlvbdh_policy.guide.shots import SITE_MANAGER

INTRO = (
    "Cán bộ quản trị hệ thống của Trung tâm Công nghệ thông tin và Truyền "
    "thông: thêm bước vào quy trình xử lý văn bản, chuyển quy trình của một cơ "
    "quan, chỉ định phó lãnh đạo cho ý kiến và kiểm tra kết quả, ngay trên "
    "trình duyệt, không cần sửa mã nguồn."
)

#: (variable, what it says, ((value, what the value means), …)) in the
#: order of the ZMI's Variables tab; "role:"/"group:" values are patterns
VARIABLES = (
    ("waiting_for", "Ai phải xử lý văn bản ở trạng thái này: văn bản hiện trong "
                    "[[My work]] của người đó.", (
        ("clerk", "văn thư của cơ quan"),
        ("leader", "lãnh đạo cơ quan"),
        ("handler", "người xử lý chính đã được phân công"),
        ("drafter", "người soạn dự thảo văn bản đi"),
        ("reviewer", "lãnh đạo phòng duyệt dự thảo"),
        ("role:DeputyLeader", "mọi người giữ vai trò này trong cơ quan; vai trò "
                              "DeputyLeader là của nhóm <tên viết tắt>-deputies"),
        ("group:deputies", "nhóm <tên viết tắt>-deputies của chính cơ quan có văn bản"),
        ("nobody", "không ai phải xử lý (văn bản đã xong hoặc đã dừng)"),
    )),
    ("task", "Tên việc hiện trong [[My work]].", (
        ("accept", "[[Accept or return]]"),
        ("submit", "[[Submit to the leader]]"),
        ("assign", "[[Direct]]"),
        ("opinion", "[[Give an opinion]]"),
        ("handle", "[[Handle]]"),
        ("file", "[[File the document]]"),
        ("draft", "[[Finish the draft]]"),
        ("review", "[[Review the draft]]"),
        ("sign", "[[Sign]]"),
        ("issue", "[[Issue]]"),
    )),
    ("phase", "Giai đoạn của văn bản, dùng cho sổ, tìm kiếm và số liệu thống kê.", (
        ("new", "mới đến, chưa vào sổ (chờ tiếp nhận)"),
        ("in_hand", "đang giải quyết: được tính là “đang giải quyết” trong thống kê"),
        ("done", "đã giải quyết xong hoặc đã phát hành"),
        ("stopped", "đã trả lại hoặc bị thu hồi"),
    )),
    ("in_book", "Văn bản ở trạng thái này có nằm trong sổ đăng ký và bộ lọc trạng "
                "thái của sổ không.", (
        ("True", "có: văn bản đã vào sổ (hoặc đã cấp số đi)"),
        ("False", "không: văn bản chưa vào sổ"),
    )),
    ("counts_overdue", "Quá hạn giải quyết thì văn bản có bị tính là quá hạn không.", (
        ("True", "có: hiện chữ quá hạn và được tính vào số quá hạn"),
        ("False", "không tính"),
    )),
)

STEPS = {
    (SITE_MANAGER, "sao-chep"): (
        "Không sửa quy trình có sẵn của hệ thống; hãy làm trên một bản sao. Đăng "
        "nhập tài khoản quản trị, mở công cụ quản lý Zope (ZMI) tại địa chỉ "
        "vpdtg.vn/portal_workflow/manage_main, đánh dấu quy trình cần sao chép "
        "(ví dụ qlvbdh_incoming_workflow của văn bản đến), bấm Copy rồi Paste: "
        "bản sao có tên copy_of_qlvbdh_incoming_workflow.",
        "Các cơ quan đang dùng quy trình gốc không bị ảnh hưởng cho đến khi bạn "
        "chuyển cơ quan sang bản sao (bước 5).",
    ),
    (SITE_MANAGER, "them-buoc"): (
        "Mở bản sao. Ở thẻ States, gõ mã trạng thái mới (chữ thường không dấu, ví "
        "dụ cho_y_kien) rồi bấm Add; ở thẻ Transitions, thêm các bước chuyển vào "
        "và ra khỏi trạng thái đó (ví dụ xin_y_kien và cho_y_kien_xong).",
        "Với mỗi bước chuyển, ở thẻ Properties: Title là tên nút bấm bằng tiếng "
        "Việt (“Xin ý kiến phó giám đốc”), Destination state là trạng thái đích, "
        "Trigger type chọn Initiated by user action; Display in actions box: Name giống Title, "
        "URL là %(content_url)s/@@step?transition=<mã bước chuyển>, Category là "
        "workflow. Guard, mục Roles, ghi vai trò được bấm nút: Leader cho lãnh "
        "đạo, DeputyLeader cho phó lãnh đạo cho ý kiến.",
        "Ở thẻ Properties của trạng thái mới, đặt Title (“Chờ phó giám đốc cho ý "
        "kiến”) và đánh dấu các bước chuyển ra khỏi nó; ở trạng thái đứng trước "
        "(“Trình lãnh đạo”, mã submitted), đánh dấu thêm bước chuyển vào. Ở thẻ "
        "Permissions của trạng thái mới, đặt quyền như trạng thái đứng trước và "
        "cho vai trò DeputyLeader quyền View để phó lãnh đạo đọc được văn bản.",
        "Hệ thống không cho xóa trạng thái, bước chuyển hay chính sách mà văn bản "
        "đang dùng: trang báo có bao nhiêu văn bản ở đó.",
    ),
    (SITE_MANAGER, "y-nghia"): (
        "Ở thẻ Variables của trạng thái mới, chọn từng biến, gõ giá trị rồi bấm "
        "Add. Các biến cho hệ thống biết trạng thái có nghĩa gì, nên [[My "
        "work]], sổ văn bản, tìm kiếm theo trạng thái và số liệu thống kê nhận "
        "ra trạng thái mới mà không cần sửa mã nguồn. Các biến và giá trị dùng "
        "được liệt kê ngay dưới đây.",
        "Ví dụ trạng thái “Chờ phó giám đốc cho ý kiến”: waiting_for = "
        "role:DeputyLeader, task = opinion, phase = in_hand, in_book = True, "
        "counts_overdue = True. Giá trị gõ sai được báo trên trang [[Workflow "
        "check]].",
    ),
    (SITE_MANAGER, "chinh-sach"): (
        "Mỗi cơ quan dùng một chính sách quy trình: chính sách cho biết mỗi loại "
        "văn bản theo quy trình nào. Vào Cài đặt trang › Chính sách quy trình "
        "(vpdtg.vn/@@workflow-policies-controlpanel), tạo chính sách mới sao "
        "chép từ “Cơ quan: lãnh đạo chỉ đạo” (qlvbdh_standard).",
        "Ở trang ánh xạ của chính sách mới, đặt tiêu đề tiếng Việt và chọn bản "
        "sao cho Văn bản đến, rồi bấm Lưu. Chỉ các chính sách của hệ thống và bản "
        "sao của chúng được đưa ra cho cơ quan.",
    ),
    (SITE_MANAGER, "chuyen-quy-trinh"): (
        "Mở trang [[Workflow policy]] của cơ quan (địa chỉ <cơ "
        "quan>/@@workflow-policy, hoặc liên kết [[Workflow policy of the agency]] "
        "trên trang [[Workflow check]]). Trang cho biết chính sách đang áp dụng và số "
        "văn bản ở mỗi trạng thái. Chọn chính sách mới trong [[Workflow policy]], "
        "bấm [[Choose]].",
        "Mỗi văn bản giữ nguyên trạng thái nếu quy trình mới có trạng thái cùng "
        "mã. Trạng thái quy trình mới không có (ví dụ khi chuyển về quy trình gốc "
        "lúc còn văn bản chờ phó giám đốc cho ý kiến) phải được chọn trạng thái "
        "thay thế trong bảng ánh xạ; chưa chọn thì hệ thống từ chối và không thay "
        "đổi gì. Bấm nút chuyển: mọi văn bản được cập nhật trạng thái, người phải "
        "xử lý, quyền truy cập, và ghi vào [[Processing trail]].",
        "Có thể chuyển qua giao diện lập trình: POST <cơ quan>/@workflow-policy "
        "với {\"policy\": \"<mã chính sách>\", \"mapping\": {\"<trạng thái cũ>\": "
        "\"<trạng thái mới>\"}}.",
    ),
    (SITE_MANAGER, "pho-lanh-dao"): (
        "Trạng thái chờ phó lãnh đạo cho ý kiến cần có người trong nhóm <tên "
        "viết tắt>-deputies của cơ quan (ví dụ sttt-deputies, tên “Phó lãnh đạo "
        "cho ý kiến”). Vào Cài đặt trang › Người dùng và nhóm › Nhóm, mở nhóm "
        "đó, tìm cán bộ theo tên, đánh dấu rồi bấm thêm vào nhóm.",
        "Cán bộ trong nhóm có vai trò DeputyLeader trong cơ quan: văn bản chờ ý "
        "kiến hiện trong [[My work]] của họ với việc [[Give an opinion]], và họ "
        "bấm được nút chuyển có Guard là DeputyLeader. Cán bộ cần đồng thời là "
        "cán bộ của cơ quan để đọc được văn bản.",
    ),
    (SITE_MANAGER, "kiem-tra"): (
        "Mở [[Workflow check]] (vpdtg.vn/@@kiem-tra-quy-trinh, hoặc trên trang "
        "của cơ quan). Trang liệt kê theo từng cơ quan các văn bản bị kẹt (không "
        "ai có mặt bấm được bước nào để đi tiếp) và các trạng thái không ai phải "
        "xử lý.",
        "Ví dụ: văn bản đang chờ phó giám đốc cho ý kiến nhưng nhóm phó lãnh đạo "
        "chưa có ai thì bị báo kẹt; chỉ định phó lãnh đạo xong, mở lại trang, văn "
        "bản không còn trong danh sách. Sau mỗi thay đổi, hãy kiểm tra thêm [[My "
        "work]] của người phải xử lý, bộ lọc trạng thái của sổ, tìm kiếm theo "
        "trạng thái và số liệu thống kê.",
    ),
}

#: (role, step) -> (the page's path, where it is), as text.STEP_PAGES
STEP_PAGES = {
    (SITE_MANAGER, "sao-chep"): ("portal_workflow/manage_main", "portal"),
    (SITE_MANAGER, "chinh-sach"): ("@@workflow-policies-controlpanel", "portal"),
    (SITE_MANAGER, "chuyen-quy-trinh"): ("@@workflow-policy", "agency"),
    (SITE_MANAGER, "kiem-tra"): ("@@kiem-tra-quy-trinh", "any"),
}

#: the step whose section lists the variables
VARIABLES_STEP = (SITE_MANAGER, "y-nghia")
