"""The signatures of stored documents checked again in bulk (cron each
night, and by hand after the trust roots change): ``make
verify-signatures [AGENCY=sttt] [SINCE=yyyy-mm-dd] [ONLY_UNCHECKED=1]
[ALL=1]`` (signatures/bulk_check.py). Each batch of documents is
committed; running it again finds nothing left to do."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser

import datetime
import sys
import transaction


def main(app, argv):
    cli = parser("verify_signatures")
    cli.add_argument("--agency", default="",
                     help="domain abbreviation, folder id or UID; default every agency")
    cli.add_argument("--since", type=datetime.date.fromisoformat, default=None,
                     help="yyyy-mm-dd: documents stored from that day on")
    cli.add_argument("--only-unchecked", action="store_true",
                     help="only documents never checked or whose check a limit stopped")
    cli.add_argument("--all", action="store_true", dest="everything",
                     help="every document again, whether it needs it or not")
    cli.add_argument("--batch", type=int, default=20, help="documents per commit")
    args = cli.parse_args(argv)
    from plone import api
    from qlvbdh_policy.exports import agency_export
    from qlvbdh_policy.signatures import bulk_check
    from qlvbdh_policy.signatures.presentation import mark

    site = open_site(app, args.site)
    agency = None
    if args.agency:
        try:
            agency = agency_export.find_agency(site, args.agency)
        except agency_export.AgencyNotFound as error:
            print(f"lỗi: {error}", file=sys.stderr)
            sys.exit(2)

    def report(doc, why, status):
        print(f"{doc.absolute_url(1)}: {mark(status)}")

    with api.env.adopt_roles(["Manager"]):
        done = bulk_check.run(site, agency, args.since, args.only_unchecked, args.everything,
                              batch=max(1, args.batch), commit=transaction.commit,
                              report=report)
    classes = ", ".join(f"{mark(k)}: {v}" for k, v in sorted(done["statuses"].items()))
    print(f"Chữ ký số: đã kiểm tra {done['checked']} văn bản ({done['unchecked']} chưa kiểm tra, "
          f"{done['stale']} kiểm tra với chứng thư số gốc cũ), {done['skipped']} không cần kiểm "
          f"tra lại" + (f"; kết quả {classes}" if classes else ""))
    return done
