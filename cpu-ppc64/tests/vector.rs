//! VMX and VSX (Power ISA 3.0B Book I ch. 6-7): one instruction per test, raw encoding with
//! its assembly, expected register and memory values worked out by hand from the book.
//! Register values are written as 128-bit literals whose leftmost byte is element 0 (the
//! book's numbering, independent of MSR[LE]); loads and stores run in both byte orders.
//! Every case also runs on the Cranelift engine, which must agree (see `ppc_harness`).

mod ppc_harness;

use ppc_harness::{Case, End, DATA, FAULT, PC};

/// Bytes 0x00..0x0f as a register (element i = i).
const IOTA: u128 = 0x0001_0203_0405_0607_0809_0a0b_0c0d_0e0f;
/// Bytes 0x10..0x1f.
const IOTA16: u128 = 0x1011_1213_1415_1617_1819_1a1b_1c1d_1e1f;
const ALL_ONES: u128 = u128::MAX;
/// 32 bytes 0x00..0x1f for memory.
fn mem32() -> Vec<u8> {
    (0..32).collect()
}

/// Runs a VX/VA-form instruction on VRA = v2, VRB = v3 (VRC = v4) and returns v1.
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
/// Runs a VX-form instruction with VRB = v3 and returns v1.
fn vx2(w: u32, b: u128) -> u128 {
    let d = Case::new(true).vr(3, b).run(w);
    d.next();
    d.vr(1)
}

// ---- VMX loads and stores (§6.7) ----

#[test]
fn lvx_aligns_and_follows_the_byte_order() {
    for (le, want) in [(false, IOTA), (true, 0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100)] {
        let d = Case::new(le).gpr(4, DATA).gpr(5, 0x35).mem(DATA + 0x30, &mem32()[..16]).run(0x7c24_28ce /* lvx 1,4,5 */);
        d.next();
        assert_eq!(d.vr(1), want);
        let d = Case::new(le).gpr(4, DATA).gpr(5, 0x3f).mem(DATA + 0x30, &mem32()[..16]).run(0x7c24_2ace /* lvxl 1,4,5 */);
        assert_eq!(d.vr(1), want);
    }
}

#[test]
fn stvx_aligns_and_follows_the_byte_order() {
    for le in [false, true] {
        let d = Case::new(le).gpr(4, DATA).gpr(5, 0x3f).vr(1, IOTA).run(0x7c24_29ce /* stvx 1,4,5 */);
        d.next();
        let mut want: Vec<u8> = (0..16).collect();
        if le {
            want.reverse();
        }
        assert_eq!(d.bytes(DATA + 0x30, 16), want);
        assert_eq!(d.bytes(DATA + 0x40, 1), [0]);
    }
}

fn elem_mem() -> Vec<u8> {
    (0x40..0x50).collect()
}

#[test]
fn lve_x_place_the_element_where_lvx_would() {
    let c = |le: bool, off: u64| Case::new(le).gpr(4, DATA).gpr(5, off).vr(1, ALL_ONES).mem(DATA + 0x30, &elem_mem());
    // Big-endian: byte 3 → element 3. Little-endian: byte offset k → element 15-k.
    assert_eq!(c(false, 0x33).run(0x7c24_280e /* lvebx 1,4,5 */).vr(1), 0xffff_ff43_ffff_ffff_ffff_ffff_ffff_ffff);
    assert_eq!(c(true, 0x33).run(0x7c24_280e /* lvebx 1,4,5 */).vr(1), 0xffff_ffff_ffff_ffff_ffff_ffff_43ff_ffff);
    // lvehx: EA 0x35 is aligned down to 0x34.
    assert_eq!(c(false, 0x35).run(0x7c24_284e /* lvehx 1,4,5 */).vr(1), 0xffff_ffff_4445_ffff_ffff_ffff_ffff_ffff);
    assert_eq!(c(true, 0x35).run(0x7c24_284e /* lvehx 1,4,5 */).vr(1), 0xffff_ffff_ffff_ffff_ffff_4544_ffff_ffff);
    // lvewx: EA 0x3a is aligned down to 0x38.
    assert_eq!(c(false, 0x3a).run(0x7c24_288e /* lvewx 1,4,5 */).vr(1), 0xffff_ffff_ffff_ffff_4849_4a4b_ffff_ffff);
    assert_eq!(c(true, 0x3a).run(0x7c24_288e /* lvewx 1,4,5 */).vr(1), 0xffff_ffff_4b4a_4948_ffff_ffff_ffff_ffff);
}

#[test]
fn stve_x_store_the_element_lvx_would_have_loaded() {
    let c = |le: bool, off: u64| Case::new(le).gpr(4, DATA).gpr(5, off).vr(1, IOTA).mem(DATA + 0x30, &[0xee; 16]);
    let ee = |at: usize, b: &[u8]| {
        let mut v = vec![0xeeu8; 16];
        v[at..at + b.len()].copy_from_slice(b);
        v
    };
    assert_eq!(c(false, 0x33).run(0x7c24_290e /* stvebx 1,4,5 */).bytes(DATA + 0x30, 16), ee(3, &[0x03]));
    assert_eq!(c(true, 0x33).run(0x7c24_290e /* stvebx 1,4,5 */).bytes(DATA + 0x30, 16), ee(3, &[0x0c]));
    assert_eq!(c(false, 0x35).run(0x7c24_294e /* stvehx 1,4,5 */).bytes(DATA + 0x30, 16), ee(4, &[0x04, 0x05]));
    assert_eq!(c(true, 0x35).run(0x7c24_294e /* stvehx 1,4,5 */).bytes(DATA + 0x30, 16), ee(4, &[0x0b, 0x0a]));
    assert_eq!(c(false, 0x3b).run(0x7c24_298e /* stvewx 1,4,5 */).bytes(DATA + 0x30, 16), ee(8, &[0x08, 0x09, 0x0a, 0x0b]));
    assert_eq!(c(true, 0x3b).run(0x7c24_298e /* stvewx 1,4,5 */).bytes(DATA + 0x30, 16), ee(8, &[0x07, 0x06, 0x05, 0x04]));
}

#[test]
fn lvsl_lvsr_do_not_depend_on_the_byte_order() {
    for le in [false, true] {
        let c = |off: u64| Case::new(le).gpr(4, DATA).gpr(5, off);
        assert_eq!(c(0x33).run(0x7c24_280c /* lvsl 1,4,5 */).vr(1), 0x0304_0506_0708_090a_0b0c_0d0e_0f10_1112);
        assert_eq!(c(0x33).run(0x7c24_284c /* lvsr 1,4,5 */).vr(1), 0x0d0e_0f10_1112_1314_1516_1718_191a_1b1c);
        assert_eq!(c(0x40).run(0x7c24_280c /* lvsl 1,4,5 */).vr(1), IOTA);
        assert_eq!(c(0x40).run(0x7c24_284c /* lvsr 1,4,5 */).vr(1), IOTA16);
        assert_eq!(c(0x4f).run(0x7c24_280c /* lvsl 1,4,5 */).vr(1), 0x0f10_1112_1314_1516_1718_191a_1b1c_1d1e);
    }
}

#[test]
fn vscr_moves() {
    let d = Case::new(true).with(|c| c.vscr = 0x0001_0001).vr(1, ALL_ONES).run(0x1020_0604 /* mfvscr 1 */);
    assert_eq!(d.vr(1), 0x0001_0001);
    let d = Case::new(true).vr(3, 0x1111_2222_3333_4444_5555_6666_0000_0001).run(0x1000_1e44 /* mtvscr 3 */);
    assert_eq!(d.cpu.vscr, 1);
}

// ---- logical (§6.9.4) and their VSX twins (§7.6.3) ----

const LA: u128 = 0xf0f0_f0f0_f0f0_f0f0_cccc_cccc_cccc_cccc;
const LB: u128 = 0xff00_ff00_ff00_ff00_aaaa_aaaa_aaaa_aaaa;

