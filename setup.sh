#!/usr/bin/env bash
# Set up everything the book needs on a fresh Debian machine with Python 3.11,
# then run one Makefile target:   bash setup.sh book   |   bash setup.sh test
#
# Steps (each skipped when already done):
#   1. Debian packages: make, Node.js + npm (for MathJax), Chromium (browser
#      tests). Uses sudo when not run as root.
#   2. A virtual environment in .venv with requirements.txt installed
#      (which ends with `-e .`, so the helpers package is importable).
#   3. MathJax from npm, pinned by package-lock.json, copied to _vendor/ so
#      the website typesets math with no network.
set -euo pipefail
cd "$(dirname "$0")"

target="${1:-}"
case "$target" in
  book|test|lab|notebooks|"") ;;
  *) echo "usage: bash setup.sh [book|test|lab|notebooks]" >&2; exit 2 ;;
esac

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
command -v make >/dev/null || missing+=(make)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v chromium >/dev/null || missing+=(chromium)
python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
stamp=.venv/.requirements.sha
wanted="$(sha256sum requirements.txt pyproject.toml | sha256sum)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "setup: installing Python packages (requirements.txt)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r requirements.txt
  echo "$wanted" > "$stamp"
fi

if [ ! -f _vendor/mathjax/tex-chtml.js ]; then
  echo "setup: installing MathJax (package-lock.json)"
  npm ci --no-audit --no-fund --silent
  rm -rf _vendor/mathjax
  mkdir -p _vendor/mathjax/output
  # Only what the pages load: the TeX-to-HTML bundle, its fonts, and the
  # parts it fetches on demand (TeX extensions, menu, accessibility).
  for part in tex-chtml.js input ui a11y sre adaptors; do
    cp -r "node_modules/mathjax/es5/$part" _vendor/mathjax/
  done
  cp -r node_modules/mathjax/es5/output/chtml* _vendor/mathjax/output/
fi

if [ -n "$target" ]; then
  exec make "$target"
fi
