//! Fixed-point logical, count, permute, select, rotate and shift instructions (Power ISA 3.0B
//! Book I §3.3.12-3.3.15), one instruction at a time on the concrete-value backend.
//!
//! Table rows are (encoding, assembly, RS = r4, RB = r5, r6, XER in, expected RA = r3,
//! expected XER, expected CR0); values are worked out by hand from the book.

mod fx_support;

use fx_support::*;

const M: u64 = u64::MAX;
const MIN: u64 = 0x8000_0000_0000_0000;
const MAX: u64 = 0x7fff_ffff_ffff_ffff;

#[test]
fn logical_register_forms() {
    check(&[
        (0x7c83_2838, "and 3,4,5", 0xf0f0, 0xff00, 0, 0, 0xf000, 0, 0),
        (0x7c83_2839, "and. 3,4,5", M, MIN, 0, SO, MIN, SO, LT | CR_SO),
        (0x7c83_2878, "andc 3,4,5", 0xf0f0, 0xff00, 0, 0, 0x00f0, 0, 0),
        (0x7c83_2bb8, "nand 3,4,5", 0xf0f0, 0xff00, 0, 0, 0xffff_ffff_ffff_0fff, 0, 0),
        (0x7c83_2bb9, "nand. 3,4,5", 0xf0f0, 0xff00, 0, 0, 0xffff_ffff_ffff_0fff, 0, LT),
        (0x7c83_2b78, "or 3,4,5", 0xf0f0, 0xff00, 0, 0, 0xfff0, 0, 0),
        (0x7c83_2b79, "or. 3,4,5", 0, 0, 0, 0, 0, 0, EQ),
        (0x7c83_2b38, "orc 3,4,5", 0xf0f0, 0xff00, 0, 0, 0xffff_ffff_ffff_f0ff, 0, 0),
        (0x7c83_28f8, "nor 3,4,5", 0xf0f0, 0xff00, 0, 0, 0xffff_ffff_ffff_000f, 0, 0),
        (0x7c83_28f9, "nor. 3,4,5", M, 0, 0, 0, 0, 0, EQ),
        (0x7c83_2a78, "xor 3,4,5", 0xf0f0, 0xff00, 0, 0, 0x0ff0, 0, 0),
        (0x7c83_2a38, "eqv 3,4,5", 0xf0f0, 0xff00, 0, 0, 0xffff_ffff_ffff_f00f, 0, 0),
        (0x7c83_2a39, "eqv. 3,4,5", 5, 5, 0, 0, M, 0, LT),
    ]);
}

#[test]
fn logical_immediates() {
    check(&[
        // andi./andis. always record; the immediates are zero-extended.
        (0x7083_00f0, "andi. 3,4,0xf0", 0xffff_ffff_ffff_ff3c, 0, 0, 0, 0x30, 0, GT),
        (0x7083_00f0, "andi. 3,4,0xf0", 0x0f, 0, 0, SO, 0, SO, EQ | CR_SO),
        (0x7483_8000, "andis. 3,4,0x8000", 0xffff_ffff_8000_0000, 0, 0, 0, 0x8000_0000, 0, GT),
        (0x6083_ffff, "ori 3,4,0xffff", 0x1_0000_0000, 0, 0, 0, 0x1_0000_ffff, 0, 0),
        (0x6483_8000, "oris 3,4,0x8000", 0, 0, 0, 0, 0x8000_0000, 0, 0),
        (0x6883_ffff, "xori 3,4,0xffff", 0x1234, 0, 0, 0, 0xedcb, 0, 0),
        (0x6c83_ffff, "xoris 3,4,0xffff", 0xffff_0000, 0, 0, 0, 0, 0, 0),
    ]);
}

#[test]
fn or_priority_hints_and_mr() {
    // or Rx,Rx,Rx: problem-state priority hints set PPR[11:13] (bits 52:50 from the right).
    let c = exec(0x7c21_0b78 /* or 1,1,1 */, |c| c.gpr[1] = 0x1234);
    assert_eq!((c.ppr, c.gpr[1]), (2 << 50, 0x1234));
    let c = exec(0x7cc6_3378 /* or 6,6,6 */, |c| c.ppr = 7 << 50);
    assert_eq!(c.ppr, 3 << 50);
    let c = exec(0x7c42_1378 /* or 2,2,2 */, |_| {});
    assert_eq!(c.ppr, 4 << 50);
    // or 31,31,31 needs privilege: no effect here.
    let c = exec(0x7fff_fb78 /* or 31,31,31 */, |c| c.ppr = 4 << 50);
    assert_eq!(c.ppr, 4 << 50);
    // mr r3,r4.
    let c = exec(0x7c83_2378 /* mr 3,4 */, |c| c.gpr[4] = 0x55);
    assert_eq!(c.gpr[3], 0x55);
    let c = exec(0x7c84_2379 /* mr. 4,4 */, |c| c.gpr[4] = MIN);
    assert_eq!((c.gpr[4], c.cr[0], c.ppr), (MIN, LT, 4 << 50)); // PPR untouched (Linux start value)
}

