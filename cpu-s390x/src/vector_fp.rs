//! Vector BFP instructions (PoP ch. 24 "Vector Floating-Point Instructions"; z13: the long
//! format only, plus VLDE's short source), run inside the vector helper
//! ([`super::helpers::helper_vx`]) on the `u128` values of the operand registers.
//!
//! Arithmetic is the scalar BFP's: [`jit::softfp`] for the values and
//! [`crate::bfp_helpers`] for rounding modes, the FPC masks ([`bh::ieee_status`]), the
//! conversion-to-fixed results and the data-class mask. What differs (PoP ch. 24 "IEEE
//! Exceptions" of the vector instructions):
//! - elements are processed from element 0 up; the first element whose result has an IEEE
//!   exception with its FPC mask bit one stops the instruction with a vector-processing
//!   exception ([`crate::exc::VECTOR_PROCESSING`]); the instruction is *suppressed*: V1,
//!   the CC and the FPC flags are unchanged (no scaled trap results as in scalar BFP), and
//!   the VXC — element index in bits 0:3, exception type (1 invalid, 2 divide by zero, 3
//!   overflow, 4 underflow, 5 inexact) in bits 4:7 — is placed in the DXC byte of the FPC;
//! - otherwise the flags of every element's masked exceptions are ORed into the FPC.
//!
//! Field checks (specification exception, nothing changed): the format field must name the
//! long format (3; VLDE: short, 2); the bits of the single-element field other than S
//! (bit 0) and, where the instruction has one, XxC (bit 1) must be zero; a rounding field M5
//! must be 0, 1 or 3-7; VFPSO's M5 at most 2; WFC/WFK's M4 zero; VFCE/VFCH/VFCHE's M6 bits
//! 0-2 zero (bit 3 is the CS bit: set the CC).
//!
//! With S = 1 ("W" forms) only element 0 is processed; the PoP leaves the other elements of
//! V1 unpredictable: here they are zero (as in QEMU, the differential peer), except for
//! VFPSO and VFTCI, which here (as there) leave them unchanged.

use super::helpers::{el, set_el, Stop, VF, H, R};
use crate::bfp_helpers::{self as bh, fpc_rn, m3_rn, m3_valid};
use crate::state::S390xCpu;
use jit::softfp::{self as sf, Flags, Res, F32, F64};
use std::cmp::Ordering;

/// Long format code in the format fields.
const LONG: u32 = 3;
/// Short format code.
const SHORT: u32 = 2;
/// Single-element control (bit 0 of a 4-bit M field).
const S: u32 = 8;
/// IEEE-inexact-exception control (bit 1 of a 4-bit M field).
const XXC: u32 = 4;

fn spec_if(bad: bool) -> R<()> {
    if bad { Err(Stop::Spec) } else { Ok(()) }
}

/// Runs `op(i)` for the elements `0..n` (only element 0 when `single`), applying the FPC to
/// each result's flags (module docs). Returns the results; on a trap sets the VXC and stops.
fn elements(c: &mut S390xCpu, n: usize, single: bool, xxc: bool, mut op: impl FnMut(usize) -> Res) -> R<[Option<u128>; 4]> {
    let mut out = [None; 4];
    let mut flags = 0;
    for (i, slot) in out.iter_mut().enumerate().take(if single { 1 } else { n }) {
        let r = op(i);
        let (trap, fl) = bh::ieee_status(c.fpc, r.fl, xxc);
        if let Some(t) = trap {
            let vxc = (i as u32) << 4 | t.vic() as u32;
            c.fpc = (c.fpc & !bh::fpc::DXC) | vxc << 8;
            return Err(Stop::Vector);
        }
        flags |= fl;
        *slot = Some(r.bits);
    }
    c.fpc |= flags;
    Ok(out)
}

/// The doubleword results (unprocessed elements zero).
fn longs(r: [Option<u128>; 4]) -> u128 {
    (r[0].unwrap_or(0) & u64::MAX as u128) << 64 | (r[1].unwrap_or(0) & u64::MAX as u128)
}

