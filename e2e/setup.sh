#!/usr/bin/env bash
# Make sure the system Chromium is there for the browser tests (never a downloaded browser).
# Idempotent and quiet: does nothing when /usr/bin/chromium exists.
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
mkdir -p "$(dirname "$0")/artifacts"
