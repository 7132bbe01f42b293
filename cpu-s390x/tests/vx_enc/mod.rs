//! Encoders of the vector formats (PoP ch. 5 "Instruction Formats"), written from the
//! book's field diagrams so that each test states its operands, not hex. The
//! `encoders_match_capstone` test in `vector.rs` checks a sample of them against an
//! independent disassembler.

#![allow(dead_code)]

/// An E7 instruction from its nibbles at PoP bits 8, 12, 16, 20, 24, 28, 32; `v[k]` says
/// the field at 8, 12, 16, 32 (k = 0..3) is a vector register (0..31), whose bit 4 goes to
/// RXB bit 36 + k.
pub fn e7(op: u8, n: [u32; 7], v: [bool; 4]) -> [u8; 6] {
    let mut rxb = 0u32;
    for (k, at) in [0usize, 1, 2, 6].iter().enumerate() {
        if v[k] && n[*at] >= 16 {
            rxb |= 8 >> k;
        }
    }
    let nb = |i: usize| (n[i] & 15) as u8;
    [0xe7, nb(0) << 4 | nb(1), nb(2) << 4 | nb(3), nb(4) << 4 | nb(5), nb(6) << 4 | rxb as u8, op]
}
pub fn vrr_a(op: u8, v1: u32, v2: u32, m3: u32, m4: u32, m5: u32) -> [u8; 6] {
    e7(op, [v1, v2, 0, 0, m5, m4, m3], [true, true, false, false])
}
pub fn vrr_b(op: u8, v1: u32, v2: u32, v3: u32, m4: u32, m5: u32) -> [u8; 6] {
    e7(op, [v1, v2, v3, 0, m5, 0, m4], [true, true, true, false])
}
pub fn vrr_c(op: u8, v1: u32, v2: u32, v3: u32, m4: u32, m5: u32, m6: u32) -> [u8; 6] {
    e7(op, [v1, v2, v3, 0, m6, m5, m4], [true, true, true, false])
}
pub fn vrr_d(op: u8, v1: u32, v2: u32, v3: u32, v4: u32, m5: u32, m6: u32) -> [u8; 6] {
    e7(op, [v1, v2, v3, m5, m6, 0, v4], [true, true, true, true])
}
pub fn vrr_e(op: u8, v1: u32, v2: u32, v3: u32, v4: u32, m5: u32, m6: u32) -> [u8; 6] {
    e7(op, [v1, v2, v3, m6, 0, m5, v4], [true, true, true, true])
}
pub fn vrr_f(op: u8, v1: u32, r2: u32, r3: u32) -> [u8; 6] {
    e7(op, [v1, r2, r3, 0, 0, 0, 0], [true, false, false, false])
}
/// VRX: V1, D2(X2,B2), M3.
pub fn vrx(op: u8, v1: u32, d2: u32, x2: u32, b2: u32, m3: u32) -> [u8; 6] {
    e7(op, [v1, x2, b2, d2 >> 8, d2 >> 4, d2, m3], [true, false, false, false])
}
/// VRV: V1, D2(V2,B2), M3.
pub fn vrv(op: u8, v1: u32, d2: u32, v2: u32, b2: u32, m3: u32) -> [u8; 6] {
    e7(op, [v1, v2, b2, d2 >> 8, d2 >> 4, d2, m3], [true, true, false, false])
}
/// VRS-a: V1, V3, D2(B2), M4.
pub fn vrs_a(op: u8, v1: u32, v3: u32, d2: u32, b2: u32, m4: u32) -> [u8; 6] {
    e7(op, [v1, v3, b2, d2 >> 8, d2 >> 4, d2, m4], [true, true, false, false])
}
/// VRS-b: V1, R3, D2(B2), M4.
pub fn vrs_b(op: u8, v1: u32, r3: u32, d2: u32, b2: u32, m4: u32) -> [u8; 6] {
    e7(op, [v1, r3, b2, d2 >> 8, d2 >> 4, d2, m4], [true, false, false, false])
}
/// VRS-c: R1, V3, D2(B2), M4.
pub fn vrs_c(op: u8, r1: u32, v3: u32, d2: u32, b2: u32, m4: u32) -> [u8; 6] {
    e7(op, [r1, v3, b2, d2 >> 8, d2 >> 4, d2, m4], [false, true, false, false])
}
/// VRI-a: V1, I2 (16 bits), M3.
pub fn vri_a(op: u8, v1: u32, i2: u32, m3: u32) -> [u8; 6] {
    e7(op, [v1, 0, i2 >> 12, i2 >> 8, i2 >> 4, i2, m3], [true, false, false, false])
}
/// VRI-b: V1, I2 (8), I3 (8), M4.
pub fn vri_b(op: u8, v1: u32, i2: u32, i3: u32, m4: u32) -> [u8; 6] {
    e7(op, [v1, 0, i2 >> 4, i2, i3 >> 4, i3, m4], [true, false, false, false])
}
/// VRI-c: V1, V3, I2 (16), M4.
pub fn vri_c(op: u8, v1: u32, v3: u32, i2: u32, m4: u32) -> [u8; 6] {
    e7(op, [v1, v3, i2 >> 12, i2 >> 8, i2 >> 4, i2, m4], [true, true, false, false])
}
/// VRI-d: V1, V2, V3, I4 (8), M5.
pub fn vri_d(op: u8, v1: u32, v2: u32, v3: u32, i4: u32, m5: u32) -> [u8; 6] {
    e7(op, [v1, v2, v3, 0, i4 >> 4, i4, m5], [true, true, true, false])
}

/// A vector from its 16 bytes, element 0 first.
pub fn bytes(b: [u8; 16]) -> u128 {
    u128::from_be_bytes(b)
}
/// A vector from a byte string padded with `pad`.
pub fn str16(s: &[u8], pad: u8) -> u128 {
    let mut b = [pad; 16];
    b[..s.len()].copy_from_slice(s);
    u128::from_be_bytes(b)
}
/// A vector of 8 halfwords / 4 words / 2 doublewords, element 0 first.
pub fn h8(h: [u16; 8]) -> u128 {
    h.iter().fold(0, |v, &x| v << 16 | x as u128)
}
pub fn w4(w: [u32; 4]) -> u128 {
    w.iter().fold(0, |v, &x| v << 32 | x as u128)
}
pub fn d2(a: u64, b: u64) -> u128 {
    (a as u128) << 64 | b as u128
}
