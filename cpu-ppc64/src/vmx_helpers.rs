//! Helpers (Rust functions called from translated code) for the element-wise VMX
//! instructions of [`crate::vmx`] (Power ISA 3.0B Book I ch. 6).
//!
//! ABI: `extern "C" fn(cpu: *mut u8, t, a, b[, c]) -> u64` where `t`, `a`, `b`, `c` are
//! full VSR numbers (0..63; VR n is 32+n), read and written in `Ppc64Cpu::vsr` directly — the
//! engine syncs guest state to the struct before a helper call and reloads it afterwards.
//! Compare helpers return the CR6 value of their record form (the caller writes it when Rc=1);
//! helpers returning a GPR value say so. No helper raises.
//!
//! Elements are numbered as in the book: element 0 is the most significant, whatever MSR[LE].
//! [`elem`] and [`build`] convert between a 128-bit register value and its elements.

// Helpers take the CPU pointer as a plain `*mut u8` and are safe `extern "C" fn`s because
// `jit::helper!` (and the backends) call them through safe function-pointer types; only
// translated code and the interpreter call them, with the CPU struct they were written for.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::state::Ppc64Cpu;

/// The CPU struct behind a helper's pointer.
///
/// # Safety
/// `p` is the `Ppc64Cpu` translated code (or the interpreter) runs on, and no other reference
/// to it is live during the helper call.
pub(crate) unsafe fn cpu<'a>(p: *mut u8) -> &'a mut Ppc64Cpu {
    unsafe { &mut *(p as *mut Ppc64Cpu) }
}

/// VSR `n` as the architected 128-bit value (bit 0 of the book = bit 127 here).
pub fn vsr_get(c: &Ppc64Cpu, n: u64) -> u128 {
    let v = c.vsr[n as usize & 63];
    ((v[1] as u128) << 64) | v[0] as u128
}
pub fn vsr_set(c: &mut Ppc64Cpu, n: u64, v: u128) {
    c.vsr[n as usize & 63] = [v as u64, (v >> 64) as u64];
}

/// All-ones mask of a `w`-bit element (w ≤ 64).
pub const fn mask(w: u32) -> u64 {
    if w == 64 { u64::MAX } else { (1u64 << w) - 1 }
}
/// Element `i` (book numbering) of width `w` bits of `v`.
pub fn elem(v: u128, w: u32, i: u32) -> u64 {
    (v >> (128 - w * (i + 1))) as u64 & mask(w)
}
/// The vector whose element `i` of width `w` is `f(i)` (truncated to `w` bits).
pub fn build(w: u32, mut f: impl FnMut(u32) -> u64) -> u128 {
    (0..128 / w).fold(0u128, |acc, i| acc | (((f(i) & mask(w)) as u128) << (128 - w * (i + 1))))
}
/// `x`'s low `w` bits as a signed number.
pub fn sext(x: u64, w: u32) -> i64 {
    ((x << (64 - w)) as i64) >> (64 - w)
}

/// VSCR[SAT] (bit 31 of the 32-bit VSCR).
pub const VSCR_SAT: u32 = 1;

/// CR6 of a vector compare's record form: all elements true → 0b1000, none → 0b0010.
fn cr6(all: bool, none: bool) -> u64 {
    ((all as u64) << 3) | ((none as u64) << 1)
}

// ---- shapes: element-wise operations over one or two registers ----

fn unop(p: *mut u8, t: u64, a: u64, w: u32, f: impl Fn(u64) -> u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let x = vsr_get(c, a);
    vsr_set(c, t, build(w, |i| f(elem(x, w, i))));
    0
}

fn binop(p: *mut u8, t: u64, a: u64, b: u64, w: u32, f: impl Fn(u64, u64) -> u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vsr_get(c, a), vsr_get(c, b));
    vsr_set(c, t, build(w, |i| f(elem(x, w, i), elem(y, w, i))));
    0
}

/// Element-wise compare: true elements become all ones. Returns the CR6 value.
fn cmpop(p: *mut u8, t: u64, a: u64, b: u64, w: u32, f: impl Fn(u64, u64) -> bool) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vsr_get(c, a), vsr_get(c, b));
    let r = build(w, |i| if f(elem(x, w, i), elem(y, w, i)) { u64::MAX } else { 0 });
    vsr_set(c, t, r);
    cr6(r == u128::MAX, r == 0)
}

/// Element-wise saturating operation: `f` gives the exact result as an i128 and the
/// element's range clamps it; any clamping sets VSCR[SAT].
fn satop(p: *mut u8, t: u64, a: u64, b: u64, w: u32, signed: bool, f: impl Fn(i128, i128) -> i128) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vsr_get(c, a), vsr_get(c, b));
    let (lo, hi) = if signed {
        (-(1i128 << (w - 1)), (1i128 << (w - 1)) - 1)
    } else {
        (0, (1i128 << w) - 1)
    };
    let val = |v: u64| if signed { sext(v, w) as i128 } else { v as i128 };
    let mut sat = false;
    let r = build(w, |i| {
        let exact = f(val(elem(x, w, i)), val(elem(y, w, i)));
        let clamped = exact.clamp(lo, hi);
        sat |= clamped != exact;
        clamped as u64
    });
    vsr_set(c, t, r);
    if sat {
        c.vscr |= VSCR_SAT;
    }
    0
}

// ---- integer arithmetic (§6.9.1) ----

