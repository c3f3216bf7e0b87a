#!/usr/bin/env bash
# Install the Debian packages ordo needs to build and test, if missing.
# Usage: scripts/deps.sh [build|test]
set -euo pipefail
want=(gcc make cmake pkg-config libyaml-dev libyajl-dev libsqlite3-dev libssl-dev)
if [ "${1:-build}" = test ]; then
	want+=(libcmocka-dev jq valgrind python3 sqlite3 chromium graphviz ansible)
fi
missing=()
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || true
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
