# Two commands do all set-up on a fresh machine (see README.md):
#   make run    install the locked environment into .venv, build every spec in specs/ into out/
#   make test   install the locked environment into .venv (if needed), run the whole test suite
# What the other targets are for, and when to run them: docs/development.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
UV := $(TOOLS)/bin/uv
SYSTEM_STAMP := $(TOOLS)/.system-deps-stamp
LSP := tools/lsp/node_modules/.package-lock.json

# uv uses the interpreter named here; [tool.uv] in pyproject.toml stops it downloading one.
export UV_PYTHON := $(PYTHON)

.PHONY: run test lint bench lock test-latest test-lowest sync clean schema docs

run: sync
	$(BIN)/protocolgen build specs -o out

test: sync
	$(BIN)/pytest

lint: sync
	$(BIN)/ruff check protocolgen tests bench
	$(BIN)/mypy

# Write each code's label and meaning into schemas/trial.schema.json (docs/spec-format.md).
schema: sync
	$(BIN)/python -m protocolgen.schema_labels

# Write docs/rule-reference.md (each code's help, which SARIF links to) from the rules.
docs: sync
	$(BIN)/python -m protocolgen.rule_help

bench: sync
	$(BIN)/python bench/make_corpus.py
	$(BIN)/python bench/bench_validate.py

# Exactly the versions in uv.lock, checked against their hashes, with every extra (the PDF
# renderer is the `pdf` extra); fails if uv.lock is older than pyproject.toml (run
# `make lock`). Takes well under a second when nothing changed.
# Bytecode is compiled here, once, for the installed packages and protocolgen's own modules:
# where PYTHONDONTWRITEBYTECODE is set (as in many containers) Python would otherwise compile
# every module again on each run, doubling the start-up of each command (0.25 s → 0.14 s).
sync: $(UV) $(SYSTEM_STAMP) $(LSP)
	$(UV) sync --locked --all-extras --quiet --compile-bytecode
	$(BIN)/python -m compileall -q protocolgen

# yaml-language-server for the editor test (tests/editor/), exactly as tools/lsp/package-lock.json
# pins it, with the system's Node.js. Without npm the test is skipped, and says why.
$(LSP): tools/lsp/package.json tools/lsp/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tools/lsp --no-audit --no-fund --loglevel=error; \
	else \
		echo "npm not found: tests/editor (yaml-language-server) will be skipped"; \
	fi

# The lock tool itself: pip installs the uv release named in requirements/uv.txt, by hash.
$(UV): requirements/uv.txt
	test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check \
		--require-hashes --no-deps -r requirements/uv.txt
	touch $(UV)

# Pango, HarfBuzz and fonts for WeasyPrint (Debian packages, not in any Python lock).
$(SYSTEM_STAMP): scripts/install-system-deps.sh
	scripts/install-system-deps.sh
	mkdir -p $(TOOLS) && touch $(SYSTEM_STAMP)

# Re-resolve every package to the newest version pyproject.toml allows, and uv itself.
lock: $(UV)
	$(UV) lock --upgrade
	echo uv | $(UV) pip compile --quiet --generate-hashes --custom-compile-command 'make lock' \
		--python-version 3.11 -o requirements/uv.txt -
	@echo "Review 'git diff uv.lock requirements/uv.txt', run make test, then commit both."

# The suite against the newest / the lowest versions pyproject.toml allows, each in its own
# environment; uv.lock and .venv stay as they are.
test-latest: $(UV) $(SYSTEM_STAMP) $(LSP)
	$(MAKE) --no-print-directory RESOLUTION=highest ALT_VENV=.venv-latest _test-resolved

test-lowest: $(UV) $(SYSTEM_STAMP) $(LSP)
	$(MAKE) --no-print-directory RESOLUTION=lowest-direct ALT_VENV=.venv-lowest _test-resolved

_test-resolved:
	rm -rf $(ALT_VENV)
	$(UV) venv --quiet $(ALT_VENV)
	VIRTUAL_ENV=$(ALT_VENV) $(UV) pip install --quiet --resolution $(RESOLUTION) \
		--editable '.[pdf,word]' --group dev
	VIRTUAL_ENV=$(ALT_VENV) $(UV) pip list --quiet --format freeze \
		| grep -iE '^(click|jsonschema|jsonschema-rs|jinja2|pyyaml|weasyprint|python-docx|openpyxl|pytest|hypothesis|pypdf)=='
	$(ALT_VENV)/bin/pytest -p no:cacheprovider

clean:
	rm -rf $(VENV) .venv-latest .venv-lowest $(TOOLS) tools/lsp/node_modules out/* dist build
