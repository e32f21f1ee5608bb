"""Which numbering series (hệ thống số) a document takes its number from.

NĐ 30/2020 Điều 15 and 22: incoming documents share one continuous series
per register (paper and electronic alike); outgoing administrative documents
share one series by default, or one per document type when the agency so
decides; each type of legal normative document has a series of its own.
"""

INCOMING = "incoming"
MODE_SINGLE = "single"
MODE_PER_TYPE = "per_type"
MODES = (MODE_SINGLE, MODE_PER_TYPE)


def series_key(register_kind, doc_type="", legal=False, mode=MODE_SINGLE):
    if register_kind == "incoming":
        return INCOMING
    if register_kind != "outgoing":
        raise ValueError(f"unknown register kind {register_kind!r}")
    if legal:
        if not doc_type:
            raise ValueError("a legal normative document needs its type")
        return f"legal:{doc_type}"
    if mode == MODE_PER_TYPE:
        return f"type:{doc_type or 'cong_van'}"
    if mode != MODE_SINGLE:
        raise ValueError(f"unknown numbering mode {mode!r}")
    return "administrative"
