# Two commands for a newcomer: `make run` and `make test`. Needs only python3 (3.11).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
PG_URL ?= postgres://postgres:postgres@127.0.0.1:5432/peer_support

# Backups: `make backup` writes backups/peer-support-<time>.dump; `make restore FILE=...`
# (NO_ONE_HAS_WITHDRAWN=1 restores without a withdrawal ledger: docs/erasure.md).
.PHONY: backup restore run serve test test-fast test-postgres lint format migrations-check install setup css ci clean

install: $(STAMP)

# --no-compile: Python compiles each module when it is first imported instead of pip
# compiling every file of every package (a third of the install's time, mostly for code
# nothing here imports).
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-compile -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

# Local targets run with DEBUG=1 (the settings fail closed without it); `make serve`
# is production mode and never does. backup and restore too, unless SECRET_KEY is set:
# then they run as the server does (with its environment loaded).
setup run migrations-check: export DEBUG ?= 1
backup restore: export DEBUG ?= $(if $(SECRET_KEY),,1)

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_local

run: setup
	@echo "Serving on http://127.0.0.1:8000 (sign in as admin with the password shown when it was created)"
	$(PY) manage.py runserver_with_worker 127.0.0.1:8000

# Production mode on this machine: PostgreSQL (DATABASE_URL, default the local server's
# peer_support, created if missing), migrate, reference data, collectstatic, gunicorn.
# Needs SECRET_KEY and ALLOWED_HOSTS (scoping/serving/serve.py says so if they are missing).
serve: install
	$(PY) -m scoping.serving.serve

# pytest exits 5 when it collects no test; that is not a failure of the code.
test: install
	$(PY) -m pytest $(ARGS) || [ $$? -eq 5 ]

# The quick local pass: everything but the tests marked slow (browser journeys, property
# tests, load-shaped tests; conftest.py and pytest.ini say which). `make test` and CI run all.
test-fast: install
	$(PY) -m pytest -m "not slow" -n auto $(ARGS) || [ $$? -eq 5 ]

test-postgres: install
	DATABASE_URL=$(PG_URL) $(PY) -m pytest $(ARGS) || [ $$? -eq 5 ]

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

# Rebuild static/css/app.css from static/src (GOV.UK Frontend from npm), the MOJ
# filter pattern (static/css/moj-filter.css, static/js/moj-filter-toggle-button.js,
# @ministryofjustice/frontend 8.0.1, the last for GOV.UK Frontend 5) and the browser
# tests' axe-core. The built files are committed, so this is only needed after changing them.
css:
	rm -rf /tmp/psd-css && mkdir -p /tmp/psd-css
	cp static/src/*.scss /tmp/psd-css/
	cd /tmp/psd-css && npm init -y >/dev/null && npm install --silent --legacy-peer-deps govuk-frontend@5.14.0 sass@1 htmx.org@2 @ministryofjustice/frontend@8.0.1 axe-core@4.14.1
	cd /tmp/psd-css && npx sass --no-source-map --style=compressed --load-path=node_modules --quiet app.scss $(CURDIR)/static/css/app.css
	cd /tmp/psd-css && npx sass --no-source-map --style=compressed --load-path=. --load-path=node_modules --quiet moj-filter.scss $(CURDIR)/static/css/moj-filter.css
	sed '/sourceMappingURL=/d' /tmp/psd-css/node_modules/@ministryofjustice/frontend/moj/components/filter-toggle-button/filter-toggle-button.bundle.mjs > static/js/moj-filter-toggle-button.js
	cp /tmp/psd-css/node_modules/axe-core/axe.min.js scoping/tests/assets/axe.min.js
	cp /tmp/psd-css/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/js/
	cp /tmp/psd-css/node_modules/htmx.org/dist/htmx.min.js static/js/

backup: install
	$(PY) manage.py backup_database $(FILE)

restore: install
	@test -n "$(FILE)" || (echo 'Usage: make restore FILE=backups/peer-support-....dump [NO_ONE_HAS_WITHDRAWN=1]' && exit 2)
	$(PY) manage.py restore_database $(FILE) $(if $(NO_ONE_HAS_WITHDRAWN),--no-one-has-withdrawn)

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) staticfiles