#[test]
fn vmx_logical() {
    assert_eq!(vx3(0x1022_1c04 /* vand 1,2,3 */, LA, LB), 0xf000_f000_f000_f000_8888_8888_8888_8888);
    assert_eq!(vx3(0x1022_1c44 /* vandc 1,2,3 */, LA, LB), 0x00f0_00f0_00f0_00f0_4444_4444_4444_4444);
    assert_eq!(vx3(0x1022_1c84 /* vor 1,2,3 */, LA, LB), 0xfff0_fff0_fff0_fff0_eeee_eeee_eeee_eeee);
    assert_eq!(vx3(0x1022_1cc4 /* vxor 1,2,3 */, LA, LB), 0x0ff0_0ff0_0ff0_0ff0_6666_6666_6666_6666);
    assert_eq!(vx3(0x1022_1d04 /* vnor 1,2,3 */, LA, LB), 0x000f_000f_000f_000f_1111_1111_1111_1111);
    assert_eq!(vx3(0x1022_1d44 /* vorc 1,2,3 */, LA, LB), 0xf0ff_f0ff_f0ff_f0ff_dddd_dddd_dddd_dddd);
    assert_eq!(vx3(0x1022_1e84 /* veqv 1,2,3 */, LA, LB), 0xf00f_f00f_f00f_f00f_9999_9999_9999_9999);
    assert_eq!(vx3(0x1022_1d84 /* vnand 1,2,3 */, LA, LB), 0x0fff_0fff_0fff_0fff_7777_7777_7777_7777);
}

#[test]
fn vsx_logical_on_all_64_registers() {
    // XT = vs1 (an FPR), XA = vs34 (v2), XB = vs35 (v3).
    let run = |w: u32| {
        let d = Case::new(false).vsr(34, LA).vsr(35, LB).run(w);
        d.next();
        d.vsr(1)
    };
    assert_eq!(run(0xf022_1c16 /* xxland 1,34,35 */), 0xf000_f000_f000_f000_8888_8888_8888_8888);
    assert_eq!(run(0xf022_1c56 /* xxlandc 1,34,35 */), 0x00f0_00f0_00f0_00f0_4444_4444_4444_4444);
    assert_eq!(run(0xf022_1c96 /* xxlor 1,34,35 */), 0xfff0_fff0_fff0_fff0_eeee_eeee_eeee_eeee);
    assert_eq!(run(0xf022_1cd6 /* xxlxor 1,34,35 */), 0x0ff0_0ff0_0ff0_0ff0_6666_6666_6666_6666);
    assert_eq!(run(0xf022_1d16 /* xxlnor 1,34,35 */), 0x000f_000f_000f_000f_1111_1111_1111_1111);
    assert_eq!(run(0xf022_1d56 /* xxlorc 1,34,35 */), 0xf0ff_f0ff_f0ff_f0ff_dddd_dddd_dddd_dddd);
    assert_eq!(run(0xf022_1dd6 /* xxleqv 1,34,35 */), 0xf00f_f00f_f00f_f00f_9999_9999_9999_9999);
    assert_eq!(run(0xf022_1d96 /* xxlnand 1,34,35 */), 0x0fff_0fff_0fff_0fff_7777_7777_7777_7777);
    // And the other way round: XT in the VR half, sources in the FPR half.
    let d = Case::new(false).vsr(2, LA).vsr(3, LB).run(0xf3e2_1cd1 /* xxlxor 63,2,3 */);
    assert_eq!(d.vsr(63), 0x0ff0_0ff0_0ff0_0ff0_6666_6666_6666_6666);
}

const SEL: u128 = 0xffff_ffff_0000_0000_0f0f_0f0f_f0f0_f0f0;
const SEL_RESULT: u128 = 0xff00_ff00_f0f0_f0f0_caca_caca_acac_acac;

#[test]
fn vsel_xxsel() {
    assert_eq!(vx4(0x1022_192a /* vsel 1,2,3,4 */, LA, LB, SEL), SEL_RESULT);
    let d = Case::new(true).vsr(34, LA).vsr(35, LB).vsr(36, SEL).run(0xf022_193f /* xxsel 33,34,35,36 */);
    assert_eq!(d.vsr(33), SEL_RESULT);
}

// ---- permutes and shifts of whole registers (§6.8) ----

const PCTL: u128 = 0x1f00_100f_21e5_1307_0818_021a_3c0c_111e;

#[test]
fn vperm_vpermr() {
    // Source byte k of VRA || VRB is k itself, so each result byte is its index.
    assert_eq!(vx4(0x1022_192b /* vperm 1,2,3,4 */, IOTA, IOTA16, PCTL), 0x1f00_100f_0105_1307_0818_021a_1c0c_111e);
    assert_eq!(vx4(0x1022_193b /* vpermr 1,2,3,4 */, IOTA, IOTA16, PCTL), 0x001f_0f10_1e1a_0c18_1707_1d05_0313_0e01);
}

#[test]
fn xxperm_xxpermr_use_xt_as_the_second_source() {
    let d = Case::new(false).vsr(2, IOTA).vsr(1, IOTA16).vsr(40, PCTL).run(0xf022_40d2 /* xxperm 1,2,40 */);
    assert_eq!(d.vsr(1), 0x1f00_100f_0105_1307_0818_021a_1c0c_111e);
    let d = Case::new(false).vsr(2, IOTA).vsr(1, IOTA16).vsr(40, PCTL).run(0xf022_41d2 /* xxpermr 1,2,40 */);
    assert_eq!(d.vsr(1), 0x001f_0f10_1e1a_0c18_1707_1d05_0313_0e01);
}

#[test]
fn vsldoi() {
    assert_eq!(vx3(0x1022_196c /* vsldoi 1,2,3,5 */, IOTA, IOTA16), 0x0506_0708_090a_0b0c_0d0e_0f10_1112_1314);
    assert_eq!(vx3(0x1022_182c /* vsldoi 1,2,3,0 */, IOTA, IOTA16), IOTA);
    assert_eq!(vx3(0x1022_1bec /* vsldoi 1,2,3,15 */, IOTA, IOTA16), 0x0f10_1112_1314_1516_1718_191a_1b1c_1d1e);
}

#[test]
fn whole_register_shifts() {
    // vslo/vsro: bits 121:124 of VRB (0x1d → 3) count bytes.
    assert_eq!(vx3(0x1022_1c0c /* vslo 1,2,3 */, IOTA, 0x1d), 0x0304_0506_0708_090a_0b0c_0d0e_0f00_0000);
    assert_eq!(vx3(0x1022_1c4c /* vsro 1,2,3 */, IOTA, 0x1d), 0x0000_0000_0102_0304_0506_0708_090a_0b0c);
    // vsl/vsr: bits 125:127 (every byte of VRB holds the count 4).
    let four = 0x0404_0404_0404_0404_0404_0404_0404_0404;
    assert_eq!(vx3(0x1022_19c4 /* vsl 1,2,3 */, IOTA, four), 0x0010_2030_4050_6070_8090_a0b0_c0d0_e0f0);
    assert_eq!(vx3(0x1022_1ac4 /* vsr 1,2,3 */, IOTA, four), 0x0000_1020_3040_5060_7080_90a0_b0c0_d0e0);
}

#[test]
fn xxpermdi_all_dm() {
    let a = 0xaaaa_aaaa_aaaa_aaaa_bbbb_bbbb_bbbb_bbbb;
    let b = 0xcccc_cccc_cccc_cccc_dddd_dddd_dddd_dddd;
    let run = |w: u32| Case::new(true).vsr(2, a).vsr(35, b).run(w).vsr(33);
    assert_eq!(run(0xf022_1853 /* xxpermdi 33,2,35,0 */), 0xaaaa_aaaa_aaaa_aaaa_cccc_cccc_cccc_cccc);
    assert_eq!(run(0xf022_1953 /* xxpermdi 33,2,35,1 */), 0xaaaa_aaaa_aaaa_aaaa_dddd_dddd_dddd_dddd);
    assert_eq!(run(0xf022_1a53 /* xxpermdi 33,2,35,2 */), 0xbbbb_bbbb_bbbb_bbbb_cccc_cccc_cccc_cccc);
    assert_eq!(run(0xf022_1b53 /* xxpermdi 33,2,35,3 */), 0xbbbb_bbbb_bbbb_bbbb_dddd_dddd_dddd_dddd);
    // xxswapd vs33,vs2 = xxpermdi 33,2,2,2.
    let d = Case::new(true).vsr(2, a).run(0xf022_1251 /* xxswapd 33,2 */);
    assert_eq!(d.vsr(33), 0xbbbb_bbbb_bbbb_bbbb_aaaa_aaaa_aaaa_aaaa);
}

