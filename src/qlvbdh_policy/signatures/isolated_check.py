"""The signatures of one PDF checked in a limited process, never in the
Zope process itself (issue 21; the isolation of issue 14).

A document's PDF is checked when it is registered, under its register's
lock: a PDF crafted to make pyHanko slow or hungry would hold every clerk
of that book, or take the instance's memory. So pyHanko runs in
signatures/check_worker.py, limited in time (``QLVBDH_SIGNATURE_TIMEOUT``
seconds of wall time, default 20, then killed) and memory
(``QLVBDH_SIGNATURE_MEMORY_MB``, default 512, RLIMIT_AS); both are read
from the environment at each check (zope.conf's ``<environment>``).

A file the worker could not finish is *not checked*, and says why
("time", "memory", "crashed", "output"; "unreadable" for bytes that are no
PDF pyHanko reads): its class is ``broken`` ("Chữ ký số không hợp lệ:
không kiểm tra được"), never valid (NĐ 30/2020 Điều 4: validity rests on
a signature verified). A file without the byte range every PDF signature
carries (``/ByteRange``) has no signature to check and starts no process.
"""

from qlvbdh_policy import _
from qlvbdh_policy import limited_process
from qlvbdh_policy.search.extraction import file_path
from qlvbdh_policy.signatures import check_worker as worker

import json
import math
import os
import signal
import sys
import tempfile

TIMEOUT_VARIABLE = "QLVBDH_SIGNATURE_TIMEOUT"
MEMORY_VARIABLE = "QLVBDH_SIGNATURE_MEMORY_MB"
TIMEOUT = 20.0  # seconds of wall time per file
MEMORY_MB = 512  # address space of the checking process
MAX_OUTPUT = 1024 * 1024  # bytes of JSON: the facts of a few hundred signatures
WORKER = os.path.abspath(worker.__file__)
SIGNATURE_MARK = b"/ByteRange"  # in every signature dictionary, never compressed
CHUNK = 1024 * 1024

UNREADABLE = "unreadable"
#: why a file was not checked: the worker's exit codes, or the signal it died of
EXIT_REASONS = {worker.UNREADABLE: UNREADABLE, worker.MEMORY: "memory",
                worker.OUTPUT: "output", -signal.SIGXCPU: "time", -signal.SIGXFSZ: "output"}
REASONS = {
    UNREADABLE: _("The file is not a PDF that can be read: its signatures could not be checked."),
    "time": _("Checking the file's signatures took longer than the ${limit} seconds allowed: "
              "the file was not checked."),
    "memory": _("Checking the file's signatures needed more than the ${limit} MB of memory "
                "allowed: the file was not checked."),
    "output": _("The file carries too many signatures to check."),
    "crashed": _("The signature check stopped on this file (damaged, or too much memory "
                 "needed): the file was not checked."),
}
#: reasons of the limits: checking again with other limits may succeed
LIMIT_REASONS = ("time", "memory", "output", "crashed")


def _number(variable, default):
    try:
        value = float(os.environ.get(variable, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default


def limits():
    """(timeout in seconds, memory in MB) as set now."""
    return _number(TIMEOUT_VARIABLE, TIMEOUT), _number(MEMORY_VARIABLE, MEMORY_MB)


def carries_signature(path):
    """Whether the file holds a signature's byte range (read in chunks)."""
    keep = len(SIGNATURE_MARK) - 1
    tail = b""
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            if SIGNATURE_MARK in tail + chunk:
                return True
            tail = chunk[-keep:]
    return False


def check_path(path, roots_pem):
    """([facts of each signature], None), or ([], reason) when the file was
    not checked (see the module's docstring)."""
    if not carries_signature(path):
        return [], None
    timeout, memory = limits()
    with tempfile.NamedTemporaryFile(prefix="qlvbdh-roots-", suffix=".pem") as roots:
        roots.write(roots_pem)
        roots.flush()
        command = [sys.executable, "-P", WORKER, path, roots.name,
                   str(int(memory * 1048576)), str(MAX_OUTPUT + 1), str(math.ceil(timeout))]
        code, data = limited_process.run(command, timeout, MAX_OUTPUT,
                                         prefix="qlvbdh-signatures-")
    if code == limited_process.TIMED_OUT:
        return [], "time"
    if code != 0:
        return [], EXIT_REASONS.get(code, "crashed")
    if len(data) > MAX_OUTPUT:
        return [], "output"
    return json.loads(data.decode("utf-8")), None


def check_file(named_file, roots_pem):
    """``check_path`` of a file of a document (its blob, or a copy)."""
    with file_path(named_file) as path:
        return check_path(path, roots_pem)


def limit_of(reason):
    """The limit a file went over, as set now (kept with the check)."""
    timeout, memory = limits()
    return {"time": timeout, "memory": memory}.get(reason)


def reason_message(reason, limit=None):
    """The translatable message of why a file was not checked."""
    msgid = REASONS.get(reason, REASONS["crashed"])
    if reason in ("time", "memory"):
        return _(msgid, mapping={"limit": f"{limit or limit_of(reason):g}"})
    return msgid
