//! A small deterministic PRNG (SplitMix64) and the shared table of edge-rich test values.
//!
//! Every generated test is a pure function of the seed, so a failing case can be replayed
//! with `difftest --seed N --filter MNEMONIC`.

/// SplitMix64: tiny, fast, and good enough to spread test inputs; not for cryptography.
#[derive(Clone, Debug)]
pub struct Rng(u64);

/// Values where integer semantics usually go wrong (Dolphin's `TestValues.h` idea): zero,
/// one, all-ones, and both sides of every sign and width boundary.
pub const EDGE_VALUES: &[u64] = &[
    0,
    1,
    2,
    u64::MAX,     // -1
    u64::MAX - 1, // -2
    0x7fff_ffff,
    0x8000_0000,
    0xffff_ffff,
    0x1_0000_0000,
    0xffff_ffff_8000_0000, // (i32::MIN) sign-extended
    0xffff_ffff_0000_0000,
    0x0000_0000_7fff_8000,
    0x7fff_ffff_ffff_ffff,
    0x8000_0000_0000_0000,
    0x8000_0000_0000_0001,
    0x0000_0000_0000_8000,
    0xffff_ffff_ffff_8000,
    0x0000_0000_0000_7fff,
    0x0000_0000_0000_00ff,
    0x0000_0000_0000_0080,
    0x5555_5555_5555_5555,
    0xaaaa_aaaa_aaaa_aaaa,
    0x0123_4567_89ab_cdef,
];

/// Double-precision edges (Power ISA 3.0B ch. 4 and 7): zeros, ones, infinities, NaNs with
/// and without payloads, the denormal/normal boundary, the boundaries of the integer
/// conversions (±2^31, 2^32, ±2^63, 2^64 and their neighbours), rounding ties (±0.5, ±1.5,
/// ±2.5), the single-precision overflow/underflow boundaries as doubles, and the
/// half-precision extremes.
pub const F64_EDGES: &[u64] = &[
    0x0000_0000_0000_0000,
    0x8000_0000_0000_0000,
    0x3ff0_0000_0000_0000, // 1
    0xbff0_0000_0000_0000,
    0x3fef_ffff_ffff_ffff, // 1 - 2^-53
    0x7ff0_0000_0000_0000,
    0xfff0_0000_0000_0000,
    0x7ff8_0000_0000_0000,     // default QNaN
    0xfffc_0000_1234_5678,     // QNaN with payload
    0x7ff0_0000_0000_0001,     // SNaN, payload only in the low bits
    0xfff7_ffff_ffff_ffff,     // SNaN, every payload bit
    0x7ff4_0000_2000_0000,     // SNaN whose payload survives conversion to single
    0x0000_0000_0000_0001,     // smallest denormal
    0x800f_ffff_ffff_ffff,     // largest denormal (negative)
    0x000f_ffff_ffff_ffff,
    0x0010_0000_0000_0000,     // smallest normal
    0x8010_0000_0000_0000,
    0x7fef_ffff_ffff_ffff,     // largest
    0xffef_ffff_ffff_ffff,
    0x4330_0000_0000_0000,     // 2^52
    0x3fe0_0000_0000_0000,     // 0.5
    0xbfe0_0000_0000_0000,
    0x3fdf_ffff_ffff_ffff,     // just below 0.5
    0x3ff8_0000_0000_0000,     // 1.5
    0xbff8_0000_0000_0000,
    0x4004_0000_0000_0000,     // 2.5
    0xc004_0000_0000_0000,
    0x41e0_0000_0000_0000,     // 2^31
    0xc1e0_0000_0000_0000,     // -2^31
    0x41df_ffff_ffc0_0000,     // 2^31 - 1
    0xc1df_ffff_ffc0_0000,
    0x41df_ffff_ffe0_0000,     // 2^31 - 0.5
    0x41e0_0000_0010_0000,     // 2^31 + 0.5
    0xc1e0_0000_0010_0000,     // -2^31 - 0.5
    0xc1e0_0000_0020_0000,     // -2^31 - 1
    0x41f0_0000_0000_0000,     // 2^32
    0x41ef_ffff_ffe0_0000,     // 2^32 - 1
    0x41ef_ffff_fff0_0000,     // 2^32 - 0.5
    0xbfef_ffff_ffff_ffff,     // just above -1 (unsigned conversions)
    0x43e0_0000_0000_0000,     // 2^63
    0xc3e0_0000_0000_0000,     // -2^63
    0x43df_ffff_ffff_ffff,     // largest below 2^63
    0xc3e0_0000_0000_0001,     // just below -2^63
    0x43f0_0000_0000_0000,     // 2^64
    0x43ef_ffff_ffff_ffff,     // largest below 2^64
    0x47ef_ffff_e000_0000,     // largest single
    0xc7ef_ffff_e000_0000,
    0x47ef_ffff_f000_0000,     // largest single + half an ulp (overflows when rounding up)
    0x47ef_ffff_efff_ffff,
    0x47f0_0000_0000_0000,     // 2^128
    0x3810_0000_0000_0000,     // 2^-126, smallest normal single
    0x380f_ffff_ffff_ffff,     // just below it (tiny)
    0x380f_ffff_e000_0000,     // largest denormal single
    0x36a0_0000_0000_0000,     // 2^-149, smallest denormal single
    0xb6a8_0000_0000_0000,     // -1.5 × 2^-149
    0x3690_0000_0000_0000,     // 2^-150 (rounds to 0 or 2^-149)
    0x40ef_fc00_0000_0000,     // 65504, largest half
    0x40ef_fe00_0000_0000,     // 65520 (half overflow tie)
    0x3f10_0000_0000_0000,     // 2^-14, smallest normal half
    0x3e70_0000_0000_0000,     // 2^-24, smallest denormal half
    0x3e60_0000_0000_0000,     // 2^-25
];

