"""Render the instance templates into VAR/etc (standard library only).

usage: python3 instance/render.py VAR HOST PORT [BASE_DOMAIN [MAX_BODY_MB [TRUSTED_PROXY]]]
"""

from pathlib import Path

import sys

HERE = Path(__file__).resolve().parent


def render(var, host, port, base="vpdtg.localhost", max_body_mb=100,
           trusted_proxy="127.0.0.1"):
    var = Path(var).resolve()
    values = {
        "@VAR@": str(var),
        "@HOST@": host,
        "@PORT@": str(port),
        "@BASE_DOMAIN@": base,
        "@MAX_BODY_BYTES@": str(int(max_body_mb) * 1048576),
        "@TRUSTED_PROXIES@": "\n".join(f"trusted-proxy {address}"
                                       for address in trusted_proxy.replace(",", " ").split()),
    }
    for sub in ("etc", "log", "cache", "filestorage", "blobstorage"):
        (var / sub).mkdir(parents=True, exist_ok=True)
    (var / "blobstorage").chmod(0o700)
    for name in ("zope.conf", "zope.ini"):
        text = (HERE / f"{name}.in").read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        (var / "etc" / name).write_text(text, encoding="utf-8")
    # Zope reads INSTANCE_HOME/etc/site.zcml
    site_zcml = (HERE / "site.zcml").read_text(encoding="utf-8")
    (var / "etc" / "site.zcml").write_text(site_zcml, encoding="utf-8")


if __name__ == "__main__":
    render(*sys.argv[1:7])
