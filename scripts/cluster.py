"""`make cluster`: several Zope instances behind Debian's nginx (issue 15).

usage: cluster.py check VAR HOST PORT INSTANCES
       cluster.py run VAR HOST PORT INSTANCES BASE_DOMAIN MAX_BODY_MB TRUSTED_PROXY

`check` runs before the site step (a sentence instead of a minute's wait);
`run` starts, after it, N instances on HOST:PORT+1 … PORT+N and nginx on
HOST:PORT with the configuration of `make nginx-config` (the same agency
hosts), and keeps them running until SIGINT (Ctrl-C) or SIGTERM, which stop
them all. An instance that dies is started again; nginx leaves it out
meanwhile (vhosting's passive checks). If nginx or the ZEO server dies the
whole cluster stops.

Storage: with DATABASE_URL every instance opens the PostgreSQL database
(RelStorage), each with its own blob cache in VAR/cluster/<n>/blobcache.
Without it one FileStorage cannot be opened by several processes, so a
ZEO server (Plone's answer, part of ZODB's own tools) alone opens
VAR/filestorage/Data.fs and VAR/blobstorage, and the instances are its
clients through the socket VAR/cluster/zeo.sock (this machine only).
"""

from pathlib import Path

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "instance"))
sys.path.insert(0, str(ROOT / "scripts"))
import preflight  # noqa: E402
import render  # noqa: E402

SOCKET_MAX = 100  # AF_UNIX paths are at most 107 bytes
STARTUP_SECONDS = 300


def say(message):
    print(f"cluster: {message}", flush=True)


