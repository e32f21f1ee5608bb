"""The criteria of the document search (NĐ 30/2020 Phụ lục VI §III.6.d–h),
read from a query string and checked: every input field of a document can
be searched, the columns of the results are chosen, and so is their order.

Pure: the caller passes the choices a select may take (document types,
urgencies, states, handlers, registers) and turns a ``CriteriaRefused``
into the Vietnamese message of the form (its msgid and mapping).
"""

from collections import namedtuple
from qlvbdh_policy import _
from qlvbdh_policy.timeutil import format_date
from qlvbdh_policy.timeutil import read_date

import re

# the query-string names, as a saved search keeps them
TEXT_KEYS = ("text", "sender", "code", "signer")
CHOICE_KEYS = ("kind", "doc_type", "urgency", "state", "handler", "register")
DATE_RANGES = (("date_from", "date_to"), ("arrival_from", "arrival_to"),
               ("due_from", "due_to"))
DATE_KEYS = tuple(k for pair in DATE_RANGES for k in pair)
NUMBER_KEYS = ("arrival_number",)
ORDER_KEYS = ("sort", "order", "cols")
CRITERIA = TEXT_KEYS + CHOICE_KEYS + DATE_KEYS + NUMBER_KEYS
KEYS = CRITERIA + ORDER_KEYS

KINDS = ("IncomingDocument", "OutgoingDocument")
MAX_TEXT = 300
MAX_NUMBER_DIGITS = 9

# sort key → catalog index (the number is the register's: số đến, or the
# number an outgoing document was issued with)
SORTS = {"doc_date": "doc_date", "arrival_date": "arrival_date", "number": "book_number",
         "due_date": "due_date", "title": "sortable_title"}
SORT_TITLES = {"doc_date": _("Document date"), "arrival_date": _("Arrival date"),
               "number": _("Number"), "due_date": _("Deadline"), "title": _("Summary")}
ORDERS = ("desc", "asc")
DEFAULT_SORT, DEFAULT_ORDER = "doc_date", "desc"

