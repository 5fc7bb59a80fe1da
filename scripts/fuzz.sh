#!/usr/bin/env bash
# Fuzz the article scanner with libFuzzer for SECONDS (default 60).
#
# Compiles every AssetParser source plus Fuzz/ArticleParserFuzz.swift with the fuzzer and address sanitizers,
# seeds the corpus with the shared articles and the seed text, and runs. Findings (crash-*, timeout-*, oom-*)
# land in fuzz-out/; the script exits non-zero when libFuzzer finds one.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/fuzz-out"
binary="$out/article-fuzz"
mkdir -p "$out/corpus"

# Compile a snapshot, so that editing the sources while the (slow) sanitized build runs does not break it.
snapshot="$(mktemp -d)"
trap 'rm -rf "$snapshot"' EXIT
cp -R "$root/Sources/AssetParser" "$root/Fuzz/ArticleParserFuzz.swift" "$snapshot/"
mapfile -t sources < <(find "$snapshot" -name '*.swift' | sort)
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name AssetParser -package-name assetd \
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility \
    "${sources[@]}" -o "$binary"

shared="$root/../shared/corpus"
if [ -d "$shared" ] && [ -z "$(ls -A "$out/corpus")" ]; then
    # Seed with the start of each page; libFuzzer inputs stay small (-max_len below).
    for page in "$shared"/articles/*.html "$shared"/seed/*.txt; do
        head -c 16384 "$page" > "$out/corpus/$(basename "$page")"
    done
fi

"$binary" "$out/corpus" \
    -dict="$root/Fuzz/html.dict" \
    -max_total_time="$seconds" \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -max_len=65536 \
    -artifact_prefix="$out/" \
    -print_final_stats=1
