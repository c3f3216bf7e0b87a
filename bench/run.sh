#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Scale benchmark: time and peak memory of `ordo check` and `ordo plan` on
# generated estates, side by side with a bare streaming parse of the same file
# (YAJL for JSON, libyaml for YAML) and Python's json.load.
#
#   bench/run.sh [sizes...]          default sizes: 1000 10000 100000 1000000
#
# Environment:
#   ORDO=path      the ordo binary to measure (default: a Release build made
#                  here, in bench/out/build)
#   SEED=n         generator seed (default 1)
#   REPEAT=n       runs per measurement below 1M members; the best is kept
#                  (default 3)
#   REPEAT_LARGE=n runs per measurement from 1M members on (default 1)
#   TIMEOUT=s      give up on one run of ordo or a bare parse after s seconds
#                  (default 120)
#   TIMEOUT_PYTHON=s  the same for the Python loaders (default 300: PyYAML
#                  needs well over a minute for 1M members)
#   PYYAML=0       do not measure PyYAML even when it is installed
#
# Estates, the bare parsers and the build go to bench/out/ (git-ignored) and
# are reused by the next run. The Markdown table goes to stdout and to
# bench/out/results.md; progress goes to stderr. "wall s" is elapsed time,
# "CPU s" user + system time and "peak MB" the largest resident set
# (MB = 2^20 bytes) as /usr/bin/time reports them, each the best of the runs.
# The ratios divide by the bare parse of the same file. On a machine shared
# with other work, the CPU times are the steadier figures.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
out="$here/out"
mkdir -p "$out"

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000)
seed=${SEED:-1}
repeat=${REPEAT:-3}
repeat_large=${REPEAT_LARGE:-1}
limit_tools=${TIMEOUT:-120}
limit_python=${TIMEOUT_PYTHON:-300}
limit=$limit_tools

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 1; }

for s in "${sizes[@]}"; do
	[[ "$s" =~ ^[0-9]+$ ]] || die "not a size: $s"
done

# --- tools -------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		say "installing time"
		apt-get install -y -qq time >/dev/null
	else
		die "/usr/bin/time is missing (Debian package 'time')"
	fi
fi
command -v timeout >/dev/null || die "timeout (coreutils) is missing"
command -v gcc >/dev/null || die "gcc is missing"
[ -f /usr/include/yajl/yajl_parse.h ] || die "YAJL headers are missing (Debian package libyajl-dev)"
pkg-config --exists yaml-0.1 || die "libyaml is missing (Debian package libyaml-dev)"

say "building the bare parsers"
gcc -O2 -std=c17 -Wall -Wextra -o "$out/bare_yajl" "$here/bare_yajl.c" -lyajl
# shellcheck disable=SC2046
gcc -O2 -std=c17 -Wall -Wextra -o "$out/bare_yaml" "$here/bare_yaml.c" \
	$(pkg-config --cflags --libs yaml-0.1)

if [ -z "${ORDO:-}" ]; then
	say "building ordo (Release) in $out/build"
	cmake -S "$repo" -B "$out/build" -DCMAKE_BUILD_TYPE=Release -DORDO_BUILD_TESTS=OFF >/dev/null
	cmake --build "$out/build" -j"$(nproc)" >/dev/null
	ORDO="$out/build/ordo"
	built="built here from $(git -C "$repo" describe --always --dirty 2>/dev/null || echo "an unknown commit")"
	# where the time goes, phase by phase (linked with the same library)
	# shellcheck disable=SC2046
	gcc -O2 -std=c17 -Wall -Wextra -I"$repo/src/lib" -o "$out/phases" "$here/phases.c" \
		"$out/build/libordolib.a" $(pkg-config --libs yaml-0.1 libcrypto) -lyajl -lsqlite3 -lm -pthread
else
	built="$ORDO"
	ORDO_GIVEN=1
fi
[ -x "$ORDO" ] || die "no ordo binary at $ORDO"

pyyaml=0
if [ "${PYYAML:-1}" != 0 ] && python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
	pyyaml=1
fi

# --- measuring ---------------------------------------------------------------
# measure OKCODES CMD...: runs CMD and sets $wall and $cpu (seconds, user +
# system) and $peak (MB) to the best of the runs; on failure $wall says
# "> N (timeout)" or "exit N" and the others are "-".
tfile="$out/.time"
measure() {
	local ok=$1; shift
	local runs=$repeat i t0 t1 rc w c m
	[ "$size" -lt 1000000 ] || runs=$repeat_large
	wall=""; cpu=""; peak=""
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		set +e
		/usr/bin/time -f "%e %M %U %S" -o "$tfile" timeout "$limit" "$@" >/dev/null 2>"$out/.stderr"
		rc=$?
		set -e
		t1=$(date +%s%N)
		if [ "$rc" = 124 ]; then
			wall="> $limit (timeout)"; cpu="-"; peak="-"; return
		fi
		if ! [[ " $ok " == *" $rc "* ]]; then
			wall="exit $rc"; cpu="-"; peak="-"
			say "  $* failed with exit $rc:"; head -3 "$out/.stderr" >&2
			return
		fi
		# wall time from the clock (milliseconds; %e has only two decimals)
		w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
		c=$(tail -1 "$tfile" | awk '{ printf "%.2f", $3 + $4 }')
		m=$(tail -1 "$tfile" | awk '{ printf "%.1f", $2 / 1024 }')
		wall=$(least "$wall" "$w"); cpu=$(least "$cpu" "$c"); peak=$(least "$peak" "$m")
		# a long run is not repeated: its noise is small against its length
		awk -v a="$w" 'BEGIN { exit !(a >= 10) }' && break
	done
	return 0
}

