"""The README's REST examples run as tests, so the README stays true: the
commands of its "REST examples" block run as written with curl, on the
province and demo data of `make run` (only the site's address is this
test server's), each answering the status its comment gives after `→`
and, when JSON, the shape the OpenAPI description gives; `<id>` is the
id of the document the last registration in that register answered.
The REST addresses named elsewhere in the README are described too."""

from openapi_contract import Contract
from pathlib import Path
from plone import api
from qlvbdh_policy.agencies.province import load_province
from qlvbdh_policy.demo import load_demo

import json
import pytest
import re
import shlex
import shutil
import subprocess
import transaction

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SITE = "http://127.0.0.1:8080/qlvbdh"  # the README's site, of `make run`
STATUS = re.compile(r"→\s*(\d{3})")
# curl shows the answer's status and type on a last line of its own
CURL = "curl() { command curl -sS -w '\\n%{http_code} %{content_type}' \"$@\"; }\n"
MAGIC = {"application/pdf": b"%PDF",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": b"PK"}

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")


def section(text, title):
    """The README's section under ``title``, up to the next heading (the
    comments of its code blocks are no headings)."""
    lines = text.splitlines(keepends=True)
    start = lines.index(title + "\n")
    level, fenced, end = title.split()[0], False, len(lines)
    for i in range(start + 1, len(lines)):
        if lines[i].startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,%d} " % len(level), lines[i]):
            end = i
            break
    return "".join(lines[start:end])


def code_blocks(text):
    return re.findall(r"^```[a-z]*\n(.*?)^```", text, re.M | re.S)


def complete(command):
    """Whether a shell command is whole (no open quote, no continuation)."""
    if command.rstrip().endswith("\\"):
        return False
    try:
        shlex.split(command)
    except ValueError:
        return False
    return True


def examples(block):
    """[(expected status, comment, command)] of an examples block; the
    status is the last `→ NNN` of the comments before the command."""
    found, comments, status, command = [], [], None, ""
    for line in block.splitlines():
        if not command and (not line.strip() or line.lstrip().startswith("#")):
            comments.append(line.strip("# "))
            match = STATUS.findall(line)
            status = int(match[-1]) if match else status
            continue
        command += line + "\n"
        if complete(command):
            found.append((status, " ".join(c for c in comments if c), command.strip()))
            comments, command = [], ""
    assert not command, f"unfinished command: {command}"
    return found


def readme():
    return README.read_text(encoding="utf-8")


def test_the_examples_are_read_as_commands():
    found = examples(code_blocks(section(readme(), "### REST examples"))[0])
    assert len(found) >= 15
    assert all(status for status, _, _ in found), "an example without its → status"
    assert all(command.startswith("curl ") for _, _, command in found)
    assert {status for status, _, _ in found} >= {200, 201, 400, 409}


@pytest.fixture
def demo_site(server, server_url):
    """The site of `make run`: the province's agencies and the demo data."""
    portal = server["portal"]
    with api.env.adopt_roles(["Manager"]):
        load_province(portal, ROOT / "profiles" / "province")
        load_demo(portal, ROOT / "profiles" / "demo")
    transaction.commit()
    return server_url


def run(command, cwd):
    done = subprocess.run(["bash", "-c", CURL + command], cwd=cwd, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, (command, done.stderr)
    body, _, last = done.stdout.rpartition("\n")
    status, _, media = last.partition(" ")
    return int(status), media, body


def test_the_rest_examples_answer_as_the_readme_says(demo_site, tmp_path):
    contract = Contract()
    created = {}  # register's address → id of the document last registered there
    problems = []
    for status, comment, command in examples(code_blocks(section(readme(),
                                                                 "### REST examples"))[0]):
        command = command.replace(SITE, demo_site)
        for register, doc_id in created.items():
            command = command.replace(f"{register}/<id>", f"{register}/{doc_id}")
        assert "<id>" not in command, f"no registration before: {command}"
        answer_status, media, body = run(command, tmp_path)
        assert answer_status == status, (comment, command, body[:500])
        words = shlex.split(command)
        url = next(w for w in words if w.startswith(demo_site))
        method = words[words.index("-X") + 1] if "-X" in words else "GET"
        if "-o" in words:
            data = (tmp_path / words[words.index("-o") + 1]).read_bytes()
            assert data.startswith(MAGIC[media.split(";")[0]]), (command, data[:20])
            problems += contract.check_response(method, url, demo_site, answer_status, media, data)
            continue
        data = json.loads(body) if media.startswith("application/json") and body else body
        problems += contract.check_response(method, url, demo_site, answer_status, media, data)
        if answer_status == 201 and "/@" not in url:  # a service's 201 registers nothing
            register = url.split("?")[0].rstrip("/")
            created[register] = data["id"]
    assert problems == [], "\n".join(problems)


def test_the_error_example_is_the_services_message(demo_site, tmp_path):
    """"REST errors" shows the message of a date written dd/mm/yyyy: the
    service says exactly that."""
    text = section(readme(), "### REST errors")
    shown = re.search(r'"message": "(doc_date: [^\n]*?)",\n', text).group(1)
    body = json.dumps({"@type": "IncomingDocument", "title": "Công văn về việc báo cáo",
                       "sender_name": "Sở Nội vụ", "code_number": "215",
                       "code_notation": "SNV-VP", "doc_date": "20/11/2026",
                       "doc_type": "cong_van"}, ensure_ascii=False)
    status, _, answer = run(
        f"curl -u vanthu:demo-vanthu-2026 -H 'Accept: application/json' "
        f"-H 'Content-Type: application/json' "
        f"-X POST {demo_site}/sttt/den-2026 -d {shlex.quote(body)}", tmp_path)
    assert status == 400
    assert json.loads(answer)["message"] == shown


def test_every_rest_address_of_the_readme_is_described():
    """The curl commands and the accounts' table anywhere in the README name
    services the OpenAPI description has."""
    contract = Contract()
    text = readme()
    site = "http://127.0.0.1:8080/qlvbdh"
    named = []
    for command in re.findall(r"curl [^`\n]*", text.replace("\\\n", " ")):
        words = command.split()
        url = next((w.strip("'") for w in words if w.strip("'").startswith(site)), None)
        if url is not None:
            method = words[words.index("-X") + 1] if "-X" in words else "GET"
            named.append((method, url.split("?")[0]))
    table = code_blocks(section(text, "### Accounts of an agency"))[0]
    for method, path in re.findall(r"^(GET|POST|PATCH|PUT|DELETE)\s+(<[^>]+>\S*)", table,
                                    re.M):
        for place in ("/sttt", "") if path.startswith("<site or agency>") else ("/sttt",):
            path_here = re.sub(r"^<[^>]+>", place, path).replace("<userid>", "ntphuc@sttt")
            named.append((method, site + path_here))
    assert len(named) >= 25
    missing = [(m, u) for m, u in named if contract.match(m, u.replace("<id>", "x"), site) is None]
    assert missing == []
