//! The few s390x encodings the harness itself needs (prologue, epilogue, signal handler,
//! markers), and placing a field into a left-aligned instruction.
//!
//! Instructions are built as a `u64` holding the instruction left-aligned (PoP bit 0 = bit
//! 63), the way the PoP numbers bits, and emitted as their first 2, 4 or 6 bytes.
//! Encodings from the PoP's instruction lists (Appendix B); base registers are never 0 here.

/// Syscall numbers (s390x Linux): `svc N` carries numbers below 256 in the instruction.
pub const SYS_WRITE: u8 = 4;
pub const SYS_EXIT_GROUP: u8 = 248;
pub const SYS_RT_SIGACTION: u8 = 174;
pub const SYS_RT_SIGRETURN: u8 = 173;
pub const SYS_SIGALTSTACK: u8 = 186;

/// Instruction length from the first byte (PoP 5.2: bits 0:1 of the opcode).
pub const fn insn_len(first: u8) -> usize {
    match first >> 6 {
        0 => 2,
        1 | 2 => 4,
        _ => 6,
    }
}

/// `w` with PoP bits `at..at+len` set to `v` (truncated to `len` bits).
pub const fn put(w: u64, at: u32, len: u32, v: u64) -> u64 {
    let m = if len == 64 { u64::MAX } else { (1u64 << len) - 1 };
    let sh = 64 - at - len;
    (w & !(m << sh)) | ((v & m) << sh)
}

/// PoP bits `at..at+len` of `w`.
pub const fn get(w: u64, at: u32, len: u32) -> u64 {
    (w >> (64 - at - len)) & ((1u64 << len) - 1)
}

/// Appends the left-aligned instruction `w` (its length from its first byte).
pub fn emit(code: &mut Vec<u8>, w: u64) {
    let n = insn_len((w >> 56) as u8);
    code.extend_from_slice(&w.to_be_bytes()[..n]);
}

/// The left-aligned word of the instruction at the start of `b` (and its length).
pub fn fetch(b: &[u8]) -> (u64, usize) {
    let n = insn_len(b[0]).min(b.len());
    let mut q = [0u8; 8];
    q[..n].copy_from_slice(&b[..n]);
    (u64::from_be_bytes(q), n)
}

const fn op1(first: u64) -> u64 {
    first << 56
}
const fn op2(first: u64, second: u64) -> u64 {
    first << 56 | second << 48
}
/// Six-byte opcode with the secondary byte at bits 40:47.
const fn op6(first: u64, last: u64) -> u64 {
    first << 56 | last << 16
}
/// Opcode with a 4-bit extension at bits 12:15 (`A7x`, `C0x`, `C4x`).
const fn op4(first: u64, ext: u64) -> u64 {
    first << 56 | ext << 48
}

/// RX: `op r1, d(x, b)`.
pub const fn rx(op: u64, r1: u32, d: u32, x: u32, b: u32) -> u64 {
    put(put(put(put(op1(op), 8, 4, r1 as u64), 12, 4, x as u64), 16, 4, b as u64), 20, 12, d as u64)
}
/// RXY/RSY with a 20-bit displacement: `op r1, d(r3_or_x, b)` (d >= 0 here).
const fn rxy(op: u64, r1: u32, r3x: u32, d: u32, b: u32) -> u64 {
    let w = put(put(put(op, 8, 4, r1 as u64), 12, 4, r3x as u64), 16, 4, b as u64);
    put(put(w, 20, 12, d as u64 & 0xfff), 32, 8, (d as u64 >> 12) & 0xff)
}

