# Every target works on a fresh machine with only Python and pip: the first one that needs
# it creates the virtual environment .venv and installs the project into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
BENCH_VENV ?= .bench-venv
# An editable install whose packages come first on sys.path, in a link tree under build/:
# a learner's own data/ or nn/ folder in the working directory cannot hide them (the default
# mode's import hook runs after the current folder). A new module needs a reinstall.
# (setuptools warns at each such install that build/ must stay; `make clean` removes both.)
EDITABLE := --config-settings editable_mode=strict -e
QUIET_BUILD := PYTHONWARNINGS="ignore:Editable installation"

.PHONY: demo test student lab docs bench images lint clean

# The project, its playground extra and matplotlib, for `make demo` (its run folder has
# plots; `gradschool playground` and the widget are then ready).
$(BIN)/.installed-demo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(QUIET_BUILD) $(BIN)/python -m pip install --quiet $(EDITABLE) '.[playground]' matplotlib
	touch $@

# The project with its test, notebook and playground extras (the tests run the notebooks
# and drive the playground's page in Chromium, through Playwright, when it is installed).
$(BIN)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(QUIET_BUILD) $(BIN)/python -m pip install --quiet $(EDITABLE) '.[test,notebooks,playground]'
	touch $@

demo: $(BIN)/.installed-demo
	$(BIN)/gradschool train

test: $(BIN)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest tests $(wildcard notebooks) --nbmake

# The notebooks as students get them: every solution between ### BEGIN SOLUTION and
# ### END SOLUTION replaced by a NotImplementedError that names the exercise.
student: $(BIN)/.installed-test
	$(BIN)/python tools/make_student.py --out build/student

lab: $(BIN)/.installed-test
	$(BIN)/jupyter lab notebooks

# The documentation site, built into site/: the notebooks run, so it needs their extra too.
$(BIN)/.installed-docs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(QUIET_BUILD) $(BIN)/python -m pip install --quiet $(EDITABLE) '.[notebooks,docs]'
	touch $@

# Strict: a broken link, a docstring mkdocstrings cannot read or a failing notebook is an
# error. NO_MKDOCS_2_WARNING silences mkdocs-material's notice about its successor.
docs: $(BIN)/.installed-docs
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# Benchmarks run in their own environment: the reference engines they compare against
# (PyTorch's CPU build, micrograd) are never dependencies of the project.
$(BENCH_VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet torch==2.13.0 micrograd==0.1.0
	$(QUIET_BUILD) $(BENCH_VENV)/bin/python -m pip install --quiet $(EDITABLE) .
	touch $@

bench: $(BENCH_VENV)/.installed
	$(BENCH_VENV)/bin/python benchmarks/mlp_step.py --threads default
	$(BENCH_VENV)/bin/python benchmarks/scalar_vs_micrograd.py
	$(BENCH_VENV)/bin/python benchmarks/scalar_floor.py
	$(BENCH_VENV)/bin/python benchmarks/op_overhead.py
	$(BENCH_VENV)/bin/python benchmarks/cnn_step.py
	$(BENCH_VENV)/bin/python benchmarks/playground_rate.py

images: $(BIN)/.installed-test
	$(BIN)/python docs/make_images.py
	$(BIN)/python docs/make_playground_image.py

lint: $(BIN)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) $(BENCH_VENV) build site *.egg-info .pytest_cache .hypothesis
