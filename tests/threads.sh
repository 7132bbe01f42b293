#!/usr/bin/env bash
# Guest threads: tests/guest-src/threads/threadtest.c (pthreads, atomics, condition
# variables, barriers, rwlocks, a robust mutex whose owner dies, signals to busy and blocked
# threads, process-directed signals, sigwait) built static for ppc64le, big-endian ppc64
# and (when s390x-linux-gnu-gcc is installed) s390x, run THREAD_RUNS times each (default 100) under bigiron. Every run must exit 0 within the
# time limit and print exactly what the program built natively for the host prints (its
# output depends neither on scheduling nor on the ISA).
#
#   tests/threads.sh
#
#   BIGIRON      the emulator binary (default: target/release/bigiron)
#   THREAD_RUNS  runs per architecture (default 100)
# Exits 0 if every run passes, 1 on any failure, 2 if a compiler is missing
# (scripts/install-deps.sh installs them).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=${BIGIRON:-${CARGO_TARGET_DIR:-$ROOT/target}/release/bigiron}
RUNS=${THREAD_RUNS:-100}
TMO=${THREAD_TIMEOUT:-60}
for c in gcc powerpc64-linux-gnu-gcc powerpc64le-linux-gnu-gcc "$B"; do
  command -v "$c" >/dev/null || { echo "threads.sh: missing $c (scripts/install-deps.sh)" >&2; exit 2; }
done
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
SRC="$ROOT/tests/guest-src/threads/threadtest.c"
gcc -O2 -o "$W/native" "$SRC" -lpthread || { echo "threads.sh: native build failed"; exit 1; }
timeout "$TMO" "$W/native" > "$W/expected" || { echo "threads.sh: the native build fails on its own"; cat "$W/expected"; exit 1; }
total_fail=0
ARCHES=(ppc64le ppc64)
command -v s390x-linux-gnu-gcc >/dev/null && ARCHES+=(s390x)
for arch in "${ARCHES[@]}"; do
  case $arch in
    ppc64) cc=powerpc64-linux-gnu-gcc ;;
    ppc64le) cc=powerpc64le-linux-gnu-gcc ;;
    *) cc=$arch-linux-gnu-gcc ;;
  esac
  if ! $cc -O2 -static -o "$W/$arch" "$SRC" -lpthread 2> "$W/cc.err"; then
    echo "FAIL  $arch: does not build"; head -5 "$W/cc.err"; total_fail=$((total_fail+1)); continue
  fi
  ok=0; fail=0
  for i in $(seq "$RUNS"); do
    (cd "$W" && timeout "$TMO" "$B" user $arch "$W/$arch" > "$W/out" 2> "$W/err"); st=$?
    if [ $st = 0 ] && cmp -s "$W/expected" "$W/out"; then
      ok=$((ok+1))
    else
      fail=$((fail+1))
      if [ $fail -le 3 ]; then
        echo "FAIL  $arch run $i (exit $st$([ $st = 124 ] && echo ', timed out'))"
        diff "$W/expected" "$W/out" | head -8 | sed 's/^/      /'
        head -c 400 "$W/err" | sed 's/^/      stderr: /'
      fi
    fi
  done
  printf '%-8s %d/%d runs correct\n' $arch $ok "$RUNS"
  total_fail=$((total_fail+fail))
done
[ "$total_fail" = 0 ]
