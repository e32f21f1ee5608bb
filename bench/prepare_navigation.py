# Navigation bench accounts, after the routing data (prepare_routing.py):
#   zconsole run ZOPE_CONF bench/prepare_navigation.py BUSY_AGENCY
# - bnbusy: a clerk of BUSY_AGENCY, whose registered documents wait for its
#   clerks (the "Việc của tôi" count of the navigation bar);
# - bnidle: a clerk of an agency without any document (nothing waits).
# Prints "NAVIGATION busy=<n> idle=<n> idle_agency=<id>".
import sys

import transaction
from plone import api
from qlvbdh_policy.routing import my_work
from qlvbdh_policy.agencies.lookups import children
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

PASSWORD = "bench-navigation-2026"
args = sys.argv[sys.argv.index(next(a for a in sys.argv if a.endswith("prepare_navigation.py"))) + 1:]
busy_agency = args[0]
app = makerequest(app)  # noqa: F821
site = app.qlvbdh
setSite(site)
catalog = site.portal_catalog


def documents_of(agency):
    return len(catalog.unrestrictedSearchResults(
        portal_type=["IncomingDocument", "OutgoingDocument"],
        path="/".join(agency.getPhysicalPath())))


idle_agency = next(a for a in children(site, "Agency") if documents_of(a) == 0)
with api.env.adopt_roles(["Manager"]):
    for userid, agency_id in (("bnbusy", busy_agency), ("bnidle", idle_agency.getId())):
        if api.user.get(userid=userid) is None:
            api.user.create(email=f"{userid}@bench.vn", username=userid, password=PASSWORD)
        api.group.add_user(groupname=f"{agency_id}-clerks", username=userid)
transaction.commit()
busy = my_work.counts_for(api.user.get(userid="bnbusy"))["total"]
idle = my_work.counts_for(api.user.get(userid="bnidle"))["total"]
print(f"NAVIGATION busy={busy} idle={idle} idle_agency={idle_agency.getId()}")
