#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# `ordo export ansible`: the playbook passes ansible-playbook --syntax-check,
# slices anonymous members per batch step, and runs against this machine
# (every server an inventory host with a local connection) with executors
# that record what ran, in the plan's order.
#
#   tests/ansible/test-ansible.sh <path to ordo>
#
# Needs ansible-playbook (Debian's ansible), jq and python3.
set -u
# Ansible needs a UTF-8 locale
export LC_ALL=C.UTF-8 ORDO_NOW=2026-11-22T12:00:00Z NO_COLOR=1
unset ORDO_JOURNAL

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 <path to ordo>" >&2
	exit 64
fi
ORDO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
for tool in ansible-playbook jq python3; do
	command -v "$tool" >/dev/null || { echo "$0: needs $tool" >&2; exit 69; }
done

T=$(mktemp -d "${TMPDIR:-/tmp}/ordo-ansible-tests.XXXXXX")
trap 'rm -rf "$T"' EXIT
export ANSIBLE_LOCAL_TEMP=$T/.ansible-local ANSIBLE_REMOTE_TEMP=$T/.ansible-remote \
	ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_HOST_KEY_CHECKING=0 \
	ANSIBLE_PYTHON_INTERPRETER=$(command -v python3) ANSIBLE_CONFIG=$T/ansible.cfg \
	ANSIBLE_FORKS=8

: >"$T/ansible.cfg" # none of the machine's settings

