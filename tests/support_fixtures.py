"""The IT centre's officers of the support tests (issue 20), beside the
province of routing_fixtures: the members of the group that answers
support requests."""

from plone import api
from qlvbdh_policy.stats import access_log
from qlvbdh_policy.support.desk import IT_GROUP
from routing_fixtures import make_province
from routing_fixtures import PASSWORD

IT_STAFF = {"ktv1": "Trần Kỹ Thuật", "ktv2": "Lê Hỗ Trợ"}


def make_it_staff(portal):
    with api.env.adopt_roles(["Manager"]), access_log.logged_by_caller():
        for userid, fullname in IT_STAFF.items():
            if api.user.get(userid=userid) is None:
                api.user.create(email=f"{userid}@example.vn", username=userid,
                                password=PASSWORD, properties={"fullname": fullname})
            api.group.add_user(groupname=IT_GROUP, username=userid)


def make_support_province(portal):
    agencies = make_province(portal)
    make_it_staff(portal)
    return agencies
