# conflict-kg: `make run` builds the seed graph and queries it; `make test` runs the tests.
# Both create .venv and install everything on first use (Python >= 3.11 and the package
# index are all a fresh machine needs).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup run test eval bench fuzz lint clean train check-wheel

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/kg build seeds/ -o out/seeds.ttl
	$(BIN)/kg build seeds/ --include-text -q -o out/seeds-text.ttl
	$(BIN)/kg report out/seeds-text.ttl -o out/seeds.html --title "conflict-kg: the seed articles"
	$(BIN)/kg export out/seeds-text.ttl --events out/seeds-events.csv --statements out/seeds-statements.csv --geojson out/seeds-places.geojson
	@echo
	@echo "== who said what, through which medium (queries/list_statements.rq) =="
	$(BIN)/kg query list_statements out/seeds.ttl
	@echo
	@echo "== timeline of dated events (queries/list_timeline.rq) =="
	$(BIN)/kg query list_timeline out/seeds.ttl

test: setup
	$(BIN)/python -m pytest -q

# the real-news corpus (tests/data/eval/{dev,test}): per-theatre F1 tables for DEV and TEST,
# checked against ../shared/eval/score.py when it is there
eval: setup
	$(BIN)/python benchmarks/eval_corpus.py --check

# the trigger model (kg/extract/trigger_model.py): DEV gold -> kg/data/models/triggers
# (CPU, fixed seed; the tests use the shipped model, so CI never trains)
train: setup
	$(BIN)/python scripts/train_triggers.py

bench: setup
	$(BIN)/kg build seeds/ -o out/seeds.ttl -q
	$(BIN)/python benchmarks/score.py out/seeds.ttl
	$(BIN)/python benchmarks/score.py --set tests/data/eval/inhouse
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_link.py
	$(BIN)/python benchmarks/bench_long_doc.py
	$(BIN)/python benchmarks/bench_overhead.py
	$(BIN)/python benchmarks/bench_memory.py
	$(BIN)/python benchmarks/bench_parallel.py
	$(BIN)/python benchmarks/bench_writers.py --triples 200000
	$(BIN)/python benchmarks/bench_incremental.py

# hostile documents (quotes, controls, NUL, lone surrogates, RTL, emoji, long tokens, Turtle
# and SPARQL lookalikes) through every format, parsed by pyoxigraph, rdflib and pyld
fuzz: setup
	$(BIN)/python benchmarks/fuzz.py --docs 1000

# the built wheel in a fresh venv, the seed end to end (also run by .ci/run)
check-wheel:
	bash scripts/check-wheel.sh

lint: setup
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/ruff format --check kg tests benchmarks

clean:
	rm -rf out .pytest_cache
