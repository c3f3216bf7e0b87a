#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The plain build (scripts/build.sh, as ./run-example calls it) needs no
# test-only package. It configures and builds a throwaway folder with
# cmocka hidden, without uninstalling anything:
#   - from pkg-config: PKG_CONFIG_LIBDIR is a folder of links to every .pc
#     file of the usual search path except cmocka's;
#   - from the compiler: a folder searched before the system's holds a
#     cmocka.h that stops compilation and a libcmocka.so that stops the link.
# It then runs the binary on an example. A control run asks the same
# environment for the unit tests and must fail to configure: that shows
# cmocka really is out of reach.
#
#   tests/clean-build/test-no-test-packages.sh
set -u
cd "$(dirname "$0")/../.."
T=$(mktemp -d "${TMPDIR:-/tmp}/ordo-no-test-packages.XXXXXX")
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
pass() { PASS=$((PASS + 1)); printf 'ok    %s\n' "$*"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL  %s\n' "$*"; }

mkdir -p "$T/pc" "$T/hide"
IFS=: read -r -a dirs <<<"$(pkg-config --variable pc_path pkg-config)"
for d in "${dirs[@]}"; do
	for pc in "$d"/*.pc; do
		[ -e "$pc" ] || continue
		case $(basename "$pc") in cmocka*.pc) continue ;; esac
		[ -e "$T/pc/$(basename "$pc")" ] || ln -s "$pc" "$T/pc/"
	done
done
echo '#error "the plain build must not include cmocka.h"' >"$T/hide/cmocka.h"
echo 'this is not a library: the plain build must not link cmocka' >"$T/hide/libcmocka.so"
cp "$T/hide/libcmocka.so" "$T/hide/libcmocka.a"

hidden() {
	env PKG_CONFIG_LIBDIR="$T/pc" PKG_CONFIG_PATH= CFLAGS="-I$T/hide" LDFLAGS="-L$T/hide" "$@"
}

if hidden pkg-config --exists cmocka; then
	fail "pkg-config still finds cmocka with PKG_CONFIG_LIBDIR=$T/pc"
else
	pass "pkg-config does not find cmocka"
fi
if hidden pkg-config --exists yaml-0.1 yajl sqlite3 libcrypto 2>/dev/null ||
	hidden pkg-config --exists yaml-0.1 sqlite3 libcrypto; then
	pass "pkg-config still finds the build's own packages"
else
	fail "pkg-config lost the build's own packages"
fi

# the build as ./run-example does it
if hidden scripts/build.sh "$T/build" >"$T/build.log" 2>&1; then
	pass "scripts/build.sh builds with cmocka hidden"
else
	fail "scripts/build.sh needs cmocka:"
	sed -e 's/^/        | /' "$T/build.log" | tail -n 30
fi
if [ -x "$T/build/ordo" ]; then
	"$T/build/ordo" plan examples/vmm-2012r2-to-2016-new-computer.yaml >"$T/plan.out" 2>&1
	rc=$?
	if [ "$rc" -le 2 ] && grep -q '^Plan: ' "$T/plan.out"; then
		pass "the binary built so plans the example (exit $rc)"
	else
		fail "the binary built so fails on the example (exit $rc)"
	fi
	if grep -qE '^(CMOCKA_|pkgcfg_lib_CMOCKA)' "$T/build/CMakeCache.txt" ||
		! grep -q '^ORDO_BUILD_TESTS:BOOL=OFF$' "$T/build/CMakeCache.txt" ||
		ls "$T/build" | grep -q '^test_'; then
		fail "the plain build configured or built unit tests"
	else
		pass "the plain build neither configures nor builds the unit tests"
	fi
else
	fail "no binary was built"
fi

# control: asking for the tests in the same environment must fail for want of cmocka
if hidden cmake -S . -B "$T/control" -DORDO_BUILD_TESTS=ON >"$T/control.log" 2>&1; then
	fail "control: the unit tests configured although cmocka is hidden"
elif grep -q cmocka "$T/control.log"; then
	pass "control: with cmocka hidden, asking for the unit tests fails on cmocka"
else
	fail "control: configuring the unit tests failed, but not on cmocka:"
	sed -e 's/^/        | /' "$T/control.log" | tail -n 20
fi

echo
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