pub extern "C" fn vaddubm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, u64::wrapping_add)
}
pub extern "C" fn vadduhm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, u64::wrapping_add)
}
pub extern "C" fn vadduwm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, u64::wrapping_add)
}
pub extern "C" fn vaddudm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, u64::wrapping_add)
}
pub extern "C" fn vsububm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, u64::wrapping_sub)
}
pub extern "C" fn vsubuhm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, u64::wrapping_sub)
}
pub extern "C" fn vsubuwm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, u64::wrapping_sub)
}
pub extern "C" fn vsubudm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, u64::wrapping_sub)
}
pub extern "C" fn vaddubs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 8, false, |x, y| x + y)
}
pub extern "C" fn vadduhs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 16, false, |x, y| x + y)
}
pub extern "C" fn vadduws(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 32, false, |x, y| x + y)
}
pub extern "C" fn vaddsbs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 8, true, |x, y| x + y)
}
pub extern "C" fn vaddshs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 16, true, |x, y| x + y)
}
pub extern "C" fn vaddsws(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 32, true, |x, y| x + y)
}
pub extern "C" fn vsububs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 8, false, |x, y| x - y)
}
pub extern "C" fn vsubuhs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 16, false, |x, y| x - y)
}
pub extern "C" fn vsubuws(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 32, false, |x, y| x - y)
}
pub extern "C" fn vsubsbs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 8, true, |x, y| x - y)
}
pub extern "C" fn vsubshs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 16, true, |x, y| x - y)
}
pub extern "C" fn vsubsws(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    satop(p, t, a, b, 32, true, |x, y| x - y)
}

/// `vsumsws`: word 3 ← the saturated sum of VRA's four signed words and VRB's word 3;
/// words 0-2 ← 0.
pub extern "C" fn vsumsws(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vsr_get(c, a), vsr_get(c, b));
    let sum: i64 = (0..4).map(|i| sext(elem(x, 32, i), 32)).sum::<i64>() + sext(elem(y, 32, 3), 32);
    let clamped = sum.clamp(i32::MIN as i64, i32::MAX as i64);
    vsr_set(c, t, clamped as u32 as u128);
    if clamped != sum {
        c.vscr |= VSCR_SAT;
    }
    0
}

// ---- maximum / minimum (§6.9.1.6) ----

fn umax(x: u64, y: u64) -> u64 {
    x.max(y)
}
fn umin(x: u64, y: u64) -> u64 {
    x.min(y)
}
fn smax(w: u32) -> impl Fn(u64, u64) -> u64 {
    move |x, y| if sext(x, w) >= sext(y, w) { x } else { y }
}
fn smin(w: u32) -> impl Fn(u64, u64) -> u64 {
    move |x, y| if sext(x, w) <= sext(y, w) { x } else { y }
}
pub extern "C" fn vmaxub(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, umax)
}
pub extern "C" fn vmaxuh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, umax)
}
pub extern "C" fn vmaxuw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, umax)
}
pub extern "C" fn vmaxud(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, umax)
}
pub extern "C" fn vminub(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, umin)
}
pub extern "C" fn vminuh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, umin)
}
pub extern "C" fn vminuw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, umin)
}
pub extern "C" fn vminud(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, umin)
}
pub extern "C" fn vmaxsb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, smax(8))
}
pub extern "C" fn vmaxsh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, smax(16))
}
pub extern "C" fn vmaxsw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, smax(32))
}
pub extern "C" fn vmaxsd(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, smax(64))
}
pub extern "C" fn vminsb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, smin(8))
}
pub extern "C" fn vminsh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, smin(16))
}
pub extern "C" fn vminsw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, smin(32))
}
pub extern "C" fn vminsd(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, smin(64))
}

// ---- compares (§6.9.3): the result of each also gives CR6 ----

pub extern "C" fn vcmpequb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 8, |x, y| x == y)
}
pub extern "C" fn vcmpequh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 16, |x, y| x == y)
}
pub extern "C" fn vcmpequw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 32, |x, y| x == y)
}
pub extern "C" fn vcmpequd(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 64, |x, y| x == y)
}
pub extern "C" fn vcmpneb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 8, |x, y| x != y)
}
pub extern "C" fn vcmpneh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 16, |x, y| x != y)
}
pub extern "C" fn vcmpnew(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 32, |x, y| x != y)
}
/// `vcmpnez*`: not equal, or either element zero.
pub extern "C" fn vcmpnezb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 8, |x, y| x != y || x == 0 || y == 0)
}
pub extern "C" fn vcmpnezh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 16, |x, y| x != y || x == 0 || y == 0)
}
pub extern "C" fn vcmpnezw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 32, |x, y| x != y || x == 0 || y == 0)
}
pub extern "C" fn vcmpgtub(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 8, |x, y| x > y)
}
pub extern "C" fn vcmpgtuh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 16, |x, y| x > y)
}
pub extern "C" fn vcmpgtuw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 32, |x, y| x > y)
}
pub extern "C" fn vcmpgtud(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 64, |x, y| x > y)
}
pub extern "C" fn vcmpgtsb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 8, |x, y| sext(x, 8) > sext(y, 8))
}
pub extern "C" fn vcmpgtsh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 16, |x, y| sext(x, 16) > sext(y, 16))
}
pub extern "C" fn vcmpgtsw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 32, |x, y| sext(x, 32) > sext(y, 32))
}
pub extern "C" fn vcmpgtsd(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    cmpop(p, t, a, b, 64, |x, y| sext(x, 64) > sext(y, 64))
}

// ---- bit counts (§6.9.6, v3.0 additions) ----

pub extern "C" fn vclzb(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 8, |x| (x as u8).leading_zeros() as u64)
}
pub extern "C" fn vclzh(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 16, |x| (x as u16).leading_zeros() as u64)
}
pub extern "C" fn vclzw(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 32, |x| (x as u32).leading_zeros() as u64)
}
pub extern "C" fn vclzd(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 64, |x| x.leading_zeros() as u64)
}
pub extern "C" fn vctzb(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 8, |x| (x as u8).trailing_zeros() as u64)
}
pub extern "C" fn vctzh(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 16, |x| (x as u16).trailing_zeros() as u64)
}
pub extern "C" fn vctzw(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 32, |x| (x as u32).trailing_zeros() as u64)
}
pub extern "C" fn vctzd(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 64, |x| x.trailing_zeros() as u64)
}
pub extern "C" fn vpopcntb(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 8, |x| x.count_ones() as u64)
}
pub extern "C" fn vpopcnth(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 16, |x| x.count_ones() as u64)
}
pub extern "C" fn vpopcntw(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 32, |x| x.count_ones() as u64)
}
pub extern "C" fn vpopcntd(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 64, |x| x.count_ones() as u64)
}

