//! VMX cryptographic and polynomial instructions (Power ISA 3.0B Book I §6.11-6.12, v2.07):
//! AES rounds (`vcipher`, `vcipherlast`, `vncipher`, `vncipherlast`, `vsbox`), the SHA-2
//! sigma functions (`vshasigmaw`, `vshasigmad`), carry-less multiply-sum (`vpmsum[bhwd]`)
//! and `vpermxor`.
//!
//! Translation and helpers sit together here; the helpers follow the ABI of
//! [`crate::vmx_helpers`] (VSR numbers, element 0 the most significant).
//!
//! AES state layout (§6.11.1): the 16 bytes of a VR, in element order, are the state's
//! columns one after the other, as FIPS-197 maps its input block: byte i is row i % 4 of
//! column i / 4. So a register holding a FIPS-197 block in storage order holds its state.

#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::forms::*;
use crate::vmx::call_regs;
use crate::vmx_helpers::{build, cpu, elem, vsr_get, vsr_set};
use crate::Cx;
use jit::frontend::Flow;
use jit::helper;
use jit::ir::{Emitter, Helper};

// ---- AES (FIPS-197) ----

/// Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
const fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut r = 0u8;
    while b != 0 {
        if b & 1 != 0 {
            r ^= a;
        }
        let carry = a & 0x80 != 0;
        a <<= 1;
        if carry {
            a ^= 0x1b;
        }
        b >>= 1;
    }
    r
}

/// The S-box of FIPS-197 §5.1.1: the multiplicative inverse (0 for 0), then the affine map.
const fn sbox_table() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut x = 0;
    while x < 256 {
        // x^254 = x^-1 in GF(2^8) (and 0 for 0).
        let mut inv = 1u8;
        let mut k = 0;
        while k < 254 {
            inv = gf_mul(inv, x as u8);
            k += 1;
        }
        if x == 0 {
            inv = 0;
        }
        let s = inv ^ inv.rotate_left(1) ^ inv.rotate_left(2) ^ inv.rotate_left(3) ^ inv.rotate_left(4) ^ 0x63;
        t[x] = s;
        x += 1;
    }
    t
}
const fn inverse_table(s: &[u8; 256]) -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut x = 0;
    while x < 256 {
        t[s[x] as usize] = x as u8;
        x += 1;
    }
    t
}
static SBOX: [u8; 256] = sbox_table();
static INV_SBOX: [u8; 256] = inverse_table(&SBOX);

type State = [u8; 16];

fn sub_bytes(s: State, table: &[u8; 256]) -> State {
    s.map(|b| table[b as usize])
}
/// ShiftRows (`dir` = 1) or InvShiftRows (`dir` = 3): row r of column c ← row r of column
/// c + r·dir (mod 4).
fn shift_rows(s: State, dir: usize) -> State {
    std::array::from_fn(|i| {
        let (r, c) = (i % 4, i / 4);
        s[4 * ((c + r * dir) % 4) + r]
    })
}
/// MixColumns with the matrix whose first row is `m` (circulant).
fn mix_columns(s: State, m: [u8; 4]) -> State {
    std::array::from_fn(|i| {
        let (r, c) = (i % 4, i / 4);
        (0..4).fold(0, |acc, k| acc ^ gf_mul(m[(k + 4 - r) % 4], s[4 * c + k]))
    })
}
const MIX: [u8; 4] = [2, 3, 1, 1];
const INV_MIX: [u8; 4] = [14, 11, 13, 9];

fn xor(a: State, b: State) -> State {
    std::array::from_fn(|i| a[i] ^ b[i])
}

/// One AES operation on VRA and VRB (the round key) as byte arrays.
fn aes(p: *mut u8, t: u64, a: u64, b: u64, f: impl FnOnce(State, State) -> State) -> u64 {
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let (s, k) = (vsr_get(c, a).to_be_bytes(), vsr_get(c, b).to_be_bytes());
    vsr_set(c, t, u128::from_be_bytes(f(s, k)));
    0
}

