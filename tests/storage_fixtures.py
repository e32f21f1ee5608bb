"""A real FileStorage with blobs under a WSGI server, and what it holds:
the upload tests of REST and of the forms share them."""

from domain_fixtures import make_agency
from plone import api
from qlvbdh_policy.testing import QLVBDH_SERVER_TESTING
from ZODB.DB import DB
from ZODB.DemoStorage import DemoStorage
from ZODB.FileStorage import FileStorage

import os
import pytest
import transaction

PASSWORD = "demo-vanthu-2026"  # the clerk vanthu's
LIMIT_MB = 1  # qlvbdh.max_upload_mb


@pytest.fixture
def storage(server, tmp_path):
    """The server's database, writing its changes to a real FileStorage."""
    portal = server["portal"]
    make_agency(portal)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="vt@example.org", username="vanthu", password=PASSWORD,
                        properties={"fullname": "Nguyễn Thị Văn Thư"})
        api.group.add_user(groupname="sttt-clerks", username="vanthu")
    api.portal.set_registry_record("qlvbdh.max_upload_mb", LIMIT_MB)
    transaction.commit()
    layer = QLVBDH_SERVER_TESTING
    fixture_db = layer["zodbDB"]
    blobs = tmp_path / "blobstorage"
    changes = FileStorage(str(tmp_path / "Data.fs"), blob_dir=str(blobs))
    db = DB(DemoStorage(name="upload-test", base=fixture_db.storage, changes=changes,
                        close_base_on_close=False))
    layer["zodbDB"] = db  # the server opens its connections from here now
    try:
        yield {"data_fs": tmp_path / "Data.fs", "blobs": blobs, "db": db}
    finally:
        layer["zodbDB"] = fixture_db
        db.close()


def blob_files(folder):
    return sorted(os.path.join(d, f) for d, _s, names in os.walk(folder)
                  for f in names if f.endswith(".blob"))

def registered(db):
    """The arrival numbers stored in the FileStorage the server writes."""
    connection = db.open()
    try:
        portal = connection.root()["Application"]["plone"]
        return sorted(b.arrival_number for b in portal.portal_catalog.unrestrictedSearchResults(
            portal_type="IncomingDocument"))
    finally:
        connection.close()
