#!/usr/bin/env bash
# Fetches libduckdb.so from the pinned npm package into <repo>/.native/duckdb/<version>/, once, and verifies its checksum.
# Called by the Sluice.DuckDb build; safe to run by hand. Concurrent calls are serialised by a lock.
set -euo pipefail

version="1.5.6"
package="@duckdb/node-bindings-linux-x64@1.5.6-r.1"
sha256="3f4962cdd266eab2b479a5b5a4a6d063d279b2954ae814ed00385d553b747633"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.native/duckdb/$version"
lib="$dest/libduckdb.so"

verify() { echo "$sha256  $1" | sha256sum --check --status; }

mkdir -p "$dest"
exec 9>"$dest/.lock"
flock 9

if [ -f "$lib" ] && verify "$lib"; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "error SLUICE001: npm was not found on PATH, and it is needed once to fetch libduckdb.so $version from the npm package $package." >&2
  echo "error SLUICE001: Install Node.js and npm (Debian: 'apt-get install -y nodejs npm'), or set DUCKDB_LIB_PATH to a libduckdb.so $version and build again." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "Fetching libduckdb.so $version from npm package $package ..."
if ! (cd "$work" && npm pack --silent "$package" >/dev/null 2>"$work/npm.err"); then
  echo "error SLUICE002: 'npm pack $package' failed: $(tail -n 3 "$work/npm.err" | tr '\n' ' ')" >&2
  echo "error SLUICE002: Check that the npm registry is reachable (npm config get registry), then build again." >&2
  exit 1
fi
tar -xzf "$work"/*.tgz -C "$work" package/libduckdb.so
if ! verify "$work/package/libduckdb.so"; then
  echo "error SLUICE003: libduckdb.so from $package does not have the pinned SHA-256 $sha256; refusing to use it." >&2
  exit 1
fi
mv -f "$work/package/libduckdb.so" "$lib.tmp"
mv -f "$lib.tmp" "$lib"
echo "libduckdb.so $version is at $lib"
