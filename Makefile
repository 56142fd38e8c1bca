# Two commands do all set-up on a fresh machine (see README.md):
#   make run    install into .venv and build every spec in specs/ into out/
#   make test   install into .venv (if needed) and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench clean

run: $(STAMP)
	$(BIN)/protocolgen build specs -o out

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check protocolgen tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/make_corpus.py
	$(BIN)/python bench/bench_validate.py

$(STAMP): pyproject.toml scripts/install-system-deps.sh
	scripts/install-system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) out/* dist build
