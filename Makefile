# Set-up is part of every target: a fresh machine needs only python3 (3.11+) and make.
# Two stamps: `run` installs what running needs; `lint`, `test` and `bench` add the
# development tools (ruff, mypy, pytest, the notebook kernel, Playwright). Each is redone
# when pyproject.toml changes.
VENV ?= .venv
PY := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-stamp
DEV_STAMP := $(VENV)/.dev-stamp

.PHONY: run test lint bench clean

$(PY):
	python3 -m venv $(VENV)

$(RUNTIME_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(RUNTIME_STAMP)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

run: $(RUNTIME_STAMP)
	$(VENV)/bin/rentree-sim run scenarios/nominal.yaml

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check sim tests benchmarks
	$(VENV)/bin/ruff format --check sim tests benchmarks
	$(VENV)/bin/mypy sim

test: lint
	$(VENV)/bin/pytest

bench: $(DEV_STAMP)
	$(PY) benchmarks/bench_speed.py
	$(PY) benchmarks/bench_risk.py
	$(PY) benchmarks/bench_academie.py
	$(PY) benchmarks/bench_import.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