#[test]
fn xxsldwi() {
    let run = |w: u32| Case::new(true).vsr(2, IOTA).vsr(3, IOTA16).run(w).vsr(4);
    assert_eq!(run(0xf082_1910 /* xxsldwi 4,2,3,1 */), 0x0405_0607_0809_0a0b_0c0d_0e0f_1011_1213);
    assert_eq!(run(0xf082_1b10 /* xxsldwi 4,2,3,3 */), 0x0c0d_0e0f_1011_1213_1415_1617_1819_1a1b);
    assert_eq!(run(0xf082_1810 /* xxsldwi 4,2,3,0 */), IOTA);
}

// ---- splats (§6.8.2, §7.6.4) ----

#[test]
fn vmx_splats() {
    assert_eq!(vx2(0x1025_1a0c /* vspltb 1,3,5 */, IOTA), 0x0505_0505_0505_0505_0505_0505_0505_0505);
    assert_eq!(vx2(0x1023_1a4c /* vsplth 1,3,3 */, IOTA), 0x0607_0607_0607_0607_0607_0607_0607_0607);
    assert_eq!(vx2(0x1022_1a8c /* vspltw 1,3,2 */, IOTA), 0x0809_0a0b_0809_0a0b_0809_0a0b_0809_0a0b);
    assert_eq!(vx2(0x103d_030c /* vspltisb 1,-3 */, 0), 0xfdfd_fdfd_fdfd_fdfd_fdfd_fdfd_fdfd_fdfd);
    assert_eq!(vx2(0x103d_034c /* vspltish 1,-3 */, 0), 0xfffd_fffd_fffd_fffd_fffd_fffd_fffd_fffd);
    assert_eq!(vx2(0x102f_038c /* vspltisw 1,15 */, 0), 0x0000_000f_0000_000f_0000_000f_0000_000f);
    assert_eq!(vx2(0x1030_038c /* vspltisw 1,-16 */, 0), 0xffff_fff0_ffff_fff0_ffff_fff0_ffff_fff0);
}

#[test]
fn vsx_splats() {
    let d = Case::new(true).vsr(35, IOTA).run(0xf022_1a93 /* xxspltw 33,35,2 */);
    assert_eq!(d.vsr(33), 0x0809_0a0b_0809_0a0b_0809_0a0b_0809_0a0b);
    let d = Case::new(true).run(0xf026_42d1 /* xxspltib 33,200 */);
    assert_eq!(d.vsr(33), 0xc8c8_c8c8_c8c8_c8c8_c8c8_c8c8_c8c8_c8c8);
    let d = Case::new(true).run(0xf027_fad0 /* xxspltib 1,255 */);
    assert_eq!(d.vsr(1), ALL_ONES);
}

// ---- merges and packs (§6.8.1) ----

#[test]
fn merges() {
    assert_eq!(vx3(0x1022_180c /* vmrghb 1,2,3 */, IOTA, IOTA16), 0x0010_0111_0212_0313_0414_0515_0616_0717);
    assert_eq!(vx3(0x1022_190c /* vmrglb 1,2,3 */, IOTA, IOTA16), 0x0818_0919_0a1a_0b1b_0c1c_0d1d_0e1e_0f1f);
    assert_eq!(vx3(0x1022_184c /* vmrghh 1,2,3 */, IOTA, IOTA16), 0x0001_1011_0203_1213_0405_1415_0607_1617);
    assert_eq!(vx3(0x1022_194c /* vmrglh 1,2,3 */, IOTA, IOTA16), 0x0809_1819_0a0b_1a1b_0c0d_1c1d_0e0f_1e1f);
    assert_eq!(vx3(0x1022_188c /* vmrghw 1,2,3 */, IOTA, IOTA16), 0x0001_0203_1011_1213_0405_0607_1415_1617);
    assert_eq!(vx3(0x1022_198c /* vmrglw 1,2,3 */, IOTA, IOTA16), 0x0809_0a0b_1819_1a1b_0c0d_0e0f_1c1d_1e1f);
    let d = Case::new(true).vsr(2, IOTA).vsr(3, IOTA16).run(0xf022_1890 /* xxmrghw 1,2,3 */);
    assert_eq!(d.vsr(1), 0x0001_0203_1011_1213_0405_0607_1415_1617);
    let d = Case::new(true).vsr(2, IOTA).vsr(3, IOTA16).run(0xf022_1990 /* xxmrglw 1,2,3 */);
    assert_eq!(d.vsr(1), 0x0809_0a0b_1819_1a1b_0c0d_0e0f_1c1d_1e1f);
}

#[test]
fn vpkudum() {
    let a = 0x1111_1111_2222_2222_3333_3333_4444_4444;
    let b = 0x5555_5555_6666_6666_7777_7777_8888_8888;
    assert_eq!(vx3(0x1022_1c4e /* vpkudum 1,2,3 */, a, b), 0x2222_2222_4444_4444_6666_6666_8888_8888);
    assert_eq!(vx3(0x1022_184e /* vpkuwum 1,2,3 */, a, b), 0x1111_2222_3333_4444_5555_6666_7777_8888);
}

// ---- integer arithmetic (§6.9.1) ----

const AA: u128 = 0xff01_8070_0000_0000_0000_0000_0000_00ff;
const AB: u128 = 0x02ff_8011_0000_0000_0000_0000_0000_0001;

#[test]
fn modulo_adds_do_not_carry_between_elements() {
    assert_eq!(vx3(0x1022_1800 /* vaddubm 1,2,3 */, AA, AB), 0x0100_0081_0000_0000_0000_0000_0000_0000);
    assert_eq!(vx3(0x1022_1840 /* vadduhm 1,2,3 */, AA, AB), 0x0200_0081_0000_0000_0000_0000_0000_0100);
    assert_eq!(vx3(0x1022_1880 /* vadduwm 1,2,3 */, AA, AB), 0x0201_0081_0000_0000_0000_0000_0000_0100);
    let a2 = 0x0000_0000_0000_0001_ffff_ffff_ffff_ffff;
    let b2 = 0x0000_0000_0000_0001_0000_0000_0000_0001;
    assert_eq!(vx3(0x1022_18c0 /* vaddudm 1,2,3 */, a2, b2), 0x0000_0000_0000_0002_0000_0000_0000_0000);
    assert_eq!(vx3(0x1022_1900 /* vadduqm 1,2,3 */, a2, b2), 0x0000_0000_0000_0003_0000_0000_0000_0000);
    assert_eq!(vx3(0x1022_1cc0 /* vsubudm 1,2,3 */, b2, a2), 0x0000_0000_0000_0000_0000_0000_0000_0002);
    assert_eq!(vx3(0x1022_1d00 /* vsubuqm 1,2,3 */, b2, a2), 0xffff_ffff_ffff_ffff_0000_0000_0000_0002);
}

#[test]
fn modulo_subtracts() {
    let a = 0x0010_807f_0000_0000_0000_0000_0000_0000;
    let b = 0x0101_0180_0000_0000_0000_0000_0000_0000;
    assert_eq!(vx3(0x1022_1c00 /* vsububm 1,2,3 */, a, b), 0xff0f_7fff_0000_0000_0000_0000_0000_0000);
    assert_eq!(vx3(0x1022_1c40 /* vsubuhm 1,2,3 */, a, b), 0xff0f_7eff_0000_0000_0000_0000_0000_0000);
    assert_eq!(vx3(0x1022_1c80 /* vsubuwm 1,2,3 */, a, b), 0xff0f_7eff_0000_0000_0000_0000_0000_0000);
}

