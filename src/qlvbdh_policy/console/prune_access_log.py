"""Prune the documents' access log (cron, once a night): the entries older
than the site's retention (``qlvbdh.access_log_retention_days``) are
deleted from the SQLite file of zope.conf's ``access-log``
(``stats.document_log``). The instances also prune once a day on their
first write; this job prunes a log nobody wrote to, and says how many."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser


def main(app, argv):
    args = parser("prune_access_log").parse_args(argv)
    from qlvbdh_policy.stats import document_log

    open_site(app, args.site)
    days = document_log.retention_days()
    removed = document_log.prune(days=days)
    print(f"Access log: {removed} entries older than {days} days removed "
          f"({document_log.database_path()})")
    return removed
