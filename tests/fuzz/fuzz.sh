#!/usr/bin/env bash
# Fuzz one target for a while, then merge what it found into its corpus.
#
# Usage: tests/fuzz/fuzz.sh <build-dir> <target> [seconds]
#   <build-dir>  configured with -DORDO_BUILD_FUZZERS=ON -DCMAKE_C_COMPILER=clang
#   <target>     estate | catalog | expr | journal
#   [seconds]    how long to fuzz (default 600)
#
# The run works on a copy, so tests/fuzz/corpus/<target> only gains the
# inputs in which -merge=1 finds new edges (-use_counters=0 keeps the
# corpus small). A crash, leak, timeout or sanitizer report stops the run
# and leaves the input in the current folder (crash-*, leak-*, timeout-*):
# fix it, then add the input to the corpus under a name that says what it
# broke.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { sed -n '4,8p' "$0" >&2; exit 64; }
build=$1 target=$2 secs=${3:-600}
fuzzer=$build/fuzz_$target
corpus=$here/corpus/$target
[ -x "$fuzzer" ] || { echo "fuzz.sh: no $fuzzer (build with ORDO_BUILD_FUZZERS=ON)" >&2; exit 66; }
# journals are SQLite files: bigger inputs only slow the mutations down
max_len=65536
[ "$target" = journal ] && max_len=24576
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/found"
status=0
"$fuzzer" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" -max_total_time="$secs" \
	-print_final_stats=1 "$work/found" "$corpus" || status=$?
"$fuzzer" -merge=1 -use_counters=0 -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" "$corpus" "$work/found" \
	2>&1 | grep -E '^MERGE-OUTER: [0-9]+ new files' || true
exit $status
