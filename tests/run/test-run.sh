#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# End-to-end tests of `ordo run`, `ordo status`, `ordo ack` and `ordo verify`.
#
#   tests/run/test-run.sh <path to ordo>
#
# Small local scripts stand in for the setup programs: each records what it
# was asked to do (step, action, server, start and end times) and can be told
# to fail, sleep or hang through files in its case folder. Everything happens
# under a temporary folder that is removed at the end. Needs bash, jq and the
# sqlite3 command-line shell.
set -u
export LC_ALL=C
unset ORDO_JOURNAL ORDO_NOW NO_COLOR

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 <path to ordo>" >&2
	exit 64
fi
ORDO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
for tool in jq sqlite3 sha256sum; do
	command -v "$tool" >/dev/null || { echo "$0: needs $tool" >&2; exit 69; }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ordo-run-tests.XXXXXX")
BG=() # background ordo runs started here
cleanup() {
	local p f
	for p in "${BG[@]}"; do kill -9 "$p" 2>/dev/null; done
	# processes the stand-in scripts left hanging, if a test failed
	for f in "$TMP"/*/hang.pids; do
		[ -f "$f" ] || continue
		while read -r p; do kill -9 "$p" 2>/dev/null; done <"$f"
	done
	cd /
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PASS=0
FAIL=0
pass() { PASS=$((PASS + 1)); printf 'ok    %s\n' "$*"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL  %s\n' "$*"; }
indent() { sed -e 's/^/        | /' | head -n 40; }
# check DESCRIPTION COMMAND...: passes when the command succeeds
check() {
	local what=$1
	shift
	if "$@"; then pass "$what"; else fail "$what"; fi
}
# the output of the last ordo command, to explain a failure
show() {
	[ -s "$D/.out" ] && { echo "      stdout:"; indent <"$D/.out"; }
	[ -s "$D/.err" ] && { echo "      stderr:"; indent <"$D/.err"; }
	return 0
}

# ordo ARGS...: run ordo, keeping stdout, stderr and the exit code (RC)
ordo() {
	"$ORDO" "$@" >"$D/.out" 2>"$D/.err"
	RC=$?
}
# expect_rc DESCRIPTION CODE: the last ordo command exited with CODE
expect_rc() {
	if [ "$RC" -eq "$2" ]; then
		pass "$1 (exit $RC)"
	else
		fail "$1: exit $RC, expected $2"
		show
	fi
}
# out_has / err_has DESCRIPTION TEXT: the last output contains TEXT
out_has() {
	if grep -qF -- "$2" "$D/.out"; then pass "$1"; else fail "$1: stdout lacks '$2'"; show; fi
}
err_has() {
	if grep -qF -- "$2" "$D/.err"; then pass "$1"; else fail "$1: stderr lacks '$2'"; show; fi
}
err_matches() {
	if grep -qE -- "$2" "$D/.err"; then pass "$1"; else fail "$1: stderr does not match /$2/"; show; fi
}

# status JSON of the case's journal
status_json() { "$ORDO" status --journal "$D/estate.yaml.ordo.db" --format json; }
# jqs DESCRIPTION FILTER: the filter, applied to `ordo status --format json`, is true
jqs() {
	local js
	js=$(status_json 2>&1)
	if jq -e "$2" >/dev/null 2>&1 <<<"$js"; then
		pass "$1"
	else
		fail "$1: status does not satisfy $2"
		{ jq -c '{state, counts}' <<<"$js" &&
			jq -c '.steps[] | select(.state != "pending") | {id, state, attempts, by, note, reason}' <<<"$js"; } \
			2>/dev/null | indent || indent <<<"$js"
	fi
}
# same DESCRIPTION GOT WANT
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: got '$2', expected '$3'"; fi
}

# how many times the record shows KIND (start/end) of STEP [on SERVER]
count() {
	local kind=$1 step=$2 server=${3:-}
	[ -f "$D/record" ] || { echo 0; return; }
	awk -v k="$kind" -v s="$step" -v v="$server" \
		'$1 == k && $2 == s && (v == "" || $4 == v) {n++} END {print n + 0}' "$D/record"
}
# the largest number of executions (of the given steps, or all) running at once
max_overlap() {
	local steps=" ${*:-} "
	awk -v steps="$steps" '
		steps == "  " || index(steps, " " $2 " ") { print $5, ($1 == "start" ? 1 : -1) }' "$D/record" |
		sort -k1,1g -k2,2n | awk '{ c += $2; if (c > m) m = c } END { print m + 0 }'
}
# seconds from the first start to the last end of the given steps
span() {
	local steps=" $* "
	awk -v steps="$steps" 'index(steps, " " $2 " ") {
			if ($1 == "start" && (lo == "" || $5 < lo)) lo = $5
			if ($1 == "end" && $5 > hi) hi = $5 }
		END { printf "%.2f\n", hi - lo }' "$D/record"
}
# every step starts only after every execution of the steps it comes after ended
order_ok() {
	local bad
	bad=$(awk 'NR == FNR {
			if ($1 == "start" && (!($2 in lo) || $5 < lo[$2])) lo[$2] = $5
			if ($1 == "end" && (!($2 in hi) || $5 > hi[$2])) hi[$2] = $5
			next }
		($1 in lo) && ($2 in hi) && lo[$1] < hi[$2] { print "step " $1 " started before step " $2 " ended" }' \
		"$D/record" "$D/pairs")
	[ -z "$bad" ] || { echo "$bad" | indent; return 1; }
}
# wait until the record shows LINE-PATTERN (awk condition), at most SECONDS
wait_record() {
	local cond=$1 secs=$2 i
	for ((i = 0; i < secs * 20; i++)); do
		[ -f "$D/record" ] && awk "$cond {f=1} END {exit !f}" "$D/record" && return 0
		sleep 0.05
	done
	return 1
}
alive() { kill -0 "$1" 2>/dev/null; }
# a process is gone when it no longer exists or is a zombie waiting to be reaped
gone() { [ ! -e "/proc/$1" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }
# every process listed in FILE is gone (within two seconds)
all_gone() {
	local p i
	[ -s "$1" ] || return 1
	while read -r p; do
		for ((i = 0; i < 40; i++)); do gone "$p" && break; sleep 0.05; done
		gone "$p" || { echo "        process $p is still running"; return 1; }
	done <"$1"
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

# ---- case folders ----

# the stand-in setup program: setup <step> <action> [<server>] [extra args...]
write_setup() {
	cat >"$D/setup" <<'EOF'
#!/usr/bin/env bash
# Stands in for a setup program. Records what it was asked to do, with times,
# in ./record; files in ./ctl (named <what>-<step> or <what>-<step>-<server>)
# make it sleep, hang, fail, fail its first N attempts, or print a lot.
here=$(cd "$(dirname "$0")" && pwd)
step=$1 action=$2 server=${3:-}
srv=${server:--}
key=$step${server:+-$server}
rec() { printf '%s %s %s %s %s\n' "$1" "$step" "$action" "$srv" "$EPOCHREALTIME" >>"$here/record"; }
ctl() {
	local f
	for f in "$here/ctl/$1-$key" "$here/ctl/$1-$step"; do
		[ -f "$f" ] && { cat "$f"; return 0; }
	done
	return 1
}
rec start
[ $# -gt 3 ] && { shift 3; printf '%s\n' "$@" >"$here/args-$key"; }
printf 'setup: step %s (%s) on %s\n' "$step" "$action" "$srv"
[ -n "${SETUP_SAY:-}" ] && printf '%s\n' "$SETUP_SAY"
if n=$(ctl noise); then head -c "$n" /dev/zero | tr '\0' 'x'; echo; fi
if t=$(ctl sleep); then sleep "$t"; fi
if ctl hang >/dev/null; then
	ctl ignoreterm >/dev/null && trap '' TERM
	sleep 300 &
	printf '%s\n%s\n' "$$" "$!" >>"$here/hang.pids"
	wait
fi
rc=0
if n=$(ctl failfirst); then
	c=$(($(cat "$here/count-$key" 2>/dev/null || echo 0) + 1))
	echo "$c" >"$here/count-$key"
	[ "$c" -le "$n" ] && rc=1
fi
if code=$(ctl fail); then rc=$code; fi
[ "$rc" -ne 0 ] && printf 'setup: giving up with exit code %s\n' "$rc"
rec end
exit "$rc"
EOF
	chmod +x "$D/setup"
}

# Operations Manager 2019 UR4 -> 2022: 16 steps, one per wave (two
# management servers, one gateway).
estate_om() {
	cat >"$D/estate.yaml" <<'EOF'
ordo: 1
name: run-test
target: 2022
servers:
  - {name: OM01, os: Windows Server 2019}
  - {name: OM02, os: Windows Server 2019}
  - {name: OMGW01, os: Windows Server 2019}
components:
  - id: om
    product: operations_manager
    version: "2019 UR4"
    roles:
      management_server: [OM01, OM02]
      gateway: [OMGW01]
    database: {server: SQL01, sql_version: "2019 CU12", name: OperationsManager}
EOF
}

# Four management servers and four gateways: step 1 runs on four servers, and
# wave 16 holds two steps (the gateways' upgrade and a batch of agents).
estate_par() {
	cat >"$D/estate.yaml" <<'EOF'
ordo: 1
name: run-test-parallel
target: 2022
components:
  - id: om
    product: operations_manager
    version: "2019 UR4"
    roles:
      management_server: [OM01, OM02, OM03, OM04]
      gateway: [GW01, GW02, GW03, GW04]
      agent: {count: 1000}
    database: {server: SQL01, sql_version: "2019 CU12", name: OperationsManager}
EOF
}

# VMM 2012 R2 UR8 -> 2016: the upgrade needs UR9 first, a blocker the plan's
# first step removes (verdict `planned`).
estate_rollup() {
	cat >"$D/estate.yaml" <<'EOF'
ordo: 1
name: run-test-rollup
target: "2016"
servers:
  - {name: VMM01, os: "Windows Server 2016", domain_joined: true}
  - {name: SQL01, sql: [{version: "2016 SP2"}]}
components:
  - id: vmm
    product: vmm
    version: "2012 R2 UR8"
    roles: {management_server: [VMM01], console: [ADMIN01]}
    database: {server: SQL01, name: VirtualManagerDB}
    facts: {service_account: 'CONTOSO\svc-vmm'}
EOF
}

# every step, run by ./setup
runbook_all() {
	cat >"$D/runbook.yaml" <<'EOF'
ordo: 1
executors:
  - match: {}
    run: ["./setup", "{step}", "{action}", "{server}"]
EOF
}

# newcase NAME om|par: a fresh folder with the setup script, an estate and a
# runbook running every step; the shell moves into it
newcase() {
	D=$TMP/$1
	mkdir -p "$D/ctl"
	cd "$D" || exit 70
	write_setup
	"estate_$2"
	runbook_all
	"$ORDO" plan --format json estate.yaml >plan.json 2>/dev/null
	jq -r '.steps[] | .id as $i | .after[] | "\($i) \(.)"' plan.json >pairs
	echo
	echo "# $1"
}
J() { echo "$D/estate.yaml.ordo.db"; }

# ==== a run to completion ====
newcase complete om
NSTEPS=$(jq '.steps | length' plan.json)
same "the plan of the test estate has 16 steps" "$NSTEPS" 16
cd "$TMP" || exit 70 # elsewhere: run[0] is relative to the runbook, the journal beside the estate
ordo run --runbook "$D/runbook.yaml" "$D/estate.yaml"
expect_rc "ordo run carries out the whole plan" 0
out_has "it says every step is done" "all 16 steps done"
check "the journal is <estate>.ordo.db beside the estate" test -f "$D/estate.yaml.ordo.db"
jqs "status: state done" '.state == "done" and .ordo == 1 and .estate == "run-test"'
jqs "status: counts say 16 done, nothing else" \
	'.counts == {"pending":0,"running":0,"done":16,"failed":0,"waiting":0,"interrupted":0,"skipped":0}'
jqs "status: 16 steps, ids 1..16" '[.steps[].id] == [range(1; 17)]'
jqs "status: every step done by the runner in one attempt" \
	'all(.steps[]; .state == "done" and .by == "runner" and .attempts == 1 and .note == null)'
jqs "status: every step has started and finished times (ISO 8601 UTC)" \
	'all(.steps[]; (.started | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) and
	               (.finished | test("^[0-9]{4}-")) and .finished >= .started)'
jqs "status: the fingerprint is the plan's" "(.fingerprint == $(jq .fingerprint "$D/plan.json"))"
want=$(jq -r '.steps[] | "\(.id) \(.action) \(if (.servers | length) > 0 then .servers[] else "-" end)"' "$D/plan.json" | sort)
got=$(awk '$1 == "start" {print $2, $3, $4}' "$D/record" | sort)
same "every execution of the plan ran exactly once, with {step} {action} {server} filled in" "$got" "$want"
same "every execution that started ended" "$(grep -c '^end ' "$D/record")" "$(grep -c '^start ' "$D/record")"
check "no step started before the steps it comes after had ended" order_ok
check "executions ran one at a time by default" test "$(max_overlap)" -eq 1
before=$(sha256sum <"$D/record")
ordo run --runbook "$D/runbook.yaml" "$D/estate.yaml"
expect_rc "running a finished journal again does nothing" 0
same "... and starts no program" "$(sha256sum <"$D/record")" "$before"
cd "$D" || exit 70
ordo status
expect_rc "ordo status (text) finds the one journal in the current folder" 0
out_has "status text gives the state and the count" "run-test: done, 16 of 16 steps done"

# ==== a step no executor matches waits for an operator ====
newcase waiting om
cat >runbook.yaml <<'EOF'
ordo: 1
executors:          # nothing for the upgrade steps: an operator does them
  - match: {action: prepare}
    run: ["./setup", "{step}", "{action}", "{server}"]
  - match: {action: verify}
    run: ["./setup", "{step}", "{action}", "{server}"]
  - match: {action: backup}
    run: ["./setup", "{step}", "{action}", "{server}"]
  - match: {action: configure}
    run: ["./setup", "{step}", "{action}", "{server}"]
EOF
ordo run --runbook runbook.yaml estate.yaml
expect_rc "a run reaching a step no executor matches stops" 3
out_has "it names the waiting step" "step 11 waits for an operator"
out_has "it gives the ack command" "ordo ack 11 --by"
jqs "status: state waiting, step 11 waiting, 10 done, 5 pending" \
	'.state == "waiting" and .counts.done == 10 and .counts.waiting == 1 and .counts.pending == 5 and
	 (.steps[10] | .id == 11 and .state == "waiting")'
same "no later step ran (nothing after the waiting step's wave)" "$(awk '$1 == "start" && $2 > 10' record | wc -l)" 0
ordo ack 11
expect_rc "ack without --by is a usage error" 64
ordo ack 12 --by alice
expect_rc "ack of a pending step is refused" 65
ordo ack 99 --by alice
expect_rc "ack of a step the journal does not have is refused" 65
ordo ack 11 --by alice --note "upgraded by hand, change CHG-1234"
expect_rc "ordo ack 11 --by alice --note ... (journal found in the current folder)" 0
jqs "status: step 11 done by alice, with the note" \
	'.steps[10] | .state == "done" and .by == "alice" and .note == "upgraded by hand, change CHG-1234" and .finished != null'
ordo ack 11 --by mallory
expect_rc "a second ack of a done step is refused" 65
jqs "... and leaves who did it alone" '.steps[10].by == "alice"'
ordo run --runbook runbook.yaml estate.yaml
expect_rc "the run goes on after the ack, to the next waiting step" 3
out_has "it now waits at step 12" "ordo ack 12 --by"
ordo ack 12 --by bob
ordo run --runbook runbook.yaml estate.yaml
out_has "then at step 13" "ordo ack 13 --by"
ordo ack 13 --by bob --journal "$(J)"
expect_rc "ack with --journal" 0
ordo run --runbook runbook.yaml estate.yaml
expect_rc "after the last ack the run finishes" 0
jqs "status: done; 11 by alice with the note, 12 and 13 by bob, the rest by the runner" \
	'.state == "done" and .counts.done == 16 and
	 ([.steps[] | .by] == ["runner","runner","runner","runner","runner","runner","runner","runner",
	                       "runner","runner","alice","bob","bob","runner","runner","runner"]) and
	 .steps[10].note == "upgraded by hand, change CHG-1234" and .steps[11].note == null'
same "no program ever ran for the acknowledged steps" "$(awk '$1 == "start" && $3 == "upgrade"' record | wc -l)" 0
check "the steps after the acknowledged ones ran after them" order_ok

# ==== a failed step, and --retry ====
newcase failure om
echo 7 >ctl/fail-3-OM02
ordo run --runbook runbook.yaml estate.yaml
expect_rc "a failing execution stops the run" 3
out_has "it names the failed step" "step 3 failed"
out_has "it says how to retry" "ordo run --retry 3"
jqs "status: state failed; step 3 failed; 2 done, 13 pending" \
	'.state == "failed" and .counts.failed == 1 and .counts.done == 2 and .counts.pending == 13 and
	 .steps[2].state == "failed" and .steps[2].finished != null'
jqs "status: step 3's captured output, per server, with the exit code" \
	'.steps[2].outputs as $o | ($o | length) == 2 and
	 ($o[] | select(.server == "OM02") | .exit_code == 7 and (.output | contains("setup: giving up with exit code 7"))) and
	 ($o[] | select(.server == "OM01") | .exit_code == 0 and (.output | contains("setup: step 3 (prepare) on OM01")))'
ordo status
out_has "status text shows the failing output and its exit code" "output on OM02 (exit 7, attempt 1)"
out_has "... with the program's last lines" "| setup: giving up with exit code 7"
same "no step after the failed one started" "$(awk '$1 == "start" && $2 > 3' record | wc -l)" 0
n3=$(count start 3)
ordo run --runbook runbook.yaml estate.yaml
expect_rc "running again without --retry stops at the failed step again" 3
same "... without running it again" "$(count start 3)" "$n3"
rm ctl/fail-3-OM02
ordo run --retry 3 --runbook runbook.yaml estate.yaml
expect_rc "after the cause is fixed, --retry 3 runs it again and finishes" 0
jqs "status: done; step 3 done in its second attempt" \
	'.state == "done" and .counts.done == 16 and (.steps[2] | .state == "done" and .attempts == 2 and .by == "runner")'
check "order kept across the retry" order_ok
same "--retry runs step 3 again only where it failed (OM02)" "$(count start 3 OM02)" 2
same "... and not where it had succeeded (OM01)" "$(count start 3 OM01)" 1

# ==== executor retries ====
# step 2 (prepare, gateway) fails twice and succeeds on the third attempt
retries_case() {
	newcase "$1" om
	cat >runbook.yaml <<EOF
ordo: 1
executors:
  - match: {}
    run: ["./setup", "{step}", "{action}", "{server}"]
  - match: {action: prepare, role: gateway}
    run: ["./setup", "{step}", "{action}", "{server}"]
    retries: $2
EOF
	echo "$3" >ctl/failfirst-2
}
retries_case retries 2 2
ordo run --runbook runbook.yaml estate.yaml
expect_rc "retries: 2, failing twice then succeeding: the run finishes" 0
same "the program ran three times for step 2" "$(count start 2)" 3
jqs "status: step 2 done with attempts 3" '.steps[1] | .state == "done" and .attempts == 3'
jqs "status: the run is done" '.state == "done" and .counts.done == 16'

retries_case retries-threshold-100 2 2
ordo run --max-fail-percent 100 --runbook runbook.yaml estate.yaml
expect_rc "retries: 2 with --max-fail-percent 100: the run finishes" 0
same "the program ran three times for step 2" "$(count start 2)" 3
jqs "status: step 2 done with attempts 3" '.steps[1] | .state == "done" and .attempts == 3'

retries_case retries-exhausted 1 5
ordo run --runbook runbook.yaml estate.yaml
expect_rc "retries: 1, failing every time: the step fails" 3
same "the program ran twice for step 2" "$(count start 2)" 2
jqs "status: step 2 failed with attempts 2, the failure's output kept" \
	'.steps[1] | .state == "failed" and .attempts == 2 and .outputs[0].exit_code == 1'

# ==== timeout ====
timeout_case() {
	newcase "$1" om
	cat >runbook.yaml <<'EOF'
ordo: 1
executors:
  - match: {}
    run: ["./setup", "{step}", "{action}", "{server}"]
  - match: {action: prepare, role: gateway}
    run: ["./setup", "{step}", "{action}", "{server}"]
    timeout: 1s
EOF
	touch ctl/hang-2
}
timeout_case timeout
t0=$(now)
ordo run --runbook runbook.yaml estate.yaml
took=$(elapsed "$t0")
expect_rc "a hanging program with timeout: 1s fails its step" 3
check "... within a few seconds (took ${took}s)" lt "$took" 5
check "the hanging script and its child process are gone" \
	all_gone hang.pids
jqs "status: step 2 failed, exit code -1, output says it timed out" \
	'.steps[1] | .state == "failed" and .outputs[0].exit_code == -1 and (.outputs[0].output | contains("timed out"))'
same "the timed-out program never reached its end" "$(count end 2)" 0

timeout_case timeout-ignoring-term
touch ctl/ignoreterm-2
t0=$(now)
ordo run --runbook runbook.yaml estate.yaml
took=$(elapsed "$t0")
expect_rc "a hanging program that ignores SIGTERM fails its step too" 3
check "... within seconds, SIGKILL after the grace period (took ${took}s)" lt "$took" 10
check "the script and its child, both ignoring SIGTERM, are gone" \
	all_gone hang.pids

# ==== parallel waves ====
newcase parallel par
for s in 1 16 17; do echo 0.5 >ctl/sleep-$s; done
same "the parallel estate: step 1 has 4 servers" "$(jq '.steps[0].servers | length' plan.json)" 4
same "the parallel estate: wave 16 holds steps 16 (4 gateways) and 17 (agents)" \
	"$(jq -c '[.steps[] | select(.wave == 16) | [.id, (.servers | length)]]' plan.json)" "[[16,4],[17,0]]"
ordo run --max-parallel 4 --runbook runbook.yaml estate.yaml
expect_rc "--max-parallel 4: the run finishes" 0
same "step 1's four executions ran at the same time" "$(max_overlap 1)" 4
same "never more than 4 executions at once" "$(max_overlap)" 4
same "wave 16: 4 of its 5 executions at once" "$(max_overlap 16 17)" 4
check "waves stay in order" order_ok

newcase parallel-wide par
for s in 1 16 17; do echo 0.5 >ctl/sleep-$s; done
ordo run --max-parallel 8 --runbook runbook.yaml estate.yaml
expect_rc "--max-parallel 8: the run finishes" 0
same "wave 16: both steps' 5 executions ran at the same time" "$(max_overlap 16 17)" 5
check "waves stay in order" order_ok

newcase serial par
for s in 1 16 17; do echo 0.5 >ctl/sleep-$s; done
ordo run --max-parallel 1 --runbook runbook.yaml estate.yaml
expect_rc "--max-parallel 1: the run finishes" 0
same "--max-parallel 1: executions never overlap" "$(max_overlap)" 1
check "step 1 took four sleeps ($(span 1)s)" lt 1.9 "$(span 1)"

# ==== failure threshold ====
newcase threshold par
echo 1 >ctl/fail-1-OM01
ordo run --runbook runbook.yaml estate.yaml
expect_rc "default --max-fail-percent 0: the first failure stops the run" 3
same "OM01 ran" "$(count start 1 OM01)" 1
same "the wave launched nothing after the failure (OM02..OM04 never started)" \
	"$(awk '$1 == "start" && $2 == 1 && $4 != "OM01"' record | wc -l)" 0
jqs "status: step 1 failed, the rest pending" '.steps[0].state == "failed" and .counts.pending == 24'

newcase threshold-50 par
echo 1 >ctl/fail-1-OM01
ordo run --max-fail-percent 50 --runbook runbook.yaml estate.yaml
expect_rc "--max-fail-percent 50: one failure of four keeps the wave going, the step still fails" 3
same "all four executions of step 1 ran" "$(count start 1)" 4
jqs "status: step 1 failed, its output names OM01" \
	'.steps[0].state == "failed" and ([.steps[0].outputs[] | select(.exit_code != 0) | .server] == ["OM01"])'

newcase threshold-wave par
echo 1 >ctl/fail-16-GW01
ordo run --runbook runbook.yaml estate.yaml
expect_rc "a failure in a wave of two steps stops the run" 3
same "the other gateways of step 16 never started" "$(awk '$1 == "start" && $2 == 16 && $4 != "GW01"' record | wc -l)" 0
same "step 17, in the same wave, never started" "$(count start 17)" 0
jqs "status: step 16 failed, step 17 back to pending" \
	'(.steps[15] | .id == 16 and .state == "failed") and (.steps[16] | .id == 17 and .state == "pending")'

# ==== one runner per journal ====
newcase lock om
echo 3 >ctl/sleep-1
"$ORDO" run --runbook runbook.yaml estate.yaml >first.out 2>first.err &
first=$!
BG+=("$first")
if wait_record '$1 == "start" && $2 == 1' 10; then
	t0=$(now)
	ordo run --runbook runbook.yaml estate.yaml
	took=$(elapsed "$t0")
	expect_rc "a second ordo run on the same journal is refused" 75
	check "... at once (took ${took}s)" lt "$took" 2
	err_has "... saying the journal is in use" "in use by another ordo run"
	jqs "status while the first runs: running" '.state == "running"'
	check "the first run is still going" alive "$first"
else
	fail "the first run never started step 1"
fi
wait "$first"
rc=$?
same "the first run finishes fine" "$rc" 0
jqs "status: done" '.state == "done" and .counts.done == 16'
same "every step ran once" "$(awk '$1 == "start"' record | wc -l)" \
	"$(jq '[.steps[] | ([.servers | length, 1] | max)] | add' plan.json)"

# ==== drift: the estate changed after the journal was started ====
newcase drift om
cp runbook.yaml runbook-all.yaml
cat >runbook.yaml <<'EOF'
ordo: 1
executors:
  - match: {phase: pre}
    run: ["./setup", "{step}", "{action}", "{server}"]
EOF
ordo run --runbook runbook.yaml estate.yaml
expect_rc "a partial run (stops at the first upgrade, which waits)" 3
done_before=$(status_json | jq -c '[.steps[] | select(.state == "done") | {id, started, finished, attempts}]')
same "ten steps done before the estate changes" "$(jq length <<<"$done_before")" 10
sed -i 's/gateway: \[OMGW01\]/gateway: [OMGW01, OMGW02]/' estate.yaml
jsum=$(sqlite3 "$(J)" 'SELECT group_concat(id || state, ",") FROM steps')
ordo run --runbook runbook-all.yaml estate.yaml
expect_rc "ordo run on the changed estate refuses" 65
err_has "... saying the estate changed" "the estate changed since journal"
err_has "... naming a new step" "new: Upgrade om (gateway) on OMGW01 and others to 2022"
err_has "... and how to go on" "--replan"
same "... and changes no step of the journal" "$(sqlite3 "$(J)" 'SELECT group_concat(id || state, ",") FROM steps')" "$jsum"
same "... and runs nothing" "$(grep -c OMGW02 record)" 0
ordo run --replan --runbook runbook-all.yaml estate.yaml
expect_rc "--replan continues with the new plan" 0
jqs "status: done" '.state == "done"'
jqs "steps done before stay done, untouched (same times, one attempt)" \
	"[.steps[] | select(.id != 2 and .id <= 10) | {id, started, finished, attempts}] == [$(jq -c '.[] | select(.id != 2)' <<<"$done_before" | paste -sd,)]"
same "steps done before did not run again" \
	"$(awk '$1 == "start" && $2 <= 10 && $2 != 2 {print $2, $4}' record | sort | uniq -d | wc -l)" 0
same "the changed step (prepare the gateways) ran on both gateways" "$(count start 2 OMGW02)" 1
same "the new gateway was upgraded" "$(awk '$1 == "end" && $3 == "upgrade" && $4 == "OMGW02"' record | wc -l)" 1

# ==== verify ====
newcase verify om
cat >estate.yaml <<'EOF'
ordo: 1
name: verify-test
target: 2022
components:
  - id: om
    product: operations_manager
    version: "2019 UR4"
    roles: {management_server: [OM01]}
    database: {server: SQL01, sql_version: "2019 CU12", name: OperationsManager}
  - id: dpm
    product: dpm
    version: "2019"
    roles: {server: [DPM01]}
    database: {server: SQL02, sql_version: "2019 CU12", name: DPMDB_DPM01}
EOF
ordo run --runbook runbook.yaml estate.yaml
expect_rc "the run to verify" 0
sed -e 's/"2019 UR4"/"2022"/' -e 's/version: "2019"$/version: "2022"/' estate.yaml >after.yaml
ordo verify --journal "$(J)" after.yaml
expect_rc "verify: an after-estate at the targets" 0
out_has "... says as planned" "as planned (2 of 2 components"
sed -e 's/"2019 UR4"/"2022"/' estate.yaml >short.yaml
ordo verify --journal "$(J)" short.yaml
expect_rc "verify: one component short of its target" 2
out_has "... names it" "DIFF dpm"
ordo verify --journal "$(J)" --format json short.yaml
jq -e '.verdict == "different" and ([.components[] | select(.ok | not) | .component] == ["dpm"])' .out >/dev/null
check "verify --format json: dpm different, om fine" test $? -eq 0
sed -e '/id: dpm/,$d' after.yaml >missing.yaml
ordo verify --journal "$(J)" missing.yaml
expect_rc "verify: a component missing from the after-estate" 2
ordo verify after.yaml
expect_rc "verify finds the journal in the current folder" 0

# ==== dry run ====
newcase dry-run om
ordo run --dry-run --runbook "$D/runbook.yaml" estate.yaml
expect_rc "--dry-run" 0
out_has "it prints the argv of step 1 on OM01" "$D/setup 1 prepare OM01"
out_has "... and of the gateway's upgrade" "setup 13 upgrade OMGW01"
same "it prints one command per execution" "$(grep -c '^    \$ ' .out)" 28
check "it writes no journal" bash -c "! ls estate.yaml.ordo.db* 2>/dev/null"
check "it runs nothing" test ! -e record
cp "$D/runbook.yaml" here.yaml
ordo run --dry-run --runbook here.yaml estate.yaml
expect_rc "--dry-run with a runbook named without its folder" 0
out_has "... runs ./setup from the current folder" "\$ ./setup 1 prepare OM01"

# ==== invalid runbooks ====
newcase placeholder om
cat >runbook.yaml <<'EOF'
ordo: 1
executors:
  - match: {}
    run: ["./setup", "{step}", "{serverr}"]
EOF
ordo run --runbook runbook.yaml estate.yaml
expect_rc "a runbook with an unknown placeholder is an input error" 65
err_matches "... reported as file:line:col" "^runbook\.yaml:4:[0-9]+: .*unknown placeholder '\{serverr\}'"
check "... before anything ran or a journal was created" bash -c "test ! -e record && ! ls estate.yaml.ordo.db* 2>/dev/null"
cat >runbook.yaml <<'EOF'
ordo: 1
executors:
  - match: {}
    run: ["{server}", "{step}"]
EOF
ordo run --runbook runbook.yaml estate.yaml
expect_rc "a runbook whose program is a placeholder is an input error" 65
err_matches "... reported as file:line:col" "^runbook\.yaml:4:[0-9]+: "
cat >runbook.yaml <<'EOF'
ordo: 1
executors:
  - match: {}
    run: ["./setup"]
    timeout: soon
EOF
ordo run --runbook runbook.yaml estate.yaml
expect_rc "an invalid duration is an input error" 65
err_matches "... reported as file:line:col" "^runbook\.yaml:5:[0-9]+: .*duration"

# ==== nothing reaches a shell ====
newcase no-shell om
sed -i 's/management_server: \[OM01, OM02\]/management_server: [OM01, "$(touch PWNED)"]/' estate.yaml
ordo run --runbook runbook.yaml estate.yaml
expect_rc "an estate with a server named \$(touch PWNED) is refused" 65
err_matches "... as file:line:col naming the server" '^estate\.yaml:[0-9]+:[0-9]+: .*\$\(touch PWNED\)'
check "... nothing ran, nothing was created" bash -c "test ! -e record && test ! -e PWNED && ! ls estate.yaml.ordo.db* 2>/dev/null"
sed -i 's/"$(touch PWNED)"/OM02/; s/id: om/id: "om;id"/' estate.yaml
ordo run --runbook runbook.yaml estate.yaml
expect_rc "an estate with a component id 'om;id' is refused" 65
# An estate path and arguments full of shell syntax arrive as literal argv elements.
odd="odd dir \$(touch PWNED) ; \`id\`"
mkdir -p "$D/$odd"
estate_om
mv estate.yaml "$odd/e;\$(touch PWNED2).yaml"
cat >runbook.yaml <<'EOF'
ordo: 1
executors:
  - match: {}
    run: ["./setup", "{step}", "{action}", "{server}", "{estate}", "a b; touch PWNED3", "$(touch PWNED4)"]
EOF
ordo run --runbook "$D/runbook.yaml" "$D/$odd/e;\$(touch PWNED2).yaml"
expect_rc "a run with an estate path and arguments full of shell syntax" 0
same "{estate} arrives as one literal argument" "$(sed -n 1p args-1-OM01)" "$D/$odd/e;\$(touch PWNED2).yaml"
same "other arguments arrive literally" "$(sed -n 2,3p args-1-OM01 | paste -sd'|')" 'a b; touch PWNED3|$(touch PWNED4)'
check "no command inside them ran" bash -c "! find '$TMP' -name 'PWNED*' | grep -q ."

# ==== redaction and the output cap ====
newcase redaction om
cat >runbook.yaml <<'EOF'
ordo: 1
redact: ["TICKET-[0-9]+"]
executors:
  - match: {}
    run: ["./setup", "{step}", "{action}", "{server}"]
EOF
echo 1 >ctl/fail-1-OM01
SETUP_SAY='connecting with password=Secr3tValue user=admin; Set-Thing -Password Hunter2Pass; token: tk_9f8e7d; ref TICKET-4711' \
	ordo run --runbook runbook.yaml estate.yaml
expect_rc "a failing step whose output holds secrets" 3
jqs "status shows the output with password=... redacted" \
	'.steps[0].outputs[0].output | contains("[redacted]") and contains("user=admin") and (contains("Secr3tValue") | not)'
jqs "-Password <value> and token: <value> redacted too" \
	'.steps[0].outputs[0].output | (contains("Hunter2Pass") or contains("tk_9f8e7d")) | not'
jqs "the runbook's own pattern is applied" '.steps[0].outputs[0].output | contains("TICKET-4711") | not'
check "no secret anywhere in the journal's files" \
	bash -c "! cat estate.yaml.ordo.db* | grep -aqE 'Secr3tValue|Hunter2Pass|tk_9f8e7d|TICKET-4711'"
rm ctl/fail-1-OM01
echo 1 >ctl/fail-2
echo 300000 >ctl/noise-2
ordo run --retry 1 --runbook runbook.yaml estate.yaml
expect_rc "a failing step printing 300 kB" 3
jqs "its output is capped (64 KiB) and says how much was left out" \
	'.steps[1].outputs[0].output | (length < 70000) and test("\\[\\.\\.\\. [0-9]+ bytes of output not kept \\.\\.\\.\\]")'
jqs "... keeping the beginning and the end" \
	'.steps[1].outputs[0].output | startswith("setup: step 2") and contains("setup: giving up with exit code 1")'

# ==== the journal's file is checked before it is used ====
newcase newer-schema om
ordo run --runbook runbook.yaml estate.yaml
expect_rc "a run to make a journal" 0
sqlite3 "$(J)" 'PRAGMA user_version=99'
sum=$(sha256sum <"$(J)")
ordo run --runbook runbook.yaml estate.yaml
expect_rc "ordo run on a journal of a newer schema" 65
err_has "... says it was written by a newer ordo" "newer ordo"
ordo status
expect_rc "ordo status on it" 65
ordo ack 1 --by alice
expect_rc "ordo ack on it" 65
ordo run --retry 1 --runbook runbook.yaml estate.yaml
expect_rc "ordo run --retry on it" 65
same "the journal is unchanged (sha256)" "$(sha256sum <"$(J)")" "$sum"
same "its schema is still 99" "$(sqlite3 "$(J)" 'PRAGMA user_version')" 99

rm -f newer.db
sqlite3 newer.db 'PRAGMA user_version=99' # as another program would leave it (rollback journal mode)
sum=$(sha256sum <newer.db)
ordo run --journal newer.db --runbook runbook.yaml estate.yaml
expect_rc "ordo run on a fresh file of schema 99" 65
ordo status --journal newer.db
expect_rc "ordo status on it" 65
same "that file is unchanged too (sha256)" "$(sha256sum <newer.db)" "$sum"

rm -f other.db
sqlite3 other.db 'CREATE TABLE inventory (host TEXT); INSERT INTO inventory VALUES ("OM01");'
sum=$(sha256sum <other.db)
ordo run --journal other.db --runbook runbook.yaml estate.yaml
expect_rc "ordo run on some other program's SQLite database" 65
err_has "... refusing it" "not an ordo journal"
ordo status --journal other.db
expect_rc "ordo status on it" 65
same "that database is unchanged (sha256)" "$(sha256sum <other.db)" "$sum"

newcase garbage om
printf 'these are the notes of an operator, not a journal\n' >estate.yaml.ordo.db
head -c 4096 /dev/urandom >>estate.yaml.ordo.db
sum=$(sha256sum <estate.yaml.ordo.db)
ordo run --runbook runbook.yaml estate.yaml
expect_rc "ordo run when the journal's path holds something else" 65
err_has "... refusing it" "is not an ordo journal"
ordo status
expect_rc "ordo status on it" 65
ordo ack 1 --by alice
expect_rc "ordo ack on it" 65
same "the file is untouched (sha256)" "$(sha256sum <estate.yaml.ordo.db)" "$sum"
check "no SQLite side files appeared, nothing ran" bash -c "test ! -e estate.yaml.ordo.db-wal && test ! -e record"

# ==== the runner dies, or is stopped ====
crash_case() {
	newcase "$1" om
	if [ "$2" = idempotent ]; then
		cat >runbook.yaml <<'EOF'
ordo: 1
defaults: {idempotent: true}
executors:
  - match: {}
    run: ["./setup", "{step}", "{action}", "{server}"]
EOF
	fi
	echo 1.5 >ctl/sleep-1-OM01
	"$ORDO" run --runbook runbook.yaml estate.yaml >first.out 2>first.err &
	first=$!
	BG+=("$first")
	if wait_record '$1 == "start" && $2 == 1' 10; then
		kill -9 "$first"
		wait "$first" 2>/dev/null
		wait_record '$1 == "end" && $2 == 1' 10 # the orphaned program goes on to its end
	else
		fail "the run never started step 1"
	fi
}
crash_case crash om
jqs "after kill -9 mid-step the journal still says step 1 is running" '.steps[0].state == "running"'
ordo run --runbook runbook.yaml estate.yaml
expect_rc "the next run stops: step 1 was interrupted and is not idempotent" 3
out_has "it names the step" "step 1 was interrupted"
out_has "... says how to go on" "ordo ack 1 --by"
jqs "status: step 1 interrupted, nothing else ran" '.steps[0].state == "interrupted" and .counts.pending == 15'
same "step 1 did not run again by itself" "$(count start 1)" 1
ordo run --retry 1 --runbook runbook.yaml estate.yaml
expect_rc "--retry 1 runs it again and finishes" 0
jqs "status: done, step 1 in 2 attempts" '.state == "done" and .steps[0].attempts == 2'

crash_case crash-idempotent idempotent
ordo run --runbook runbook.yaml estate.yaml
expect_rc "with an idempotent executor the next run repeats step 1 and finishes" 0
same "step 1 ran again on OM01" "$(count start 1 OM01)" 2
jqs "status: done" '.state == "done" and .counts.done == 16'

# The runner is killed while step 1's program runs, and the next run starts
# before that program has ended: it must not start step 1 again beside it.
newcase crash-still-running om
cat >runbook.yaml <<'EOF'
ordo: 1
defaults: {idempotent: true}
executors:
  - match: {}
    run: ["./setup", "{step}", "{action}", "{server}"]
EOF
echo 3 >ctl/sleep-1-OM01
"$ORDO" run --runbook runbook.yaml estate.yaml >first.out 2>first.err &
first=$!
BG+=("$first")
if wait_record '$1 == "start" && $2 == 1' 10; then
	kill -9 "$first"
	wait "$first" 2>/dev/null
	ordo run --runbook runbook.yaml estate.yaml
	expect_rc "the next run, while step 1's program still runs, stops" 3
	out_has "it says the program is still running" "step 1 was interrupted, and a program it started is still running"
	same "step 1 was not started again beside it" "$(count start 1)" 1
	ordo run --retry 1 --runbook runbook.yaml estate.yaml
	expect_rc "--retry 1 while it still runs stops too" 3
	out_has "... and says why" "a program the interrupted run started for it is still running"
	same "... without starting it" "$(count start 1)" 1
	wait_record '$1 == "end" && $2 == 1' 10
	ordo run --runbook runbook.yaml estate.yaml
	expect_rc "once it has ended, the next run repeats step 1 (idempotent) and finishes" 0
	same "step 1 ran a second time, after the first had ended" "$(count start 1 OM01)" 2
else
	fail "the run never started step 1"
fi

# A runner killed at any moment, even while it creates its journal, leaves a
# journal the next run goes on from: kill the first run after 0, 1, 2, ... ms.
newcase killed-at-start om
cat >estate.yaml <<'EOF'
ordo: 1
name: run-test-tiny
target: 2022
components:
  - id: sma
    product: sma
    version: "2019"
    roles: {runbook_worker: [SMA03]}
EOF
cat >runbook.yaml <<'EOF'
ordo: 1
defaults: {idempotent: true}
executors:
  - match: {}
    run: ["./setup", "{step}", "{action}", "{server}"]
EOF
stuck=""
for ms in $(seq 0 24); do
	rm -f estate.yaml.ordo.db*
	"$ORDO" run -q --runbook runbook.yaml estate.yaml >/dev/null 2>&1 &
	first=$!
	sleep "$(printf '0.%03d' "$ms")"
	kill -9 "$first" 2>/dev/null
	wait "$first" 2>/dev/null
	size=$(stat -c %s estate.yaml.ordo.db 2>/dev/null || echo none)
	ordo run --runbook runbook.yaml estate.yaml
	[ "$RC" -eq 0 ] || stuck="$stuck ${ms}ms(journal ${size} bytes: exit $RC)"
done
if [ -z "$stuck" ]; then
	pass "a run killed 0..24 ms after its start is always resumed to the end"
else
	fail "a run killed early cannot be resumed after:$stuck"
	show
fi

# ==== the status page of a finished run whose plan removes a blocker ====
newcase finished-planned rollup
same "the plan's verdict is planned" "$(jq -r .verdict plan.json)" planned
ordo run --runbook runbook.yaml estate.yaml
expect_rc "ordo run carries out the plan that removes the blocker" 0
jqs "status: state done" '.state == "done"'
ordo status --format html
expect_rc "ordo status --format html of the finished run" 0
out_has "the page's verdict is the plan's, worded as for exit 1" \
	"<div class=\"word\">Verdict: READY ONCE THE PLAN'S STEPS ARE DONE</div>"
out_has "the headline counts the blocker as resolved, not as a blocker, and says its step is done" \
	"<p>0 blockers, 0 warnings, 1 info; 1 resolved by plan steps. No blocker is open: the steps of the plan that remove them are done.</p>"
out_has "the finding says its step is done" '">1</a> (done)</span>'
if grep -qF -e 'open: blocks the upgrade' -e 'What must change first' -e '1 blocker,' "$D/.out"; then
	fail "the page of the finished run shows the resolved blocker as open"
	show
else
	pass "the page of the finished run does not show the resolved blocker as open"
fi

newcase sigterm om
touch ctl/hang-2
"$ORDO" run --runbook runbook.yaml estate.yaml >.out 2>.err &
first=$!
BG+=("$first")
if wait_record '$1 == "start" && $2 == 2' 10; then
	sleep 0.3
	kill -TERM "$first"
	t0=$(now)
	wait "$first"
	RC=$?
	took=$(elapsed "$t0")
	expect_rc "SIGTERM stops the run" 3
	check "... promptly (took ${took}s)" lt "$took" 7
	out_has "... saying the step was interrupted" "step 2 was interrupted"
	check "the step's program and its child were stopped" \
		all_gone hang.pids
	jqs "status: step 2 interrupted" '.steps[1].state == "interrupted"'
	jqs "the output's note gives the time the program ran, not the 2h timeout" \
		'.steps[1].outputs[0].output | test("after 7200 s") | not'
else
	fail "the run never started step 2"
fi

echo
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
