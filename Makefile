# storydiff: `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.DEFAULT_GOAL := help

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

.PHONY: install
install: $(VENV)/.installed ## Create .venv and install storydiff

.PHONY: run
run: $(VENV)/.installed ## Install and open the sample pair in the app
	$(BIN)/storydiff

.PHONY: check
check: $(VENV)/.installed-test ## Lint (ruff), format check and type check (mypy)
	$(BIN)/ruff check tui tests benchmarks
	$(BIN)/ruff format --check tui tests benchmarks
	$(BIN)/mypy

.PHONY: format
format: $(VENV)/.installed-test ## Format and auto-fix the code
	$(BIN)/ruff format tui tests benchmarks
	$(BIN)/ruff check --fix tui tests benchmarks

.PHONY: test
test: check ## Install with test extras, run the checks and the tests
	$(BIN)/python -m pytest

.PHONY: snapshot-update
snapshot-update: $(VENV)/.installed-test ## Regenerate the app's snapshots (review the report before committing)
	$(BIN)/python -m pytest tests/app --snapshot-update

.PHONY: eval
eval: $(VENV)/.installed ## Quality: the real dev pairs and their mean, the sample pair, MRPC (cross-validated)
	$(BIN)/python -m benchmarks.eval --shared $(SHARED)

.PHONY: ablation
ablation: $(VENV)/.installed ## The dev mean with each data file and rule group switched off
	$(BIN)/python -m benchmarks.ablation --shared $(SHARED)

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@ $(VENV)/.installed

.PHONY: bench
bench: $(VENV)/.installed-bench ## Speed and memory figures against a naive peer
	$(BIN)/python -m benchmarks.bench --shared $(SHARED)
