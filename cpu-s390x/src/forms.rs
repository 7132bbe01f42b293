//! Instruction formats (z/Architecture Principles of Operation, ch. 5 "Instruction
//! Formats"): which fields each format has and where.
//!
//! An instruction is held left-aligned in a `u64` (PoP bit 0 = bit 63), so a field at PoP
//! bits `start..start+len` is the same expression for 2-, 4- and 6-byte instructions.
//! Every format fills the one [`Fields`] struct the operand loaders read (`r1`, `b2`, `d2`
//! ...), the way the book names operands; fields a format lacks stay zero. Semantic code
//! never extracts instruction bits itself.

/// PoP bits `start..start+len` of the left-aligned instruction `w`.
pub const fn bits(w: u64, start: u32, len: u32) -> u64 {
    (w >> (64 - start - len)) & ((1u64 << len) - 1)
}

const fn sext(v: u64, len: u32) -> i64 {
    ((v << (64 - len)) as i64) >> (64 - len)
}

/// The decoded operand fields of one instruction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub r1: usize,
    pub r2: usize,
    pub r3: usize,
    pub x2: usize,
    pub b1: usize,
    pub b2: usize,
    pub b4: usize,
    pub d1: i64,
    pub d2: i64,
    pub d4: i64,
    pub m1: u32,
    pub m3: u32,
    pub m4: u32,
    pub m5: u32,
    pub m6: u32,
    /// The immediate operand, sign-extended from its field (loaders that want it unsigned
    /// mask it with [`Fields::i2_bits`]); relative-immediate offsets are in halfwords.
    pub i2: i64,
    pub i2_bits: u32,
    pub i3: u64,
    pub i4: i64,
    pub i5: u64,
    /// Length fields as coded (the operand is one byte longer).
    pub l1: u64,
    pub l2: u64,
    /// Vector register numbers, with their RXB extension bit.
    pub v1: usize,
    pub v2: usize,
    pub v3: usize,
    pub v4: usize,
}

impl Fields {
    /// The immediate zero-extended from its field.
    pub fn i2_u(&self) -> u64 {
        if self.i2_bits == 64 { self.i2 as u64 } else { (self.i2 as u64) & ((1u64 << self.i2_bits) - 1) }
    }
}

/// Every format of the decode table. `decode` fills the fields the format defines.
#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    E,
    I,
    IE,
    RR,
    RRD,
    RRE,
    RRF_a,
    RRF_b,
    RRF_c,
    RRF_d,
    RRF_e,
    RI_a,
    RI_b,
    RI_c,
    RIE_a,
    RIE_b,
    RIE_c,
    RIE_d,
    RIE_e,
    RIE_f,
    RIE_g,
    RIL_a,
    RIL_b,
    RIL_c,
    RIS,
    RRS,
    RS_a,
    RS_b,
    RSI,
    RSL_a,
    RSL_b,
    RSY_a,
    RSY_b,
    RX_a,
    RX_b,
    RXE,
    RXF,
    RXY_a,
    RXY_b,
    S,
    SI,
    SIL,
    SIY,
    SS_a,
    SS_b,
    SS_c,
    SS_d,
    SS_e,
    SS_f,
    SSE,
    SSF,
    VRI_a,
    VRI_b,
    VRI_c,
    VRI_d,
    VRI_e,
    VRR_a,
    VRR_b,
    VRR_c,
    VRR_d,
    VRR_e,
    VRR_f,
    VRS_a,
    VRS_b,
    VRS_c,
    VRV,
    VRX,
}

fn r(w: u64, at: u32) -> usize {
    bits(w, at, 4) as usize
}
fn d12(w: u64, at: u32) -> i64 {
    bits(w, at, 12) as i64
}
/// The 20-bit signed displacement of the long-displacement formats: DL (12 bits) at `at`,
/// DH (8 bits, the high part) right after it (PoP: DL2 20:31, DH2 32:39).
fn d20(w: u64, at: u32) -> i64 {
    let dl = bits(w, at, 12);
    let dh = bits(w, at + 12, 8);
    sext(dh << 12 | dl, 20)
}
/// Vector register field at `at` extended by RXB bit `rxb` (0 = PoP bit 36).
fn v(w: u64, at: u32, rxb: u32) -> usize {
    (bits(w, 36 + rxb, 1) << 4 | bits(w, at, 4)) as usize
}

