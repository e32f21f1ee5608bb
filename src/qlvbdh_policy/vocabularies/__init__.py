"""Vocabularies whose terms are data: registry records of lines
``token|title|abbreviation`` that site managers edit (Cấu hình > Registry,
prefix ``qlvbdh.``)."""

from collections import namedtuple

Term = namedtuple("Term", "token title abbr")


def parse_lines(lines):
    """``['quyet_dinh|Quyết định (cá biệt)|QĐ', 'cong_van|Công văn|']`` → Terms.

    Blank lines and lines starting with # are skipped; a missing title
    repeats the token; the abbreviation may be empty (Công văn has none).
    """
    terms = []
    for line in lines or ():
        line = (line or "").strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        token = parts[0]
        title = parts[1] if len(parts) > 1 and parts[1] else token
        abbr = parts[2] if len(parts) > 2 else ""
        terms.append(Term(token, title, abbr))
    return terms
