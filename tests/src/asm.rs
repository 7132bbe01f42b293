//! Encoder for the handful of fixed instructions the harness itself needs (prologue,
//! epilogue, system calls, and the hand-written guests of the Linux-behaviour tests).
//!
//! Field positions use the book's numbering (Power ISA 3.0B §1.6): bit 0 is the most
//! significant bit of the word. Everything else the harness emits comes from the decode
//! table's rows, so this stays a tiny assembler, not a second decode table.

/// Places `v` into book bits `from..=to`.
pub const fn fld(v: u32, from: u32, to: u32) -> u32 {
    let width = to - from + 1;
    let m = if width == 32 {
        u32::MAX
    } else {
        (1 << width) - 1
    };
    (v & m) << (31 - to)
}

const fn d_form(op: u32, rt: u32, ra: u32, imm: u32) -> u32 {
    fld(op, 0, 5) | fld(rt, 6, 10) | fld(ra, 11, 15) | fld(imm, 16, 31)
}
const fn ds_form(op: u32, rt: u32, ra: u32, ds: i32, xo: u32) -> u32 {
    assert!(ds % 4 == 0);
    fld(op, 0, 5)
        | fld(rt, 6, 10)
        | fld(ra, 11, 15)
        | fld((ds >> 2) as u32, 16, 29)
        | fld(xo, 30, 31)
}
const fn x_form(op: u32, rt: u32, ra: u32, rb: u32, xo: u32, rc: u32) -> u32 {
    fld(op, 0, 5)
        | fld(rt, 6, 10)
        | fld(ra, 11, 15)
        | fld(rb, 16, 20)
        | fld(xo, 21, 30)
        | fld(rc, 31, 31)
}

