"""``make verify-signatures`` (console/verify_signatures.py,
signatures/bulk_check.py) on a committed site: documents stored before
the check existed, the checks made stale by a new trust root, files a
limit stopped; by agency, since a date, only the unchecked; committed;
a second run finds nothing to do (issue 21)."""

from plone import api
from qlvbdh_policy.console import verify_signatures
from qlvbdh_policy.signatures import checking
from qlvbdh_policy.signatures import isolated_check
from routing_fixtures import make_province
from signature_fixtures import plain_pdf
from signed_documents import install_root
from signed_documents import signed_file
from signed_documents import signed_incoming

import transaction


def verify(portal, *options):
    return verify_signatures.main(portal.aq_parent, ["--site", portal.getId(), *options])


def status(doc):
    return checking.status_of(doc)


def test_the_command_checks_what_needs_it_once(functional, test_ca, tmp_path, monkeypatch,
                                               capsys):
    portal = functional["portal"]
    a, b = make_province(portal)
    register = a["den-2026"]
    checked_before = signed_incoming(register, test_ca.person, tmp_path, code_number="1")
    stored_before = signed_incoming(register, test_ca.person, tmp_path, code_number="2")
    delattr(stored_before, checking.ATTRIBUTE)  # as a document stored before the check existed
    stored_before.reindexObject()
    from domain_fixtures import incoming
    unsigned = incoming(register, code_number="3", file=signed_file(plain_pdf()))
    elsewhere = signed_incoming(b["den-2026"], test_ca.person, tmp_path, code_number="4")
    monkeypatch.setenv(isolated_check.TIMEOUT_VARIABLE, "0.05")
    stopped = signed_incoming(register, test_ca.person, tmp_path, code_number="5")
    monkeypatch.delenv(isolated_check.TIMEOUT_VARIABLE)
    transaction.commit()
    assert [status(d) for d in (checked_before, stored_before, unsigned, elsewhere, stopped)] \
        == ["untrusted", None, "unsigned", "untrusted", "broken"]
    assert checking.stored(stopped)["files"][0]["error"] == "time"

    with api.env.adopt_roles(["Manager"]):
        install_root(test_ca)
    transaction.commit()

    # the never checked and the stopped, in sttt only; the stale ones wait
    done = verify(portal, "--agency", "sttt", "--only-unchecked", "--batch", "1")
    assert (done["checked"], done["unchecked"], done["stale"]) == (2, 2, 0)
    transaction.begin()  # what the command committed
    assert [status(d) for d in (checked_before, stored_before, stopped, elsewhere)] == [
        "untrusted", "valid", "valid", "untrusted"]
    out = capsys.readouterr().out
    assert f"{stored_before.absolute_url(1)}: Chữ ký số hợp lệ" in out
    assert "Chữ ký số: đã kiểm tra 2 văn bản (2 chưa kiểm tra" in out

    # from a day to come: nothing; then the stale check of sttt
    assert verify(portal, "--agency", "sttt", "--since", "2100-01-01")["checked"] == 0
    done = verify(portal, "--agency", "sttt", "--since", "2000-01-01")
    assert (done["checked"], done["stale"], done["statuses"]) == (1, 1, {"valid": 1})
    transaction.begin()
    assert status(checked_before) == "valid" and status(elsewhere) == "untrusted"
    when = checking.stored(checked_before)["checked"]

    # every agency: the other agency's stale check; then nothing is left
    assert verify(portal)["checked"] == 1
    transaction.begin()
    assert status(elsewhere) == "valid"
    again = verify(portal)
    assert (again["checked"], again["skipped"]) == (0, 4)  # the unsigned one not even woken
    transaction.begin()
    assert checking.stored(checked_before)["checked"] == when  # not written again
    assert "đã kiểm tra 0 văn bản" in capsys.readouterr().out

    # --all checks every document again, the unsigned one too
    assert verify(portal, "--all")["checked"] == 5


def test_an_unknown_agency_is_named(functional, capsys):
    import pytest

    make_province(functional["portal"])
    transaction.commit()
    with pytest.raises(SystemExit) as exited:
        verify(functional["portal"], "--agency", "khong-co")
    assert exited.value.code == 2
    assert "khong-co" in capsys.readouterr().err
