"""Loading a province: its agencies and their registers of the year.

Idempotent: what exists is left as it is, what is missing is created.
"""

from pathlib import Path
from plone import api
from qlvbdh_policy.timeutil import vietnam_today

import csv

REGISTERS = (
    ("den", "incoming", "Sổ đăng ký văn bản đến năm {year}"),
    ("di", "outgoing", "Sổ đăng ký văn bản đi năm {year}"),
)


def read_csv(path):
    with Path(path).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def ensure_agency(site, row):
    abbr = row["domain_abbr"]
    if abbr in site.objectIds():
        return site[abbr], False
    agency = api.content.create(
        container=site,
        type="Agency",
        id=abbr,
        title=row["title"],
        domain_abbr=abbr,
        notation_abbr=row["notation_abbr"],
        level=row.get("level") or "so_nganh",
        agency_code=row.get("agency_code") or None,
        address=row.get("address") or None,
        phone=row.get("phone") or None,
        email=row.get("email") or None,
    )
    return agency, True


def ensure_registers(agency, year=None):
    """This year's incoming and outgoing registers (ids den-2026, di-2026)."""
    year = year or vietnam_today().year
    made = []
    for prefix, kind, title in REGISTERS:
        rid = f"{prefix}-{year}"
        if rid not in agency.objectIds():
            made.append(
                api.content.create(
                    container=agency, type="Register", id=rid,
                    title=title.format(year=year), kind=kind, year=year,
                )
            )
    return made


def load_province(site, folder, year=None):
    """Create the agencies of ``folder/agencies.csv``; return (created, total)."""
    created = 0
    rows = read_csv(Path(folder) / "agencies.csv")
    with api.env.adopt_roles(["Manager"]):
        for row in rows:
            agency, new = ensure_agency(site, row)
            created += new
            ensure_registers(agency, year)
    return created, len(rows)