/// `vclzlsbb RT,VRB`: how many bytes, from byte 0 on, have their least significant bit 0
/// before the first that has it 1 (16 if none). Returns the GPR value.
pub extern "C" fn vclzlsbb(p: *mut u8, b: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let x = vsr_get(unsafe { cpu(p) }, b);
    (0..16).take_while(|&i| elem(x, 8, i) & 1 == 0).count() as u64
}
/// `vctzlsbb RT,VRB`: the same counting from byte 15 down.
pub extern "C" fn vctzlsbb(p: *mut u8, b: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let x = vsr_get(unsafe { cpu(p) }, b);
    (0..16).rev().take_while(|&i| elem(x, 8, i) & 1 == 0).count() as u64
}

// ---- shifts and rotates by element (§6.9.5): the count is the element's low log2(w) bits ----

pub extern "C" fn vslb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, |x, y| x << (y & 7))
}
pub extern "C" fn vslh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, |x, y| x << (y & 15))
}
pub extern "C" fn vslw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, |x, y| x << (y & 31))
}
pub extern "C" fn vsld(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, |x, y| x << (y & 63))
}
pub extern "C" fn vsrb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, |x, y| x >> (y & 7))
}
pub extern "C" fn vsrh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, |x, y| x >> (y & 15))
}
pub extern "C" fn vsrw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, |x, y| x >> (y & 31))
}
pub extern "C" fn vsrd(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, |x, y| x >> (y & 63))
}
pub extern "C" fn vsrab(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, |x, y| (sext(x, 8) >> (y & 7)) as u64)
}
pub extern "C" fn vsrah(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, |x, y| (sext(x, 16) >> (y & 15)) as u64)
}
pub extern "C" fn vsraw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, |x, y| (sext(x, 32) >> (y & 31)) as u64)
}
pub extern "C" fn vsrad(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, |x, y| (sext(x, 64) >> (y & 63)) as u64)
}
pub extern "C" fn vrlb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, |x, y| (x as u8).rotate_left((y & 7) as u32) as u64)
}
pub extern "C" fn vrlh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, |x, y| (x as u16).rotate_left((y & 15) as u32) as u64)
}
pub extern "C" fn vrlw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, |x, y| (x as u32).rotate_left((y & 31) as u32) as u64)
}
pub extern "C" fn vrld(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, |x, y| x.rotate_left((y & 63) as u32))
}

// ---- merge, pack, permute (§6.8) ----

/// `vmrgh*`/`vmrgl*`: interleaves the elements of the high (`low = false`) or low halves of
/// VRA and VRB, VRA's first.
fn merge(p: *mut u8, t: u64, a: u64, b: u64, w: u32, low: bool) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vsr_get(c, a), vsr_get(c, b));
    let base = if low { 64 / w } else { 0 };
    let r = build(w, |i| {
        let src = if i % 2 == 0 { x } else { y };
        elem(src, w, base + i / 2)
    });
    vsr_set(c, t, r);
    0
}
pub extern "C" fn vmrghb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    merge(p, t, a, b, 8, false)
}
pub extern "C" fn vmrghh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    merge(p, t, a, b, 16, false)
}
pub extern "C" fn vmrghw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    merge(p, t, a, b, 32, false)
}
pub extern "C" fn vmrglb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    merge(p, t, a, b, 8, true)
}
pub extern "C" fn vmrglh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    merge(p, t, a, b, 16, true)
}
pub extern "C" fn vmrglw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    merge(p, t, a, b, 32, true)
}

/// `vpku*um`: the low halves of VRA's elements of width `w`, then VRB's (modulo).
fn pack_modulo(p: *mut u8, t: u64, a: u64, b: u64, w: u32) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vsr_get(c, a), vsr_get(c, b));
    let n = 128 / w;
    let r = build(w / 2, |i| if i < n { elem(x, w, i) } else { elem(y, w, i - n) });
    vsr_set(c, t, r);
    0
}
pub extern "C" fn vpkuhum(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_modulo(p, t, a, b, 16)
}
pub extern "C" fn vpkuwum(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_modulo(p, t, a, b, 32)
}
pub extern "C" fn vpkudum(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_modulo(p, t, a, b, 64)
}

/// Byte `i` (0..31) of the 32-byte concatenation `hi || lo`.
fn byte_of_pair(hi: u128, lo: u128, i: u64) -> u64 {
    if i < 16 { elem(hi, 8, i as u32) } else { elem(lo, 8, i as u32 - 16) }
}

/// `vperm`/`vpermr`/`xxperm`/`xxpermr`: byte i of T ← byte `idx` of `hi || lo`, where `idx`
/// is the low 5 bits of byte i of the control `ctl` (`reverse`: 31 minus that).
pub fn permute(hi: u128, lo: u128, ctl: u128, reverse: bool) -> u128 {
    build(8, |i| {
        let k = elem(ctl, 8, i) & 31;
        byte_of_pair(hi, lo, if reverse { 31 - k } else { k })
    })
}

/// `vperm VRT,VRA,VRB,VRC`.
pub extern "C" fn vperm(p: *mut u8, t: u64, a: u64, b: u64, ctl: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let r = permute(vsr_get(c, a), vsr_get(c, b), vsr_get(c, ctl), false);
    vsr_set(c, t, r);
    0
}
/// `vpermr VRT,VRA,VRB,VRC` (v3.0): indices counted from the other end.
pub extern "C" fn vpermr(p: *mut u8, t: u64, a: u64, b: u64, ctl: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let r = permute(vsr_get(c, a), vsr_get(c, b), vsr_get(c, ctl), true);
    vsr_set(c, t, r);
    0
}

