"""The drop folder read by cron (console/edxml_inbox.py, ``make
edxml-inbox``): each agency's *.edxml files received one by one, handled
ones moved to done/, refused ones to refused/ with the reason beside."""

from inbox_fixtures import receiving
from inbox_fixtures import sample
from inbox_fixtures import waiting
from qlvbdh_policy.console import edxml_inbox

import transaction

NEW = "dc0bdef0-c7a3-4aaf-b717-777303442973.edxml"


def test_the_cron_command_receives_moves_and_explains(functional, tmp_path, capsys):
    portal = functional["portal"]
    a, _b = receiving(portal)
    transaction.commit()
    by_code = tmp_path / "000.00.00.H41"
    by_code.mkdir()
    (by_code / "01-vpcp.edxml").write_bytes(sample(NEW))
    (by_code / "02-lai.edxml").write_bytes(sample(NEW))  # the same DocumentId again
    (by_code / "03-hong.edxml").write_bytes(sample("edoc.edxml"))
    (by_code / "ghi-chu.txt").write_text("không phải edXML")
    (tmp_path / "khong-co").mkdir()
    (tmp_path / "khong-co" / "x.edxml").write_bytes(sample(NEW))

    handled, refused, unknown = edxml_inbox.main(
        portal.aq_parent, ["--site", portal.getId(), "--dir", str(tmp_path)])

    assert [name for name, _detail in handled] == ["000.00.00.H41/01-vpcp.edxml"]
    assert [name for name, _reason in refused] == ["000.00.00.H41/02-lai.edxml",
                                                   "000.00.00.H41/03-hong.edxml"]
    assert unknown == ["khong-co"]
    assert sorted(p.name for p in by_code.iterdir()) == ["done", "ghi-chu.txt", "refused"]
    assert [p.name for p in (by_code / "done").iterdir()] == ["01-vpcp.edxml"]
    reasons = {p.name: p.read_text(encoding="utf-8")
               for p in (by_code / "refused").glob("*.reason.txt")}
    assert "đã nhận" in reasons["02-lai.edxml.reason.txt"]
    assert "XML" in reasons["03-hong.edxml.reason.txt"]
    transaction.begin()
    assert [d.edxml_document_id for d in waiting(a)] == [
        "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT"]
    assert "1 handled, 2 refused" in capsys.readouterr().out
