"""`make bench`: every benchmark against one fresh instance, one JSON line
per figure. The baseline runs first; later figures divide by it.

  BENCH_REGISTER_SIZE   documents put into the large register (50000)
"""

from pathlib import Path

import os
import re
import subprocess
import sys

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_baseline  # noqa: E402
import bench_registration  # noqa: E402
from common import report  # noqa: E402
from instance import ADMIN  # noqa: E402
from instance import ROOT  # noqa: E402
from instance import running_site  # noqa: E402

LARGE_AGENCY = "snv"
PER_DAY = 200


def populate(size):
    def prepare(var, env):
        out = subprocess.run(
            [str(ROOT / ".venv" / "bin" / "zconsole"), "run", str(var / "etc" / "zope.conf"),
             str(HERE / "populate_register.py"), LARGE_AGENCY, str(size), str(PER_DAY)],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout
        m = re.search(r"populated (\d+) documents in (\d+)s", out)
        report("register.populate", int(m.group(1)) / max(int(m.group(2)), 1),
               "documents/s (in-process, setup)", documents=int(m.group(1)))
        m = re.search(r"HELD (\d+) CATALOG_DAY_P95_MS ([\d.]+) P50_MS ([\d.]+)", out)
        report("register.day_listing_catalog", float(m.group(2)), "ms (p95)",
               p50_ms=float(m.group(3)), documents_in_register=int(m.group(1)),
               entries_per_day=PER_DAY)
    return prepare


def main():
    size = int(os.environ.get("BENCH_REGISTER_SIZE", "50000"))
    with running_site(prepare=populate(size)) as url:
        baseline = bench_baseline.run(url, ADMIN)
        from datetime import date

        year = date.today().year
        bench_registration.run(url, ADMIN, baseline, f"{url}/sttt/den-{year}")
        bench_registration.run_day_listing(
            f"{url}/{LARGE_AGENCY}/den-{year}", ADMIN, size, PER_DAY, year
        )


if __name__ == "__main__":
    main()
