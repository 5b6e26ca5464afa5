# Two commands on a fresh machine:  `make demo` (the main job end to end) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# PostgreSQL tests run when this URL is set (CI sets it for the local server); otherwise they skip.
export DISCLOSURE_AUDIT_TEST_PG_URL ?=

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

.PHONY: install demo test bench
install: $(BIN)/.installed

demo: $(BIN)/.installed
	$(BIN)/disclosure-audit demo

test: $(BIN)/.installed
	$(BIN)/python -m pytest -n 2 -q

bench: $(BIN)/.installed
	$(BIN)/python bench/run_all.py
