//! Fixed-point loads and stores, reservations and storage control (Power ISA 3.0B Book I
//! §3.3.2-3.3.7, Book II §4.3-4.6): one instruction per test, raw encoding with its assembly,
//! expected values worked out by hand from the book, in both byte orders where it matters.
//! Every case also runs on the Cranelift engine, which must agree (see `ppc_harness`).

mod ppc_harness;

use cpu_ppc64::exc;
use ppc_harness::{Case, End, DATA, FAULT, PC};

const BYTES8: [u8; 8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];

// ---- D-form and DS-form loads ----

#[test]
fn lbz_zero_extends() {
    for le in [false, true] {
        let d = Case::new(le).gpr(4, DATA).mem(DATA + 0x10, &[0x80]).run(0x8864_0010 /* lbz 3,16(4) */);
        d.next();
        assert_eq!(d.gpr(3), 0x80);
    }
}

#[test]
fn lbzu_updates_ra() {
    for le in [false, true] {
        let d = Case::new(le).gpr(4, DATA).mem(DATA + 0x10, &[0xfe]).run(0x8c64_0010 /* lbzu 3,16(4) */);
        d.next();
        assert_eq!(d.gpr(3), 0xfe);
        assert_eq!(d.gpr(4), DATA + 0x10);
    }
}

#[test]
fn lbzu_with_ra_zero_or_rt_is_invalid() {
    // lbzu r3,16(r0): RA=0 is an invalid form (§3.3.2).
    let d = Case::new(true).run(0x8c60_0010 /* .long 0x8c600010 */);
    assert_eq!(d.end, End::Exc(exc::ILLEGAL, PC));
    // lbzu r4,16(r4): RA=RT is invalid too.
    let d = Case::new(true).gpr(4, DATA).run(0x8c84_0010 /* .long 0x8c840010 */);
    assert_eq!(d.end, End::Exc(exc::ILLEGAL, PC));
    assert_eq!(d.gpr(4), DATA);
}

#[test]
fn lhz_lha_byte_order_and_sign() {
    // Halfword 0x81 0x82: big-endian 0x8182, little-endian 0x8281; lha sign-extends.
    for (le, val) in [(false, 0x8182u64), (true, 0x8281)] {
        let d = Case::new(le).gpr(4, DATA).mem(DATA + 0x20, &[0x81, 0x82]).run(0xa064_0020 /* lhz 3,32(4) */);
        d.next();
        assert_eq!(d.gpr(3), val);
        let d = Case::new(le).gpr(4, DATA).mem(DATA + 0x20, &[0x81, 0x82]).run(0xa864_0020 /* lha 3,32(4) */);
        assert_eq!(d.gpr(3), 0xffff_ffff_ffff_0000 | val);
    }
    // A positive halfword is not extended with ones: 0x12 0x34 → 0x1234 (BE).
    let d = Case::new(false).gpr(4, DATA).mem(DATA + 0x20, &[0x12, 0x34]).run(0xa864_0020 /* lha 3,32(4) */);
    assert_eq!(d.gpr(3), 0x1234);
}

#[test]
fn lhzu_lhau_update() {
    let d = Case::new(false).gpr(4, DATA + 0x40).mem(DATA + 0x3e, &[0xff, 0xfe]).run(0xac64_fffe /* lhau 3,-2(4) */);
    d.next();
    assert_eq!(d.gpr(3), 0xffff_ffff_ffff_fffe);
    assert_eq!(d.gpr(4), DATA + 0x3e);
    let d = Case::new(true).gpr(4, DATA + 0x40).mem(DATA + 0x3e, &[0xff, 0xfe]).run(0xa464_fffe /* lhzu 3,-2(4) */);
    assert_eq!(d.gpr(3), 0xfeff);
    assert_eq!(d.gpr(4), DATA + 0x3e);
}

#[test]
fn lwz_lwa() {
    let m = [0x89, 0xab, 0xcd, 0xef];
    for (le, val) in [(false, 0x89ab_cdefu64), (true, 0xefcd_ab89)] {
        let d = Case::new(le).gpr(4, DATA).mem(DATA + 8, &m).run(0x8064_0008 /* lwz 3,8(4) */);
        d.next();
        assert_eq!(d.gpr(3), val);
        let d = Case::new(le).gpr(4, DATA).mem(DATA + 8, &m).run(0xe864_000a /* lwa 3,8(4) */);
        d.next();
        assert_eq!(d.gpr(3), 0xffff_ffff_0000_0000 | val);
    }
}

#[test]
fn lwzu_updates() {
    let d = Case::new(true).gpr(4, DATA).mem(DATA + 0x100, &[1, 2, 3, 4]).run(0x8464_0100 /* lwzu 3,256(4) */);
    d.next();
    assert_eq!(d.gpr(3), 0x0403_0201);
    assert_eq!(d.gpr(4), DATA + 0x100);
}

#[test]
fn ld_ldu() {
    for (le, val) in [(false, 0x0102_0304_0506_0708u64), (true, 0x0807_0605_0403_0201)] {
        let d = Case::new(le).gpr(4, DATA).mem(DATA + 0x18, &BYTES8).run(0xe864_0018 /* ld 3,24(4) */);
        d.next();
        assert_eq!(d.gpr(3), val);
        let d = Case::new(le).gpr(4, DATA + 0x20).mem(DATA + 0x18, &BYTES8).run(0xe864_fff9 /* ldu 3,-8(4) */);
        d.next();
        assert_eq!(d.gpr(3), val);
        assert_eq!(d.gpr(4), DATA + 0x18);
    }
}