impl Format {
    pub fn decode(self, w: u64) -> Fields {
        use Format::*;
        let mut f = Fields::default();
        let imm = |f: &mut Fields, at: u32, len: u32| {
            f.i2 = sext(bits(w, at, len), len);
            f.i2_bits = len;
        };
        match self {
            E => {}
            I => imm(&mut f, 8, 8),
            IE => {
                f.i2 = bits(w, 24, 4) as i64; // I1
                f.i3 = bits(w, 28, 4); // I2
                f.i2_bits = 4;
            }
            RR => {
                f.r1 = r(w, 8);
                f.r2 = r(w, 12);
                f.m1 = f.r1 as u32;
            }
            RRD => {
                f.r1 = r(w, 16);
                f.r3 = r(w, 24);
                f.r2 = r(w, 28);
            }
            RRE => {
                f.r1 = r(w, 24);
                f.r2 = r(w, 28);
            }
            RRF_a | RRF_b => {
                f.r3 = r(w, 16);
                f.m4 = bits(w, 20, 4) as u32;
                f.r1 = r(w, 24);
                f.r2 = r(w, 28);
            }
            RRF_c => {
                f.m3 = bits(w, 16, 4) as u32;
                f.r1 = r(w, 24);
                f.r2 = r(w, 28);
            }
            RRF_d => {
                f.m4 = bits(w, 20, 4) as u32;
                f.r1 = r(w, 24);
                f.r2 = r(w, 28);
            }
            RRF_e => {
                f.m3 = bits(w, 16, 4) as u32;
                f.m4 = bits(w, 20, 4) as u32;
                f.r1 = r(w, 24);
                f.r2 = r(w, 28);
            }
            RI_a | RI_b | RI_c => {
                f.r1 = r(w, 8);
                f.m1 = f.r1 as u32;
                imm(&mut f, 16, 16);
            }
            RIE_a => {
                f.r1 = r(w, 8);
                imm(&mut f, 16, 16);
                f.m3 = bits(w, 32, 4) as u32;
            }
            RIE_b => {
                f.r1 = r(w, 8);
                f.r2 = r(w, 12);
                f.i4 = sext(bits(w, 16, 16), 16);
                f.m3 = bits(w, 32, 4) as u32;
            }
            RIE_c => {
                f.r1 = r(w, 8);
                f.m3 = bits(w, 12, 4) as u32;
                f.i4 = sext(bits(w, 16, 16), 16);
                imm(&mut f, 32, 8);
            }
            RIE_d | RIE_e => {
                f.r1 = r(w, 8);
                f.r3 = r(w, 12);
                imm(&mut f, 16, 16);
            }
            RIE_f => {
                f.r1 = r(w, 8);
                f.r2 = r(w, 12);
                f.i3 = bits(w, 16, 8);
                f.i4 = bits(w, 24, 8) as i64;
                f.i5 = bits(w, 32, 8);
            }
            RIE_g => {
                f.r1 = r(w, 8);
                f.m3 = bits(w, 12, 4) as u32;
                imm(&mut f, 16, 16);
            }
            RIL_a | RIL_b | RIL_c => {
                f.r1 = r(w, 8);
                f.m1 = f.r1 as u32;
                imm(&mut f, 16, 32);
            }
            RIS => {
                f.r1 = r(w, 8);
                f.m3 = bits(w, 12, 4) as u32;
                f.b4 = r(w, 16);
                f.d4 = d12(w, 20);
                imm(&mut f, 32, 8);
            }
            RRS => {
                f.r1 = r(w, 8);
                f.r2 = r(w, 12);
                f.b4 = r(w, 16);
                f.d4 = d12(w, 20);
                f.m3 = bits(w, 32, 4) as u32;
            }
            RS_a | RS_b => {
                f.r1 = r(w, 8);
                f.r3 = r(w, 12);
                f.m3 = f.r3 as u32;
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
            }
            RSI => {
                f.r1 = r(w, 8);
                f.r3 = r(w, 12);
                imm(&mut f, 16, 16);
            }
            RSL_a => {
                f.l1 = bits(w, 8, 4);
                f.b1 = r(w, 16);
                f.d1 = d12(w, 20);
            }
            RSL_b => {
                f.l2 = bits(w, 8, 8);
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
                f.r1 = r(w, 32);
                f.m3 = bits(w, 36, 4) as u32;
            }
            RSY_a | RSY_b => {
                f.r1 = r(w, 8);
                f.r3 = r(w, 12);
                f.m3 = f.r3 as u32;
                f.b2 = r(w, 16);
                f.d2 = d20(w, 20);
            }
            RX_a | RX_b => {
                f.r1 = r(w, 8);
                f.m1 = f.r1 as u32;
                f.x2 = r(w, 12);
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
            }
            RXE => {
                f.r1 = r(w, 8);
                f.x2 = r(w, 12);
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
                f.m3 = bits(w, 32, 4) as u32;
            }
            RXF => {
                f.r3 = r(w, 8);
                f.x2 = r(w, 12);
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
                f.r1 = r(w, 32);
            }
            RXY_a | RXY_b => {
                f.r1 = r(w, 8);
                f.m1 = f.r1 as u32;
                f.x2 = r(w, 12);
                f.b2 = r(w, 16);
                f.d2 = d20(w, 20);
            }
            S => {
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
            }
            SI => {
                imm(&mut f, 8, 8);
                f.b1 = r(w, 16);
                f.d1 = d12(w, 20);
            }
            SIL => {
                f.b1 = r(w, 16);
                f.d1 = d12(w, 20);
                imm(&mut f, 32, 16);
            }
            SIY => {
                imm(&mut f, 8, 8);
                f.b1 = r(w, 16);
                f.d1 = d20(w, 20);
            }
            SS_a => {
                f.l1 = bits(w, 8, 8);
                f.b1 = r(w, 16);
                f.d1 = d12(w, 20);
                f.b2 = r(w, 32);
                f.d2 = d12(w, 36);
            }
            SS_b => {
                f.l1 = bits(w, 8, 4);
                f.l2 = bits(w, 12, 4);
                f.b1 = r(w, 16);
                f.d1 = d12(w, 20);
                f.b2 = r(w, 32);
                f.d2 = d12(w, 36);
            }
            SS_c => {
                f.l1 = bits(w, 8, 4);
                f.i3 = bits(w, 12, 4);
                f.b1 = r(w, 16);
                f.d1 = d12(w, 20);
                f.b2 = r(w, 32);
                f.d2 = d12(w, 36);
            }
            SS_d => {
                f.r1 = r(w, 8);
                f.r3 = r(w, 12);
                f.b1 = r(w, 16);
                f.d1 = d12(w, 20);
                f.b2 = r(w, 32);
                f.d2 = d12(w, 36);
            }
            SS_e => {
                f.r1 = r(w, 8);
                f.r3 = r(w, 12);
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
                f.b4 = r(w, 32);
                f.d4 = d12(w, 36);
            }
            SS_f => {
                f.l2 = bits(w, 8, 8);
                f.b1 = r(w, 16);
                f.d1 = d12(w, 20);
                f.b2 = r(w, 32);
                f.d2 = d12(w, 36);
            }
            SSE => {
                f.b1 = r(w, 16);
                f.d1 = d12(w, 20);
                f.b2 = r(w, 32);
                f.d2 = d12(w, 36);
            }
            SSF => {
                f.r3 = r(w, 8);
                f.b1 = r(w, 16);
                f.d1 = d12(w, 20);
                f.b2 = r(w, 32);
                f.d2 = d12(w, 36);
            }
            VRI_a => {
                f.v1 = v(w, 8, 0);
                imm(&mut f, 16, 16);
                f.m3 = bits(w, 32, 4) as u32;
            }
            VRI_b => {
                f.v1 = v(w, 8, 0);
                f.i2 = bits(w, 16, 8) as i64;
                f.i2_bits = 8;
                f.i3 = bits(w, 24, 8);
                f.m4 = bits(w, 32, 4) as u32;
            }
            VRI_c => {
                f.v1 = v(w, 8, 0);
                f.v3 = v(w, 12, 1);
                imm(&mut f, 16, 16);
                f.m4 = bits(w, 32, 4) as u32;
            }
            VRI_d => {
                f.v1 = v(w, 8, 0);
                f.v2 = v(w, 12, 1);
                f.v3 = v(w, 16, 2);
                f.i4 = bits(w, 24, 8) as i64;
                f.m5 = bits(w, 32, 4) as u32;
            }
            VRI_e => {
                f.v1 = v(w, 8, 0);
                f.v2 = v(w, 12, 1);
                f.i3 = bits(w, 16, 12);
                f.m5 = bits(w, 28, 4) as u32;
                f.m4 = bits(w, 32, 4) as u32;
            }
            VRR_a => {
                f.v1 = v(w, 8, 0);
                f.v2 = v(w, 12, 1);
                f.m5 = bits(w, 24, 4) as u32;
                f.m4 = bits(w, 28, 4) as u32;
                f.m3 = bits(w, 32, 4) as u32;
            }
            VRR_b => {
                f.v1 = v(w, 8, 0);
                f.v2 = v(w, 12, 1);
                f.v3 = v(w, 16, 2);
                f.m5 = bits(w, 24, 4) as u32;
                f.m4 = bits(w, 32, 4) as u32;
            }
            VRR_c => {
                f.v1 = v(w, 8, 0);
                f.v2 = v(w, 12, 1);
                f.v3 = v(w, 16, 2);
                f.m6 = bits(w, 24, 4) as u32;
                f.m5 = bits(w, 28, 4) as u32;
                f.m4 = bits(w, 32, 4) as u32;
            }
            VRR_d => {
                f.v1 = v(w, 8, 0);
                f.v2 = v(w, 12, 1);
                f.v3 = v(w, 16, 2);
                f.m5 = bits(w, 20, 4) as u32;
                f.m6 = bits(w, 24, 4) as u32;
                f.v4 = v(w, 32, 3);
            }
            VRR_e => {
                f.v1 = v(w, 8, 0);
                f.v2 = v(w, 12, 1);
                f.v3 = v(w, 16, 2);
                f.m6 = bits(w, 20, 4) as u32;
                f.m5 = bits(w, 28, 4) as u32;
                f.v4 = v(w, 32, 3);
            }
            VRR_f => {
                f.v1 = v(w, 8, 0);
                f.r2 = r(w, 12);
                f.r3 = r(w, 16);
            }
            VRS_a => {
                f.v1 = v(w, 8, 0);
                f.v3 = v(w, 12, 1);
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
                f.m4 = bits(w, 32, 4) as u32;
            }
            VRS_b => {
                f.v1 = v(w, 8, 0);
                f.r3 = r(w, 12);
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
                f.m4 = bits(w, 32, 4) as u32;
            }
            VRS_c => {
                f.r1 = r(w, 8);
                f.v3 = v(w, 12, 1);
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
                f.m4 = bits(w, 32, 4) as u32;
            }
            VRV => {
                f.v1 = v(w, 8, 0);
                f.v2 = v(w, 12, 1);
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
                f.m3 = bits(w, 32, 4) as u32;
            }
            VRX => {
                f.v1 = v(w, 8, 0);
                f.x2 = r(w, 12);
                f.b2 = r(w, 16);
                f.d2 = d12(w, 20);
                f.m3 = bits(w, 32, 4) as u32;
            }
        }
        f
    }
}

