//! VMX crypto and polynomial instructions (Power ISA 3.0B Book I §6.11-6.12): known-answer
//! tests from the standards. Registers are 128-bit literals whose leftmost byte is element 0,
//! which for the AES instructions is the first byte of the FIPS-197 block. Every case also
//! runs on the Cranelift engine, which must agree (see `ppc_harness`).

mod ppc_harness;

use ppc_harness::Case;

/// Runs a VX-form instruction on VRA = v2, VRB = v3 (VRC = v4) and returns v1.
fn vx3(w: u32, a: u128, b: u128) -> u128 {
    let d = Case::new(true).vr(1, 0x5a5a).vr(2, a).vr(3, b).run(w);
    d.next();
    d.vr(1)
}
fn vx4(w: u32, a: u128, b: u128, c: u128) -> u128 {
    let d = Case::new(true).vr(2, a).vr(3, b).vr(4, c).run(w);
    d.next();
    d.vr(1)
}

const VCIPHER: u32 = 0x1022_1d08; // vcipher 1,2,3
const VCIPHERLAST: u32 = 0x1022_1d09; // vcipherlast 1,2,3
const VNCIPHER: u32 = 0x1022_1d48; // vncipher 1,2,3
const VNCIPHERLAST: u32 = 0x1022_1d49; // vncipherlast 1,2,3
const VSBOX: u32 = 0x1022_05c8; // vsbox 1,2

// FIPS-197 Appendix B (AES-128, key 2b7e1516 28aed2a6 abf71588 09cf4f3c).
/// Round 1: the state at the start of the round, the round key, the state after ShiftRows
/// and SubBytes, after MixColumns, and at the start of round 2.
const R1_START: u128 = 0x193de3be_a0f4e22b_9ac68d2a_e9f84808;
const R1_KEY: u128 = 0xa0fafe17_88542cb1_23a33939_2a6c7605;
const R1_SHIFTED: u128 = 0xd4bf5d30_e0b452ae_b84111f1_1e2798e5;
const R1_MIXED: u128 = 0x046681e5_e0cb199a_48f8d37a_2806264c;
const R2_START: u128 = 0xa49c7ff2_689f352b_6b5bea43_026a5049;
/// Round 10: the start of the round, its key, and the ciphertext.
const R10_START: u128 = 0xeb40f21e_592e3884_8ba113e7_1bc342d2;
const R10_KEY: u128 = 0xd014f9a8_c9ee2589_e13f0cc8_b6630ca6;
const CIPHERTEXT: u128 = 0x3925841d_02dc09fb_dc118597_196a0b32;

#[test]
fn vcipher_is_one_fips197_round() {
    assert_eq!(vx3(VCIPHER, R1_START, R1_KEY), R2_START);
    // A zero key leaves MixColumns(ShiftRows(SubBytes(state))).
    assert_eq!(vx3(VCIPHER, R1_START, 0), R1_MIXED);
}

#[test]
fn vcipherlast_is_the_fips197_last_round() {
    assert_eq!(vx3(VCIPHERLAST, R10_START, R10_KEY), CIPHERTEXT);
    assert_eq!(vx3(VCIPHERLAST, R1_START, 0), R1_SHIFTED);
}

#[test]
fn vsbox_is_subbytes() {
    // FIPS-197 Figure 7: S(0x53) = 0xed; S(0x00) = 0x63; and round 1's SubBytes output
    // (d4 27 11 ae ...) before ShiftRows.
    assert_eq!(vx3(VSBOX, 0x5300_0000_0000_0000_0000_0000_0000_0000, 0) >> 112, 0xed63);
    assert_eq!(vx3(VSBOX, R1_START, 0), 0xd42711ae_e0bf98f1_b8b45de5_1e415230);
}

#[test]
fn vncipherlast_undoes_vcipherlast() {
    // InvSubBytes(InvShiftRows(x)) xor key: applied to the round-1 ShiftRows output with
    // key 0 it gives back the round's input; with a key, that input xor the key.
    assert_eq!(vx3(VNCIPHERLAST, R1_SHIFTED, 0), R1_START);
    assert_eq!(vx3(VNCIPHERLAST, R1_SHIFTED, R1_KEY), R1_START ^ R1_KEY);
    // The last round undone: the ciphertext with the round key removed.
    assert_eq!(vx3(VNCIPHERLAST, CIPHERTEXT ^ R10_KEY, 0), R10_START);
}

#[test]
fn vncipher_adds_the_key_before_invmixcolumns() {
    // vncipher(x, k) = InvMixColumns(InvSubBytes(InvShiftRows(x)) xor k). With x the
    // ShiftRows/SubBytes image of MixColumns(y) and k = 0 it gives y back.
    let x = vx3(VCIPHERLAST, R1_MIXED, 0);
    assert_eq!(vx3(VNCIPHER, x, 0), R1_SHIFTED);
    // InvMixColumns is linear: a key k adds InvMixColumns(k), and InvMixColumns of the
    // round-1 MixColumns output is its input.
    assert_eq!(vx3(VNCIPHER, x, R1_MIXED), 0);
}