#[test]
fn saturating_adds_set_sat() {
    let a = 0xf010_7f80_0000_0000_0000_0000_0000_0000;
    let b = 0x2010_01ff_0000_0000_0000_0000_0000_0000;
    let d = Case::new(true).vr(2, a).vr(3, b).run(0x1022_1a00 /* vaddubs 1,2,3 */);
    assert_eq!(d.vr(1), 0xff20_80ff_0000_0000_0000_0000_0000_0000);
    assert_eq!(d.cpu.vscr, 1);
    let d = Case::new(true).vr(2, a).vr(3, b).run(0x1022_1b00 /* vaddsbs 1,2,3 */);
    // 0xf0+0x20 = -16+32 = 16; 16+16 = 32; 127+1 → 127 (sat); -128 + -1 → -128 (sat).
    assert_eq!(d.vr(1), 0x1020_7f80_0000_0000_0000_0000_0000_0000);
    assert_eq!(d.cpu.vscr, 1);
    // No saturation: SAT keeps its value (0 here, and 1 stays 1).
    let d = Case::new(true).vr(2, 0x01).vr(3, 0x02).run(0x1022_1a00 /* vaddubs 1,2,3 */);
    assert_eq!((d.vr(1), d.cpu.vscr), (0x03, 0));
    let d = Case::new(true).vr(2, 0x01).vr(3, 0x02).with(|c| c.vscr = 1).run(0x1022_1a00 /* vaddubs 1,2,3 */);
    assert_eq!(d.cpu.vscr, 1);
}

#[test]
fn saturating_subtract() {
    let d = Case::new(true).vr(2, 0x1020 << 112).vr(3, 0x2010 << 112).run(0x1022_1e00 /* vsububs 1,2,3 */);
    assert_eq!(d.vr(1), 0x0010 << 112);
    assert_eq!(d.cpu.vscr, 1);
}

#[test]
fn vsumsws() {
    // Words of VRA 1, -2, 3, 4 plus word 3 of VRB (10) = 16.
    let a = 0x0000_0001_ffff_fffe_0000_0003_0000_0004;
    let d = Case::new(true).vr(2, a).vr(3, 0xdead_0000_0000_0000_0000_0000_0000_000a).run(0x1022_1f88 /* vsumsws 1,2,3 */);
    assert_eq!((d.vr(1), d.cpu.vscr), (0x10, 0));
    // 0x7fffffff + 1 saturates.
    let d = Case::new(true).vr(2, 0x7fff_ffff_0000_0001_0000_0000_0000_0000).vr(3, 0).run(0x1022_1f88 /* vsumsws 1,2,3 */);
    assert_eq!((d.vr(1), d.cpu.vscr), (0x7fff_ffff, 1));
}

// ---- compares (§6.9.3): CR6 = all-true << 3 | all-false << 1 on the record forms ----

fn vcmp(w: u32, a: u128, b: u128) -> (u128, u8) {
    let d = Case::new(true).vr(2, a).vr(3, b).with(|c| c.cr[6] = 0b0101).run(w);
    d.next();
    (d.vr(1), d.cr(6))
}

#[test]
fn vcmpequb_and_cr6() {
    let b = IOTA ^ (0x77 << 96);
    assert_eq!(vcmp(0x1022_1c06 /* vcmpequb. 1,2,3 */, IOTA, b), (0xffff_ff00_ffff_ffff_ffff_ffff_ffff_ffff, 0b0000));
    assert_eq!(vcmp(0x1022_1c06 /* vcmpequb. 1,2,3 */, IOTA, IOTA), (ALL_ONES, 0b1000));
    assert_eq!(vcmp(0x1022_1c06 /* vcmpequb. 1,2,3 */, IOTA, !IOTA), (0, 0b0010));
    // Without Rc, CR6 keeps its value.
    assert_eq!(vcmp(0x1022_1806 /* vcmpequb 1,2,3 */, IOTA, IOTA), (ALL_ONES, 0b0101));
}

#[test]
fn wider_equality_compares() {
    let a = 0x0001_0002_0003_0004_0005_0006_0007_0008;
    let b = 0x0001_0102_0003_0004_ff05_0006_0007_0000;
    assert_eq!(vcmp(0x1022_1c46 /* vcmpequh. 1,2,3 */, a, b), (0xffff_0000_ffff_ffff_0000_ffff_ffff_0000, 0));
    assert_eq!(vcmp(0x1022_1c86 /* vcmpequw. 1,2,3 */, a, b), (0x0000_0000_ffff_ffff_0000_0000_0000_0000, 0));
    assert_eq!(vcmp(0x1022_1cc7 /* vcmpequd. 1,2,3 */, a, b), (0, 0b0010));
    assert_eq!(vcmp(0x1022_1cc7 /* vcmpequd. 1,2,3 */, a, a), (ALL_ONES, 0b1000));
}

#[test]
fn not_equal_compares() {
    let b = IOTA ^ (0x77 << 96);
    assert_eq!(vcmp(0x1022_1c07 /* vcmpneb. 1,2,3 */, IOTA, b), (0x0000_00ff_0000_0000_0000_0000_0000_0000, 0));
    assert_eq!(vcmp(0x1022_1c07 /* vcmpneb. 1,2,3 */, IOTA, IOTA), (0, 0b0010));
    // vcmpnezb: also true where either byte is zero (byte 0 of IOTA).
    assert_eq!(vcmp(0x1022_1d07 /* vcmpnezb. 1,2,3 */, IOTA, IOTA), (0xff00_0000_0000_0000_0000_0000_0000_0000, 0));
    let nz = 0x0101_0101_0101_0101_0101_0101_0101_0101;
    assert_eq!(vcmp(0x1022_1d07 /* vcmpnezb. 1,2,3 */, nz, nz), (0, 0b0010));
    let a = 0x0001_0002_0003_0004_0005_0006_0007_0008;
    let b = 0x0001_0102_0003_0004_ff05_0006_0007_0000;
    assert_eq!(vcmp(0x1022_1c47 /* vcmpneh. 1,2,3 */, a, b), (0x0000_ffff_0000_0000_ffff_0000_0000_ffff, 0));
    assert_eq!(vcmp(0x1022_1c87 /* vcmpnew. 1,2,3 */, a, b), (0xffff_ffff_0000_0000_ffff_ffff_ffff_ffff, 0));
    // vcmpnezh: halfword 7 of b is zero.
    assert_eq!(vcmp(0x1022_1d47 /* vcmpnezh. 1,2,3 */, a, a ^ 0xffff), (0x0000_0000_0000_0000_0000_0000_0000_ffff, 0));
    assert_eq!(vcmp(0x1022_1d87 /* vcmpnezw. 1,2,3 */, a, a), (0, 0b0010));
}

const GA: u128 = 0x807f_00ff_0000_0000_0000_0000_0000_0000;
const GB: u128 = 0x7f80_00fe_0000_0000_0000_0000_0000_0000;

#[test]
fn greater_than_compares() {
    assert_eq!(vcmp(0x1022_1e06 /* vcmpgtub. 1,2,3 */, GA, GB), (0xff00_00ff << 96, 0));
    assert_eq!(vcmp(0x1022_1f06 /* vcmpgtsb. 1,2,3 */, GA, GB), (0x00ff_00ff << 96, 0));
    assert_eq!(vcmp(0x1022_1e46 /* vcmpgtuh. 1,2,3 */, GA, GB), (0xffff_ffff << 96, 0));
    assert_eq!(vcmp(0x1022_1f46 /* vcmpgtsh. 1,2,3 */, GA, GB), (0x0000_ffff << 96, 0));
    assert_eq!(vcmp(0x1022_1e86 /* vcmpgtuw. 1,2,3 */, GA, GB), (0xffff_ffff << 96, 0));
    assert_eq!(vcmp(0x1022_1f86 /* vcmpgtsw. 1,2,3 */, GA, GB), (0, 0b0010));
    assert_eq!(vcmp(0x1022_1ec7 /* vcmpgtud. 1,2,3 */, GA, GB), (0xffff_ffff_ffff_ffff << 64, 0));
    assert_eq!(vcmp(0x1022_1fc7 /* vcmpgtsd. 1,2,3 */, GA, GB), (0, 0b0010));
    assert_eq!(vcmp(0x1022_1e06 /* vcmpgtub. 1,2,3 */, ALL_ONES, 0), (ALL_ONES, 0b1000));
}

