#!/usr/bin/env bash
# Whole-program user-mode comparison: native x86-64 busybox vs the peer (qemu-user 7.2) vs
# bigiron, on Debian's static busybox for each guest architecture.
#
#   scripts/user-compare.sh [GUESTS] [RUNS]          (defaults: guests, 3)
#
#   EMU_PPC64LE  command for ppc64le guests (default: target/release/bigiron user ppc64le;
#                set it empty to skip the emulator column)
#   EMU_S390X    command for s390x guests (default: empty = skipped, until bigiron runs them)
#
# GUESTS comes from scripts/fetch-guests.sh. Each workload runs RUNS times; the best wall
# time counts. Every emulator's stdout must equal the native one (md5), else the row says
# MISMATCH. Prints one row per workload and arch, then geometric means of time/native.
# Exits non-zero if any emulator row is MISMATCH or FAIL.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
G=${1:-$ROOT/guests}; RUNS=${2:-3}
G=$(cd "$G" && pwd) || { echo "no guests dir (run scripts/fetch-guests.sh)" >&2; exit 2; }
EMU_PPC64LE=${EMU_PPC64LE-${BIGIRON:-${CARGO_TARGET_DIR:-$ROOT/target}/release/bigiron} user ppc64le}
EMU_S390X=${EMU_S390X-}
for f in "$G/amd64/busybox" "$G/ppc64el/busybox"; do [ -x "$f" ] || { echo "missing $f" >&2; exit 2; }; done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (scripts/install-deps.sh)" >&2; exit 2; }

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
NAT="$G/amd64/busybox"
head -c 33554432 /dev/urandom > "$work/rand"            # 32 MiB of noise (same file for all)
"$NAT" seq 1 400000 | "$NAT" awk '{print $1*7919 % 100003, "line", $1}' > "$work/text"
"$NAT" gzip -9 -c "$work/text" > "$work/text.gz"
NW=7
workload() {  # workload N -> argv for busybox, in array W
  case $1 in
    1) W=(md5sum "$work/rand");;
    2) W=(sha256sum "$work/rand");;
    3) W=(gzip -9 -c "$work/text");;
    4) W=(gunzip -c "$work/text.gz");;
    5) W=(sort "$work/text");;
    6) W=(awk 'BEGIN{s=0;for(i=1;i<=1500000;i++)s+=1.0/i;printf("%.9f\n",s)}');;
    7) W=(sh -c 'i=0;s=0;while [ $i -lt 60000 ];do s=$((s+i*i%7));i=$((i+1));done;echo $s');;
  esac
}
best() {  # best wall seconds of RUNS runs of "$@"; stdout md5 into $work/out
  local b=999999 t
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f %e -o "$work/t" "$@" 2>/dev/null | md5sum | cut -c1-32 > "$work/out"
    t=$(tail -n1 "$work/t")
    [[ $t =~ ^[0-9.]+$ ]] || { echo FAIL; return; }
    b=$(awk -v a="$b" -v c="$t" 'BEGIN{print (c<a)?c:a}')
  done
  echo "$b"
}
bad=0
printf '%-8s %-34s %8s %8s %8s %8s %8s\n' arch workload native qemu emu qemu/nat emu/nat
for arch in ppc64el s390x; do
  case $arch in ppc64el) Q=qemu-ppc64le-static; E=$EMU_PPC64LE;; s390x) Q=qemu-s390x-static; E=$EMU_S390X;; esac
  [ -x "$G/$arch/busybox" ] || continue
  # An emulator binary that is not there yet is reported, not run.
  if [ -n "$E" ] && ! command -v "${E%% *}" >/dev/null; then echo "($arch: ${E%% *} not built, emu column skipped)"; E=; fi
  lq=0; le=0; n=0; ne=0
  for k in $(seq $NW); do
    workload "$k"; argv=("${W[@]}"); w="${W[*]}"
    tn=$(best "$NAT" "${argv[@]}"); ref=$(cat "$work/out")
    tq=$(best $Q "$G/$arch/busybox" "${argv[@]}"); [ "$(cat "$work/out")" = "$ref" ] || tq=MISMATCH
    te=-; if [ -n "$E" ]; then te=$(best $E "$G/$arch/busybox" "${argv[@]}"); [ "$(cat "$work/out")" = "$ref" ] || te=MISMATCH; fi
    case $te in MISMATCH|FAIL) bad=1;; esac
    rq=$(awk -v a="$tq" -v b="$tn" 'BEGIN{if(a+0>0&&b+0>0)printf "%.2f",a/b; else print "-"}')
    re=$(awk -v a="$te" -v b="$tn" 'BEGIN{if(a+0>0&&b+0>0)printf "%.2f",a/b; else print "-"}')
    [ "$rq" != - ] && { lq=$(awk -v s="$lq" -v r="$rq" 'BEGIN{print s+log(r)}'); n=$((n+1)); }
    [ "$re" != - ] && { le=$(awk -v s="$le" -v r="$re" 'BEGIN{print s+log(r)}'); ne=$((ne+1)); }
    printf '%-8s %-34.34s %8s %8s %8s %8s %8s\n' "$arch" "$w" "$tn" "$tq" "$te" "$rq" "$re"
  done
  gq=$(awk -v s="$lq" -v n="$n" 'BEGIN{if(n)printf "%.2f",exp(s/n); else print "-"}')
  ge=$(awk -v s="$le" -v n="$ne" 'BEGIN{if(n)printf "%.2f",exp(s/n); else print "-"}')
  echo "GEOMEAN $arch qemu/native=$gq emu/native=$ge (emu rows measured: $ne of $NW)"
done
exit $bad