PASS=0
FAIL=0
pass() { PASS=$((PASS + 1)); printf 'ok    %s\n' "$*"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL  %s\n' "$*"; }
show() { sed -e 's/^/        | /' "$1" | tail -n "${2:-30}"; }

# An estate whose servers are names of this machine's inventory: Orchestrator
# with integration packs, Service Manager, Operations Manager with anonymous
# agents and VMM with anonymous host agents.
cat >"$T/estate.yaml" <<'YAML'
ordo: 1
name: 'lab "local" {{ lookup("pipe", "touch /tmp/ordo-jinja-ran") }}'
target: "2012 R2"
servers:
  - {name: orch-a, os: "Windows Server 2012"}
  - {name: orch-b, os: "Windows Server 2012"}
  - {name: sm-a, os: "Windows Server 2012"}
  - {name: om-a, os: "Windows Server 2012"}
  - {name: vmm-a, os: "Windows Server 2012", pending_restart: false, domain_joined: true}
components:
  - id: orch
    product: orchestrator
    version: "2012 SP1"
    roles:
      management_server: [orch-a]
      runbook_server: [orch-a, orch-b]
      runbook_designer: [admin-a]
    integration_packs:
      - {for: sm, version: "2012 SP1"}
      - {for: om, version: "2012 SP1"}
    integrations: [sm, om]
  - id: sm
    product: service_manager
    version: "2012 SP1"
    roles:
      management_server: [sm-a]
      console: [admin-a]
    database: {server: sql-a, sql_version: "2012 SP1", name: ServiceManager}
  - id: om
    product: operations_manager
    version: "2012 SP1"
    roles:
      management_server: [om-a]
      operations_console: [admin-a]
      agent: {count: 3}
    database: {server: sql-a, sql_version: "2012 SP1", name: OperationsManager, free_space_percent: 62}
  - id: vmm
    product: vmm
    version: "2012 SP1"
    roles:
      management_server: [vmm-a]
      console: [admin-a]
      host_agent: {count: 2}
    database: {server: sql-a, sql_version: "2012 SP1", name: VirtualManagerDB}
    integrations: [om]
    facts: {service_account: 'LAB\svc-vmm', key_management: dpapi}
YAML

# Executors that record "step host action args..." as one line each. verify
# steps have no executor: a person does them.
mkdir -p "$T/ops"
cat >"$T/ops/record" <<'SH'
#!/bin/sh
# record <log> <step> <host> <action> [args...]
log=$1
shift
printf '%s\n' "$*" >>"$log"
SH
chmod +x "$T/ops/record"
cat >"$T/runbook.yaml" <<YAML
ordo: 1
defaults: {timeout: 5m}
executors:
YAML
for a in prepare backup uninstall upgrade configure unregister-ip register-ip apply-update-rollup; do
	printf '  - match: {action: %s}\n    run: ["ops/record", "%s", "{step}", "{server}", "{action}"]\n' \
		"$a" "$T/ran.log" >>"$T/runbook.yaml"
done
# one executor with literal braces, which Ansible must pass through untouched
cat >>"$T/runbook.yaml" <<YAML
  - match: {action: backup, component: orch}
    run: ["ops/record", "$T/ran.log", "{step}", "{server}", "{action}", "{{ 7 * 7 }}", "at-{server}-{{x}}", "it's \"q\""]
YAML

"$ORDO" plan --format json "$T/estate.yaml" >"$T/plan.json"
rc=$?
if [ "$rc" -le 1 ] && jq -e '.steps | length > 20' "$T/plan.json" >/dev/null; then
	pass "the test estate has a plan (exit $rc)"
else
	fail "the test estate has no plan (exit $rc)"
fi

# ---- export and syntax ----
"$ORDO" export ansible --runbook "$T/runbook.yaml" --inventory "$T/inventory.yml" \
	-o "$T/playbook.yml" "$T/estate.yaml" 2>"$T/export.err"
rc=$?
if [ "$rc" -le 1 ] && [ -s "$T/playbook.yml" ] && [ -s "$T/inventory.yml" ]; then
	pass "export writes the playbook and the inventory (exit $rc)"
else
	fail "export: exit $rc"
	show "$T/export.err"
fi
if ansible-playbook --syntax-check -i "$T/inventory.yml" "$T/playbook.yml" >"$T/syntax.out" 2>&1; then
	pass "ansible-playbook --syntax-check accepts the playbook"
else
	fail "ansible-playbook --syntax-check"
	show "$T/syntax.out"
fi
if ansible-inventory -i "$T/inventory.yml" --list >"$T/inv.json" 2>"$T/inv.err" &&
	jq -e '(._meta | type == "object") and (.ungrouped.hosts | index("orch-a")) and (.ungrouped.hosts | index("vmm-a"))' \
		"$T/inv.json" >/dev/null && grep -q 'ordo_om_agent:' "$T/inventory.yml"; then
	pass "the exported inventory lists the servers and the groups to fill"
else
	fail "the exported inventory"
	show "$T/inv.err"
fi
# every step is one play, tagged and named after the step, in the plan's order
want=$(jq -r '.steps[] | "step \(.id): \(.title)"' "$T/plan.json")
got=$(ansible-playbook --list-tasks -i "$T/inventory.yml" "$T/playbook.yml" 2>/dev/null |
	sed -n 's/^ *\(step [0-9]*: .*\)\tTAGS: .*/\1/p' | grep -v ' (acknowledged)$' | sed 's/[[:space:]]*$//')
if [ -n "$want" ] && [ "$want" = "$got" ]; then
	pass "one task per step, named 'step N: title', in the plan's order"
else
	fail "tasks differ from the plan's steps"
	diff <(echo "$want") <(echo "$got") | head -20
fi
if grep -q 'argv:' "$T/playbook.yml" && ! grep -q 'ansible.builtin.shell' "$T/playbook.yml" &&
	! grep -Eq '^ +cmd:' "$T/playbook.yml"; then
	pass "commands are argv lists, never shell strings"
else
	fail "a command is not an argv list"
fi
if grep -q '!unsafe "{ 7 \* 7 }"' "$T/playbook.yml" && ! grep -v '^#' "$T/playbook.yml" | grep -q 'lookup'; then
	pass "text with braces is written !unsafe; the estate name only in comments"
else
	fail "text with braces is not protected"
	grep -n '7 \* 7\|lookup' "$T/playbook.yml" | head
fi

# ---- batches of anonymous members are slices of their group ----
sed -e 's/count: 3}/count: 450}/' "$T/estate.yaml" >"$T/big.yaml"
"$ORDO" export ansible -o "$T/big.yml" "$T/big.yaml" 2>/dev/null
"$ORDO" plan --format json "$T/big.yaml" >"$T/big.json" 2>/dev/null
{
	echo "[all]"
	for h in orch-a orch-b sm-a om-a vmm-a admin-a; do echo "$h"; done
	echo "[ordo_om_agent]"
	for i in $(seq 1 450); do echo "agent$i"; done
	echo "[ordo_vmm_host_agent]"
	echo "hostagent1"
	echo "hostagent2"
} >"$T/big.ini"
ansible-playbook --list-hosts -i "$T/big.ini" "$T/big.yml" >"$T/big.hosts" 2>"$T/big.err"
python3 - "$T/big.json" "$T/big.hosts" >"$T/big.check" <<'PY'
import json, re, sys
plan = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
# "play #N (hosts): NAME\tTAGS: []\n    pattern: [...]\n    hosts (k):\n      h\n..."
plays = re.findall(r"play #\d+ \(.*?\): (.*?)\tTAGS.*?\n\s+pattern: .*?\n\s+hosts \((\d+)\):\n((?:\s{6}\S.*\n?)*)", text)
hosts = {}
for name, n, block in plays:
    m = re.match(r"wave \d+, step (\d+):", name)
    if m:
        hosts[int(m.group(1))] = sorted(block.split())
errors = []
seen = {}
for s in plan["steps"]:
    if s["component"] != "om" or s["role"] != "agent":
        continue
    got = hosts.get(s["id"], [])
    if len(got) != s["members"]:
        errors.append("step %d covers %d hosts, not %d" % (s["id"], len(got), s["members"]))
    for h in got:
        seen.setdefault(s["action"], []).append(h)
up = seen.get("upgrade", [])
if sorted(up) != sorted("agent%d" % i for i in range(1, 451)):
    errors.append("the upgrade batches do not cover each agent exactly once (%d hosts)" % len(up))
batches = [s for s in plan["steps"] if s["role"] == "agent" and s["action"] == "upgrade"]
if len(batches) < 3:
    errors.append("expected 3 upgrade batches, found %d" % len(batches))
print("\n".join(errors) or "ok")
PY
if [ "$(cat "$T/big.check")" = ok ]; then
	pass "batch steps of 450 agents are slices of ordo_om_agent covering each agent once"
else
	fail "batch slices"
	show "$T/big.check"
	show "$T/big.err" 5
fi
if grep -q 'serial: 200' "$T/big.yml"; then
	pass "serial follows the role's batch"
else
	fail "no 'serial: 200' for the agent batches"
fi
if grep -q 'max_fail_percentage: 0$' "$T/playbook.yml" &&
	"$ORDO" export ansible --max-fail-percent 25 "$T/estate.yaml" 2>/dev/null | grep -q 'max_fail_percentage: 25$'; then
	pass "max_fail_percentage is 0, or what --max-fail-percent says"
else
	fail "max_fail_percentage"
fi

# ---- run it against this machine ----
{
	echo "[all:vars]"
	echo "ansible_connection=local"
	echo "[all]"
	for h in orch-a orch-b sm-a om-a vmm-a admin-a; do echo "$h"; done
	echo "[ordo_om_agent]"
	echo "agent1"
	echo "agent2"
	echo "agent3"
	echo "[ordo_vmm_host_agent]"
	echo "hostagent1"
	echo "hostagent2"
} >"$T/local.ini"

# without a person at a terminal, the first manual step stops the playbook
rm -f "$T/ran.log" /tmp/ordo-jinja-ran
ansible-playbook -i "$T/local.ini" "$T/playbook.yml" </dev/null >"$T/stop.out" 2>&1
rc=$?
first_manual=$(jq -r '[.steps[] | select(.action == "verify")][0].id' "$T/plan.json")
last_ran=$(awk '{print $1}' "$T/ran.log" 2>/dev/null | sort -n | tail -1)
if [ "$rc" -ne 0 ] && grep -q "step $first_manual was not acknowledged" "$T/stop.out" &&
	[ -n "$last_ran" ] && [ "$last_ran" -lt "$first_manual" ]; then
	pass "unattended, the playbook stops at the first manual step ($first_manual)"
else
	fail "unattended run did not stop at manual step $first_manual (exit $rc, last ran ${last_ran:-none})"
	show "$T/stop.out"
fi

rm -f "$T/ran.log"
ansible-playbook -i "$T/local.ini" -e ordo_skip_manual=true "$T/playbook.yml" </dev/null >"$T/run.out" 2>&1
rc=$?
if [ "$rc" -eq 0 ]; then
	pass "the playbook runs to the end with manual steps passed over"
else
	fail "ansible-playbook exit $rc"
	show "$T/run.out"
fi
python3 - "$T/plan.json" "$T/ran.log" >"$T/order.check" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
try:
    lines = [l.split(" ") for l in open(sys.argv[2]).read().splitlines()]
except FileNotFoundError:
    lines = []
groups = {("om", "agent"): ["agent1", "agent2", "agent3"], ("vmm", "host_agent"): ["hostagent1", "hostagent2"]}
errors = []
ran = [int(l[0]) for l in lines]
if ran != sorted(ran):
    errors.append("steps ran out of order: %s" % ran)
waves = {s["id"]: s["wave"] for s in plan["steps"]}
if [waves.get(i, 0) for i in ran] != sorted(waves.get(i, 0) for i in ran):
    errors.append("waves ran out of order")
for s in plan["steps"]:
    hosts = sorted(l[1] for l in lines if int(l[0]) == s["id"])
    if s["action"] == "verify":
        if hosts:
            errors.append("manual step %d ran: %s" % (s["id"], hosts))
        continue
    want = sorted(s["servers"] + (groups.get((s["component"], s["role"]), []) if s.get("members") else []))
    if hosts != want:
        errors.append("step %d ran on %s, expected %s" % (s["id"], hosts, want))
    for l in lines:
        if int(l[0]) == s["id"] and l[2] != s["action"]:
            errors.append("step %d recorded action %s" % (s["id"], l[2]))
print("\n".join(errors) or "ok")
PY
if [ "$(cat "$T/order.check")" = ok ]; then
	pass "every automated step ran once per host, in plan (wave) order, and no manual step ran"
else
	fail "recorded steps"
	show "$T/order.check"
fi
if grep -q ' backup { 7 \* 7 } at-orch-a-{x} it'"'"'s "q"$' "$T/ran.log"; then
	pass "literal braces and quotes reach the executor untouched; {server} is the host"
else
	fail "literal arguments changed"
	grep ' backup' "$T/ran.log" | head -3
fi
if [ ! -e /tmp/ordo-jinja-ran ]; then
	pass "nothing from the estate was evaluated as a template"
else
	fail "a template from the estate ran"
	rm -f /tmp/ordo-jinja-ran
fi
# resuming from a step: --tags picks one step's play, the inventory check always runs
rm -f "$T/ran.log"
step=$(jq -r '[.steps[] | select(.action == "upgrade" and .component == "sm")][0].id' "$T/plan.json")
ansible-playbook -i "$T/local.ini" -e ordo_skip_manual=true --tags "step-$step" "$T/playbook.yml" \
	</dev/null >"$T/tag.out" 2>&1
if [ "$(awk '{print $1}' "$T/ran.log" 2>/dev/null | sort -u)" = "$step" ]; then
	pass "--tags step-$step runs that step alone"
else
	fail "--tags step-$step ran: $(awk '{print $1}' "$T/ran.log" 2>/dev/null | sort -u | tr '\n' ' ')"
	show "$T/tag.out"
fi

# a person at a terminal acknowledges a manual step by typing done
cat >"$T/answer.py" <<'PY'
import os, pty, sys, time, select
# run argv under a pseudo-terminal; answer each pause prompt with argv[1]
answer = sys.argv[1].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out = b""
answered = 0
deadline = time.time() + 120
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.5)
    if r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
        if out.count(b"when it is done") > answered:
            answered += 1
            time.sleep(0.3)
            os.write(fd, answer + b"\r")
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
PY
manual=$(jq -r '[.steps[] | select(.action == "verify")][0].id' "$T/plan.json")
python3 "$T/answer.py" done ansible-playbook -i "$T/local.ini" --tags "step-$manual" "$T/playbook.yml" >"$T/ack.out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && grep -q "step $manual is done by a person" "$T/ack.out"; then
	pass "at a terminal, typing done acknowledges manual step $manual"
