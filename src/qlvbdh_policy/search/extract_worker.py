"""The process that reads one file's text, with limits (issue 14).

    python -P .../extract_worker.py KIND PATH MEMORY_BYTES OUTPUT_BYTES CPU_SECONDS

KIND is ``pdf``, ``docx`` or ``odt``; the text goes to standard output
(UTF-8). Before it reads a byte of the file it limits itself (the limits
hold across ``exec``): address space (RLIMIT_AS), bytes it may write
(RLIMIT_FSIZE: stdout is a file), CPU seconds (RLIMIT_CPU). A PDF is then
handed to poppler's pdftotext by ``exec`` under the same limits; a DOCX or
ODT is read by rules/office_text.py, which has its own bounds.

The limits are set here, in the child (limited_process.limit_self), and
not through ``preexec_fn``: the parent is a threaded Zope process, where
code between fork and exec may deadlock. The parent (search/extraction.py)
kills the process at its timeout and reads the exit status: the codes
below, or a signal.

Run by its path with ``-P`` (not ``-m``): importing the package
``qlvbdh_policy.search`` would load Zope's text index for nothing.
"""

import os
import sys

if __name__ == "__main__":  # run by path: this checkout's package, whatever is installed
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))

from qlvbdh_policy.limited_process import limit_self  # noqa: E402

OK, USAGE, BROKEN, SIZE, NESTING, ELEMENTS, OUTPUT, MEMORY = 0, 2, 10, 11, 12, 13, 14, 15
REASON_CODES = {"size": SIZE, "nesting": NESTING, "elements": ELEMENTS, "output": OUTPUT}


def office(kind, path):
    from qlvbdh_policy.rules.office_text import Broken
    from qlvbdh_policy.rules.office_text import office_lines
    from qlvbdh_policy.rules.office_text import TooComplex

    try:
        with open(path, "rb") as f:
            lines = office_lines(f, "file." + kind)
    except Broken:
        return BROKEN
    except TooComplex as exc:
        return REASON_CODES[exc.reason]
    out = sys.stdout.buffer
    for line in lines:
        out.write(line.encode("utf-8") + b"\n")
    out.flush()
    return OK


def main(argv):
    if len(argv) != 5 or argv[0] not in ("pdf", "docx", "odt"):
        print(__doc__, file=sys.stderr)
        return USAGE
    kind, path = argv[0], argv[1]
    limit_self(*(int(a) for a in argv[2:]))
    if kind == "pdf":
        os.execvp("pdftotext", ["pdftotext", "-enc", "UTF-8", "-q", path, "-"])
    try:
        return office(kind, path)
    except MemoryError:
        return MEMORY
    except OSError:  # EFBIG: more text than allowed
        return OUTPUT


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