#[test]
fn ld_with_ra_zero_uses_zero() {
    // ld r3,0x18(0): EA = 0x18, in the (sc-filled) code area: 0x44000002 twice.
    let d = Case::new(false).gpr(0, DATA).run(0xe860_0018 /* ld 3,24(0) */);
    assert_eq!(d.gpr(3), 0x4400_0002_4400_0002);
}

#[test]
fn load_fault_is_precise() {
    let d = Case::new(true).gpr(3, 7).gpr(4, FAULT).run(0xe864_0009 /* ldu 3,8(4) */);
    assert_eq!(d.end, End::Fault(FAULT + 8));
    assert_eq!(d.gpr(3), 7);
    assert_eq!(d.gpr(4), FAULT);
}

// ---- X-form loads ----

#[test]
fn indexed_loads() {
    for le in [false, true] {
        let c = || Case::new(le).gpr(4, DATA).gpr(5, 0x10).mem(DATA + 0x10, &[0x81, 0x82, 0x83, 0x84, 5, 6, 7, 8]);
        let (h, w, dw) = if le {
            (0x8281u64, 0x8483_8281u64, 0x0807_0605_8483_8281u64)
        } else {
            (0x8182, 0x8182_8384, 0x8182_8384_0506_0708)
        };
        assert_eq!(c().run(0x7c64_28ae /* lbzx 3,4,5 */).gpr(3), 0x81);
        assert_eq!(c().run(0x7c64_2a2e /* lhzx 3,4,5 */).gpr(3), h);
        assert_eq!(c().run(0x7c64_2aae /* lhax 3,4,5 */).gpr(3), 0xffff_ffff_ffff_0000 | h);
        assert_eq!(c().run(0x7c64_282e /* lwzx 3,4,5 */).gpr(3), w);
        assert_eq!(c().run(0x7c64_2aaa /* lwax 3,4,5 */).gpr(3), 0xffff_ffff_0000_0000 | w);
        assert_eq!(c().run(0x7c64_282a /* ldx 3,4,5 */).gpr(3), dw);
    }
}

#[test]
fn indexed_update_loads() {
    for le in [false, true] {
        let c = || Case::new(le).gpr(4, DATA).gpr(5, 0x10).mem(DATA + 0x10, &[0x81, 0x82, 0x83, 0x84, 5, 6, 7, 8]);
        let (h, w, dw) = if le {
            (0x8281u64, 0x8483_8281u64, 0x0807_0605_8483_8281u64)
        } else {
            (0x8182, 0x8182_8384, 0x8182_8384_0506_0708)
        };
        let cases: [(u32, u64); 6] = [
            (0x7c64_28ee /* lbzux 3,4,5 */, 0x81),
            (0x7c64_2a6e /* lhzux 3,4,5 */, h),
            (0x7c64_2aee /* lhaux 3,4,5 */, 0xffff_ffff_ffff_0000 | h),
            (0x7c64_286e /* lwzux 3,4,5 */, w),
            (0x7c64_2aea /* lwaux 3,4,5 */, 0xffff_ffff_0000_0000 | w),
            (0x7c64_286a /* ldux 3,4,5 */, dw),
        ];
        for (word, val) in cases {
            let d = c().run(word);
            d.next();
            assert_eq!(d.gpr(3), val, "{word:#x}");
            assert_eq!(d.gpr(4), DATA + 0x10, "{word:#x}");
        }
    }
}

#[test]
fn lwzux_with_ra_equal_rt_is_invalid() {
    // lwzux r4,r4,r5
    let d = Case::new(false).gpr(4, DATA).gpr(5, 0).run(0x7c84_286e /* .long 0x7c84286e */);
    assert_eq!(d.end, End::Exc(exc::ILLEGAL, PC));
}

// ---- stores ----

const RS: u64 = 0x1122_3344_5566_7788;

#[test]
fn d_form_stores() {
    for le in [false, true] {
        let c = || Case::new(le).gpr(4, DATA).gpr(5, RS);
        let d = c().run(0x98a4_0003 /* stb 5,3(4) */);
        d.next();
        assert_eq!(d.bytes(DATA, 5), [0, 0, 0, 0x88, 0]);
        let d = c().run(0xb0a4_0002 /* sth 5,2(4) */);
        assert_eq!(d.bytes(DATA + 2, 2), if le { [0x88, 0x77] } else { [0x77, 0x88] });
        let d = c().run(0x90a4_0004 /* stw 5,4(4) */);
        assert_eq!(d.bytes(DATA + 4, 4), if le { [0x88, 0x77, 0x66, 0x55] } else { [0x55, 0x66, 0x77, 0x88] });
        let d = c().run(0xf8a4_0008 /* std 5,8(4) */);
        let mut be = RS.to_be_bytes().to_vec();
        if le {
            be.reverse();
        }
        assert_eq!(d.bytes(DATA + 8, 8), be);
    }
}

