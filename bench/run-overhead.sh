#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Overhead benchmark of `ordo run`: a plan of about 10,000 no-op steps
# (Operations Manager agents as {count: N * 200}, upgraded in batches of 200,
# one step each) carried out by a runbook that runs /bin/true for every step,
# side by side with bash spawning /bin/true the same number of times and with
# ansible-playbook running the same command once per host over an inventory of
# local hosts. A benchmark, not a test: it prints a table and checks nothing.
#
#   bench/run-overhead.sh [steps]       default 10000 (rounded to whole batches)
#
# Environment:
#   ORDO=path           the ordo binary to measure (default: a Release build
#                       made here, in bench/out/run-overhead/build)
#   ANSIBLE_HOSTS=n     hosts for ansible-playbook (default 1000; its time is
#                       also given scaled to the number of steps, linearly);
#                       0 skips ansible
#   ANSIBLE_FORKS=n     ansible's forks (default 5, its own default)
#   SHM=1               also run with the journal on /dev/shm (tmpfs), where a
#                       commit costs no disk flush, to separate the cost of
#                       durable commits from the rest
#   WORK=dir            where the estates, journals and inventory go (default
#                       bench/out/run-overhead; the journal's file system
#                       matters: its flushes are part of the cost)
#
# Seconds are wall time of one run each. Progress goes to stderr; the table,
# Markdown, to stdout and to $WORK/results.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
steps=${1:-10000}
[[ "$steps" =~ ^[0-9]+$ ]] && [ "$steps" -ge 1 ] || { echo "run-overhead.sh: not a number of steps: $steps" >&2; exit 64; }
hosts=${ANSIBLE_HOSTS:-1000}
forks=${ANSIBLE_FORKS:-5}
work=${WORK:-$here/out/run-overhead}
mkdir -p "$work"
work=$(cd "$work" && pwd)

say() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
per() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.2f", 1000 * t / n }'; }

# ---- ordo ----
if [ -n "${ORDO:-}" ]; then
	ordo=$(cd "$(dirname "$ORDO")" && pwd)/$(basename "$ORDO")
else
	say "building ordo (Release) in $work/build"
	cmake -S "$repo" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DORDO_BUILD_TESTS=OFF >/dev/null
	cmake --build "$work/build" -j"$(nproc)" --target ordo >/dev/null
	ordo=$work/build/ordo
fi

cd "$work"
rm -f estate.yaml.ordo.db* shm-journal.txt
cat >estate.yaml <<EOF
ordo: 1
name: run-overhead
target: 2022
components:
  - id: om
    product: operations_manager
    version: "2019 UR4"
    roles:
      management_server: [OM01]
      agent: {count: $((steps * 200))}
    database: {server: SQL01, sql_version: "2019 CU12", name: OperationsManager}
EOF
cat >runbook.yaml <<'EOF'
ordo: 1
executors:
  - match: {}
    run: ["/bin/true"]
EOF
n=$("$ordo" plan --format json estate.yaml | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["steps"]))')
fs=$(df -PT . | awk 'NR == 2 { print $2 }')
say "plan: $n steps (agents upgraded in $steps batches of 200, plus the management server's steps)"

say "bash: /bin/true x $n"
t0=$(now)
for ((i = 0; i < n; i++)); do /bin/true; done
t_spawn=$(since "$t0")
say "  $t_spawn s"

say "ordo plan"
t0=$(now)
"$ordo" plan --format json estate.yaml >/dev/null
t_plan=$(since "$t0")
say "  $t_plan s"

say "ordo run --dry-run"
t0=$(now)
"$ordo" run --dry-run --runbook runbook.yaml estate.yaml >/dev/null
t_dry=$(since "$t0")
say "  $t_dry s"

say "ordo run: $n steps, journal $work/estate.yaml.ordo.db ($fs)"
t0=$(now)
"$ordo" run -q --runbook runbook.yaml estate.yaml >/dev/null || say "  ordo run exited $? (the times below are not of a whole run)"
t_run=$(since "$t0")
say "  $t_run s"
done_steps=$("$ordo" status --journal estate.yaml.ordo.db --format json | python3 -c 'import json, sys; print(json.load(sys.stdin)["counts"]["done"])')
jbytes=0
for f in estate.yaml.ordo.db estate.yaml.ordo.db-wal; do
	[ -f "$f" ] && jbytes=$((jbytes + $(stat -c %s "$f")))
