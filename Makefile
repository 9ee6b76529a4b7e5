# The two commands: `make run` (server, worker, demo data on SQLite) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | sha256sum | cut -c1-12)

.PHONY: run test install lint check migrate demo worker bench clean

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed.")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3"
	$(PY) -m pip install --quiet --no-deps -r requirements.txt
	$(PY) -m pip check
	@rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP)

migrate: install
	./scripts/system-deps.sh runtime
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

run: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
run: demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@$(PY) manage.py demo_logins
	@echo "Starting the worker and the web server at http://127.0.0.1:$(PORT)/ (Ctrl-C stops both)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker --queue-name default & \
	  $(PY) manage.py scheduler & \
	  $(VENV)/bin/gunicorn laborbureau.config.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --access-logfile - ; \
	  wait

lint: install
	$(VENV)/bin/ruff check laborbureau bench
	$(VENV)/bin/lint-imports
	LB_ENV=test $(PY) manage.py makemigrations --check --dry-run
	LB_ENV=production DEBUG=0 SECRET_KEY=$$(printf 'k%.0s' {1..60})-check ALLOWED_HOSTS=labor.gov.taipei \
	  DATABASE_URL=postgres://nobody@127.0.0.1:1/none $(PY) manage.py check --deploy --fail-level WARNING

test: install lint
	./scripts/system-deps.sh test
	$(VENV)/bin/pytest -p no:cacheprovider -n 2 $(PYTEST_ARGS)

bench: install
	./scripts/system-deps.sh runtime
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var