#[test]
fn update_stores() {
    for le in [false, true] {
        let c = || Case::new(le).gpr(4, DATA + 0x100).gpr(5, RS);
        let d = c().run(0x9ca4_ffff /* stbu 5,-1(4) */);
        d.next();
        assert_eq!(d.bytes(DATA + 0xff, 1), [0x88]);
        assert_eq!(d.gpr(4), DATA + 0xff);
        let d = c().run(0xb4a4_fffe /* sthu 5,-2(4) */);
        assert_eq!(d.gpr(4), DATA + 0xfe);
        assert_eq!(d.bytes(DATA + 0xfe, 2), if le { [0x88, 0x77] } else { [0x77, 0x88] });
        let d = c().run(0x94a4_fffc /* stwu 5,-4(4) */);
        assert_eq!(d.gpr(4), DATA + 0xfc);
        assert_eq!(d.bytes(DATA + 0xfc, 4), if le { [0x88, 0x77, 0x66, 0x55] } else { [0x55, 0x66, 0x77, 0x88] });
        let d = c().run(0xf8a4_fff1 /* stdu 5,-16(4) */);
        assert_eq!(d.gpr(4), DATA + 0xf0);
        assert_eq!(d.bytes(DATA + 0xf0, 2), if le { [0x88, 0x77] } else { [0x11, 0x22] });
    }
}

#[test]
fn stdu_may_store_ra_itself() {
    // stdu r1,-32(r1): the value stored is the old r1 (the classic stack push).
    let d = Case::new(true).gpr(1, DATA + 0x200).run(0xf821_ffe1 /* stdu 1,-32(1) */);
    d.next();
    assert_eq!(d.gpr(1), DATA + 0x1e0);
    assert_eq!(d.bytes(DATA + 0x1e0, 8), (DATA + 0x200).to_le_bytes());
}

#[test]
fn store_update_with_ra_zero_is_invalid() {
    // stwu r5,-4(r0)
    let d = Case::new(false).gpr(5, RS).run(0x94a0_fffc /* .long 0x94a0fffc */);
    assert_eq!(d.end, End::Exc(exc::ILLEGAL, PC));
}

#[test]
fn indexed_stores() {
    for le in [false, true] {
        let c = || Case::new(le).gpr(4, DATA).gpr(6, 0x40).gpr(5, RS);
        let rev = |b: &[u8]| -> Vec<u8> {
            let mut v = b.to_vec();
            if le {
                v.reverse();
            }
            v
        };
        assert_eq!(c().run(0x7ca4_31ae /* stbx 5,4,6 */).bytes(DATA + 0x40, 1), [0x88]);
        assert_eq!(c().run(0x7ca4_332e /* sthx 5,4,6 */).bytes(DATA + 0x40, 2), rev(&[0x77, 0x88]));
        assert_eq!(c().run(0x7ca4_312e /* stwx 5,4,6 */).bytes(DATA + 0x40, 4), rev(&[0x55, 0x66, 0x77, 0x88]));
        assert_eq!(c().run(0x7ca4_312a /* stdx 5,4,6 */).bytes(DATA + 0x40, 8), rev(&RS.to_be_bytes()));
        // The byte at EA: the least significant byte of the value in little-endian mode,
        // the most significant of the stored width in big-endian mode.
        for (w, first_be) in [(0x7ca4_31ee /* stbux 5,4,6 */, 0x88), (0x7ca4_336e /* sthux 5,4,6 */, 0x77), (0x7ca4_316e /* stwux 5,4,6 */, 0x55), (0x7ca4_316a /* stdux 5,4,6 */, 0x11)] {
            let d = c().run(w);
            d.next();
            assert_eq!(d.gpr(4), DATA + 0x40);
            assert_eq!(d.bytes(DATA + 0x40, 1)[0], if le { 0x88 } else { first_be });
        }
        assert_eq!(c().run(0x7ca4_316a /* stdux 5,4,6 */).bytes(DATA + 0x40, 8), rev(&RS.to_be_bytes()));
    }
}

#[test]
fn store_fault_leaves_memory_and_ra() {
    let d = Case::new(false).gpr(4, FAULT).gpr(5, RS).run(0xf8a4_0011 /* stdu 5,16(4) */);
    assert_eq!(d.end, End::Fault(FAULT + 16));
    assert_eq!(d.gpr(4), FAULT);
}

// ---- byte-reversed (§3.3.5) ----

#[test]
fn byte_reversed_loads() {
    let m = [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0];
    for le in [false, true] {
        let c = || Case::new(le).gpr(4, DATA).gpr(5, 0x8).mem(DATA + 8, &m);
        // The access in the other byte order: big-endian mode sees little-endian values.
        let (h, w, dw) = if le {
            (0x1234u64, 0x1234_5678u64, 0x1234_5678_9abc_def0u64)
        } else {
            (0x3412, 0x7856_3412, 0xf0de_bc9a_7856_3412)
        };
        assert_eq!(c().run(0x7c64_2e2c /* lhbrx 3,4,5 */).gpr(3), h);
        assert_eq!(c().run(0x7c64_2c2c /* lwbrx 3,4,5 */).gpr(3), w);
        assert_eq!(c().run(0x7c64_2c28 /* ldbrx 3,4,5 */).gpr(3), dw);
    }
}

