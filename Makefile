# computekg: one command to run the product, one to test it. Both set up everything they need.
#   make run    set up, start the local Neo4j (when Java is present), load the bundled graph, serve the app
#   make test   set up and run the whole test suite against a real Neo4j
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps run test lint clean

# Debian packages the product and its tests use, installed when missing (root only):
# Java 17 and Maven run the local Neo4j; Chromium (with a CJK font) runs the browser test.
DEBIAN_PACKAGES := openjdk-17-jdk-headless maven chromium fonts-wqy-zenhei
system-deps:
	@missing=""; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jdk-headless"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" || missing="$$missing fonts-wqy-zenhei"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "note: missing Debian packages:$$missing (install them as root: apt-get install$$missing)"; fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	@# The pure-Python OpenCC of earlier versions installs the same `opencc` module as the compiled one.
	$(BIN)/pip uninstall --quiet --yes opencc-python-reimplemented 2>/dev/null || true
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

PORT ?= 8501
run: setup
	@if command -v java >/dev/null && command -v mvn >/dev/null; then \
	  $(BIN)/computekg neo4j start && $(BIN)/computekg load --store neo4j && \
	  exec $(BIN)/computekg app --store neo4j --port $(PORT); \
	else \
	  echo "Java/Maven not found: serving the app on the embedded networkx store"; \
	  exec $(BIN)/computekg app --store memory --port $(PORT); \
	fi

lint: setup
	$(BIN)/ruff check graph loaders queries app tests bench
	$(BIN)/mypy graph loaders queries app bench

test: system-deps setup lint
	COMPUTEKG_REQUIRE_NEO4J=1 COMPUTEKG_REQUIRE_BROWSER=1 $(BIN)/python -m pytest

clean:
	-$(BIN)/computekg neo4j stop
	rm -rf $(VENV) .computekg .pytest_cache
