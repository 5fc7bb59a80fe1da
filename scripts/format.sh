#!/usr/bin/env bash
# Formats every tracked Swift file in place; with --lint, checks them strictly instead.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--lint" ]; then
    git ls-files -z '*.swift' | xargs -0 swift format lint --strict --parallel
else
    git ls-files -z '*.swift' | xargs -0 swift format format --in-place --parallel
fi
