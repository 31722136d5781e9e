#!/usr/bin/env bash
# Make sure the system Chromium is there for the browser tests (never a downloaded browser),
# and the Nu HTML Checker that checks every page they are served (tools/get_vnu.sh).
# Idempotent and quiet: does nothing when both are there.
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: installing Debian's chromium"
  if [ "$(id -u)" -ne 0 ]; then
    echo "e2e: /usr/bin/chromium is missing; run as root or: sudo apt-get install -y chromium" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
bash "$(dirname "$0")/../tools/get_vnu.sh"
mkdir -p "$(dirname "$0")/artifacts"
