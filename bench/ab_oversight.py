"""Two versions of the code on two sites filled alike, compared in CPU time:
the oversight reports, the statistics page, the register book with and
without a state filter and "Việc của tôi" of a leader and of a handler
(bench/inprocess_oversight.py), A and B run alternately (A B, then B A …)
so that neither profits from a quieter moment of a shared machine.

  python bench/ab_oversight.py A_WORKTREE A_VAR B_WORKTREE B_VAR [ROUNDS] [REPEATS]

Each VAR holds a site made by `make instance site` from its worktree and
filled by bench/prepare_oversight.py run with that worktree's code (same
arguments: the same documents, the generator is seeded). One JSON line per
figure: B's median CPU ms over A's, the median of the rounds' ratios, with
the rounds' spread.
"""

from pathlib import Path

import json
import os
import statistics
import subprocess
import sys

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def one_run(worktree, var, repeats):
    env = {**os.environ, "TZ": "Asia/Ho_Chi_Minh", "PYTHONPATH": str(Path(worktree) / "src")}
    out = subprocess.run(
        [str(BIN / "zconsole"), "run", str(Path(var) / "etc" / "zope.conf"),
         str(HERE / "inprocess_oversight.py"), str(repeats)],
        cwd=worktree, env=env, check=True, capture_output=True, text=True).stdout
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return {line["name"]: line for line in lines}


def main(a_tree, a_var, b_tree, b_var, rounds=4, repeats=10):
    runs = {"A": [], "B": []}
    for r in range(rounds):
        order = (("A", a_tree, a_var), ("B", b_tree, b_var))
        for label, tree, var in order if r % 2 == 0 else reversed(order):
            runs[label].append(one_run(tree, var, repeats))
    for name in runs["A"][0]:
        a = [run[name]["cpu_ms_median"] for run in runs["A"]]
        b = [run[name]["cpu_ms_median"] for run in runs["B"]]
        ratios = [y / x for x, y in zip(a, b)]
        extra = {k: runs["B"][0][name][k] for k in ("rows", "items_total")
                 if k in runs["B"][0][name]}
        if "rows" in runs["A"][0][name]:
            extra["rows_a"] = runs["A"][0][name]["rows"]
        print(json.dumps({
            "name": name.replace("inprocess.", "ab."), "value": round(statistics.median(ratios), 3),
            "unit": "ratio B/A (CPU ms, median of rounds)",
            "a_cpu_ms": round(statistics.median(a), 2), "b_cpu_ms": round(statistics.median(b), 2),
            "ratio_min": round(min(ratios), 3), "ratio_max": round(max(ratios), 3),
            "rounds": rounds, "repeats": repeats, **extra}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5], *map(int, sys.argv[5:7]))