# key, header msgid, share of the printed width
Column = namedtuple("Column", "key header width")
COLUMNS = (
    Column("kind", _("Incoming or outgoing"), 6),
    Column("arrival_number", _("Arrival number"), 5),
    Column("arrival_date", _("Arrival date"), 7),
    Column("code", _("Number and notation"), 10),
    Column("doc_date", _("Document date"), 7),
    Column("doc_type", _("Document type"), 8),
    Column("title", _("Summary"), 24),
    Column("issuer", _("Issuing agency"), 12),
    Column("signer", _("Signer"), 10),
    Column("urgency", _("Urgency"), 6),
    Column("due_date", _("Deadline"), 7),
    Column("state", _("Status"), 9),
    Column("receiver", _("Receiving unit or person"), 11),
    Column("recipients", _("Recipients"), 12),
    Column("register", _("Register"), 10),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
DEFAULT_COLUMNS = ("code", "doc_date", "title", "issuer", "due_date", "state")

FIELD_TITLES = {
    "text": _("Words, number or notation"), "sender": _("Issuing agency"),
    "code": _("Number and notation"), "signer": _("Signer"), "kind": _("Incoming or outgoing"),
    "doc_type": _("Document type"), "urgency": _("Urgency"), "state": _("Status"),
    "handler": _("Handler"), "register": _("Register"),
    "date_from": _("Document date from"), "date_to": _("Document date to"),
    "arrival_from": _("Arrival date from"), "arrival_to": _("Arrival date to"),
    "due_from": _("Deadline from"), "due_to": _("Deadline to"),
    "arrival_number": _("Arrival number"), "sort": _("Sort by"), "order": _("Sort direction"),
}

MSG_BAD_DATE = _("${field}: “${value}” is not a date; write it as dd/mm/yyyy.")
MSG_DATE_ORDER = _("${field}: the start date ${start} is after the end date ${end}.")
MSG_BAD_NUMBER = _("${field}: “${value}” is not a number; write a number (15) or a range (10-20).")
MSG_NUMBER_ORDER = _("${field}: the first number ${low} is greater than the last ${high}.")
MSG_BAD_CHOICE = _("${field}: “${value}” is not one of the choices.")
MSG_TOO_LONG = _("${field}: at most ${max} characters.")

_NUMBER = re.compile(r"^\s*(\d+)\s*(?:[-–—]\s*(\d+)\s*)?$")
_CONTROL = re.compile("[\x00-\x1f\x7f]")


class CriteriaRefused(ValueError):
    """A criterion that cannot be read: ``field`` is its key; ``msgid`` and
    ``mapping`` (with ``field`` a field-title msgid) the reason."""

    def __init__(self, field, msgid, **mapping):
        super().__init__(msgid)
        self.field, self.msgid = field, msgid
        self.mapping = {"field": FIELD_TITLES.get(field, field), **mapping}


def _first(value):
    """A query-string value: a string, or the first of a repeated name."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return value if isinstance(value, str) else ""


def parse_date(value, field):
    """dd/mm/yyyy (as clerks write) or yyyy-mm-dd (as date inputs send)."""
    try:
        return read_date(value)
    except ValueError:
        raise CriteriaRefused(field, MSG_BAD_DATE, value=value.strip()) from None


def parse_number_range(value, field):
    """'15' → (15, 15); '10-20' → (10, 20); '' → None."""
    value = value.strip()
    if not value:
        return None
    match = _NUMBER.match(value)
    if not match or any(len(g or "") > MAX_NUMBER_DIGITS for g in match.groups()):
        raise CriteriaRefused(field, MSG_BAD_NUMBER, value=value)
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) else low
    if low > high:
        raise CriteriaRefused(field, MSG_NUMBER_ORDER, low=low, high=high)
    return low, high


def parse_columns(value):
    """The chosen columns in the table's order: a repeated ``cols`` or one
    comma-separated value (a saved search); unknown keys are dropped; none
    chosen → the default columns."""
    if isinstance(value, str):
        value = value.split(",")
    chosen = {v.strip() for v in value or () if isinstance(v, str)}
    columns = tuple(k for k in COLUMN_KEYS if k in chosen)
    return columns or DEFAULT_COLUMNS


def read(form, choices=None):
    """The criteria of ``form`` (a request's form), checked.

    ``choices``: key → the values its select offers (doc_type, urgency,
    state, handler, register); a value outside them is refused, as is a
    kind other than incoming or outgoing. Returns a dict with every key of
    ``KEYS``: text as stripped strings, dates as ``date``, the arrival number
    as (low, high), ``cols`` as a tuple of column keys.
    :raises CriteriaRefused: the first criterion that cannot be read.
    """
    choices = dict(choices or {})
    choices["kind"] = KINDS
    out = {}
    for key in TEXT_KEYS:
        value = _CONTROL.sub(" ", _first(form.get(key))).strip()
        if len(value) > MAX_TEXT:
            raise CriteriaRefused(key, MSG_TOO_LONG, max=MAX_TEXT)
        out[key] = value
    for key in CHOICE_KEYS:
        value = _first(form.get(key)).strip()
        if value and key in choices and value not in choices[key]:
            raise CriteriaRefused(key, MSG_BAD_CHOICE, value=value[:100])
        out[key] = value
    for start_key, end_key in DATE_RANGES:
        start = parse_date(_first(form.get(start_key)), start_key)
        end = parse_date(_first(form.get(end_key)), end_key)
        if start and end and start > end:
            raise CriteriaRefused(start_key, MSG_DATE_ORDER, start=format_date(start),
                                  end=format_date(end))
        out[start_key], out[end_key] = start, end
    out["arrival_number"] = parse_number_range(_first(form.get("arrival_number")),
                                               "arrival_number")
    sort = _first(form.get("sort")).strip() or DEFAULT_SORT
    if sort not in SORTS:
        raise CriteriaRefused("sort", MSG_BAD_CHOICE, value=sort[:100])
    order = _first(form.get("order")).strip() or DEFAULT_ORDER
    if order not in ORDERS:
        raise CriteriaRefused("order", MSG_BAD_CHOICE, value=order[:100])
    out["sort"], out["order"] = sort, order
    out["cols"] = parse_columns(form.get("cols"))
    return out


def searched(criteria):
    """Whether any criterion narrows the search (sort and columns do not)."""
    return any(criteria.get(k) for k in CRITERIA)


def as_strings(criteria):
    """The criteria as a query string carries them (for links, saved
    searches): dates dd/mm/yyyy, the range '10-20', columns comma-separated
    when not the default; empty values left out."""
    out = {}
    for key in KEYS:
        value = criteria.get(key)
        if key in DATE_KEYS:
            value = format_date(value)
        elif key == "arrival_number" and value:
            low, high = value
            value = str(low) if low == high else f"{low}-{high}"
        elif key == "cols":
            value = ",".join(value) if value and tuple(value) != DEFAULT_COLUMNS else ""
        elif key == "sort" and value == DEFAULT_SORT:
            value = ""
        elif key == "order" and value == DEFAULT_ORDER:
            value = ""
        if value:
            out[key] = str(value)
    return out


def code_number_forms(value):
    """A number as clerks write it may be stored '3' or '03'."""
    number = int(value)
    return sorted({value, str(number), f"{number:02d}"})
