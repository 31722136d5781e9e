# The two commands of the README's quick start are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
QUICK ?=
PYTEST_ARGS ?=

.PHONY: run worker test lint migrations-check bench e2e install db messages clean

# The first install takes a couple of minutes: say what is happening and let pip show its
# progress bars, so that it never looks stuck.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -d $(VENV) || { echo "== creating the virtual environment in $(VENV)"; $(PYTHON) -m venv $(VENV); }
	@echo "== installing the pinned requirements (the first time takes a minute or two)"
	@$(PIP) install --disable-pip-version-check --progress-bar on -r requirements-dev.txt
	@touch $@
	@echo "== requirements installed"

install: $(VENV)/.installed

messages: install
	@echo "== compiling the translations (fr, es, ru)"
	@$(PY) manage.py compilemessages --ignore=.venv > /dev/null

db: install messages
	@echo "== migrating the database"
	@$(PY) manage.py migrate --noinput
	@$(PY) manage.py createcachetable

# One command: the web server and, beside it, a background worker (e-mail, batches, large
# imports, the daily reminders), whose log shows what it runs. The worker has a session of its
# own (setsid), so that Ctrl+C reaches it once, through the trap: a second signal would stop
# the task it is running.
run: db
	@echo "== loading the reference and demo data"
	@$(PY) manage.py seed_demo
	@echo "== serving on http://$(HOST):$(PORT) with a background worker beside it (Ctrl+C stops both)"
	@setsid $(PY) manage.py run_worker --queue-name '*' & WORKER=$$!; \
	trap 'kill -TERM $$WORKER 2>/dev/null; wait $$WORKER' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# A worker alone (production runs it under systemd; see README, "Workers").
worker: db
	$(PY) manage.py run_worker --queue-name '*'

test: install messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) tools/check_complexity.py

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

bench: db
	QUICK=$(QUICK) $(PY) bench/run.py

e2e: install messages
	bash e2e/setup.sh
	$(PY) -m pytest e2e -n 0 $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var/*.sqlite3* var/staticfiles
