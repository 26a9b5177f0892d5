#!/usr/bin/env bash
# Install Debian's Virtuoso Open Source (virtuoso-t, isql-vt) for tests/test_virtuoso.py.
# Idempotent: does nothing when virtuoso-opensource is already installed, and runs
# `apt-get update` only when it is not. The system service is not needed (tests start
# their own virtuoso-t on 127.0.0.1 with a temporary database).
set -euo pipefail

PACKAGE=virtuoso-opensource

if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "install ok installed"; then
  echo "$PACKAGE is already installed: $(command -v virtuoso-t || echo 'virtuoso-t not on PATH')"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "$PACKAGE"
command -v virtuoso-t >/dev/null || { echo "virtuoso-t not found after install" >&2; exit 1; }
echo "installed: $(command -v virtuoso-t)"
