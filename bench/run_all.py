"""`make bench`: every benchmark against one fresh instance, one JSON line
per figure. The baseline runs first; later figures divide by it."""

from pathlib import Path

import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_baseline  # noqa: E402
from instance import ADMIN  # noqa: E402
from instance import running_site  # noqa: E402


def main():
    with running_site() as url:
        bench_baseline.run(url, ADMIN)


if __name__ == "__main__":
    main()
