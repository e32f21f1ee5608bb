"""Expected refusals are answers, not failures (issue 18): in an instance
Zope's site error log copies a request's exception to the event log at
ERROR with its traceback; the package's refusals are ignored there and
logged in one INFO line instead (error_logging.py); a real error keeps its
ERROR and traceback."""

from Products.SiteErrorLog.SiteErrorLog import IPubFailureSubscriber
from routing_fixtures import make_province
from routing_fixtures import PASSWORD
from zope.component import getGlobalSiteManager
from ZPublisher.interfaces import IPubFailure

import logging
import pytest
import requests
import sys
import transaction

JSON = {"Accept": "application/json"}
BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture
def error_log_subscriber():
    """The error log's subscriber, as Products.SiteErrorLog's ZCML
    registers it in an instance (the test layers do not load it)."""
    gsm = getGlobalSiteManager()
    gsm.registerHandler(IPubFailureSubscriber, (IPubFailure,))
    yield
    gsm.unregisterHandler(IPubFailureSubscriber, (IPubFailure,))


@pytest.fixture
def site(server, server_url):
    make_province(server["portal"])
    transaction.commit()
    return server_url


def test_refusals_are_one_info_line_not_an_error(site, server, error_log_subscriber, caplog):
    caplog.set_level(logging.INFO)
    lda, xla = ("lda", PASSWORD), ("xla", PASSWORD)
    answers = [
        requests.get(f"{site}/sttt/@@statistics-documents", params={"indicator": "bogus"},
                     auth=lda, headers=BROWSER, timeout=60),
        requests.get(f"{site}/sttt/@processing-report", params={"kind": "bogus"}, auth=lda,
                     headers=JSON, timeout=60),
        requests.get(f"{site}/sttt/@processing-report", params={"kind": "incoming"},
                     auth=xla, headers=JSON, timeout=60),
        requests.get(f"{site}/sttt/@@send-overdue-reminders", auth=lda, headers=BROWSER,
                     timeout=60),  # a form not posted from the site's page
        requests.get(f"{site}/sttt/@access-log", auth=xla, headers=JSON, timeout=60),
    ]
    assert [a.status_code for a in answers] == [400, 400, 403, 403, 403]
    # every 403 of the package is a ForbiddenRefusal: type Forbidden
    assert [answers[i].json()["type"] for i in (2, 4)] == ["Forbidden", "Forbidden"]
    loud = [f"{r.name} {r.levelname}: {r.getMessage()[:200]}" for r in caplog.records
            if r.levelno >= logging.ERROR or r.exc_info]
    assert loud == []
    lines = [r.getMessage() for r in caplog.records if r.name == "qlvbdh_policy.refusals"]
    assert len(lines) == 5, lines
    assert lines[0].startswith(f"400 {site}/sttt/@@statistics-documents ReportRefused: ")
    assert "ProcessingReportRefused" in lines[2] and lines[2].startswith("403 ")
    assert "ForgedForm" in lines[3]
    assert all(r.levelno == logging.INFO for r in caplog.records
               if r.name == "qlvbdh_policy.refusals")


def test_a_real_error_stays_an_error_with_its_traceback(server, caplog):
    error_log = server["portal"].error_log
    ignored = error_log.getProperties()["ignored_exceptions"]
    assert {"ReportRefused", "ProcessingReportRefused", "ForgedForm", "Unauthorized",
            "NotFound"} <= set(ignored)
    assert "ValueError" not in ignored and "KeyError" not in ignored
    caplog.set_level(logging.INFO)
    try:
        raise KeyError("a bug")
    except KeyError:
        assert error_log.raising(sys.exc_info())
    [record] = [r for r in caplog.records if r.name == "Zope.SiteErrorLog"]
    assert record.levelno == logging.ERROR and "Traceback" in record.getMessage()


def test_every_refusal_of_a_reader_or_actor_is_one_kind():
    """A 403 of the package says so once: its class derives from
    ``ForbiddenRefusal`` (status 403, type Forbidden), not from copies of
    those two lines."""
    from qlvbdh_policy.content.validation import ForbiddenRefusal
    from qlvbdh_policy.content.validation import RefusedValue
    from qlvbdh_policy.error_logging import expected_classes

    refusals = [c for c in expected_classes() if issubclass(c, RefusedValue)]
    forbidden = sorted(c.__name__ for c in refusals if c.status == 403)
    assert len(forbidden) >= 12, forbidden
    assert all(issubclass(c, ForbiddenRefusal) and c.error_type == "Forbidden"
               for c in refusals if c.status == 403)
    assert not [c.__name__ for c in refusals if c is not ForbiddenRefusal
                and ("status" in vars(c) and c.status == 403
                     or vars(c).get("error_type") == "Forbidden")]
