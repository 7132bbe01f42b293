//! VMX integer instructions of ISA 2.07/3.0B (Power ISA 3.0B Book I §6.8-6.9), worked out
//! by hand from the book: carries out of 128 bits, saturation and VSCR[SAT], pixel pack and
//! unpack, rotate-and-mask insert, element extract/insert. Registers are 128-bit literals,
//! element 0 leftmost. Every case also runs on the Cranelift engine (see `ppc_harness`).

mod ppc_harness;

use ppc_harness::{Case, Done};

const IOTA: u128 = 0x0001_0203_0405_0607_0809_0a0b_0c0d_0e0f;

/// Runs an instruction with VRT = v1 (preset), VRA = v2, VRB = v3, VRC = v4.
fn run(w: u32, t: u128, a: u128, b: u128, c: u128) -> Done {
    let d = Case::new(true).vr(1, t).vr(2, a).vr(3, b).vr(4, c).run(w);
    d.next();
    d
}
fn words(w: [u32; 4]) -> u128 {
    w.iter().fold(0u128, |v, &x| v << 32 | x as u128)
}
fn sat(d: &Done) -> u32 {
    d.cpu.vscr & 1
}

#[test]
fn quadword_carries() {
    let vaddcuq = 0x1022_1940; // vaddcuq 1,2,3
    assert_eq!(run(vaddcuq, 0, u128::MAX, 1, 0).vr(1), 1);
    assert_eq!(run(vaddcuq, 0, u128::MAX - 1, 1, 0).vr(1), 0);
    // vaddeuqm: (2^128 − 1) + 0 + carry-in 1 wraps to 0 (the carry in is VRC's last bit).
    assert_eq!(run(0x1022_193c /* vaddeuqm 1,2,3,4 */, 0, u128::MAX, 0, 3).vr(1), 0);
    // vsubecuq: 5 − 5 borrows unless the carry in is 1.
    assert_eq!(run(0x1022_193f /* vsubecuq 1,2,3,4 */, 0, 5, 5, 0).vr(1), 0);
    assert_eq!(run(0x1022_193f, 0, 5, 5, 1).vr(1), 1);
}

#[test]
fn multiply_sum_and_odd_multiply() {
    // vmsumudm: (2^64 − 1)^2 + 2·3 + 1, modulo 2^128.
    let a = (u64::MAX as u128) << 64 | 2;
    let b = (u64::MAX as u128) << 64 | 3;
    let want = (u64::MAX as u128 * u64::MAX as u128).wrapping_add(7);
    assert_eq!(run(0x1022_1923 /* vmsumudm 1,2,3,4 */, 0, a, b, 1).vr(1), want);
    // vmulosw: the odd words, signed: −2 × 5, 3 × −7.
    let d = run(0x1022_1988 /* vmulosw 1,2,3 */, 0, words([9, (-2i32) as u32, 9, 3]), words([9, 5, 9, (-7i32) as u32]), 0);
    assert_eq!(d.vr(1), ((-10i64) as u64 as u128) << 64 | (-21i64) as u64 as u128);
}

#[test]
fn saturation_sets_sat() {
    // vmhraddshs: (0x7FFF × 0x7FFF + 0x4000) >> 15 = 0x7FFE, + 0x7FFF saturates.
    let h0 = |v: u128| v << 112;
    let d = run(0x1022_1921 /* vmhraddshs 1,2,3,4 */, 0, h0(0x7fff), h0(0x7fff), h0(0x7fff));
    assert_eq!((d.vr(1), sat(&d)), (h0(0x7fff), 1));
    // vsum2sws: word 1 ← sat(MAX + 1 + 0), word 3 ← −5 + 3 + 10; words 0 and 2 ← 0.
    let a = words([i32::MAX as u32, 1, (-5i32) as u32, 3]);
    let d = run(0x1022_1e88 /* vsum2sws 1,2,3 */, 0, a, words([99, 0, 99, 10]), 0);
    assert_eq!((d.vr(1), sat(&d)), (words([0, i32::MAX as u32, 0, 8]), 1));
    // vpkswus: signed words to unsigned halfwords: −1 → 0, 70000 → 0xFFFF, 5, 0x10000 → 0xFFFF.
    let a = words([u32::MAX, 70000, 5, 0x10000]);
    let d = run(0x1022_194e /* vpkswus 1,2,3 */, 0, a, 0, 0);
    assert_eq!((d.vr(1), sat(&d)), (0x0000_ffff_0005_ffffu128 << 64, 1));
    // Nothing saturates: SAT keeps its 0.
    let d = run(0x1022_194e, 0, words([1, 2, 3, 4]), 0, 0);
    assert_eq!((d.vr(1), sat(&d)), (0x0001_0002_0003_0004u128 << 64, 0));
}

#[test]
fn pixel_pack_and_unpack() {
    // 8:8:8:8 → 1:5:5:5: the low bit of byte 0, then the top five bits of bytes 1-3.
    let a = words([0x01f8_f8f8, 0x0008_1018, 0, 0]);
    let packed = run(0x1022_1b0e /* vpkpx 1,2,3 */, 0, a, 0, 0).vr(1);
    assert_eq!(packed, 0xffff_0443u128 << 96);
    // And back: the first bit sign-extended to a byte, each field zero-extended.
    let unpacked = run(0x1020_1b4e /* vupkhpx 1,3 */, 0, 0, packed, 0).vr(1);
    assert_eq!(unpacked, words([0xff1f_1f1f, 0x0001_0203, 0, 0]));
}

#[test]
fn vrlwmi_inserts_under_the_mask() {
    // Rotate 0x12345678 left by 8 → 0x34567812, mask MB = 8 .. ME = 23 → 0x00FFFF00;
    // the other bits come from VRT.
    let ctl = (8 << 16) | (23 << 8) | 8;
    let d = run(0x1022_1885 /* vrlwmi 1,2,3 */, u128::MAX, words([0x1234_5678; 4]), words([ctl; 4]), 0);
    assert_eq!(d.vr(1), words([0xff56_78ff; 4]));
}

#[test]
fn extract_insert_and_parity() {
    // vextractuw 1,3,4: bytes 4-7 into doubleword 0's low word; doubleword 1 ← 0.
    assert_eq!(run(0x1024_1a8d, 0, 0, IOTA, 0).vr(1), 0x0405_0607u128 << 64);
    // vinsertb 1,3,15: byte 7 of VRB into byte 15 of VRT, the rest kept.
    assert_eq!(run(0x102f_1b0d, u128::MAX, 0, IOTA, 0).vr(1), u128::MAX << 8 | 0x07);
    // vprtybq: parity of the bytes' low bits.
    assert_eq!(run(0x102a_1e02 /* vprtybq 1,3 */, 0, 0, 0x0101, 0).vr(1), 0);
    assert_eq!(run(0x102a_1e02, 0, 0, 0x0103, 0).vr(1), 0);
    assert_eq!(run(0x102a_1e02, 0, 0, 0x0001_0000_0000_0000_0000_0000_0000_0101, 0).vr(1), 1);
}
