#!/usr/bin/env bash
# Put the Nu HTML Checker (vnu.jar 26.9.27, the official build published as the npm package
# vnu-jar) at $VNU_JAR (default var/vnu/vnu.jar), checksum-pinned, and make sure a Java 17+
# runtime is there (vnu 26 needs 17). Idempotent and quiet once done.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=26.9.27
SHA256=22f15dd39a33bed929d2a5c0cddf5946849a647eca9272bf4d5d00bc7e7a4d47
dest=${VNU_JAR:-var/vnu/vnu.jar}
tarball_url=${VNU_TARBALL_URL:-https://registry.npmjs.org/vnu-jar/-/vnu-jar-$VERSION.tgz}

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "vnu: Java 17+ is missing; run as root or: sudo apt-get install -y default-jre-headless" >&2
    exit 1
  fi
  echo "vnu: installing Debian's default-jre-headless (Java 17+)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi

if [ -f "$dest" ] && echo "$SHA256  $dest" | sha256sum -c --status; then
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if command -v npm >/dev/null 2>&1 && [ -z "${VNU_TARBALL_URL:-}" ]; then
  # `npm pack` only downloads: `npm install` would run the package's postinstall, which looks
  # for Java and tries to download one from outside the registry.
  (cd "$tmp" && npm pack --silent "vnu-jar@$VERSION" >/dev/null)
else
  python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' \
    "$tarball_url" "$tmp/vnu-jar-$VERSION.tgz"
fi
tar -xzf "$tmp/vnu-jar-$VERSION.tgz" -C "$tmp" package/build/dist/vnu.jar
echo "$SHA256  $tmp/package/build/dist/vnu.jar" | sha256sum -c --status \
  || { echo "vnu: checksum mismatch for vnu-jar $VERSION" >&2; exit 1; }
mkdir -p "$(dirname "$dest")"
mv "$tmp/package/build/dist/vnu.jar" "$dest"
echo "vnu: $(java -jar "$dest" --version) at $dest"
