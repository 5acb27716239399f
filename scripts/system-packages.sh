#!/usr/bin/env bash
# The system packages `make test` needs, by their Debian/Ubuntu names: the one list, checked or
# installed here for both `make test` and .ci/run.
#
#   scripts/system-packages.sh check    print nothing and exit 0 when everything is present;
#                                       otherwise print one line naming every missing package
#                                       and the command that installs them, and exit 1
#   scripts/system-packages.sh install  as root where apt-get exists (Debian, Ubuntu), install
#                                       the missing packages; anywhere else, the same as `check`
#
# PYTHON names the interpreter that will make .venv (python3 unless set; the Makefile passes its
# own). Checking runs only bash builtins and PYTHON, so a test can hide commands by narrowing
# PATH.
set -euo pipefail

PYTHON="${PYTHON:-python3}"

# Each pair: a command `make test` runs, then the package that provides it. Chromium and its
# chromedriver drive the browser tests; npm installs Lighthouse and the Nu Html Checker, which
# runs on Java; the C compiler builds misaka, the Markdown renderer of the Isso comment server
# the tests run (PyPI has only its source).
readonly COMMAND_PACKAGES=(
  make make
  cc gcc
  chromium chromium
  chromedriver chromium-driver
  node nodejs
  npm npm
  java default-jre-headless
)

# Prints the missing packages, space-separated, in a fixed order; prints nothing when none is.
missing_packages() {
  local missing=() index
  # Debian ships venv's ensurepip in python3-venv, and `python3 -m venv` fails without it.
  "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
  # misaka's build needs Python's headers too (Debian keeps them in python3-dev).
  "$PYTHON" -c 'import os, sys, sysconfig; sys.exit(not os.path.isfile(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' >/dev/null 2>&1 || missing+=(python3-dev)
  for ((index = 0; index < ${#COMMAND_PACKAGES[@]}; index += 2)); do
    command -v "${COMMAND_PACKAGES[index]}" >/dev/null || missing+=("${COMMAND_PACKAGES[index + 1]}")
  done
  echo "${missing[*]}"
}

# The one line a person reads when something is missing.
report_missing() {
  echo "missing system packages: $1; install them with: sudo apt-get install -y $1" >&2
}

mode="${1:-}"
case "$mode" in
  check | install) ;;
  *)
    echo "usage: $0 check|install" >&2
    exit 2
    ;;
esac

missing="$(missing_packages)"
if [[ -z "$missing" ]]; then
  exit 0
fi
# Only root can install, and only apt-get knows these names; elsewhere a person must act.
if [[ "$mode" == check || "$EUID" -ne 0 ]] || ! command -v apt-get >/dev/null; then
  report_missing "$missing"
  exit 1
fi

echo "installing system packages: $missing" >&2
# apt-get's progress is kept back and shown only if it fails, so a good run stays one line.
export DEBIAN_FRONTEND=noninteractive
# $missing is a space-separated list of package names, split into words on purpose.
# shellcheck disable=SC2086
if ! apt_output="$(apt-get update -qq 2>&1 && apt-get install -y -qq $missing 2>&1)"; then
  echo "$apt_output" >&2
  report_missing "$missing"
  exit 1
fi

# A package can install without giving the command expected of it (a release that renamed it);
# name what is still missing rather than let the tests fail one by one.
still_missing="$(missing_packages)"
if [[ -n "$still_missing" ]]; then
  report_missing "$still_missing"
  exit 1
fi
