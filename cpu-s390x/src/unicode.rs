//! The Unicode conversions `CU12` (`CUTFU`), `CU14`, `CU21` (`CUUTF`), `CU24`, `CU41`,
//! `CU42` (PoP ch. 7 "CONVERT UTF-x TO UTF-y"): the run-time helper shared by all six.
//!
//! The first operand (R1 even: address, R1+1: length) receives the converted characters of
//! the second (R2 even: address, R2+1: length). CC 0: the second operand is used up (a
//! partial character left at its end stays there); CC 1: the first operand has no room for
//! the next character; CC 2: an invalid character (registers designate it); CC 3: a
//! CPU-determined amount was processed (here: up to the next 4 KiB boundary of either
//! operand, at least one character). The well-formedness check is `M3` bit 3 for `CU12`,
//! `CU14`, `CU21`, `CU24`; `CU41`/`CU42` always check.

// Helpers receive the engine's CPU pointer by contract (see `G::new`).
#![allow(clippy::not_unsafe_ptr_arg_deref)]

use super::helpers::{G, R};

/// Encodings, as the digits of the mnemonics.
pub const UTF8: u64 = 1;
pub const UTF16: u64 = 2;
pub const UTF32: u64 = 4;

/// Why decoding the next character stopped.
enum Stop {
    /// Fewer bytes left than the character needs (CC 0).
    Short,
    /// Invalid character (CC 2).
    Invalid,
}

/// Decodes the character at `a` with `left` bytes remaining: (code point, bytes).
fn decode(g: &G, enc: u64, a: u64, left: u64, check: bool) -> R<Result<(u32, u64), Stop>> {
    let cont = |b: u8| b & 0xc0 == 0x80;
    Ok(match enc {
        UTF8 => {
            if left < 1 {
                return Ok(Err(Stop::Short));
            }
            let b0 = g.rd(a)?;
            let n = match b0 {
                0x00..=0x7f => return Ok(Ok((b0 as u32, 1))),
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                // 80-BF and F8-FF never start a character.
                _ => return Ok(Err(Stop::Invalid)),
            };
            // With the W bit, C0-C1 and F5-F7 start no well-formed character at all, so
            // they are invalid however few bytes follow (the length rule counts the bytes
            // of a character; there is none to count).
            if check && matches!(b0, 0xc0 | 0xc1 | 0xf5..=0xf7) {
                return Ok(Err(Stop::Invalid));
            }
            if left < n {
                return Ok(Err(Stop::Short));
            }
            let mut c = (b0 as u32) & (0x7f >> n);
            let mut ok = true;
            for i in 1..n {
                let b = g.rd(a.wrapping_add(i))?;
                ok &= cont(b);
                c = c << 6 | (b as u32 & 0x3f);
            }
            // The checked ranges of the PoP's table: no overlong forms (C0, C1, E0 80-9F,
            // F0 80-8F), no surrogates (ED A0-BF), nothing above 10FFFF (F4 90-, F5-F7).
            let valid = ok
                && match n {
                    2 => c >= 0x80,
                    3 => c >= 0x800 && !(0xd800..=0xdfff).contains(&c),
                    _ => (0x1_0000..=0x10_ffff).contains(&c),
                };
            if check && !valid {
                Err(Stop::Invalid)
            } else {
                Ok((c, n))
            }
        }
        UTF16 => {
            if left < 2 {
                return Ok(Err(Stop::Short));
            }
            let h = g.rd_n(a, 2)?;
            if h & 0xfc00 != 0xd800 {
                return Ok(Ok((h, 2)));
            }
            if left < 4 {
                return Ok(Err(Stop::Short));
            }
            let l = g.rd_n(a.wrapping_add(2), 2)?;
            if check && l & 0xfc00 != 0xdc00 {
                return Ok(Err(Stop::Invalid));
            }
            // uuuuu = wwww + 1 (PoP's surrogate layout).
            let plane = ((h >> 6) & 0xf) + 1;
            Ok((plane << 16 | (h & 0x3f) << 10 | (l & 0x3ff), 4))
        }
        _ => {
            if left < 4 {
                return Ok(Err(Stop::Short));
            }
            let c = g.rd_n(a, 4)?;
            // Always checked. The PoP's invalid UTF-32 values: surrogates D800-DFFF and
            // anything above 10FFFF (QEMU rejects only D800-DBFF; we follow the book).
            if (0xd800..=0xdfff).contains(&c) || c > 0x10_ffff {
                Err(Stop::Invalid)
            } else {
                Ok((c, 4))
            }
        }
    })
}

