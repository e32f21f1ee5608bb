"""The province's usage report (Quy chế Điều 9 khoản 3, 10 khoản 3, 13:
Sở Thông tin và Truyền thông and its IT centre follow how every agency
uses the system and report it every six months, every year or on demand):
the indicators of each agency and the province's totals for a period.
Counts only, never a document's title, address or contents; read by the
province's oversight and site managers."""

from plone import api
from qlvbdh_policy import _
from qlvbdh_policy import permissions
from qlvbdh_policy.accounts.lockout import guard
from qlvbdh_policy.agencies.lookups import children
from qlvbdh_policy.content.validation import ForbiddenRefusal
from qlvbdh_policy.content.validation import refuse_unless
from qlvbdh_policy.rules.collation import sort_key
from qlvbdh_policy.stats import indicators as I
from qlvbdh_policy.support.figures import support_figures
from qlvbdh_policy.timeutil import vietnam_today
from qlvbdh_policy.vietnamese import in_vietnamese

READ_PERMISSION = permissions.ViewStatistics
MSG_READ_REFUSED = _("The usage statistics of the province are read by the province's "
                     "oversight and site managers only.")


class UsageRefused(ForbiddenRefusal):
    """Reading the province's usage without being its oversight."""


def check_read(site):
    """:raises: Unauthorized for an anonymous visitor, ``UsageRefused``
    (HTTP 403) for a user who may not read the statistics."""
    refuse_unless(api.user.has_permission(READ_PERMISSION, obj=site), "@usage-report",
                  UsageRefused, MSG_READ_REFUSED)


def agencies(site):
    return sorted(children(site, "Agency"), key=lambda a: sort_key(a.title))


def usage_report(site, period, today=None):
    """{period, today, signatures_verified, agencies: [{id, title,
    indicator: value …}], province: {indicator: value …}, support: the IT
    centre's requests (support/figures.py)}."""
    today = today or vietnam_today()
    listed = agencies(site)
    rows, province = I.figures_many(listed, period, today)
    return {
        "period": period.as_json(),
        "today": today.isoformat(),
        "signatures_verified": I.SIGNATURES_VERIFIED,
        "agencies": [dict(id=agency.getId(), title=agency.title, **figures)
                     for agency, figures in zip(listed, rows)],
        "province": province,
        "support": support_figures(period),
    }


def labels(request=None):
    """The indicators' Vietnamese names, by key."""
    return {key: in_vietnamese(label, request) for key, label in I.LABELS.items()}


def notes(request=None):
    return {"digitally_signed": in_vietnamese(I.MSG_SIGNATURES, request)}


def last_login(agency):
    """The latest login of the agency's accounts (the page shows it); the
    accounts read as the indicators read them (``agency_accounts``: asked
    through PAS, the 30 agencies' accounts took two thirds of the
    province dashboard, bench/bench_oversight.py)."""
    site_guard = guard(api.portal.get())
    seen = [site_guard.last_login(u) for u in I.agency_accounts(agency)] if site_guard else []
    seen = [t for t in seen if t is not None]
    return max(seen) if seen else None
