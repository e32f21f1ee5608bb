"""Support and requests (yêu cầu hỗ trợ, báo sự cố; Quy chế Điều 8.5,
9.1, 10.4, 6.1.c): the easyform at ``<site>/ho-tro`` and the tracked
requests it creates."""
