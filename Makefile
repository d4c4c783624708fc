# Two commands on a fresh machine with only python3:
#   make demo   set up, validate the graph, then answer the seed question: which JAK inhibitor
#               covers dermatomyositis, and why; writes the JAK-STAT map and the explorer to build/
#   make test   set up, then lint and run the whole test suite
VENV   ?= .venv
PYTHON := $(VENV)/bin/python
JAKKG  := $(VENV)/bin/jakkg

.PHONY: demo test lint data setup clean bench release

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test,notebooks]'
	touch $@

demo: setup
	$(JAKKG) validate
	$(JAKKG) stats
	$(JAKKG) show upadacitinib
	$(JAKKG) rank dermatomyositis
	$(JAKKG) explain upadacitinib dermatomyositis
	mkdir -p build
	$(JAKKG) viz -o build/jak-stat-map.html
	$(JAKKG) viz --disease dermatomyositis -o build/dermatomyositis.html
	$(JAKKG) heatmap -o build/coverage-heatmap.html
	$(JAKKG) explore -o build/explore.html

lint: setup
	$(VENV)/bin/ruff check kg tests bench
	$(VENV)/bin/ruff format --check kg tests bench

test: lint
	$(PYTHON) -m pytest

data: setup
	$(PYTHON) -m kg.build
	$(PYTHON) -m kg.datacard

# A versioned release in dist/ (version from pyproject.toml): every export format, the SSSOM
# mappings, the VoID/DCAT description, the data CHANGELOG and SHA-256 checksums.
# The CHANGELOG compares with a previous release: make release PREVIOUS=old-dist/
release: setup
	rm -rf dist
	$(JAKKG) release -o dist $(if $(PREVIOUS),--previous $(PREVIOUS))

# Benchmark (minutes): 10^3..10^6 triples and CLI cold starts -> bench/results.md.
# More sizes: make bench BENCH_ARGS='--sizes 1e7 --cold-runs 0'
bench: setup
	$(PYTHON) -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache build dist
