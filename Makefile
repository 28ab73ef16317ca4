# Thin wrappers; run `bash setup.sh` once first (or `bash setup.sh <target>`).
PYTHON ?= .venv/bin/python
JB = .venv/bin/jupyter-book

.PHONY: book test test-fast lab notebooks clean

## book: build the website into _build/html (executes every notebook)
book:
	$(JB) build . --all --warningiserror --nitpick --keep-going
	@echo "Website built. Open _build/html/index.html in a browser, or serve:"
	@echo "  $(PYTHON) -m http.server --bind 127.0.0.1 -d _build/html 8000"

## test: build the site, then unit tests, nbval on every notebook, browser tests
test: book
	$(PYTHON) -m pytest -n 2 --nbval

## test-fast: unit tests and nbval only (no site build, no browser tests)
test-fast:
	$(PYTHON) -m pytest -n 2 --nbval -m "not browser"

## lab: open the chapters in JupyterLab
lab:
	$(PYTHON) -m jupyter lab book/

## notebooks: re-execute every chapter in place (after changing helpers/)
notebooks:
	$(PYTHON) scripts/execute_notebooks.py book/*.ipynb

## clean: remove the built site
clean:
	rm -rf _build