def fail(message):
    print(f"error: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def nginx_binary():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                     else None)


def ports(port, instances):
    """(the balancer's port, [the instances' ports]) after checking them."""
    try:
        port, instances = int(port), int(instances)
    except ValueError:
        fail(f"INSTANCES and PORT must be numbers (INSTANCES={instances}, PORT={port}).")
    if not 1 <= instances <= 32:
        fail(f"INSTANCES={instances}: give between 1 and 32 instances.")
    if not 1 <= port or port + instances > 65535:
        fail(f"PORT={port}: the ports {port}…{port + instances} must be below 65536.")
    return port, [port + n for n in range(1, instances + 1)]


def check(var, host, port, instances):
    """Before the site step: the ports are free, nginx is there, and
    without DATABASE_URL the ZEO socket's path fits."""
    port, instance_ports = ports(port, instances)
    if not nginx_binary():
        fail("nginx is not installed (Debian: apt-get install nginx-light); "
             "`make cluster` uses it as the balancer.")
    for each in [port, *instance_ports]:
        preflight.check_port(host, each, advice=(
            f"choose another PORT: `make cluster` needs {port}…{instance_ports[-1]}, "
            "nginx's port and one for each instance."))
    if not preflight.postgres_url() and len(str(render.zeo_socket(var))) > SOCKET_MAX:
        fail(f"the path of {var} is too long for the ZEO server's socket "
             f"({render.zeo_socket(var)}): use a shorter VAR, or DATABASE_URL=postgresql://...")


def on_parent_death():
    """Children get SIGTERM when this supervisor dies, even by kill -9."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def start(args, log):
    # own session: Ctrl-C reaches the supervisor, which stops the children in order
    return subprocess.Popen([str(a) for a in args], stdin=subprocess.DEVNULL,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=on_parent_death)


def listening(address):
    family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        try:
            s.connect(address)
            return True
        except OSError:
            return False


def stop(process, timeout=30):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


NGINX_CONF = """\
# written by `make cluster` (scripts/cluster.py): the balancer of the cluster
{user}pid {home}/nginx.pid;
error_log {log}/nginx-error.log;
worker_processes auto;
events {{ worker_connections 1024; }}
http {{
    # which instance answered each request (upstream=)
    log_format cluster '$remote_addr [$time_local] "$request" $status $body_bytes_sent '
                       '$request_time "$host" upstream=$upstream_addr';
    access_log {log}/nginx-access.log cluster;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{servers}
}}
"""


def nginx_conf(var, host, port, instance_ports):
    """The http servers `make nginx-config` prints (same script, same
    agency hosts), for these upstreams and nginx's listen address."""
    upstreams = " ".join(f"{host}:{p}" for p in instance_ports)
    done = subprocess.run(
        [str(BIN / "zconsole"), "run", str(Path(var) / "etc" / "zope.conf"),
         str(ROOT / "scripts" / "nginx_config.py"), "--upstream", upstreams,
         "--listen", f"{host}:{port}"], capture_output=True, text=True)
    if done.returncode != 0 or "upstream qlvbdh_zope" not in done.stdout:
        sys.stderr.write(done.stderr[-3000:])
        fail("could not write the nginx configuration (scripts/nginx_config.py failed).")
    home = Path(var).resolve() / "cluster" / "nginx"
    home.mkdir(parents=True, exist_ok=True)
    # nginx started by root runs its workers as nobody, who must write the
    # temporary files of large request bodies: a folder of their own
    if os.geteuid() == 0:
        temp = Path(tempfile.mkdtemp(prefix="qlvbdh-nginx-"))
        user = "user nobody nogroup;\n"
    else:
        temp, user = home / "tmp", ""
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (temp / sub).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(temp / sub, "nobody", "nogroup")
    if os.geteuid() == 0:
        shutil.chown(temp, "nobody", "nogroup")
    servers = "\n".join("    " + line if line else line for line in done.stdout.splitlines())
    path = home / "nginx.conf"
    path.write_text(NGINX_CONF.format(user=user, home=home, log=Path(var).resolve() / "log",
                                      temp=temp, servers=servers), encoding="utf-8")
    return path, temp


class Cluster:
    def __init__(self, var, host, port, instances, base, max_body_mb, trusted_proxy):
        self.var = Path(var).resolve()
        self.host, self.base = host, base
        self.port, self.instance_ports = ports(port, instances)
        self.url = preflight.postgres_url()
        self.zeo_address = None if self.url else str(render.zeo_socket(self.var))
        self.homes = {}
        for n, each in enumerate(self.instance_ports, 1):
            home = self.var / "cluster" / str(n)
            render.render(self.var, host, each, base, max_body_mb, trusted_proxy,
                          home=home, zeo=self.zeo_address)
            self.homes[each] = home
        (self.var / "log").mkdir(parents=True, exist_ok=True)
        self.log = (self.var / "log" / "cluster.log").open("ab")
        self.zeo = self.nginx = None
        self.instances, self.started = {}, {}
        self.stopping = False
        self.temp = None

    # -- starting -----------------------------------------------------------
    def start_zeo(self):
        if not self.zeo_address:
            return
        conf = self.var / "cluster" / "zeo.conf"
        conf.write_text(
            "# written by `make cluster`: the one process that opens VAR's FileStorage\n"
            f"<zeo>\n  address {self.zeo_address}\n</zeo>\n"
            f"<filestorage 1>\n  path {self.var}/filestorage/Data.fs\n"
            f"  blob-dir {self.var}/blobstorage\n</filestorage>\n"
            f"<eventlog>\n  <logfile>\n    path {self.var}/log/zeo.log\n  </logfile>\n"
            "</eventlog>\n", encoding="utf-8")
        Path(self.zeo_address).unlink(missing_ok=True)
        self.zeo = start([BIN / "runzeo", "-C", conf], self.log)
        self.wait(lambda: listening(self.zeo_address), self.zeo, "the ZEO server", 60)
        say(f"ZEO server on {self.zeo_address} (VAR's Data.fs and blobs)")

    def start_instance(self, port):
        self.started[port] = time.time()
        self.instances[port] = start([BIN / "runwsgi", self.homes[port] / "etc" / "zope.ini"],
                                     self.log)

    def start_nginx(self, conf):
        binary = nginx_binary()
        test = subprocess.run([binary, "-t", "-q", "-e", str(self.var / "log" / "nginx-error.log"),
                               "-p", str(conf.parent), "-c", str(conf)],
                              capture_output=True, text=True)
        if test.returncode != 0:
            fail(f"nginx refuses {conf}: {test.stderr.strip()}")
        self.nginx = start([binary, "-e", self.var / "log" / "nginx-error.log",
                            "-p", conf.parent, "-c", conf, "-g", "daemon off;"], self.log)
        self.wait(lambda: listening((self.host, self.port)), self.nginx, "nginx", 30)

    def wait(self, ready, process, what, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.stopping:
                raise SystemExit(1)
            if process.poll() is not None:
                self.shutdown()
                fail(f"{what} exited with code {process.returncode} while starting; "
                     f"see {self.var}/log/cluster.log")
            if ready():
                return
            time.sleep(0.3)
        self.shutdown()
        fail(f"{what} did not start within {seconds} s; see {self.var}/log/cluster.log")

    def run(self):
        on_parent_death()  # make killed with -9: the cluster stops too
        signal.signal(signal.SIGTERM, self.on_signal)
        signal.signal(signal.SIGINT, self.on_signal)
        try:
            # written first: on FileStorage it reads Data.fs before the ZEO server opens it
            conf, self.temp = nginx_conf(self.var, self.host, self.port, self.instance_ports)
            self.start_zeo()
            for each in self.instance_ports:
                self.start_instance(each)
            for each in self.instance_ports:
                self.wait(lambda: listening((self.host, each)), self.instances[each],
                          f"the instance on port {each}", STARTUP_SECONDS)
                say(f"instance {each - self.port} on http://{self.host}:{each} "
                    f"(logs in {self.homes[each]}/log)")
            self.start_nginx(conf)
            self.banner()
            return self.watch()
        finally:
            self.shutdown()

    def banner(self):
        storage = (f"PostgreSQL {preflight.database_url.mask(self.url)}" if self.url
                   else f"ZEO server on {self.var}/filestorage/Data.fs")
        say(f"nginx on http://{self.host}:{self.port} balances "
            f"{len(self.instance_ports)} instance(s); storage: {storage}")
        say(f"site: http://{self.base}:{self.port}/  agencies: "
            f"http://<abbr>.{self.base}:{self.port}/  health: /@@health")
        say("Ctrl-C, or SIGTERM to make (or to this process), stops every instance and nginx.")

    # -- running ------------------------------------------------------------
    def on_signal(self, signum, frame):
        self.stopping = True

    def watch(self):
        restart_at = {}
        while not self.stopping:
            time.sleep(0.5)
            if self.stopping:
                break
            for name, process in (("nginx", self.nginx), ("the ZEO server", self.zeo)):
                if process is not None and process.poll() is not None:
                    print(f"error: {name} exited with code {process.returncode}; "
                          "stopping the cluster.", file=sys.stderr, flush=True)
                    return 1
            for each, process in list(self.instances.items()):
                if process.poll() is None or self.stopping:
                    continue
                if each not in restart_at:
                    # one that dies as it starts is started again only every 30 s
                    lived = time.time() - self.started[each]
                    restart_at[each] = time.time() + (1 if lived > 60 else 30)
                    say(f"the instance on port {each} exited with code {process.returncode}; "
                        "starting it again (nginx sends its requests to the others meanwhile)")
                elif time.time() >= restart_at[each]:
                    del restart_at[each]
                    self.start_instance(each)
        return 0

    def shutdown(self):
        self.stopping = True
        if self.nginx is not None:
            stop(self.nginx)
        for process in self.instances.values():
            if process.poll() is None:
                process.terminate()
        for process in self.instances.values():
            stop(process, timeout=60)
        if self.zeo is not None:
            stop(self.zeo)
        if self.temp is not None and os.geteuid() == 0:
            shutil.rmtree(self.temp, ignore_errors=True)
            self.temp = None
        if self.nginx is not None or self.instances:
            say("stopped nginx and every instance.")
            self.nginx, self.instances, self.zeo = None, {}, None


def main(argv):
    if len(argv) == 5 and argv[0] == "check":
        check(*argv[1:])
        return 0
    if len(argv) == 8 and argv[0] == "run":
        return Cluster(*argv[1:]).run()
    fail(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
