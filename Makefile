# Every target works on a fresh machine with only Python and pip: the first one that needs
# it creates the virtual environment .venv and installs the project into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
BENCH_VENV ?= .bench-venv

.PHONY: demo test lab bench images lint clean

# The project, its playground extra and matplotlib, for `make demo` (its run folder has
# plots; `gradschool playground` and the widget are then ready).
$(BIN)/.installed-demo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[playground]' matplotlib
	touch $@

# The project with its test, notebook and playground extras (the tests run the notebooks
# and drive the playground's page in Chromium, through Playwright, when it is installed).
$(BIN)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,notebooks,playground]'
	touch $@

demo: $(BIN)/.installed-demo
	$(BIN)/gradschool train

test: $(BIN)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest tests $(wildcard notebooks) --nbmake

lab: $(BIN)/.installed-test
	$(BIN)/jupyter lab notebooks

# Benchmarks run in their own environment: the reference engines they compare against
# (PyTorch's CPU build, micrograd) are never dependencies of the project.
$(BENCH_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet torch==2.13.0 micrograd==0.1.0
	$(BENCH_VENV)/bin/python -m pip install --quiet -e .
	touch $@

bench: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python benchmarks/mlp_step.py --threads default
	$(BENCH_VENV)/bin/python benchmarks/scalar_vs_micrograd.py
	$(BENCH_VENV)/bin/python benchmarks/scalar_floor.py
	$(BENCH_VENV)/bin/python benchmarks/op_overhead.py
	$(BENCH_VENV)/bin/python benchmarks/playground_rate.py

images: $(BIN)/.installed-test
	$(BIN)/python docs/make_images.py
	$(BIN)/python docs/make_playground_image.py

lint: $(BIN)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) $(BENCH_VENV) build *.egg-info .pytest_cache .hypothesis
