//! VMX floating point (Power ISA 3.0B Book I §6.10), worked out by hand from the book:
//! non-Java mode (VSCR[NJ]) flushing, NaN propagation order and the default NaN, the fused
//! multiply-add, saturating conversions, bounds compare, rounding to integral. Every case
//! also runs on the Cranelift engine, which must agree (see `ppc_harness`).

mod ppc_harness;

use cpu_ppc64::vmx_fp::VSCR_NJ;
use ppc_harness::{Case, Done};

/// Four single-precision words as a register, word 0 leftmost.
fn w4(w: [u32; 4]) -> u128 {
    w.iter().fold(0u128, |v, &x| v << 32 | x as u128)
}
/// Runs an instruction on VRA = v2, VRB = v3, VRC = v4 with the given VSCR.
fn run(w: u32, vscr: u32, a: [u32; 4], b: [u32; 4], c: [u32; 4]) -> Done {
    let d = Case::new(true).vr(2, w4(a)).vr(3, w4(b)).vr(4, w4(c)).with(|cpu| cpu.vscr = vscr).run(w);
    d.next();
    d
}

const VADDFP: u32 = 0x1022_180a; // vaddfp 1,2,3
const ONE: u32 = 0x3f80_0000;

#[test]
fn nj_flushes_denormal_operands_and_tiny_results() {
    // denormal + 0, −denormal + 0, 1 + 1, (2^-126 + 2^-149) − 2^-126 = 2^-149 (tiny).
    let a = [0x0000_0001, 0x8000_0001, ONE, 0x0080_0001];
    let b = [0, 0, ONE, 0x8080_0000];
    let java = run(VADDFP, 0, a, b, [0; 4]).vr(1);
    assert_eq!(java, w4([0x0000_0001, 0x8000_0001, 0x4000_0000, 0x0000_0001]));
    let non_java = run(VADDFP, VSCR_NJ, a, b, [0; 4]).vr(1);
    assert_eq!(non_java, w4([0, 0, 0x4000_0000, 0]));
}

#[test]
fn nans_propagate_in_operand_order_and_invalid_gives_the_default_nan() {
    // ∞ + −∞; QNaN + SNaN (VRA's); 1 + SNaN (VRB's, quieted, sign kept); −QNaN + 1.
    let a = [0x7f80_0000, 0x7fc0_0001, ONE, 0xffc0_0000];
    let b = [0xff80_0000, 0x7f80_0002, 0xff80_0003, ONE];
    let r = run(VADDFP, 0, a, b, [0; 4]).vr(1);
    assert_eq!(r, w4([0x7fc0_0000, 0x7fc0_0001, 0xffc0_0003, 0xffc0_0000]));
}

#[test]
fn vmaddfp_is_fused_and_takes_nans_from_vra_vrb_vrc() {
    let w = 0x1022_192e; // vmaddfp 1,2,4,3: VRA × VRC + VRB
    // (1 + 2^-23)^2 − (1 + 2^-22) = 2^-46 exactly (a separate rounding of the product
    // would give 0); 1 × QNaN + SNaN → the addend (VRB) quieted; 2 × 3 + 1.
    let a = [0x3f80_0001, ONE, 0x4000_0000, 0x7fc0_0007];
    let b = [0xbf80_0002, 0x7f80_0005, ONE, 0x7fc0_0008];
    let c = [0x3f80_0001, 0x7fc0_0006, 0x4040_0000, 0x7fc0_0009];
    let r = run(w, 0, a, b, c).vr(1);
    assert_eq!(r, w4([0x2880_0000, 0x7fc0_0005, 0x40e0_0000, 0x7fc0_0007]));
    // vnmsubfp: −((1 + 2^-23)^2 + (1 + 2^-22)) = −(2 + 2^-21) after rounding; −(2 × 3 − 1)
    // = −5; a NaN result is not negated.
    let r = run(0x1022_192f /* vnmsubfp 1,2,4,3 */, 0, a, b, c).vr(1);
    assert_eq!(r, w4([0xc000_0002, 0x7fc0_0005, 0xc0a0_0000, 0x7fc0_0007]));
}

#[test]
fn vctsxs_saturates_and_sets_sat() {
    // 3e9, −3e9, NaN (→ 0, not a saturation), 1.5 (truncated); UIM = 0.
    let b = [0x4f32_d05e, 0xcf32_d05e, 0x7fc0_0000, 0x3fc0_0000];
    let d = run(0x1020_1bca /* vctsxs 1,3,0 */, 0, [0; 4], b, [0; 4]);
    assert_eq!(d.vr(1), w4([0x7fff_ffff, 0x8000_0000, 0, 1]));
    assert_eq!(d.cpu.vscr & 1, 1);
    // UIM = 4 scales by 16: 1.5 → 24; nothing saturates, SAT stays 0.
    let d = run(0x1024_1bca /* vctsxs 1,3,4 */, 0, [0; 4], [0x3fc0_0000, 0, 0, 0], [0; 4]);
    assert_eq!(d.vr(1), w4([24, 0, 0, 0]));
    assert_eq!(d.cpu.vscr & 1, 0);
}

#[test]
fn vcfsx_divides_by_two_to_the_uim() {
    let b = [0xffff_ffff, 3, 0x8000_0000, 0x7fff_ffff];
    let r = run(0x1021_1b4a /* vcfsx 1,3,1 */, 0, [0; 4], b, [0; 4]).vr(1);
    assert_eq!(r, w4([0xbf00_0000, 0x3fc0_0000, 0xce80_0000, 0x4e80_0000]));
}

#[test]
fn vcmpbfp_reports_each_bound_and_cr6_when_all_are_within() {
    let w = 0x1022_1fc6; // vcmpbfp. 1,2,3
    // 1 in [−2, 2]; −1 in; 3 above; NaN out both ways.
    let two = 0x4000_0000;
    let d = run(w, 0, [ONE, 0xbf80_0000, 0x4040_0000, 0x7fc0_0000], [two, two, two, ONE], [0; 4]);
    assert_eq!(d.vr(1), w4([0, 0, 0x8000_0000, 0xc000_0000]));
    assert_eq!(d.cr(6), 0);
    let d = run(w, 0, [ONE, 0, 0x8000_0000, 0xbf80_0000], [two, 0, 0, ONE], [0; 4]);
    assert_eq!(d.vr(1), 0);
    assert_eq!(d.cr(6), 0b0010);
}

#[test]
fn vrfin_rounds_half_to_even_and_max_min_order_zeros() {
    // 2.5 → 2, 3.5 → 4, −0.5 → −0, SNaN quieted.
    let b = [0x4020_0000, 0x4060_0000, 0xbf00_0000, 0x7f80_0001];
    let r = run(0x1020_1a0a /* vrfin 1,3 */, 0, [0; 4], b, [0; 4]).vr(1);
    assert_eq!(r, w4([0x4000_0000, 0x4080_0000, 0x8000_0000, 0x7fc0_0001]));
    // max(+0, −0) = +0, min(+0, −0) = −0, both ways round.
    let (a, b) = ([0, 0x8000_0000, 0, 0], [0x8000_0000, 0, 0, 0]);
    assert_eq!(run(0x1022_1c0a /* vmaxfp 1,2,3 */, 0, a, b, [0; 4]).vr(1), 0);
    assert_eq!(run(0x1022_1c4a /* vminfp 1,2,3 */, 0, a, b, [0; 4]).vr(1), w4([0x8000_0000, 0x8000_0000, 0, 0]));
}
