#!/usr/bin/env bash
# Guest programs built here from tests/guest-src/*.c with Debian's cross compilers — static,
# for ppc64 (big-endian, ELFv1), ppc64le (ELFv2) and, when s390x-linux-gnu-gcc is installed,
# s390x — must print under bigiron exactly what they print under the peer
# (qemu-ppc64-static / qemu-ppc64le-static / qemu-s390x-static), with the same status.
# Programs in tests/guest-src/expect/ cover behaviour the peer gets wrong: each must print
# its NAME.out (written from the architecture and Linux, not from any emulator) and exit 0.
#
#   tests/cross.sh
#
#   BIGIRON  the emulator binary (default: target/release/bigiron)
# Exits 0 if every program passes, 1 on any failure, 2 if a compiler or the peer is missing
# (scripts/install-deps.sh installs them).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=${BIGIRON:-${CARGO_TARGET_DIR:-$ROOT/target}/release/bigiron}
TMO=${CROSS_TIMEOUT:-120}
for c in powerpc64-linux-gnu-gcc powerpc64le-linux-gnu-gcc qemu-ppc64-static qemu-ppc64le-static "$B"; do
  command -v "$c" >/dev/null || { echo "cross.sh: missing $c (scripts/install-deps.sh)" >&2; exit 2; }
done
ARCHES=(ppc64 ppc64le)
if command -v s390x-linux-gnu-gcc >/dev/null && command -v qemu-s390x-static >/dev/null; then ARCHES+=(s390x); fi
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
pass=0; fail=0; failed=()
# check SRC ARCH EXPECTED: builds SRC for ARCH and runs it under bigiron; EXPECTED is a file
# the output must equal (exit status 0), or "peer" to compare output and status with qemu.
check() {
  local src=$1 arch=$2 expected=$3 name cc bin sp=0 se
  name=$(basename "$src" .c)
  case $arch in
    ppc64) cc=powerpc64-linux-gnu-gcc ;;
    ppc64le) cc=powerpc64le-linux-gnu-gcc ;;
    *) cc=$arch-linux-gnu-gcc ;;
  esac
  bin="$W/$name-$arch"
  if ! $cc -O2 -static -o "$bin" "$src" -lm -lpthread 2> "$W/cc.err"; then
    fail=$((fail+1)); failed+=("$arch:$name(build)"); echo "FAIL  $arch $name: does not build"; head -5 "$W/cc.err"; return
  fi
  if [ "$expected" = peer ]; then
    (cd "$W" && timeout "$TMO" qemu-$arch-static "$bin" > "$W/out.ref" 2>/dev/null); sp=$?
  else
    cp "$expected" "$W/out.ref"
  fi
  (cd "$W" && timeout "$TMO" "$B" user "$arch" "$bin" > "$W/out.emu" 2> "$W/err.emu"); se=$?
  if [ "$sp" = "$se" ] && cmp -s "$W/out.ref" "$W/out.emu"; then
    pass=$((pass+1)); printf 'ok    %-8s %s%s\n' "$arch" "$name" "$([ "$expected" = peer ] || echo ' (expected output)')"
  else
    fail=$((fail+1)); failed+=("$arch:$name")
    printf 'FAIL  %-8s %s (exit %s %s, bigiron %s)\n' "$arch" "$name" "$([ "$expected" = peer ] && echo peer || echo expected)" "$sp" "$se"
    diff "$W/out.ref" "$W/out.emu" | head -8 | sed 's/^/      /'
    head -c 400 "$W/err.emu" | sed 's/^/      stderr: /'
  fi
}
for arch in "${ARCHES[@]}"; do
  for src in "$ROOT"/tests/guest-src/*.c; do check "$src" $arch peer; done
  # expect/ holds POWER-specific programs (fpexc: MSR[FE0 FE1] and the FPSCR).
  [[ $arch == ppc64* ]] || continue
  for src in "$ROOT"/tests/guest-src/expect/*.c; do check "$src" $arch "${src%.c}.out"; done
done
echo "cross-built programs: $pass/$((pass + fail)) passed${failed:+; failed: ${failed[*]}}"
[ "$fail" = 0 ]
