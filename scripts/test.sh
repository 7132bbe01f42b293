#!/usr/bin/env bash
# bigiron's test command: every tier, in order, with a summary. Exits non-zero on any failure.
#
#   scripts/test.sh
#
# Tiers:
#   deps      scripts/install-deps.sh (apt; skipped unless root, or with BIGIRON_NO_INSTALL=1)
#   guests    scripts/fetch-guests.sh guests/ (Debian's busybox for ppc64el/s390x/amd64) and
#             scripts/fetch-sysroot.sh guests/sysroot-ppc64el and guests/sysroot-s390x
#             (libc6, lua5.4, xz-utils ...)
#   build     cargo build --release --workspace
#   cargo     cargo test --release --workspace (unit, decode-table, codegen snapshot and
#             "guest behaves as on Linux" tests)
#   difftest  every decode row, random instances, bigiron vs qemu-ppc64le-static, with
#             only the interpreter tier (BIGIRON_HOT_THRESHOLD=4294967295: nothing compiled;
#             BIGIRON_VM_AFTER=4294967295: every instruction through the interpreter)
#   difftest-vm  the same with every block recorded and run as a program (the interpreter
#             tier's fast path, BIGIRON_VM_AFTER=0)
#   difftest-jit  the same with every block compiled before it first runs
#             (BIGIRON_HOT_THRESHOLD=0): each tier forced on its own, all must agree with QEMU
#   difftest-s390x, difftest-s390x-vm, difftest-s390x-jit  the same for s390x (bigiron user
#             s390x vs qemu-s390x-static; explained differences in tests/difftest-known-s390x.md)
#   busybox   tests/busybox.sh: ppc64el and s390x busybox applets under bigiron vs native
#             amd64 busybox
#   sysroot   tests/sysroot.sh: dynamically linked lua5.4 and xz (-L sysroot) vs native,
#             ppc64el; sysroot-s390x the same for s390x
#   cross     tests/cross.sh: C programs from tests/guest-src, cross-built static for ppc64
#             (big-endian), ppc64le and s390x, under bigiron vs qemu-user
#   threads   tests/threads.sh: a pthreads + atomics + signals program, ppc64le, ppc64 and
#             s390x, 100 runs each, every one identical to the program built natively
#
# Environment: BIGIRON_NO_INSTALL=1, BIGIRON_GUESTS=DIR (default guests), DIFFTEST_ARGS
# (extra difftest arguments, e.g. "--cases 40"), DIFFTEST_S390X_ARGS (the same for the s390x
# tiers), EMU_S390X (the s390x busybox emulator; default: bigiron user
# s390x).
# On 2 cores a warm run takes a few minutes; a cold build adds the Cranelift compile.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
GUESTS=${BIGIRON_GUESTS:-$ROOT/guests}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# Where cargo puts the binaries (honours CARGO_TARGET_DIR); the tiers below run them.
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release
export BIGIRON=${BIGIRON:-$BIN/bigiron}

declare -a NAMES STATUS SECS
failed=0
record() { NAMES+=("$1"); STATUS+=("$2"); SECS+=("$3"); [ "$2" = FAIL ] && failed=1; return 0; }
# step NAME CMD... : runs a tier, timing it; its status is PASS or FAIL by exit code.
step() {
  local name=$1; shift
  echo
  echo "=== $name: $*"
  local t0=$SECONDS
  "$@"
  local rc=$?
  local st=PASS; [ $rc = 0 ] || st=FAIL
  record "$name" "$st" $((SECONDS - t0))
  echo "=== $name: $st ($((SECONDS - t0))s)"
  return $rc
}

if [ "$(id -u)" = 0 ] && [ "${BIGIRON_NO_INSTALL:-0}" != 1 ]; then
  step deps bash scripts/install-deps.sh
else
  record deps "SKIP(not root or BIGIRON_NO_INSTALL=1)" 0