/// CC of an element-wise test (all true 0, some 1, none 3); a single element counts alone.
fn cc_hits(r: &[Option<u128>; 4]) -> u8 {
    let done = r.iter().filter(|x| x.is_some()).count();
    let hits = r.iter().filter(|x| matches!(x, Some(v) if *v != 0)).count();
    if hits == 0 {
        3
    } else if hits == done {
        0
    } else {
        1
    }
}

/// The vector BFP operations; returns the new V1 and the CC (if set).
#[allow(clippy::too_many_arguments)]
pub fn run(c: &mut S390xCpu, op: H, f: &VF, v1: u128, v2: u128, v3: u128, v4: u128) -> R<(u128, Option<u8>)> {
    use H::*;
    let fpc = c.fpc;
    let env_fpc = bh::env(fpc, fpc_rn(fpc));
    let d = |v: u128, i: usize| el(v, 3, i);
    match op {
        Vfa | Vfs | Vfm | Vfd => {
            spec_if(f.m4 != LONG || f.m5 & 7 != 0)?;
            let r = elements(c, 2, f.m5 & S != 0, false, |i| {
                let (a, b) = (d(v2, i), d(v3, i));
                match op {
                    Vfa => sf::add(F64, a, b, false, env_fpc),
                    Vfs => sf::add(F64, a, b, true, env_fpc),
                    Vfm => sf::mul(F64, a, b, env_fpc),
                    _ => sf::div(F64, a, b, env_fpc),
                }
            })?;
            Ok((longs(r), None))
        }
        Vfsq => {
            spec_if(f.m3 != LONG || f.m4 & 7 != 0)?;
            let r = elements(c, 2, f.m4 & S != 0, false, |i| sf::sqrt(F64, d(v2, i), env_fpc))?;
            Ok((longs(r), None))
        }
        Vfma | Vfms => {
            // V1 = V2 × V3 ± V4, rounded once.
            spec_if(f.m6 != LONG || f.m5 & 7 != 0)?;
            let r = elements(c, 2, f.m5 & S != 0, false, |i| {
                sf::fma(F64, d(v2, i), d(v3, i), d(v4, i), op == Vfms, env_fpc)
            })?;
            Ok((longs(r), None))
        }
        Vfce | Vfch | Vfche => {
            // Element true: all ones. All three are quiet compares (only an SNaN is an
            // invalid operation): the signalling forms (VFKE, VFKH, VFKHE: M5 bit 1, "SQ")
            // belong to the vector-enhancements facility 1, which z13 lacks (M5 bit 1 is
            // then reserved: specification exception here).
            spec_if(f.m4 != LONG || f.m5 & 7 != 0 || f.m6 & 0xe != 0)?;
            let r = elements(c, 2, f.m5 & S != 0, false, |i| {
                let (ord, invalid) = bh::compare(F64, d(v2, i), d(v3, i), false);
                let t = match op {
                    Vfce => ord == Some(Ordering::Equal),
                    Vfch => ord == Some(Ordering::Greater),
                    _ => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
                };
                let bits = if t { u64::MAX as u128 } else { 0 };
                Res { bits, fl: Flags { invalid, ..Flags::default() } }
            })?;
            Ok((longs(r), (f.m6 & 1 != 0).then(|| cc_hits(&r))))
        }
        Wfc | Wfk => {
            // Element 0 of V1 against element 0 of V2; only the CC changes.
            spec_if(f.m3 != LONG || f.m4 != 0)?;
            let mut cc = 3;
            elements(c, 1, true, false, |_| {
                let (ord, invalid) = bh::compare(F64, d(v1, 0), d(v2, 0), op == Wfk);
                cc = match ord {
                    Some(Ordering::Equal) => 0,
                    Some(Ordering::Less) => 1,
                    Some(Ordering::Greater) => 2,
                    None => 3,
                };
                Res { bits: 0, fl: Flags { invalid, ..Flags::default() } }
            })?;
            Ok((v1, Some(cc)))
        }
        Vcdg | Vcdlg | Vcgd | Vclgd | Vfi => {
            spec_if(f.m3 != LONG || f.m4 & 3 != 0 || !m3_valid(f.m5))?;
            let rn = m3_rn(f.m5, fpc);
            let env = bh::env(fpc, rn);
            let r = elements(c, 2, f.m4 & S != 0, f.m4 & XXC != 0, |i| {
                let x = d(v2, i);
                match op {
                    Vcdg => sf::from_int(F64, (x as i64) < 0, (x as i64).unsigned_abs(), env),
                    Vcdlg => sf::from_int(F64, false, x as u64, env),
                    Vcgd => bh::to_fixed_res(F64, x, true, 64, rn).0,
                    Vclgd => bh::to_fixed_res(F64, x, false, 64, rn).0,
                    _ => sf::round_to_integral(F64, x, rn),
                }
            })?;
            Ok((longs(r), None))
        }
        Vlde => {
            // Short elements 0 and 2 (the left word of each doubleword) lengthened; exact,
            // an SNaN is an invalid operation (quieted).
            spec_if(f.m3 != SHORT || f.m4 & 7 != 0)?;
            let r = elements(c, 2, f.m4 & S != 0, false, |i| sf::convert(F32, F64, el(v2, 2, 2 * i), env_fpc))?;
            Ok((longs(r), None))
        }
        Vled => {
            // Long elements rounded to short ones, placed in words 0 and 2 (words 1 and 3
            // are unpredictable: zero here).
            spec_if(f.m3 != LONG || f.m4 & 3 != 0 || !m3_valid(f.m5))?;
            let env = bh::env(fpc, m3_rn(f.m5, fpc));
            let r = elements(c, 2, f.m4 & S != 0, f.m4 & XXC != 0, |i| sf::convert(F64, F32, d(v2, i), env))?;
            let mut v = 0;
            for (i, x) in r.iter().enumerate().take(2) {
                v = set_el(v, 2, 2 * i, x.unwrap_or(0));
            }
            Ok((v, None))
        }
        Vfpso => {
            // Sign operations: no IEEE exception, even for an SNaN.
            spec_if(f.m3 != LONG || f.m4 & 7 != 0 || f.m5 > 2)?;
            let sign = 1u128 << 63;
            let g = |x: u128| match f.m5 {
                0 => x ^ sign,
                1 => x | sign,
                _ => x & !sign,
            };
            let r = if f.m4 & S != 0 {
                set_el(v1, 3, 0, g(d(v2, 0)))
            } else {
                set_el(set_el(0, 3, 0, g(d(v2, 0))), 3, 1, g(d(v2, 1)))
            };
            Ok((r, None))
        }
        Vftci => {
            // I3 is a TEST DATA CLASS mask; no IEEE exception for any operand. With S, the
            // other element of V1 (unpredictable) is left unchanged, as QEMU does.
            spec_if(f.m4 != LONG || f.m5 & 7 != 0)?;
            let n = if f.m5 & S != 0 { 1 } else { 2 };
            let mut r = [None; 4];
            for (i, slot) in r.iter_mut().enumerate().take(n) {
                let hit = (f.i3 >> (11 - bh::class_pos(F64, d(v2, i)))) & 1 != 0;
                *slot = Some(if hit { u64::MAX as u128 } else { 0 });
            }
            let v = if n == 1 { set_el(v1, 3, 0, r[0].unwrap_or(0)) } else { longs(r) };
            Ok((v, Some(cc_hits(&r))))
        }
        _ => Err(Stop::Unimpl),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn cc_of_element_tests() {
        assert_eq!(cc_hits(&[Some(u64::MAX as u128), Some(0), None, None]), 1);
        assert_eq!(cc_hits(&[Some(1), None, None, None]), 0);
        assert_eq!(cc_hits(&[Some(0), Some(0), None, None]), 3);
    }
}
