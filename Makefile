# Masthead: `make demo` runs the paper on the embedded default, `make test` tests it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# granian: one worker process per core, each with its own Rust I/O threads.
WORKERS ?= $(shell nproc)
THREADS ?= 1
# The access log, on stdout: written by a thread of each worker, twice a second, not by the
# request (masthead/core/access_log.py). ACCESS_LOG= (empty) turns it off.
ACCESS_LOG ?= --access-log --log-config deploy/granian-logging.json
VAR := var

.PHONY: install install-test demo serve test test-sqlite lint chromium publish-scheduled eval bench bench-newsletter bench-import bench-tools clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install -q -c requirements.lock -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -c requirements.lock -e '.[test]'
	touch $@

$(VENV)/.installed-docs: $(VENV)/.installed
	$(BIN)/pip install -q -c requirements.lock -e '.[docs]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# What runs beside the web server in `make serve` (their pids in $$beside): the scheduler;
# the newsletters' worker, half-sent editions first; the background worker (similar
# stories, renditions), what a killed one was running first. At a lower priority (LOW,
# nice 10): on a busy machine the readers' requests get the processors first.
BESIDE_SERVER = $(LOW) $(BIN)/masthead scheduler & scheduler=$$!; \
	$(BIN)/masthead newsletter resume; \
	$(LOW) $(BIN)/masthead db_worker --backend newsletters --queue-name newsletters & newsletters=$$!; \
	$(BIN)/masthead resume_tasks background; \
	$(LOW) $(BIN)/masthead db_worker --backend background --queue-name background & background=$$!; \
	beside="$$scheduler $$newsletters $$background"