/// Single-precision edges, as [`F64_EDGES`] (words).
pub const F32_EDGES: &[u32] = &[
    0,
    0x8000_0000,
    0x3f80_0000, // 1
    0xbf80_0000,
    0x7f80_0000,
    0xff80_0000,
    0x7fc0_0000, // default QNaN
    0xffc1_2345, // QNaN with payload
    0x7f80_0001, // SNaN
    0xffbf_ffff, // SNaN, every payload bit
    0x0000_0001, // smallest denormal
    0x007f_ffff, // largest denormal
    0x807f_ffff,
    0x8000_0001,
    0x0080_0000, // smallest normal
    0x8080_0000,
    0x0080_0001,
    0x1f80_0000, // 2^-64: its square is tiny
    0x2000_0001,
    0x7fbf_ffff, // SNaN, full payload
    0x7f7f_ffff, // largest
    0xff7f_ffff,
    0x4b00_0000, // 2^23
    0x3f00_0000, // 0.5
    0xbf00_0000,
    0x3fc0_0000, // 1.5
    0xbfc0_0000,
    0x4020_0000, // 2.5
    0xc020_0000,
    0x4f00_0000, // 2^31
    0xcf00_0000,
    0x4eff_ffff, // largest below 2^31
    0x4f80_0000, // 2^32
    0x4f7f_ffff,
    0x5f00_0000, // 2^63
    0xdf00_0000,
    0x5eff_ffff,
    0x5f80_0000, // 2^64
    0x5f7f_ffff,
    0x477f_e000, // 65504, largest half
    0x477f_f000, // 65520 (half overflow tie)
    0x477f_efff,
    0x3880_0000, // 2^-14, smallest normal half
    0x3380_0000, // 2^-24, smallest denormal half
    0x3300_0000, // 2^-25 (half underflow tie)
    0x3f80_1000, // 1 + 2^-11 (half rounding tie)
];

