//! Vector string instructions (PoP ch. 23): `VFAE`, `VFEE`, `VFENE`, `VISTR`, `VSTRC`, for
//! byte, halfword and word elements.
//!
//! Flags of the M5 (M6 for `VSTRC`) field, PoP bit numbering: 0 IN (invert the comparison
//! result), 1 RT (result type: a mask per element instead of a byte index), 2 ZS (also
//! search for a zero element of the second operand), 3 CS (set the CC).
//!
//! Index results (RT = 0) are the byte index of the first hit (16 when none) in byte 7 of
//! the first operand — i.e. doubleword 0 holds the index, doubleword 1 is zero. With ZS,
//! the hit is the first equal (matching) element or the first zero element, whichever comes
//! first.
//!
//! `VFEE`/`VFENE` define only ZS and CS, `VISTR` only CS: the other M5 bits are reserved
//! and must be zero (specification exception).
//!
//! CCs (CS = 1), as `VFAE`/`VFEE`/`VSTRC` define them: 0 a zero element was found at or
//! before the first hit (ZS only), 1 a hit and no zero element, 2 a hit before the first
//! zero element, 3 neither. `VFENE`: 0 zero element found before (ZS) with all elements
//! before it equal, 1 first unequal element of V2 low, 2 high, 3 all equal and no zero.
//! `VISTR`: 0 a zero element was found, 3 none.

use super::helpers::{el, es_max, nel, set_el, mask, ebits, Stop, VF, H, R};

const IN: u32 = 8;
const RT: u32 = 4;
const ZS: u32 = 2;
const CS: u32 = 1;

/// Byte index of the first zero element, 16 if none.
fn first_zero(v: u128, es: u32) -> usize {
    (0..nel(es)).find(|&i| el(v, es, i) == 0).map_or(16, |i| i << es)
}

/// The CC of the find instructions from the first hit and first zero (byte indexes).
fn find_cc(hit: usize, zero: usize) -> u8 {
    if hit == 16 && zero == 16 {
        3
    } else if zero == 16 {
        1
    } else if hit < zero {
        2
    } else {
        0
    }
}

/// Index result: `idx` in doubleword 0, zeros in doubleword 1.
fn index(idx: usize) -> u128 {
    (idx as u128) << 64
}

/// Compares `x` with `l` under the control bits of `ctl` (its bits 0 EQ, 1 LT, 2 GT, PoP
/// numbering: true if the relation that holds is selected).
fn range_cmp(x: u128, l: u128, ctl: u128, bits: u32) -> bool {
    let top = ctl >> (bits - 3);
    if x == l {
        top & 4 != 0
    } else if x < l {
        top & 2 != 0
    } else {
        top & 1 != 0
    }
}

/// `VFAE` on byte elements as a pure function ([`jit::ir::PureFn`]) of V2 and V3, each as
/// doublewords 0 and 1: the byte index (0..16, 16 when none) of the first byte of V2 equal
/// to any byte of V3 — with `inv` nonzero (the IN flag), equal to none.
pub extern "C" fn vfae_byte_hit(a0: u64, a1: u64, b0: u64, b1: u64, inv: u64) -> u64 {
    let (a, b) = ((a0 as u128) << 64 | a1 as u128, (b0 as u128) << 64 | b1 as u128);
    // Bit i: byte 15 - i (book numbering) of V2 is in V3's set.
    let mut m = byte_set_matches(a, b);
    if inv != 0 {
        m ^= 0xffff;
    }
    if m == 0 { 16 } else { (m as u16).leading_zeros() as u64 }
}

/// Bit i set when byte i of `a` (the `u128`'s little-endian byte i) equals any byte of `b`.
fn byte_set_matches(a: u128, b: u128) -> u32 {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("sse4.2") {
        // SAFETY: the feature was detected at run time.
        return unsafe { byte_set_matches_sse42(a, b) };
    }
    let (x, y) = (a.to_le_bytes(), b.to_le_bytes());
    (0..16).filter(|&i| y.contains(&x[i])).fold(0, |m, i| m | 1 << i)
}

/// `PCMPESTRM` in its equal-any mode: the set is `b` (all 16 bytes, zeros included), the
/// string `a`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse4.2")]
unsafe fn byte_set_matches_sse42(a: u128, b: u128) -> u32 {
    use std::arch::x86_64::*;
    let av = _mm_loadu_si128(&a as *const u128 as *const __m128i);
    let bv = _mm_loadu_si128(&b as *const u128 as *const __m128i);
    let m = _mm_cmpestrm::<{ _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY | _SIDD_BIT_MASK }>(bv, 16, av, 16);
    (_mm_cvtsi128_si32(m) as u32) & 0xffff
}

