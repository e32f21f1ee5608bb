"""Bodies of REST requests the tests send: a registration and a file."""

import base64

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(name, data=PDF, content_type="application/pdf"):
    """A file field as plone.restapi reads it (base64)."""
    return {"data": base64.b64encode(data).decode(), "encoding": "base64",
            "filename": name, "content-type": content_type}


def incoming_body(**kw):
    """An incoming document's registration; ``kw`` overrides fields."""
    body = {
        "@type": "IncomingDocument",
        "title": "Công văn về việc triển khai ứng dụng công nghệ thông tin",
        "sender_name": "UBND tỉnh Tiền Giang",
        "code_number": "45",
        "code_notation": "UBND-VP",
        "doc_date": "2026-11-20",
        "doc_type": "cong_van",
    }
    body.update(kw)
    return body
