# The two commands: `make play` sets everything up and starts the game;
# `make test` sets everything up and runs every check and test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: play test setup lint typecheck unit bench replays schema clean

play: setup
	$(BIN)/newcourse play

setup: $(VENV)/.installed

# The game's own modules are byte-compiled at setup, so the first start is quick
# even where Python may not write its cache (PYTHONDONTWRITEBYTECODE).
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[tools,test]'
	$(BIN)/python -m compileall -q src
	touch $@

test: setup lint typecheck unit

lint:
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks

typecheck:
	$(BIN)/mypy

unit:
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python benchmarks/run.py

# Record the regression replays in tests/replays/ again, each from its own seed and
# strategy, after a content change that is meant to alter them.
replays: setup
	$(BIN)/newcourse playtest --replay tests/replays/*.json --update

schema: setup
	$(BIN)/python -m newcourse.content.schema_export

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
