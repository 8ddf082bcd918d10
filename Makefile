# Two commands on a fresh machine with Python 3.11 and make:
#   make serve   install retro into .venv, check the sample reviews, serve the library on :8000
#   make test    install retro and the test tools into .venv, run the whole test suite
PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
# One stamp per install and version of pyproject.toml: serving needs retro only, the tests
# and linters need the "test" extra too.
SUM    := $(shell cksum < pyproject.toml | cut -d' ' -f1)
STAMP_RUN  := $(VENV)/.installed-run-$(SUM)
STAMP_TEST := $(VENV)/.installed-test-$(SUM)

.PHONY: install install-run serve build check test lint bench fuzz clean

$(STAMP_RUN): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@rm -f $(VENV)/.installed-*
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(STAMP_TEST): $(STAMP_RUN)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@

install-run: $(STAMP_RUN)

install: $(STAMP_TEST)

check: install-run
	$(BIN)/retro check

serve: install-run  # retro serve and build run retro check first
	$(BIN)/retro serve --dev-addr 127.0.0.1:8000

build: install-run
	$(BIN)/retro build --strict

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check tooling tests bench
	$(BIN)/ruff format --check tooling tests bench
	$(BIN)/mypy

fuzz: install  # the long property-based run: 10,000 generated files through the checker
	RETRO_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -q tests/test_fuzz_check.py \
		-k test_checker_answers_any_file --hypothesis-show-statistics

bench: install
	$(BIN)/python bench/bench_build.py

clean:
	rm -rf $(VENV) site .pytest_cache