/// The bytes of `c` in encoding `enc`.
fn encode(enc: u64, c: u32) -> ([u8; 4], usize) {
    let mut d = [0u8; 4];
    match enc {
        UTF8 => {
            let n = match c {
                0..=0x7f => {
                    d[0] = c as u8;
                    return (d, 1);
                }
                0x80..=0x7ff => 2,
                0x800..=0xffff => 3,
                _ => 4,
            };
            let lead = [0, 0, 0xc0u8, 0xe0, 0xf0][n];
            for i in (1..n).rev() {
                d[i] = 0x80 | ((c >> (6 * (n - 1 - i))) & 0x3f) as u8;
            }
            d[0] = lead | (c >> (6 * (n - 1))) as u8 & (0x7f >> n);
            (d, n)
        }
        UTF16 => {
            if c <= 0xffff {
                d[..2].copy_from_slice(&(c as u16).to_be_bytes());
                return (d, 2);
            }
            // wwww = uuuuu - 1 (4 bits: an unchecked 5-bit plane wraps).
            let w = (((c >> 16) & 0x1f).wrapping_sub(1)) & 0xf;
            let h = 0xd800 | w << 6 | ((c >> 10) & 0x3f);
            let l = 0xdc00 | (c & 0x3ff);
            d[..2].copy_from_slice(&(h as u16).to_be_bytes());
            d[2..].copy_from_slice(&(l as u16).to_be_bytes());
            (d, 4)
        }
        _ => (c.to_be_bytes(), 4),
    }
}

/// `CUxy R1,R2[,M3]`: `from`/`to` are [`UTF8`], [`UTF16`], [`UTF32`]; `check` the W bit.
pub extern "C" fn helper_cu(cpu: *mut u8, r1: u64, r2: u64, from_to: u64, check: u64) -> u64 {
    // SAFETY: the engine calls helpers with the CPU they were emitted for.
    let mut g = unsafe { G::new(cpu) };
    let (r1, r2) = (r1 as usize, r2 as usize);
    let (from, to) = (from_to >> 8, from_to & 0xff);
    let (d0, dl0) = (g.addr(r1), g.len(r1 + 1));
    let (s0, sl0) = (g.addr(r2), g.len(r2 + 1));
    let budget_s = G::to_page(s0);
    let budget_d = G::to_page(d0);
    let (mut ds, mut ss) = (0u64, 0u64); // bytes stored / consumed
    let cc;
    loop {
        if ss >= budget_s || ds >= budget_d {
            cc = 3;
            break;
        }
        let s = g.at(s0, ss);
        let c = match decode(&g, from, s, sl0 - ss, check != 0) {
            Ok(Ok(c)) => c,
            Ok(Err(Stop::Short)) => {
                cc = 0;
                break;
            }
            Ok(Err(Stop::Invalid)) => {
                cc = 2;
                break;
            }
            Err(_) if ss == 0 => return 0,
            Err(_) => {
                cc = 3;
                break;
            }
        };
        let (bytes, n) = encode(to, c.0);
        if dl0 - ds < n as u64 {
            cc = 1;
            break;
        }
        let mut fault = false;
        for (i, b) in bytes[..n].iter().enumerate() {
            if g.wr(g.at(d0, ds + i as u64), *b).is_err() {
                fault = true;
                break;
            }
        }
        if fault {
            if ss == 0 {
                return 0;
            }
            cc = 3;
            break;
        }
        ds += n as u64;
        ss += c.1;
    }
    g.clear_fault();
    let (nd, ns) = (g.at(d0, ds), g.at(s0, ss));
    g.set_addr(r1, nd);
    g.set_len(r1 + 1, dl0 - ds);
    g.set_addr(r2, ns);
    g.set_len(r2 + 1, sl0 - ss);
    g.set_cc(cc);
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn encodings_of_known_characters() {
        assert_eq!(encode(UTF8, 0x20ac), ([0xe2, 0x82, 0xac, 0], 3));
        assert_eq!(encode(UTF8, 0x1f600), ([0xf0, 0x9f, 0x98, 0x80], 4));
        assert_eq!(encode(UTF8, 0xe9), ([0xc3, 0xa9, 0, 0], 2));
        assert_eq!(encode(UTF16, 0x1f600), ([0xd8, 0x3d, 0xde, 0x00], 4));
        assert_eq!(encode(UTF32, 0x1f600), ([0, 1, 0xf6, 0], 4));
    }
}