#[test]
fn extend_and_count() {
    check(&[
        (0x7c83_0774, "extsb 3,4", 0x80, 0, 0, 0, 0xffff_ffff_ffff_ff80, 0, 0),
        (0x7c83_0774, "extsb 3,4", 0xff7f, 0, 0, 0, 0x7f, 0, 0),
        (0x7c83_0775, "extsb. 3,4", 0x1234_5680, 0, 0, 0, 0xffff_ffff_ffff_ff80, 0, LT),
        (0x7c83_0734, "extsh 3,4", 0x1234_7fff, 0, 0, 0, 0x7fff, 0, 0),
        (0x7c83_0734, "extsh 3,4", 0x8000, 0, 0, 0, 0xffff_ffff_ffff_8000, 0, 0),
        (0x7c83_07b4, "extsw 3,4", 0x8000_0000, 0, 0, 0, 0xffff_ffff_8000_0000, 0, 0),
        (0x7c83_07b5, "extsw. 3,4", 0xffff_ffff_0000_0000, 0, 0, 0, 0, 0, EQ),
        (0x7c83_0034, "cntlzw 3,4", 0xffff_ffff_0000_0001, 0, 0, 0, 31, 0, 0),
        (0x7c83_0034, "cntlzw 3,4", 0x8000_0000, 0, 0, 0, 0, 0, 0),
        (0x7c83_0035, "cntlzw. 3,4", 0xffff_ffff_0000_0000, 0, 0, 0, 32, 0, GT),
        (0x7c83_0074, "cntlzd 3,4", 0x8000_0000, 0, 0, 0, 32, 0, 0),
        (0x7c83_0074, "cntlzd 3,4", 0, 0, 0, 0, 64, 0, 0),
        (0x7c83_0075, "cntlzd. 3,4", MIN, 0, 0, 0, 0, 0, EQ),
        (0x7c83_0434, "cnttzw 3,4", 0x1_0000_0000, 0, 0, 0, 32, 0, 0),
        (0x7c83_0434, "cnttzw 3,4", 8, 0, 0, 0, 3, 0, 0),
        (0x7c83_0474, "cnttzd 3,4", 0x1_0000_0000, 0, 0, 0, 32, 0, 0),
        (0x7c83_0474, "cnttzd 3,4", MIN, 0, 0, 0, 63, 0, 0),
        (0x7c83_0475, "cnttzd. 3,4", 0, 0, 0, 0, 64, 0, GT),
    ]);
}

#[test]
fn population_count_and_parity() {
    check(&[
        (0x7c83_00f4, "popcntb 3,4", 0x0103_070f_1f3f_7fff, 0, 0, 0, 0x0102_0304_0506_0708, 0, 0),
        (0x7c83_02f4, "popcntw 3,4", 0xffff_ffff_0000_0003, 0, 0, 0, 0x20_0000_0002, 0, 0),
        (0x7c83_02f4, "popcntw 3,4", 0x8000_0001_7fff_ffff, 0, 0, 0, 0x2_0000_001f, 0, 0),
        (0x7c83_03f4, "popcntd 3,4", 0xffff_ffff_0000_0003, 0, 0, 0, 34, 0, 0),
        (0x7c83_03f4, "popcntd 3,4", M, 0, 0, 0, 64, 0, 0),
        // Parity of the least significant bit of each byte, per word / doubleword.
        (0x7c83_0134, "prtyw 3,4", 0x0100_0001_0101_0100, 0, 0, 0, 1, 0, 0),
        (0x7c83_0134, "prtyw 3,4", 0x0000_0001_0000_0000, 0, 0, 0, 0x1_0000_0000, 0, 0),
        (0x7c83_0134, "prtyw 3,4", 0xfefe_fefe_0101_0101, 0, 0, 0, 0, 0, 0),
        (0x7c83_0174, "prtyd 3,4", 0x0100_0001_0101_0100, 0, 0, 0, 1, 0, 0),
        (0x7c83_0174, "prtyd 3,4", 0x0101_0101_0101_0101, 0, 0, 0, 0, 0, 0),
        (0x7c83_0174, "prtyd 3,4", 0xfefe_fefe_fefe_feff, 0, 0, 0, 1, 0, 0),
    ]);
}

