"""Domain abbreviations of agencies by Quy chế Điều 6.1: the initials of the
agency's Vietnamese name, without diacritics or spaces (Sở Thông tin và
Truyền thông → sttt; Ủy ban nhân dân huyện Cái Bè → ubndcb). For people's
committees the administrative level is left out unless it is needed to
tell two apart (huyện Cai Lậy → ubndcl, thị xã Cai Lậy → ubndtxcl)."""

from qlvbdh_policy.rules.folding import fold

import re

SKIPPED = {"va"}  # "và" carries no initial: Thông tin và Truyền thông → tt
COMMITTEE = ["uy", "ban", "nhan", "dan"]
LEVELS = (["thanh", "pho"], ["thi", "xa"], ["thi", "tran"], ["huyen"], ["tinh"], ["quan"],
          ["phuong"], ["xa"])
#: an agency's domain abbreviation, the one pattern the hosts, the agency's
#: field, renaming and nginx's server names read (2 to 31 of a-z and digits,
#: a letter first: one DNS label, the first part of an account's login)
ABBR = r"[a-z][a-z0-9]{1,30}"
PATTERN = re.compile(rf"^{ABBR}$")
# Names the system and the province's DNS keep for themselves: the host of
# the base domain's services, and words that would make an agency's groups
# (<abbr>-clerks …) or accounts collide with the site's own
# (province-oversight is the province's oversight group).
RESERVED = frozenset({
    "province", "www", "api", "admin", "administrator", "mail", "webmail", "smtp",
    "imap", "pop", "ftp", "ns", "ns1", "ns2", "mx", "vpn", "proxy", "static", "assets",
    "cdn", "portal", "plone", "zope", "root", "manage", "login", "logout", "auth",
    "sso", "help", "support", "hotro", "localhost", "test", "demo", "dev", "staging",
})
# Names whose abbreviation the regulation itself fixes otherwise than by
# initials (Điều 6.1.a: Sở Thông tin và Truyền thông is sttt, not stttt).
FIXED = {"so thong tin va truyen thong": "sttt"}


def is_reserved(abbr):
    return (abbr or "").lower() in RESERVED


class DomainAbbrError(ValueError):
    """No abbreviation can be proposed; ``str()`` says why, in Vietnamese."""


def _words(name):
    return [re.sub(r"[^a-z0-9]", "", w) for w in fold(name or "").split()]


def _initials(words):
    return "".join(w[0] for w in words if w and w not in SKIPPED)


def candidates(name):
    """Abbreviations in order of preference."""
    words = [w for w in _words(name) if w]
    if not words:
        raise DomainAbbrError("Tên cơ quan trống: không đề xuất được tên miền.")
    fixed = FIXED.get(" ".join(words))
    if fixed:
        return [fixed, _initials(words)]
    if words[:4] == COMMITTEE:
        rest = words[4:]
        level = next((lv for lv in LEVELS if rest[:len(lv)] == lv), [])
        place = rest[len(level):]
        options = ["ubnd" + _initials(place), "ubnd" + _initials(level) + _initials(place)]
    else:
        options = [_initials(words)]
    out = []
    for option in options:
        if PATTERN.match(option) and option not in out:
            out.append(option)
    if not out:
        raise DomainAbbrError(f"Không đề xuất được tên miền cho “{name}”.")
    return out


def suggest_domain_abbr(name, taken=()):
    """The first free abbreviation; then the preferred one with 2, 3 …
    A reserved name is never free."""
    used = {t.lower() for t in taken} | RESERVED
    options = candidates(name)
    for option in options:
        if option not in used:
            return option
    for n in range(2, 100):
        option = f"{options[0]}{n}"
        if option not in used:
            return option
    raise DomainAbbrError(f"Không còn tên miền nào cho “{name}”.")