#[test]
fn byte_reversed_stores() {
    for le in [false, true] {
        let c = || Case::new(le).gpr(4, DATA).gpr(6, 8).gpr(5, RS);
        let fwd = |b: &[u8]| -> Vec<u8> {
            let mut v = b.to_vec();
            if !le {
                v.reverse();
            }
            v
        };
        // sthbrx stores the low halfword 0x7788 in the order opposite to the mode's.
        assert_eq!(c().run(0x7ca4_372c /* sthbrx 5,4,6 */).bytes(DATA + 8, 2), fwd(&[0x77, 0x88]));
        assert_eq!(c().run(0x7ca4_352c /* stwbrx 5,4,6 */).bytes(DATA + 8, 4), fwd(&[0x55, 0x66, 0x77, 0x88]));
        assert_eq!(c().run(0x7ca4_3528 /* stdbrx 5,4,6 */).bytes(DATA + 8, 8), fwd(&RS.to_be_bytes()));
    }
}

// ---- multiple and string (§3.3.6-3.3.7) ----

#[test]
fn lmw_loads_words_big_endian() {
    let m = [0x80, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xfe];
    let d = Case::new(false).gpr(4, DATA).gpr(29, u64::MAX).mem(DATA + 4, &m).run(0xbba4_0004 /* lmw 29,4(4) */);
    d.next();
    assert_eq!(d.gpr(29), 0x8000_0001);
    assert_eq!(d.gpr(30), 2);
    assert_eq!(d.gpr(31), 0xffff_fffe);
}

#[test]
fn stmw_stores_low_words() {
    let d = Case::new(false).gpr(4, DATA).gpr(30, 0xaaaa_aaaa_1234_5678).gpr(31, 0x9abc_def0).run(0xbfc4_0008 /* stmw 30,8(4) */);
    d.next();
    assert_eq!(d.bytes(DATA + 8, 8), [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0]);
}

#[test]
fn multiple_in_little_endian_mode_is_an_alignment_interrupt() {
    let d = Case::new(true).gpr(4, DATA).run(0xbba4_0004 /* lmw 29,4(4) */);
    assert_eq!(d.end, End::Exc(exc::ALIGNMENT, PC));
    let d = Case::new(true).gpr(4, DATA).run(0xbfa4_0004 /* stmw 29,4(4) */);
    assert_eq!(d.end, End::Exc(exc::ALIGNMENT, PC));
}

#[test]
fn lmw_loading_ra_is_invalid() {
    // lmw r29,0(r30): RA is among r29..r31.
    let d = Case::new(false).gpr(30, DATA).run(0xbbbe_0000 /* .long 0xbbbe0000 */);
    assert_eq!(d.end, End::Exc(exc::ILLEGAL, PC));
}

#[test]
fn lswi_packs_bytes_left_justified() {
    // 7 bytes "abcdefg" into r5 (abcd) and r6 (efg and a zero byte); high words zero.
    let d = Case::new(false)
        .gpr(4, DATA)
        .gpr(5, u64::MAX)
        .gpr(6, u64::MAX)
        .gpr(7, 0x77)
        .mem(DATA, b"abcdefgh")
        .run(0x7ca4_3caa /* lswi 5,4,7 */);
    d.next();
    assert_eq!(d.gpr(5), 0x6162_6364);
    assert_eq!(d.gpr(6), 0x6566_6700);
    assert_eq!(d.gpr(7), 0x77);
}

#[test]
fn lswi_wraps_to_r0_and_nb_zero_means_32() {
    // lswi r30,r6,0: 32 bytes into r30, r31, r0, r1, ..., r5.
    let bytes: Vec<u8> = (0..32).collect();
    let d = Case::new(false).gpr(6, DATA).mem(DATA, &bytes).run(0x7fc6_04aa /* .long 0x7fc604aa */);
    d.next();
    assert_eq!(d.gpr(30), 0x0001_0203);
    assert_eq!(d.gpr(31), 0x0405_0607);
    assert_eq!(d.gpr(0), 0x0809_0a0b);
    assert_eq!(d.gpr(3), 0x1415_1617);
    assert_eq!(d.gpr(5), 0x1c1d_1e1f);
    assert_eq!(d.gpr(6), DATA);
}

#[test]
fn lswi_loading_ra_is_invalid() {
    // lswi r30,r4,0 would load r30..r5, which includes RA = r4.
    let d = Case::new(false).gpr(4, DATA).run(0x7fc4_04aa /* .long 0x7fc404aa */);
    assert_eq!(d.end, End::Exc(exc::ILLEGAL, PC));
}

#[test]
fn stswi_stores_bytes() {
    let d = Case::new(false).gpr(4, DATA).gpr(5, 0xaabb_ccdd_1122_3344).gpr(6, 0x5566_7788).run(0x7ca4_35aa /* stswi 5,4,6 */);
    d.next();
    assert_eq!(d.bytes(DATA, 8), [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0, 0]);
}

#[test]
fn string_forms_in_little_endian_mode_are_alignment_interrupts() {
    for w in [0x7ca4_3caa /* lswi 5,4,7 */, 0x7ca4_3daa /* stswi 5,4,7 */, 0x7ca3_242a /* lswx 5,3,4 */, 0x7ca3_252a /* stswx 5,3,4 */] {
        let d = Case::new(true).gpr(4, DATA).run(w);
        assert_eq!(d.end, End::Exc(exc::ALIGNMENT, PC), "{w:#x}");
    }
}