#[test]
fn min_max() {
    assert_eq!(vx3(0x1022_1a02 /* vminub 1,2,3 */, GA, GB), 0x7f7f_00fe << 96);
    assert_eq!(vx3(0x1022_1802 /* vmaxub 1,2,3 */, GA, GB), 0x8080_00ff << 96);
    assert_eq!(vx3(0x1022_1b02 /* vminsb 1,2,3 */, GA, GB), 0x8080_00fe << 96);
    assert_eq!(vx3(0x1022_1902 /* vmaxsb 1,2,3 */, GA, GB), 0x7f7f_00ff << 96);
    assert_eq!(vx3(0x1022_1a42 /* vminuh 1,2,3 */, GA, GB), 0x7f80_00fe << 96);
    assert_eq!(vx3(0x1022_1842 /* vmaxuh 1,2,3 */, GA, GB), 0x807f_00ff << 96);
    assert_eq!(vx3(0x1022_1b42 /* vminsh 1,2,3 */, GA, GB), 0x807f_00fe << 96);
    assert_eq!(vx3(0x1022_1942 /* vmaxsh 1,2,3 */, GA, GB), 0x7f80_00ff << 96);
    assert_eq!(vx3(0x1022_1a82 /* vminuw 1,2,3 */, GA, GB), GB);
    assert_eq!(vx3(0x1022_1882 /* vmaxuw 1,2,3 */, GA, GB), GA);
    assert_eq!(vx3(0x1022_1b82 /* vminsw 1,2,3 */, GA, GB), GA);
    assert_eq!(vx3(0x1022_1982 /* vmaxsw 1,2,3 */, GA, GB), GB);
    assert_eq!(vx3(0x1022_1ac2 /* vminud 1,2,3 */, GA, GB), GB);
    assert_eq!(vx3(0x1022_18c2 /* vmaxud 1,2,3 */, GA, GB), GA);
    assert_eq!(vx3(0x1022_1bc2 /* vminsd 1,2,3 */, GA, GB), GA);
    assert_eq!(vx3(0x1022_19c2 /* vmaxsd 1,2,3 */, GA, GB), GB);
}

// ---- bit counts (§6.9.6) ----

/// Bytes 00 01 80 0f ff 10, then zeros.
const BITS: u128 = 0x0001_800f_ff10_0000_0000_0000_0000_0000;

#[test]
fn count_leading_zeros() {
    assert_eq!(vx2(0x1020_1f02 /* vclzb 1,3 */, BITS), 0x0807_0004_0003_0808_0808_0808_0808_0808);
    assert_eq!(vx2(0x1020_1f42 /* vclzh 1,3 */, BITS), 0x000f_0000_0000_0010_0010_0010_0010_0010);
    assert_eq!(vx2(0x1020_1f82 /* vclzw 1,3 */, BITS), 0x0000_000f_0000_0000_0000_0020_0000_0020);
    assert_eq!(vx2(0x1020_1fc2 /* vclzd 1,3 */, BITS), 0x0000_0000_0000_000f_0000_0000_0000_0040);
}

#[test]
fn count_trailing_zeros() {
    assert_eq!(vx2(0x103c_1e02 /* vctzb 1,3 */, BITS), 0x0800_0700_0004_0808_0808_0808_0808_0808);
    assert_eq!(vx2(0x103d_1e02 /* vctzh 1,3 */, BITS), 0x0000_0000_0004_0010_0010_0010_0010_0010);
    assert_eq!(vx2(0x103e_1e02 /* vctzw 1,3 */, BITS), 0x0000_0000_0000_0014_0000_0020_0000_0020);
    assert_eq!(vx2(0x103f_1e02 /* vctzd 1,3 */, BITS), 0x0000_0000_0000_0014_0000_0000_0000_0040);
}

#[test]
fn population_counts() {
    assert_eq!(vx2(0x1020_1f03 /* vpopcntb 1,3 */, BITS), 0x0001_0104_0801_0000_0000_0000_0000_0000);
    assert_eq!(vx2(0x1020_1f43 /* vpopcnth 1,3 */, BITS), 0x0001_0005_0009_0000_0000_0000_0000_0000);
    assert_eq!(vx2(0x1020_1f83 /* vpopcntw 1,3 */, BITS), 0x0000_0006_0000_0009_0000_0000_0000_0000);
    assert_eq!(vx2(0x1020_1fc3 /* vpopcntd 1,3 */, BITS), 0x0000_0000_0000_000f_0000_0000_0000_0000);
}

#[test]
fn vgbbd_transposes_each_doubleword() {
    // dw0: byte 0 all ones → bit 0 of every byte. dw1: byte 7 all ones → bit 7 of every byte.
    let b = 0xff00_0000_0000_0000_0000_0000_0000_00ff;
    assert_eq!(vx2(0x1020_1d0c /* vgbbd 1,3 */, b), 0x8080_8080_8080_8080_0101_0101_0101_0101);
    // The anti-diagonal is its own transpose.
    let anti = 0x0102_0408_1020_4080_0102_0408_1020_4080;
    assert_eq!(vx2(0x1020_1d0c /* vgbbd 1,3 */, anti), anti);
}

#[test]
fn bit_permutes() {
    // vbpermq: indices 0, 1, 127, 128, 255 and eleven 0s into VRA = bit 0 and bit 127 set.
    let a = 0x8000_0000_0000_0000_0000_0000_0000_0001;
    let idx = 0x0001_7f80_ff00_0000_0000_0000_0000_0000;
    assert_eq!(vx3(0x1022_1d4c /* vbpermq 1,2,3 */, a, idx), 0x0000_0000_0000_a7ff_0000_0000_0000_0000);
    // The control glibc's string functions build (byte i = 8i: each byte's top bit) takes
    // the inline path: bytes 0, 2, 3, 8, 15 of VRA have their top bit set.
    let top = 0x0008_1018_2028_3038_4048_5058_6068_7078;
    let a = 0x8000_ff80_7f01_0000_8100_0000_0000_00c0;
    assert_eq!(vx3(0x1022_1d4c /* vbpermq 1,2,3 */, a, top), 0x0000_0000_0000_b081_0000_0000_0000_0000);
    // The same control with byte 15 selecting bit 0 (byte 0's top bit): the pure function's
    // path (any other control).
    assert_eq!(vx3(0x1022_1d4c /* vbpermq 1,2,3 */, a, top & !0xff), 0x0000_0000_0000_b081_0000_0000_0000_0000);
    assert_eq!(vx3(0x1022_1d4c /* vbpermq 1,2,3 */, a ^ 1 << 127, top & !0xff), 0x0000_0000_0000_3080_0000_0000_0000_0000);
    // vbpermd: per doubleword; dw0 indices 0, 63, 64, 1, 0, 0, 0, 0.
    let a = 0x8000_0000_0000_0001_0000_0000_0000_0000;
    let idx = 0x003f_4001_0000_0000_0000_0000_0000_0000;
    assert_eq!(vx3(0x1022_1dcc /* vbpermd 1,2,3 */, a, idx), 0x0000_0000_0000_00cf_0000_0000_0000_0000);
}

#[test]
fn extract_to_gpr() {
    let v = 0x0011_2233_4455_6677_8899_aabb_ccdd_eeff;
    let run = |w: u32, idx: u64| {
        let d = Case::new(true).gpr(4, idx).gpr(3, 0xdead).vr(2, v).run(w);
        d.next();
        d.gpr(3)
    };
    assert_eq!(run(0x1064_160d /* vextublx 3,4,2 */, 5), 0x55);
    assert_eq!(run(0x1064_160d /* vextublx 3,4,2 */, 0x25), 0x55);
    assert_eq!(run(0x1064_170d /* vextubrx 3,4,2 */, 5), 0xaa);
    assert_eq!(run(0x1064_164d /* vextuhlx 3,4,2 */, 5), 0x5566);
    assert_eq!(run(0x1064_174d /* vextuhrx 3,4,2 */, 5), 0x99aa);
    assert_eq!(run(0x1064_168d /* vextuwlx 3,4,2 */, 5), 0x5566_7788);
    assert_eq!(run(0x1064_178d /* vextuwrx 3,4,2 */, 5), 0x7788_99aa);
    assert_eq!(run(0x1064_178d /* vextuwrx 3,4,2 */, 0), 0xccdd_eeff);
}

