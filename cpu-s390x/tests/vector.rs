//! Vector facility, support instructions (PoP ch. 21): loads, stores, element moves,
//! generators, permutes, pack/unpack. Expected values worked out by hand from the book;
//! each instruction runs interpreted and compiled (see `s390_harness`).

mod s390_harness;
mod vx_enc;

use cpu_s390x::exc;
use s390_harness::{Case, End, DATA, FAULT, PC};
use vx_enc::*;

const SEQ: u128 = 0x0001_0203_0405_0607_0809_0a0b_0c0d_0e0f;
const HI: u128 = 0x1011_1213_1415_1617_1819_1a1b_1c1d_1e1f;

#[test]
fn encoders_match_capstone() {
    let cases: &[([u8; 6], &str)] = &[
        (vrx(0x06, 17, 0x10, 0, 2, 0), "vl %v17, 0x10(%r2)"),
        (vrr_b(0x80, 0, 17, 18, 0, 0), "vfeeb %v0, %v17, %v18, 0"),
        (vrr_d(0x8a, 17, 18, 19, 2, 0, 0), "vstrcb %v17, %v18, %v19, %v2, 0"),
        (vrs_c(0x21, 4, 16, 7, 0, 0), "vlgvb %r4, %v16, 7"),
        (vrs_b(0x37, 1, 3, 0, 2, 0), "vll %v1, %r3, 0(%r2)"),
        (vri_a(0x44, 31, 0xffff, 0), "vone %v31"),
        (vrr_c(0xf3, 1, 2, 31, 2, 0, 0), "vaf %v1, %v2, %v31"),
        (vri_d(0x77, 1, 2, 3, 5, 0), "vsldb %v1, %v2, %v3, 5"),
        (vrr_e(0x8c, 1, 2, 3, 20, 0, 0), "vperm %v1, %v2, %v3, %v20"),
        (vrv(0x13, 1, 8, 18, 2, 3), "vgef %v1, 8(%v18, %r2), 3"),
        (vri_c(0x4d, 1, 17, 3, 2), "vrepf %v1, %v17, 3"),
        (vri_b(0x46, 1, 8, 15, 1), "vgmh %v1, 8, 0xf"),
    ];
    for (b, want) in cases {
        let w = u64::from_be_bytes([b[0], b[1], b[2], b[3], b[4], b[5], 0, 0]);
        let got = cpu_s390x::disasm_insn(w, 6, 0);
        let norm = |s: &str| s.replace(' ', "").to_lowercase();
        assert_eq!(norm(&got), norm(want), "{b:02x?}");
    }
}

#[test]
fn vl_vst_vlr() {
    // vl %v17,8(%r2): element 0 is the byte at the lowest address
    let d = Case::new().gpr(2, DATA).mem(DATA + 8, &SEQ.to_be_bytes()).run(&vrx(0x06, 17, 8, 0, 2, 0));
    d.next();
    assert_eq!(d.vr(17), SEQ);
    // vst %v3,0(%r1,%r2)
    let d = Case::new().gpr(1, 0x10).gpr(2, DATA).vr(3, HI).run(&vrx(0x0e, 3, 0, 1, 2, 0));
    assert_eq!(d.bytes(DATA + 0x10, 16), HI.to_be_bytes().to_vec());
    // vlr %v30,%v1
    let d = Case::new().vr(1, SEQ).run(&vrr_a(0x56, 30, 1, 0, 0, 0));
    assert_eq!(d.vr(30), SEQ);
    // the FPR overlay: FPR 3 is bits 0:63 of V3
    let d = Case::new().gpr(2, DATA).mem(DATA, &SEQ.to_be_bytes()).run(&vrx(0x06, 3, 0, 0, 2, 0));
    assert_eq!(d.cpu.fpr(3), 0x0001_0203_0405_0607);
}

