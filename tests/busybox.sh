#!/usr/bin/env bash
# Busybox applet tests: Debian's static ppc64el busybox under the emulator must print exactly
# what the native amd64 busybox prints (stdout and exit status), on deterministic inputs.
#
#   tests/busybox.sh [GUESTS]                  (default: guests, from scripts/fetch-guests.sh)
#
#   EMU        emulator command for ppc64el (default: target/release/bigiron user ppc64le);
#              EMU=qemu-ppc64le-static checks the script itself against the peer
#   EMU_S390X  if set, the same tests also run guests/s390x/busybox under it
#   BB_TIMEOUT seconds per command (default 300)
# Exits 0 if every test passes, 1 on any failure, 2 if the emulator or guests are missing.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
G=${1:-$ROOT/guests}
G=$(cd "$G" 2>/dev/null && pwd) || { echo "busybox.sh: no guests dir (run scripts/fetch-guests.sh)" >&2; exit 2; }
EMU=${EMU:-${BIGIRON:-${CARGO_TARGET_DIR:-$ROOT/target}/release/bigiron} user ppc64le}
TMO=${BB_TIMEOUT:-300}
NAT="$G/amd64/busybox"
for f in "$NAT" "$G/ppc64el/busybox"; do [ -x "$f" ] || { echo "busybox.sh: missing $f" >&2; exit 2; }; done
command -v "${EMU%% *}" >/dev/null || { echo "busybox.sh: emulator not found: ${EMU%% *}" >&2; exit 2; }

