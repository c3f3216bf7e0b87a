#!/usr/bin/env bash
# Hostile inputs: each must give a clear error and exit 65 (or 66 for what
# cannot be read), in bounded time and memory, and change nothing on disk.
# Usage: tests/hostile/test-hostile.sh <ordo>
set -u
ordo=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
export NO_COLOR=1 ORDO_NOW=2026-11-22T12:00:00Z
pass=0
fail=0
MAX_KB=400000 # 400 MB: far below what an unbounded reader would take
MAX_S=30

ok() { pass=$((pass + 1)); }
bad() {
	fail=$((fail + 1))
	echo "FAIL $*"
}

# expect <name> <rc> <stderr-substring> -- <ordo args...>
expect() {
	local name=$1 want=$2 needle=$3
	shift 4
	local start end rc kb
	start=$(date +%s)
	/usr/bin/time -f "%M" -o "$tmp/mem" timeout $MAX_S "$ordo" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	end=$(date +%s)
	kb=$(tail -n1 "$tmp/mem" 2>/dev/null || echo 0)
	if [ "$rc" = 124 ]; then
		bad "$name: did not finish in $MAX_S s"
		return
	fi
	if [ "$rc" != "$want" ]; then
		bad "$name: exit $rc, expected $want; stderr: $(head -c 300 "$tmp/err")"
		return
	fi
	if ! grep -qF -- "$needle" "$tmp/err"; then
		bad "$name: stderr lacks '$needle': $(head -c 300 "$tmp/err")"
		return
	fi
	if [ "${kb:-0}" -gt $MAX_KB ]; then
		bad "$name: used ${kb} KB"
		return
	fi
	if [ -s "$tmp/out" ]; then
		bad "$name: printed a report for bad input"
		return
	fi
	echo "ok   $name ($((end - start)) s, ${kb} KB)"
	ok
}

head_yaml='ordo: 1
name: hostile
target: "2016"
'

# deep nesting, both syntaxes
python3 -c 'import sys; n=100000; sys.stdout.write("{\"ordo\": 1, \"name\": " + "["*n + "]"*n + "}")' >deep.json
expect deep-json 65 "nesting deeper than" -- check deep.json
python3 -c 'import sys; n=100000; sys.stdout.write("ordo: 1\nname: " + "["*n + "]"*n + "\n")' >deep.yaml
expect deep-yaml 65 "nesting deeper than" -- check deep.yaml

# a 100 MB string
python3 -c 'import sys; sys.stdout.write("{\"ordo\": 1, \"name\": \"" + "a"*100_000_000 + "\"}")' >big.json
expect big-string-json 65 "a scalar longer than" -- check big.json
python3 -c 'import sys; sys.stdout.write("ordo: 1\nname: \"" + "a"*100_000_000 + "\"\n")' >big.yaml
expect big-string-yaml 65 "longer than" -- check big.yaml
rm -f big.json big.yaml

# alias expansion bomb
cat >bomb.yaml <<'EOF'
ordo: 1
name: &a0 [x, x, x, x, x, x, x, x, x, x]
a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]
a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]
a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]
a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]
a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]
a6: &a6 [*a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5, *a5]
a7: &a7 [*a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6, *a6]
a8: &a8 [*a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7, *a7]
a9: &a9 [*a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8, *a8]
EOF
expect alias-bomb 65 "alias expansion exceeds" -- check bomb.yaml
expect alias-bomb-catalog 65 "alias expansion exceeds" -- catalog lint bomb.yaml

# duplicate keys
printf '%sname: again\ncomponents: []\n' "$head_yaml" >dup.yaml
expect duplicate-key-yaml 65 "duplicate key 'name'" -- check dup.yaml
printf '{"ordo": 1, "name": "a", "name": "b", "components": []}' >dup.json
expect duplicate-key-json 65 "duplicate key 'name'" -- check dup.json

