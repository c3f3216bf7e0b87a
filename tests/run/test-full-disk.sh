#!/usr/bin/env bash
# A full disk during `ordo run`: the journal lives on a tiny tmpfs that fills
# up while steps record their output. The run must stop with a clear error
# (no crash, no hang), every transition recorded before the disk filled must
# still be there, and once there is room again the run goes on to the end
# without running any step twice.
# Needs root (it mounts a tmpfs); elsewhere it says so and counts a skip.
# Usage: tests/run/test-full-disk.sh <ordo>
set -u
ordo=$(realpath "$1")
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok    $*"; }
bad() { fail=$((fail + 1)); echo "FAIL  $*"; }

tmp=$(mktemp -d)
mnt="$tmp/disk"
mkdir -p "$mnt"
cleanup() { umount "$mnt" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
if ! mount -t tmpfs -o size=400k tmpfs "$mnt" 2>/dev/null; then
	echo "cannot mount a tmpfs here (not root?): full-disk test skipped"
	echo "full-disk: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
export ORDO_NOW=2026-11-22T12:00:00Z NO_COLOR=1

cat >"$tmp/estate.yaml" <<'EOF'
ordo: 1
name: full-disk
target: "2016"
components:
  - id: om
    product: operations_manager
    version: "2012 R2 UR12"
    roles:
      management_server: [OM01, OM02]
      agent: {count: 4000}
EOF
mkdir -p "$tmp/bin"
# every execution records itself, then writes 8 KiB of output for the journal
cat >"$tmp/bin/step" <<EOF
#!/bin/sh
echo "\$1 \$2" >>"$tmp/ran.log"
head -c 6000 /dev/zero | tr '\\0' 'x'
EOF
chmod +x "$tmp/bin/step"
cat >"$tmp/runbook.yaml" <<EOF
ordo: 1
executors:
  - match: {}
    run: ["$tmp/bin/step", "{step}", "{server}"]
EOF

journal="$mnt/journal.db"
"$ordo" run --journal "$journal" --runbook "$tmp/runbook.yaml" "$tmp/estate.yaml" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 74 ]; then
	ok "the run stops when the disk is full (exit 74)"
else
	bad "the run did not stop cleanly on a full disk (exit $rc): $(head -c 300 "$tmp/err")"
fi
if grep -qiE "full|space|disk|journal" "$tmp/err"; then
	ok "it says why: $(grep -m1 -iE 'full|space|disk|journal' "$tmp/err" | head -c 160)"
else
	bad "no message about the journal: $(head -c 300 "$tmp/err")"
fi
done_before=$(grep -c . "$tmp/ran.log" 2>/dev/null || echo 0)

# the journal is still readable and consistent
mount -o remount,size=64m "$mnt"
if "$ordo" status --journal "$journal" --format json >"$tmp/status.json" 2>"$tmp/serr"; then
	ok "the journal is readable after the disk filled"
else
	bad "status fails after the disk filled: $(head -c 300 "$tmp/serr")"
fi
recorded=$(jq '[.steps[] | select(.state == "done")] | length' "$tmp/status.json" 2>/dev/null || echo -1)
if [ "$recorded" -ge 1 ] && [ "$recorded" -le "$done_before" ]; then
	ok "steps recorded done before the disk filled are still done ($recorded of $done_before that ran)"
else
	bad "recorded done steps: $recorded, executions that ran: $done_before"
fi

# with room again, the run goes on to the end
"$ordo" run --journal "$journal" --runbook "$tmp/runbook.yaml" "$tmp/estate.yaml" >"$tmp/out2" 2>"$tmp/err2"
rc=$?
# a step that was running when the disk filled is interrupted and not
# idempotent: it waits for the operator, who checks the script's own record
while [ $rc -eq 3 ] && grep -q "interrupted" "$tmp/out2"; do
	id=$(grep -o "step [0-9]* was interrupted" "$tmp/out2" | head -1 | awk '{print $2}')
	[ -n "$id" ] || break
	if grep -q "^$id " "$tmp/ran.log"; then
		"$ordo" ack "$id" --by tester --note "ran before the disk filled" --journal "$journal" >/dev/null
	else
		"$ordo" run --journal "$journal" --runbook "$tmp/runbook.yaml" --retry "$id" "$tmp/estate.yaml" >/dev/null 2>&1
	fi
	"$ordo" run --journal "$journal" --runbook "$tmp/runbook.yaml" "$tmp/estate.yaml" >"$tmp/out2" 2>"$tmp/err2"
	rc=$?
done
[ $rc -eq 0 ] && ok "with room again the run finishes" || bad "the run did not finish (exit $rc): $(head -c 300 "$tmp/err2")"
# one execution per server of a step (once for a step without servers)
"$ordo" plan --format json "$tmp/estate.yaml" >"$tmp/plan.json" 2>/dev/null
total=$(jq '[.steps[] | (.servers | length) as $n | if $n == 0 then 1 else $n end] | add' "$tmp/plan.json")
runs=$(grep -c . "$tmp/ran.log")
uniq_runs=$(sort -u "$tmp/ran.log" | grep -c .)
[ "$uniq_runs" = "$total" ] && ok "every execution ran ($uniq_runs of $total)" || bad "executions that ran: $uniq_runs of $total"
[ "$runs" = "$uniq_runs" ] && ok "no execution ran twice" || { bad "$((runs - uniq_runs)) executions ran twice"; sort "$tmp/ran.log" | uniq -d | head; cat "$tmp/out2"; }

# a journal on a read-only file system: status reads it, run refuses it,
# and nothing on it changes
ro="$tmp/ro"
mkdir -p "$ro"
if mount -t tmpfs -o size=8m tmpfs "$ro" 2>/dev/null; then
	cp "$journal" "$ro/journal.db"
	mount -o remount,ro "$ro"
	before=$(sha256sum "$ro/journal.db")
	if "$ordo" status --journal "$ro/journal.db" --format json >"$tmp/ro.json" 2>"$tmp/roerr" &&
		[ "$(jq -r .state "$tmp/ro.json")" = done ]; then
		ok "status reads a journal on a read-only file system"
	else
		bad "status on a read-only journal: $(head -c 300 "$tmp/roerr")"
	fi
	"$ordo" run --journal "$ro/journal.db" --runbook "$tmp/runbook.yaml" "$tmp/estate.yaml" >/dev/null 2>"$tmp/roerr"
	rc=$?
	if [ $rc = 65 ] && grep -q "read-only" "$tmp/roerr"; then
		ok "run refuses a read-only journal (exit 65): $(head -c 120 "$tmp/roerr")"
	else
		bad "run on a read-only journal: exit $rc: $(head -c 300 "$tmp/roerr")"
	fi
	[ "$before" = "$(sha256sum "$ro/journal.db")" ] && ok "the read-only journal is unchanged" ||
		bad "the read-only journal changed"
	umount "$ro"
fi

echo "full-disk: $pass passed, $fail failed"
[ "$fail" = 0 ]