#[test]
fn lswx_takes_its_count_from_xer() {
    // lswx r5,r3,r4 with XER[BC] = 7: "abcdefg" from r3+r4 into r5 (abcd), r6 (efg, 0);
    // r7 is not written. BC = 0 leaves every register alone.
    let d = Case::new(false)
        .gpr(3, DATA - 0x10)
        .gpr(4, 0x10)
        .gpr(5, u64::MAX)
        .gpr(6, u64::MAX)
        .gpr(7, 0x77)
        .mem(DATA, b"abcdefgh")
        .with(|c| c.xer_bc = 7)
        .run(0x7ca3_242a /* lswx 5,3,4 */);
    d.next();
    assert_eq!((d.gpr(5), d.gpr(6), d.gpr(7)), (0x6162_6364, 0x6566_6700, 0x77));
    let d = Case::new(false).gpr(3, DATA).gpr(4, 0).gpr(5, 0x55).with(|c| c.xer_bc = 0).run(0x7ca3_242a);
    d.next();
    assert_eq!(d.gpr(5), 0x55);
}

#[test]
fn lswx_long_count_wraps_registers() {
    // 127 bytes from r30: r30, r31, r0, ..., r29 (32 registers, the last gets 3 bytes).
    let bytes: Vec<u8> = (1..=128).collect();
    let d = Case::new(false).gpr(3, DATA).gpr(4, 0).mem(DATA, &bytes).with(|c| c.xer_bc = 127).run(0x7fc3_242a /* lswx 30,3,4 */);
    d.next();
    assert_eq!(d.gpr(30), 0x0102_0304);
    assert_eq!(d.gpr(0), 0x090a_0b0c);
    assert_eq!(d.gpr(29), 0x7d7e_7f00);
}

#[test]
fn stswx_stores_count_bytes_and_nothing_after() {
    let d = Case::new(false)
        .gpr(3, DATA)
        .gpr(4, 2)
        .gpr(5, 0xaabb_ccdd_1122_3344)
        .gpr(6, 0x5566_7788)
        .mem(DATA, &[0xee; 12])
        .with(|c| c.xer_bc = 6)
        .run(0x7ca3_252a /* stswx 5,3,4 */);
    d.next();
    assert_eq!(d.bytes(DATA, 10), [0xee, 0xee, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0xee, 0xee]);
    let d = Case::new(false).gpr(3, DATA).gpr(4, 0).gpr(5, 0x1122_3344).mem(DATA, &[0xee; 4]).with(|c| c.xer_bc = 0).run(0x7ca3_252a);
    d.next();
    assert_eq!(d.bytes(DATA, 4), [0xee; 4]);
}

// ---- quadword (lq/stq) ----

const Q16: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

#[test]
fn lq_loads_the_pair_in_quadword_order() {
    // Big-endian: RT gets the bytes at EA..EA+7. Little-endian: the quadword is a little-
    // endian 128-bit value, so RT (its high half) is bytes EA+15..EA+8.
    for (le, hi, lo) in [
        (false, 0x0001_0203_0405_0607u64, 0x0809_0a0b_0c0d_0e0fu64),
        (true, 0x0f0e_0d0c_0b0a_0908, 0x0706_0504_0302_0100),
    ] {
        let d = Case::new(le).gpr(3, DATA).mem(DATA + 0x10, &Q16).run(0xe083_0010 /* lq 4,16(3) */);
        d.next();
        assert_eq!((d.gpr(4), d.gpr(5)), (hi, lo));
    }
}

#[test]
fn stq_stores_the_pair() {
    for le in [false, true] {
        let d = Case::new(le)
            .gpr(3, DATA)
            .gpr(4, 0x0001_0203_0405_0607)
            .gpr(5, 0x0809_0a0b_0c0d_0e0f)
            .run(0xf883_0012 /* stq 4,16(3) */);
        d.next();
        let mut want = Q16.to_vec();
        if le {
            want.reverse();
        }
        assert_eq!(d.bytes(DATA + 0x10, 16), want);
    }
}

#[test]
fn lq_misaligned_or_odd_or_overlapping() {
    let d = Case::new(true).gpr(3, DATA + 8).run(0xe083_0010 /* lq 4,16(3) */);
    assert_eq!(d.end, End::Exc(exc::ALIGNMENT, PC));
    // lq r5,16(r3): odd RTp.
    let d = Case::new(true).gpr(3, DATA).run(0xe0a3_0010 /* .long 0xe0a30010 */);
    assert_eq!(d.end, End::Exc(exc::ILLEGAL, PC));
    // lq r4,16(r4): RTp = RA.
    let d = Case::new(true).gpr(4, DATA).run(0xe084_0010 /* .long 0xe0840010 */);
    assert_eq!(d.end, End::Exc(exc::ILLEGAL, PC));
    let d = Case::new(true).gpr(3, DATA + 4).run(0xf883_0012 /* stq 4,16(3) */);
    assert_eq!(d.end, End::Exc(exc::ALIGNMENT, PC));
}

// ---- load and reserve / store conditional (Book II §4.4.2) ----

#[test]
fn lwarx_loads_and_reserves() {
    for (le, val) in [(false, 0x8182_8384u64), (true, 0x8483_8281)] {
        let d = Case::new(le).gpr(4, DATA).gpr(5, 0x20).mem(DATA + 0x20, &[0x81, 0x82, 0x83, 0x84]).run(0x7c64_2828 /* lwarx 3,4,5 */);
        d.next();
        assert_eq!(d.gpr(3), val);
        assert_eq!((d.cpu.resv_addr, d.cpu.resv_size, d.cpu.resv_val), (DATA + 0x20, 4, val));
    }
}