// FIPS 180-4 §4.1.2 (SHA-256) and §4.1.3 (SHA-512) on the initial hash values H0..H3
// (§5.3.3, §5.3.5); expected values computed from the standard's definitions.
const SHA256_H: u128 = 0x6a09e667_bb67ae85_3c6ef372_a54ff53a;
const SHA512_H: u128 = 0x6a09e667f3bcc908_bb67ae8584caa73b;

#[test]
fn vshasigmaw_computes_the_sha256_functions() {
    // ST = 0, SIX = 0b0101: σ0, σ1, σ0, σ1.
    assert_eq!(vx3(0x1022_2e82 /* vshasigmaw 1,2,0,5 */, SHA256_H, 0), 0xba0cf582_22bcb334_5f298c93_041355f3);
    // ST = 1, SIX = 0b1100: Σ1, Σ1, Σ0, Σ0.
    assert_eq!(vx3(0x1022_e682 /* vshasigmaw 1,2,1,12 */, SHA256_H, 0), 0x55b65510_758db092_af47975a_3f523da4);
}

#[test]
fn vshasigmad_computes_the_sha512_functions() {
    // ST = 0, SIX = 0b0010: doubleword 0 uses SIX bit 0 (σ0), doubleword 1 bit 2 (σ1).
    assert_eq!(vx3(0x1022_16c2 /* vshasigmad 1,2,0,2 */, SHA512_H, 0), 0x3dbae91951caa1df_8d379dfac596a3d8);
    // ST = 1, SIX = 0b1000: Σ1, Σ0.
    assert_eq!(vx3(0x1022_c6c2 /* vshasigmad 1,2,1,8 */, SHA512_H, 0), 0x259a6cc1643336ef_26914f3b2fd5cca4);
}

#[test]
fn vpmsum_is_a_carry_less_multiply_sum() {
    // (x^2 + 1)(x + 1) = x^3 + x^2 + x + 1: 5 ⊗ 3 = 0xf, where 5 × 3 would carry into 0x0f
    // anyway; 0xff ⊗ 0xff = 0x5555 (no carries: alternate bits cancel).
    let ab = |x: u128, y: u128| (x, y);
    let (a, b) = ab(0x05ff << 112, 0x03ff << 112);
    // vpmsumb: halfword 0 ← 5⊗3 xor 0xff⊗0xff.
    assert_eq!(vx3(0x1022_1c08 /* vpmsumb 1,2,3 */, a, b), (0x000f ^ 0x5555) << 112);
    // vpmsumd: the 128-bit sum of both doubleword products.
    let a = (0x8000_0000_0000_0001u128 << 64) | 0x3;
    let b = (0x8000_0000_0000_0001u128 << 64) | 0x3;
    // (x^63 + 1)^2 = x^126 + 1; 3 ⊗ 3 = 5.
    assert_eq!(vx3(0x1022_1cc8 /* vpmsumd 1,2,3 */, a, b), (1u128 << 126) ^ 1 ^ 5);
    // vpmsumw: doubleword 0 ← w0⊗w0' xor w1⊗w1'.
    let a = (0xffff_ffffu128 << 96) | (0x2u128 << 64);
    let b = (0x1u128 << 96) | (0x8000_0000u128 << 64);
    assert_eq!(vx3(0x1022_1c88 /* vpmsumw 1,2,3 */, a, b), (0xffff_ffffu128 ^ 0x1_0000_0000) << 64);
    // vpmsumh: word 0 ← h0⊗h0' xor h1⊗h1'.
    let a = (0x0101u128 << 112) | (0x0003u128 << 96);
    let b = (0x0101u128 << 112) | (0x0003u128 << 96);
    assert_eq!(vx3(0x1022_1c48 /* vpmsumh 1,2,3 */, a, b), (0x0001_0001u128 ^ 0x5) << 96);
}

#[test]
fn vpermxor_xors_two_selected_bytes() {
    // Byte i of VRC = (i, 15 - i): VRA byte i xor VRB byte 15-i.
    let iota: u128 = 0x0001_0203_0405_0607_0809_0a0b_0c0d_0e0f;
    let ctl = u128::from_be_bytes(std::array::from_fn(|i| (i as u8) << 4 | (15 - i as u8)));
    let want = u128::from_be_bytes(std::array::from_fn(|i| i as u8 ^ (0xf0 | (15 - i as u8))));
    assert_eq!(vx4(0x1022_192d /* vpermxor 1,2,3,4 */, iota, iota | 0xf0f0_f0f0_f0f0_f0f0_f0f0_f0f0_f0f0_f0f0, ctl), want);
}
