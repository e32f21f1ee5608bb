# Text of files waiting in the queue (PDF, DOCX, ODT in a limited process, then OCR of
# scanned PDFs); run inside Zope from cron, e.g. every 5 minutes:
#   zconsole run var/etc/zope.conf scripts/ocr_queue.py [--limit N]   (make ocr)
#   bin/instance run scripts/ocr_queue.py                            (buildout)
from qlvbdh_policy.console.ocr_queue import main

import sys

here = next(i for i, a in enumerate(sys.argv) if a.endswith("ocr_queue.py"))
main(app, sys.argv[here + 1:])  # noqa: F821
