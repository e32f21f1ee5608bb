# qlvbdh_policy — the two commands of a new user are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8080
# agencies are served as <abbr>.$(BASE_DOMAIN) (production: vpdtg.vn behind nginx)
BASE_DOMAIN ?= vpdtg.localhost
PUBLIC_URL ?= http://$(BASE_DOMAIN):$(PORT)
# the sender of the site's mail (routing notices, overdue reminders), set when the site has none
MAIL_FROM ?= noreply@$(BASE_DOMAIN)
VAR ?= $(CURDIR)/var
# make nginx-config: HTTPS with TLS_CERT and TLS_KEY (certificate and key files)
TLS_CERT ?=
TLS_KEY ?=
HTTP_LISTEN ?= 80
HTTPS_LISTEN ?= 443
ADMIN_PASSWORD ?= admin
# the largest request body waitress reads (base64 of qlvbdh.max_upload_mb + 1 MB)
MAX_BODY_MB ?= 100
# the reverse proxy whose X-Forwarded-For Zope believes (space-separated)
TRUSTED_PROXY ?= 127.0.0.1
DEMO ?= $(CURDIR)/profiles/demo
PROVINCE ?= $(CURDIR)/profiles/province
PYTEST_ARGS ?=
# empty: FileStorage in $(VAR); postgresql://user@host:port/dbname: RelStorage
DATABASE_URL ?=
export DATABASE_URL
# the province's web apps allowed to call the REST API from a browser (README: CORS)
CORS_ORIGINS ?=
export CORS_ORIGINS
# make backup: where backups go (beside VAR, so `make reset` keeps them) and how many are kept
BACKUP_DIR ?= $(abspath $(VAR)/..)/backups
BACKUP_KEEP ?= 7
# make pack: days of history (undo) kept
DAYS ?= 7
# make export-agency: where one agency's ZIP goes
EXPORT_DIR ?= $(abspath $(VAR)/..)/exports
# make cluster: how many instances (on PORT+1 … PORT+INSTANCES, nginx on PORT)
INSTANCES ?= 2
# make nginx-config: the Zope instances nginx balances (space-separated host:port)
UPSTREAMS ?= $(HOST):$(PORT)

VENV ?= $(CURDIR)/.venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
export ADMIN_PASSWORD
# Plone formats dates in the process time zone (DateTime reads it at import).
export TZ := Asia/Ho_Chi_Minh

.PHONY: lint help run cluster cluster-check admin-password install install-test system-test-packages instance site serve test bench reset constraints remind hand-over-notices prune-access-log ocr new-year edxml-inbox verify-signatures nginx-config migrate backup restore pack export-agency

help:
	@echo "make run    install, create the site with demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   install what the tests need, lint, and run the whole suite"
	@echo "make lint   pyflakes, Plone's import order and complexity (ruff.toml)"
	@echo "make bench  run the benchmarks (one JSON line per figure)"
	@echo "make reset  delete the data in $(VAR) (asks first)"
	@echo "make run DATABASE_URL=postgresql://user@host:port/dbname   the site on PostgreSQL"
	@echo "make cluster INSTANCES=N [DATABASE_URL=...]   N instances on PORT+1..PORT+N, nginx on PORT (Ctrl-C stops all)"
	@echo "make nginx-config [UPSTREAMS=\"host:port ...\"]   print the nginx configuration of the agency hosts"
	@echo "make migrate DATABASE_URL=...   move $(VAR)'s FileStorage site into PostgreSQL"
	@echo "make backup [FULL=1]      back up $(VAR) into $(BACKUP_DIR) while the site runs"
	@echo "make restore BACKUP=dir   restore a backup into a stopped, empty $(VAR) (or DATABASE_URL's database)"
	@echo "make pack [DAYS=7]        pack the database (FileStorage or DATABASE_URL) while the site runs"
	@echo "make verify-signatures [AGENCY=sttt] [SINCE=yyyy-mm-dd] [ONLY_UNCHECKED=1] [ALL=1]   check documents' digital signatures in bulk"
	@echo "make export-agency AGENCY=sttt   one agency's own export (ZIP) into $(EXPORT_DIR)"
	@echo "make edxml-inbox [EDXML_INBOX=dir]   receive the edXML files dropped in dir/<agency>/ (cron)"

## run: install, instance, site, serve ---------------------------------------
run: admin-password install instance site serve

# before anything starts: no default admin password beyond loopback
admin-password:
	@$(PYTHON) scripts/preflight.py admin-password $(HOST)

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: '$(PYTHON)' not found. Install Python 3.11 (Debian: apt-get install python3 python3-venv) or run 'make run PYTHON=/path/to/python3.11'." >&2; exit 1; }
	@$(PYTHON) scripts/preflight.py python
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "error: could not create $(VENV) with $(PYTHON) (Debian: apt-get install python3-venv)." >&2; exit 1; }
	$(PIP) install -q -c constraints.txt pip setuptools wheel

