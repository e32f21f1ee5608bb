"""Số và ký hiệu văn bản (NĐ 30/2020, Phụ lục I, mục II.3–4).

  administrative:      05/QĐ-STTTT      (number/type-agency)
  công văn (no abbr):  123/STTTT-VP     (number/agency-drafting department)
  legal normative:     03/2014/QĐ-UBND  (number/year/type-agency)
"""

KIND_ADMINISTRATIVE = "administrative"
KIND_LEGAL = "legal"


def format_number(number):
    """Numbers below 10 take a leading zero: 5 -> '05', 123 -> '123'."""
    number = int(number)
    if number < 1:
        raise ValueError("số văn bản phải từ 01 trở lên")
    return f"{number:02d}"


def code_notation(agency_abbr, type_abbr="", department_abbr="", kind=KIND_ADMINISTRATIVE):
    """The ký hiệu: what follows the number (and the year, for legal ones)."""
    if not agency_abbr:
        raise ValueError("thiếu chữ viết tắt tên cơ quan ban hành")
    if kind == KIND_LEGAL:
        if not type_abbr:
            raise ValueError("văn bản quy phạm pháp luật phải có chữ viết tắt tên loại")
        return f"{type_abbr}-{agency_abbr}"
    if type_abbr:
        return f"{type_abbr}-{agency_abbr}"
    # Công văn: agency, then the drafting unit when there is one.
    return f"{agency_abbr}-{department_abbr}" if department_abbr else agency_abbr


def full_code(number, notation, year=None, kind=KIND_ADMINISTRATIVE):
    """'05/QĐ-STTTT', or '03/2014/QĐ-UBND' for a legal normative document."""
    if kind == KIND_LEGAL:
        if not year:
            raise ValueError("văn bản quy phạm pháp luật phải ghi năm ban hành")
        return f"{format_number(number)}/{int(year)}/{notation}"
    return f"{format_number(number)}/{notation}"
