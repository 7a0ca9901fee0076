# The commands: `make play` installs what the game needs and starts it; `make serve`
# does the same for the web player; `make test` installs everything, then runs every
# check and test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements/lock.txt
# extra arguments for the game, e.g. `make play ARGS=--plain`
ARGS ?=

# uv installs in seconds. Where it is not on the PATH it is installed into the
# environment first, with pip: one download, and still quicker than pip alone.
UV_ON_PATH := $(shell command -v uv 2>/dev/null)
UV := $(or $(UV_ON_PATH),$(BIN)/uv)
UV_NEEDED := $(if $(UV_ON_PATH),,$(BIN)/uv)
# every install takes the versions in the lock file, so a new release elsewhere
# cannot change what is tested here
INSTALL := $(UV) pip install --python $(BIN)/python --compile-bytecode -c $(LOCK)
say = @echo "==> $(1)"

.PHONY: play serve test setup lint typecheck unit test-wheel test-oldest test-latest lock \
	bench replays schema codex-docs clean

play: $(VENV)/.player
	$(call say,Starting New Course: $(BIN)/newcourse play $(ARGS))
	@NEWCOURSE_LAUNCHER="make play" $(BIN)/newcourse play $(ARGS)

# The web player on http://127.0.0.1:8000 (ARGS for `newcourse serve`, e.g. ARGS=--port=8080).
serve: $(VENV)/.web
	$(call say,Starting the web player: $(BIN)/newcourse serve $(ARGS))
	@$(BIN)/newcourse serve $(ARGS)

setup: $(VENV)/.developer

$(BIN)/python:
	$(call say,Creating the game's environment in $(VENV))
	@if [ -n "$(UV_ON_PATH)" ]; then "$(UV_ON_PATH)" venv --quiet --python $(PYTHON) $(VENV); \
	else $(PYTHON) -m venv $(VENV); fi

$(BIN)/uv: | $(BIN)/python
	$(call say,Installing uv into $(VENV) to install the rest quickly)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

# The player's install: the game and its full-screen player, nothing else.
# The game's own modules are byte-compiled too, so the first start is quick
# even where Python may not write its cache (PYTHONDONTWRITEBYTECODE).
$(VENV)/.player: pyproject.toml $(LOCK) | $(BIN)/python $(UV_NEEDED)
	$(call say,Installing the game and the packages it needs (versions from $(LOCK)))
	@$(INSTALL) -e '.[terminal]'
	$(call say,Byte-compiling the game for a quick start)
	@$(BIN)/python -m compileall -q src
	@touch $@

# The web player's install: the game and the web server, without the terminal's UI.
$(VENV)/.web: pyproject.toml $(LOCK) | $(BIN)/python $(UV_NEEDED)
	$(call say,Installing the game and the web player (versions from $(LOCK)))
	@$(INSTALL) -e '.[web]'
	@$(BIN)/python -m compileall -q src
	@touch $@

# Everything: both players' installs, the authoring tools' extras and the test tools.
$(VENV)/.developer: pyproject.toml $(LOCK) | $(BIN)/python $(UV_NEEDED)
	$(call say,Installing the game with every extra and the test tools (versions from $(LOCK)))
	@$(INSTALL) -e '.[terminal,web,postgres,tools,test]'
	@$(BIN)/python -m compileall -q src
	@touch $@ $(VENV)/.player $(VENV)/.web

test: setup lint typecheck unit

lint: setup
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q

# What players install: build the wheel and the sdist, install the wheel into a
# fresh environment outside the tree and run the tests marked `installed` there.
test-wheel: $(UV_NEEDED)
	UV=$(UV) PYTHON=$(PYTHON) .ci/test-wheel

# The lock file: the newest releases within pyproject.toml's bounds, for every extra.
lock: $(UV_NEEDED)
	$(UV) pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
		--custom-compile-command "make lock" --quiet -o $(LOCK)

# The tests against the oldest releases pyproject.toml allows (its lower bounds)
# and against the newest ones (no lock), each in an environment of its own.
test-oldest: $(UV_NEEDED)
	rm -rf .venv-oldest
	$(UV) venv --quiet --python $(PYTHON) .venv-oldest
	$(UV) pip install --python .venv-oldest/bin/python --resolution lowest-direct \
		-e '.[terminal,web,postgres,tools,test]'
	.venv-oldest/bin/pytest -q -p no:cacheprovider

test-latest: $(UV_NEEDED)
	rm -rf .venv-latest
	$(UV) venv --quiet --python $(PYTHON) .venv-latest
	$(UV) pip install --python .venv-latest/bin/python --upgrade -e '.[terminal,web,postgres,tools,test]'
	.venv-latest/bin/pytest -q -p no:cacheprovider

bench: setup
	$(BIN)/python benchmarks/run.py

# Record the regression replays in tests/replays/ again, each from its own seed and
# strategy, after a content change that is meant to alter them.
replays: setup
	$(BIN)/newcourse playtest --replay tests/replays/*.json --update

# The JSON Schemas of the campaign files, into the package and docs/schema.
schema: setup
	$(BIN)/python -m newcourse.content.schema_export

# The glossary and the reading groups' guide in docs/, from the campaign's codex notes.
codex-docs: setup
	$(BIN)/python -m newcourse.content.codex_docs docs

clean:
	rm -rf $(VENV) .venv-oldest .venv-latest .pytest_cache .mypy_cache .ruff_cache .hypothesis