/// Quad-precision edges as the high doubleword of a VR (the low one is drawn separately, so
/// they come exact and with low bits set): ±0, ±1, ±0.5, ±1.5, ±2.5, ±∞, NaNs, the largest,
/// the smallest normal, the integer conversion boundaries ±2^31, 2^32, ±2^63, 2^64, and the
/// double-precision range boundaries.
pub const Q_EDGES: &[u64] = &[
    0x0000_0000_0000_0000,
    0x8000_0000_0000_0000,
    0x3fff_0000_0000_0000, // 1
    0xbfff_0000_0000_0000,
    0x3ffe_0000_0000_0000, // 0.5
    0x3fff_8000_0000_0000, // 1.5
    0xc000_4000_0000_0000, // -2.5
    0x7fff_0000_0000_0000, // +inf
    0xffff_0000_0000_0000,
    0x7fff_8000_0000_0000, // QNaN
    0x7fff_4000_0000_0000, // SNaN
    0x7ffe_ffff_ffff_ffff, // largest (with the low doubleword all ones)
    0x0001_0000_0000_0000, // smallest normal
    0x0000_ffff_ffff_ffff, // denormal
    0x401e_0000_0000_0000, // 2^31
    0xc01e_0000_0000_0000, // -2^31
    0x401f_0000_0000_0000, // 2^32
    0x403e_0000_0000_0000, // 2^63
    0xc03e_0000_0000_0000, // -2^63
    0x403f_0000_0000_0000, // 2^64
    0x43fe_ffff_ffff_ffff, // just below 2^1024 (double overflow)
    0x3c01_0000_0000_0000, // 2^-1022, smallest normal double
    0x3bcd_0000_0000_0000, // 2^-1074, smallest denormal double
];

/// Half-precision edges (for `xvcvhpsp`, `xscvhpdp`): zeros, one, infinities, NaNs, the
/// denormal/normal boundary, the largest.
pub const F16_EDGES: &[u16] = &[
    0x0000, 0x8000, 0x3c00, 0xbc00, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7c01, 0x7dff, 0x0001,
    0x03ff, 0x8400, 0x0400, 0x7bff, 0xfbff, 0x3555,
];