/// `vcipher`: one full encryption round: SubBytes, ShiftRows, MixColumns, AddRoundKey(VRB).
pub extern "C" fn vcipher(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    aes(p, t, a, b, |s, k| xor(mix_columns(shift_rows(sub_bytes(s, &SBOX), 1), MIX), k))
}
/// `vcipherlast`: the last round, without MixColumns.
pub extern "C" fn vcipherlast(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    aes(p, t, a, b, |s, k| xor(shift_rows(sub_bytes(s, &SBOX), 1), k))
}
/// `vncipher`: InvShiftRows, InvSubBytes, AddRoundKey(VRB), then InvMixColumns (the key is
/// added before InvMixColumns, §6.11.2).
pub extern "C" fn vncipher(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    aes(p, t, a, b, |s, k| mix_columns(xor(sub_bytes(shift_rows(s, 3), &INV_SBOX), k), INV_MIX))
}
/// `vncipherlast`: InvShiftRows, InvSubBytes, AddRoundKey(VRB).
pub extern "C" fn vncipherlast(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    aes(p, t, a, b, |s, k| xor(sub_bytes(shift_rows(s, 3), &INV_SBOX), k))
}
/// `vsbox VRT,VRA`: SubBytes alone.
pub extern "C" fn vsbox(p: *mut u8, t: u64, a: u64) -> u64 {
    aes(p, t, a, a, |s, _| sub_bytes(s, &SBOX))
}

// ---- SHA-2 sigma functions (FIPS 180-4 §4.1.2-4.1.3) ----

/// `vshasigmaw VRT,VRA,ST,SIX`: each word of VRA through σ0/σ1 (ST = 0) or Σ0/Σ1 (ST = 1)
/// of SHA-256; word i uses the "1" function when bit i of SIX is 1. `st_six` is the VRB
/// field: ST in its high bit, SIX in the low four.
pub extern "C" fn vshasigmaw(p: *mut u8, t: u64, a: u64, st_six: u64) -> u64 {
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let x = vsr_get(c, a);
    let (st, six) = (st_six & 0x10 != 0, st_six & 0xf);
    let r = build(32, |i| {
        let w = elem(x, 32, i) as u32;
        let one = (six >> (3 - i)) & 1 != 0;
        let v = match (st, one) {
            (false, false) => w.rotate_right(7) ^ w.rotate_right(18) ^ (w >> 3),
            (false, true) => w.rotate_right(17) ^ w.rotate_right(19) ^ (w >> 10),
            (true, false) => w.rotate_right(2) ^ w.rotate_right(13) ^ w.rotate_right(22),
            (true, true) => w.rotate_right(6) ^ w.rotate_right(11) ^ w.rotate_right(25),
        };
        v as u64
    });
    vsr_set(c, t, r);
    0
}
/// `vshasigmad VRT,VRA,ST,SIX`: the SHA-512 functions on each doubleword; doubleword i
/// uses bit 2i of SIX (bits 1 and 3 are ignored).
pub extern "C" fn vshasigmad(p: *mut u8, t: u64, a: u64, st_six: u64) -> u64 {
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let x = vsr_get(c, a);
    let (st, six) = (st_six & 0x10 != 0, st_six & 0xf);
    let r = build(64, |i| {
        let d = elem(x, 64, i);
        let one = (six >> (3 - 2 * i)) & 1 != 0;
        match (st, one) {
            (false, false) => d.rotate_right(1) ^ d.rotate_right(8) ^ (d >> 7),
            (false, true) => d.rotate_right(19) ^ d.rotate_right(61) ^ (d >> 6),
            (true, false) => d.rotate_right(28) ^ d.rotate_right(34) ^ d.rotate_right(39),
            (true, true) => d.rotate_right(14) ^ d.rotate_right(18) ^ d.rotate_right(41),
        }
    });
    vsr_set(c, t, r);
    0
}