/// `addi rt, ra, si` (`li rt, si` when ra = 0).
pub const fn addi(rt: u32, ra: u32, si: i32) -> u32 {
    assert!(si >= -0x8000 && si < 0x8000);
    d_form(14, rt, ra, si as u32)
}
pub const fn li(rt: u32, si: i32) -> u32 {
    addi(rt, 0, si)
}
/// `addis rt, ra, si` (`lis rt, si` when ra = 0).
pub const fn addis(rt: u32, ra: u32, si: u32) -> u32 {
    d_form(15, rt, ra, si)
}
pub const fn lis(rt: u32, si: u32) -> u32 {
    addis(rt, 0, si)
}
/// `ori ra, rs, ui` (note: the target is RA).
pub const fn ori(ra: u32, rs: u32, ui: u32) -> u32 {
    d_form(24, rs, ra, ui)
}
pub const fn oris(ra: u32, rs: u32, ui: u32) -> u32 {
    d_form(25, rs, ra, ui)
}
pub const NOP: u32 = ori(0, 0, 0);
/// `rldicr ra, rs, sh, me`.
pub const fn rldicr(ra: u32, rs: u32, sh: u32, me: u32) -> u32 {
    let me6 = ((me & 0x1f) << 1) | (me >> 5);
    fld(30, 0, 5)
        | fld(rs, 6, 10)
        | fld(ra, 11, 15)
        | fld(sh & 0x1f, 16, 20)
        | fld(me6, 21, 26)
        | fld(1, 27, 29)
        | fld(sh >> 5, 30, 30)
}
pub const fn ld(rt: u32, ds: i32, ra: u32) -> u32 {
    ds_form(58, rt, ra, ds, 0)
}
pub const fn std(rs: u32, ds: i32, ra: u32) -> u32 {
    ds_form(62, rs, ra, ds, 0)
}
pub const fn lwz(rt: u32, d: i32, ra: u32) -> u32 {
    d_form(32, rt, ra, d as u32)
}
pub const fn stw(rs: u32, d: i32, ra: u32) -> u32 {
    d_form(36, rs, ra, d as u32)
}
/// `cmpwi cr0, ra, si`.
pub const fn cmpwi(ra: u32, si: i32) -> u32 {
    d_form(11, 0, ra, si as u32)
}
/// `or ra, rs, rb` (`mr ra, rs` when rb = rs).
pub const fn or(ra: u32, rs: u32, rb: u32) -> u32 {
    x_form(31, rs, ra, rb, 444, 0)
}
/// `add rt, ra, rb`.
pub const fn add(rt: u32, ra: u32, rb: u32) -> u32 {
    x_form(31, rt, ra, rb, 266, 0)
}
/// `bctr`.
pub const BCTR: u32 = 0x4e80_0420;
/// `blr`.
pub const BLR: u32 = 0x4e80_0020;
/// `mtcrf fxm, rs`.
pub const fn mtcrf(fxm: u32, rs: u32) -> u32 {
    fld(31, 0, 5) | fld(rs, 6, 10) | fld(fxm, 12, 19) | fld(144, 21, 30)
}
pub const fn mfcr(rt: u32) -> u32 {
    x_form(31, rt, 0, 0, 19, 0)
}
/// The SPR number in `mfspr`/`mtspr` is written with its two 5-bit halves swapped.
const fn spr_field(spr: u32) -> u32 {
    fld(spr & 0x1f, 11, 15) | fld(spr >> 5, 16, 20)
}
pub const fn mtspr(spr: u32, rs: u32) -> u32 {
    fld(31, 0, 5) | fld(rs, 6, 10) | spr_field(spr) | fld(467, 21, 30)
}
pub const fn mfspr(rt: u32, spr: u32) -> u32 {
    fld(31, 0, 5) | fld(rt, 6, 10) | spr_field(spr) | fld(339, 21, 30)
}
pub const SPR_XER: u32 = 1;
pub const SPR_LR: u32 = 8;
pub const SPR_CTR: u32 = 9;
pub const SPR_VRSAVE: u32 = 256;
pub const SPR_TAR: u32 = 815;
pub const fn mtxer(rs: u32) -> u32 {
    mtspr(SPR_XER, rs)
}
pub const fn mtlr(rs: u32) -> u32 {
    mtspr(SPR_LR, rs)
}
pub const fn mtctr(rs: u32) -> u32 {
    mtspr(SPR_CTR, rs)
}
pub const fn mfxer(rt: u32) -> u32 {
    mfspr(rt, SPR_XER)
}
pub const fn mflr(rt: u32) -> u32 {
    mfspr(rt, SPR_LR)
}
pub const fn mfctr(rt: u32) -> u32 {
    mfspr(rt, SPR_CTR)
}
/// `sc` (LEV = 0).
pub const SC: u32 = 0x4400_0002;
/// `b` to a byte offset relative to this instruction.
pub const fn b(offset: i32) -> u32 {
    assert!(offset % 4 == 0 && offset >= -(1 << 25) && offset < (1 << 25));
    fld(18, 0, 5) | fld((offset >> 2) as u32, 6, 29)
}
/// `bc bo, bi, offset` (relative, no link).
pub const fn bc(bo: u32, bi: u32, offset: i32) -> u32 {
    assert!(offset % 4 == 0);
    fld(16, 0, 5) | fld(bo, 6, 10) | fld(bi, 11, 15) | fld((offset >> 2) as u32, 16, 29)
}
/// `bdnz offset`.
pub const fn bdnz(offset: i32) -> u32 {
    bc(16, 0, offset)
}
/// `bne cr0, offset`.
pub const fn bne(offset: i32) -> u32 {
    bc(4, 2, offset)
}
pub const fn dcbst(ra: u32, rb: u32) -> u32 {
    x_form(31, 0, ra, rb, 54, 0)
}
pub const fn icbi(ra: u32, rb: u32) -> u32 {
    x_form(31, 0, ra, rb, 982, 0)
}
/// `sync` (heavyweight, L = 0).
pub const SYNC: u32 = 0x7c00_04ac;
pub const ISYNC: u32 = 0x4c00_012c;
/// `lxvd2x xt, ra, rb` and `stxvd2x xs, ra, rb` (xt in 0..64).
pub const fn lxvd2x(xt: u32, ra: u32, rb: u32) -> u32 {
    x_form(31, xt & 31, ra, rb, 844, xt >> 5)
}
pub const fn stxvd2x(xs: u32, ra: u32, rb: u32) -> u32 {
    x_form(31, xs & 31, ra, rb, 972, xs >> 5)
}
/// `lfd frt, d(ra)`.
pub const fn lfd(frt: u32, d: i32, ra: u32) -> u32 {
    d_form(50, frt, ra, d as u32 & 0xffff)
}
/// `mtfsf 0xff, frb, 1, 0`: the whole FPSCR from FPR `frb` (L = 1; FEX and VX are
/// recomputed, Power ISA 3.0B §4.6.10).
pub const fn mtfsf_all(frb: u32) -> u32 {
    fld(63, 0, 5) | fld(1, 6, 6) | fld(0xff, 7, 14) | fld(frb, 16, 20) | fld(711, 21, 30)
}
/// `stfd frs, d(ra)`.
pub const fn stfd(frs: u32, d: i32, ra: u32) -> u32 {
    d_form(54, frs, ra, d as u32 & 0xffff)
}
/// `mffs frt`: FPR `frt` ← the FPSCR (reserved bits 0).
pub const fn mffs(frt: u32) -> u32 {
    fld(63, 0, 5) | fld(frt, 6, 10) | fld(583, 21, 30)
}
/// Words that load a 64-bit constant into `rt` (lis/ori/rldicr/oris/ori, shortened when
/// the value fits in fewer).
pub fn load_imm64(rt: u32, v: u64) -> Vec<u32> {
    let (h3, h2, h1, h0) = (
        (v >> 48) as u32 & 0xffff,
        (v >> 32) as u32 & 0xffff,
        (v >> 16) as u32 & 0xffff,
        v as u32 & 0xffff,
    );
    if v as i64 >= -0x8000 && (v as i64) < 0x8000 {
        return vec![li(rt, v as i64 as i32)];
    }
    if v as i64 >= i32::MIN as i64 && v as i64 <= i32::MAX as i64 {
        return vec![lis(rt, h1), ori(rt, rt, h0)];
    }
    vec![
        lis(rt, h3),
        ori(rt, rt, h2),
        rldicr(rt, rt, 32, 31),
        oris(rt, rt, h1),
        ori(rt, rt, h0),
    ]
}

