"""What the body of a JSON API write must be: UTF-8 text (RFC 8259 §8.1)
holding one JSON object (RFC 8259 §4) whose nesting stays within
``MAX_DEPTH`` levels.

Every write of the site's REST API (plone.restapi's content POST/PATCH,
@workflow, and this project's services) reads its fields from a JSON
object. Anything else used to reach ``json.loads`` deep inside a service
and answer HTTP 500: a body that is no JSON, a JSON array or string,
invalid UTF-8, or JSON nested so deep that the parser's recursion blew up
(``RecursionError``). ``body_refusal`` names what is wrong instead, in
an English msgid the interface layer translates, before anything is parsed
recursively; ``parse_object`` returns the object or raises ``BodyError``.

The nesting is counted on the parsed object; a body nested beyond the
parser's own recursion limit (Python's C scanner stops safely with
``RecursionError``) is refused as too deep as well.
"""

from qlvbdh_policy import _
from qlvbdh_policy.rules.forgery import is_json
from qlvbdh_policy.rules.refusals import Refusal

import json

MAX_DEPTH = 100
RULE = "RFC 8259 (JSON): a UTF-8 JSON object"

MSG_NOT_UTF8 = _("The request body is not valid UTF-8 text (byte ${position}).")
MSG_NOT_JSON = _(
    "The request body is not valid JSON (line ${line}, column ${column}): "
    "send a JSON object with Content-Type: application/json."
)
MSG_FORM_NOT_JSON = _(
    "The request body is form data (${content_type}), not JSON: send a JSON "
    "object with Content-Type: application/json."
)
MSG_TOO_DEEP = _("The request body's JSON is nested more than ${limit} levels deep.")
MSG_ARRAY = _("The request body is a JSON array; send a JSON object ({…}) with the fields.")
MSG_STRING = _("The request body is a JSON string; send a JSON object ({…}) with the fields.")
MSG_NUMBER = _("The request body is a JSON number; send a JSON object ({…}) with the fields.")
MSG_BOOLEAN = _("The request body is true or false; send a JSON object ({…}) with the fields.")
MSG_NULL = _("The request body is null; send a JSON object ({…}) with the fields.")
NOT_OBJECT = {list: MSG_ARRAY, str: MSG_STRING, int: MSG_NUMBER, float: MSG_NUMBER,
              bool: MSG_BOOLEAN, type(None): MSG_NULL}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

MSG_MEDIA_NOT_JSON = _(
    "The request body is ${content_type}, not JSON: send a JSON object with "
    "Content-Type: application/json."
)

#: HTTP's answer to a body of a type the service does not read (RFC 9110 §15.5.16)
STATUS_MEDIA_NOT_JSON = 415
MSG_XML_SAID_JSON = _(
    "The request body is XML but its Content-Type says ${content_type}: send it with "
    "Content-Type: application/xml (or a JSON object with Content-Type: "
    "application/json).")


class BodyError(ValueError):
    def __init__(self, refusal):
        super().__init__(refusal.msgid)
        self.refusal = refusal


def _refusal(msgid, **mapping):
    return Refusal(None, RULE, msgid, mapping)


def nesting_depth(value, limit=MAX_DEPTH):
    """The deepest nesting of arrays and objects in the parsed ``value``,
    counted up to ``limit + 1`` (the walk stops there). Walked on the
    parsed object, not the text: a scan of a 7 MB body (a 5 MB file in
    base64) cost as much as parsing it."""
    deepest = 0
    stack = [(value, 1)] if isinstance(value, (dict, list)) else []
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, (dict, list)))
    return deepest


def media_refusal(content_type, has_body):
    """The Refusal of a body that does not say it is JSON (answered 415),
    or None. A body is read as JSON only when its ``Content-Type`` says
    so (``application/json`` or a ``+json`` type): a ``text/plain`` body
    that happens to parse as JSON was accepted, and a form's body refused
    as malformed JSON. No body, no refusal (a step without fields)."""
    if not has_body or is_json(content_type):
        return None
    media = (content_type or "").split(";")[0].strip().lower() or "—"
    return Refusal("Content-Type", RULE, MSG_MEDIA_NOT_JSON, {"content_type": media})


def decode(raw):
    """(text, None) or (None, Refusal)."""
    if isinstance(raw, str):
        return raw, None
    if not isinstance(raw, (bytes, bytearray)):  # a parsed multipart form
        return None, _refusal(MSG_FORM_NOT_JSON, content_type="multipart/form-data")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, _refusal(MSG_NOT_UTF8, position=exc.start + 1)


def body_refusal(raw, content_type="", max_depth=MAX_DEPTH):
    """None when ``raw`` (bytes or text) is an acceptable body, else the
    Refusal naming what is wrong. An empty body is acceptable: it means
    no fields."""
    try:
        parse_object(raw, content_type, max_depth)
    except BodyError as exc:
        return exc.refusal
    return None