/// Instruction length in bytes from the first byte (PoP: bits 0:1 of the opcode).
pub const fn insn_len(first: u8) -> u32 {
    match first >> 6 {
        0 => 2,
        1 | 2 => 4,
        _ => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn left(bytes: &[u8]) -> u64 {
        let mut b = [0u8; 8];
        b[..bytes.len()].copy_from_slice(bytes);
        u64::from_be_bytes(b)
    }
    #[test]
    fn long_displacement_is_signed_dh_dl() {
        // lg %r1,-8(%r2,%r15): e3 12 ff f8 ff 04
        let f = Format::RXY_a.decode(left(&[0xe3, 0x12, 0xff, 0xf8, 0xff, 0x04]));
        assert_eq!((f.r1, f.x2, f.b2, f.d2), (1, 2, 15, -8));
        // lg %r1,4096(%r15): e3 10 f0 00 01 04
        let f = Format::RXY_a.decode(left(&[0xe3, 0x10, 0xf0, 0x00, 0x01, 0x04]));
        assert_eq!(f.d2, 4096);
    }
    #[test]
    fn rie_f_fields() {
        // risbg %r1,%r2,32,191,8: ec 12 20 bf 08 55
        let f = Format::RIE_f.decode(left(&[0xec, 0x12, 0x20, 0xbf, 0x08, 0x55]));
        assert_eq!((f.r1, f.r2, f.i3, f.i4, f.i5), (1, 2, 32, 191, 8));
    }
    #[test]
    fn vector_registers_take_rxb() {
        // vl %v17,0(%r2): e7 10 20 00 08 06 (RXB = 8: v1 + 16)
        let f = Format::VRX.decode(left(&[0xe7, 0x10, 0x20, 0x00, 0x08, 0x06]));
        assert_eq!((f.v1, f.b2, f.d2), (17, 2, 0));
    }
    #[test]
    fn vector_formats_place_fields_and_rxb_as_the_pop_draws_them() {
        // VRR-c: V1 8, V2 12, V3 16, M6 24, M5 28, M4 32, RXB 36:39 (V1, V2, V3 bits).
        // vaf %v17,%v2,%v31: e7 12 f0 00 2a f3 (RXB = 1010)
        let f = Format::VRR_c.decode(left(&[0xe7, 0x12, 0xf0, 0x00, 0x2a, 0xf3]));
        assert_eq!((f.v1, f.v2, f.v3, f.m4, f.m5, f.m6), (17, 2, 31, 2, 0, 0));
        // VRR-b: M5 24, M4 32. vfeezbs %v1,%v2,%v3: e7 12 30 30 00 80
        let f = Format::VRR_b.decode(left(&[0xe7, 0x12, 0x30, 0x30, 0x00, 0x80]));
        assert_eq!((f.v1, f.v2, f.v3, f.m4, f.m5), (1, 2, 3, 0, 3));
        // VRR-a: M5 24, M4 28, M3 32. vistrbs %v1,%v18: e7 12 00 10 04 5c
        let f = Format::VRR_a.decode(left(&[0xe7, 0x12, 0x00, 0x10, 0x04, 0x5c]));
        assert_eq!((f.v1, f.v2, f.m3, f.m4, f.m5), (1, 18, 0, 0, 1));
        // VRR-d: M5 20, M6 24, V4 32 (RXB bit 39). vstrc %v1,%v2,%v3,%v20,1,2: e7 12 31 20 41 8a
        let f = Format::VRR_d.decode(left(&[0xe7, 0x12, 0x31, 0x20, 0x41, 0x8a]));
        assert_eq!((f.v1, f.v2, f.v3, f.v4, f.m5, f.m6), (1, 2, 3, 20, 1, 2));
        // VRR-e: M6 20, M5 28, V4 32. vfma %v1,%v2,%v3,%v4,8,3: e7 12 33 08 40 8f
        let f = Format::VRR_e.decode(left(&[0xe7, 0x12, 0x33, 0x08, 0x40, 0x8f]));
        assert_eq!((f.v1, f.v2, f.v3, f.v4, f.m5, f.m6), (1, 2, 3, 4, 8, 3));
        // VRR-f: R2 12, R3 16. vlvgp %v20,%r2,%r3: e7 42 30 00 08 62
        let f = Format::VRR_f.decode(left(&[0xe7, 0x42, 0x30, 0x00, 0x08, 0x62]));
        assert_eq!((f.v1, f.r2, f.r3), (20, 2, 3));
        // VRI-a: I2 16:31, M3 32. vleih %v1,-2,3: e7 10 ff fe 30 41
        let f = Format::VRI_a.decode(left(&[0xe7, 0x10, 0xff, 0xfe, 0x30, 0x41]));
        assert_eq!((f.v1, f.i2, f.m3), (1, -2, 3));
        // VRI-b: I2 16:23, I3 24:31, M4 32. vgmh %v1,8,15: e7 10 08 0f 10 46
        let f = Format::VRI_b.decode(left(&[0xe7, 0x10, 0x08, 0x0f, 0x10, 0x46]));
        assert_eq!((f.v1, f.i2, f.i3, f.m4), (1, 8, 15, 1));
        // VRI-c: V3 12 (RXB bit 37), I2 16:31, M4 32. vrepf %v1,%v17,3: e7 11 00 03 24 4d
        let f = Format::VRI_c.decode(left(&[0xe7, 0x11, 0x00, 0x03, 0x24, 0x4d]));
        assert_eq!((f.v1, f.v3, f.i2, f.m4), (1, 17, 3, 2));
        // VRI-d: I4 24:31, M5 32. verimf %v1,%v2,%v3,8: e7 12 30 08 20 72
        let f = Format::VRI_d.decode(left(&[0xe7, 0x12, 0x30, 0x08, 0x20, 0x72]));
        assert_eq!((f.v1, f.v2, f.v3, f.i4, f.m5), (1, 2, 3, 8, 2));
        // VRI-e: I3 16:27, M5 28, M4 32. vftcidb %v1,%v2,0x123: e7 12 12 33 30 4a
        let f = Format::VRI_e.decode(left(&[0xe7, 0x12, 0x12, 0x33, 0x30, 0x4a]));
        assert_eq!((f.v1, f.v2, f.i3, f.m5, f.m4), (1, 2, 0x123, 3, 3));
        // VRS-a/b/c: V3 or R3 12 / R1 8, B2 16, D2 20:31, M4 32.
        // vesrlh %v1,%v19,5(%r4): e7 13 40 05 14 38
        let f = Format::VRS_a.decode(left(&[0xe7, 0x13, 0x40, 0x05, 0x14, 0x38]));
        assert_eq!((f.v1, f.v3, f.b2, f.d2, f.m4), (1, 19, 4, 5, 1));
        // vll %v1,%r3,0(%r2): e7 13 20 00 00 37
        let f = Format::VRS_b.decode(left(&[0xe7, 0x13, 0x20, 0x00, 0x00, 0x37]));
        assert_eq!((f.v1, f.r3, f.b2, f.d2), (1, 3, 2, 0));
        // vlgvb %r4,%v16,7: e7 40 00 07 04 21 (RXB bit 37 extends V3)
        let f = Format::VRS_c.decode(left(&[0xe7, 0x40, 0x00, 0x07, 0x04, 0x21]));
        assert_eq!((f.r1, f.v3, f.b2, f.d2, f.m4), (4, 16, 0, 7, 0));
        // VRV: V2 12 (RXB bit 37). vgef %v1,8(%v18,%r2),3: e7 12 20 08 34 13
        let f = Format::VRV.decode(left(&[0xe7, 0x12, 0x20, 0x08, 0x34, 0x13]));
        assert_eq!((f.v1, f.v2, f.b2, f.d2, f.m3), (1, 18, 2, 8, 3));
        // VRX: X2 12. vl %v1,16(%r3,%r2),3: e7 13 20 10 30 06
        let f = Format::VRX.decode(left(&[0xe7, 0x13, 0x20, 0x10, 0x30, 0x06]));
        assert_eq!((f.v1, f.x2, f.b2, f.d2, f.m3), (1, 3, 2, 16, 3));
    }
    #[test]
    fn lengths() {
        assert_eq!(insn_len(0x07), 2);
        assert_eq!(insn_len(0x58), 4);
        assert_eq!(insn_len(0xa7), 4);
        assert_eq!(insn_len(0xe3), 6);
    }
}
