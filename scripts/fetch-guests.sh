#!/usr/bin/env bash
# Fetch the guest programs the tests run, from Debian's package archive.
#
#   scripts/fetch-guests.sh [DEST] [--kernels]      (default DEST: guests)
#
# Produces DEST/{ppc64el,s390x,amd64}/busybox (Debian's busybox-static for each
# architecture) and DEST/MANIFEST: one line per file with package, version and sha256.
# Needs root the first time (dpkg --add-architecture, apt-get update); afterwards, files
# already present are kept and nothing is downloaded (idempotent).
#
# --kernels also fetches Debian's ppc64el and s390x kernels for the system-mode tiers.
# TODO(system mode): build the busybox initramfs images next to them (see the boot issue).
set -euo pipefail
DEST=guests; KERNELS=0
for a in "$@"; do
  case $a in
    --kernels) KERNELS=1;;
    -h|--help) sed -n '2,13p' "$0"; exit 0;;
    *) DEST=$a;;
  esac
done
mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
export DEBIAN_FRONTEND=noninteractive
ARCHES=(ppc64el s390x amd64)

have_all() {
  for a in "${ARCHES[@]}"; do [ -s "$DEST/$a/busybox" ] || return 1; done
  [ "$KERNELS" = 0 ] || { [ -s "$DEST/ppc64el/vmlinux" ] && [ -s "$DEST/s390x/vmlinuz" ]; } || return 1
  [ -s "$DEST/MANIFEST" ]
}
if have_all; then
  echo "guests: up to date in $DEST"
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  UPDATE=0
  for a in ppc64el s390x; do
    dpkg --print-foreign-architectures | grep -qx "$a" || { dpkg --add-architecture "$a"; UPDATE=1; }
  done
  if [ "$UPDATE" = 1 ] || ! apt-cache show busybox-static:ppc64el >/dev/null 2>&1; then
    apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null 2>&1 || true  # tolerate a broken third-party list
  fi
elif ! apt-cache show busybox-static:ppc64el >/dev/null 2>&1; then
  echo "fetch-guests: run once as root (needs dpkg --add-architecture ppc64el s390x)" >&2
  exit 1
fi

work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# fetch PKG:ARCH -> prints the directory the package was unpacked into
fetch() {
  local p=$1 d="$work/${1%%:*}-${1##*:}"
  if [ ! -d "$d" ]; then
    mkdir -p "$d"
    (cd "$work" && apt-get download "$p" >/dev/null 2>&1) || { echo "fetch-guests: cannot download $p" >&2; exit 1; }
    dpkg -x "$work/${p%%:*}"_*_"${p##*:}".deb "$d"
  fi
  echo "$d"
}
version() { dpkg-deb -f "$work/${1%%:*}"_*_"${1##*:}".deb Version; }

for a in "${ARCHES[@]}"; do
  mkdir -p "$DEST/$a"
  if [ ! -s "$DEST/$a/busybox" ]; then
    d=$(fetch "busybox-static:$a")
    install -m 0755 "$d/bin/busybox" "$DEST/$a/busybox"
    echo "busybox-static:$a $(version "busybox-static:$a")" > "$DEST/$a/busybox.package"
  fi
done

if [ "$KERNELS" = 1 ]; then
  # The exact kernel package behind Debian's meta-package, unless KVER pins one.
  kpkg() { apt-cache depends "linux-image-$1:$2" 2>/dev/null | sed -n 's/ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n1; }
  PPC_K=${KVER:+linux-image-$KVER-powerpc64le}; PPC_K=${PPC_K:-$(kpkg powerpc64le ppc64el)}
  S390_K=${KVER:+linux-image-$KVER-s390x};      S390_K=${S390_K:-$(kpkg s390x s390x)}
  if [ ! -s "$DEST/ppc64el/vmlinux" ]; then
    d=$(fetch "$PPC_K:ppc64el"); cp "$d"/boot/vmlinux-* "$DEST/ppc64el/vmlinux"; cp "$d"/boot/config-* "$DEST/ppc64el/config"
    echo "$PPC_K:ppc64el $(version "$PPC_K:ppc64el")" > "$DEST/ppc64el/vmlinux.package"
  fi
  if [ ! -s "$DEST/s390x/vmlinuz" ]; then
    d=$(fetch "$S390_K:s390x"); cp "$d"/boot/vmlinuz-* "$DEST/s390x/vmlinuz"; cp "$d"/boot/config-* "$DEST/s390x/config"
    echo "$S390_K:s390x $(version "$S390_K:s390x")" > "$DEST/s390x/vmlinuz.package"
  fi
fi

# MANIFEST: path, package and version, sha256 — what the tests ran on, for bug reports.
{
  echo "# bigiron guests fetched $(date -u +%Y-%m-%dT%H:%M:%SZ) from the Debian archive"
  for f in "$DEST"/*/busybox "$DEST"/ppc64el/vmlinux "$DEST"/s390x/vmlinuz; do
    [ -s "$f" ] || continue
    rel=${f#"$DEST"/}
    pkg=$(cat "$f.package" 2>/dev/null || echo unknown)
    echo "$rel $pkg sha256:$(sha256sum "$f" | cut -d' ' -f1)"
  done
} > "$DEST/MANIFEST"
cat "$DEST/MANIFEST"
echo "guests ready in $DEST"