#[test]
fn count_lsb_zero_bytes() {
    let v = 0x0204_0601_0000_0000_0000_0000_0000_0100;
    let run = |w: u32, v: u128| Case::new(true).vr(2, v).run(w).gpr(3);
    assert_eq!(run(0x1060_1602 /* vclzlsbb 3,2 */, v), 3);
    assert_eq!(run(0x1061_1602 /* vctzlsbb 3,2 */, v), 1);
    assert_eq!(run(0x1060_1602 /* vclzlsbb 3,2 */, 0), 16);
    assert_eq!(run(0x1061_1602 /* vctzlsbb 3,2 */, 0), 16);
}

// ---- element shifts and rotates (§6.9.5) ----

#[test]
fn byte_halfword_word_shifts() {
    let a = 0x8181_8181 << 96;
    let b = 0x0001_0709 << 96;
    assert_eq!(vx3(0x1022_1904 /* vslb 1,2,3 */, a, b), 0x8102_8002 << 96);
    assert_eq!(vx3(0x1022_1a04 /* vsrb 1,2,3 */, a, b), 0x8140_0140 << 96);
    assert_eq!(vx3(0x1022_1b04 /* vsrab 1,2,3 */, a, b), 0x81c0_ffc0 << 96);
    assert_eq!(vx3(0x1022_1804 /* vrlb 1,2,3 */, a, b), 0x8103_c003 << 96);
    assert_eq!(vx3(0x1022_1944 /* vslh 1,2,3 */, a, b), 0x0302_0200 << 96);
    assert_eq!(vx3(0x1022_1a44 /* vsrh 1,2,3 */, a, b), 0x40c0_0040 << 96);
    assert_eq!(vx3(0x1022_1b44 /* vsrah 1,2,3 */, a, b), 0xc0c0_ffc0 << 96);
    assert_eq!(vx3(0x1022_1844 /* vrlh 1,2,3 */, a, b), 0x0303_0303 << 96);
    assert_eq!(vx3(0x1022_1984 /* vslw 1,2,3 */, a, b), 0x0303_0200 << 96);
    assert_eq!(vx3(0x1022_1a84 /* vsrw 1,2,3 */, a, b), 0x0040_c0c0 << 96);
    assert_eq!(vx3(0x1022_1b84 /* vsraw 1,2,3 */, a, b), 0xffc0_c0c0 << 96);
    assert_eq!(vx3(0x1022_1884 /* vrlw 1,2,3 */, a, b), 0x0303_0303 << 96);
}

#[test]
fn doubleword_shifts() {
    // Counts: 36 in dw0, 100 (→ 36) in dw1.
    let b = 0x0000_0000_0000_0024_0000_0000_0000_0064;
    let a = 0x0000_0000_8181_8181_8181_8181_0000_0000;
    assert_eq!(vx3(0x1022_1dc4 /* vsld 1,2,3 */, a, b), 0x1818_1810_0000_0000_0000_0000_0000_0000);
    assert_eq!(vx3(0x1022_1ec4 /* vsrd 1,2,3 */, a, b), 0x0000_0000_0000_0000_0000_0000_0818_1818);
    assert_eq!(vx3(0x1022_1bc4 /* vsrad 1,2,3 */, a, b), 0x0000_0000_0000_0000_ffff_ffff_f818_1818);
    assert_eq!(vx3(0x1022_18c4 /* vrld 1,2,3 */, a, b), 0x1818_1810_0000_0008_0000_0008_1818_1810);
}

// ---- VSX loads and stores (§7.6.1) ----

fn vload(le: bool, w: u32) -> u128 {
    let d = Case::new(le).gpr(4, DATA).gpr(5, 0x30).vsr(33, 0x5a5a).mem(DATA + 0x30, &mem32()).run(w);
    d.next();
    d.vsr(33)
}

#[test]
fn element_loads() {
    for le in [false, true] {
        // Big-endian: the bytes in order. Little-endian: each element's bytes reversed, the
        // elements in order.
        let pick = |be: u128, lev: u128| if le { lev } else { be };
        assert_eq!(vload(le, 0x7c24_2e99 /* lxvd2x 33,4,5 */), pick(IOTA, 0x0706_0504_0302_0100_0f0e_0d0c_0b0a_0908));
        assert_eq!(vload(le, 0x7c24_2e19 /* lxvw4x 33,4,5 */), pick(IOTA, 0x0302_0100_0706_0504_0b0a_0908_0f0e_0d0c));
        assert_eq!(vload(le, 0x7c24_2e59 /* lxvh8x 33,4,5 */), pick(IOTA, 0x0100_0302_0504_0706_0908_0b0a_0d0c_0f0e));
        assert_eq!(vload(le, 0x7c24_2ed9 /* lxvb16x 33,4,5 */), IOTA);
    }
}

#[test]
fn quadword_loads() {
    for le in [false, true] {
        let pick = |be: u128, lev: u128| if le { lev } else { be };
        assert_eq!(vload(le, 0x7c24_2a19 /* lxvx 33,4,5 */), pick(IOTA, 0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100));
        // lxv 33,16(r4) + mem at +0x30 → EA = DATA+0x10: zeros; use 48(r4).
        assert_eq!(vload(le, 0xf424_0039 /* lxv 33,48(4) */), pick(IOTA, 0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100));
        // Unaligned EA is fine: bytes 0x01..0x10.
        let d = Case::new(le).gpr(4, DATA + 0x31).gpr(5, 0).mem(DATA + 0x30, &mem32()).run(0x7c24_2a19 /* lxvx 33,4,5 */);
        assert_eq!(d.vsr(33), pick(0x0102_0304_0506_0708_090a_0b0c_0d0e_0f10, 0x100f_0e0d_0c0b_0a09_0807_0605_0403_0201));
    }
}

fn vstore(le: bool, w: u32) -> Vec<u8> {
    let d = Case::new(le).gpr(4, DATA).gpr(5, 0x30).vsr(33, IOTA).run(w);
    d.next();
    d.bytes(DATA + 0x30, 16)
}

#[test]
fn vector_stores() {
    let iota: Vec<u8> = (0..16).collect();
    let rev: Vec<u8> = (0..16).rev().collect();
    for le in [false, true] {
        let pick = |be: &Vec<u8>, lev: Vec<u8>| if le { lev } else { be.clone() };
        assert_eq!(vstore(le, 0x7c24_2f99 /* stxvd2x 33,4,5 */), pick(&iota, vec![7, 6, 5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10, 9, 8]));
        assert_eq!(vstore(le, 0x7c24_2f19 /* stxvw4x 33,4,5 */), pick(&iota, vec![3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12]));
        assert_eq!(vstore(le, 0x7c24_2f59 /* stxvh8x 33,4,5 */), pick(&iota, vec![1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14]));
        assert_eq!(vstore(le, 0x7c24_2fd9 /* stxvb16x 33,4,5 */), iota);
        assert_eq!(vstore(le, 0x7c24_2b19 /* stxvx 33,4,5 */), pick(&iota, rev.clone()));
        assert_eq!(vstore(le, 0xf424_003d /* stxv 33,48(4) */), pick(&iota, rev.clone()));
    }
}

#[test]
fn splat_loads() {
    for le in [false, true] {
        let d = Case::new(le).gpr(4, DATA).gpr(5, 0x10).mem(DATA + 0x10, &[1, 2, 3, 4, 5, 6, 7, 8]).run(0x7c24_2a99 /* lxvdsx 33,4,5 */);
        let dw = if le { 0x0807_0605_0403_0201u128 } else { 0x0102_0304_0506_0708 };
        assert_eq!(d.vsr(33), dw << 64 | dw);
        let d = Case::new(le).gpr(4, DATA).gpr(5, 0x10).mem(DATA + 0x10, &[1, 2, 3, 4]).run(0x7c24_2ad9 /* lxvwsx 33,4,5 */);
        let w = if le { 0x0403_0201u128 } else { 0x0102_0304 };
        assert_eq!(d.vsr(33), w << 96 | w << 64 | w << 32 | w);
    }
}

