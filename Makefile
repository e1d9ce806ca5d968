# fazhi — `make run` serves the demo on http://127.0.0.1:8000, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FAZHI := $(VENV)/bin/fazhi
PG_URL := postgres://fazhi@127.0.0.1:54329/fazhi
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-sqlite test-postgres bench lint fmt system-deps pg-start pg-stop clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: install
	mkdir -p var
	$(FAZHI) migrate --noinput -v0
	$(FAZHI) demo
	$(FAZHI) collectstatic --noinput -v0
	@echo "fazhi 已启动：http://$(HOST):$(PORT)/ （演示账号见 README，密码 fazhi-demo）"
	$(VENV)/bin/gunicorn fazhi.wsgi -b $(HOST):$(PORT) -w 2 --no-control-socket --access-logfile -

system-deps:
	bash scripts/system-deps.sh

pg-start:
	bash scripts/pg.sh start

pg-stop:
	bash scripts/pg.sh stop

test: install system-deps pg-start
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(PY) -m pytest -q

test-postgres:
	@echo "== tests on PostgreSQL =="
	DATABASE_URL=$(PG_URL) $(PY) -m pytest -q

bench: install system-deps pg-start
	mkdir -p var/bench
	$(PY) -m bench --pg $(PG_URL) --out var/bench/results.json

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt:
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	bash scripts/pg.sh stop || true
	rm -rf var $(VENV) node_modules
