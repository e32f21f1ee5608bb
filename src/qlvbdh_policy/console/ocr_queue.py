"""OCR of queued scanned PDFs (cron, e.g. every night)."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser

import transaction


def main(app, argv):
    cli = parser("ocr_queue")
    cli.add_argument("--limit", type=int, default=200)
    args = cli.parse_args(argv)
    from plone import api
    from qlvbdh_policy.search import ocr

    open_site(app, args.site)
    with api.env.adopt_roles(["Manager"]):
        done = ocr.run_queue(args.limit, commit=transaction.commit)
    print(f"OCR: {done} files read, {ocr.pending_count()} waiting")
    return done
