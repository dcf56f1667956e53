# Two commands on a fresh machine with Python 3.11+ and make:
#   make demo   set up, build the graph from examples/, answer the bundled queries, write the page
#   make test   set up, run the whole test suite (unit, GiNZA-backed, browser, notebooks)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out/examples
PYTEST_ARGS ?=

.PHONY: demo test test-quick setup setup-test browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(VENV)/.installed

setup-test: $(VENV)/.installed-test browser

# Browser tests drive Debian's Chromium; install it (and Japanese fonts for screenshots) when missing.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "browser tests need Debian's chromium: apt-get install chromium fonts-noto-cjk"; exit 1; fi; fi

demo: setup
	$(BIN)/kg build examples/ --out $(OUT)
	@for q in queries/*.rq; do \
	  name=$$(basename $$q .rq); echo; echo "== $$name: $$(sed -n 's/^# question_en: //p' $$q)"; \
	  case $$name in \
	    statements_by_person) $(BIN)/kg query $$q --graph $(OUT) --param name=高市早苗 ;; \
	    evidence) $(BIN)/kg query $$q --graph $(OUT) --param subject=高市早苗 --param object=トランプ ;; \
	    country_connections) $(BIN)/kg query $$q --graph $(OUT) --param country=日本 ;; \
	    co_mentions) $(BIN)/kg query $$q --graph $(OUT) --param a=高市早苗 --param b=トランプ ;; \
	    fact_chain) $(BIN)/kg query $$q --graph $(OUT) --param a=高市早苗 --param b=習近平 ;; \
	    statements_by_topic) $(BIN)/kg query $$q --graph $(OUT) --param topic=黄金時代 ;; \
	    fact_provenance) echo "(takes --param fact=<IRI>: the evidence query above lists fact IRIs)" ;; \
	    *) $(BIN)/kg query $$q --graph $(OUT) ;; \
	  esac || exit 1; \
	done
	@echo; echo "Open the graph page: $(OUT)/graph.html"

test: setup-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Without the model or a browser: the fast unit tests only.
test-quick: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not model and not browser" $(PYTEST_ARGS)

clean:
	rm -rf out .pytest_cache