// ---- bit gather and permute (§6.9.6, v2.07/v3.0) ----

/// `vgbbd`: in each doubleword, viewed as an 8x8 bit matrix with byte j as row j, transpose:
/// bit k of result byte j is bit j of source byte k.
pub extern "C" fn vgbbd(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 64, |x| {
        let mut r = 0u64;
        for j in 0..8 {
            for k in 0..8 {
                // Book bit m of the doubleword is bit 63-m of the u64.
                let bit = (x >> (63 - (8 * k + j))) & 1;
                r |= bit << (63 - (8 * j + k));
            }
        }
        r
    })
}

/// `vbpermq`: for i in 0..16, bit 48+i of doubleword 0 of VRT ← bit (byte i of VRB) of VRA if
/// that index is below 128, else 0. All other bits 0.
pub extern "C" fn vbpermq(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let bits = vbpermq_bits(vsr_get(c, a), vsr_get(c, b));
    vsr_set(c, t, (bits as u128) << 64);
    0
}

/// `vbpermq` as a pure function ([`jit::ir::PureFn`]) of VRA and VRB, each as doublewords
/// 0 and 1: the 16 result bits (VRT's doubleword 0, bits 48:63).
pub extern "C" fn vbpermq_pure(a0: u64, a1: u64, b0: u64, b1: u64) -> u64 {
    vbpermq_bits((a0 as u128) << 64 | a1 as u128, (b0 as u128) << 64 | b1 as u128)
}

/// The 16 bits `vbpermq` gathers from `x` (VRA) at the byte indices in `y` (VRB).
fn vbpermq_bits(xv: u128, yv: u128) -> u64 {
    // Byte arrays in architected (big-endian) element order: bit `idx` of VRA is bit
    // `7 - idx % 8` of byte `idx / 8`. (glibc's string functions run this in their inner
    // loops, so it avoids variable 128-bit shifts.)
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("ssse3") {
        // SAFETY: the feature was detected at run time.
        return unsafe { vbpermq_ssse3(xv, yv) };
    }
    let (x, y) = (xv.to_be_bytes(), yv.to_be_bytes());
    let mut bits = 0u64;
    for (i, &idx) in y.iter().enumerate() {
        let bit = if idx < 128 { (x[(idx >> 3) as usize] >> (7 - (idx & 7))) & 1 } else { 0 };
        bits |= (bit as u64) << (15 - i);
    }
    bits
}

/// `vbpermq`'s 16 lookups at once (strcspn/strspn use it as a 128-entry bit table). Lane j of
/// a vector loaded from a `u128` holds the book's byte 15 - j, so: the byte holding bit
/// `idx` of VRA is lane 15 - idx/8 (a byte shuffle, which gives 0 for the indices of 128 and
/// up, whose top bit is set), the bit within it 7 - idx%8 (a second shuffle of a table of
/// masks), and lane j's result is bit j of the 16-bit mask.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "ssse3")]
unsafe fn vbpermq_ssse3(x: u128, y: u128) -> u64 {
    use std::arch::x86_64::*;
    let xv = _mm_loadu_si128(&x as *const u128 as *const __m128i);
    let yv = _mm_loadu_si128(&y as *const u128 as *const __m128i);
    let byte = _mm_and_si128(_mm_srli_epi16(yv, 3), _mm_set1_epi8(0x0f));
    let lane = _mm_sub_epi8(_mm_set1_epi8(15), byte);
    let lane = _mm_or_si128(lane, _mm_and_si128(yv, _mm_set1_epi8(0x80u8 as i8)));
    let bytes = _mm_shuffle_epi8(xv, lane);
    let masks = _mm_setr_epi8(0x80u8 as i8, 0x40, 0x20, 0x10, 8, 4, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    let mask = _mm_shuffle_epi8(masks, _mm_and_si128(yv, _mm_set1_epi8(7)));
    let clear = _mm_cmpeq_epi8(_mm_and_si128(bytes, mask), _mm_setzero_si128());
    (!(_mm_movemask_epi8(clear) as u32) & 0xffff) as u64
}

/// `vbpermd`: per doubleword i, for j in 0..8, bit 56+j of VRT.dw[i] ← bit (byte j of
/// VRB.dw[i]) of VRA.dw[i] if that index is below 64, else 0. Other bits 0.
pub extern "C" fn vbpermd(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 64, |x, y| {
        let mut r = 0u64;
        for j in 0..8 {
            let idx = (y >> (56 - 8 * j)) & 0xff;
            let bit = if idx < 64 { (x >> (63 - idx)) & 1 } else { 0 };
            r |= bit << (7 - j);
        }
        r
    })
}

// ---- general shapes for the v2.07/v3.0 integer instructions below ----

/// `VRT ← f(VRA, VRB, VRT, &mut sat)` on whole registers; `sat` set → VSCR[SAT] ← 1.
/// (VRT's old value is passed for the insert forms, `vrlwmi`/`vrldmi`.)
fn regop(p: *mut u8, t: u64, a: u64, b: u64, f: impl FnOnce(u128, u128, u128, &mut bool) -> u128) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y, old) = (vsr_get(c, a), vsr_get(c, b), vsr_get(c, t));
    let mut sat = false;
    let r = f(x, y, old, &mut sat);
    vsr_set(c, t, r);
    if sat {
        c.vscr |= VSCR_SAT;
    }
    0
}

