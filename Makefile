# Two commands: `make run` (set up, build, serve) and `make test` (set up, build, test).
# Everything else is a step of those two, usable on its own.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

# Offline by default: no model-hub calls, no telemetry, no mkdocs 2 banner.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export GRADIO_ANALYTICS_ENABLED := False
export NO_MKDOCS_2_WARNING := 1

.PHONY: run test install build serve check bench clean

run: build            ## set up, build site + index if their inputs changed, serve on :7860
	$(BIN)/taoguide serve

test: build           ## set up, build, run the whole test suite
	$(BIN)/python -m pytest

install: $(STAMP)     ## create .venv and install the project with its test extras

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# torch first and pinned: otherwise pip resolves a multi-gigabyte CUDA build
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

build: install        ## build the site and the search index (only what changed)
	$(BIN)/taoguide build

serve: install        ## serve without rebuilding
	$(BIN)/taoguide serve

check: install        ## preflight: content, site, model, index
	$(BIN)/taoguide check

bench: build          ## answers against their floor, a real server under load, memory, start, the build
	$(BIN)/taoguide bench

clean:                ## remove build artefacts (keeps .venv)
	rm -rf build .pytest_cache