#[test]
fn larx_sizes() {
    let c = || Case::new(true).gpr(4, DATA).gpr(5, 0x10).mem(DATA + 0x10, &BYTES8);
    let d = c().run(0x7c64_2868 /* lbarx 3,4,5 */);
    assert_eq!((d.gpr(3), d.cpu.resv_size), (0x01, 1));
    let d = c().run(0x7c64_28e8 /* lharx 3,4,5 */);
    assert_eq!((d.gpr(3), d.cpu.resv_size), (0x0201, 2));
    let d = c().run(0x7c64_28a9 /* ldarx 3,4,5,1 */);
    assert_eq!((d.gpr(3), d.cpu.resv_size, d.cpu.resv_val), (0x0807_0605_0403_0201, 8, 0x0807_0605_0403_0201));
}

#[test]
fn larx_misaligned_is_an_alignment_interrupt() {
    let d = Case::new(true).gpr(4, DATA).gpr(5, 0x12).run(0x7c64_2828 /* lwarx 3,4,5 */);
    assert_eq!(d.end, End::Exc(exc::ALIGNMENT, PC));
    assert_eq!(d.cpu.resv_addr, u64::MAX);
    let d = Case::new(true).gpr(4, DATA).gpr(5, 0x14).run(0x7c64_28a8 /* ldarx 3,4,5 */);
    assert_eq!(d.end, End::Exc(exc::ALIGNMENT, PC));
}

/// A case with a reservation on the word at DATA+0x20 holding 0x0a0b0c0d (LE).
fn reserved_word(so: bool) -> Case {
    Case::new(true)
        .gpr(4, DATA)
        .gpr(5, 0x20)
        .gpr(6, 0xffff_ffff_1234_5678)
        .mem(DATA + 0x20, &[0x0d, 0x0c, 0x0b, 0x0a])
        .with(|c| {
            c.resv_addr = DATA + 0x20;
            c.resv_size = 4;
            c.resv_val = 0x0a0b_0c0d;
            c.xer_so = so as u8;
            c.cr[0] = 0b1111;
        })
}

#[test]
fn stwcx_succeeds_with_matching_reservation() {
    let d = reserved_word(false).run(0x7cc4_292d /* stwcx. 6,4,5 */);
    d.next();
    assert_eq!(d.bytes(DATA + 0x20, 4), [0x78, 0x56, 0x34, 0x12]);
    assert_eq!(d.cr(0), 0b0010);
    assert_eq!(d.cpu.resv_addr, u64::MAX);
    // SO is copied into CR0.
    let d = reserved_word(true).run(0x7cc4_292d /* stwcx. 6,4,5 */);
    assert_eq!(d.cr(0), 0b0011);
}

#[test]
fn stwcx_fails_without_reservation() {
    let d = reserved_word(false).with(|c| c.resv_addr = u64::MAX).run(0x7cc4_292d /* stwcx. 6,4,5 */);
    d.next();
    assert_eq!(d.bytes(DATA + 0x20, 4), [0x0d, 0x0c, 0x0b, 0x0a]);
    assert_eq!(d.cr(0), 0b0000);
    let d = reserved_word(true).with(|c| c.resv_addr = DATA + 0x24).run(0x7cc4_292d /* stwcx. 6,4,5 */);
    assert_eq!(d.bytes(DATA + 0x20, 4), [0x0d, 0x0c, 0x0b, 0x0a]);
    assert_eq!(d.cr(0), 0b0001);
    assert_eq!(d.cpu.resv_addr, u64::MAX);
}

#[test]
fn stwcx_fails_when_memory_changed_or_size_differs() {
    // Another thread stored to the word since the lwarx: the compare-and-swap sees it.
    let d = reserved_word(false).mem(DATA + 0x20, &[0, 0, 0, 0]).run(0x7cc4_292d /* stwcx. 6,4,5 */);
    assert_eq!(d.bytes(DATA + 0x20, 4), [0, 0, 0, 0]);
    assert_eq!(d.cr(0), 0);
    // A doubleword reservation does not let a word store succeed.
    let d = reserved_word(false).with(|c| c.resv_size = 8).run(0x7cc4_292d /* stwcx. 6,4,5 */);
    assert_eq!(d.bytes(DATA + 0x20, 4), [0x0d, 0x0c, 0x0b, 0x0a]);
    assert_eq!(d.cr(0), 0);
}

#[test]
fn stcx_sizes() {
    // stbcx. / sthcx. / stdcx. with matching reservations, big-endian.
    let c = |size: u64, val: u64| {
        Case::new(false).gpr(4, DATA).gpr(5, 0x10).gpr(6, RS).mem(DATA + 0x10, &BYTES8).with(move |c| {
            c.resv_addr = DATA + 0x10;
            c.resv_size = size;
            c.resv_val = val;
        })
    };
    let d = c(1, 0x01).run(0x7cc4_2d6d /* stbcx. 6,4,5 */);
    assert_eq!((d.cr(0), d.bytes(DATA + 0x10, 2)), (0b0010, vec![0x88, 0x02]));
    let d = c(2, 0x0102).run(0x7cc4_2dad /* sthcx. 6,4,5 */);
    assert_eq!((d.cr(0), d.bytes(DATA + 0x10, 3)), (0b0010, vec![0x77, 0x88, 0x03]));
    let d = c(8, 0x0102_0304_0506_0708).run(0x7cc4_29ad /* stdcx. 6,4,5 */);
    assert_eq!((d.cr(0), d.bytes(DATA + 0x10, 8)), (0b0010, RS.to_be_bytes().to_vec()));
    let d = c(8, 0x0102_0304_0506_0709).run(0x7cc4_29ad /* stdcx. 6,4,5 */);
    assert_eq!((d.cr(0), d.bytes(DATA + 0x10, 8)), (0b0000, BYTES8.to_vec()));
}

