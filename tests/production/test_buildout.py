"""buildout.cfg builds the same site, pinned by constraints.txt.

Builds into a temporary folder with a fresh virtualenv; downloaded eggs are
cached in ~/.cache/qlvbdh-buildout so a second run takes seconds.
"""

from pathlib import Path

import os
import pytest
import requests
import shutil
import signal
import socket
import subprocess
import sys
import time

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path.home() / ".cache" / "qlvbdh-buildout"
pytestmark = pytest.mark.slow

COPY = ["setup.py", "README.md", "MANIFEST.in", "constraints.txt", "buildout.cfg",
        "src", "scripts", "profiles"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, cwd, timeout=1800, env=None):
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                       env={**os.environ, **(env or {})})
    assert r.returncode == 0, f"{cmd} failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r


def test_versions_cfg_follows_constraints():
    sys.path.insert(0, str(ROOT / "scripts"))
    from buildout_versions import versions_cfg

    text = versions_cfg("Products.CMFPlone==6.2.2\nplone.app.layout==6.0.2\n# x\n")
    assert "[versions]\nProducts.CMFPlone = 6.2.2\nplone.app.layout = 6.0.2\n" in text


def test_buildout_builds_a_serving_instance(tmp_path):
    work = tmp_path / "build"
    work.mkdir()
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, work / name, ignore=shutil.ignore_patterns(
                "__pycache__", "*.egg-info", "*.mo"))
        else:
            shutil.copy2(src, work / name)
    run([sys.executable, "scripts/buildout_versions.py", "constraints.txt",
         "versions.cfg"], work)
    run([sys.executable, "-m", "venv", "bvenv"], work)
    run(["bvenv/bin/pip", "install", "-q", "-c", "constraints.txt",
         "zc.buildout", "pip", "setuptools", "wheel"], work)
    (CACHE / "eggs").mkdir(parents=True, exist_ok=True)
    (CACHE / "downloads").mkdir(parents=True, exist_ok=True)
    port = free_port()
    out = run(["bvenv/bin/buildout", "-N",
               f"buildout:eggs-directory={CACHE / 'eggs'}",
               f"buildout:download-cache={CACHE / 'downloads'}",
               f"buildout:http-address=127.0.0.1:{port}",
               "buildout:admin-password=buildout-admin"], work)
    assert "Picked versions" not in out.stdout + out.stderr, "unpinned packages"
    assert (work / "bin" / "instance").exists()

    run(["bin/instance", "run", "scripts/setup_site.py", "--demo", "profiles/demo"],
        work, timeout=600, env={"ADMIN_PASSWORD": "buildout-admin"})
    proc = subprocess.Popen(["bin/instance", "fg"], cwd=work, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/qlvbdh"
        deadline = time.time() + 180
        while True:
            try:
                r = requests.get(url, timeout=120)
                break
            except requests.ConnectionError:
                assert time.time() < deadline, "instance did not start"
                time.sleep(1)
        assert r.status_code == 200
        assert 'lang="vi"' in r.text
        assert "Hệ thống quản lý văn bản và điều hành tỉnh Tiền Giang" in r.text
        r = requests.get(f"http://127.0.0.1:{port}/manage_main",
                         auth=("admin", "buildout-admin"), timeout=10)
        assert r.status_code == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