/// `VRT ← f(VRA, VRB, VRC, &mut sat)` (VA-form); `sat` set → VSCR[SAT] ← 1.
fn regop4(p: *mut u8, t: u64, a: u64, b: u64, cc: u64, f: impl FnOnce(u128, u128, u128, &mut bool) -> u128) -> u64 {
    // SAFETY: helper contract (module docs).
    let c = unsafe { cpu(p) };
    let (x, y, z) = (vsr_get(c, a), vsr_get(c, b), vsr_get(c, cc));
    let mut sat = false;
    let r = f(x, y, z, &mut sat);
    vsr_set(c, t, r);
    if sat {
        c.vscr |= VSCR_SAT;
    }
    0
}

/// `v` clamped to the signed `w`-bit range (as `w` bits); clamping sets `sat`.
fn sat_signed(v: i128, w: u32, sat: &mut bool) -> u64 {
    let (lo, hi) = (-(1i128 << (w - 1)), (1i128 << (w - 1)) - 1);
    let r = v.clamp(lo, hi);
    *sat |= r != v;
    r as u64 & mask(w)
}
/// `v` clamped to the unsigned `w`-bit range; clamping sets `sat`.
fn sat_unsigned(v: i128, w: u32, sat: &mut bool) -> u64 {
    let r = v.clamp(0, (1i128 << w) - 1);
    *sat |= r != v;
    r as u64
}
/// Element `i` of width `w`, signed or not, as an i128.
fn val(v: u128, w: u32, i: u32, signed: bool) -> i128 {
    let e = elem(v, w, i);
    if signed { sext(e, w) as i128 } else { e as i128 }
}

// ---- carries and extended 128-bit arithmetic (§6.9.1, v2.07) ----

/// `vaddcuw`: each word ← the carry out of VRA + VRB.
pub extern "C" fn vaddcuw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, |x, y| (x + y) >> 32)
}
/// `vsubcuw`: each word ← the carry out of VRA + ¬VRB + 1, i.e. 1 unless VRB > VRA.
pub extern "C" fn vsubcuw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, |x, y| (x >= y) as u64)
}
/// The 128-bit sum x + y + cin and its carry out.
fn add_carry(x: u128, y: u128, cin: u128) -> (u128, u128) {
    let (s, c1) = x.overflowing_add(y);
    let (s, c2) = s.overflowing_add(cin);
    (s, (c1 | c2) as u128)
}
pub extern "C" fn vaddcuq(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    regop(p, t, a, b, |x, y, _, _| add_carry(x, y, 0).1)
}
/// `vsubcuq`: the carry of VRA + ¬VRB + 1.
pub extern "C" fn vsubcuq(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    regop(p, t, a, b, |x, y, _, _| add_carry(x, !y, 1).1)
}
/// `vaddeuqm VRT,VRA,VRB,VRC`: VRA + VRB + VRC[127] (the carry in is VRC's last bit).
pub extern "C" fn vaddeuqm(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    regop4(p, t, a, b, c, |x, y, z, _| add_carry(x, y, z & 1).0)
}
pub extern "C" fn vaddecuq(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    regop4(p, t, a, b, c, |x, y, z, _| add_carry(x, y, z & 1).1)
}
pub extern "C" fn vsubeuqm(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    regop4(p, t, a, b, c, |x, y, z, _| add_carry(x, !y, z & 1).0)
}
pub extern "C" fn vsubecuq(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    regop4(p, t, a, b, c, |x, y, z, _| add_carry(x, !y, z & 1).1)
}

// ---- multiply (§6.9.1.3) ----

/// `vmule*`/`vmulo*`: element i (width 2w) ← the product of the even (odd) `w`-bit elements
/// 2i (2i+1) of VRA and VRB.
fn mul_even_odd(p: *mut u8, t: u64, a: u64, b: u64, w: u32, odd: bool, signed: bool) -> u64 {
    regop(p, t, a, b, |x, y, _, _| {
        build(2 * w, |i| {
            let j = 2 * i + odd as u32;
            (val(x, w, j, signed) * val(y, w, j, signed)) as u64
        })
    })
}
pub extern "C" fn vmulesb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 8, false, true)
}
pub extern "C" fn vmulesh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 16, false, true)
}
pub extern "C" fn vmulesw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 32, false, true)
}
pub extern "C" fn vmuleub(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 8, false, false)
}
pub extern "C" fn vmuleuh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 16, false, false)
}
pub extern "C" fn vmuleuw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 32, false, false)
}
pub extern "C" fn vmulosb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 8, true, true)
}
pub extern "C" fn vmulosh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 16, true, true)
}
pub extern "C" fn vmulosw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 32, true, true)
}
pub extern "C" fn vmuloub(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 8, true, false)
}
pub extern "C" fn vmulouh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 16, true, false)
}
pub extern "C" fn vmulouw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    mul_even_odd(p, t, a, b, 32, true, false)
}
pub extern "C" fn vmuluwm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, u64::wrapping_mul)
}

// ---- multiply-add, multiply-sum (§6.9.1.4-5) ----

/// `vmhaddshs`/`vmhraddshs`: each halfword ← sat(((VRA × VRB) [+ 0x4000]) >> 15 + VRC).
fn mhadd(p: *mut u8, t: u64, a: u64, b: u64, c: u64, round: i128) -> u64 {
    regop4(p, t, a, b, c, |x, y, z, sat| {
        build(16, |i| {
            let prod = val(x, 16, i, true) * val(y, 16, i, true);
            sat_signed(((prod + round) >> 15) + val(z, 16, i, true), 16, sat)
        })
    })
}
pub extern "C" fn vmhaddshs(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    mhadd(p, t, a, b, c, 0)
}
pub extern "C" fn vmhraddshs(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    mhadd(p, t, a, b, c, 0x4000)
}
/// `vmladduhm`: each halfword ← (VRA × VRB + VRC) mod 2^16.
pub extern "C" fn vmladduhm(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    regop4(p, t, a, b, c, |x, y, z, _| {
        build(16, |i| elem(x, 16, i) * elem(y, 16, i) + elem(z, 16, i))
    })
}