#[test]
fn compare_bytes_and_permute_bits() {
    check(&[
        (0x7c83_2bf8, "cmpb 3,4,5", 0x1122_3344_5566_7788, 0x1100_3300_5500_7700, 0, 0, 0xff00_ff00_ff00_ff00, 0, 0),
        (0x7c83_2bf8, "cmpb 3,4,5", 0x80, 0, 0, 0, 0xffff_ffff_ffff_ff00, 0, 0),
        (0x7c83_2bf8, "cmpb 3,4,5", 0x7f80_0001_ff00_0080, 0xff80_0101_ff00_8000, 0, 0, 0x00ff_00ff_ffff_0000, 0, 0),
        // Indices 0,1,2,3,64,255,2,0 into RB = bits 0 and 2 set (book numbering):
        // 1,0,1,0,0 (out of range),0 (out of range),1,1.
        (0x7c83_29f8, "bpermd 3,4,5", 0x0001_0203_40ff_0200, 0xa000_0000_0000_0000, 0, 0, 0xa3, 0, 0),
        (0x7c83_29f8, "bpermd 3,4,5", 0x3f3f_3f3f_3f3f_3f3f, 1, 0, 0, 0xff, 0, 0),
        (0x7c83_29f8, "bpermd 3,4,5", 0x3f3f_3f3f_3f3f_3f3f, M - 1, 0, 0, 0, 0, 0),
    ]);
}

#[test]
fn isel_selects_on_a_cr_bit() {
    // BC = 5 is CR1[GT].
    let set = |c: &mut cpu_ppc64::Ppc64Cpu, f1: u8| {
        c.cr[1] = f1;
        c.gpr[4] = 0x44;
        c.gpr[5] = 0x55;
    };
    assert_eq!(exec(0x7c64_295e /* isel 3,4,5,5 */, |c| set(c, GT)).gpr[3], 0x44);
    assert_eq!(exec(0x7c64_295e /* isel 3,4,5,5 */, |c| set(c, LT | EQ | CR_SO)).gpr[3], 0x55);
    // RA = 0 selects the value 0.
    assert_eq!(exec(0x7c60_295e /* isel 3,0,5,5 */, |c| { set(c, GT); c.gpr[0] = 9 }).gpr[3], 0);
    // BC = 31 is CR7[SO].
    assert_eq!(exec(0x7c64_2fde /* isel 3,4,5,31 */, |c| { set(c, 0); c.cr[7] = CR_SO }).gpr[3], 0x44);
}

#[test]
fn rotate_word() {
    check(&[
        (0x5483_463e, "rlwinm 3,4,8,24,31", 0xffff_ffff_1234_5678, 0, 0, 0, 0x12, 0, 0),
        // MB > ME wraps: MASK(60, 35) also keeps the duplicated word in the high half.
        (0x5483_0706, "rlwinm 3,4,0,28,3", 0xffff_ffff_1234_5678, 0, 0, 0, 0x1234_5678_1000_0008, 0, 0),
        (0x5483_f87f, "rlwinm. 3,4,31,1,31", 0x8000_0001, 0, 0, 0, 0x4000_0000, 0, GT),
        (0x5483_2036, "rlwinm 3,4,4,0,27", 0xf234_5678, 0, 0, 0, 0x2345_6780, 0, 0),
        (0x5483_0801, "rlwinm. 3,4,1,0,0", 0x4000_0000, 0, 0, 0, 0x8000_0000, 0, GT),
        // rlwnm takes the amount from RB[59:63].
        (0x5c83_283e, "rlwnm 3,4,5,0,31", 0x1234_5678, 0x24, 0, 0, 0x2345_6781, 0, 0),
        (0x5c83_2c3e, "rlwnm 3,4,5,16,31", 0x1234_5678, 0xffff_fff0, 0, 0, 0x1234, 0, 0),
    ]);
}