pub const fn l(r: u32, d: u32, b: u32) -> u64 {
    rx(0x58, r, d, 0, b)
}
pub const fn st(r: u32, d: u32, b: u32) -> u64 {
    rx(0x50, r, d, 0, b)
}
pub const fn la(r: u32, d: u32, b: u32) -> u64 {
    rx(0x41, r, d, 0, b)
}
/// `ld f, d(b)` / `std f, d(b)`.
pub const fn ld(f: u32, d: u32, b: u32) -> u64 {
    rx(0x68, f, d, 0, b)
}
pub const fn std(f: u32, d: u32, b: u32) -> u64 {
    rx(0x60, f, d, 0, b)
}
pub const fn lg(r: u32, d: u32, b: u32) -> u64 {
    rxy(op6(0xe3, 0x04), r, 0, d, b)
}
pub const fn stg(r: u32, d: u32, b: u32) -> u64 {
    rxy(op6(0xe3, 0x24), r, 0, d, b)
}
/// `stg r, d(x, b)`.
pub const fn stg_x(r: u32, d: u32, x: u32, b: u32) -> u64 {
    rxy(op6(0xe3, 0x24), r, x, d, b)
}
pub const fn lmg(r1: u32, r3: u32, d: u32, b: u32) -> u64 {
    rxy(op6(0xeb, 0x04), r1, r3, d, b)
}
pub const fn stmg(r1: u32, r3: u32, d: u32, b: u32) -> u64 {
    rxy(op6(0xeb, 0x24), r1, r3, d, b)
}
/// VRS-a `vlm`/`vstm v1, v3, d(b)` (RXB bits 36/37 extend v1/v3).
const fn vrs_a(last: u64, v1: u32, v3: u32, d: u32, b: u32) -> u64 {
    let w = put(put(op6(0xe7, last), 8, 4, v1 as u64), 12, 4, v3 as u64);
    let w = put(put(w, 16, 4, b as u64), 20, 12, d as u64);
    put(put(w, 36, 1, (v1 >> 4) as u64), 37, 1, (v3 >> 4) as u64)
}
pub const fn vlm(v1: u32, v3: u32, d: u32, b: u32) -> u64 {
    vrs_a(0x36, v1, v3, d, b)
}
pub const fn vstm(v1: u32, v3: u32, d: u32, b: u32) -> u64 {
    vrs_a(0x3e, v1, v3, d, b)
}
/// S format `op d(b)` with a two-byte opcode.
const fn s(op: u64, d: u32, b: u32) -> u64 {
    put(put(op, 16, 4, b as u64), 20, 12, d as u64)
}
pub const fn lfpc(d: u32, b: u32) -> u64 {
    s(op2(0xb2, 0x9d), d, b)
}
pub const fn stfpc(d: u32, b: u32) -> u64 {
    s(op2(0xb2, 0x9c), d, b)
}
/// `spm r1`: CC and program mask from bits 34:39 of r1.
pub const fn spm(r: u32) -> u64 {
    put(op1(0x04), 8, 4, r as u64)
}
/// `ipm r1`: CC and program mask into bits 34:39 of r1.
pub const fn ipm(r: u32) -> u64 {
    put(op2(0xb2, 0x22), 24, 4, r as u64)
}
pub const fn lghi(r: u32, i: i16) -> u64 {
    put(put(op4(0xa7, 9), 8, 4, r as u64), 16, 16, i as u16 as u64)
}
pub const fn svc(n: u8) -> u64 {
    put(op1(0x0a), 8, 8, n as u64)
}
/// `larl r, *+2*halfwords`.
pub const fn larl(r: u32, halfwords: i32) -> u64 {
    put(put(op4(0xc0, 0), 8, 4, r as u64), 16, 32, halfwords as u32 as u64)
}
/// `lgrl r, *+2*halfwords`.
pub const fn lgrl(r: u32, halfwords: i32) -> u64 {
    put(put(op4(0xc4, 8), 8, 4, r as u64), 16, 32, halfwords as u32 as u64)
}
/// `brc m, *+2*halfwords`.
pub const fn brc(m: u32, halfwords: i16) -> u64 {
    put(put(op4(0xa7, 4), 8, 4, m as u64), 16, 16, halfwords as u16 as u64)
}
/// `brcl 0, *`: a six-byte no-op.
pub const NOP6: u64 = op4(0xc0, 4);
/// `bcr 15, r14`.
pub const BR14: u64 = put(op1(0x07), 8, 8, 0xfe);
/// `mvi d(b), i`.
pub const fn mvi(d: u32, b: u32, i: u8) -> u64 {
    put(put(put(op1(0x92), 8, 8, i as u64), 16, 4, b as u64), 20, 12, d as u64)
}
/// SS-a `op d1(l+1, b1), d2(b2)` with the length code `l`.
pub const fn ss_a(op: u64, l: u32, d1: u32, b1: u32, d2: u32, b2: u32) -> u64 {
    let w = put(put(op1(op), 8, 8, l as u64), 16, 4, b1 as u64);
    put(put(put(w, 20, 12, d1 as u64), 32, 4, b2 as u64), 36, 12, d2 as u64)
}
/// SI `op d(b), i`.
pub const fn si(op: u64, d: u32, b: u32, i: u8) -> u64 {
    put(put(put(op1(op), 8, 8, i as u64), 16, 4, b as u64), 20, 12, d as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    fn bytes(w: u64) -> Vec<u8> {
        let mut v = Vec::new();
        emit(&mut v, w);
        v
    }
    #[test]
    fn encodings() {
        // Checked against binutils' listings of the same instructions.
        assert_eq!(bytes(lg(1, 8, 15)), [0xe3, 0x10, 0xf0, 0x08, 0x00, 0x04]);
        assert_eq!(bytes(stmg(0, 15, 0x600, 5)), [0xeb, 0x0f, 0x56, 0x00, 0x00, 0x24]);
        assert_eq!(bytes(l(0, 0x80, 3)), [0x58, 0x00, 0x30, 0x80]);
        assert_eq!(bytes(spm(0)), [0x04, 0x00]);
        assert_eq!(bytes(ipm(0)), [0xb2, 0x22, 0x00, 0x00]);
        assert_eq!(bytes(lfpc(0x84, 2)), [0xb2, 0x9d, 0x20, 0x84]);
        assert_eq!(bytes(vlm(16, 31, 0x200, 1)), [0xe7, 0x0f, 0x12, 0x00, 0x0c, 0x36]);
        assert_eq!(bytes(lghi(4, -1)), [0xa7, 0x49, 0xff, 0xff]);
        assert_eq!(bytes(svc(4)), [0x0a, 0x04]);
        assert_eq!(bytes(larl(3, 2)), [0xc0, 0x30, 0, 0, 0, 2]);
        assert_eq!(bytes(lgrl(1, -1)), [0xc4, 0x18, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(bytes(BR14), [0x07, 0xfe]);
        assert_eq!(bytes(mvi(0x5fc, 7, 0xa1)), [0x92, 0xa1, 0x75, 0xfc]);
    }
}