else
	fail "acknowledging step $manual at a terminal: exit $rc"
	show "$T/ack.out"
fi
python3 "$T/answer.py" later ansible-playbook -i "$T/local.ini" --tags "step-$manual" "$T/playbook.yml" >"$T/nack.out" 2>&1
rc=$?
if [ "$rc" -ne 0 ] && grep -q "step $manual was not acknowledged" "$T/nack.out"; then
	pass "any other answer stops the playbook at manual step $manual"
else
	fail "a wrong answer did not stop the playbook: exit $rc"
	show "$T/nack.out"
fi

# ---- blocked steps fail instead of running ----
"$ORDO" export ansible -o "$T/blocked.yml" "$(dirname "$0")/../../examples/vmm-2012r2-to-2016-new-computer.yaml" 2>/dev/null
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'ansible.builtin.fail:' "$T/blocked.yml" &&
	grep -q 'is blocked by .*vmm.remote-upgrade-unsupported' "$T/blocked.yml" &&
	ansible-playbook --syntax-check "$T/blocked.yml" >/dev/null 2>&1; then
	pass "a blocked plan exports with exit 2 and its blocked steps fail"
else
	fail "blocked export (exit $rc)"
fi
# usage
"$ORDO" export terraform "$T/estate.yaml" >/dev/null 2>"$T/usage.err"
rc=$?
if [ "$rc" -eq 64 ] && grep -q "cannot export 'terraform'" "$T/usage.err"; then
	pass "an unknown export kind is a usage error"
else
	fail "export terraform: exit $rc"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