/// The shape of a multiply-sum: element width, signedness of VRA's and VRB's elements, and
/// whether the sum saturates (else it is modulo 2^32).
#[derive(Clone, Copy)]
struct Msum {
    w: u32,
    sa: bool,
    sb: bool,
    saturate: bool,
}

/// Multiply-sum: each word i of VRT ← the sum of the products of the `32/w` elements of
/// width `w` in word i of VRA and VRB, plus word i of VRC; modulo 2^32, or saturated.
fn msum(p: *mut u8, t: u64, a: u64, b: u64, c: u64, k: Msum) -> u64 {
    regop4(p, t, a, b, c, |x, y, z, sat| {
        let signed = k.sa || k.sb;
        let n = 32 / k.w;
        build(32, |i| {
            let sum: i128 = (0..n).map(|j| val(x, k.w, n * i + j, k.sa) * val(y, k.w, n * i + j, k.sb)).sum::<i128>()
                + val(z, 32, i, signed);
            match (k.saturate, signed) {
                (false, _) => sum as u64,
                (true, true) => sat_signed(sum, 32, sat),
                (true, false) => sat_unsigned(sum, 32, sat),
            }
        })
    })
}
/// `vmsummbm`: signed bytes of VRA × unsigned bytes of VRB.
pub extern "C" fn vmsummbm(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    msum(p, t, a, b, c, Msum { w: 8, sa: true, sb: false, saturate: false })
}
pub extern "C" fn vmsumubm(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    msum(p, t, a, b, c, Msum { w: 8, sa: false, sb: false, saturate: false })
}
pub extern "C" fn vmsumuhm(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    msum(p, t, a, b, c, Msum { w: 16, sa: false, sb: false, saturate: false })
}
pub extern "C" fn vmsumuhs(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    msum(p, t, a, b, c, Msum { w: 16, sa: false, sb: false, saturate: true })
}
pub extern "C" fn vmsumshm(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    msum(p, t, a, b, c, Msum { w: 16, sa: true, sb: true, saturate: false })
}
pub extern "C" fn vmsumshs(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    msum(p, t, a, b, c, Msum { w: 16, sa: true, sb: true, saturate: true })
}
/// `vmsumudm` (v3.0B): VRT ← (VRA.dw0 × VRB.dw0 + VRA.dw1 × VRB.dw1 + VRC) mod 2^128.
pub extern "C" fn vmsumudm(p: *mut u8, t: u64, a: u64, b: u64, c: u64) -> u64 {
    regop4(p, t, a, b, c, |x, y, z, _| {
        let prod = |i| elem(x, 64, i) as u128 * elem(y, 64, i) as u128;
        prod(0).wrapping_add(prod(1)).wrapping_add(z)
    })
}

// ---- sum across (§6.9.1.6) ----

/// `vsum2sws`: word 2j+1 ← sat(VRA words 2j, 2j+1 + VRB word 2j+1); words 0 and 2 ← 0.
pub extern "C" fn vsum2sws(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    regop(p, t, a, b, |x, y, _, sat| {
        build(32, |i| {
            if i % 2 == 0 {
                return 0;
            }
            sat_signed(val(x, 32, i - 1, true) + val(x, 32, i, true) + val(y, 32, i, true), 32, sat)
        })
    })
}
/// `vsum4[su]bs`/`vsum4shs`: word i ← sat(the `w`-bit elements of VRA's word i + VRB word i).
fn sum4(p: *mut u8, t: u64, a: u64, b: u64, w: u32, signed: bool) -> u64 {
    regop(p, t, a, b, |x, y, _, sat| {
        build(32, |i| {
            let n = 32 / w;
            let sum = (0..n).map(|k| val(x, w, n * i + k, signed)).sum::<i128>() + val(y, 32, i, signed);
            if signed { sat_signed(sum, 32, sat) } else { sat_unsigned(sum, 32, sat) }
        })
    })
}
pub extern "C" fn vsum4sbs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    sum4(p, t, a, b, 8, true)
}
pub extern "C" fn vsum4shs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    sum4(p, t, a, b, 16, true)
}
pub extern "C" fn vsum4ubs(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    sum4(p, t, a, b, 8, false)
}

// ---- average, absolute difference, negate (§6.9.1.7-8, v3.0) ----

pub extern "C" fn vavgub(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, |x, y| (x + y + 1) >> 1)
}
pub extern "C" fn vavguh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, |x, y| (x + y + 1) >> 1)
}
pub extern "C" fn vavguw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, |x, y| (x + y + 1) >> 1)
}
fn avg_signed(w: u32) -> impl Fn(u64, u64) -> u64 {
    move |x, y| ((sext(x, w) + sext(y, w) + 1) >> 1) as u64
}
pub extern "C" fn vavgsb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, avg_signed(8))
}
pub extern "C" fn vavgsh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, avg_signed(16))
}
pub extern "C" fn vavgsw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, avg_signed(32))
}
pub extern "C" fn vabsdub(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 8, u64::abs_diff)
}
pub extern "C" fn vabsduh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 16, u64::abs_diff)
}
pub extern "C" fn vabsduw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    binop(p, t, a, b, 32, u64::abs_diff)
}
pub extern "C" fn vnegw(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 32, u64::wrapping_neg)
}
pub extern "C" fn vnegd(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 64, u64::wrapping_neg)
}

// ---- merge even/odd, pack, unpack (§6.8.1-2) ----

/// `vmrgew`: words VRA.w0, VRB.w0, VRA.w2, VRB.w2; `vmrgow`: the odd words likewise.
fn merge_eo(p: *mut u8, t: u64, a: u64, b: u64, odd: bool) -> u64 {
    regop(p, t, a, b, |x, y, _, _| {
        build(32, |i| {
            let j = (i & !1) + odd as u32;
            elem(if i % 2 == 0 { x } else { y }, 32, j)
        })
    })
}
pub extern "C" fn vmrgew(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    merge_eo(p, t, a, b, false)
}
pub extern "C" fn vmrgow(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    merge_eo(p, t, a, b, true)
}

