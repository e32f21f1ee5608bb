"""1031 → 1032: the package's refusals leave Zope's site error log (issue
18): the site's ``error_log`` ignores them (their one INFO line is
error_logging.log_refusal's), so the event log's ERROR holds only what
needs fixing. What a site manager listed there is kept."""

from plone import api
from qlvbdh_policy.error_logging import quiet_error_log


def quiet_refusals(context):
    quiet_error_log(api.portal.get())
