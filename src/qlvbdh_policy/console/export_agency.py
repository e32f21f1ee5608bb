"""One agency's own export (Quy chế Điều 8.4) from the command line:
``make export-agency AGENCY=sttt [EXPORT_DIR=…]`` writes
``<EXPORT_DIR>/<abbr>-<yyyy-mm-dd>.zip`` (exports/agency_export.py).
It only reads, beside the running instances: `make` opens FileStorage
read-only (instance/render.py --read-only), PostgreSQL as the instances do."""

from qlvbdh_policy.console import open_site
from qlvbdh_policy.console import parser

import sys
import transaction


def main(app, argv):
    cli = parser("export_agency")
    cli.add_argument("agency", help="domain abbreviation, folder id or UID of the agency")
    cli.add_argument("--output", required=True, help="folder the ZIP is written into")
    args = cli.parse_args(argv)
    from plone import api
    from qlvbdh_policy.exports import agency_export

    site = open_site(app, args.site)
    site.REQUEST.environ["HTTP_ACCEPT_LANGUAGE"] = "vi"  # the books' headers, as on the site
    try:
        agency = agency_export.find_agency(site, args.agency)
    except agency_export.AgencyNotFound as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    with api.env.adopt_roles(["Manager"]):
        path, done = agency_export.export_to_folder(agency, args.output, site.REQUEST)
    transaction.abort()  # an export writes nothing into the database
    print(f"{path}: {done['documents']} văn bản, {done['files']} tệp "
          f"({done['file_bytes'] / 1048576:.1f} MB), {done['books']} sổ; "
          f"ZIP {done['size'] / 1048576:.1f} MB")
    return path
