"""Pure rules of the reports laid out as administrative documents
(NĐ 30/2020 Phụ lục I): the place-and-date line and how a figure is
printed. No Zope import."""


def place_and_date(place, day):
    """"Tiền Giang, ngày 05 tháng 01 năm 2026" (Phụ lục I II.4.b: days
    below 10 and the months 1 and 2 take a leading zero)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


SHARES = frozenset({"delivery_feedback"})
NONE = "—"


def show_figure(value, key=None):
    """A figure as a page or a PDF prints it: a share as a percentage with
    a decimal comma, an average with one decimal, a missing one (no
    document to average or share) as a dash."""
    if value is None:
        return NONE
    if key in SHARES:
        return f"{value * 100:.1f} %".replace(".", ",")
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def sheet_figure(value):
    """A figure as a sheet holds it: a number stays a number (a share as
    its fraction, formatted as a percentage), a missing one is a dash."""
    return NONE if value is None else value