# invalid UTF-8 and NUL bytes
printf '%scomponents: []\nx: "\xc3\x28"\n' "$head_yaml" >utf8.yaml
expect invalid-utf8-yaml 65 "utf8.yaml:5:" -- check utf8.yaml
printf '{"ordo": 1, "name": "bad \xc3\x28 name", "components": []}' >utf8.json
expect invalid-utf8-json 65 "invalid UTF-8" -- check utf8.json
printf '{"ordo": 1, "name": "nul\x00byte", "components": []}' >nul.json
expect nul-json 65 "NUL byte" -- check nul.json
printf 'ordo: 1\nname: "nul\x00byte"\ncomponents: []\n' >nul.yaml
expect nul-yaml 65 "nul.yaml:2:" -- check nul.yaml

# integer overflow in versions and counts
printf '%scomponents:\n  - {id: vmm, product: vmm, version: "2016 UR99999999999999999999", roles: {management_server: [V1]}}\n' "$head_yaml" >ver.yaml
expect version-overflow 65 "number too large" -- check ver.yaml
printf '%scomponents:\n  - {id: om, product: operations_manager, version: "2016", roles: {management_server: [M1], agent: {count: 184467440737095516160}}}\n' "$head_yaml" >count.yaml
expect count-overflow 65 "must be a whole number" -- check count.yaml
printf '%scomponents:\n  - {id: om, product: operations_manager, version: "2016", roles: {management_server: [M1], agent: {count: 1e300}}}\n' "$head_yaml" >count2.yaml
expect count-float 65 "must be a whole number" -- check count2.yaml

# names that would mean something to a shell never get in
printf '%scomponents:\n  - {id: vmm, product: vmm, version: "2016", roles: {management_server: ["VMM01; rm -rf /"]}}\n' "$head_yaml" >shell1.yaml
expect shell-semicolon 65 "invalid server name 'VMM01; rm -rf /'" -- check shell1.yaml
printf '%scomponents:\n  - {id: "$(id)", product: vmm, version: "2016", roles: {management_server: [V1]}}\n' "$head_yaml" >shell2.yaml
expect shell-subst 65 "invalid component id '\$(id)'" -- check shell2.yaml
printf '%scomponents:\n  - {id: vmm, product: vmm, version: "2016", roles: {management_server: [V1]}, upgrade: {management_server: "`id`"}}\n' "$head_yaml" >shell3.yaml
expect shell-backtick 65 "invalid server name '\`id\`'" -- check shell3.yaml

# a directory and a FIFO given as the estate: an error, never a hang
mkdir adir
expect directory 65 "is a directory" -- check adir
mkfifo afifo
expect fifo 65 "not a regular file" -- check afifo
expect missing 66 "cannot read" -- check no-such-file.yaml

# journals that are not ordo's: refused and left alone
printf '%scomponents:\n  - {id: vmm, product: vmm, version: "2016 UR6", roles: {management_server: [V1]}}\n' "$head_yaml" >e.yaml
head -c 5000 /dev/urandom >garbage.db
before=$(sha256sum garbage.db)
expect journal-garbage 65 "not an ordo journal" -- status --journal garbage.db
expect journal-garbage-run 65 "not an ordo journal" -- run --journal garbage.db e.yaml
[ "$before" = "$(sha256sum garbage.db)" ] && ok || bad "garbage journal was changed"
sed 's/2016 UR6/2019/' e.yaml >e2.yaml
"$ordo" run --journal good.db --dry-run e2.yaml >/dev/null 2>&1
"$ordo" run --journal good.db e2.yaml >/dev/null 2>&1 # stops at the first waiting step
if [ -s good.db ]; then
	head -c 2048 good.db >truncated.db
	before=$(sha256sum truncated.db)
	/usr/bin/time -f "%M" -o mem timeout $MAX_S "$ordo" status --journal truncated.db >out 2>err
	rc=$?
	if [ $rc = 65 ] && grep -q "journal" err && [ "$before" = "$(sha256sum truncated.db)" ]; then
		echo "ok   journal-truncated"
		ok
	else
		bad "journal-truncated: exit $rc: $(head -c 300 err)"
	fi
else
	bad "could not make a journal to truncate"
fi

echo "hostile: $pass passed, $fail failed"
[ "$fail" = 0 ]