// ---- polynomial multiply-sum, permute-xor (§6.12) ----

/// Carry-less (GF(2)[x]) product of two polynomials of at most 64 bits.
pub fn clmul(x: u64, y: u64) -> u128 {
    (0..64).filter(|k| y >> k & 1 != 0).fold(0u128, |acc, k| acc ^ ((x as u128) << k))
}

/// `vpmsum[bhwd]`: each element of width 2w ← the xor of the carry-less products of the
/// two `w`-bit elements of VRA and VRB it covers.
fn pmsum(p: *mut u8, t: u64, a: u64, b: u64, w: u32) -> u64 {
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let (x, y) = (vsr_get(c, a), vsr_get(c, b));
    let prod = |j| clmul(elem(x, w, j), elem(y, w, j));
    let r = if w == 64 {
        prod(0) ^ prod(1)
    } else {
        build(2 * w, |i| (prod(2 * i) ^ prod(2 * i + 1)) as u64)
    };
    vsr_set(c, t, r);
    0
}
pub extern "C" fn vpmsumb(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pmsum(p, t, a, b, 8)
}
pub extern "C" fn vpmsumh(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pmsum(p, t, a, b, 16)
}
pub extern "C" fn vpmsumw(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pmsum(p, t, a, b, 32)
}
pub extern "C" fn vpmsumd(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    pmsum(p, t, a, b, 64)
}

/// `vpermxor VRT,VRA,VRB,VRC`: byte i ← VRA byte (high nibble of VRC byte i) xor VRB byte
/// (its low nibble).
pub extern "C" fn vpermxor(p: *mut u8, t: u64, a: u64, b: u64, ctl: u64) -> u64 {
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let (x, y, z) = (vsr_get(c, a), vsr_get(c, b), vsr_get(c, ctl));
    let r = build(8, |i| {
        let k = elem(z, 8, i) as u32;
        elem(x, 8, k >> 4) ^ elem(y, 8, k & 15)
    });
    vsr_set(c, t, r);
    0
}

// ---- translation ----

fn vx3<E: Emitter>(e: &mut E, a: &Vx, h: Helper) -> Flow {
    call_regs(e, &h, &[32 + a.vrt, 32 + a.vra, 32 + a.vrb]);
    Flow::Next(4)
}

pub fn trans_vcipher<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vcipher, 3, false))
}
pub fn trans_vcipherlast<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vcipherlast, 3, false))
}
pub fn trans_vncipher<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vncipher, 3, false))
}
pub fn trans_vncipherlast<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vncipherlast, 3, false))
}
pub fn trans_vsbox<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vsbox, 2, false), &[32 + a.vrt, 32 + a.vra]);
    Flow::Next(4)
}
/// `vshasigma[wd] VRT,VRA,ST,SIX`: ST and SIX are the VRB field (bits 16 and 17:20).
pub fn trans_vshasigmaw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vshasigmaw, 3, false), &[32 + a.vrt, 32 + a.vra, a.vrb]);
    Flow::Next(4)
}
pub fn trans_vshasigmad<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vshasigmad, 3, false), &[32 + a.vrt, 32 + a.vra, a.vrb]);
    Flow::Next(4)
}
pub fn trans_vpmsumb<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vpmsumb, 3, false))
}
pub fn trans_vpmsumh<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vpmsumh, 3, false))
}
pub fn trans_vpmsumw<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vpmsumw, 3, false))
}
pub fn trans_vpmsumd<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    vx3(e, a, helper!(vpmsumd, 3, false))
}
pub fn trans_vpermxor<E: Emitter>(e: &mut E, a: &Vx, _cx: &Cx) -> Flow {
    call_regs(e, &helper!(vpermxor, 4, false), &[32 + a.vrt, 32 + a.vra, 32 + a.vrb, 32 + a.vrc]);
    Flow::Next(4)
}