#[test]
fn stcx_misaligned_is_an_alignment_interrupt() {
    let d = reserved_word(false).gpr(5, 0x22).run(0x7cc4_292d /* stwcx. 6,4,5 */);
    assert_eq!(d.end, End::Exc(exc::ALIGNMENT, PC));
    assert_eq!(d.cr(0), 0b1111);
}

#[test]
fn lqarx_stqcx_pair() {
    let d = Case::new(false).gpr(3, DATA).gpr(9, 0x10).mem(DATA + 0x10, &Q16).run(0x7cc3_4a28 /* lqarx 6,3,9 */);
    d.next();
    assert_eq!((d.gpr(6), d.gpr(7)), (0x0001_0203_0405_0607, 0x0809_0a0b_0c0d_0e0f));
    assert_eq!((d.cpu.resv_addr, d.cpu.resv_size), (DATA + 0x10, 16));
    assert_eq!((d.cpu.resv_val_hi, d.cpu.resv_val), (0x0001_0203_0405_0607, 0x0809_0a0b_0c0d_0e0f));

    let c = || {
        Case::new(false).gpr(3, DATA).gpr(9, 0x10).gpr(6, 0xa0a1_a2a3_a4a5_a6a7).gpr(7, 0xb0b1_b2b3_b4b5_b6b7).mem(DATA + 0x10, &Q16).with(
            |c| {
                c.resv_addr = DATA + 0x10;
                c.resv_size = 16;
                c.resv_val_hi = 0x0001_0203_0405_0607;
                c.resv_val = 0x0809_0a0b_0c0d_0e0f;
            },
        )
    };
    let d = c().run(0x7cc3_496d /* stqcx. 6,3,9 */);
    d.next();
    assert_eq!(d.cr(0), 0b0010);
    assert_eq!(d.bytes(DATA + 0x10, 4), [0xa0, 0xa1, 0xa2, 0xa3]);
    assert_eq!(d.bytes(DATA + 0x18, 4), [0xb0, 0xb1, 0xb2, 0xb3]);
    // The low doubleword changed behind our back: fail, memory intact.
    let d = c().with(|c| c.resv_val = 0).run(0x7cc3_496d /* stqcx. 6,3,9 */);
    assert_eq!(d.cr(0), 0);
    assert_eq!(d.bytes(DATA + 0x10, 16), Q16);
}

// ---- storage control (Book II ch. 4) ----

#[test]
fn dcbz_zeroes_the_aligned_128_byte_block() {
    let ff = [0xffu8; 0x200];
    let d = Case::new(true).gpr(4, DATA + 0x1000).gpr(5, 0x234).mem(DATA + 0x1100, &ff).run(0x7c04_2fec /* dcbz 4,5 */);
    d.next();
    assert_eq!(d.bytes(DATA + 0x11ff, 1), [0xff]);
    assert!(d.bytes(DATA + 0x1200, 128).iter().all(|&b| b == 0));
    assert_eq!(d.bytes(DATA + 0x1280, 1), [0xff]);
}

#[test]
fn dcbz_faults_like_a_store() {
    let d = Case::new(true).gpr(4, FAULT + 0x90).run(0x7c00_27ec /* dcbz 0,4 */);
    assert_eq!(d.end, End::Fault(FAULT + 0x80));
}

#[test]
fn barriers_and_cache_hints_do_nothing_and_never_fault() {
    for w in [
        0x7c00_04ac /* sync */,
        0x7c20_04ac /* lwsync */,
        0x7c40_04ac /* ptesync */,
        0x7c00_06ac /* eieio */,
        0x4c00_012c /* isync */,
        0x7c00_222c /* dcbt 0,4 */,
        0x7c00_21ec /* dcbtst 0,4 */,
        0x7c00_222c /* dcbtct 0,4 */,
        0x7d00_222c /* dcbtds 0,4 */,
        0x7c00_206c /* dcbst 0,4 */,
        0x7c00_20ac /* dcbf 0,4 */,
        0x7c00_27ac /* icbi 0,4 */,
        0x7c00_202c /* icbt 0,0,4 */,
        0x7c00_003c /* wait */,
    ] {
        for le in [false, true] {
            let d = Case::new(le).gpr(4, FAULT).run(w);
            assert_eq!(d.end, End::At(PC + 4), "{w:#x}");
            assert_eq!(d.gpr(4), FAULT);
        }
    }
}

// ---- floating-point loads and stores (Book I §4.6.2-4.6.3) ----

