"""OCR of queued scanned PDFs (cron, e.g. every night)."""

from qlvbdh_policy.console.setup_site import SITE_ID

import argparse
import transaction


def main(app, argv):
    parser = argparse.ArgumentParser(prog="ocr_queue")
    parser.add_argument("--site", default=SITE_ID)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args(argv)
    from plone import api
    from qlvbdh_policy.search import ocr
    from Testing.makerequest import makerequest
    from zope.component.hooks import setSite

    app = makerequest(app)
    setSite(app[args.site])
    with api.env.adopt_roles(["Manager"]):
        done = ocr.run_queue(args.limit, commit=transaction.commit)
    print(f"OCR: {done} files read, {ocr.pending_count()} waiting")
    return done