#[test]
fn vlrep_vle_vlei_vste() {
    // vlreph %v1,0(%r2): halfword 0xabcd replicated
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0xab, 0xcd]).run(&vrx(0x05, 1, 0, 0, 2, 1));
    assert_eq!(d.vr(1), 0xabcd_abcd_abcd_abcd_abcd_abcd_abcd_abcd);
    // vlreg %v1,0(%r2)
    let d = Case::new().gpr(2, DATA).mem(DATA, &[1, 2, 3, 4, 5, 6, 7, 8]).run(&vrx(0x05, 1, 0, 0, 2, 3));
    assert_eq!(d.vr(1), d2(0x0102_0304_0506_0708, 0x0102_0304_0506_0708));
    // vleb %v1,0(%r2),15: byte 15 only
    let d = Case::new().gpr(2, DATA).vr(1, SEQ).mem(DATA, &[0xee]).run(&vrx(0x00, 1, 0, 0, 2, 15));
    assert_eq!(d.vr(1), (SEQ & !0xff) | 0xee);
    // vlef %v1,0(%r2),1
    let d = Case::new().gpr(2, DATA).vr(1, SEQ).mem(DATA, &[0xaa, 0xbb, 0xcc, 0xdd]).run(&vrx(0x03, 1, 0, 0, 2, 1));
    assert_eq!(d.vr(1), 0x0001_0203_aabb_ccdd_0809_0a0b_0c0d_0e0f);
    // vleh with index 8: specification exception, V1 unchanged
    let d = Case::new().gpr(2, DATA).vr(1, SEQ).run(&vrx(0x01, 1, 0, 0, 2, 8));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    assert_eq!(d.vr(1), SEQ);
    // vleg %v1,0(%r2),1
    let d = Case::new().gpr(2, DATA).vr(1, SEQ).mem(DATA, &[9; 8]).run(&vrx(0x02, 1, 0, 0, 2, 1));
    assert_eq!(d.vr(1), d2(0x0001_0203_0405_0607, 0x0909_0909_0909_0909));
    // vleih %v1,-2,3: halfword 3 = 0xfffe
    let d = Case::new().vr(1, 0).run(&vri_a(0x41, 1, 0xfffe, 3));
    assert_eq!(d.vr(1), h8([0, 0, 0, 0xfffe, 0, 0, 0, 0]));
    // vleig %v1,-1,0: sign-extended to 64 bits
    let d = Case::new().vr(1, 0).run(&vri_a(0x42, 1, 0xffff, 0));
    assert_eq!(d.vr(1), d2(u64::MAX, 0));
    // vleib %v1,0x7f,0 and vleif %v1,0x8000,2 (-32768)
    let d = Case::new().vr(1, 0).run(&vri_a(0x40, 1, 0x7f, 0));
    assert_eq!(d.vr(1), 0x7f << 120);
    let d = Case::new().vr(1, 0).run(&vri_a(0x43, 1, 0x8000, 2));
    assert_eq!(d.vr(1), w4([0, 0, 0xffff_8000, 0]));
    // vsteb %v1,1(%r2),3 / vsteh ...,7 / vstef ...,3 / vsteg ...,0
    let d = Case::new().gpr(2, DATA).vr(1, SEQ).run(&vrx(0x08, 1, 1, 0, 2, 3));
    assert_eq!(d.bytes(DATA, 3), vec![0, 3, 0]);
    let d = Case::new().gpr(2, DATA).vr(1, SEQ).run(&vrx(0x09, 1, 0, 0, 2, 7));
    assert_eq!(d.bytes(DATA, 3), vec![0x0e, 0x0f, 0]);
    let d = Case::new().gpr(2, DATA).vr(1, SEQ).run(&vrx(0x0b, 1, 0, 0, 2, 3));
    assert_eq!(d.bytes(DATA, 5), vec![0x0c, 0x0d, 0x0e, 0x0f, 0]);
    let d = Case::new().gpr(2, DATA).vr(1, SEQ).run(&vrx(0x0a, 1, 0, 0, 2, 0));
    assert_eq!(d.bytes(DATA, 9), vec![0, 1, 2, 3, 4, 5, 6, 7, 0]);
}

#[test]
fn vlgv_vlvg_vlvgp() {
    // vlgvb %r4,%v16,7: the index is the address, r4 zero-extended
    let d = Case::new().gpr(4, u64::MAX).vr(16, SEQ).run(&vrs_c(0x21, 4, 16, 7, 0, 0));
    assert_eq!(d.gpr(4), 7);
    // vlgvf %r4,%v16,1(%r5) with r5 = 1: word 2
    let d = Case::new().gpr(5, 1).vr(16, SEQ).run(&vrs_c(0x21, 4, 16, 1, 5, 2));
    assert_eq!(d.gpr(4), 0x0809_0a0b);
    // vlgvg %r4,%v16,1
    let d = Case::new().vr(16, SEQ).run(&vrs_c(0x21, 4, 16, 1, 0, 3));
    assert_eq!(d.gpr(4), 0x0809_0a0b_0c0d_0e0f);
    // vlvgh %v1,%r3,2: halfword 2 from bits 48:63 of r3
    let d = Case::new().gpr(3, 0x1234_5678_9abc_def0).vr(1, 0).run(&vrs_b(0x22, 1, 3, 2, 0, 1));
    assert_eq!(d.vr(1), h8([0, 0, 0xdef0, 0, 0, 0, 0, 0]));
    // vlvgg %v1,%r3,0
    let d = Case::new().gpr(3, 0x1234_5678_9abc_def0).vr(1, SEQ).run(&vrs_b(0x22, 1, 3, 0, 0, 3));
    assert_eq!(d.vr(1), d2(0x1234_5678_9abc_def0, 0x0809_0a0b_0c0d_0e0f));
    // vlvgp %v20,%r2,%r3
    let d = Case::new().gpr(2, 0x1111).gpr(3, 0x2222).run(&vrr_f(0x62, 20, 2, 3));
    assert_eq!(d.vr(20), d2(0x1111, 0x2222));
}

