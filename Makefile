# Rhetoric Workbook: the whole setup is `make report` and `make test`.
# Both create .venv when it is missing and install the pinned dependencies.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= seeds
OUT    ?= reports
# An empty NLTK data folder: the package must never need nltk.download().
NLTK_EMPTY := $(VENV)/nltk_data_empty

.PHONY: help install report test lab browser-deps bench lock clean

help:
	@echo "make report   build .venv if needed and write the report for $(CORPUS) under $(OUT)/"
	@echo "make test     build .venv if needed and run the test suite"
	@echo "make lab      build .venv if needed and start JupyterLab on notebooks/ (LAB_ARGS adds options)"
	@echo "make bench    run the benchmarks (needs ../shared) and update benchmarks/README.md"
	@echo "make lock     re-pin requirements/constraints.txt from a fresh install"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python >= 3.11 is required (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml requirements/constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	mkdir -p $(NLTK_EMPTY)
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	NLTK_DATA=$(abspath $(NLTK_EMPTY)) $(BIN)/python -m analysis report $(CORPUS) --out $(OUT)

test: $(STAMP)
	NLTK_DATA=$(abspath $(NLTK_EMPTY)) $(BIN)/python -m pytest $(PYTEST_ARGS)

# JupyterLab on notebooks/ with the venv's python3 kernel: JUPYTER_PREFER_ENV_PATH puts the
# venv's kernelspecs before a user's own; --allow-root only when run as root (e.g. in a container).
lab: $(STAMP)
	NLTK_DATA=$(abspath $(NLTK_EMPTY)) JUPYTER_PREFER_ENV_PATH=1 $(BIN)/python -m jupyter lab \
		--ServerApp.root_dir=notebooks --MappingKernelManager.default_kernel_name=python3 \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

# The system Chromium for tests/test_lab_browser.py (Debian package, root only; Playwright's
# own browser download is never used).
browser-deps:
	command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y --no-install-recommends chromium; }

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e '.[dev]'
	{ echo "# Pinned versions that 'make' installs from (pip install -c requirements/constraints.txt -e .[dev])."; \
	  echo "# Regenerate with 'make lock' after changing dependencies in pyproject.toml; Python 3.11."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^rhetoric-workbook'; } > requirements/constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
