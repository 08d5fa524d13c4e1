# computekg: one command to run the product, one to test it. Both set up everything they need.
#   make run    set up, start the local Neo4j (when Java is present), load the bundled graph
#   make test   set up and run the whole test suite against a real Neo4j
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps run test lint clean

# Java 17 and Maven run the local Neo4j; install them from Debian when missing (root only).
system-deps:
	@if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven; \
	  else echo "note: java/mvn missing; the embedded store will be used (install openjdk-17 and maven for Neo4j)"; fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	@if command -v java >/dev/null && command -v mvn >/dev/null; then \
	  $(BIN)/computekg neo4j start && $(BIN)/computekg load --store neo4j && $(BIN)/computekg stats --store neo4j; \
	else \
	  echo "Java/Maven not found: using the embedded networkx store"; \
	  $(BIN)/computekg load --store memory && $(BIN)/computekg stats --store memory; \
	fi

lint: setup
	$(BIN)/ruff check graph loaders queries app tests

test: system-deps setup lint
	COMPUTEKG_REQUIRE_NEO4J=1 $(BIN)/python -m pytest

clean:
	-$(BIN)/computekg neo4j stop
	rm -rf $(VENV) .computekg .pytest_cache