W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cd "$W"
# ---- deterministic inputs, made by the native busybox ----
"$NAT" awk 'BEGIN{srand(7); for(i=1;i<=40000;i++){printf "%d line %d %s %x\n", (i*7919)%100003, i, substr("alpha beta gamma delta epsilon", 1+(i%5)*6, 5), int(rand()*1e6)}}' > text
"$NAT" gzip -1 -c text > bin                       # binary data with every byte value
"$NAT" seq 1 5000 | "$NAT" awk '{printf "%05d,%s,%d\n", $1, ($1%3?"x":"yy"), $1*$1}' > csv
mkdir -p tree/a/b tree/c
cp text tree/a/text; cp bin tree/a/b/bin; cp csv tree/c/csv; echo hello > tree/hello
ln -s a/text tree/link
touch -d '2020-01-02 03:04:05' tree tree/* tree/a/* tree/a/b/* tree/c/*
"$NAT" tar -cf native.tar tree
chmod -R go-w tree
printf 'scale=40\n4*a(1)\n2^200 %% 1000000007\n(123456789^5)/97\nsqrt(2)\n' > calc.bc

pass=0; fail=0; failed=()
# A test whose native run fails tests nothing (e.g. an applet feature Debian left out).
broken() {
  [ "$2" = 0 ] && return 1
  fail=$((fail+1)); failed+=("native:$1")
  printf 'BROKEN %s: the native run exited %s: %s\n' "$1" "$2" "$(head -c 300 err.nat)"
}
# check NAME [<FILE] ARGS... : busybox ARGS with stdin FILE (default /dev/null), natively and
# emulated; stdout and exit status must match.
check() {
  local name=$1; shift
  local in=/dev/null
  if [[ $1 == "<"* ]]; then in=${1#<}; shift; fi
  local arch gb e
  "$NAT" "$@" < "$in" > out.nat 2> err.nat; local sn=$?
  broken "$name" "$sn" && return
  for arch in "${ARCHES[@]}"; do
    gb="$G/$arch/busybox"; e=${EMUS[$arch]}
    { timeout "$TMO" $e "$gb" "$@" < "$in" > out.emu 2> err.emu; } 2>/dev/null; local se=$?
    if [ "$sn" = "$se" ] && cmp -s out.nat out.emu; then
      pass=$((pass+1)); printf 'ok    %-8s %s\n' "$arch" "$name"
    else
      fail=$((fail+1)); failed+=("$arch:$name")
      printf 'FAIL  %-8s %s (exit native %s, emulated %s)\n' "$arch" "$name" "$sn" "$se"
      diff <(head -c 2000 out.nat) <(head -c 2000 out.emu) | head -n 8 | cut -c1-160 | sed 's/^/      /'
      sed 's/^/      stderr: /' err.emu | head -n 6
    fi
  done
}
# shell NAME SCRIPT : runs SCRIPT with `sh -c` where $BB is the busybox binary being tested,
# for pipelines whose every stage is the tested busybox; compares stdout and status.
shell() {
  local name=$1 script=$2 arch gb e
  BB="$NAT" "$NAT" sh -c "$script" > out.nat 2> err.nat; local sn=$?
  broken "$name" "$sn" && return
  for arch in "${ARCHES[@]}"; do
    gb="$G/$arch/busybox"; e=${EMUS[$arch]}
    { BB="$e $gb" timeout "$TMO" "$NAT" sh -c "$script" > out.emu 2> err.emu; } 2>/dev/null; local se=$?
    if [ "$sn" = "$se" ] && cmp -s out.nat out.emu; then
      pass=$((pass+1)); printf 'ok    %-8s %s\n' "$arch" "$name"
    else
      fail=$((fail+1)); failed+=("$arch:$name")
      printf 'FAIL  %-8s %s (exit native %s, emulated %s)\n' "$arch" "$name" "$sn" "$se"
      diff <(head -c 2000 out.nat) <(head -c 2000 out.emu) | head -n 8 | cut -c1-160 | sed 's/^/      /'
      sed 's/^/      stderr: /' err.emu | head -n 6
    fi
  done
}

declare -A EMUS=([ppc64el]="$EMU")
ARCHES=(ppc64el)
if [ -n "${EMU_S390X:-}" ] && [ -x "$G/s390x/busybox" ]; then EMUS[s390x]=$EMU_S390X; ARCHES+=(s390x); fi
echo "busybox applets: native $NAT vs ${ARCHES[*]} under: ${EMUS[*]}"

check "md5sum"              md5sum text bin csv
check "sha256sum"           sha256sum text bin csv
check "sha1sum/sha512sum"   sha512sum text bin
check "gzip -9"             gzip -9 -c text
check "gunzip"              gunzip -c bin
shell "gzip|gunzip round"   '$BB gzip -9 -c text | $BB gunzip -c | $BB md5sum'
check "bzip2"               bzip2 -c csv
check "sort"                sort text
check "sort -n -k2"         sort -n -k2 text
check "sort -t, -k3nr -u"   sort -t, -k3nr -u csv
check "sh arithmetic loop"  sh -c 'i=0;s=0;while [ $i -lt 20000 ];do s=$((s+i*i%7));i=$((i+1));done;echo $s'
check "sh 64-bit arith"     sh -c 'a=9223372036854775807; echo $((a/3)) $((a%1000)) $(( -a >> 3 )) $(( 1 << 62 )) $((0x7fff * -0x8000))'
check "sh functions/case"   sh -c 'f(){ case $1 in *[05]) echo five;; *) echo $(( $1 * 3 ));; esac; }; for i in 1 5 12 20 33; do f $i; done'
# Signal handlers (ash's trap): sent to itself, from a child while waiting, repeatedly,
# and a handler that exits.
check "sh trap self"         sh -c 'trap "echo got USR1" USR1; kill -USR1 $$; echo after; trap "echo got TERM; exit 0" TERM; kill -TERM $$; echo not reached'
check "sh trap from child"   sh -c 'trap "echo alarm" ALRM; (sleep 0.3; kill -ALRM $$) & wait; echo done'
check "sh trap repeated"     sh -c 'i=0; trap "i=\$((i+1))" USR2; (for k in 1 2 3; do kill -USR2 $$; sleep 0.2; done) & while [ $i -lt 3 ]; do sleep 0.1; done; echo usr2 $i'
check "sed"                 sed -e 's/line \([0-9]*\)/L<\1>/' -e '/7 /d' -e 'y/abc/XYZ/' text
check "sed -n range"        sed -n '100,200p;300q' text
check "grep -E"             grep -E '^(1|22)[0-9]* line [0-9]+5 ' text
check "grep -c -v -i"       grep -c -v -i 'GAMMA' text
check "tr"                  "<text" tr 'a-z0-9' 'A-Z9876543210'
check "tr -d -s"            "<text" tr -s ' ' -d '13579'
check "wc"                  wc -l -w -c text bin csv
check "expr"                expr 123456789 \* 987 + 1000000007 % 97
check "expr match"          expr "abc123def" : '[a-z]*\([0-9]*\)'
check "cut -d -f"           cut -d, -f1,3 csv
check "cut -c"              cut -c3-9,12- text
check "head"                head -n 1234 text
check "tail"                tail -n 777 text
check "tail -c"             tail -c 5000 bin
# (awk's %d of a value beyond 32 bits is C's undefined float->int conversion: x86 and ppc64
# really differ there, so sums are printed with %.0f.)
check "awk"                 awk -F, '{s+=$3; c[$2]++} END{printf "%.0f %.6e %d %d\n", s, s/NR, c["x"], c["yy"]}' csv
check "awk float"           awk 'BEGIN{s=0;for(i=1;i<=200000;i++)s+=1.0/i;printf("%.9f %g %e %.0f\n",s,s*s/7,1/3,1024*1024*1024*1024)}'
check "printf"              printf '%d %x %o %u %5.2f %e %s\n' -42 3735928559 511 4294967295 3.14159 6.02e23 str
check "od"                  od -A x -t x1 -N 256 bin
check "xxd"                 xxd -l 512 bin
check "base64"              base64 bin
check "sha3sum"             sha3sum text
check "factor"              factor 4294967291 18446744073709551557 600851475143 1234567890123
check "bc -l"               "<calc.bc" bc -l
check "dc"                  dc -e '2 64 ^ p 10 k 2 v p 355 113 / p 1 3 / 3 * p _7 2 % p 16 o 255 p 10 o 20 k 1 7 / p'
# (commands that are not shell builtins would run the host's own programs from PATH, so
# pipelines are built from separate checks or from `shell` below.)
check "seq"                 seq -s , 1 7 30000
check "crc32"               crc32 text
shell "cut|sort|uniq -c"    '$BB cut -d, -f2 csv | $BB sort | $BB uniq -c'
check "tar -tv (native.tar)" tar -tvf native.tar
check "tar -c"              tar -cf - tree
shell "tar -c|-x round"     'rm -rf x && mkdir x && $BB tar -cf t.tar tree && $BB tar -xf t.tar -C x && cd x && find . | sort && $BB md5sum tree/a/text tree/a/b/bin tree/c/csv && cd .. && cmp t.tar native.tar && echo tar-identical'
shell "tar -x native"       'rm -rf y && mkdir y && $BB tar -xf native.tar -C y && "'"$NAT"'" diff -r tree y/tree && echo same'

total=$((pass+fail))
echo "busybox applets: $pass/$total passed${failed[*]:+; failed: ${failed[*]}}"
[ "$fail" = 0 ]
