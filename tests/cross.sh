#!/usr/bin/env bash
# Guest programs built here from tests/guest-src/*.c with Debian's cross compilers — static,
# for ppc64 (big-endian, ELFv1) and ppc64le (ELFv2) — must print under bigiron exactly what
# they print under the peer (qemu-ppc64-static / qemu-ppc64le-static), with the same status.
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
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
pass=0; fail=0; failed=()
for src in "$ROOT"/tests/guest-src/*.c; do
  name=$(basename "$src" .c)
  for arch in ppc64 ppc64le; do
    cc=powerpc64-linux-gnu-gcc; [ $arch = ppc64le ] && cc=powerpc64le-linux-gnu-gcc
    bin="$W/$name-$arch"
    if ! $cc -O2 -static -o "$bin" "$src" -lm -lpthread 2> "$W/cc.err"; then
      fail=$((fail+1)); failed+=("$arch:$name(build)"); echo "FAIL  $arch $name: does not build"; head -5 "$W/cc.err"; continue
    fi
    (cd "$W" && timeout "$TMO" qemu-$arch-static "$bin" > "$W/out.peer" 2>/dev/null); sp=$?
    (cd "$W" && timeout "$TMO" "$B" user $arch "$bin" > "$W/out.emu" 2> "$W/err.emu"); se=$?
    if [ "$sp" = "$se" ] && cmp -s "$W/out.peer" "$W/out.emu"; then
      pass=$((pass+1)); printf 'ok    %-8s %s\n' $arch "$name"
    else
      fail=$((fail+1)); failed+=("$arch:$name")
      printf 'FAIL  %-8s %s (exit peer %s, bigiron %s)\n' $arch "$name" "$sp" "$se"
      diff "$W/out.peer" "$W/out.emu" | head -8 | sed 's/^/      /'
      head -c 400 "$W/err.emu" | sed 's/^/      stderr: /'
    fi
  done
done
for src in "$ROOT"/tests/guest-src/expect/*.c; do
  name=$(basename "$src" .c)
  for arch in ppc64 ppc64le; do
    cc=powerpc64-linux-gnu-gcc; [ $arch = ppc64le ] && cc=powerpc64le-linux-gnu-gcc
    bin="$W/$name-$arch"
    if ! $cc -O2 -static -o "$bin" "$src" -lm -lpthread 2> "$W/cc.err"; then
      fail=$((fail+1)); failed+=("$arch:$name(build)"); echo "FAIL  $arch $name: does not build"; head -5 "$W/cc.err"; continue
    fi
    (cd "$W" && timeout "$TMO" "$B" user $arch "$bin" > "$W/out.emu" 2> "$W/err.emu"); se=$?
    if [ "$se" = 0 ] && cmp -s "${src%.c}.out" "$W/out.emu"; then
      pass=$((pass+1)); printf 'ok    %-8s %s (expected output)\n' $arch "$name"
    else
      fail=$((fail+1)); failed+=("$arch:$name")
      printf 'FAIL  %-8s %s (exit %s; expected output in %s)\n' $arch "$name" "$se" "${src%.c}.out"
      diff "${src%.c}.out" "$W/out.emu" | head -8 | sed 's/^/      /'
      head -c 400 "$W/err.emu" | sed 's/^/      stderr: /'
    fi
  done
done
echo "cross-built programs: $pass/$((pass + fail)) passed${failed:+; failed: ${failed[*]}}"
[ "$fail" = 0 ]
