"""The process that checks the digital signatures of one PDF, with limits
(issue 21; the same isolation as search/extract_worker.py, issue 14).

    python -P .../check_worker.py PDF ROOTS MEMORY_BYTES OUTPUT_BYTES CPU_SECONDS

PDF is the file to check; ROOTS a file of the site's trust roots (PEM
blocks, possibly none). The facts of each signature (pdf_check.check_pdf)
go to standard output as JSON. A PDF crafted to make pyHanko slow or
hungry (deep object graphs, huge streams, endless cross-reference chains)
must not hold a web request, and the register's lock, for minutes: before
it reads a byte of the file (pyHanko loaded) the process limits itself
(address space, bytes written, CPU seconds, ``limited_process.limit_self``); the parent
(signatures/isolated_check.py) kills it at its timeout and reads the exit
status: the codes below, or a signal.

Run by its path with ``-P`` (not ``-m``): importing the package through
Zope's would load far more than pyHanko.
"""

import os
import sys

if __name__ == "__main__":  # run by path: this checkout's package, whatever is installed
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))

from qlvbdh_policy.limited_process import limit_self  # noqa: E402

import json  # noqa: E402

OK, USAGE, UNREADABLE, MEMORY, OUTPUT = 0, 2, 10, 15, 14


def roots_of(path):
    """The certificates of the PEM file ``path`` (none for an empty file)."""
    from asn1crypto import pem
    from qlvbdh_policy.signatures.pdf_check import load_root

    with open(path, "rb") as f:
        data = f.read()
    if not data.strip():
        return []
    return [load_root(der) for _type, _headers, der in pem.unarmor(data, multiple=True)]


def check(pdf_path, roots_path):
    from qlvbdh_policy.signatures.pdf_check import check_pdf

    roots = roots_of(roots_path)
    with open(pdf_path, "rb") as f:
        data = f.read()
    try:
        found = check_pdf(data, roots)
    except ValueError:
        return UNREADABLE
    out = sys.stdout.buffer
    out.write(json.dumps(found, ensure_ascii=False).encode("utf-8"))
    out.flush()
    return OK


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return USAGE
    # pyHanko is loaded first (the same for every file), then the limits
    # hold for all that the file makes it do
    from qlvbdh_policy.signatures import pdf_check  # noqa: F401

    limit_self(*(int(a) for a in argv[2:]))
    try:
        return check(argv[0], argv[1])
    except MemoryError:
        return MEMORY
    except OSError:  # EFBIG: more output than allowed
        return OUTPUT


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