done
ntrans=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from transitions").fetchone()[0])' estate.yaml.ordo.db)

say "ordo run again on the finished journal"
t0=$(now)
"$ordo" run -q --runbook runbook.yaml estate.yaml >/dev/null || say "  ordo run exited $? (the times below are not of a whole run)"
t_again=$(since "$t0")
say "  $t_again s"

t_shm=
if [ "${SHM:-0}" = 1 ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/ordo-run-overhead.XXXXXX)
	say "ordo run: journal on /dev/shm"
	t0=$(now)
	"$ordo" run -q --journal "$shm/journal.db" --runbook runbook.yaml estate.yaml >/dev/null || say "  ordo run exited $? (the times below are not of a whole run)"
	t_shm=$(since "$t0")
	say "  $t_shm s"
	rm -rf "$shm"
fi

# ---- ansible ----
t_ans=
if [ "$hosts" -gt 0 ]; then
	if command -v ansible-playbook >/dev/null; then
		say "ansible-playbook: $hosts local hosts, forks $forks"
		{
			echo "[all]"
			for ((i = 1; i <= hosts; i++)); do
				printf 'h%06d ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n' "$i"
			done
		} >inventory.ini
		cat >playbook.yml <<'EOF'
- hosts: all
  gather_facts: false
  tasks:
    - command: /bin/true
EOF
		t0=$(now)
		ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCAL_TEMP="$work/ansible-tmp" ANSIBLE_FORKS="$forks" \
			ansible-playbook -i inventory.ini playbook.yml >ansible.out 2>&1 ||
			say "ansible-playbook failed (see $work/ansible.out)"
		t_ans=$(since "$t0")
	say "  $t_ans s"
		# sed reads all of it: an early close would break ansible's pipe
		ans_version=$(ansible-playbook --version 2>/dev/null | sed -n -e '1{s/^ansible-playbook //' -e 's/[][]//g' -e p -e '}' || true)
	else
		say "ansible-playbook not installed (Debian: apt-get install ansible): skipped"
	fi
fi

# ---- the table ----
{
	echo "ordo run overhead: $n no-op steps (/bin/true), journal on $fs, $(nproc) CPUs"
	echo
	echo "| what | items | seconds | ms per item |"
	echo "|---|---:|---:|---:|"
	echo "| bash: fork + exec /bin/true | $n | $t_spawn | $(per "$t_spawn" "$n") |"
	echo "| ordo plan (no execution) | $n | $t_plan | $(per "$t_plan" "$n") |"
	echo "| ordo run --dry-run (plan, argv, no journal) | $n | $t_dry | $(per "$t_dry" "$n") |"
	echo "| ordo run, fresh journal ($done_steps done) | $n | $t_run | $(per "$t_run" "$n") |"
	[ -n "$t_shm" ] && echo "| ordo run, journal on tmpfs (no disk flush) | $n | $t_shm | $(per "$t_shm" "$n") |"
	echo "| ordo run again, nothing left to do | $n | $t_again | $(per "$t_again" "$n") |"
	if [ -n "$t_ans" ]; then
		echo "| ansible-playbook $ans_version, local, forks $forks | $hosts | $t_ans | $(per "$t_ans" "$hosts") |"
		[ "$hosts" -ne "$n" ] &&
			echo "| ansible-playbook scaled linearly to $n hosts (estimate) | $n | $(awk -v t="$t_ans" -v h="$hosts" -v n="$n" 'BEGIN { printf "%.0f", t * n / h }') | $(per "$t_ans" "$hosts") |"
	fi
	echo
	echo "ordo's cost per step beyond spawning the program: $(awk -v r="$t_run" -v s="$t_spawn" -v n="$n" 'BEGIN { printf "%.2f", 1000 * (r - s) / n }') ms"
	[ -n "$t_shm" ] &&
		echo "of which durable commits (disk journal minus tmpfs journal): $(awk -v r="$t_run" -v s="$t_shm" -v n="$n" 'BEGIN { printf "%.2f", 1000 * (r - s) / n }') ms"
	echo "journal: $jbytes bytes after the run ($(awk -v b="$jbytes" -v n="$n" 'BEGIN { printf "%.0f", b / n }') per step), $ntrans transitions"
} | tee "$work/results.md"