$(VENV)/.installed: $(BIN)/python setup.py constraints.txt
	$(PIP) install -q -c constraints.txt -e .
	@touch $@

install: $(VENV)/.installed
	@bash scripts/system_packages.sh run

instance: install
	@$(BIN)/python scripts/preflight.py var $(VAR)
	@$(BIN)/python scripts/preflight.py database $(VAR)
	@$(BIN)/python instance/render.py $(VAR) $(HOST) $(PORT) $(BASE_DOMAIN) $(MAX_BODY_MB) "$(TRUSTED_PROXY)"

site: instance
	@$(BIN)/python scripts/preflight.py lock $(VAR)
	@if $(BIN)/python scripts/preflight.py site-needed $(VAR); then \
	  echo "Creating/updating the Plone site (takes a minute the first time)…"; \
	  $(BIN)/zconsole run $(VAR)/etc/zope.conf scripts/setup_site.py --province $(PROVINCE) --demo $(DEMO) --public-url $(PUBLIC_URL) --mail-from "$(MAIL_FROM)" \
	    && $(BIN)/python scripts/preflight.py site-done $(VAR); \
	else echo "Site is up to date (data in $(VAR))."; fi

serve: instance
	@$(BIN)/python scripts/preflight.py admin-password $(HOST)
	@$(BIN)/python scripts/preflight.py port $(HOST) $(PORT)
	@$(BIN)/python scripts/preflight.py lock $(VAR)
	@echo ""
	@echo "  Site:        http://$(HOST):$(PORT)/qlvbdh"
	@echo "  Zope root:   http://$(HOST):$(PORT)/manage   (admin / \$$ADMIN_PASSWORD)"
	@echo "  REST API:    http://$(HOST):$(PORT)/qlvbdh/++api++"
	@echo "  Demo accounts (user, password, name):"
	@$(BIN)/python scripts/preflight.py accounts $(DEMO)
	@echo ""
	exec $(BIN)/runwsgi $(VAR)/etc/zope.ini

## cluster: the site once, then INSTANCES instances behind Debian's nginx ----------
# With DATABASE_URL the instances share PostgreSQL; without it a ZEO server
# opens $(VAR)'s Data.fs for them. SIGINT/SIGTERM stops them all (scripts/cluster.py).
cluster: admin-password cluster-check site
	exec $(BIN)/python scripts/cluster.py run "$(VAR)" $(HOST) $(PORT) $(INSTANCES) $(BASE_DOMAIN) $(MAX_BODY_MB) "$(TRUSTED_PROXY)"

cluster-check:
	@$(PYTHON) scripts/cluster.py check "$(VAR)" $(HOST) $(PORT) $(INSTANCES)

## test ------------------------------------------------------------------------
$(VENV)/.installed-test: $(VENV)/.installed setup.py constraints.txt
	$(PIP) install -q -c constraints.txt -e '.[test]'
	@touch $@

install-test: $(VENV)/.installed-test system-test-packages

system-test-packages:
	@bash scripts/system_packages.sh test

test: install-test lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# pyflakes, Plone's import order and complexity (ruff.toml); ruff check --fix sorts imports
lint: install-test
	$(BIN)/ruff check src tests bench scripts instance

bench: install-test
	$(BIN)/python bench/run_all.py

## daily jobs (cron) -----------------------------------------------------------
remind: instance
	$(BIN)/zconsole run $(VAR)/etc/zope.conf scripts/deadline_reminders.py

hand-over-notices: instance
	$(BIN)/zconsole run $(VAR)/etc/zope.conf scripts/hand_over_notices.py

prune-access-log: instance
	$(BIN)/zconsole run $(VAR)/etc/zope.conf scripts/prune_access_log.py

ocr: instance
	$(BIN)/zconsole run $(VAR)/etc/zope.conf scripts/ocr_queue.py

new-year: instance
	$(BIN)/zconsole run $(VAR)/etc/zope.conf scripts/new_year.py

## edXML messages a hub adapter dropped as files: EDXML_INBOX/<agency>/*.edxml (every few minutes)
EDXML_INBOX ?= $(VAR)/edxml-inbox
edxml-inbox: instance
	$(BIN)/zconsole run $(VAR)/etc/zope.conf scripts/edxml_inbox.py --dir $(EDXML_INBOX)