#[test]
fn rotate_doubleword() {
    let x = 0x1234_5678_9abc_def0;
    check(&[
        (0x7883_4620, "rldicl 3,4,8,56", x, 0, 0, 0, 0x12, 0, 0),
        (0x7883_0020, "rldicl 3,4,0,32", x, 0, 0, 0, 0x9abc_def0, 0, 0),
        (0x7883_f842, "rldicl 3,4,63,1", x, 0, 0, 0, 0x091a_2b3c_4d5e_6f78, 0, 0),
        (0x7883_0fc2, "rldicl 3,4,33,31", 0x8000_0000, 0, 0, 0, 1, 0, 0),
        (0x7883_0220, "rldicl 3,4,0,40", M, 0, 0, 0, 0xff_ffff, 0, 0),
        (0x7883_0001, "rldicl. 3,4,0,0", MIN, 0, 0, 0, MIN, 0, LT),
        (0x7883_26e4, "rldicr 3,4,4,59", x, 0, 0, 0, 0x2345_6789_abcd_ef00, 0, 0),
        (0x7883_0004, "rldicr 3,4,0,0", M, 0, 0, 0, MIN, 0, 0),
        (0x7883_4428, "rldic 3,4,8,48", x, 0, 0, 0, 0xf000, 0, 0),
        // MASK(8, 3) wraps.
        (0x7883_e20a, "rldic 3,4,60,8", x, 0, 0, 0, 0x0023_4567_89ab_cdef, 0, 0),
        // rldcl/rldcr take the amount from RB[58:63].
        (0x7883_2810, "rldcl 3,4,5,0", x, 0x44, 0, 0, 0x2345_6789_abcd_ef01, 0, 0),
        (0x7883_2830, "rldcl 3,4,5,32", x, 32, 0, 0, 0x1234_5678, 0, 0),
        (0x7883_29d2, "rldcr 3,4,5,7", x, 8, 0, 0, 0x3400_0000_0000_0000, 0, 0),
        (0x7883_2ff3, "rldcr. 3,4,5,63", MIN, 1, 0, 0, 1, 0, GT),
    ]);
}

#[test]
fn rotate_and_insert() {
    let a = 0xaaaa_aaaa_aaaa_aaaa;
    let run = |w: u32, rs: u64| {
        let c = exec(w, |c| {
            c.gpr[3] = a;
            c.gpr[4] = rs;
        });
        (c.gpr[3], c.cr[0])
    };
    assert_eq!(run(0x5083_442e /* rlwimi 3,4,8,16,23 */, 0x1234_5678), (0xaaaa_aaaa_aaaa_78aa, 0));
    // Wrapping word mask MASK(56, 39) takes the high half from the duplicated word.
    assert_eq!(run(0x5083_060e /* rlwimi 3,4,0,24,7 */, 0x1234_5678), (0x1234_5678_12aa_aa78, 0));
    assert_eq!(run(0x5083_003f /* rlwimi. 3,4,0,0,31 */, 0x1234_5678), (0xaaaa_aaaa_1234_5678, LT));
    assert_eq!(run(0x7883_442c /* rldimi 3,4,8,48 */, 0x1234_5678_9abc_def0), (0xaaaa_aaaa_aaaa_f0aa, 0));
    assert_eq!(run(0x7883_000c /* rldimi 3,4,0,0 */, 0x1234_5678_9abc_def0), (0x1234_5678_9abc_def0, 0));
    // MASK(8, 3) wraps.
    assert_eq!(run(0x7883_e20e /* rldimi 3,4,60,8 */, 0x1234_5678_9abc_def0), (0x0a23_4567_89ab_cdef, 0));
}

#[test]
fn shift_logical() {
    check(&[
        (0x7c83_2830, "slw 3,4,5", 0xffff_ffff_8000_0001, 1, 0, 0, 2, 0, 0),
        (0x7c83_2830, "slw 3,4,5", 0x8000_0001, 32, 0, 0, 0, 0, 0),
        (0x7c83_2830, "slw 3,4,5", 0x8000_0001, 0x3f, 0, 0, 0, 0, 0),
        // Only RB[58:63] counts: 0x40 shifts by 0.
        (0x7c83_2830, "slw 3,4,5", 0xffff_ffff_8000_0001, 0x40, 0, 0, 0x8000_0001, 0, 0),
        (0x7c83_2831, "slw. 3,4,5", 0x4000_0000, 1, 0, 0, 0x8000_0000, 0, GT),
        (0x7c83_2c30, "srw 3,4,5", 0xffff_ffff_8000_0000, 31, 0, 0, 1, 0, 0),
        (0x7c83_2c30, "srw 3,4,5", 0x8000_0000, 32, 0, 0, 0, 0, 0),
        (0x7c83_2c30, "srw 3,4,5", 0xffff_ffff_8000_0000, 0, 0, 0, 0x8000_0000, 0, 0),
        (0x7c83_2c31, "srw. 3,4,5", 1, 1, 0, 0, 0, 0, EQ),
        (0x7c83_2836, "sld 3,4,5", 0x8000_0000_0000_0001, 1, 0, 0, 2, 0, 0),
        (0x7c83_2836, "sld 3,4,5", 1, 64, 0, 0, 0, 0, 0),
        (0x7c83_2836, "sld 3,4,5", 1, 0x7f, 0, 0, 0, 0, 0),
        // Only RB[57:63] counts.
        (0x7c83_2836, "sld 3,4,5", 1, 0x80, 0, 0, 1, 0, 0),
        (0x7c83_2837, "sld. 3,4,5", 1, 63, 0, 0, MIN, 0, LT),
        (0x7c83_2c36, "srd 3,4,5", MIN, 63, 0, 0, 1, 0, 0),
        (0x7c83_2c36, "srd 3,4,5", MIN, 64, 0, 0, 0, 0, 0),
        (0x7c83_2c36, "srd 3,4,5", MIN, 0x81, 0, 0, 0x4000_0000_0000_0000, 0, 0),
    ]);
}