def parse_object(raw, content_type="", max_depth=MAX_DEPTH):
    """The JSON object of the body ({} for an empty body); raises
    ``BodyError`` with the refusal."""
    text, refusal = decode(raw or b"")
    if refusal:
        raise BodyError(refusal)
    if not text.strip():
        return {}
    try:
        data = json.loads(text)
    except RecursionError:  # the parser's own limit, far beyond ours
        raise BodyError(_refusal(MSG_TOO_DEEP, limit=max_depth)) from None
    except ValueError as exc:
        media = (content_type or "").split(";")[0].strip().lower()
        if media in FORM_TYPES:
            raise BodyError(_refusal(MSG_FORM_NOT_JSON, content_type=media)) from None
        if text.lstrip().startswith("<"):
            # an XML message sent as JSON: the header is what is wrong (415)
            raise BodyError(Refusal("Content-Type", RULE, MSG_XML_SAID_JSON,
                                    {"content_type": media or "—"})) from None
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        raise BodyError(_refusal(MSG_NOT_JSON, line=line, column=column)) from None
    if nesting_depth(data, max_depth) > max_depth:
        raise BodyError(_refusal(MSG_TOO_DEEP, limit=max_depth))
    if not isinstance(data, dict):
        raise BodyError(_refusal(NOT_OBJECT[type(data)]))
    return data


# --- the types of the fields inside the object -------------------------------
#
# A service reads each field as one JSON type; a value of another type used
# to reach the feature function and fail there (``int("abc")`` in @ocr-queue,
# ``[1].strip()`` in a reason: HTTP 500). ``fields_refusal`` names the first
# field whose value is not of its kind. ``null`` is the field left out: the
# feature function then says what is missing, as for an absent field.

TEXT = "text"  # a JSON string
TEXTS = "texts"  # a JSON array of strings
COUNT = "count"  # a whole JSON number from 0 to MAX_COUNT
YEAR = "year"  # a year as a JSON number or a string (the naming rule checks the year)
BOOLEAN = "boolean"  # true or false
MAX_COUNT = 10_000

# what a kind is and what was sent instead, as the message says them
MSG_WRONG_TYPE = _("The field “${field}” must be ${expected}, not ${got}.")
MSG_KIND_TEXT = _("a string")
MSG_KIND_TEXTS = _("a list of strings")
MSG_KIND_COUNT = _("a whole number from 0 to ${max}")
MSG_KIND_YEAR = _("a year (a number or a string)")
MSG_KIND_BOOLEAN = _("true or false")
MSG_GOT_LIST = _("a list")
MSG_GOT_OBJECT = _("an object")
MSG_GOT_NUMBER = _("a number")
MSG_GOT_BOOLEAN = _("true/false")
MSG_GOT_OTHER = _("a value of another kind")
MSG_GOT_LIST_ITEM = _("a list whose element ${position} is not a string")
MSG_COUNT_RANGE = _("The field “${field}” must be a whole number from 0 to ${max} (0 or more); "
                    "${value} is not.")
KIND_MSGIDS = {TEXT: MSG_KIND_TEXT, TEXTS: MSG_KIND_TEXTS, COUNT: MSG_KIND_COUNT,
               YEAR: MSG_KIND_YEAR, BOOLEAN: MSG_KIND_BOOLEAN}
GOT_MSGIDS = {list: MSG_GOT_LIST, dict: MSG_GOT_OBJECT, str: MSG_KIND_TEXT,
              int: MSG_GOT_NUMBER, float: MSG_GOT_NUMBER, bool: MSG_GOT_BOOLEAN}


def _is_text(value):
    return isinstance(value, str)


def _is_count(value):
    return (isinstance(value, int) and not isinstance(value, bool)
            and 0 <= value <= MAX_COUNT)


def _is_year(value):
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


CHECKS = {
    TEXT: _is_text,
    TEXTS: lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    COUNT: _is_count,
    YEAR: _is_year,
    BOOLEAN: lambda v: isinstance(v, bool),
}


def fields_refusal(data, kinds):
    """The Refusal for the first field of ``data`` (a dict) whose value is
    not of the kind ``kinds`` gives it ({field: kind}), or None. Fields not
    in ``kinds`` are left to the service; ``null`` passes (left out).
    The mapping's ``expected`` and ``got`` are msgids the interface layer
    translates too."""
    for field, kind in kinds.items():
        value = data.get(field)
        if value is None or CHECKS[kind](value):
            continue
        if kind == COUNT and isinstance(value, int) and not isinstance(value, bool):
            # a whole number out of range: “not a number” would be wrong
            return Refusal(field, f"{RULE}: {field} is {kind}", MSG_COUNT_RANGE, {
                "field": field, "max": MAX_COUNT, "value": str(value),
                "expected": KIND_MSGIDS[kind], "got": MSG_GOT_NUMBER})
        got, position = GOT_MSGIDS.get(type(value), MSG_GOT_OTHER), None
        if kind == TEXTS and isinstance(value, list):
            # a list, but not of strings: say which element (counted from 1)
            got = MSG_GOT_LIST_ITEM
            position = next(n for n, i in enumerate(value, 1) if not isinstance(i, str))
        return Refusal(field, f"{RULE}: {field} is {kind}", MSG_WRONG_TYPE, {
            "field": field, "expected": KIND_MSGIDS[kind], "got": got,
            "max": MAX_COUNT, "position": position})
    return None