pub fn run(op: H, f: &VF, v2: u128, v3: u128, v4: u128) -> R<(u128, Option<u8>)> {
    match op {
        H::Vfae | H::Vfee | H::Vfene => {
            let (es, flags) = (es_max(f.m4, 2)?, f.m5);
            // VFEE/VFENE have no IN and RT flags: M5 bits 0:1 are reserved and must be
            // zero, otherwise a specification exception (PoP ch. 23).
            if op != H::Vfae && flags & (IN | RT) != 0 {
                return Err(Stop::Spec);
            }
            let n = nel(es);
            let zero = if flags & ZS != 0 { first_zero(v2, es) } else { 16 };
            let cs = flags & CS != 0;
            match op {
                H::Vfae => {
                    let hit_el = |i: usize| {
                        let x = el(v2, es, i);
                        let any = (0..n).any(|j| el(v3, es, j) == x);
                        any != (flags & IN != 0)
                    };
                    let hit = (0..n).find(|&i| hit_el(i)).map_or(16, |i| i << es);
                    let r = if flags & RT != 0 {
                        (0..n).fold(0, |r, i| if hit_el(i) { set_el(r, es, i, mask(ebits(es))) } else { r })
                    } else {
                        index(hit.min(zero))
                    };
                    Ok((r, cs.then(|| find_cc(hit, zero))))
                }
                H::Vfee => {
                    let hit = (0..n).find(|&i| el(v2, es, i) == el(v3, es, i)).map_or(16, |i| i << es);
                    Ok((index(hit.min(zero)), cs.then(|| find_cc(hit, zero))))
                }
                _ => {
                    let ne = (0..n).find(|&i| el(v2, es, i) != el(v3, es, i));
                    let hit = ne.map_or(16, |i| i << es);
                    let cc = if hit == 16 && zero == 16 {
                        3
                    } else if zero < hit {
                        0
                    } else {
                        // The first unequal element decides (a zero element at the same
                        // index is part of the inequality).
                        let i = ne.unwrap_or(0);
                        if el(v2, es, i) < el(v3, es, i) { 1 } else { 2 }
                    };
                    Ok((index(hit.min(zero)), cs.then_some(cc)))
                }
            }
        }
        H::Vistr => {
            let es = es_max(f.m3, 2)?;
            // Only CS is defined: M5 bits 0:2 must be zero (PoP ch. 23), else specification.
            if f.m5 & !CS != 0 {
                return Err(Stop::Spec);
            }
            let zero = first_zero(v2, es);
            let r = if zero == 16 { v2 } else { v2 & !(u128::MAX >> (8 * zero)) };
            Ok((r, (f.m5 & CS != 0).then_some(if zero == 16 { 3 } else { 0 })))
        }
        H::Vstrc => {
            let (es, flags) = (es_max(f.m5, 2)?, f.m6);
            let (n, b) = (nel(es), ebits(es));
            let zero = if flags & ZS != 0 { first_zero(v2, es) } else { 16 };
            // Element i matches when it lies in any range: the pair of elements (2j, 2j+1)
            // of V3 with the control elements of V4 at the same positions.
            let hit_el = |i: usize| {
                let x = el(v2, es, i);
                let any = (0..n).step_by(2).any(|j| {
                    range_cmp(x, el(v3, es, j), el(v4, es, j), b) && range_cmp(x, el(v3, es, j + 1), el(v4, es, j + 1), b)
                });
                any != (flags & IN != 0)
            };
            let hit = (0..n).find(|&i| hit_el(i)).map_or(16, |i| i << es);
            let r = if flags & RT != 0 {
                (0..n).fold(0, |r, i| if hit_el(i) { set_el(r, es, i, mask(b)) } else { r })
            } else {
                index(hit.min(zero))
            };
            Ok((r, (flags & CS != 0).then(|| find_cc(hit, zero))))
        }
        _ => Err(Stop::Unimpl),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jit::testmem::Rng;

    /// The inline `VFAE`'s pure function (`PCMPESTRM` where the host has it) against the
    /// book's definition in [`run`]: byte sets drawn from the string itself (so hits occur
    /// at every position), random ones, zeros (a string's terminator) and IN.
    #[test]
    fn vfae_byte_hit_matches_the_definition() {
        let mut rng = Rng(0x5eed_0f_7fae);
        let mut hits = [0u32; 17];
        for case in 0..20_000 {
            let a = (rng.next() as u128) << 64 | rng.next() as u128;
            let mut b = (rng.next() as u128) << 64 | rng.next() as u128;
            match case % 4 {
                // Two bytes of `a` at random places, the rest zero (glibc's sets).
                0 => {
                    let pick = |rng: &mut Rng| (a >> (8 * rng.below(16))) & 0xff;
                    b = pick(&mut rng) << 120 | pick(&mut rng) << 112;
                }
                // Bytes of a small alphabet, so equal bytes are common.
                1 => b &= 0x0303_0303_0303_0303_0303_0303_0303_0303,
                _ => {}
            }
            let a = if case % 4 == 1 { a & 0x0303_0303_0303_0303_0303_0303_0303_0303 } else { a };
            for inv in [false, true] {
                let f = VF { v1: 0, v2: 0, v3: 0, v4: 0, m3: 0, m4: 0, m5: if inv { IN } else { 0 }, m6: 0, r1: 0, r2: 0, r3: 0, i2: 0, i3: 0, i4: 0 };
                let Ok((want, _)) = run(H::Vfae, &f, a, b, 0) else { panic!("VFAE rejected valid fields") };
                let got = vfae_byte_hit((a >> 64) as u64, a as u64, (b >> 64) as u64, b as u64, inv as u64);
                assert_eq!(got as u128, want >> 64, "a {a:#034x} b {b:#034x} inv {inv}");
                hits[got as usize] += 1;
            }
        }
        assert!(hits.iter().all(|&n| n > 0), "every index and none should occur: {hits:?}");
    }
}