#[test]
fn vll_and_vstl_access_only_the_length() {
    // vll %v1,%r3,0(%r2): r3 = 4 loads bytes 0..4, zeros the rest
    let d = Case::new().gpr(2, DATA).gpr(3, 4).vr(1, u128::MAX).mem(DATA, &SEQ.to_be_bytes()).run(&vrx_vll(0x37));
    d.next();
    assert_eq!(d.vr(1), 0x00_0102_0304u128 << 88);
    // r3 bits 0:31 are ignored; the length is capped at 16 bytes
    let d = Case::new().gpr(2, DATA).gpr(3, 0xffff_ffff_0000_0100).mem(DATA, &SEQ.to_be_bytes()).run(&vrx_vll(0x37));
    assert_eq!(d.vr(1), SEQ);
    // 4 bytes just below an inaccessible page: no fault beyond the length
    let d = Case::new().gpr(2, FAULT - 4).gpr(3, 3).vr(1, u128::MAX).run(&vrx_vll(0x37));
    d.next();
    assert_eq!(d.vr(1), 0);
    let d = Case::new().gpr(2, FAULT - 4).gpr(3, 4).vr(1, u128::MAX).run(&vrx_vll(0x37));
    assert_eq!(d.end, End::Fault(FAULT));
    assert_eq!(d.vr(1), u128::MAX);
    // vstl %v1,%r3,0(%r2): r3 = 2 stores 3 bytes and leaves the rest
    let d = Case::new().gpr(2, DATA).gpr(3, 2).vr(1, SEQ).mem(DATA, &[0xee; 5]).run(&vrx_vll(0x3f));
    assert_eq!(d.bytes(DATA, 5), vec![0, 1, 2, 0xee, 0xee]);
    let d = Case::new().gpr(2, FAULT - 3).gpr(3, 2).vr(1, HI).run(&vrx_vll(0x3f));
    d.next();
    assert_eq!(d.bytes(FAULT - 3, 3), vec![0x10, 0x11, 0x12]);
    let d = Case::new().gpr(2, FAULT - 3).gpr(3, 3).vr(1, HI).run(&vrx_vll(0x3f));
    assert_eq!(d.end, End::Fault(FAULT));
}

/// `vll`/`vstl %v1,%r3,0(%r2)`.
fn vrx_vll(op: u8) -> [u8; 6] {
    vrs_b(op, 1, 3, 0, 2, 0)
}

