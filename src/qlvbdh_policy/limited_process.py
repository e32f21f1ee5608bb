"""Running a reader of a user's file in a process of its own, limited in
time, memory and output (issue 14; issue 21 for signatures).

A user's file is hostile until read: a small file can make a parser run
for minutes or allocate gigabytes. Readers of files therefore run as a
separate Python process (search/extract_worker.py for text,
signatures/check_worker.py for digital signatures) that limits itself
first (``limit_self``) and that the parent kills at its timeout (``run``).

The limits are set in the child, not through ``preexec_fn``: the parent
is a threaded Zope process, where code between fork and exec may
deadlock. Standard library only: the workers import this module before
anything else, by path (``python -P worker.py``), without Zope.
"""

import contextlib
import os
import resource
import signal
import subprocess
import tempfile

#: ``run``'s code for a process killed at its timeout (no exit status)
TIMED_OUT = "timeout"


def limit_self(memory, output, cpu):
    """Limit this process (and what it ``exec``s): address space
    (RLIMIT_AS), bytes it may write (RLIMIT_FSIZE: its stdout is a file),
    CPU seconds (RLIMIT_CPU), no core file."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Python ignores these; an exec'd reader must die of them
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def run(command, timeout, max_output, prefix="qlvbdh-worker-"):
    """Run ``command``; return (exit code, the first ``max_output + 1``
    bytes of its stdout), or (TIMED_OUT, b"") when it ran longer than
    ``timeout`` seconds of wall time: then it is killed with anything it
    started (its own session). A negative code is the signal it died of."""
    with tempfile.TemporaryFile(prefix=prefix) as out:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return TIMED_OUT, b""
        out.seek(0)
        return code, out.read(max_output + 1)
