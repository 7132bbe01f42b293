#!/usr/bin/env bash
# Build a sysroot for dynamically linked guest programs, from Debian's archive.
#
#   scripts/fetch-sysroot.sh [DEST [ARCH]]   (default DEST: guests/sysroot-ppc64el)
#
# ARCH is the Debian architecture (ppc64el or s390x); by default it is taken from a DEST
# named sysroot-ARCH, else ppc64el. Unpacks (dpkg -x, no maintainer scripts) Debian's
# libc6, the GCC runtime, and the test programs lua5.4 and xz-utils with their libraries
# into DEST, for `bigiron user ppc64le -L DEST DEST/usr/bin/lua5.4 ...` (or `user s390x`).
# DEST/PACKAGES lists what is inside (package, version). Needs root the first time
# (dpkg --add-architecture ARCH, apt-get update); afterwards an existing complete sysroot
# is kept (idempotent).
set -euo pipefail
DEST=${1:-guests/sysroot-ppc64el}
case "${2:-$(basename "$DEST")}" in
  s390x|sysroot-s390x) ARCH=s390x ;;
  *) ARCH=ppc64el ;;
esac
PKGS=(libc6 libgcc-s1 libstdc++6 libtinfo6 libreadline8 liblzma5 lua5.4 xz-utils)
mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
export DEBIAN_FRONTEND=noninteractive
if [ -s "$DEST/PACKAGES" ] && [ "$(wc -l < "$DEST/PACKAGES")" = "${#PKGS[@]}" ]; then
  echo "sysroot: up to date in $DEST"
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  if ! dpkg --print-foreign-architectures | grep -qx "$ARCH"; then
    dpkg --add-architecture "$ARCH"
    apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null 2>&1 || true
  elif ! apt-cache show libc6:$ARCH >/dev/null 2>&1; then
    apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null 2>&1 || true
  fi
elif ! apt-cache show libc6:$ARCH >/dev/null 2>&1; then
  echo "fetch-sysroot: run once as root (needs dpkg --add-architecture $ARCH)" >&2
  exit 1
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
: > "$work/PACKAGES"
for p in "${PKGS[@]}"; do
  (cd "$work" && apt-get download "$p:$ARCH" >/dev/null 2>&1) || { echo "fetch-sysroot: cannot download $p:$ARCH" >&2; exit 1; }
  deb=$(ls "$work/${p}"_*_$ARCH.deb)
  dpkg -x "$deb" "$DEST"
  echo "$p:$ARCH $(dpkg-deb -f "$deb" Version)" >> "$work/PACKAGES"
done
mv "$work/PACKAGES" "$DEST/PACKAGES"
echo "sysroot: ${#PKGS[@]} packages in $DEST"
