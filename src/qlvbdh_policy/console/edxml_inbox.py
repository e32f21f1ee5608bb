"""The drop folder of received edXML messages (cron, every few minutes:
``make edxml-inbox``), for a hub adapter that writes files instead of
calling ``POST <agency>/@edxml-inbox``.

One folder per agency, named by its domain abbreviation or its
identification code::

    <dir>/sttt/*.edxml            waiting
    <dir>/sttt/done/              handled (landed, status consumed, change done)
    <dir>/sttt/refused/           refused, each with <file>.reason.txt saying why

Each file is read as the REST service reads it (``receiving.receive``) in a
transaction of its own: a refused file stores nothing and does not stop
the others. A folder that names no agency is left alone and reported.
"""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser

import os
import shutil
import transaction

DONE = "done"
REFUSED = "refused"


def agencies_by_folder(site):
    """{folder name: agency}: each agency under its id and its code."""
    from plone import api

    found = {}
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type="Agency"):
        agency = brain._unrestrictedGetObject()
        found[agency.getId()] = agency
        if getattr(agency, "agency_code", None):
            found[agency.agency_code] = agency
    return found


def _move(path, folder):
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, os.path.basename(path))
    shutil.move(path, target)
    return target


def handle_file(agency, path):
    """(True, what) for a file handled, (False, reason) for one refused."""
    from qlvbdh_policy.content.validation import RefusedValue
    from qlvbdh_policy.exchange import receiving

    folder = os.path.dirname(path)
    with open(path, "rb") as stream:
        data = stream.read()
    try:
        what, doc = receiving.receive(agency, data)
        transaction.commit()
    except RefusedValue as refusal:
        transaction.abort()
        reason = str(refusal)
        target = _move(path, os.path.join(folder, REFUSED))
        with open(target + ".reason.txt", "w", encoding="utf-8") as out:
            out.write(reason + "\n")
        return False, reason
    _move(path, os.path.join(folder, DONE))
    return True, f"{what}: {doc.absolute_url(1)}"


def run(site, directory):
    """Every *.edxml of every agency's folder; (handled, refused, unknown
    folders)."""
    from plone import api

    handled, refused, unknown = [], [], []
    agencies = agencies_by_folder(site)
    for name in sorted(os.listdir(directory)):
        folder = os.path.join(directory, name)
        if not os.path.isdir(folder):
            continue
        agency = agencies.get(name)
        if agency is None:
            unknown.append(name)
            continue
        for file_name in sorted(os.listdir(folder)):
            path = os.path.join(folder, file_name)
            if not file_name.lower().endswith(".edxml") or not os.path.isfile(path):
                continue
            with api.env.adopt_roles(["Manager"]):
                ok, detail = handle_file(agency, path)
            (handled if ok else refused).append((f"{name}/{file_name}", detail))
    return handled, refused, unknown


def main(app, argv):
    args = parser("edxml_inbox")
    args.add_argument("--dir", required=True, help="the drop folder")
    args = args.parse_args(argv)
    site = open_site(app, args.site)
    handled, refused, unknown = run(site, args.dir)
    for name, detail in handled:
        print(f"OK  {name} → {detail}")
    for name, reason in refused:
        print(f"TỪ CHỐI  {name}: {reason}")
    for name in unknown:
        print(f"?   {name}: không có cơ quan nào có tên miền hoặc mã định danh này")
    print(f"edXML inbox: {len(handled)} handled, {len(refused)} refused")
    return handled, refused, unknown