least() { # least A B: the smaller number; A may be empty
	if [ -z "$1" ]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; fi
}

isnum() { [[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]]; }

ratio() { # ratio SECS BARE
	if isnum "$1" && isnum "$2" && awk -v b="$2" 'BEGIN { exit !(b > 0) }'; then
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
	elif [[ "$1" == ">"* ]] && isnum "$2" && awk -v b="$2" 'BEGIN { exit !(b > 0) }'; then
		awk -v a="$limit" -v b="$2" 'BEGIN { printf "> %.0f", a / b }'
	else
		echo "-"
	fi
}

per_member() { # per_member SECS SIZE: microseconds per member
	if isnum "$1"; then awk -v a="$1" -v n="$2" 'BEGIN { printf "%.2f", a * 1e6 / n }'; else echo "-"; fi
}

results="$out/results.md"
row() { # row SIZE FORMAT MB TOOL (uses $wall $cpu $peak $bare_wall $bare_cpu)
	local line
	line=$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' "$1" "$2" "$3" "$4" \
		"$wall" "$cpu" "$peak" "$(ratio "$wall" "$bare_wall")" "$(ratio "$cpu" "$bare_cpu")" \
		"$(per_member "$cpu" "$1")")
	printf '%s\n' "$line"
	printf '%s\n' "$line" >>"$results"
}

{
	printf '| members | format | file MB | tool | wall s | CPU s | peak MB | × bare (wall) | × bare (CPU) | CPU µs / member |\n'
	printf '|---:|---|---:|---|---:|---:|---:|---:|---:|---:|\n'
} | tee "$results"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

for size in "${sizes[@]}"; do
	for fmt in json yaml; do
		file="$out/estate-$size-s$seed.$fmt"
		if [ ! -s "$file" ] || [ "$here/gen-estate.py" -nt "$file" ]; then
			say "generating $size members ($fmt)"
			python3 "$here/gen-estate.py" --members "$size" --format "$fmt" --seed "$seed" -o "$file.tmp"
			mv "$file.tmp" "$file"
		fi
		mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')

		if [ "$fmt" = json ]; then
			bare_name="bare parse (YAJL)"; bare=("$out/bare_yajl" "$file")
		else
			bare_name="bare parse (libyaml)"; bare=("$out/bare_yaml" "$file")
		fi
		say "$size $fmt: $bare_name"
		limit=$limit_tools
		bare_wall=""; bare_cpu=""
		measure 0 "${bare[@]}"
		bare_wall=$wall; bare_cpu=$cpu
		row "$size" "$fmt" "$mb" "$bare_name"

		for cmd in check plan; do
			say "$size $fmt: ordo $cmd"
			measure "0 1 2" "$ORDO" "$cmd" --format json "$file"
			row "$size" "$fmt" "$mb" "ordo $cmd"
		done

		if [ "$fmt" = json ]; then
			say "$size $fmt: python json.load"
			limit=$limit_python
			measure 0 python3 -c 'import json, sys; json.load(open(sys.argv[1], "rb"))' "$file"
			row "$size" "$fmt" "$mb" "python3 json.load"
		elif [ "$pyyaml" = 1 ]; then
			say "$size $fmt: PyYAML (CSafeLoader)"
			limit=$limit_python
			measure 0 python3 -c 'import sys, yaml; yaml.load(open(sys.argv[1], "rb"), Loader=yaml.CSafeLoader)' "$file"
			row "$size" "$fmt" "$mb" "python3 PyYAML CSafeLoader"
		fi
	done
done
# the phases of the largest estate (only with the library built here)
if [ -x "$out/phases" ] && [ -z "${ORDO_GIVEN:-}" ]; then
	size=${sizes[${#sizes[@]} - 1]}
	for fmt in json yaml; do
		say "$size $fmt: phases"
		{
			printf '\nPhases of `ordo plan` on %s members (%s), wall and CPU seconds, best of %s:\n\n```\n' \
				"$size" "$fmt" "$repeat_large"
			"$out/phases" "$out/estate-$size-s$seed.$fmt" "$repeat_large"
			printf '```\n'
		} | tee -a "$results"
	done
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
{
	printf '\n'
	printf '%s (%s); %s CPUs (%s); load average %s before, %s after.\n' \
		"$("$ORDO" --version 2>/dev/null | head -1)" "$built" "$(nproc)" \
		"$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" "$load_before" "$load_after"
} | tee -a "$results"
rm -f "$tfile" "$out/.stderr"
say "table written to $results"
