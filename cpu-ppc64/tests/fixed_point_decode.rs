//! Decode coverage of the fixed-point, CR and SPR rows: every encoding GNU as produces for
//! these mnemonics (including the `.` and `o` variants that share a row) decodes to its row.

use cpu_ppc64::decode::{decode, row};

#[test]
fn every_fixed_point_cr_and_spr_row_decodes() {
    let cases: &[(u32, &str, &str)] = &[
        (0x3864_0005, "addi 3,4,5", "addi"), (0x3c64_0005, "addis 3,4,5", "addis"), (0x4c62_0005, "addpcis 3,5", "addpcis"),
        (0x3064_0005, "addic 3,4,5", "addic"), (0x3464_0005, "addic. 3,4,5", "addic."), (0x2064_0005, "subfic 3,4,5", "subfic"),
        (0x7c64_2a14, "add 3,4,5", "add"), (0x7c64_2a15, "add. 3,4,5", "add"), (0x7c64_2e14, "addo 3,4,5", "add"), (0x7c64_2e15, "addo. 3,4,5", "add"),
        (0x7c64_2814, "addc 3,4,5", "addc"), (0x7c64_2c15, "addco. 3,4,5", "addc"), (0x7c64_2914, "adde 3,4,5", "adde"), (0x7c64_2d15, "addeo. 3,4,5", "adde"),
        (0x7c64_01d4, "addme 3,4", "addme"), (0x7c64_05d5, "addmeo. 3,4", "addme"), (0x7c64_0194, "addze 3,4", "addze"), (0x7c64_0595, "addzeo. 3,4", "addze"),
        (0x7c64_2850, "subf 3,4,5", "subf"), (0x7c64_2c51, "subfo. 3,4,5", "subf"), (0x7c64_2810, "subfc 3,4,5", "subfc"), (0x7c64_2c11, "subfco. 3,4,5", "subfc"),
        (0x7c64_2910, "subfe 3,4,5", "subfe"), (0x7c64_2d11, "subfeo. 3,4,5", "subfe"), (0x7c64_01d0, "subfme 3,4", "subfme"), (0x7c64_05d1, "subfmeo. 3,4", "subfme"),
        (0x7c64_0190, "subfze 3,4", "subfze"), (0x7c64_0591, "subfzeo. 3,4", "subfze"), (0x7c64_00d0, "neg 3,4", "neg"), (0x7c64_04d1, "nego. 3,4", "neg"),
        (0x7c64_2954, "addex 3,4,5,0", "addex"),
        (0x1c64_0005, "mulli 3,4,5", "mulli"), (0x7c64_29d6, "mullw 3,4,5", "mullw"), (0x7c64_2dd7, "mullwo. 3,4,5", "mullw"),
        (0x7c64_29d2, "mulld 3,4,5", "mulld"), (0x7c64_2dd3, "mulldo. 3,4,5", "mulld"), (0x7c64_2896, "mulhw 3,4,5", "mulhw"), (0x7c64_2897, "mulhw. 3,4,5", "mulhw"),
        (0x7c64_2816, "mulhwu 3,4,5", "mulhwu"), (0x7c64_2892, "mulhd 3,4,5", "mulhd"), (0x7c64_2813, "mulhdu. 3,4,5", "mulhdu"),
        (0x1064_29b0, "maddhd 3,4,5,6", "maddhd"), (0x1064_29b1, "maddhdu 3,4,5,6", "maddhdu"), (0x1064_29b3, "maddld 3,4,5,6", "maddld"),
        (0x7c64_2bd6, "divw 3,4,5", "divw"), (0x7c64_2fd7, "divwo. 3,4,5", "divw"), (0x7c64_2b96, "divwu 3,4,5", "divwu"), (0x7c64_2f97, "divwuo. 3,4,5", "divwu"),
        (0x7c64_2bd2, "divd 3,4,5", "divd"), (0x7c64_2fd3, "divdo. 3,4,5", "divd"), (0x7c64_2b92, "divdu 3,4,5", "divdu"), (0x7c64_2f93, "divduo. 3,4,5", "divdu"),
        (0x7c64_2b56, "divwe 3,4,5", "divwe"), (0x7c64_2f57, "divweo. 3,4,5", "divwe"), (0x7c64_2b16, "divweu 3,4,5", "divweu"), (0x7c64_2f17, "divweuo. 3,4,5", "divweu"),
        (0x7c64_2b52, "divde 3,4,5", "divde"), (0x7c64_2f53, "divdeo. 3,4,5", "divde"), (0x7c64_2b12, "divdeu 3,4,5", "divdeu"), (0x7c64_2f13, "divdeuo. 3,4,5", "divdeu"),
        (0x7c64_2e16, "modsw 3,4,5", "modsw"), (0x7c64_2a16, "moduw 3,4,5", "moduw"), (0x7c64_2e12, "modsd 3,4,5", "modsd"), (0x7c64_2a12, "modud 3,4,5", "modud"),
        (0x7c61_05e6, "darn 3,1", "darn"),
        (0x2d84_0005, "cmpwi 3,4,5", "cmpi"), (0x2da4_0005, "cmpdi 3,4,5", "cmpi"), (0x2984_0005, "cmplwi 3,4,5", "cmpli"), (0x29a4_0005, "cmpldi 3,4,5", "cmpli"),
        (0x7d84_2800, "cmpw 3,4,5", "cmp"), (0x7da4_2800, "cmpd 3,4,5", "cmp"), (0x7d84_2840, "cmplw 3,4,5", "cmpl"), (0x7da4_2840, "cmpld 3,4,5", "cmpl"),
        (0x7da4_2980, "cmprb 3,1,4,5", "cmprb"), (0x7d84_29c0, "cmpeqb 3,4,5", "cmpeqb"),
        (0x7c84_2808, "tw 4,4,5", "tw"), (0x0c84_0005, "twi 4,4,5", "twi"), (0x7c84_2888, "td 4,4,5", "td"), (0x0884_0005, "tdi 4,4,5", "tdi"),
        (0x7083_0005, "andi. 3,4,5", "andi."), (0x7483_0005, "andis. 3,4,5", "andis."), (0x6083_0005, "ori 3,4,5", "ori"), (0x6483_0005, "oris 3,4,5", "oris"),
        (0x6883_0005, "xori 3,4,5", "xori"), (0x6c83_0005, "xoris 3,4,5", "xoris"),
        (0x7c83_2838, "and 3,4,5", "and"), (0x7c83_2839, "and. 3,4,5", "and"), (0x7c83_2879, "andc. 3,4,5", "andc"), (0x7c83_2bb9, "nand. 3,4,5", "nand"),
        (0x7c83_2b79, "or. 3,4,5", "or"), (0x7c83_2b39, "orc. 3,4,5", "orc"), (0x7c83_28f9, "nor. 3,4,5", "nor"), (0x7c83_2a79, "xor. 3,4,5", "xor"), (0x7c83_2a39, "eqv. 3,4,5", "eqv"),
        (0x7c83_0775, "extsb. 3,4", "extsb"), (0x7c83_0735, "extsh. 3,4", "extsh"), (0x7c83_07b5, "extsw. 3,4", "extsw"),
        (0x7c83_0035, "cntlzw. 3,4", "cntlzw"), (0x7c83_0075, "cntlzd. 3,4", "cntlzd"), (0x7c83_0435, "cnttzw. 3,4", "cnttzw"), (0x7c83_0475, "cnttzd. 3,4", "cnttzd"),
        (0x7c83_00f4, "popcntb 3,4", "popcntb"), (0x7c83_02f4, "popcntw 3,4", "popcntw"), (0x7c83_03f4, "popcntd 3,4", "popcntd"),
        (0x7c83_0134, "prtyw 3,4", "prtyw"), (0x7c83_0174, "prtyd 3,4", "prtyd"), (0x7c83_29f8, "bpermd 3,4,5", "bpermd"), (0x7c83_2bf8, "cmpb 3,4,5", "cmpb"),
        (0x7c64_299e, "isel 3,4,5,6", "isel"), (0x7c64_2fde, "isel 3,4,5,31", "isel"),
        (0x5483_298e, "rlwinm 3,4,5,6,7", "rlwinm"), (0x5483_298f, "rlwinm. 3,4,5,6,7", "rlwinm"), (0x5c83_298f, "rlwnm. 3,4,5,6,7", "rlwnm"),
        (0x5083_298f, "rlwimi. 3,4,5,6,7", "rlwimi"), (0x7883_ffe3, "rldicl. 3,4,63,63", "rldicl"), (0x7883_0867, "rldicr. 3,4,33,33", "rldicr"),
        (0x7883_07cb, "rldic. 3,4,32,31", "rldic"), (0x7883_f84f, "rldimi. 3,4,63,1", "rldimi"), (0x7883_2ff1, "rldcl. 3,4,5,63", "rldcl"),
        (0x7883_2ff3, "rldcr. 3,4,5,63", "rldcr"),
        (0x7c83_2831, "slw. 3,4,5", "slw"), (0x7c83_2c31, "srw. 3,4,5", "srw"), (0x7c83_2e31, "sraw. 3,4,5", "sraw"), (0x7c83_fe71, "srawi. 3,4,31", "srawi"),
        (0x7c83_2837, "sld. 3,4,5", "sld"), (0x7c83_2c37, "srd. 3,4,5", "srd"), (0x7c83_2e35, "srad. 3,4,5", "srad"), (0x7c83_fe77, "sradi. 3,4,63", "sradi"),
        (0x7c83_0e74, "sradi 3,4,1", "sradi"), (0x7c83_fef7, "extswsli. 3,4,63", "extswsli"), (0x7c83_0ef4, "extswsli 3,4,1", "extswsli"),
        (0x4c22_1a02, "crand 1,2,3", "crand"), (0x4c22_19c2, "crnand 1,2,3", "crnand"), (0x4c22_1b82, "cror 1,2,3", "cror"), (0x4c22_1982, "crxor 1,2,3", "crxor"),
        (0x4c22_1842, "crnor 1,2,3", "crnor"), (0x4c22_1a42, "creqv 1,2,3", "creqv"), (0x4c22_1902, "crandc 1,2,3", "crandc"), (0x4c22_1b42, "crorc 1,2,3", "crorc"),
        (0x4c88_0000, "mcrf 1,2", "mcrf"), (0x7c88_1120, "mtcrf 0x81,4", "mtcrf"), (0x7c91_0120, "mtocrf 0x10,4", "mtcrf"),
        (0x7c60_0026, "mfcr 3", "mfcr"), (0x7c71_0026, "mfocrf 3,0x10", "mfcr"), (0x7d80_0480, "mcrxrx 3", "mcrxrx"), (0x7c68_0100, "setb 3,2", "setb"),
        (0x7c68_02a6, "mfspr 3,8", "mfspr"), (0x7c68_03a6, "mtspr 8,3", "mtspr"), (0x7c6c_42e6, ".long 0x7c6c42e6", "mftb"),
        (0x7c60_00a6, "mfmsr 3", "mfmsr"), (0x7c60_0124, "mtmsr 3", "mtmsr"), (0x7c61_0164, "mtmsrd 3,1", "mtmsrd"),
    ];
    for &(w, asm, want) in cases {
        let got = decode(w).map(|op| row(op).mnemonic);
        assert_eq!(got, Some(want), "{asm} ({w:#010x})");
    }
    // Encodings that must stay undecoded: mcrxr, and addex with a reserved CY.
    for w in [0x7c00_0400u32, 0x7c64_2b54] {
        assert_eq!(decode(w).map(|op| row(op).mnemonic), None, "{w:#010x}");
    }
}
