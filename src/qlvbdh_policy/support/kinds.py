"""The kinds and urgencies a support request may have, by the tokens the
form at ``<site>/ho-tro`` sends (its fields are the site manager's to
change through the web; these tokens are what the tracking reads)."""

#: Quy chế Điều 6.1.c: an agency asks for its domain (subdomain) name
DOMAIN = "domain"
INCIDENT = "incident"
KINDS = ("incident", "howto", "upgrade", "account", DOMAIN)
URGENCIES = ("normal", "urgent", "critical")
