#!/usr/bin/env bash
# Build a ppc64el sysroot for dynamically linked guest programs, from Debian's archive.
#
#   scripts/fetch-sysroot.sh [DEST]       (default DEST: guests/sysroot-ppc64el)
#
# Unpacks (dpkg -x, no maintainer scripts) Debian's libc6, the GCC runtime, and the test
# programs lua5.4 and xz-utils with their libraries into DEST, for `bigiron user ppc64le
# -L DEST DEST/usr/bin/lua5.4 ...`. DEST/PACKAGES lists what is inside (package, version).
# Needs root the first time (dpkg --add-architecture ppc64el, apt-get update); afterwards
# an existing complete sysroot is kept (idempotent).
set -euo pipefail
DEST=${1:-guests/sysroot-ppc64el}
PKGS=(libc6 libgcc-s1 libstdc++6 libtinfo6 libreadline8 liblzma5 lua5.4 xz-utils)
mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
export DEBIAN_FRONTEND=noninteractive
if [ -s "$DEST/PACKAGES" ] && [ "$(wc -l < "$DEST/PACKAGES")" = "${#PKGS[@]}" ]; then
  echo "sysroot: up to date in $DEST"
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  if ! dpkg --print-foreign-architectures | grep -qx ppc64el; then
    dpkg --add-architecture ppc64el
    apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null 2>&1 || true
  elif ! apt-cache show libc6:ppc64el >/dev/null 2>&1; then
    apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null 2>&1 || true
  fi
elif ! apt-cache show libc6:ppc64el >/dev/null 2>&1; then
  echo "fetch-sysroot: run once as root (needs dpkg --add-architecture ppc64el)" >&2
  exit 1
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
: > "$work/PACKAGES"
for p in "${PKGS[@]}"; do
  (cd "$work" && apt-get download "$p:ppc64el" >/dev/null 2>&1) || { echo "fetch-sysroot: cannot download $p:ppc64el" >&2; exit 1; }
  deb=$(ls "$work/${p}"_*_ppc64el.deb)
  dpkg -x "$deb" "$DEST"
  echo "$p:ppc64el $(dpkg-deb -f "$deb" Version)" >> "$work/PACKAGES"
done
mv "$work/PACKAGES" "$DEST/PACKAGES"
echo "sysroot: ${#PKGS[@]} packages in $DEST"