#[test]
fn length_loads() {
    for le in [false, true] {
        let run = |w: u32, rb: u64| {
            let d = Case::new(le).gpr(4, DATA + 0x30).gpr(5, rb).vsr(33, ALL_ONES).mem(DATA + 0x30, &mem32()).run(w);
            d.next();
            d.vsr(33)
        };
        // 5 bytes: left-justified in big-endian mode, right-justified and reversed in
        // little-endian mode (byte 15-i ← MEM(EA+i)); lxvll is left-justified in both.
        let five_left = 0x0001_0203_0400_0000_0000_0000_0000_0000;
        let five_right = 0x0000_0000_0000_0000_0000_0004_0302_0100;
        assert_eq!(run(0x7c24_2a1b /* lxvl 33,4,5 */, 5 << 56), if le { five_right } else { five_left });
        assert_eq!(run(0x7c24_2a5b /* lxvll 33,4,5 */, 5 << 56), five_left);
        // The low 56 bits of RB are ignored; counts above 16 mean 16.
        assert_eq!(run(0x7c24_2a1b /* lxvl 33,4,5 */, 5 << 56 | 0xffff), if le { five_right } else { five_left });
        let sixteen = if le { 0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100 } else { IOTA };
        assert_eq!(run(0x7c24_2a1b /* lxvl 33,4,5 */, 0xff << 56), sixteen);
        assert_eq!(run(0x7c24_2a1b /* lxvl 33,4,5 */, 16 << 56), sixteen);
        assert_eq!(run(0x7c24_2a5b /* lxvll 33,4,5 */, 1 << 56), 0);
        assert_eq!(run(0x7c24_2a1b /* lxvl 33,4,5 */, 1 << 56), 0);
        // RA = 0 means EA 0 (the code area: sc words).
        let d = Case::new(le).gpr(5, 4 << 56).run(0x7c20_2a5b /* lxvll 33,0,5 */);
        assert_eq!(d.vsr(33), if le { 0x0200_0044_0000_0000_0000_0000_0000_0000 } else { 0x4400_0002 << 96 });
    }
}

#[test]
fn length_zero_accesses_nothing() {
    for le in [false, true] {
        let d = Case::new(le).gpr(4, FAULT).gpr(5, 0).vsr(33, ALL_ONES).run(0x7c24_2a1b /* lxvl 33,4,5 */);
        assert_eq!(d.end, End::At(PC + 4));
        assert_eq!(d.vsr(33), 0);
        let d = Case::new(le).gpr(4, FAULT).gpr(5, 0x00ff_ffff_ffff_ffff).run(0x7c24_2b1b /* stxvl 33,4,5 */);
        assert_eq!(d.end, End::At(PC + 4));
        // One byte at an unmapped address faults.
        let d = Case::new(le).gpr(4, FAULT).gpr(5, 1 << 56).run(0x7c24_2b5b /* stxvll 33,4,5 */);
        assert_eq!(d.end, End::Fault(FAULT));
    }
}

#[test]
fn length_stores() {
    for le in [false, true] {
        let run = |w: u32, rb: u64| {
            let d = Case::new(le).gpr(4, DATA + 0x30).gpr(5, rb).vsr(33, IOTA).mem(DATA + 0x30, &[0xee; 17]).run(w);
            d.next();
            d.bytes(DATA + 0x30, 17)
        };
        let mut left = vec![0xeeu8; 17];
        left[..5].copy_from_slice(&[0, 1, 2, 3, 4]);
        let mut right = vec![0xeeu8; 17];
        right[..5].copy_from_slice(&[15, 14, 13, 12, 11]);
        assert_eq!(run(0x7c24_2b1b /* stxvl 33,4,5 */, 5 << 56), if le { right.clone() } else { left.clone() });
        assert_eq!(run(0x7c24_2b5b /* stxvll 33,4,5 */, 5 << 56), left);
        let mut all: Vec<u8> = if le { (0..16).rev().collect() } else { (0..16).collect() };
        all.push(0xee);
        assert_eq!(run(0x7c24_2b1b /* stxvl 33,4,5 */, 200 << 56), all);
    }
}

// ---- scalar loads and stores ----

#[test]
fn scalar_doubleword_loads() {
    for le in [false, true] {
        let dw = if le { 0x0807_0605_0403_0201u128 } else { 0x0102_0304_0506_0708 };
        let c = || Case::new(le).gpr(4, DATA).gpr(5, 0x10).vsr(33, ALL_ONES).mem(DATA + 0x10, &[1, 2, 3, 4, 5, 6, 7, 8]);
        // lxsdx: doubleword 1 is undefined in the book; it is kept.
        assert_eq!(c().run(0x7c24_2c99 /* lxsdx 33,4,5 */).vsr(33), dw << 64 | 0xffff_ffff_ffff_ffff);
        // lxsd (v3.0): doubleword 1 ← 0.
        assert_eq!(c().run(0xe424_0012 /* lxsd 1,16(4) */).vsr(33), dw << 64);
    }
}

#[test]
fn scalar_word_and_byte_loads() {
    for le in [false, true] {
        let m = if le { [1, 0, 0, 0x80] } else { [0x80, 0, 0, 1] };
        let c = || Case::new(le).gpr(4, DATA).gpr(5, 0x10).vsr(33, ALL_ONES).mem(DATA + 0x10, &m);
        assert_eq!(c().run(0x7c24_2819 /* lxsiwzx 33,4,5 */).vsr(33) >> 64, 0x8000_0001);
        assert_eq!(c().run(0x7c24_2899 /* lxsiwax 33,4,5 */).vsr(33) >> 64, 0xffff_ffff_8000_0001);
        assert_eq!(c().run(0x7c24_2e1b /* lxsibzx 33,4,5 */).vsr(33), (m[0] as u128) << 64);
        let h = if le { 0x0001u128 } else { 0x8000 };
        assert_eq!(c().run(0x7c24_2e5b /* lxsihzx 33,4,5 */).vsr(33), h << 64);
    }
}

#[test]
fn scalar_stores() {
    for le in [false, true] {
        let c = || Case::new(le).gpr(4, DATA).gpr(5, 0x10).vsr(33, 0x0102_0304_0506_0708_1111_1111_1111_1111);
        let ord = |b: &[u8]| -> Vec<u8> {
            let mut v = b.to_vec();
            if le {
                v.reverse();
            }
            v
        };
        assert_eq!(c().run(0x7c24_2d99 /* stxsdx 33,4,5 */).bytes(DATA + 0x10, 8), ord(&[1, 2, 3, 4, 5, 6, 7, 8]));
        assert_eq!(c().run(0xf424_0012 /* stxsd 1,16(4) */).bytes(DATA + 0x10, 8), ord(&[1, 2, 3, 4, 5, 6, 7, 8]));
        assert_eq!(c().run(0x7c24_2919 /* stxsiwx 33,4,5 */).bytes(DATA + 0x10, 5), [ord(&[5, 6, 7, 8]), vec![0]].concat());
        assert_eq!(c().run(0x7c24_2f5b /* stxsihx 33,4,5 */).bytes(DATA + 0x10, 3), [ord(&[7, 8]), vec![0]].concat());
        assert_eq!(c().run(0x7c24_2f1b /* stxsibx 33,4,5 */).bytes(DATA + 0x10, 2), [8, 0]);
    }
}

#[test]
fn single_precision_scalar_loads_and_stores() {
    for le in [false, true] {
        let one = if le { [0, 0, 0x80, 0x3f] } else { [0x3f, 0x80, 0, 0] };
        // 1.0f → 1.0 in double format.
        let d = Case::new(le).gpr(4, DATA).gpr(5, 0x10).vsr(33, ALL_ONES).mem(DATA + 0x10, &one).run(0xe424_0013 /* lxssp 1,16(4) */);
        assert_eq!(d.vsr(33), 0x3ff0_0000_0000_0000 << 64);
        let d = Case::new(le).gpr(4, DATA).gpr(5, 0x10).vsr(1, ALL_ONES).mem(DATA + 0x10, &one).run(0x7c24_2c18 /* lxsspx 1,4,5 */);
        assert_eq!(d.vsr(1), 0x3ff0_0000_0000_0000 << 64 | 0xffff_ffff_ffff_ffff);
        // -2.0 → 0xc0000000; the low fraction bits are truncated, not rounded.
        let m2 = if le { [0, 0, 0, 0xc0] } else { [0xc0, 0, 0, 0] };
        let d = Case::new(le).gpr(4, DATA).gpr(5, 0x10).vsr(33, 0xc000_0000_0fff_ffff << 64).run(0xf424_0013 /* stxssp 1,16(4) */);
        assert_eq!(d.bytes(DATA + 0x10, 4), m2);
        let d = Case::new(le).gpr(4, DATA).gpr(5, 0x10).vsr(1, 0xc000_0000_0000_0000 << 64).run(0x7c24_2d18 /* stxsspx 1,4,5 */);
        assert_eq!(d.bytes(DATA + 0x10, 4), m2);
    }
}

