"""The outbox keeps each edXML message (QCVN 102:2016) until the hub adapter
acknowledges it, and for good with its document; ids sort in queueing order
and page with ``after``; an unknown id refuses the whole acknowledgement."""

from domain_fixtures import make_agency
from domain_fixtures import outgoing
from qlvbdh_policy.exchange import outbox

import pytest
import transaction

XML = "<edXML>Ủy ban nhân dân tỉnh Tiền Giang</edXML>".encode()


def test_enqueue_pending_acknowledge(functional):
    portal = functional["portal"]
    agency = make_agency(portal)
    doc = outgoing(agency["di-2026"])
    assert outbox.pending(portal) == [] and outbox.pending_count(portal) == 0
    ids = [outbox.enqueue(portal, XML + bytes([48 + i]), kind="edoc",
                          recipient_code=f"000.00.00.G{i:02d}", document=doc)
           for i in range(5)]
    other = outbox.enqueue(portal, XML, kind="status", recipient_code="000.00.32.H55")
    transaction.commit()
    assert ids == sorted(ids)
    assert outbox.pending_count(portal) == 6
    first = outbox.pending(portal, limit=2)
    assert [m.id for m in first] == ids[:2]
    rest = outbox.pending(portal, limit=10, after=first[-1].id)
    assert [m.id for m in rest] == ids[2:] + [other]
    message = outbox.get(portal, ids[0])
    assert message.data() == XML + b"0"
    assert message.recipient_code == "000.00.00.G00" and message.kind == "edoc"
    assert message.document_uid == doc.UID() and message.size == len(XML) + 1

    with pytest.raises(outbox.OutboxError) as refused:
        outbox.acknowledge(portal, [ids[0], "khong-co"])
    assert refused.value.ids == ["khong-co"]
    assert outbox.pending_count(portal) == 6  # nothing acknowledged

    now, before = outbox.acknowledge(portal, ids[:3])
    assert now == ids[:3] and before == []
    now, before = outbox.acknowledge(portal, [ids[0], ids[3]])
    assert now == [ids[3]] and before == [ids[0]]
    transaction.commit()
    assert outbox.pending_count(portal) == 2
    assert [m.id for m in outbox.pending(portal)] == [ids[4], other]
    # the document keeps all its messages, acknowledged or not
    kept = outbox.messages_for(doc)
    assert [m.id for m in kept] == ids
    assert [m.pending for m in kept] == [False] * 4 + [True]
    assert kept[0].acknowledged is not None


def test_bad_enqueue_refused(functional):
    portal = functional["portal"]
    with pytest.raises(outbox.OutboxError):
        outbox.enqueue(portal, XML, kind="thu", recipient_code="000.00.32.H55")
    with pytest.raises(outbox.OutboxError):
        outbox.enqueue(portal, XML, kind="edoc", recipient_code="")
    with pytest.raises(outbox.OutboxError):
        outbox.enqueue(portal, b"", kind="edoc", recipient_code="000.00.32.H55")
    assert outbox.pending_count(portal) == 0
