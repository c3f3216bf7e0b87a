#!/usr/bin/env bash
# Declarative end-to-end cases: each folder under tests/cases/ holds
#   cmd            the arguments after `ordo` (one line; run in the folder)
#   stdin          (optional) fed to ordo's standard input (default /dev/null)
#   expected.rc    the exit code
#   expected.out   (optional) stdout, byte for byte
#   expected.err   (optional) stderr, byte for byte
#   expect.jq      (optional) jq filters, one per line; each must print true on stdout's JSON
#   expect.grep    (optional) fixed strings, one per line, that stdout must contain
#   expect.errgrep (optional) fixed strings that stderr must contain
#   absent.grep    (optional) fixed strings that stdout must not contain
# Usage: tests/run-cases.sh <ordo binary> [case-name-pattern]
# ORDO_WRAPPER runs ordo under a tool (valgrind); JOBS runs cases at once;
# SAMPLE=k runs every k-th case only (a fixed sample, for slow wrappers).
set -u
ordo=$(realpath "$1")
pattern=${2:-}
root=$(cd "$(dirname "$0")/cases" && pwd)
export ORDO_NOW=2026-11-22T12:00:00Z NO_COLOR=1 LC_ALL=C
pass=0
fail=0
failed=()
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run_one() {
	dir=$1
	name=$(basename "$dir")
	work=$(mktemp -d "$tmp/c.XXXXXX")
	ok=1
	why=()
	read -r -a args <<<"$(head -n1 "$dir/cmd")"
	input=/dev/null
	[ -f "$dir/stdin" ] && input="$dir/stdin"
	(cd "$dir" && ${ORDO_WRAPPER:-} "$ordo" "${args[@]}" <"$input" >"$work/out" 2>"$work/err")
	rc=$?
	want=$(cat "$dir/expected.rc" 2>/dev/null || echo 0)
	if [ "$rc" != "$want" ]; then ok=0; why+=("exit code $rc, expected $want"); fi
	if [ -f "$dir/expected.out" ] && ! cmp -s "$dir/expected.out" "$work/out"; then
		ok=0; why+=("stdout differs:"$'\n'"$(diff -u "$dir/expected.out" "$work/out" | head -40)")
	fi
	if [ -f "$dir/expected.err" ] && ! cmp -s "$dir/expected.err" "$work/err"; then
		ok=0; why+=("stderr differs:"$'\n'"$(diff -u "$dir/expected.err" "$work/err" | head -40)")
	fi
	if [ -f "$dir/expect.jq" ]; then
		while IFS= read -r f; do
			[ -z "$f" ] || [[ "$f" == \#* ]] && continue
			r=$(jq -e "$f" <"$work/out" 2>&1)
			if [ "$r" != "true" ]; then ok=0; why+=("jq false: $f"); fi
		done <"$dir/expect.jq"
	fi
	if [ -f "$dir/expect.grep" ]; then
		while IFS= read -r s; do
			[ -z "$s" ] && continue
			grep -qF -- "$s" "$work/out" || { ok=0; why+=("stdout lacks: $s"); }
		done <"$dir/expect.grep"
	fi
	if [ -f "$dir/expect.errgrep" ]; then
		while IFS= read -r s; do
			[ -z "$s" ] && continue
			grep -qF -- "$s" "$work/err" || { ok=0; why+=("stderr lacks: $s"); }
		done <"$dir/expect.errgrep"
	fi
	if [ -f "$dir/absent.grep" ]; then
		while IFS= read -r s; do
			[ -z "$s" ] && continue
			! grep -qF -- "$s" "$work/out" || { ok=0; why+=("stdout has: $s"); }
		done <"$dir/absent.grep"
	fi
	if [ $ok = 1 ]; then
		echo pass >"$work/result"
	else
		{
			echo "FAIL $name"
			for w in "${why[@]}"; do echo "  $w"; done
			echo "  --- stderr:"; head -5 "$work/err" | sed 's/^/  /'
		} >"$work/report"
		echo "fail $name" >"$work/result"
	fi
}
export -f run_one
export ordo tmp

cases=()
n=0
for dir in "$root"/*/; do
	name=$(basename "$dir")
	[ -n "$pattern" ] && [[ "$name" != *$pattern* ]] && continue
	[ -f "$dir/cmd" ] || continue
	# SAMPLE=k: every k-th case (in name order, from the first), a fixed sample
	n=$((n + 1))
	[ -n "${SAMPLE:-}" ] && [ $(((n - 1) % SAMPLE)) -ne 0 ] && continue
	cases+=("$dir")
done
printf '%s\0' "${cases[@]}" | xargs -0 -n1 -P "${JOBS:-1}" bash -c 'run_one "$0"'
for r in "$tmp"/c.*/result; do
	[ -f "$r" ] || continue
	read -r state name <"$r"
	if [ "$state" = pass ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		failed+=("$name")
		cat "$(dirname "$r")/report"
	fi
done
for f in "${failed[@]}"; do echo "failed: $f"; done
echo "cases: $pass passed, $fail failed"
[ "$fail" = 0 ]
