# OCR of scanned PDFs waiting in the queue; run inside Zope, e.g. nightly from cron:
#   zconsole run var/etc/zope.conf scripts/ocr_queue.py [--limit N]   (make ocr)
#   bin/instance run scripts/ocr_queue.py                            (buildout)
import sys

from qlvbdh_policy.console.ocr_queue import main

here = next(i for i, a in enumerate(sys.argv) if a.endswith("ocr_queue.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
