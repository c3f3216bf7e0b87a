#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# Crash test of `ordo run`: the runner is killed with SIGKILL at random
# moments and resumed, and an operator settles the steps it reports as
# interrupted, until the run finishes. Then the stand-in setup programs' own
# records must show that every execution of the plan ran to its end, and that
# no step whose executor is not idempotent ever started twice.
#
#   tests/run/crash-test.sh <path to ordo> [trials]
#
# Environment: CRASH_SEED (repeat a sequence of trials), CRASH_BUDGET
# (seconds; no new trial starts after it, default 110).
set -u
export LC_ALL=C
unset ORDO_JOURNAL ORDO_NOW

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 <path to ordo> [trials]" >&2
	exit 64
fi
ORDO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
TRIALS=${2:-30}
BUDGET=${CRASH_BUDGET:-110}
SEED=${CRASH_SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$SEED
for tool in jq setsid ps; do
	command -v "$tool" >/dev/null || { echo "$0: needs $tool" >&2; exit 69; }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ordo-crash-test.XXXXXX")
RUNNER=
cleanup() {
	[ -n "$RUNNER" ] && kill -9 "$RUNNER" 2>/dev/null
	cd /
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the estate, the runbook and the stand-in setup program ----

# SMA 2019 -> 2022 (one runbook worker, two web services) and SPF 2019 -> 2022:
# 10 steps, 11 executions; upgrade, uninstall and install are not idempotent.
cat >"$TMP/estate.yaml" <<'EOF'
ordo: 1
name: crash-test
target: 2022
servers:
  - {name: SMA01, os: "Windows Server 2022"}
  - {name: SMA02, os: "Windows Server 2022"}
  - {name: SMA03, os: "Windows Server 2022"}
  - {name: SPF01, os: "Windows Server 2022"}
  - {name: SQL01, sql: [{version: "2019 CU12"}]}
components:
  - id: sma
    product: sma
    version: "2019"
    roles: {web_service: [SMA01, SMA02], runbook_worker: [SMA03]}
    database: {server: SQL01, name: SMA}
  - id: spf
    product: spf
    version: "2019"
    roles: {server: [SPF01]}
    database: {server: SQL01, name: SCSPFDB}
EOF
cat >"$TMP/runbook.yaml" <<'EOF'
ordo: 1
defaults: {idempotent: false}
executors:
  - match: {}
    run: ["./setup", "{step}", "{action}", "{server}"]
  - match: {action: prepare}
    run: ["./setup", "{step}", "{action}", "{server}"]
    idempotent: true
  - match: {action: verify}
    run: ["./setup", "{step}", "{action}", "{server}"]
    idempotent: true
  - match: {action: configure}
    run: ["./setup", "{step}", "{action}", "{server}"]
    idempotent: true
  - match: {action: backup}
    run: ["./setup", "{step}", "{action}", "{server}"]
    idempotent: true
EOF
# Records "start <step> <server>" and "end <step> <server>" with a short
# random sleep between. It writes nothing to stdout after the runner may have
# died (no SIGPIPE), so a program outlives a killed runner and ends on its
# own, as a real setup program would.
cat >"$TMP/setup" <<'EOF'
#!/usr/bin/env bash
here=$(cd "$(dirname "$0")" && pwd)
step=$1 server=${3:--}
trap '' PIPE
echo "setup: step $step on $server"
printf 'start %s %s\n' "$step" "$server" >>"$here/log"
printf -v pause '0.%03d' $((RANDOM % 150))
sleep "$pause"
printf 'end %s %s\n' "$step" "$server" >>"$here/log"
EOF
chmod +x "$TMP/setup"

cd "$TMP" || exit 70
"$ORDO" plan --format json estate.yaml >plan.json || { echo "$0: ordo plan failed" >&2; exit 70; }
# "<step> <server>" for every execution of the plan
jq -r '.steps[] | "\(.id) \(if (.servers | length) > 0 then .servers[] else "-" end)"' plan.json >executions
# the steps whose executor is not idempotent
NONIDEM=$(jq -r '.steps[] | select(.action as $a | ["prepare","verify","configure","backup"] | index($a) | not) | .id' plan.json | paste -sd' ')
NSTEPS=$(jq '.steps | length' plan.json)
echo "plan: $NSTEPS steps, $(wc -l <executions) executions; not idempotent: steps $NONIDEM; seed $SEED"

PASS=0
FAIL=0
KILLS=0
ACKS=0
RETRIES=0
BYHAND=0

# Wait until no program started by this trial's runs is alive (at most
# 10 s). Every run is started in a session of its own, which the programs it
# starts stay in (they get process groups of their own, not sessions).
wait_programs() {
	local i sid busy
	for ((i = 0; i < 200; i++)); do
		busy=0
		for sid in "${SIDS[@]}"; do
			ps -o stat= -s "$sid" 2>/dev/null | grep -qv '^Z' && busy=1
		done
		[ $busy -eq 0 ] && return 0
		sleep 0.05
	done
	return 1
}

# The operator settles an interrupted step from the setup programs' log:
# every server's program ended -> ack; none started -> --retry; some ended
# and the others never started -> finish those by hand, then ack.
settle() {
	local step=$1 srv ended=() missing=()
	while read -r s srv; do
		[ "$s" = "$step" ] || continue
		if grep -qx "end $step $srv" log; then ended+=("$srv"); else missing+=("$srv"); fi
	done <"$TMP/executions"
	if [ ${#missing[@]} -eq 0 ]; then
		"$ORDO" ack "$step" --by operator --note "the setup log shows it ended" >>operator.log 2>&1 ||
			{ echo "ack $step failed" >>problems; return 1; }
		ACKS=$((ACKS + 1))
	elif [ ${#ended[@]} -eq 0 ]; then
		RETRY_ARGS+=(--retry "$step")
		RETRIES=$((RETRIES + 1))
	else
		local action
		action=$(jq -r ".steps[] | select(.id == $step) | .action" "$TMP/plan.json")
		for srv in "${missing[@]}"; do
			./setup "$step" "$action" "$srv" >>operator.log 2>&1
		done
		"$ORDO" ack "$step" --by operator --note "finished ${missing[*]} by hand" >>operator.log 2>&1 ||
			{ echo "ack $step failed" >>problems; return 1; }
		BYHAND=$((BYHAND + 1))
	fi
	echo "step $step: ended on ${ended[*]:-none}, missing ${missing[*]:-none}" >>operator.log
}

trial() {
	W=$TMP/trial-$1
	mkdir -p "$W"
	SIDS=()
	cp "$TMP/estate.yaml" "$TMP/runbook.yaml" "$TMP/setup" "$W/"
	cd "$W" || return 1
	: >log
	local runs=0 kills=0 rc delay par
	RETRY_ARGS=()
	while :; do
		runs=$((runs + 1))
		if [ $runs -gt 30 ]; then
			echo "no end after 30 runs" >>problems
			break
		fi
		par=$((RANDOM % 2 + 1))
		# a background job of a non-interactive shell is no process group
		# leader, so setsid makes the session without forking: $! is ordo
		setsid "$ORDO" run -q --max-parallel "$par" "${RETRY_ARGS[@]}" --runbook runbook.yaml estate.yaml \
			>>runs.out 2>>runs.err &
		RUNNER=$!
		SIDS+=("$RUNNER")
		RETRY_ARGS=()
		# kill most of the first few runs at a random moment within about a
		# run's length (0 to 1.2 s); a third of them in the first 40 ms, where
		# a run opens (or creates) its journal and recovers it
		if [ $kills -lt 4 ] && [ $((RANDOM % 10)) -lt 7 ]; then
			if [ $((RANDOM % 3)) -eq 0 ]; then delay=$((RANDOM % 40)); else delay=$((RANDOM % 1200)); fi
			delay=$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))
			sleep "$delay"
			if kill -9 "$RUNNER" 2>/dev/null; then
				kills=$((kills + 1))
				KILLS=$((KILLS + 1))
			fi
		fi
		{ wait "$RUNNER"; } 2>/dev/null # no "Killed" notice from the shell
		rc=$?
		RUNNER=
		echo "run $runs (--max-parallel $par): exit $rc" >>runs.out
		case $rc in
		0) break ;;
		137) continue ;; # killed: resume
		3)
			# what did it stop at?
			local js ids s
			wait_programs || echo "setup programs still running 10 s after the run stopped" >>problems
			js=$("$ORDO" status --journal estate.yaml.ordo.db --format json)
			if jq -e '.counts.failed + .counts.waiting > 0' >/dev/null <<<"$js"; then
				echo "unexpected failed or waiting steps: $(jq -c .counts <<<"$js")" >>problems
				break
			fi
			ids=$(jq -r '.steps[] | select(.state == "interrupted") | .id' <<<"$js")
			if [ -z "$ids" ]; then
				echo "exit 3 with nothing interrupted: $(jq -c .counts <<<"$js")" >>problems
				break
			fi
			for s in $ids; do
				case " $NONIDEM " in
				*" $s "*) settle "$s" ;;
				*)
					# only while a program the killed run started for it
					# still ran; the next run goes on with it
					tail -n 30 runs.out | grep -qF "step $s was interrupted, and a program it started is still running" ||
						echo "idempotent step $s left interrupted" >>problems
					;;
				esac
			done
			;;
		*)
			echo "ordo run exited $rc" >>problems
			break
			;;
		esac
	done
	wait_programs
	# the verdict, from the setup programs' own records
	local srv n
	while read -r s srv; do
		grep -qx "end $s $srv" log || echo "step $s on $srv never ran to its end" >>problems
		case " $NONIDEM " in
		*" $s "*)
			n=$(grep -cx "start $s $srv" log)
			[ "$n" -le 1 ] || echo "step $s (not idempotent) started $n times on $srv" >>problems
			;;
		esac
	done <"$TMP/executions"
	# no execution ever started while the same one was still running
	awk '{ k = $2 " " $3 } $1 == "start" { if (open[k]++) print "step " $2 " on " $3 " started again while it still ran" }
		$1 == "end" { open[k]-- }' log >>problems
	"$ORDO" status --journal estate.yaml.ordo.db --format json >status.json 2>&1
	jq -e ".state == \"done\" and .counts.done == $NSTEPS" status.json >/dev/null ||
		echo "status is not done: $(jq -c '{state, counts}' status.json 2>/dev/null || head -c 300 status.json)" >>problems
	if [ -s problems ]; then
		FAIL=$((FAIL + 1))
		echo "FAIL  trial $1 ($runs runs, $kills killed)"
		sed 's/^/        /' problems
		echo "        setup log:"
		sed 's/^/        | /' log
		echo "        operator:"
		sed 's/^/        | /' operator.log 2>/dev/null
		sed 's/^/        | /' runs.out
	else
		PASS=$((PASS + 1))
		echo "ok    trial $1 ($runs runs, $kills killed)"
	fi
	cd "$TMP" || exit 70
}

start=$SECONDS
done_trials=0
for ((t = 1; t <= TRIALS; t++)); do
	if [ $((SECONDS - start)) -ge "$BUDGET" ]; then
		echo "time budget of ${BUDGET}s used up after $done_trials trials"
		break
	fi
	trial "$t"
	done_trials=$t
done
echo "$done_trials trials in $((SECONDS - start))s: $KILLS runs killed; operator acks $ACKS, retries $RETRIES, finished $BYHAND by hand"
if [ "$done_trials" -lt $((TRIALS < 5 ? TRIALS : 5)) ]; then
	FAIL=$((FAIL + 1))
	echo "FAIL  only $done_trials trials within the time budget"
fi
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
