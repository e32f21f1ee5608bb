"""Write buildout's [versions] from constraints.txt (the one source of truth).

usage: python3 scripts/buildout_versions.py constraints.txt versions.cfg
"""

import re
import sys

PIN = re.compile(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*==\s*([^\s;#]+)")


def versions_cfg(constraints_text):
    lines = ["# Generated from constraints.txt by scripts/buildout_versions.py.",
             "# Do not edit: edit constraints.txt.", "[versions]"]
    for line in constraints_text.splitlines():
        m = PIN.match(line)
        if m:
            name = re.sub(r"\[.*\]", "", m.group(1))
            lines.append(f"{name} = {m.group(2)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    src, dst = sys.argv[1:3]
    with open(src, encoding="utf-8") as f:
        text = versions_cfg(f.read())
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)
