#!/usr/bin/env bash
# Install what bigiron's tests and benchmarks need on a fresh Debian 12 machine (as root).
#
#   scripts/install-deps.sh
#
#   qemu-user-static  the peer: Debian's QEMU 7.2 (qemu-ppc64le-static, qemu-s390x-static)
#   time              /usr/bin/time for scripts/user-compare.sh
#   cpio              initramfs images (later kernel tiers)
#   ca-certificates   apt over https mirrors
#   lua5.4, xz-utils  the native side of tests/sysroot.sh (the guest side comes from
#                     scripts/fetch-sysroot.sh)
#   gcc-powerpc64{,le}-linux-gnu, libc6-dev-ppc64{,el}-cross, gcc-s390x-linux-gnu,
#   libc6-dev-s390x-cross
#                     cross compilers for tests/cross.sh and tests/threads.sh (guest
#                     programs from tests/guest-src)
# Guest binaries (busybox for ppc64el, s390x, amd64) come from scripts/fetch-guests.sh.
# The differential harness writes its own ELF files; the cross compilers build the C test
# programs of tests/cross.sh.
# Idempotent: installs only what is missing; a failing third-party apt list does not stop it.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if [ "$(id -u)" != 0 ]; then
  echo "install-deps: must run as root (apt-get); skipping" >&2
  exit 0
fi

need=()
command -v qemu-ppc64le-static >/dev/null || need+=(qemu-user-static)
command -v qemu-s390x-static >/dev/null || need+=(qemu-user-static)
[ -x /usr/bin/time ] || need+=(time)
command -v cpio >/dev/null || need+=(cpio)
[ -f /etc/ssl/certs/ca-certificates.crt ] || need+=(ca-certificates)
command -v lua5.4 >/dev/null || need+=(lua5.4)
command -v xz >/dev/null || need+=(xz-utils)
command -v powerpc64-linux-gnu-gcc >/dev/null || need+=(gcc-powerpc64-linux-gnu libc6-dev-ppc64-cross)
command -v powerpc64le-linux-gnu-gcc >/dev/null || need+=(gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross)
command -v s390x-linux-gnu-gcc >/dev/null || need+=(gcc-s390x-linux-gnu libc6-dev-s390x-cross)
# binutils-powerpc64le-linux-gnu is NOT needed (the harness encodes its own instructions);
# set BIGIRON_WANT_BINUTILS=1 to get objdump for looking at guest code by hand.
if [ "${BIGIRON_WANT_BINUTILS:-0}" = 1 ] && ! command -v powerpc64le-linux-gnu-objdump >/dev/null; then
  need+=(binutils-powerpc64le-linux-gnu)
fi

if [ ${#need[@]} -eq 0 ]; then
  echo "install-deps: nothing to install"
else
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  echo "install-deps: installing ${need[*]}"
  # apt may be busy (unattended upgrades, another job): wait for its lock instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null 2>&1 || true   # a broken third-party list must not stop us
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
qemu-ppc64le-static --version | head -n1
