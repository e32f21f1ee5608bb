"""A 10 MB PDF issued to 100 agencies is stored once: the recipients'
copies share the sender's blob. Measured on disk, in the blob directory
the test database commits to."""

from domain_fixtures import make_agency
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from qlvbdh_policy.routing import delivery
from qlvbdh_policy.routing import steps

import os
import transaction

MB = 1024 * 1024


def blob_bytes(db):
    storage = db.storage.changes  # the test layer's DemoStorage: blobs on disk
    total = 0
    for root, dirs, files in os.walk(storage.fshelper.base_dir):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total


def test_ten_megabytes_to_one_hundred_agencies(functional):
    portal = functional["portal"]
    sender = make_agency(portal)
    recipients = [
        make_agency(portal, abbr=f"cq{i:03d}", notation=f"CQ{i}", title=f"Cơ quan {i}")
        for i in range(100)
    ]
    data = b"%PDF-1.4\n" + os.urandom(10 * MB) + b"\n%%EOF\n"
    doc = outgoing(sender["di-2026"], file=pdf("Quyết định 10MB.pdf", data),
                   recipients_internal=[r.UID() for r in recipients])
    transaction.commit()
    db = portal._p_jar.db()
    before = blob_bytes(db)
    assert before >= len(data)  # the sender's file is on disk
    with api.env.adopt_roles(["Manager"]):
        for step in ("submit_review", "approve", "sign", "issue"):
            steps.simple_step(doc, step)
    transaction.commit()
    after = blob_bytes(db)
    assert len(delivery.deliveries(doc)) == 100
    assert after - before < len(data)  # no copy of the bytes
    assert after <= 2 * len(data)
    copies = [delivery.deliveries(doc)[r.UID()]["copy_uid"] for r in recipients]
    assert len(set(copies)) == 100
