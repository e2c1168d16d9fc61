#!/bin/sh
# ctest openapi_contract: installs ajv + yaml (npm ci, from package-lock.json) into the build
# tree once, then validates every recorded exchange against the OpenAPI contract.
# Usage: run-contract.sh SPEC.yaml EXCHANGES_DIR TOOLS_DIR [validate.mjs options]
# Exit 77 (SKIP) without node/npm.
set -eu
spec=$1 exchanges=$2 tools=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "SKIP: node or npm is not installed (scripts/setup-deps installs nodejs and npm)"
  exit 77
fi
mkdir -p "$tools"
cp "$here/package.json" "$here/package-lock.json" "$here/validate.mjs" "$tools/"
if ! cmp -s "$here/package-lock.json" "$tools/node_modules/.package-lock.json.installed" 2>/dev/null; then
  if ! (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >npm-ci.log 2>&1); then
    cat "$tools/npm-ci.log"
    echo "SKIP: npm ci could not install ajv and yaml (no network or registry?)"
    exit 77
  fi
  cp "$here/package-lock.json" "$tools/node_modules/.package-lock.json.installed"
fi
exec node "$tools/validate.mjs" "$@" "$spec" "$exchanges"