#[test]
fn lfd_stfd_move_doublewords() {
    for le in [false, true] {
        let dw = if le { 0x0807_0605_0403_0201u64 } else { 0x0102_0304_0506_0708 };
        let c = || Case::new(le).gpr(4, DATA).gpr(5, 0x18).mem(DATA + 0x18, &BYTES8).vsr(1, u128::MAX);
        // FPR 1 is doubleword 0 of VSR 1; doubleword 1 (undefined) keeps its value.
        let d = c().run(0xc824_0018 /* lfd 1,24(4) */);
        d.next();
        assert_eq!(d.cpu.vsr[1], [u64::MAX, dw]);
        assert_eq!(c().run(0x7c24_2cae /* lfdx 1,4,5 */).cpu.vsr[1][1], dw);
        let d = c().run(0xcc24_0018 /* lfdu 1,24(4) */);
        assert_eq!((d.cpu.vsr[1][1], d.gpr(4)), (dw, DATA + 0x18));
        let d = c().run(0x7c24_2cee /* lfdux 1,4,5 */);
        assert_eq!((d.cpu.vsr[1][1], d.gpr(4)), (dw, DATA + 0x18));
        let s = || Case::new(le).gpr(4, DATA).gpr(5, 0x18).with(|c| c.set_fpr(14, dw));
        assert_eq!(s().run(0xd9c4_0018 /* stfd 14,24(4) */).bytes(DATA + 0x18, 8), BYTES8);
        assert_eq!(s().run(0x7dc4_2dae /* stfdx 14,4,5 */).bytes(DATA + 0x18, 8), BYTES8);
        let d = s().run(0xddc4_0018 /* stfdu 14,24(4) */);
        assert_eq!((d.bytes(DATA + 0x18, 8), d.gpr(4)), (BYTES8.to_vec(), DATA + 0x18));
        let d = s().run(0x7dc4_2dee /* stfdux 14,4,5 */);
        assert_eq!((d.bytes(DATA + 0x18, 8), d.gpr(4)), (BYTES8.to_vec(), DATA + 0x18));
    }
}

#[test]
fn lfs_stfs_convert_single_format() {
    for le in [false, true] {
        let ord = |b: [u8; 4]| if le { [b[3], b[2], b[1], b[0]] } else { b };
        // 1.5f = 0x3fc00000 → 1.5 = 0x3ff8000000000000.
        let c = || Case::new(le).gpr(4, DATA).gpr(5, 8).mem(DATA + 8, &ord([0x3f, 0xc0, 0, 0]));
        assert_eq!(c().run(0xc044_0008 /* lfs 2,8(4) */).cpu.fpr(2), 0x3ff8_0000_0000_0000);
        assert_eq!(c().run(0x7c44_2c2e /* lfsx 2,4,5 */).cpu.fpr(2), 0x3ff8_0000_0000_0000);
        let d = c().run(0xc444_0008 /* lfsu 2,8(4) */);
        assert_eq!((d.cpu.fpr(2), d.gpr(4)), (0x3ff8_0000_0000_0000, DATA + 8));
        let d = c().run(0x7c44_2c6e /* lfsux 2,4,5 */);
        assert_eq!((d.cpu.fpr(2), d.gpr(4)), (0x3ff8_0000_0000_0000, DATA + 8));
        // A signalling NaN stays signalling: 0x7f800001 → 0x7ff0000020000000.
        let d = Case::new(le).gpr(4, DATA).mem(DATA + 8, &ord([0x7f, 0x80, 0, 1])).run(0xc044_0008 /* lfs 2,8(4) */);
        assert_eq!(d.cpu.fpr(2), 0x7ff0_0000_2000_0000);
        // Storing -2.5 = 0xc004000000000000 gives 0xc0200000.
        let s = || Case::new(le).gpr(4, DATA).gpr(5, 8).with(|c| c.set_fpr(3, 0xc004_0000_0000_0000));
        assert_eq!(s().run(0xd064_0008 /* stfs 3,8(4) */).bytes(DATA + 8, 4), ord([0xc0, 0x20, 0, 0]));
        assert_eq!(s().run(0x7c64_2d2e /* stfsx 3,4,5 */).bytes(DATA + 8, 4), ord([0xc0, 0x20, 0, 0]));
        let d = s().run(0xd464_0008 /* stfsu 3,8(4) */);
        assert_eq!((d.bytes(DATA + 8, 4), d.gpr(4)), (ord([0xc0, 0x20, 0, 0]).to_vec(), DATA + 8));
        let d = s().run(0x7c64_2d6e /* stfsux 3,4,5 */);
        assert_eq!(d.bytes(DATA + 8, 4), ord([0xc0, 0x20, 0, 0]));
    }
}

#[test]
fn integer_word_fp_loads_and_stores() {
    for le in [false, true] {
        let m = if le { [1, 0, 0, 0x80] } else { [0x80, 0, 0, 1] };
        let c = || Case::new(le).gpr(4, DATA).gpr(5, 8).mem(DATA + 8, &m);
        assert_eq!(c().run(0x7c44_2eae /* lfiwax 2,4,5 */).cpu.fpr(2), 0xffff_ffff_8000_0001);
        assert_eq!(c().run(0x7c44_2eee /* lfiwzx 2,4,5 */).cpu.fpr(2), 0x8000_0001);
        let d = Case::new(le).gpr(4, DATA).gpr(5, 8).with(|c| c.set_fpr(2, 0x1234_5678_8000_0001)).run(0x7c44_2fae /* stfiwx 2,4,5 */);
        assert_eq!(d.bytes(DATA + 8, 4), m);
    }
}

#[test]
fn fp_update_with_ra_zero_is_invalid() {
    // lfdu f1,8(r0) and stfsux f1,r0,r5.
    assert_eq!(Case::new(true).run(0xcc20_0008 /* .long 0xcc200008 */).end, End::Exc(exc::ILLEGAL, PC));
    assert_eq!(Case::new(true).run(0x7c20_2d6e /* .long 0x7c202d6e */).end, End::Exc(exc::ILLEGAL, PC));
}
