#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# HTML reports (plan, check, status) opened in headless Chromium, and the
# DOT and Markdown reports checked for determinism and, for DOT, rendered
# by Graphviz.
#
#   tests/html/test-html.sh <path to ordo>
#
# For every page: no element or attribute that loads anything, the text
# holds the verdict, every blocker and every step (pagecheck.py), and in
# Chromium no console message and no network request (from its net log).
# Hostile text from an estate, a waiver and a journal must come out as
# text. Screenshots and a PDF print are kept in tests/html/artifacts/.
# Needs chromium, graphviz (dot), jq and python3.
set -u
export LC_ALL=C.UTF-8 NO_COLOR=1
unset ORDO_JOURNAL ORDO_NOW

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 <path to ordo>" >&2
	exit 64
fi
ORDO=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
for tool in chromium dot jq python3; do
	command -v "$tool" >/dev/null || { echo "$0: needs $tool" >&2; exit 69; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/ordo-html-tests.XXXXXX")
trap 'rm -rf "$T"' EXIT
ART=$HERE/artifacts
mkdir -p "$ART"

PASS=0
FAIL=0
pass() { PASS=$((PASS + 1)); printf 'ok    %s\n' "$*"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL  %s\n' "$*"; }
show() { sed -e 's/^/        | /' "$1" | head -n "${2:-20}"; }
check() { # check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@" >"$T/.check" 2>&1; then pass "$what"; else fail "$what"; show "$T/.check"; fi
}

# chromium OUT-PREFIX URL [flags...]: a fresh profile each time; name
# resolution is switched off so nothing the browser tries can leave this
# machine, and the net log records every request it starts.
chrome() {
	local out=$1 url=$2
	shift 2
	local profile
	profile=$(mktemp -d "$T/profile.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-default-apps --disable-extensions --no-pings --disable-domain-reliability \
		--host-resolver-rules='MAP * ~NOTFOUND' --user-data-dir="$profile" \
		--enable-logging=stderr --v=0 --log-net-log="$out.netlog" "$@" "$url" \
		>"$out.stdout" 2>"$out.stderr"
}

# page_requests NETLOG: the URLs the page itself asked for (the browser's
# own background requests carry no file:// isolation key)
page_requests() {
	python3 - "$1" <<'PY'
import json, sys
try:
    log = json.load(open(sys.argv[1]))
except ValueError:
    # a log cut short is still a list of events: close it
    text = open(sys.argv[1]).read().rstrip().rstrip(",")
    log = json.loads(text + "]}")
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
for e in log["events"]:
    p = e.get("params") or {}
    url = p.get("url", "")
    if names.get(e["type"]) != "URL_REQUEST_START_JOB" or url.startswith(("file:", "data:")):
        continue
    if "file://" in p.get("network_isolation_key", "") or p.get("initiator") in ("null", "file://"):
        print(url)
PY
}

# open_page NAME FILE [pagecheck args...]: the page in Chromium, its DOM
# checked, its console and net log empty, a screenshot kept
open_page() {
	local name=$1 file=$2
	shift 2
	chrome "$T/$name" "file://$file" --dump-dom
	local rc=$?
	cp "$T/$name.stdout" "$T/$name.dom"
	if [ "$rc" -eq 0 ] && grep -q '</html>' "$T/$name.dom" &&
		python3 "$HERE/pagecheck.py" "$T/$name.dom" "$@" >"$T/$name.dcheck"; then
		pass "$name: Chromium renders it with the verdict, blockers and steps in its text"
	else
		fail "$name: rendered DOM (chromium exit $rc)"
		show "$T/$name.dcheck"
	fi
	if grep -q 'CONSOLE' "$T/$name.stderr"; then
		fail "$name: console messages"
		grep 'CONSOLE' "$T/$name.stderr" | head -5
	else
		pass "$name: no console message"
	fi
	page_requests "$T/$name.netlog" >"$T/$name.requests" 2>&1
	if [ ! -s "$T/$name.requests" ] && [ -s "$T/$name.netlog" ]; then
		pass "$name: no network request"
	else
		fail "$name: network requests"
		show "$T/$name.requests"
	fi
	chrome "$T/$name.shot" "file://$file" --window-size=1280,3000 --hide-scrollbars \
		--screenshot="$ART/$name.png"
	if [ -s "$ART/$name.png" ]; then
		pass "$name: screenshot in tests/html/artifacts/$name.png"
	else
		fail "$name: no screenshot"
		show "$T/$name.shot.stderr"
	fi
}

# what the raw file must not hold; inside tags only, since escaped text may
# well mention src= or a URL
bad='<script|<link|<img|<iframe|@import|<[^>]*\s(src|srcset|action|xlink:href)=|<[^>]*\shref="[^#]|<[^>]*https?://|url\([^#)]'

# check_html NAME FILE [pagecheck args...]: the file itself
check_html() {
	local name=$1 file=$2
	shift 2
	if python3 "$HERE/pagecheck.py" "$file" "$@" >"$T/$name.check"; then
		pass "$name: self-contained, with the verdict, blockers and steps"
	else
		fail "$name: the page"
		show "$T/$name.check"
	fi
	if grep -Eqi "$bad" "$file"; then
		fail "$name: a script, a link or an external reference"
		grep -Eoi ".{0,30}($bad).{0,30}" "$file" | head -5
	else
		pass "$name: no script, no src=, no link, no URL in an attribute"
	fi
}

# ---- the detectors see what they must ----
cat >"$T/control.html" <<'HTML'
<!DOCTYPE html><html><head><title>control</title></head>
<body><p>control</p><img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script></body></html>
HTML
chrome "$T/control" "file://$T/control.html" --dump-dom
if grep -q 'CONSOLE' "$T/control.stderr" && grep -Eqi "$bad" "$T/control.html" && page_requests "$T/control.netlog" | grep -q '127.0.0.1:9/x.png' &&
	! python3 "$HERE/pagecheck.py" "$T/control.html" >/dev/null; then
	pass "control page: its console message, request and script are all detected"
else
	fail "control page: a detector is blind"
	show "$T/control.stderr" 5
fi

export ORDO_NOW=2026-11-22T12:00:00Z

# ---- the examples ----
for f in "$ROOT"/examples/*.yaml "$ROOT"/examples/*.json; do
	[ -f "$f" ] || continue
	name=plan-$(basename "${f%.*}")
	"$ORDO" plan --format json "$f" >"$T/$name.json" 2>/dev/null
	"$ORDO" plan --format html -o "$T/$name.html" "$f" 2>"$T/$name.err"
	rc=$?
	want=$(jq -r '{"ok": 0, "warnings": 1, "planned": 1, "blocked": 2}[.verdict]' "$T/$name.json")
	if [ "$rc" = "$want" ] && [ -s "$T/$name.html" ]; then
		pass "$name: written with -o, exit $rc as for the verdict"
	else
		fail "$name: exit $rc, expected $want"
		show "$T/$name.err"
	fi
	check_html "$name" "$T/$name.html" --plan "$T/$name.json"
	open_page "$name" "$T/$name.html" --plan "$T/$name.json"
	"$ORDO" plan --format html "$f" >"$T/$name.again.html" 2>/dev/null
	check "$name: the same bytes twice, on stdout as with -o" cmp "$T/$name.html" "$T/$name.again.html"
done

# check: findings without the plan
ex=$ROOT/examples/vmm-2012r2-to-2016-new-computer.yaml
"$ORDO" check --format json "$ex" >"$T/check.json" 2>/dev/null
"$ORDO" check --format html "$ex" >"$T/check.html" 2>/dev/null
rc=$?
if [ "$rc" -eq 2 ] && ! grep -q 'id="step-' "$T/check.html" && grep -q 'Readiness check' "$T/check.html"; then
	pass "check --format html: the findings, no steps, exit 2"
else
	fail "check --format html: exit $rc"
fi
check_html check "$T/check.html" --plan "$T/check.json"
open_page check "$T/check.html" --plan "$T/check.json"

# a time only when ORDO_NOW gives one
( unset ORDO_NOW; "$ORDO" plan --format html "$ex" >"$T/nonow1.html" 2>/dev/null
  sleep 1; "$ORDO" plan --format html "$ex" >"$T/nonow2.html" 2>/dev/null )
if cmp -s "$T/nonow1.html" "$T/nonow2.html" && ! grep -q 'Generated' "$T/nonow1.html" &&
	grep -q '<dd>2026-11-22T12:00:00Z</dd>' "$T/check.html"; then
	pass "no clock time in the page; ORDO_NOW is shown as the time it was generated"
else
	fail "the page depends on the clock"
fi

# ---- hostile text from the estate ----
PAYLOAD='<script>alert(1)</script>'
cat >"$T/hostile.yaml" <<YAML
ordo: 1
name: '$PAYLOAD "quotes" &amp; it''s'
target: "2016"
servers:
  - {name: VMM01, os: "Windows Server 2012 R2", pending_restart: false, domain_joined: true}
  - {name: VMM02, os: "Windows Server 2016", domain_joined: true}
components:
  - id: vmm
    product: vmm
    version: "2012 R2 UR9"
    roles:
      management_server: [VMM01]
      host_agent: {count: 3}
    database: {server: SQL01, sql_version: "2014 SP2", name: VirtualManagerDB}
    facts:
      service_account: 'EVIL\\$PAYLOAD"&amp;'
      key_management: dpapi
      encrypted_settings: [run_as_credentials]
      wsman: {max_concurrent_operations_per_user: 25, max_connections: 25}
    upgrade:
      management_server: VMM02
waivers:
  - finding: vmm.wsman-limits
    component: vmm
    reason: 'accepted by <img src=x onerror=alert(2)> "ops" &amp; sec'
    expires: 2099-01-31
YAML
"$ORDO" plan --format json "$T/hostile.yaml" >"$T/hostile.json" 2>"$T/hostile.err"
"$ORDO" plan --format html -o "$T/hostile.html" "$T/hostile.yaml" 2>>"$T/hostile.err"
if [ -s "$T/hostile.html" ] && jq -e '.findings | length > 0' "$T/hostile.json" >/dev/null; then
	pass "hostile estate: a page and findings"
else
	fail "hostile estate: no page"
	show "$T/hostile.err"
fi
if ! grep -qF "$PAYLOAD" "$T/hostile.html" && ! grep -qF '<img' "$T/hostile.html" &&
	! grep -qF '"quotes"' "$T/hostile.html" && grep -qF '&amp;amp;' "$T/hostile.html" &&
	grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp;amp; it&#39;s' "$T/hostile.html"; then
	pass "hostile estate: the payloads appear only escaped (& < > \" ')"
else
	fail "hostile estate: a payload is not escaped"
	grep -nF -e "$PAYLOAD" -e '<img' "$T/hostile.html" | head -5
fi
if grep -qF 'EVIL\' "$T/hostile.json" && jq -e '[.findings[] | select(.detail | contains("<script>"))] | length > 0' \
	"$T/hostile.json" >/dev/null && jq -e '[.findings[] | select(.waived != null)] | length > 0' "$T/hostile.json" >/dev/null; then
	pass "hostile estate: the fact value and the waiver reason reach the report"
else
	fail "hostile estate: the payloads do not reach the report, so the test proves nothing"
fi
check_html hostile "$T/hostile.html" --plan "$T/hostile.json" \
	--text "$PAYLOAD \"quotes\" &amp; it's" --text 'accepted by <img src=x onerror=alert(2)> "ops" &amp; sec'
open_page hostile "$T/hostile.html" --plan "$T/hostile.json" \
	--text "$PAYLOAD \"quotes\" &amp; it's" --text 'accepted by <img src=x onerror=alert(2)> "ops" &amp; sec'

# ---- status, from journals made by small runs ----
mkdir -p "$T/run"
cp "$ROOT/examples/sc2012sp1-to-2012r2-orchestrator.yaml" "$T/run/estate.yaml"
{
	echo "ordo: 1"
	echo "executors:"
	for a in prepare backup uninstall upgrade configure; do
		printf '  - match: {action: %s}\n    run: ["/bin/true", "{step}"]\n' "$a"
	done
} >"$T/run/ok.yaml"
"$ORDO" run -q --runbook "$T/run/ok.yaml" --journal "$T/run/a.db" "$T/run/estate.yaml" >"$T/run/a.out" 2>&1
rc=$?
first=$(jq -r '[.steps[] | select(.action == "verify")][0].id' "$T/plan-sc2012sp1-to-2012r2-orchestrator.json")
"$ORDO" ack "$first" --journal "$T/run/a.db" --by 'alice <b>' --note "$PAYLOAD & checked" >/dev/null 2>&1
"$ORDO" status --format json --journal "$T/run/a.db" >"$T/run/a.json"
"$ORDO" status --format html --journal "$T/run/a.db" -o "$T/run/status.html"
src=$?
if [ "$rc" -eq 3 ] && [ "$src" -eq 0 ] && jq -e --argjson f "$first" \
	'.counts.done == $f and .counts.pending > 0' "$T/run/a.json" >/dev/null; then
	pass "status: a run stopped at manual step $first, acknowledged; its page written"
else
	fail "status: run exit $rc, status exit $src"
	show "$T/run/a.out"
fi
"$ORDO" status --format json --journal "$T/run/a.db" | jq '.steps |= map(.title = .title)' >"$T/run/a2.json"
check_html status "$T/run/status.html" --plan "$T/plan-sc2012sp1-to-2012r2-orchestrator.json" \
	--status "$T/run/a.json" --text "note: $PAYLOAD & checked" --text "by alice <b>"
open_page status "$T/run/status.html" --plan "$T/plan-sc2012sp1-to-2012r2-orchestrator.json" \
	--status "$T/run/a.json" --text "note: $PAYLOAD & checked"
if grep -q 'class="st st-done">done' "$T/run/status.html" && grep -q 'class="st st-pending">pending' "$T/run/status.html" &&
	grep -q "at <a href=\"#wave-$(jq .wave "$T/run/a.json")\">wave" "$T/run/status.html"; then
	pass "status: states in colour and in words, and the current wave"
else
	fail "status: states or current wave missing"
fi

# a failed step: its output, hostile too, is shown escaped
cat >"$T/run/boom" <<SH
#!/bin/sh
echo '$PAYLOAD & "boom"'
exit 1
SH
chmod +x "$T/run/boom"
printf 'ordo: 1\nexecutors:\n  - match: {}\n    run: ["./boom"]\n' >"$T/run/fail.yaml"
"$ORDO" run -q --runbook "$T/run/fail.yaml" --journal "$T/run/b.db" "$T/run/estate.yaml" >/dev/null 2>&1
"$ORDO" status --format json --journal "$T/run/b.db" >"$T/run/b.json"
"$ORDO" status --format html --journal "$T/run/b.db" >"$T/run/failed.html"
if jq -e '.counts.failed == 1' "$T/run/b.json" >/dev/null && grep -q 'class="st st-failed">failed' "$T/run/failed.html" &&
	! grep -qF "$PAYLOAD" "$T/run/failed.html"; then
	pass "status: a failed step shows failed and its output, escaped"
else
	fail "status: failed step"
fi
check_html status-failed "$T/run/failed.html" --status "$T/run/b.json" --text "$PAYLOAD & \"boom\""
open_page status-failed "$T/run/failed.html" --status "$T/run/b.json" --text "$PAYLOAD & \"boom\""

# printing: Chromium prints the page to PDF
chrome "$T/print" "file://$T/plan-sc2019-to-2022.html" --print-to-pdf="$ART/plan-sc2019-to-2022.pdf" --no-pdf-header-footer
if [ "$(head -c 5 "$ART/plan-sc2019-to-2022.pdf" 2>/dev/null)" = "%PDF-" ] && grep -q '@media print' "$T/plan-sc2019-to-2022.html"; then
	pass "the plan prints (PDF in tests/html/artifacts/)"
else
	fail "printing to PDF"
fi

# ---- DOT and Markdown ----
for f in "$ROOT"/examples/*.yaml "$ROOT"/examples/*.json "$T/hostile.yaml"; do
	[ -f "$f" ] || continue
	name=$(basename "${f%.*}")
	"$ORDO" plan --format dot "$f" >"$T/$name.dot" 2>/dev/null
	"$ORDO" plan --format dot "$f" >"$T/$name.again.dot" 2>/dev/null
	"$ORDO" plan --format json "$f" >"$T/$name.plan.json" 2>/dev/null
	steps=$(jq '.steps | length' "$T/$name.plan.json")
	if dot -Tsvg "$T/$name.dot" >"$T/$name.svg" 2>"$T/$name.dot.err" && [ ! -s "$T/$name.dot.err" ] &&
		[ "$(grep -c 'class="node"' "$T/$name.svg")" = "$steps" ]; then
		pass "dot: $name renders with Graphviz, one node per step ($steps)"
	else
		fail "dot: $name"
		show "$T/$name.dot.err"
	fi
	check "dot: $name is the same bytes twice" cmp "$T/$name.dot" "$T/$name.again.dot"
	"$ORDO" plan --format markdown "$f" >"$T/$name.md" 2>/dev/null
	"$ORDO" plan --format markdown "$f" >"$T/$name.again.md" 2>/dev/null
	check "markdown: $name is the same bytes twice" cmp "$T/$name.md" "$T/$name.again.md"
done
cp "$T/sc2019-to-2022.svg" "$ART/plan-sc2019-to-2022.dot.svg" 2>/dev/null

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
