"""New Year's Eve with the clock set: the 2026 books close, the 2027 books
open, numbering restarts at 01, and a registration in flight at midnight
either lands in 2026 (within the recorded last number) or is refused and
stores nothing."""

from domain_fixtures import incoming
from domain_fixtures import issue
from domain_fixtures import make_agency
from domain_fixtures import outgoing
from domain_fixtures import pdf
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.testing.zope import login
from qlvbdh_policy.registers import closing
from qlvbdh_policy.timeutil import VIETNAM_OFFSET
from Testing.makerequest import makerequest
from ZODB.POSException import ConflictError
from zope.component.hooks import setSite

import datetime
import pytest
import threading
import transaction

UTC = datetime.timezone.utc


def vn(*args):
    return datetime.datetime(*args, tzinfo=VIETNAM_OFFSET)


def test_across_new_years_eve(portal, clock):
    agency = make_agency(portal)
    den, di = agency["den-2026"], agency["di-2026"]
    incoming(den)
    draft = outgoing(di, title="Kế hoạch công tác năm 2027", file=pdf())
    clock.set(vn(2026, 12, 31, 23, 59, 58))
    last = incoming(den)
    assert (last.arrival_number, last.arrival_date) == (2, datetime.date(2026, 12, 31))

    # 17:00 UTC on 31 December is midnight in Vietnam: the 2026 book is past
    clock.set(datetime.datetime(2026, 12, 31, 17, 0, 1, tzinfo=UTC))
    with pytest.raises(closing.RegisterClosed) as refused:
        incoming(den)
    assert "sổ năm 2027 chưa được mở" in str(refused.value)

    opened = closing.open_new_year(portal)
    assert {(old.getId(), new.getId()) for old, new in opened} == {
        ("den-2026", "den-2027"), ("di-2026", "di-2027")}
    assert closing.is_closed(den) and closing.is_closed(di)
    assert den.closed_numbers == {"incoming": 2}
    assert den.closed_on.date() == datetime.date(2027, 1, 1)
    den27, di27 = agency["den-2027"], agency["di-2027"]
    assert (den27.Title(), den27.year, den27.kind) == ("Sổ văn bản đến 2027", 2027, "incoming")

    first = incoming(den27)
    assert (first.arrival_number, first.arrival_date) == (1, datetime.date(2027, 1, 1))
    with pytest.raises(closing.RegisterClosed) as refused:
        incoming(den)
    assert den27.absolute_url() in str(refused.value)
    # the draft moved to the book it will be numbered in; numbering starts at 01
    assert draft.getId() in di27.objectIds() and draft.getId() not in di.objectIds()
    moved = di27[draft.getId()]
    issue(moved)
    assert (moved.code, moved.issued_date) == ("01/QĐ-STTTT", datetime.date(2027, 1, 1))
    assert closing.open_new_year(portal) == []  # run again: nothing more to do


def test_a_book_of_next_year_waits_for_1_january(portal, clock):
    agency = make_agency(portal)
    with api.env.adopt_roles(["Manager"]):
        early = api.content.create(container=agency, type="Register", id="den-2027",
                                   title="Sổ văn bản đến 2027", kind="incoming", year=2027)
    with pytest.raises(closing.RegisterClosed) as refused:
        incoming(early)
    assert "01/01/2027" in str(refused.value)
    clock.set(vn(2027, 1, 1, 7, 30))
    assert incoming(early).arrival_number == 1


def rollover_in_another_connection(db):
    """The cron job at midnight, in its own connection and transaction."""
    failures = []

    def run():
        connection = db.open()
        try:
            app = makerequest(connection.root()["Application"])
            site = app.plone
            setSite(site)
            login(app.acl_users, SITE_OWNER_NAME)
            closing.open_new_year(site)
            transaction.commit()
        except Exception as error:  # reported to the test
            transaction.abort()
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert not failures, failures


@pytest.fixture
def book_with_one(functional):
    portal = functional["portal"]
    register = make_agency(portal)["den-2026"]
    incoming(register)
    transaction.commit()
    return portal, register


def test_registration_in_flight_when_the_year_closes(book_with_one, clock):
    """Taken at 23:59:59.8, committed after the cron closed the book: the
    commit fails, and the retried request is refused towards 2027."""
    portal, register = book_with_one
    clock.set(vn(2026, 12, 31, 23, 59, 59, 800000))
    doc = incoming(register)
    assert (doc.arrival_number, doc.arrival_date) == (2, datetime.date(2026, 12, 31))

    clock.set(vn(2027, 1, 1, 0, 0, 0, 200000))
    rollover_in_another_connection(portal._p_jar.db())
    with pytest.raises(ConflictError):
        transaction.commit()
    transaction.abort()

    # Zope retries the request: it is 2027 now, the book is closed
    with pytest.raises(closing.RegisterClosed) as refused:
        incoming(register)
    transaction.abort()
    assert "den-2027" in str(refused.value)
    assert register.closed_numbers == {"incoming": 1}
    assert len(register.objectIds()) == 1
    assert incoming(portal["sttt"]["den-2027"]).arrival_number == 1


def test_registration_committed_before_the_year_closes(book_with_one, clock):
    portal, register = book_with_one
    clock.set(vn(2026, 12, 31, 23, 59, 59, 800000))
    doc = incoming(register)
    transaction.commit()
    clock.set(vn(2027, 1, 1, 0, 0, 0, 200000))
    rollover_in_another_connection(portal._p_jar.db())
    transaction.begin()
    assert register.closed_numbers == {"incoming": 2}
    assert (doc.arrival_number, doc.arrival_date) == (2, datetime.date(2026, 12, 31))