/// Saturating pack: the `w`-bit elements of VRA then VRB, each clamped to `w/2` bits.
fn pack_sat(p: *mut u8, t: u64, a: u64, b: u64, w: u32, src_signed: bool, dst_signed: bool) -> u64 {
    regop(p, t, a, b, |x, y, _, sat| {
        let n = 128 / w;
        build(w / 2, |i| {
            let v = if i < n { val(x, w, i, src_signed) } else { val(y, w, i - n, src_signed) };
            if dst_signed { sat_signed(v, w / 2, sat) } else { sat_unsigned(v, w / 2, sat) }
        })
    })
}
pub extern "C" fn vpkshss(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_sat(p, t, a, b, 16, true, true)
}
pub extern "C" fn vpkswss(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_sat(p, t, a, b, 32, true, true)
}
pub extern "C" fn vpksdss(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_sat(p, t, a, b, 64, true, true)
}
pub extern "C" fn vpkshus(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_sat(p, t, a, b, 16, true, false)
}
pub extern "C" fn vpkswus(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_sat(p, t, a, b, 32, true, false)
}
pub extern "C" fn vpksdus(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_sat(p, t, a, b, 64, true, false)
}
pub extern "C" fn vpkuhus(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_sat(p, t, a, b, 16, false, false)
}
pub extern "C" fn vpkuwus(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_sat(p, t, a, b, 32, false, false)
}
pub extern "C" fn vpkudus(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pack_sat(p, t, a, b, 64, false, false)
}

/// `vpkpx`: each word of VRA then VRB (a 8:8:8:8 pixel) → a 1:5:5:5 halfword: word bit 7,
/// then the top 5 bits of bytes 1, 2 and 3.
pub extern "C" fn vpkpx(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    regop(p, t, a, b, |x, y, _, _| {
        build(16, |i| {
            let w = if i < 4 { elem(x, 32, i) } else { elem(y, 32, i - 4) };
            ((w >> 24) & 1) << 15 | ((w >> 19) & 0x1f) << 10 | ((w >> 11) & 0x1f) << 5 | ((w >> 3) & 0x1f)
        })
    })
}

/// `vupk[hl]s[bhw]`: the `w`-bit elements of the high (low) half of VRB, sign-extended.
fn unpack(p: *mut u8, t: u64, b: u64, w: u32, low: bool) -> u64 {
    regop(p, t, b, b, |x, _, _, _| {
        let base = if low { 64 / w } else { 0 };
        build(2 * w, |i| sext(elem(x, w, base + i), w) as u64)
    })
}
pub extern "C" fn vupkhsb(p: *mut u8, t: u64, b: u64) -> u64 {
    unpack(p, t, b, 8, false)
}
pub extern "C" fn vupkhsh(p: *mut u8, t: u64, b: u64) -> u64 {
    unpack(p, t, b, 16, false)
}
pub extern "C" fn vupkhsw(p: *mut u8, t: u64, b: u64) -> u64 {
    unpack(p, t, b, 32, false)
}
pub extern "C" fn vupklsb(p: *mut u8, t: u64, b: u64) -> u64 {
    unpack(p, t, b, 8, true)
}
pub extern "C" fn vupklsh(p: *mut u8, t: u64, b: u64) -> u64 {
    unpack(p, t, b, 16, true)
}
pub extern "C" fn vupklsw(p: *mut u8, t: u64, b: u64) -> u64 {
    unpack(p, t, b, 32, true)
}
/// `vupk[hl]px`: each 1:5:5:5 halfword of the high (low) half of VRB → a word: the first
/// bit sign-extended to a byte, then each 5-bit field zero-extended to a byte.
fn unpack_pixel(p: *mut u8, t: u64, b: u64, low: bool) -> u64 {
    regop(p, t, b, b, |x, _, _, _| {
        let base = if low { 4 } else { 0 };
        build(32, |i| {
            let h = elem(x, 16, base + i);
            let a = if h & 0x8000 != 0 { 0xff } else { 0 };
            a << 24 | ((h >> 10) & 0x1f) << 16 | ((h >> 5) & 0x1f) << 8 | (h & 0x1f)
        })
    })
}
pub extern "C" fn vupkhpx(p: *mut u8, t: u64, b: u64) -> u64 {
    unpack_pixel(p, t, b, false)
}
pub extern "C" fn vupklpx(p: *mut u8, t: u64, b: u64) -> u64 {
    unpack_pixel(p, t, b, true)
}

// ---- rotate and mask, variable shifts (§6.9.5, v3.0) ----

/// The `w`-bit mask with ones from book bit `mb` to `me` (wrapping around when mb > me).
fn rot_mask(mb: u32, me: u32, w: u32) -> u64 {
    let from_mb = mask(w) >> mb;
    let to_me = (mask(w) << (w - 1 - me)) & mask(w);
    if mb <= me { from_mb & to_me } else { from_mb | to_me }
}
/// `vrl[wd]nm`/`vrl[wd]mi`: each element of VRA rotated left by the count in the low bits of
/// the VRB element, masked by MB (bits 16.. from the right) to ME (bits 8..); `insert` keeps
/// VRT's bits outside the mask, otherwise they are 0.
fn rotate_mask(p: *mut u8, t: u64, a: u64, b: u64, w: u32, insert: bool) -> u64 {
    regop(p, t, a, b, |x, y, old, _| {
        let f = (w - 1) as u64;
        build(w, |i| {
            let (src, ctl) = (elem(x, w, i), elem(y, w, i));
            let (sh, me, mb) = ((ctl & f) as u32, ((ctl >> 8) & f) as u32, ((ctl >> 16) & f) as u32);
            let rot = if w == 64 { src.rotate_left(sh) } else { (src as u32).rotate_left(sh) as u64 };
            let m = rot_mask(mb, me, w);
            let keep = if insert { elem(old, w, i) & !m } else { 0 };
            (rot & m) | keep
        })
    })
}
pub extern "C" fn vrlwnm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    rotate_mask(p, t, a, b, 32, false)
}
pub extern "C" fn vrldnm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    rotate_mask(p, t, a, b, 64, false)
}
pub extern "C" fn vrlwmi(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    rotate_mask(p, t, a, b, 32, true)
}
pub extern "C" fn vrldmi(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    rotate_mask(p, t, a, b, 64, true)
}