## The demo paper on SQLite, served by Django's development server.
## Its email is kept in a mailbox the newsroom reads at /admin/mailbox/ (masthead/mailbox).
## It names the development settings, so the server's var/masthead.env (`make serve`) is not read.
demo: export DJANGO_SETTINGS_MODULE ?= masthead.settings.dev
demo: install
	$(BIN)/masthead migrate --no-input -v0
	$(BIN)/masthead load_demo --if-empty
	@# The scheduler publishes scheduled stories beside the server, the newsletters'
	@# task worker sends editions (half-sent ones first), and the background worker
	@# refreshes similar stories and makes renditions after a publish; all stop with it.
	@# The server does not wait for them (BESIDE_DEMO), and the site's address is
	@# printed once the server answers, as the last line.
	@export MASTHEAD_BASE_URL=$${MASTHEAD_BASE_URL:-http://$(HOST):$(PORT)}; \
	if $(ANSWERS); then echo "Something already answers on $(HOST):$(PORT): stop it, or make demo PORT=8001." >&2; exit 1; fi; \
	$(BESIDE_DEMO); \
	( until $(ANSWERS); do sleep 0.3; done; \
	  echo "The Daily Lantern: http://$(HOST):$(PORT)/  (newsroom: /admin/, editor@example.com / masthead-demo; the mail it sends: /admin/mailbox/)" ) & beside="$$beside $$!"; \
	trap 'kill $$beside 2>/dev/null; wait $$beside 2>/dev/null' INT TERM EXIT; \
	$(BIN)/masthead runserver $(HOST):$(PORT)

# Whether something listens on $(HOST):$(PORT) (bash's /dev/tcp; no request is made, so none is logged).
ANSWERS = (exec 3<>/dev/tcp/$(HOST)/$(PORT)) 2>/dev/null
# As BESIDE_SERVER, but each worker resumes its queue in its own background shell, and
# all of them run at a lower priority (nice), so the server starts first and stays quick;
# the scheduler's greeting and the day's editions it starts (they are in the mailbox),
# "nothing to resume" and the workers' routine lines ("Task … state=RUNNING") are left out
# of the terminal; stories published on schedule, and failures, still show.
QUIET_SCHEDULER = > >(grep --line-buffered -v -E '^(Scheduler: publishing|Newsletter edition started)')
QUIET_WORKER = > >(grep --line-buffered -v -E '^[-0-9]+ [0-9:,]+ INFO django_tasks(_db)? ') 2>&1
LOW = nice -n 10
BESIDE_DEMO = $(LOW) $(BIN)/masthead scheduler $(QUIET_SCHEDULER) & scheduler=$$!; \
	( $(LOW) $(BIN)/masthead newsletter resume | grep -v '^0 '; \
	  exec $(LOW) $(BIN)/masthead db_worker --backend newsletters --queue-name newsletters \
	) $(QUIET_WORKER) & newsletters=$$!; \
	( $(LOW) $(BIN)/masthead resume_tasks background | grep -v '^0 '; \
	  exec $(LOW) $(BIN)/masthead db_worker --backend background --queue-name background \
	) $(QUIET_WORKER) & background=$$!; \
	beside="$$scheduler $$newsletters $$background"

## Production-like: granian, DEBUG off, WhiteNoise, on the database `make demo` filled
## (or on PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set).
## The settings it runs with are written to var/masthead.env (mode 0600: it holds the
## secret), which `masthead <command>` reads, so commands act as the server does.
serve: install
	@mkdir -p $(VAR)
	@test -s $(VAR)/secret_key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $(VAR)/secret_key
	set -a; \
	DJANGO_SETTINGS_MODULE=masthead.settings.production; \
	MASTHEAD_SECRET_KEY=$${MASTHEAD_SECRET_KEY:-$$(cat $(VAR)/secret_key)}; \
	MASTHEAD_HTTPS=$${MASTHEAD_HTTPS:-0}; \
	MASTHEAD_ALLOW_DEMO_PAYMENTS=$${MASTHEAD_ALLOW_DEMO_PAYMENTS:-1}; \
	MASTHEAD_BASE_URL=$${MASTHEAD_BASE_URL:-http://$(HOST):$(PORT)}; \
	set +a; \
	$(BIN)/python -m masthead.settings.server_env && \
	$(BIN)/masthead migrate --no-input -v0 && \
	$(BIN)/masthead collectstatic --no-input -v0 || exit 1; \
	$(BESIDE_SERVER); \
	$(BIN)/granian --interface wsgi --host $(HOST) --port $(PORT) \
		--workers $(WORKERS) --blocking-threads $(THREADS) $(ACCESS_LOG) \
		--respawn-failed-workers masthead.wsgi:application & server=$$!; \
	trap 'kill $$server $$beside 2>/dev/null; wait' INT TERM EXIT; \
	wait $$server

## Publish stories whose scheduled time has come, once. `make demo` and `make serve`
## run `masthead scheduler` beside the server, which does this every 30 seconds.
publish-scheduled: install
	$(BIN)/masthead scheduler --once

## Similar stories, measured on the development data (P@5, P@10, nDCG@10), against plain TF-IDF.
## The subject sets are built from copies of their public sources, which are not ours to ship
## (data/topics-dev/README.md): `make eval REUTERS_SOURCE=... GNAD_SOURCE=...`.
DEV_DATA ?= ../shared/data/news-dev
EVAL_DATA ?= .eval-data
REUTERS_SOURCE ?=
GNAD_SOURCE ?=
eval: install
	@mkdir -p $(EVAL_DATA)
	@if [ -n "$(REUTERS_SOURCE)" ]; then $(BIN)/python tools/topics-dev/build_reuters_subjects.py \
	  "$(REUTERS_SOURCE)" $(EVAL_DATA)/reuters_subjects.jsonl >/dev/null; fi
	@if [ -n "$(GNAD_SOURCE)" ]; then $(BIN)/python tools/topics-dev/build_gnad_sections.py \
	  "$(GNAD_SOURCE)" $(EVAL_DATA)/gnad_sections.jsonl >/dev/null; fi
	@engines="masthead baseline"; \
	$(BIN)/python -c "from masthead.recommendations.semantic import embeddings_available as a; exit(not a())" \
	  && engines="$$engines masthead-embeddings"; \
	for engine in $$engines; do echo "== $$engine =="; \
	  printf 'ECB+ same event       '; $(BIN)/masthead similar-eval --engine $$engine --corpus $(DEV_DATA)/ecbplus_events.jsonl --label story_id; \
	  printf 'ECB+ headlines only   '; $(BIN)/masthead similar-eval --engine $$engine --corpus $(DEV_DATA)/ecbplus_events.jsonl --label story_id --no-body; \
	  printf 'AG News same category '; $(BIN)/masthead similar-eval --engine $$engine --corpus $(DEV_DATA)/agnews_categories.jsonl --label category; \
	  for row in 'Reuters same subject :reuters_subjects' 'Standard same section:gnad_sections'; do \
	    printf '%s ' "$${row%:*}"; corpus=$(EVAL_DATA)/$${row#*:}.jsonl; \
	    if [ -f $$corpus ]; then $(BIN)/masthead similar-eval --engine $$engine --corpus $$corpus --label category; \
	    else echo "not built: give its source (data/topics-dev/README.md)"; fi; \
	  done; \
	done

## The metered article under load against nginx: builds a 10,000-article archive in a
## database of its own, serves it with `make serve` on PostgreSQL + Redis, prints the table.
bench: install bench-tools bench-newsletter
	$(BIN)/python bench/run.py

## One newsletter edition to 100,000 recipients through a local SMTP server: messages a
## second and the sender's peak memory (targets: 350 a second, under 500 MB).
bench-newsletter: install-test
	$(BIN)/python bench/newsletter.py

## 10,000 WordPress posts imported into a fresh paper: posts a second and the total, search
## index and similar stories included (target: under 5 minutes).
bench-import: install
	$(BIN)/python bench/import_speed.py

bench-tools:
	@command -v wrk >/dev/null && command -v nginx >/dev/null || { \
		echo "Installing Debian's wrk and nginx for the benchmark"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk nginx-light >/dev/null; }

chromium:
	@command -v chromium >/dev/null || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## The layers and the features' interfaces (pyproject.toml [tool.importlinter]), ruff, Django's checks.
lint: install-test
	$(BIN)/ruff check masthead bench tools/lint
	PYTHONPATH=tools/lint $(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/masthead check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=masthead.settings.test $(BIN)/masthead makemigrations --check --dry-run -v0

## The manual (docs/, mkdocs.yml) built into site/; --strict fails on a broken link or a
## page left out of the navigation. Nothing is fetched: no web fonts, no CDN scripts.
.PHONY: docs
docs: $(VENV)/.installed-docs
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

## Everything that must pass: lint, the manual, the suite on the configured database
## (PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set), browser tests
## included, and the SQLite path as well. The two passes share nothing (own
## databases, keys and folders), so the SQLite one runs beside the other and
## its output follows it.
SQLITE_LOG = test-artifacts/sqlite-pass.log
test: install-test chromium lint docs
	@if [ -n "$$DATABASE_URL" ] || [ -n "$$REDIS_URL" ]; then \
		mkdir -p test-artifacts; \
		echo "== The embedded default (SQLite and local memory) runs beside, into $(SQLITE_LOG) =="; \
		env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest -m "not browser" -q --durations=15 \
			--basetemp="$${TMPDIR:-/tmp}/masthead-sqlite-pass" > $(SQLITE_LOG) 2>&1 & embedded=$$!; \
		$(BIN)/pytest --durations=25; configured=$$?; \
		wait $$embedded; sqlite=$$?; \
		echo "== The embedded default: SQLite and local memory =="; cat $(SQLITE_LOG); \
		exit $$(( configured || sqlite )); \
	else \
		$(BIN)/pytest --durations=25; \
	fi

clean:
	rm -rf $(VENV) $(VAR) test-artifacts .pytest_cache
