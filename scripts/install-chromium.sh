#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver from Debian's packages, for the report's
# browser test (tests/report/test_browser.py skips without them). Called by .ci/run;
# a failure there is a warning, not a CI failure.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  echo "chromium and chromedriver already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver
chromium --version
