"""Debian's nginx in front of a test server, with a configuration the
project generates (vhosting.nginx_config)."""

from contextlib import contextmanager

import shutil
import socket
import subprocess
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, tries=100):
    for _ in range(tries):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


@contextmanager
def running_nginx(folder, servers, port):
    """nginx serving ``servers`` (the http block's body) until the block
    ends; its logs and temporary files under ``folder``."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    for sub in ("logs", "tmp"):
        (folder / sub).mkdir(exist_ok=True)
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid;\nerror_log {folder}/logs/error.log;\n"
        "events { worker_connections 64; }\n"
        # bodies kept in memory: the workers (nobody) cannot write into folder
        f"http {{\n access_log off;\n client_body_buffer_size 4m;\n"
        f" client_body_temp_path {folder}/tmp;\n"
        f" proxy_temp_path {folder}/tmp;\n{servers}\n}}\n")
    process = subprocess.Popen([binary, "-p", str(folder), "-c", str(folder / "nginx.conf"),
                                "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        wait_for(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