// ---- moves between GPRs and VSRs ----

#[test]
fn moves_from_vsrs() {
    let v = 0x8123_4567_89ab_cdef_0011_2233_4455_6677;
    let run = |w: u32| Case::new(true).vsr(33, v).vsr(1, v).run(w).gpr(3);
    assert_eq!(run(0x7c23_0067 /* mfvsrd 3,33 */), 0x8123_4567_89ab_cdef);
    assert_eq!(run(0x7c23_0066 /* mfvsrd 3,1 */), 0x8123_4567_89ab_cdef);
    assert_eq!(run(0x7c23_00e7 /* mfvsrwz 3,33 */), 0x89ab_cdef);
    assert_eq!(run(0x7c23_0267 /* mfvsrld 3,33 */), 0x0011_2233_4455_6677);
}

#[test]
fn moves_to_vsrs() {
    let r = 0x1234_5678_8765_4321u64;
    let run = |w: u32| Case::new(true).gpr(3, r).gpr(4, 0xaaaa).vsr(33, ALL_ONES).run(w).vsr(33);
    // Doubleword 1 is undefined for mtvsrd/mtvsrwa/mtvsrwz: kept.
    assert_eq!(run(0x7c23_0167 /* mtvsrd 33,3 */), (r as u128) << 64 | 0xffff_ffff_ffff_ffff);
    assert_eq!(run(0x7c23_01a7 /* mtvsrwa 33,3 */), 0xffff_ffff_8765_4321 << 64 | 0xffff_ffff_ffff_ffff);
    assert_eq!(run(0x7c23_01e7 /* mtvsrwz 33,3 */), 0x8765_4321 << 64 | 0xffff_ffff_ffff_ffff);
    assert_eq!(run(0x7c23_2367 /* mtvsrdd 33,3,4 */), (r as u128) << 64 | 0xaaaa);
    assert_eq!(run(0x7c20_2367 /* mtvsrdd 33,0,4 */), 0xaaaa);
    assert_eq!(run(0x7c23_0327 /* mtvsrws 33,3 */), 0x8765_4321_8765_4321_8765_4321_8765_4321);
}

// ---- byte reversal (v3.0) ----

#[test]
fn byte_reverse_elements() {
    let run = |w: u32| Case::new(true).vsr(35, IOTA).run(w).vsr(33);
    assert_eq!(run(0xf027_1f6f /* xxbrh 33,35 */), 0x0100_0302_0504_0706_0908_0b0a_0d0c_0f0e);
    assert_eq!(run(0xf02f_1f6f /* xxbrw 33,35 */), 0x0302_0100_0706_0504_0b0a_0908_0f0e_0d0c);
    assert_eq!(run(0xf037_1f6f /* xxbrd 33,35 */), 0x0706_0504_0302_0100_0f0e_0d0c_0b0a_0908);
    assert_eq!(run(0xf03f_1f6f /* xxbrq 33,35 */), 0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100);
}

// ---- scalar sign and format operations ----

#[test]
fn double_sign_operations() {
    let run = |w: u32, a: u64, b: u64| Case::new(true).vsr(2, (a as u128) << 64).vsr(3, (b as u128) << 64 | 0x77).run(w).vsr(1);
    assert_eq!(run(0xf020_1d64 /* xsabsdp 1,3 */, 0, 0xbff0_0000_0000_0000), 0x3ff0_0000_0000_0000 << 64);
    assert_eq!(run(0xf020_1da4 /* xsnabsdp 1,3 */, 0, 0x3ff0_0000_0000_0000), 0xbff0_0000_0000_0000 << 64);
    assert_eq!(run(0xf020_1de4 /* xsnegdp 1,3 */, 0, 0xbff0_0000_0000_0000), 0x3ff0_0000_0000_0000 << 64);
    assert_eq!(run(0xf022_1d80 /* xscpsgndp 1,2,3 */, 0x8000_0000_0000_0000, 0x4000_0000_0000_0000), 0xc000_0000_0000_0000 << 64);
}

#[test]
fn quad_sign_operations() {
    let x = 0x8000_0000_0000_0000_0000_0000_0000_0001u128;
    let run = |w: u32| Case::new(true).vr(2, 0).vr(3, x).run(w).vr(1);
    assert_eq!(run(0xfc20_1e48 /* xsabsqp 1,3 */), 1);
    assert_eq!(run(0xfc28_1e48 /* xsnabsqp 1,3 */), x);
    assert_eq!(run(0xfc30_1e48 /* xsnegqp 1,3 */), 1);
    assert_eq!(run(0xfc22_18c8 /* xscpsgnqp 1,2,3 */), 1);
}

#[test]
fn non_signalling_format_conversions() {
    let d = Case::new(true).vsr(3, 0x3f80_0000_dead_beef << 64).vsr(1, ALL_ONES).run(0xf020_1d2c /* xscvspdpn 1,3 */);
    assert_eq!(d.vsr(1), 0x3ff0_0000_0000_0000 << 64);
    let d = Case::new(true).vsr(3, 0x3ff0_0000_0000_0000 << 64).vsr(1, ALL_ONES).run(0xf020_1c2c /* xscvdpspn 1,3 */);
    assert_eq!(d.vsr(1), 0x3f80_0000_3f80_0000 << 64);
}

// ---- the inline equality compares against their helpers (the slow path) ----

#[test]
fn inline_equality_compares_match_the_helpers() {
    use cpu_ppc64::vmx_helpers as vh;
    type H = extern "C" fn(*mut u8, u64, u64, u64) -> u64;
    let ops: [(u32, H); 10] = [
        (0x1022_1c06 /* vcmpequb. 1,2,3 */, vh::vcmpequb),
        (0x1022_1c46 /* vcmpequh. 1,2,3 */, vh::vcmpequh),
        (0x1022_1c86 /* vcmpequw. 1,2,3 */, vh::vcmpequw),
        (0x1022_1cc7 /* vcmpequd. 1,2,3 */, vh::vcmpequd),
        (0x1022_1c07 /* vcmpneb. 1,2,3 */, vh::vcmpneb),
        (0x1022_1c47 /* vcmpneh. 1,2,3 */, vh::vcmpneh),
        (0x1022_1c87 /* vcmpnew. 1,2,3 */, vh::vcmpnew),
        (0x1022_1d07 /* vcmpnezb. 1,2,3 */, vh::vcmpnezb),
        (0x1022_1d47 /* vcmpnezh. 1,2,3 */, vh::vcmpnezh),
        (0x1022_1d87 /* vcmpnezw. 1,2,3 */, vh::vcmpnezw),
    ];
    // Inputs rich in zero, equal, 0x80 and 0x7f elements.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..40 {
        let a = vh::build(8, |_| [0x00, 0x80, 0x7f, 0xff, 0x01, 0x42][next() as usize % 6]);
        let b = vh::build(8, |i| if next() % 3 == 0 { vh::elem(a, 8, i) } else { [0x00, 0x80, 0x7f, 0x42][next() as usize % 4] });
        for (w, h) in ops {
            let d = Case::new(true).vr(2, a).vr(3, b).run(w);
            let mut cpu = cpu_ppc64::Ppc64Cpu::new(true);
            cpu.vsr[34] = [a as u64, (a >> 64) as u64];
            cpu.vsr[35] = [b as u64, (b >> 64) as u64];
            let cr6 = h(&mut *cpu as *mut cpu_ppc64::Ppc64Cpu as *mut u8, 33, 34, 35);
            let want = ((cpu.vsr[33][1] as u128) << 64) | cpu.vsr[33][0] as u128;
            assert_eq!((d.vr(1), d.cr(6) as u64), (want, cr6), "{w:#x} on {a:#x}, {b:#x}");
        }
    }
}