#[test]
fn vlbb_and_lcbb_stop_at_the_block_boundary() {
    // lcbb %r1,0(%r2),6 (4 KiB): 5 bytes to the boundary, CC 3; bits 0:31 of r1 kept
    let lcbb = [0xe7, 0x10, 0x20, 0x00, 0x60, 0x27];
    let d = Case::new().gpr(1, 0xaaaa_aaaa_ffff_ffff).gpr(2, FAULT - 5).run(&lcbb);
    assert_eq!((d.gpr(1), d.cc()), (0xaaaa_aaaa_0000_0005, 3));
    let d = Case::new().gpr(2, DATA).run(&lcbb);
    assert_eq!((d.gpr(1), d.cc()), (16, 0));
    // lcbb %r1,0(%r2),0 (64 bytes): address 0x3c -> 4
    let d = Case::new().gpr(2, DATA + 0x3c).run(&[0xe7, 0x10, 0x20, 0x00, 0x00, 0x27]);
    assert_eq!((d.gpr(1), d.cc()), (4, 3));
    // vlbb %v1,0(%r2),6 five bytes below an inaccessible 4 KiB block: no fault
    let d = Case::new().gpr(2, FAULT - 5).vr(1, u128::MAX).run(&vrx(0x07, 1, 0, 0, 2, 6));
    d.next();
    assert_eq!(d.vr(1) >> 88, 0, "the five loaded bytes are the zeros there");
    // vlbb %v1,0(%r2),0 at a 64-byte block's end - 3: bytes 0..2 from storage
    let d = Case::new().gpr(2, DATA + 0x3d).mem(DATA + 0x3d, &[7, 8, 9]).run(&vrx(0x07, 1, 0, 0, 2, 0));
    assert_eq!(d.vr(1) >> 104, 0x07_0809);
    // a whole vector when the block has 16 bytes or more left
    let d = Case::new().gpr(2, DATA).mem(DATA, &SEQ.to_be_bytes()).run(&vrx(0x07, 1, 0, 0, 2, 6));
    assert_eq!(d.vr(1), SEQ);
    // M3 = 7 is a specification exception
    let d = Case::new().gpr(2, DATA).run(&vrx(0x07, 1, 0, 0, 2, 7));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn vlm_vstm() {
    // vstm %v30,%v31,0(%r2) then vlm %v1,%v2,0(%r2)
    let d = Case::new().gpr(2, DATA).vr(30, SEQ).vr(31, HI).run(&vrs_a(0x3e, 30, 31, 0, 2, 0));
    let mut want = SEQ.to_be_bytes().to_vec();
    want.extend_from_slice(&HI.to_be_bytes());
    assert_eq!(d.bytes(DATA, 32), want);
    let d = Case::new().gpr(2, DATA).mem(DATA, &want).run(&vrs_a(0x36, 1, 2, 0, 2, 0));
    assert_eq!((d.vr(1), d.vr(2)), (SEQ, HI));
    // V3 below V1: specification
    let d = Case::new().gpr(2, DATA).run(&vrs_a(0x36, 2, 1, 0, 2, 0));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn generators() {
    // vgbm %v1,0x8001: bytes 0 and 15
    let d = Case::new().run(&vri_a(0x44, 1, 0x8001, 0));
    assert_eq!(d.vr(1), 0xff00_0000_0000_0000_0000_0000_0000_00ff);
    // vgmb %v1,1,2: bits 1..2 of each byte = 0x60
    let d = Case::new().run(&vri_b(0x46, 1, 1, 2, 0));
    assert_eq!(d.vr(1), bytes([0x60; 16]));
    // vgmh %v1,14,1: wraps: bits 14,15,0,1 = 0xc003
    let d = Case::new().run(&vri_b(0x46, 1, 14, 1, 1));
    assert_eq!(d.vr(1), h8([0xc003; 8]));
    // vgmf %v1,32+8,8: bits beyond the element size ignored -> bit 8 only
    let d = Case::new().run(&vri_b(0x46, 1, 40, 8, 2));
    assert_eq!(d.vr(1), w4([0x0080_0000; 4]));
    // vgmg %v1,0,63: all ones
    let d = Case::new().run(&vri_b(0x46, 1, 0, 63, 3));
    assert_eq!(d.vr(1), u128::MAX);
    // vrepib %v1,-3 / vrepif %v1,0x1234
    let d = Case::new().run(&vri_a(0x45, 1, 0xfffd, 0));
    assert_eq!(d.vr(1), bytes([0xfd; 16]));
    let d = Case::new().run(&vri_a(0x45, 1, 0x1234, 2));
    assert_eq!(d.vr(1), w4([0x1234; 4]));
    // vrepi with M3 = 4: specification
    let d = Case::new().run(&vri_a(0x45, 1, 1, 4));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // vreph %v1,%v17,5 and vrepg with index 2 (specification)
    let d = Case::new().vr(17, SEQ).run(&vri_c(0x4d, 1, 17, 5, 1));
    assert_eq!(d.vr(1), h8([0x0a0b; 8]));
    let d = Case::new().vr(17, SEQ).run(&vri_c(0x4d, 1, 17, 2, 3));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn vllez_and_gather_scatter() {
    // vllezf %v1,0(%r2): word into element 1 (rightmost of doubleword 0), rest zero
    let d = Case::new().gpr(2, DATA).vr(1, u128::MAX).mem(DATA, &[1, 2, 3, 4]).run(&vrx(0x04, 1, 0, 0, 2, 2));
    assert_eq!(d.vr(1), w4([0, 0x0102_0304, 0, 0]));
    // vllezb: byte 7
    let d = Case::new().gpr(2, DATA).mem(DATA, &[0x99]).run(&vrx(0x04, 1, 0, 0, 2, 0));
    assert_eq!(d.vr(1), 0x99u128 << 64);
    // vllezg: doubleword 0
    let d = Case::new().gpr(2, DATA).mem(DATA, &[1, 2, 3, 4, 5, 6, 7, 8]).run(&vrx(0x04, 1, 0, 0, 2, 3));
    assert_eq!(d.vr(1), d2(0x0102_0304_0506_0708, 0));
    // vgef %v1,4(%v2,%r3),2: word 2 of V1 from r3 + 4 + word 2 of V2
    let d = Case::new()
        .gpr(3, DATA)
        .vr(1, 0)
        .vr(2, w4([0, 0, 0x20, 0]))
        .mem(DATA + 0x24, &[0xde, 0xad, 0xbe, 0xef])
        .run(&vrv(0x13, 1, 4, 2, 3, 2));
    assert_eq!(d.vr(1), w4([0, 0, 0xdead_beef, 0]));
    // vgeg %v1,0(%v2,%r3),1
    let d = Case::new().gpr(3, DATA).vr(2, d2(0, 8)).mem(DATA + 8, &[1, 2, 3, 4, 5, 6, 7, 8]).run(&vrv(0x12, 1, 0, 2, 3, 1));
    assert_eq!(d.vr(1), d2(0, 0x0102_0304_0506_0708));
    // vscef %v1,0(%v2,%r3),3 and vsceg ...,0
    let d = Case::new().gpr(3, DATA).vr(1, SEQ).vr(2, w4([0, 0, 0, 0x10])).run(&vrv(0x1b, 1, 0, 2, 3, 3));
    assert_eq!(d.bytes(DATA + 0x10, 4), vec![0x0c, 0x0d, 0x0e, 0x0f]);
    let d = Case::new().gpr(3, DATA).vr(1, SEQ).vr(2, d2(0x8, 0)).run(&vrv(0x1a, 1, 0, 2, 3, 0));
    assert_eq!(d.bytes(DATA + 8, 8), vec![0, 1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn permutes() {
    // vsel %v1,%v2,%v3,%v4: bits of V2 where V4 is one
    let d = Case::new().vr(2, u128::MAX).vr(3, 0).vr(4, SEQ).run(&vrr_e(0x8d, 1, 2, 3, 4, 0, 0));
    assert_eq!(d.vr(1), SEQ);
    // vperm %v1,%v2,%v3,%v4: indexes 0x1f, 0x00, 0x10, 0x2f (= 0x0f, bits 3:7 only) ...
    let idx = bytes([0x1f, 0x00, 0x10, 0x2f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x11, 0x12]);
    let d = Case::new().vr(2, SEQ).vr(3, HI).vr(4, idx).run(&vrr_e(0x8c, 1, 2, 3, 4, 0, 0));
    assert_eq!(d.vr(1), bytes([0x1f, 0, 0x10, 0x0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x11, 0x12]));
    // vpdi %v1,%v2,%v3,5: doubleword 1 of V2, doubleword 1 of V3
    let d = Case::new().vr(2, SEQ).vr(3, HI).run(&vrr_c(0x84, 1, 2, 3, 5, 0, 0));
    assert_eq!(d.vr(1), d2(0x0809_0a0b_0c0d_0e0f, 0x1819_1a1b_1c1d_1e1f));
    let d = Case::new().vr(2, SEQ).vr(3, HI).run(&vrr_c(0x84, 1, 2, 3, 0, 0, 0));
    assert_eq!(d.vr(1), d2(0x0001_0203_0405_0607, 0x1011_1213_1415_1617));
    // vmrhb / vmrlh / vmrhg
    let d = Case::new().vr(2, SEQ).vr(3, HI).run(&vrr_c(0x61, 1, 2, 3, 0, 0, 0));
    assert_eq!(d.vr(1), bytes([0, 0x10, 1, 0x11, 2, 0x12, 3, 0x13, 4, 0x14, 5, 0x15, 6, 0x16, 7, 0x17]));
    let d = Case::new().vr(2, SEQ).vr(3, HI).run(&vrr_c(0x60, 1, 2, 3, 1, 0, 0));
    assert_eq!(d.vr(1), h8([0x0809, 0x1819, 0x0a0b, 0x1a1b, 0x0c0d, 0x1c1d, 0x0e0f, 0x1e1f]));
    let d = Case::new().vr(2, SEQ).vr(3, HI).run(&vrr_c(0x61, 1, 2, 3, 3, 0, 0));
    assert_eq!(d.vr(1), d2(0x0001_0203_0405_0607, 0x1011_1213_1415_1617));
}

#[test]
fn pack_and_unpack() {
    // vpkh %v1,%v2,%v3: low bytes of the halfwords of V2 then V3
    let d = Case::new().vr(2, SEQ).vr(3, HI).run(&vrr_c(0x94, 1, 2, 3, 1, 0, 0));
    assert_eq!(d.vr(1), bytes([1, 3, 5, 7, 9, 11, 13, 15, 0x11, 0x13, 0x15, 0x17, 0x19, 0x1b, 0x1d, 0x1f]));
    // vpksfs %v1,%v2,%v3: words to halfwords, signed saturation, CC 1 (some saturated)
    let a = w4([0x0001_0000, 0xffff_0000, 0x7fff, 0xffff_8000]);
    let b = w4([5, 0xffff_fffb, 0, 0x8000]);
    let d = Case::new().vr(2, a).vr(3, b).run(&vrr_b(0x97, 1, 2, 3, 2, 1));
    assert_eq!(d.vr(1), h8([0x7fff, 0x8000, 0x7fff, 0x8000, 5, 0xfffb, 0, 0x7fff]));
    assert_eq!(d.cc(), 1);
    // all in range: CC 0; all saturated: CC 3; CS off: CC unchanged
    let d = Case::new().vr(2, 0).vr(3, 0).cc(2).run(&vrr_b(0x97, 1, 2, 3, 2, 1));
    assert_eq!(d.cc(), 0);
    let d = Case::new().vr(2, u128::MAX >> 1).vr(3, u128::MAX >> 1).run(&vrr_b(0x97, 1, 2, 3, 3, 1));
    // doubleword 0 (2^63 - 1) saturates to 0x7fffffff, doubleword 1 (-1) fits
    assert_eq!((d.vr(1), d.cc()), (w4([0x7fff_ffff, 0xffff_ffff, 0x7fff_ffff, 0xffff_ffff]), 1));
    let big = d2(0x7000_0000_0000_0000, 0x8000_0000_0000_0000);
    let d = Case::new().vr(2, big).vr(3, big).run(&vrr_b(0x97, 1, 2, 3, 3, 1));
    assert_eq!((d.vr(1), d.cc()), (w4([0x7fff_ffff, 0x8000_0000, 0x7fff_ffff, 0x8000_0000]), 3));
    let d = Case::new().vr(2, big).vr(3, big).cc(2).run(&vrr_b(0x97, 1, 2, 3, 3, 0));
    assert_eq!(d.cc(), 2);
    // vpklshs %v1,%v2,%v3: unsigned halfwords to bytes
    let a = h8([0x00ff, 0x0100, 0xffff, 0, 1, 2, 3, 4]);
    let d = Case::new().vr(2, a).vr(3, 0).run(&vrr_b(0x95, 1, 2, 3, 1, 1));
    assert_eq!(d.vr(1), bytes([0xff, 0xff, 0xff, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(d.cc(), 1);
    // vpk with M4 = 0: specification
    let d = Case::new().run(&vrr_c(0x94, 1, 2, 3, 0, 0, 0));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    let v = bytes([0x80, 1, 0xff, 2, 3, 4, 5, 6, 0x7f, 0x81, 9, 10, 11, 12, 13, 14]);
    // vuphb: bytes 0..7 sign-extended to halfwords
    let d = Case::new().vr(2, v).run(&vrr_a(0xd7, 1, 2, 0, 0, 0));
    assert_eq!(d.vr(1), h8([0xff80, 1, 0xffff, 2, 3, 4, 5, 6]));
    // vuplb: bytes 8..15 sign-extended
    let d = Case::new().vr(2, v).run(&vrr_a(0xd6, 1, 2, 0, 0, 0));
    assert_eq!(d.vr(1), h8([0x7f, 0xff81, 9, 10, 11, 12, 13, 14]));
    // vuplhb: zero-extended high; vupllh: halfwords 4..7 zero-extended to words
    let d = Case::new().vr(2, v).run(&vrr_a(0xd5, 1, 2, 0, 0, 0));
    assert_eq!(d.vr(1), h8([0x80, 1, 0xff, 2, 3, 4, 5, 6]));
    let d = Case::new().vr(2, v).run(&vrr_a(0xd4, 1, 2, 1, 0, 0));
    assert_eq!(d.vr(1), w4([0x7f81, 0x090a, 0x0b0c, 0x0d0e]));
    // vuphf: words 0, 1 sign-extended to doublewords
    let d = Case::new().vr(2, w4([0x8000_0000, 5, 0, 0])).run(&vrr_a(0xd7, 1, 2, 2, 0, 0));
    assert_eq!(d.vr(1), d2(0xffff_ffff_8000_0000, 5));
    // vsegb: byte 7 and byte 15 sign-extended to doublewords
    let d = Case::new().vr(2, v).run(&vrr_a(0x5f, 1, 2, 0, 0, 0));
    assert_eq!(d.vr(1), d2(6, 14));
    let d = Case::new().vr(2, w4([0, 0xffff_fffe, 0, 0x7fff_ffff])).run(&vrr_a(0x5f, 1, 2, 2, 0, 0));
    assert_eq!(d.vr(1), d2(u64::MAX - 1, 0x7fff_ffff));
}

/// Element `i` of size `es` of `v` (element 0 leftmost), as the PoP numbers them.
fn element(v: u128, es: u32, i: u32) -> u128 {
    let b = 8 << es;
    (v >> (128 - b * (i + 1))) & ((1u128 << b) - 1)
}

#[test]
fn vlgv_vlvg_vrep_every_element_size_and_index() {
    // The inline forms (constant index: B2 = 0) against the element definition.
    let v = SEQ ^ (HI << 3);
    for es in 0..4u32 {
        let b = 8u32 << es;
        for i in 0..(16 >> es) as u32 {
            // vlgv %r4,%v16,i,es
            let d = Case::new().gpr(4, u64::MAX).vr(16, v).run(&vrs_c(0x21, 4, 16, i, 0, es));
            assert_eq!(d.gpr(4) as u128, element(v, es, i), "vlgv es {es} i {i}");
            // vlvg %v1,%r3,i,es: only element i changes, to the low b bits of r3
            let r3 = 0xfedc_ba98_7654_3210u64;
            let d = Case::new().gpr(3, r3).vr(1, v).run(&vrs_b(0x22, 1, 3, i, 0, es));
            for j in 0..(16 >> es) as u32 {
                let want = if j == i { r3 as u128 & ((1u128 << b) - 1) } else { element(v, es, j) };
                assert_eq!(element(d.vr(1), es, j), want, "vlvg es {es} i {i} element {j}");
            }
            // vrep %v1,%v17,i,es
            let d = Case::new().vr(17, v).run(&vri_c(0x4d, 1, 17, i, es));
            for j in 0..(16 >> es) as u32 {
                assert_eq!(element(d.vr(1), es, j), element(v, es, i), "vrep es {es} i {i}");
            }
        }
    }
    // A computed index (B2 != 0): vlgv %r4,%v16,d(%r5) with r5 + d = i + 16 * k.
    for es in 0..4u32 {
        for i in 0..(16 >> es) as u32 {
            let d = Case::new().gpr(4, u64::MAX).gpr(5, 0x1000 + 16 * 3 + i as u64 - 1).vr(16, v).run(&vrs_c(0x21, 4, 16, 1, 5, es));
            assert_eq!(d.gpr(4) as u128, element(v, es, i), "vlgv(%r5) es {es} i {i}");
        }
    }
    // The index wraps to the element count: vlgvb %r4,%v16,17 is element 1.
    let d = Case::new().vr(16, SEQ).run(&vrs_c(0x21, 4, 16, 17, 0, 0));
    assert_eq!(d.gpr(4), 1);
    // vrep with an index past the last element: specification exception.
    assert_eq!(Case::new().run(&vri_c(0x4d, 1, 17, 4, 2)).end, End::Exc(exc::SPECIFICATION, PC));
    // In one block: vl, vlvgb, vlgvb of the same register, vst (the element slots and the
    // whole-register slot are the same storage).
    let mut code = Vec::new();
    code.extend_from_slice(&vrx(0x06, 1, 0, 0, 2, 0));
    code.extend_from_slice(&vrs_b(0x22, 1, 3, 5, 0, 0));
    code.extend_from_slice(&vrs_c(0x21, 4, 1, 5, 0, 0));
    code.extend_from_slice(&vrs_c(0x21, 5, 1, 6, 0, 0));
    code.extend_from_slice(&vrx(0x0e, 1, 0x10, 0, 2, 0));
    let d = Case::new().gpr(2, DATA).gpr(3, 0xaa).mem(DATA, &SEQ.to_be_bytes()).run(&code);
    let mut want = SEQ.to_be_bytes();
    want[5] = 0xaa;
    assert_eq!((d.gpr(4), d.gpr(5)), (0xaa, 6));
    assert_eq!(d.bytes(DATA + 0x10, 16), want.to_vec());
}

#[test]
fn vlbb_at_every_distance_from_the_boundary() {
    // vlbb %v1,0(%r2),0 (64-byte blocks), k bytes before a block boundary: min(k, 16) bytes
    // from storage from the left, the rest zero; lcbb agrees on the count.
    let bytes: Vec<u8> = (0x80..0xc0).collect();
    for k in 1..=24u64 {
        let a = DATA + 0x80 - k;
        let d = Case::new().gpr(2, a).vr(1, u128::MAX).mem(DATA + 0x40, &bytes).run(&vrx(0x07, 1, 0, 0, 2, 0));
        let n = k.min(16) as usize;
        let mut want = [0u8; 16];
        for (j, w) in want.iter_mut().enumerate().take(n) {
            *w = bytes[(a - (DATA + 0x40)) as usize + j];
        }
        assert_eq!(d.vr(1), u128::from_be_bytes(want), "k {k}");
        let d = Case::new().gpr(2, a).run(&[0xe7, 0x10, 0x20, 0x00, 0x00, 0x27]);
        assert_eq!((d.gpr(1), d.cc()), (n as u64, if n == 16 { 0 } else { 3 }), "lcbb k {k}");
    }
    // The last 3 bytes before an inaccessible page: no fault (the harness's memory there
    // is zero).
    let d = Case::new().gpr(2, FAULT - 3).vr(1, u128::MAX).run(&vrx(0x07, 1, 0, 0, 2, 6));
    d.next();
    assert_eq!(d.vr(1), 0);
    // At an inaccessible address: the access exception, V1 unchanged.
    let d = Case::new().gpr(2, FAULT + 8).vr(1, 5).run(&vrx(0x07, 1, 0, 0, 2, 6));
    assert!(matches!(d.end, End::Fault(_)), "{:?}", d.end);
    assert_eq!(d.vr(1), 5);
}

/// FPR n is the leftmost doubleword of VR n. The compiled tier keeps FPRs in host registers
/// and VRs in memory: a vector instruction must see an FPR written just before it, and an
/// FPR read must see a vector instruction's write, whole or in part — in a straight block
/// and in a loop (whose registers are carried across the back edge).
#[test]
fn fpr_writes_and_vector_accesses_of_the_same_register_see_each_other() {
    // PC:    ldgr %f2,%r1          f2 <- r1
    // PC+4:  vlr %v3,%v2           v3 <- v2, its doubleword 0 being f2
    // PC+10: ldgr %f2,%r6          f2 <- r6
    // PC+14: vlvgf %v2,%r4,1       word 1 of v2 (bits 32:63 of f2) <- low word of r4
    // PC+20: lgdr %r5,%f2          r5 <- f2: r6's left word, r4's right word
    // PC+24: ldgr %f2,%r6
    // PC+28: ler %f2,%f4           bits 0:31 of f2 <- bits 0:31 of f4 (32:63 kept)
    // PC+30: lgdr %r11,%f2         r11 <- f4's left word, r6's right word
    // PC+34: vlvgp %v2,%r7,%r8     all of v2 <- r7:r8
    // PC+40: lgdr %r9,%f2          r9 <- f2 = r7
    // PC+44: brct %r10,PC          (r10 = 1: falls through; 2: goes round once more)
    let mut seq = vec![0xb3, 0xc1, 0x00, 0x21];
    seq.extend(vrr_a(0x56, 3, 2, 0, 0, 0));
    seq.extend([0xb3, 0xc1, 0x00, 0x26]);
    seq.extend(vrs_b(0x22, 2, 4, 1, 0, 2));
    seq.extend([0xb3, 0xcd, 0x00, 0x52, 0xb3, 0xc1, 0x00, 0x26, 0x38, 0x24, 0xb3, 0xcd, 0x00, 0xb2]);
    seq.extend(vrr_f(0x62, 2, 7, 8));
    seq.extend([0xb3, 0xcd, 0x00, 0x92, 0xa7, 0xa6, 0xff, 0xea]);
    for rounds in [1, 2] {
        let d = Case::new()
            .gpr(1, 0x1111_2222_3333_4444)
            .gpr(4, 0xdead_beef_5555_6666)
            .gpr(6, 0x7777_8888_9999_aaaa)
            .gpr(7, 0xbbbb_cccc_dddd_eeee)
            .gpr(8, 0x0123_4567_89ab_cdef)
            .gpr(10, rounds)
            .fpr(4, 0x4040_4040_0000_0001)
            .vr(2, d2(0xf0f0_f0f0_f0f0_f0f0, 0x0f0f_0f0f_0f0f_0f0f))
            .code(PC + 4, &seq[4..])
            .run(&seq[..4]);
        assert_eq!(d.end, End::At(PC + 48), "rounds {rounds}");
        // The second round's v2 is r7:r8 from the first until ldgr replaces its left half.
        let right = if rounds == 1 { 0x0f0f_0f0f_0f0f_0f0f } else { 0x0123_4567_89ab_cdef };
        assert_eq!(d.vr(3), d2(0x1111_2222_3333_4444, right), "rounds {rounds}");
        assert_eq!(d.gpr(5), 0x7777_8888_5555_6666, "rounds {rounds}");
        assert_eq!(d.gpr(11), 0x4040_4040_9999_aaaa, "rounds {rounds}");
        assert_eq!(d.gpr(9), 0xbbbb_cccc_dddd_eeee, "rounds {rounds}");
        assert_eq!(d.vr(2), d2(0xbbbb_cccc_dddd_eeee, 0x0123_4567_89ab_cdef), "rounds {rounds}");
        assert_eq!(d.cpu.fpr(2), 0xbbbb_cccc_dddd_eeee, "rounds {rounds}");
    }
}