/// `vslv`: byte i ← the high byte of (VRA byte i || byte i+1) << (VRB byte i & 7); the byte
/// after byte 15 is 0.
pub extern "C" fn vslv(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    regop(p, t, a, b, |x, y, _, _| {
        build(8, |i| {
            let next = if i < 15 { elem(x, 8, i + 1) } else { 0 };
            let pair = elem(x, 8, i) << 8 | next;
            (pair << (elem(y, 8, i) & 7)) >> 8
        })
    })
}
/// `vsrv`: byte i ← the low byte of (VRA byte i-1 || byte i) >> (VRB byte i & 7); the byte
/// before byte 0 is 0.
pub extern "C" fn vsrv(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    regop(p, t, a, b, |x, y, _, _| {
        build(8, |i| {
            let prev = if i > 0 { elem(x, 8, i - 1) } else { 0 };
            let pair = prev << 8 | elem(x, 8, i);
            pair >> (elem(y, 8, i) & 7)
        })
    })
}

// ---- extract, insert, sign-extend, parity (§6.8.5-6, §6.9.1, v3.0) ----

/// `vextractu[bhw]`/`vextractd VRT,VRB,UIM`: doubleword 0 of VRT ← the `size` bytes of VRB
/// from byte UIM, zero-extended; doubleword 1 ← 0. Past byte 15 (UIM > 16-size, undefined
/// by the book) zeros come in.
fn extract_uim(p: *mut u8, t: u64, b: u64, uim: u64, size: u32) -> u64 {
    regop(p, t, b, b, |x, _, _, _| {
        let v = (x << (8 * (uim & 15))) >> (128 - 8 * size);
        v << 64
    })
}
pub extern "C" fn vextractub(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    extract_uim(p, t, b, uim, 1)
}
pub extern "C" fn vextractuh(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    extract_uim(p, t, b, uim, 2)
}
pub extern "C" fn vextractuw(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    extract_uim(p, t, b, uim, 4)
}
pub extern "C" fn vextractd(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    extract_uim(p, t, b, uim, 8)
}
/// `vinsert[bhwd] VRT,VRB,UIM`: bytes UIM..UIM+size-1 of VRT ← the low `size` bytes of
/// VRB's doubleword 0; the other bytes of VRT are kept. Bytes that would fall past byte 15
/// (UIM > 16-size, undefined by the book) are dropped.
fn insert_uim(p: *mut u8, t: u64, b: u64, uim: u64, size: u32) -> u64 {
    regop(p, t, b, b, |x, _, old, _| {
        let bits = 8 * size;
        let src = ((x >> 64) as u64 & mask(bits)) as u128;
        // Left-justify, then move right to byte UIM.
        let sh = 8 * (uim & 15) as u32;
        let v = (src << (128 - bits)) >> sh;
        let m = (((1u128 << bits) - 1) << (128 - bits)) >> sh;
        (old & !m) | v
    })
}
pub extern "C" fn vinsertb(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    insert_uim(p, t, b, uim, 1)
}
pub extern "C" fn vinserth(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    insert_uim(p, t, b, uim, 2)
}
pub extern "C" fn vinsertw(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    insert_uim(p, t, b, uim, 4)
}
pub extern "C" fn vinsertd(p: *mut u8, t: u64, b: u64, uim: u64) -> u64 {
    insert_uim(p, t, b, uim, 8)
}

/// `vexts[bhw]2[wd]`: each `w`-bit element ← its low `from` bits, sign-extended.
fn extend_sign(p: *mut u8, t: u64, b: u64, from: u32, w: u32) -> u64 {
    unop(p, t, b, w, |x| sext(x, from) as u64)
}
pub extern "C" fn vextsb2w(p: *mut u8, t: u64, b: u64) -> u64 {
    extend_sign(p, t, b, 8, 32)
}
pub extern "C" fn vextsh2w(p: *mut u8, t: u64, b: u64) -> u64 {
    extend_sign(p, t, b, 16, 32)
}
pub extern "C" fn vextsb2d(p: *mut u8, t: u64, b: u64) -> u64 {
    extend_sign(p, t, b, 8, 64)
}
pub extern "C" fn vextsh2d(p: *mut u8, t: u64, b: u64) -> u64 {
    extend_sign(p, t, b, 16, 64)
}
pub extern "C" fn vextsw2d(p: *mut u8, t: u64, b: u64) -> u64 {
    extend_sign(p, t, b, 32, 64)
}

/// `vprtyb[wdq]`: each element ← the parity of the least significant bits of its bytes.
pub extern "C" fn vprtybw(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 32, |x| ((x & 0x0101_0101).count_ones() & 1) as u64)
}
pub extern "C" fn vprtybd(p: *mut u8, t: u64, b: u64) -> u64 {
    unop(p, t, b, 64, |x| ((x & 0x0101_0101_0101_0101).count_ones() & 1) as u64)
}
pub extern "C" fn vprtybq(p: *mut u8, t: u64, b: u64) -> u64 {
    regop(p, t, b, b, |x, _, _, _| ((x & build(8, |_| 1)).count_ones() & 1) as u128)
}
