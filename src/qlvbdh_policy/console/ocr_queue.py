"""Reading of queued files (cron, e.g. every few minutes): the text of
newly registered PDF, DOCX and ODT files, each in a limited process, then
OCR of the PDFs found without text (search/extraction.py, search/ocr.py).
Registration itself never reads a file."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser

import transaction


def main(app, argv):
    cli = parser("ocr_queue")
    cli.add_argument("--limit", type=int, default=200)
    args = cli.parse_args(argv)
    from plone import api
    from qlvbdh_policy.search import extraction

    open_site(app, args.site)
    with api.env.adopt_roles(["Manager"]):
        done = extraction.run_all(args.limit, commit=transaction.commit)
    print(f"Text: {done['read']} files read, OCR: {done['ocr']} files read, "
          f"{done['waiting']} waiting")
    return done["processed"]