/// Linux ppc64 system call numbers the harness uses.
pub const SYS_WRITE: i32 = 4;
pub const SYS_EXIT_GROUP: i32 = 234;

#[cfg(test)]
mod tests {
    use super::*;
    // Reference encodings from GNU as (powerpc64le-linux-gnu-as 2.40).
    #[test]
    fn known_encodings() {
        assert_eq!(li(3, 1), 0x3860_0001); // li r3,1
        assert_eq!(lis(9, 0x1000), 0x3d20_1000); // lis r9,0x1000
        assert_eq!(ori(9, 9, 0x1234), 0x6129_1234); // ori r9,r9,0x1234
        assert_eq!(oris(9, 9, 0x1234), 0x6529_1234); // oris r9,r9,0x1234
        assert_eq!(rldicr(9, 9, 32, 31), 0x7929_07c6); // rldicr r9,r9,32,31 (sldi 32)
        assert_eq!(ld(4, 8, 31), 0xe89f_0008); // ld r4,8(r31)
        assert_eq!(std(4, 16, 31), 0xf89f_0010); // std r4,16(r31)
        assert_eq!(mtcrf(0xff, 0), 0x7c0f_f120); // mtcr r0
        assert_eq!(mfcr(0), 0x7c00_0026); // mfcr r0
        assert_eq!(mtxer(0), 0x7c01_03a6); // mtxer r0
        assert_eq!(mtlr(0), 0x7c08_03a6); // mtlr r0
        assert_eq!(mtctr(0), 0x7c09_03a6); // mtctr r0
        assert_eq!(mfxer(0), 0x7c01_02a6); // mfxer r0
        assert_eq!(mflr(0), 0x7c08_02a6); // mflr r0
        assert_eq!(mfctr(0), 0x7c09_02a6); // mfctr r0
        assert_eq!(mtspr(SPR_TAR, 0), 0x7c0f_cba6); // mtspr 815,r0
        assert_eq!(b(8), 0x4800_0008);
        assert_eq!(bdnz(-8), 0x4200_fff8);
        assert_eq!(dcbst(0, 9), 0x7c00_486c);
        assert_eq!(icbi(0, 9), 0x7c00_4fac);
        assert_eq!(lxvd2x(33, 9, 0), 0x7c29_0699); // lxvd2x vs33,r9,r0
        assert_eq!(stxvd2x(1, 9, 0), 0x7c29_0798); // stxvd2x vs1,r9,r0
        assert_eq!(cmpwi(3, 5), 0x2c03_0005);
        assert_eq!(stw(4, 0, 9), 0x9089_0000);
        assert_eq!(or(24, 23, 20), 0x7ef8_a378); // or r24,r23,r20
        assert_eq!(add(21, 21, 3), 0x7eb5_1a14); // add r21,r21,r3
        assert_eq!(bne(-8), 0x4082_fff8);
    }
}
