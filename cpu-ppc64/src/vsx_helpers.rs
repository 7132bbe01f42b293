//! Helpers for [`crate::vsx`] (Power ISA 3.0B Book I ch. 7), with the ABI of
//! [`crate::vmx_helpers`] (full VSR numbers; state read and written in the CPU struct), plus
//! the single/double format conversions the scalar loads and stores use.

// Helpers take the CPU pointer as a plain `*mut u8` and are safe `extern "C" fn`s because
// `jit::helper!` (and the backends) call them through safe function-pointer types; only
// translated code and the interpreter call them, with the CPU struct they were written for.
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use crate::vmx_helpers::{cpu, permute, vsr_get, vsr_set};

/// `xxperm XT,XA,XB`: byte i of XT ← byte (XB.byte[i] & 31) of XA || XT.
pub extern "C" fn xxperm(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let r = permute(vsr_get(c, a), vsr_get(c, t), vsr_get(c, b), false);
    vsr_set(c, t, r);
    0
}
/// `xxpermr XT,XA,XB`: the same with byte 31 - (XB.byte[i] & 31).
pub extern "C" fn xxpermr(p: *mut u8, t: u64, a: u64, b: u64) -> u64 {
    // SAFETY: helper contract (vmx_helpers module docs).
    let c = unsafe { cpu(p) };
    let r = permute(vsr_get(c, a), vsr_get(c, t), vsr_get(c, b), true);
    vsr_set(c, t, r);
    0
}

/// Single-precision bits to double-precision bits as `lfs` does it (Book I §4.6.2,
/// "Floating-Point Load Instructions"): exact, denormals normalised, NaNs kept bit for bit
/// (a signalling NaN stays signalling). Not a host float conversion, which would quiet SNaNs.
pub fn sp_to_dp(w: u32) -> u64 {
    let w = w as u64;
    let sign = w >> 31;
    let exp = (w >> 23) & 0xff;
    let frac = w & 0x7f_ffff;
    if exp == 0 && frac != 0 {
        // Denormal: normalise the fraction, lowering the exponent from -126.
        let mut e: i64 = -126;
        let mut f = frac << 29; // 52-bit fraction field, implicit bit at position 52
        while f & (1 << 52) == 0 {
            f <<= 1;
            e -= 1;
        }
        (sign << 63) | (((e + 1023) as u64) << 52) | (f & ((1 << 52) - 1))
    } else {
        // Normal numbers, zeros, infinities and NaNs: the book's bit copy. Bits 2:4 of the
        // result repeat the inverse of the exponent's top bit for normal numbers, and the bit
        // itself for zero/infinity/NaN (exponent all zeros or all ones).
        let top = (w >> 30) & 1;
        let fill = if exp == 0 || exp == 0xff { top } else { top ^ 1 };
        let fill3 = fill * 0b111;
        (((w >> 30) & 0b11) << 62) | (fill3 << 59) | ((w & 0x3fff_ffff) << 29)
    }
}

/// Double-precision bits to single-precision bits as `stfs` does it (Book I §4.6.3,
/// "Floating-Point Store Instructions"): truncation, no rounding and no exceptions.
/// Exponents too small for a single denormal (which the book leaves undefined) shift out to a
/// signed zero, as the `xscvdpspn` programming note describes.
pub fn dp_to_sp(d: u64) -> u32 {
    let exp = (d >> 52) & 0x7ff;
    if exp > 896 || d & !(1 << 63) == 0 {
        ((((d >> 62) & 0b11) << 30) | ((d >> 29) & 0x3fff_ffff)) as u32
    } else {
        let sign = d >> 63;
        let mut e = exp as i64 - 1023;
        let mut frac = if exp == 0 { d & ((1 << 52) - 1) } else { (1 << 52) | (d & ((1 << 52) - 1)) };
        while e < -126 && frac != 0 {
            frac >>= 1;
            e += 1;
        }
        // frac bits 51:29 (below the implicit bit) are the single fraction.
        ((sign << 31) | ((frac >> 29) & 0x7f_ffff)) as u32
    }
}

/// Value helper (no register access): `sp_to_dp` of the low word of `x`.
pub extern "C" fn helper_sp_to_dp(_p: *mut u8, x: u64) -> u64 {
    sp_to_dp(x as u32)
}
/// Value helper: `dp_to_sp` of `x`, zero-extended.
pub extern "C" fn helper_dp_to_sp(_p: *mut u8, x: u64) -> u64 {
    dp_to_sp(x) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values from the IEEE formats by hand: 1.0f = 0x3f800000, 1.0 = 0x3ff0...;
    // smallest single denormal 2^-149 = 0x00000001 → 2^-149 = exp 1023-149 = 874 = 0x36a.
    #[test]
    fn single_to_double() {
        assert_eq!(sp_to_dp(0x3f80_0000), 0x3ff0_0000_0000_0000);
        assert_eq!(sp_to_dp(0xc000_0000), 0xc000_0000_0000_0000); // -2.0
        assert_eq!(sp_to_dp(0x0000_0001), 0x36a0_0000_0000_0000);
        assert_eq!(sp_to_dp(0x8000_0000), 0x8000_0000_0000_0000);
        assert_eq!(sp_to_dp(0x7f80_0000), 0x7ff0_0000_0000_0000); // +inf
        assert_eq!(sp_to_dp(0x7f80_0001), 0x7ff0_0000_2000_0000); // SNaN stays signalling
        assert_eq!(sp_to_dp(0x0040_0000), 0x3800_0000_0000_0000); // 2^-127
    }

    #[test]
    fn double_to_single() {
        assert_eq!(dp_to_sp(0x3ff0_0000_0000_0000), 0x3f80_0000);
        assert_eq!(dp_to_sp(0x3ff0_0000_1fff_ffff), 0x3f80_0000); // truncates
        assert_eq!(dp_to_sp(0x36a0_0000_0000_0000), 0x0000_0001);
        assert_eq!(dp_to_sp(0x3800_0000_0000_0000), 0x0040_0000);
        assert_eq!(dp_to_sp(0x7ff0_0000_2000_0000), 0x7f80_0001);
        assert_eq!(dp_to_sp(0x8000_0000_0000_0000), 0x8000_0000);
        assert_eq!(dp_to_sp(0x0010_0000_0000_0000), 0); // far below single range
    }
}
