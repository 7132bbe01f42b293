#!/usr/bin/env bash
# Dynamically linked guest programs: Debian's ppc64el (or s390x) lua5.4 and xz (with their
# shared libraries and glibc's dynamic loader, from scripts/fetch-sysroot.sh) under the
# emulator with -L SYSROOT must print exactly what Debian's native amd64 lua5.4 and xz print
# (stdout and exit status), on deterministic inputs.
#
#   tests/sysroot.sh [SYSROOT]          (default: guests/sysroot-ppc64el)
#
#   EMU   emulator command (default: target/release/bigiron user ppc64le, or user s390x for
#         a SYSROOT named sysroot-s390x)
# Exits 0 if every test passes, 1 on any failure, 2 if something needed is missing.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
S=${1:-$ROOT/guests/sysroot-ppc64el}
S=$(cd "$S" 2>/dev/null && pwd) || { echo "sysroot.sh: no sysroot (run scripts/fetch-sysroot.sh)" >&2; exit 2; }
ARCH=ppc64le; [ "$(basename "$S")" = sysroot-s390x ] && ARCH=s390x
EMU=${EMU:-${BIGIRON:-${CARGO_TARGET_DIR:-$ROOT/target}/release/bigiron} user $ARCH}
TMO=${SR_TIMEOUT:-300}
for f in "$S/usr/bin/lua5.4" "$S/usr/bin/xz"; do [ -x "$f" ] || { echo "sysroot.sh: missing $f" >&2; exit 2; }; done
for c in lua5.4 xz "${EMU%% *}"; do command -v "$c" >/dev/null || { echo "sysroot.sh: missing $c (scripts/install-deps.sh)" >&2; exit 2; }; done

W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
cd "$W"
lua5.4 -e 'math.randomseed(7); for i = 1, 60000 do print(string.format("%d line %d %x", (i * 7919) % 100003, i, math.random(0, 1 << 30))) end' > text
xz -6 -c text > text.xz

cat > prog.lua <<'LUA'
-- Integer and float arithmetic, formatting, strings, tables, closures, coroutines, errors.
local t = {}
for i = 1, 2000 do t[i] = (i * 2654435761) % 1000003 end
table.sort(t)
print(t[1], t[1000], t[2000], #t)
local s = 0.0
for i = 1, 200000 do s = s + 1.0 / i end
print(string.format("%.12f %.17g %a", s, math.pi * 1e10, 1 / 3))
print(math.maxinteger + 1 == math.mininteger, 7 // 2, -7 // 2, 7 % -3, 2 ^ 53, 10 / 4)
print(math.tointeger(3.0), math.floor(-2.5), math.ceil(-2.5), math.fmod(-7, 3), math.abs(math.mininteger))
print(string.format("%5.2f|%-8s|%08x|%q", 3.14159, "ab", 48879, "a\nb\0c"))
local words = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do words[#words + 1] = w:upper() end
print(table.concat(words, ","), ("hello"):rep(3, "-"), ("abc"):byte(1, -1))
print(string.pack(">I4<i8d", 0x01020304, -2, 1.5):byte(1, -1))
print(string.unpack("<i4", "\255\255\255\127"), utf8.char(228, 8364, 128512), utf8.len("äö€"))
local co = coroutine.wrap(function(a) local b = coroutine.yield(a * 2); return a + b end)
print(co(20), co(22))
local ok, err = pcall(function() error({code = 42}) end)
print(ok, type(err), err.code, select("#", pcall(error)))
local fib; fib = function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(27))
local mt = setmetatable({}, {__index = function(_, k) return k * k end, __call = function(_, x) return x + 1 end})
print(mt[12], mt(41), rawlen({1, 2, 3}), next({}, nil))
local f = io.open("out.txt", "w"); f:write("line1\n", 42, "\n"); f:close()
for l in io.lines("out.txt") do io.write("[", l, "]") end print()
print(os.time({year = 2020, month = 1, day = 2, hour = 3}) - os.time({year = 2020, month = 1, day = 1, hour = 3}))
print(string.format("%g %s %g %.3f", 1e300 * 1e10, tostring(0 / 0 ~= 0 / 0), 2 ^ -1074, math.sqrt(2) * math.exp(1) / math.log(10)))
LUA

pass=0; fail=0; failed=()
# check NAME [<FILE] CMD ARGS... : native CMD vs the guest's /usr/bin/CMD under the emulator.
check() {
  local name=$1; shift
  local in=/dev/null
  if [[ $1 == "<"* ]]; then in=${1#<}; shift; fi
  local cmd=$1; shift
  "$cmd" "$@" < "$in" > out.nat 2> err.nat; local sn=$?
  { timeout "$TMO" $EMU -L "$S" "$S/usr/bin/$cmd" "$@" < "$in" > out.emu 2> err.emu; } 2>/dev/null; local se=$?
  if [ "$sn" = "$se" ] && cmp -s out.nat out.emu; then
    pass=$((pass+1)); printf 'ok    %s\n' "$name"
  else
    fail=$((fail+1)); failed+=("$name")
    printf 'FAIL  %s (exit native %s, emulated %s)\n' "$name" "$sn" "$se"
    diff <(head -c 2000 out.nat) <(head -c 2000 out.emu) | head -n 8 | cut -c1-160 | sed 's/^/      /'
    head -c 400 err.emu | sed 's/^/      stderr: /'
  fi
}
check "xz --version" xz --version
check "xz -9 compress" xz -9 -c text
check "xz -dc" xz -dc text.xz
check "xz -t" xz -t text.xz
check "xz -l" xz -l --robot text.xz
check "xz | xz -d round trip" "<text.xz" xz -dc
check "xz on a bad file" xz -dc text
check "lua -v" lua5.4 -v
check "lua program" lua5.4 prog.lua
check "lua stdin" "<text" lua5.4 -e 'local n, s = 0, 0 for l in io.lines() do n = n + 1 s = s + #l end print(n, s)'
check "lua error exit" lua5.4 -e 'error("boom")'
check "lua os.exit" lua5.4 -e 'os.exit(3)'
echo "sysroot programs: $pass/$((pass + fail)) passed${failed:+; failed: ${failed[*]}}"
[ "$fail" = 0 ]
