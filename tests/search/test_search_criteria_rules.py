"""The search form's criteria read and checked (rules/search_criteria.py):
plain unit tests, no Plone."""

from qlvbdh_policy.rules import search_criteria as S

import datetime
import pytest


def test_every_field_is_read_and_typed():
    c = S.read({"text": " kế hoạch ", "kind": "IncomingDocument", "sender": "UBND tỉnh",
                "code": "123/UBND-VP", "arrival_number": "10 - 20", "signer": "Trần Văn A",
                "date_from": "01/11/2026", "date_to": "2026-11-30",
                "arrival_from": "02/11/2026", "due_to": "31/12/2026",
                "doc_type": "cong_van", "urgency": "khan", "state": "assigned",
                "sort": "arrival_date", "order": "asc", "cols": ["title", "code", "nope"]},
               {"doc_type": {"cong_van"}, "urgency": {"khan"}, "state": {"assigned"}})
    assert c["text"] == "kế hoạch" and c["sender"] == "UBND tỉnh"
    assert c["arrival_number"] == (10, 20)
    assert c["date_from"] == datetime.date(2026, 11, 1)
    assert c["date_to"] == datetime.date(2026, 11, 30)
    assert c["due_to"] == datetime.date(2026, 12, 31) and c["due_from"] is None
    assert (c["sort"], c["order"]) == ("arrival_date", "asc")
    assert c["cols"] == ("code", "title")  # the table's order; unknown keys dropped
    assert S.searched(c)


def test_defaults_sort_and_columns():
    c = S.read({})
    assert (c["sort"], c["order"], c["cols"]) == ("doc_date", "desc", S.DEFAULT_COLUMNS)
    assert not S.searched(c)
    assert S.as_strings(c) == {}
    # a saved search keeps the columns as one comma-separated value
    assert S.read({"cols": "register,signer"})["cols"] == ("signer", "register")


def test_as_strings_round_trips():
    form = {"text": "a", "arrival_number": "7", "date_from": "2026-11-01",
            "cols": ["signer", "title"], "sort": "number", "order": "asc"}
    strings = S.as_strings(S.read(form))
    assert strings == {"text": "a", "arrival_number": "7", "date_from": "01/11/2026",
                       "cols": "title,signer", "sort": "number", "order": "asc"}
    assert S.read(strings) == S.read(form)


@pytest.mark.parametrize("form,field,words", [
    ({"date_from": "31/02/2026"}, "date_from", ("31/02/2026",)),
    ({"arrival_from": "hôm qua"}, "arrival_from", ("hôm qua",)),
    ({"due_from": "02/12/2026", "due_to": "01/12/2026"}, "due_from",
     ("02/12/2026", "01/12/2026")),
    ({"arrival_number": "mười"}, "arrival_number", ("mười",)),
    ({"arrival_number": "12a"}, "arrival_number", ("12a",)),
    ({"arrival_number": "20-10"}, "arrival_number", (20, 10)),
    ({"arrival_number": "1" * 12}, "arrival_number", ("1" * 12,)),
    ({"kind": "File"}, "kind", ("File",)),
    ({"urgency": "rat_khan"}, "urgency", ("rat_khan",)),
    ({"sort": "Creator"}, "sort", ("Creator",)),
    ({"order": "sideways"}, "order", ("sideways",)),
    ({"signer": "x" * 301}, "signer", (300,)),
])
def test_bad_input_is_refused_naming_the_field(form, field, words):
    with pytest.raises(S.CriteriaRefused) as refused:
        S.read(form, {"urgency": {"khan"}})
    assert refused.value.field == field
    assert refused.value.mapping["field"] == S.FIELD_TITLES[field]
    for word in words:
        assert word in refused.value.mapping.values()


def test_control_characters_are_blanks_and_repeated_names_take_the_first():
    c = S.read({"text": ["quyết\x00định", "other"], "kind": ["OutgoingDocument"]})
    assert c["text"] == "quyết định" and c["kind"] == "OutgoingDocument"


def test_code_number_forms():
    assert S.code_number_forms("3") == ["03", "3"]
    assert S.code_number_forms("03") == ["03", "3"]
    assert S.code_number_forms("123") == ["123"]