/// 16-bit immediates worth hitting: sign boundary, all-ones, zero, one.
pub const EDGE_IMM16: &[u32] = &[
    0, 1, 2, 0x7fff, 0x8000, 0x8001, 0xffff, 0xfffe, 0x00ff, 0xff00,
];

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5851_f42d_4c95_7f2d)
    }
    /// A generator for a sub-stream (e.g. one per decode row), independent of the order in
    /// which rows are visited.
    pub fn derive(seed: u64, label: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in label.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        Rng::new(seed ^ h.rotate_left(17))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    /// True with probability `num/den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
    /// A 64-bit register value biased toward edges: table values, small shift counts,
    /// 32-bit values (sign- and zero-extended), and fully random bits.
    pub fn value(&mut self) -> u64 {
        match self.below(10) {
            0..=3 => self.pick(EDGE_VALUES),
            4 => self.below(131),                      // shift amounts 0..130
            5 => self.next_u32() as i32 as i64 as u64, // sign-extended word
            6 => self.next_u32() as u64,               // zero-extended word
            7 => self.pick(EDGE_VALUES) ^ (1 << self.below(64)),
            _ => self.next_u64(),
        }
    }
    /// A vector doubleword: integer edges, or floating-point edges as one double, as two
    /// singles or as half-precision values in the low halfword of each word (and of the
    /// doubleword), sometimes one unit in the last place off.
    pub fn vec_dword(&mut self) -> u64 {
        match self.below(11) {
            10 => self.pick(Q_EDGES),
            0 | 1 => self.pick(F64_EDGES),
            2 => {
                let (hi, lo) = (self.f32_lane(), self.f32_lane());
                ((hi as u64) << 32) | lo as u64
            }
            3 => self.pick(F64_EDGES).wrapping_add(self.pick(&[1, u64::MAX])),
            4 => {
                if self.chance(1, 2) {
                    self.pick(F16_EDGES) as u64
                } else {
                    ((self.pick(F16_EDGES) as u64) << 32) | self.pick(F16_EDGES) as u64
                }
            }
            5 | 6 => self.value(),
            _ => self.next_u64(),
        }
    }

    /// A quadword for the decimal (BCD) instructions: mostly valid signed decimals (any
    /// length, any plus or minus sign code, zero, all nines), and some unsigned decimals,
    /// national (UTF-16) and zoned decimals, and random bits (mostly invalid).
    pub fn bcd_quad(&mut self) -> u128 {
        match self.below(14) {
            0..=6 => {
                let n = self.below(32) as u32;
                let sign = if self.chance(2, 3) { self.pick(&[0xc, 0xd]) } else { self.range(0xa, 0xf) as u128 };
                self.bcd_digits(n) << 4 | sign
            }
            7 => 0xc + self.below(2) as u128,
            8 => u128::MAX >> 4 & 0x9999_9999_9999_9999_9999_9999_9999_9999 | self.pick(&[0xc, 0xd, 0xf]),
            9 => self.bcd_unsigned(),
            10 => self.bcd_national(),
            11 => {
                let ps = self.chance(1, 2);
                self.bcd_zoned(ps)
            }
            _ => (self.next_u64() as u128) << 64 | self.next_u64() as u128,
        }
    }
    /// `n` random decimal digits, right-justified.
    fn bcd_digits(&mut self, n: u32) -> u128 {
        (0..n).fold(0u128, |v, _| v << 4 | self.below(10) as u128)
    }
    /// An unsigned decimal of up to 32 digits.
    pub fn bcd_unsigned(&mut self) -> u128 {
        let n = self.below(33) as u32;
        self.bcd_digits(n)
    }
    /// A national decimal: seven UTF-16 digits and a sign character (rarely a bad one).
    pub fn bcd_national(&mut self) -> u128 {
        let d = (0..7).fold(0u128, |v, _| v << 16 | (0x30 + self.below(10) as u128));
        let sign = if self.chance(7, 8) { self.pick(&[0x2b, 0x2d]) } else { self.below(0x40) as u128 };
        d << 16 | sign
    }
    /// A zoned decimal: sixteen digit bytes with zone 0x3 (`ps` false) or 0xF; the last
    /// zone is the sign (for `ps`, mostly a sign code 0xA-0xF).
    pub fn bcd_zoned(&mut self, ps: bool) -> u128 {
        let zone = if ps { 0xf0 } else { 0x30 };
        let d = (0..16).fold(0u128, |v, _| v << 8 | (zone | self.below(10) as u128));
        let sign = if ps && self.chance(7, 8) { self.range(0xa, 0xf) } else { self.range(0, 15) } as u128;
        (d & !0xf0) | sign << 4
    }
    /// One word lane of [`Rng::vec_dword`]: a single-precision edge (or next to one), a
    /// half-precision edge, or random bits.
    fn f32_lane(&mut self) -> u32 {
        match self.below(6) {
            0..=2 => self.pick(F32_EDGES),
            3 => self.pick(F32_EDGES).wrapping_add(self.pick(&[1, u32::MAX])),
            4 => self.pick(F16_EDGES) as u32,
            _ => self.next_u32(),
        }
    }

    /// A 16-bit immediate biased toward its edges.
    pub fn imm16(&mut self) -> u32 {
        if self.chance(1, 3) {
            self.pick(EDGE_IMM16)
        } else {
            self.next_u32() & 0xffff
        }
    }
    /// `bits` random bits, with the all-zero and all-one patterns over-represented.
    pub fn field(&mut self, bits: u32) -> u32 {
        let m = if bits >= 32 {
            u32::MAX
        } else {
            (1u32 << bits) - 1
        };
        match self.below(8) {
            0 => 0,
            1 => m,
            2 => 1 & m,
            3 => (m >> 1) + 1, // top bit only
            _ => self.next_u32() & m,
        }
    }
    pub fn fill(&mut self, buf: &mut [u8]) {
        for c in buf.chunks_mut(8) {
            let v = self.next_u64().to_le_bytes();
            c.copy_from_slice(&v[..c.len()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn deterministic_and_bounded() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
            assert!(a.below(13) < 13);
            b.below(13);
            let r = a.range(-3, 3);
            b.range(-3, 3);
            assert!((-3..=3).contains(&r));
        }
    }
}
