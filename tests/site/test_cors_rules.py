"""CORS_ORIGINS: the province's web apps allowed to call the REST API from
a browser (issue 17: a configurable CORS policy, plone.rest's)."""

from pathlib import Path
from qlvbdh_policy.rules import cors

import os
import pytest
import subprocess
import sys

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, expected", [
    ("https://app.tiengiang.gov.vn", ["https://app.tiengiang.gov.vn"]),
    ("HTTPS://App.TienGiang.gov.vn/ https://app.tiengiang.gov.vn:443",
     ["https://app.tiengiang.gov.vn"]),
    ("http://localhost:3000, https://mobile.vpdtg.vn", ["http://localhost:3000",
                                                        "https://mobile.vpdtg.vn"]),
    ("", []),
])
def test_origins_as_browsers_send_them(text, expected):
    assert cors.origins(text) == expected


@pytest.mark.parametrize("text, words", [
    ("*", "“*” is refused"),
    ("app.tiengiang.gov.vn", "is not an origin"),
    ("ftp://app.tiengiang.gov.vn", "is not an origin"),
    ("https://app.tiengiang.gov.vn/api", "more than scheme, host and port"),
    ("https://user@app.tiengiang.gov.vn", "more than scheme, host and port"),
    ("https://app_x.gov.vn", "no valid host name"),
    ("https://app.gov.vn:99999", "no valid port"),
])
def test_what_cannot_be_an_origin_is_refused(text, words):
    with pytest.raises(cors.OriginError) as refused:
        cors.origins(text)
    assert words in str(refused.value)


def test_no_origin_no_policy():
    assert cors.policy_zcml([]) == ""
    zcml = cors.policy_zcml(["https://app.tiengiang.gov.vn", "http://localhost:3000"])
    assert 'allow_origin="https://app.tiengiang.gov.vn,http://localhost:3000"' in zcml
    assert 'allow_credentials="true"' in zcml


def test_render_refuses_a_wildcard_in_one_sentence(tmp_path):
    env = {**os.environ, "CORS_ORIGINS": "*", "DATABASE_URL": ""}
    done = subprocess.run([sys.executable, str(ROOT / "instance" / "render.py"), str(tmp_path),
                           "127.0.0.1", "8080"], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith("error: CORS_ORIGINS: “*” is refused")
    assert not (tmp_path / "etc").exists()  # nothing written