#[test]
fn shift_algebraic() {
    check(&[
        // CA = CA32 = negative and some 1 bit shifted out.
        (0x7c83_2e30, "sraw 3,4,5", 0x8000_0000, 4, 0, 0, 0xffff_ffff_f800_0000, 0, 0),
        (0x7c83_2e30, "sraw 3,4,5", 0x8000_0001, 4, 0, 0, 0xffff_ffff_f800_0000, CA | CA32, 0),
        (0x7c83_2e30, "sraw 3,4,5", 0x8000_0000, 32, 0, 0, M, CA | CA32, 0),
        (0x7c83_2e30, "sraw 3,4,5", 0xffff_ffff, 0x3f, 0, 0, M, CA | CA32, 0),
        (0x7c83_2e30, "sraw 3,4,5", 0x7fff_ffff, 40, 0, CA | CA32, 0, 0, 0),
        (0x7c83_2e30, "sraw 3,4,5", 0xffff_ffff, 0, 0, CA, M, 0, 0),
        (0x7c83_2e31, "sraw. 3,4,5", 0x1_ffff_fffe, 1, 0, 0, M, 0, LT),
        (0x7c83_2670, "srawi 3,4,4", 0x8000_000f, 0, 0, 0, 0xffff_ffff_f800_0000, CA | CA32, 0),
        (0x7c83_0670, "srawi 3,4,0", 0x1_8000_0000, 0, 0, CA, 0xffff_ffff_8000_0000, 0, 0),
        (0x7c83_fe70, "srawi 3,4,31", 0x7fff_ffff, 0, 0, 0, 0, 0, 0),
        (0x7c83_fe71, "srawi. 3,4,31", 0x8000_0000, 0, 0, 0, M, 0, LT),
        (0x7c83_2e34, "srad 3,4,5", 0x8000_0000_0000_0001, 1, 0, 0, 0xc000_0000_0000_0000, CA | CA32, 0),
        (0x7c83_2e34, "srad 3,4,5", 0x8000_0000_0000_0001, 64, 0, 0, M, CA | CA32, 0),
        // Amounts of 64 or more shift out every bit, including MIN's only one.
        (0x7c83_2e34, "srad 3,4,5", MIN, 64, 0, 0, M, CA | CA32, 0),
        (0x7c83_2e34, "srad 3,4,5", MIN, 63, 0, 0, M, 0, 0),
        (0x7c83_2e34, "srad 3,4,5", MAX, 100, 0, 0, 0, 0, 0),
        (0x7c83_2e34, "srad 3,4,5", M, 0x80, 0, 0, M, 0, 0),
        (0x7c83_fe76, "sradi 3,4,63", MIN, 0, 0, 0, M, 0, 0),
        (0x7c83_0e76, "sradi 3,4,33", 0x8000_0001_0000_0000, 0, 0, 0, 0xffff_ffff_c000_0000, CA | CA32, 0),
        (0x7c83_0674, "sradi 3,4,0", M, 0, 0, CA, M, 0, 0),
        (0x7c83_0e75, "sradi. 3,4,1", 3, 0, 0, 0, 1, 0, GT),
        (0x7c83_0ef6, "extswsli 3,4,33", 3, 0, 0, 0, 0x6_0000_0000, 0, 0),
        (0x7c83_26f4, "extswsli 3,4,4", 0x1234_5678_8000_0001, 0, 0, 0, 0xffff_fff8_0000_0010, 0, 0),
        (0x7c83_06f5, "extswsli. 3,4,0", 0x8000_0000, 0, 0, CA, 0xffff_ffff_8000_0000, CA, LT),
    ]);
}