fi
step guests bash -c 'bash scripts/fetch-guests.sh "$1" && bash scripts/fetch-sysroot.sh "$1/sysroot-ppc64el" && bash scripts/fetch-sysroot.sh "$1/sysroot-s390x" s390x' - "$GUESTS"
guests_ok=$?

# The difftest tiers force each execution tier on its own: the interpreter only (no block
# ever hot enough to compile), every block as a recorded program, and everything compiled
# before it first runs.
INTERP_ONLY=4294967295
if step build cargo build --release --workspace; then
  step cargo cargo test --release --workspace
  # shellcheck disable=SC2086
  step difftest env BIGIRON_HOT_THRESHOLD=$INTERP_ONLY BIGIRON_VM_AFTER=$INTERP_ONLY timeout 1800 "$BIN/difftest" --quiet ${DIFFTEST_ARGS:-}
  # shellcheck disable=SC2086
  step difftest-vm env BIGIRON_HOT_THRESHOLD=$INTERP_ONLY BIGIRON_VM_AFTER=0 timeout 1800 "$BIN/difftest" --quiet --seed 3 ${DIFFTEST_ARGS:-}
  # shellcheck disable=SC2086
  step difftest-jit env BIGIRON_HOT_THRESHOLD=0 timeout 1800 "$BIN/difftest" --quiet --seed 2 --cases 60 ${DIFFTEST_ARGS:-}
  if "$BIN/difftest" --arch s390x --probe; then
    # shellcheck disable=SC2086
    step difftest-s390x env BIGIRON_HOT_THRESHOLD=$INTERP_ONLY BIGIRON_VM_AFTER=$INTERP_ONLY timeout 1800 "$BIN/difftest" --arch s390x --quiet ${DIFFTEST_S390X_ARGS:-}
    # shellcheck disable=SC2086
    step difftest-s390x-vm env BIGIRON_HOT_THRESHOLD=$INTERP_ONLY BIGIRON_VM_AFTER=0 timeout 1800 "$BIN/difftest" --arch s390x --quiet --seed 3 ${DIFFTEST_S390X_ARGS:-}
    # shellcheck disable=SC2086
    step difftest-s390x-jit env BIGIRON_HOT_THRESHOLD=0 timeout 1800 "$BIN/difftest" --arch s390x --quiet --seed 2 --cases 60 ${DIFFTEST_S390X_ARGS:-}
  else
    record difftest-s390x "SKIP(no user s390x)" 0
    record difftest-s390x-vm "SKIP(no user s390x)" 0
    record difftest-s390x-jit "SKIP(no user s390x)" 0
  fi
  if [ $guests_ok = 0 ]; then
    step busybox env EMU_S390X="${EMU_S390X:-$BIGIRON user s390x}" timeout 1800 bash tests/busybox.sh "$GUESTS"
    step sysroot timeout 1800 bash tests/sysroot.sh "$GUESTS/sysroot-ppc64el"
    step sysroot-s390x timeout 1800 bash tests/sysroot.sh "$GUESTS/sysroot-s390x"
    step cross timeout 1800 bash tests/cross.sh
    step threads timeout 1800 bash tests/threads.sh
  else
    record busybox "FAIL(no guests)" 0
    record sysroot "FAIL(no guests)" 0
    record sysroot-s390x "FAIL(no guests)" 0
    failed=1
  fi
else
  for t in cargo difftest difftest-vm difftest-jit difftest-s390x difftest-s390x-vm difftest-s390x-jit busybox sysroot sysroot-s390x cross threads; do record $t "SKIP(build failed)" 0; done
fi

echo
echo "=== summary"
for i in "${!NAMES[@]}"; do
  printf '  %-13s %-40s %5ss\n' "${NAMES[$i]}" "${STATUS[$i]}" "${SECS[$i]}"
done
total=0; for s in "${SECS[@]}"; do total=$((total + s)); done
if [ $failed = 0 ]; then echo "all tiers passed (${total}s)"; else echo "FAILED (${total}s)"; fi
exit $failed