## the digital signatures of stored documents checked in bulk (nightly, and after a trust
## root is installed or removed): AGENCY=sttt SINCE=yyyy-mm-dd ONLY_UNCHECKED=1 ALL=1
verify-signatures: instance
	$(BIN)/zconsole run $(VAR)/etc/zope.conf scripts/verify_signatures.py \
	    $(if $(AGENCY),--agency $(AGENCY)) $(if $(SINCE),--since $(SINCE)) \
	    $(if $(ONLY_UNCHECKED),--only-unchecked) $(if $(ALL),--all)

## production reverse proxy -------------------------------------------------------
# the base domain is read from the site setting qlvbdh.public_base_url
# HTTPS: TLS_CERT and TLS_KEY (absolute paths nginx reads; HTTP_LISTEN redirects to
# HTTPS_LISTEN); without them plain HTTP on HTTP_LISTEN
nginx-config: instance
	@$(BIN)/zconsole run $(VAR)/etc/zope.conf scripts/nginx_config.py --upstream "$(UPSTREAMS)" \
	  --listen "$(HTTP_LISTEN)" --listen-https "$(HTTPS_LISTEN)" --tls-cert "$(TLS_CERT)" --tls-key "$(TLS_KEY)"

## data ------------------------------------------------------------------------
# move $(VAR)'s FileStorage site into DATABASE_URL's (new or empty) database
migrate: install
	@$(BIN)/python scripts/preflight.py var $(VAR)
	@$(BIN)/python scripts/migrate.py $(VAR)
	@$(BIN)/python instance/render.py $(VAR) $(HOST) $(PORT) $(BASE_DOMAIN) $(MAX_BODY_MB) "$(TRUSTED_PROXY)"

# Backup while the site runs: repozo (incremental into the newest backup; FULL=1
# or none yet: a new full one) and then the blob files; keeps BACKUP_KEEP backups.
# With DATABASE_URL: pg_dump --format=custom (database and files) into a new backup.
# Only the venv is needed (no install step: cron must not run pip).
backup:
	@$(BIN)/python scripts/backup.py backup "$(VAR)" "$(BACKUP_DIR)" --keep "$(BACKUP_KEEP)" $(if $(FULL),--full) $(if $(DATABASE_URL),--database-url "$(DATABASE_URL)")

# Restore into a stopped instance's empty VAR (refused otherwise), then `make run`;
# with DATABASE_URL: pg_restore into an empty database no instance is connected to.
restore:
	@$(BIN)/python scripts/backup.py restore "$(BACKUP)" "$(VAR)" $(if $(DATABASE_URL),--database-url "$(DATABASE_URL)")

# Pack: old revisions older than DAYS and unreferenced objects and files go. FileStorage:
# asked of the running instance (Zope root admin, ADMIN_PASSWORD), or done here when it
# is stopped; DATABASE_URL: RelStorage's zodbpack. Only the venv is needed (cron).
pack:
	@$(BIN)/python scripts/pack.py "$(VAR)" --days "$(DAYS)" $(if $(DATABASE_URL),--database-url "$(DATABASE_URL)")
# One agency's own export (Quy chế Điều 8.4): its register books (XLSX), every
# document's metadata (JSON) and files, an index; EXPORT_DIR/<abbr>-<yyyy-mm-dd>.zip.
# It only reads, beside running instances: FileStorage opened read-only (no lock,
# the last committed transaction), or DATABASE_URL's PostgreSQL. Only the venv is
# needed (no install step: cron must not run pip).
export-agency:
	@test -n "$(AGENCY)" || { echo "error: name the agency: make export-agency AGENCY=sttt (its domain abbreviation or folder id)." >&2; exit 2; }
	@test -f "$(VAR)/etc/zope.conf" || { echo "error: no instance in $(VAR) (no etc/zope.conf): run make run first, or give VAR=..." >&2; exit 2; }
	@$(BIN)/python scripts/preflight.py database $(VAR)
	@$(BIN)/zconsole run $(if $(DATABASE_URL),$(VAR)/etc/zope.conf,$$($(BIN)/python instance/render.py --read-only $(VAR))) \
	  scripts/export_agency.py "$(AGENCY)" --output "$(EXPORT_DIR)"

reset:
	@read -p "Delete all data in $(VAR)? [y/N] " ok && [ "$$ok" = y ] && rm -rf $(VAR) && echo "Deleted $(VAR)."

## maintenance -----------------------------------------------------------------
constraints:
	rm -rf /tmp/qlvbdh-constraints && $(PYTHON) -m venv /tmp/qlvbdh-constraints
	/tmp/qlvbdh-constraints/bin/pip install -q -U pip setuptools wheel
	/tmp/qlvbdh-constraints/bin/pip install -q -e '.[test]' 'Products.CMFPlone==6.2.2' 'plone.app.layout==6.0.2' 'zc.buildout>=5' 'plone.recipe.zope2instance>=9'
	/tmp/qlvbdh-constraints/bin/pip freeze --all --exclude-editable | sort -f > constraints.txt
