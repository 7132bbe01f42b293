//! TRANSLATE AND TEST (REVERSE) EXTENDED and COMPARE UNTIL SUBSTRING EQUAL (PoP ch. 7):
//! raw bytes with their assembly, expected registers and condition codes worked out by hand
//! from the book; partial completion (CC 3) is continued with `again`.

mod s390_harness;

use cpu_s390x::exc;
use s390_harness::{Case, Done, End, DATA, DATA_END, PC};

/// Runs `insn` again from the registers, CC and data storage `d` ended with.
fn again(d: &Done, insn: &[u8]) -> Done {
    let mem = d.bytes(DATA, (DATA_END - DATA) as usize);
    let regs = d.cpu.gpr;
    let (cc, amode) = (d.cc(), d.cpu.amode);
    Case::new()
        .mem(DATA, &mem)
        .with(|cpu| {
            cpu.gpr = regs;
            cpu.cc = cc;
            cpu.amode = amode;
        })
        .run(insn)
}

/// A 256-entry one-byte function-code table: ',' (0x2c) -> 7, '.' (0x2e) -> 9, others 0.
fn table() -> Vec<u8> {
    let mut t = vec![0u8; 256];
    t[0x2c] = 7;
    t[0x2e] = 9;
    t
}

const TRTE: [u8; 4] = [0xb9, 0xbf, 0x00, 0x24]; // trte %r2,%r4
const TRTRE: [u8; 4] = [0xb9, 0xbd, 0x00, 0x24]; // trtre %r2,%r4
const TBL: u64 = DATA + 0x800;

#[test]
fn trte_finds_the_first_nonzero_function_code() {
    let c = |s: &[u8]| Case::new().gpr(1, TBL).gpr(2, DATA).gpr(3, s.len() as u64).gpr(4, u64::MAX).mem(DATA, s).mem(TBL, &table());
    // "ab,c": ',' selects 7: R2 at it, R3 = 2 bytes left from there, R4 = 7, CC 1
    let d = c(b"ab,c").run(&TRTE);
    d.next();
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4)), (1, DATA + 2, 2, 7));
    // "abc": all codes zero: R2 past the operand, R3 = 0, R4 unchanged, CC 0
    let d = c(b"abc").run(&TRTE);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4)), (0, DATA + 3, 0, u64::MAX));
    // 31-bit mode: R4 bits 0:31 kept, bits 32:63 the code
    let d = c(b".").gpr(4, 0xaaaa_aaaa_ffff_ffff).with(|c| c.amode = 31).run(&TRTE);
    assert_eq!((d.cc(), d.gpr(4)), (1, 0xaaaa_aaaa_0000_0009));
    // trtre %r2,%r4: from the rightmost character (R2 = its address) leftwards: "a,bc" finds
    // ',' after 'c' and 'b': R2 at ',', R3 = 2 (the bytes up to and including it)
    let d = Case::new().gpr(1, TBL).gpr(2, DATA + 3).gpr(3, 4).mem(DATA, b"a,bc").mem(TBL, &table()).run(&TRTRE);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4)), (1, DATA + 1, 2, 7));
    // trtre with no code: R2 one before the operand, CC 0
    let d = Case::new().gpr(1, TBL).gpr(2, DATA + 2).gpr(3, 3).mem(DATA, b"abc").mem(TBL, &table()).run(&TRTRE);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3)), (0, DATA - 1, 0));
}

#[test]
fn trte_character_and_code_sizes() {
    // trte %r2,%r4,12 (A = F = 1): b9 bf c0 24 — characters 0001, 0002; two-byte codes,
    // entry 2 (offset 4) = 1234
    let mut t = vec![0u8; 16];
    t[4] = 0x12;
    t[5] = 0x34;
    let d = Case::new().gpr(1, TBL).gpr(2, DATA).gpr(3, 4).mem(DATA, &[0, 1, 0, 2]).mem(TBL, &t).run(&[0xb9, 0xbf, 0xc0, 0x24]);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4)), (1, DATA + 2, 2, 0x1234));
    // trte %r2,%r4,10 (A = L = 1): b9 bf a0 24 — character 0141 is above 255: no table
    // entry is used, its code is zero; then 002c selects 7
    let d = Case::new().gpr(1, TBL).gpr(2, DATA).gpr(3, 4).mem(DATA, &[0x01, 0x41, 0x00, 0x2c]).mem(TBL, &table()).run(&[0xb9, 0xbf, 0xa0, 0x24]);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4)), (1, DATA + 2, 2, 7));
    // A = 1 with an odd length: specification exception, nothing changed
    let d = Case::new().gpr(1, TBL).gpr(2, DATA).gpr(3, 3).run(&[0xb9, 0xbf, 0x80, 0x24]);
    assert_eq!((d.end, d.gpr(2), d.gpr(3)), (End::Exc(exc::SPECIFICATION, PC), DATA, 3));
    // trte %r3,%r4 (R1 odd): specification exception
    let d = Case::new().run(&[0xb9, 0xbf, 0x00, 0x34]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn trte_stops_at_a_page_boundary_with_cc3() {
    // 4 bytes from 2 before a page boundary, no code: CC 3 at the boundary, then CC 0
    let a = DATA + 0xffe;
    let d = Case::new().gpr(1, TBL).gpr(2, a).gpr(3, 4).mem(a, b"abcd").mem(TBL, &table()).run(&TRTE);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3)), (3, DATA + 0x1000, 2));
    let d = again(&d, &TRTE);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3)), (0, DATA + 0x1002, 0));
}

const CUSE: [u8; 4] = [0xb2, 0x57, 0x00, 0x24]; // cuse %r2,%r4
const A1: u64 = DATA;
const A2: u64 = DATA + 0x100;

fn cuse(ss: u64, pad: u8, s1: &[u8], s2: &[u8]) -> Done {
    Case::new()
        .gpr(0, 0xff00 | ss)
        .gpr(1, 0xff00 | pad as u64)
        .gpr(2, A1)
        .gpr(3, s1.len() as u64)
        .gpr(4, A2)
        .gpr(5, s2.len() as u64)
        .mem(A1, s1)
        .mem(A2, s2)
        .run(&CUSE)
}
fn regs(d: &Done) -> (u8, u64, u64, u64, u64) {
    (d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5))
}

#[test]
fn cuse_finds_equal_substrings() {
    // SS = 2 (GR0 bits 56:63): "xabcd" / "yabzd": "ab" at offset 1: CC 0, registers there
    let d = cuse(2, 0, b"xabcd", b"yabzd");
    d.next();
    assert_eq!(regs(&d), (0, A1 + 1, 4, A2 + 1, 4));
    // SS = 3: no 3 equal bytes; the last byte pair ('d') is equal: CC 1 at offset 4
    assert_eq!(regs(&cuse(3, 0, b"xabcd", b"yabzd")), (1, A1 + 4, 1, A2 + 4, 1));
    // last bytes unequal: CC 2, registers past the operands
    assert_eq!(regs(&cuse(3, 0, b"abc", b"xyz")), (2, A1 + 3, 0, A2 + 3, 0));
    // the shorter operand extended with the pad byte (GR1 bits 56:63, ' '): "qb" / "xb  "
    // with SS = 3: 'b', ' ', ' ' from offset 1
    assert_eq!(regs(&cuse(3, b' ', b"qb", b"xb  ")), (0, A1 + 1, 1, A2 + 1, 3));
    // the substring right at the end is found (CC 0, not 1)
    assert_eq!(regs(&cuse(2, 0, b"zab", b"yab")), (0, A1 + 1, 2, A2 + 1, 2));
    // SS = 0: CC 0, nothing changed; both lengths zero: CC 2, nothing changed
    assert_eq!(regs(&cuse(0, 0, b"abc", b"xyz")), (0, A1, 3, A2, 3));
    assert_eq!(regs(&cuse(1, 0, b"", b"")), (2, A1, 0, A2, 0));
    // cuse %r3,%r4 (odd R1): specification exception
    assert_eq!(Case::new().run(&[0xb2, 0x57, 0x00, 0x34]).end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn cuse_cc3_continues() {
    // Both operands 2 bytes before a page boundary, all unequal: CC 3 after 2 bytes (the
    // registers at the next bytes), then CC 2 at the end.
    let (a1, a2) = (DATA + 0xffe, DATA + 0x1ffe);
    let d = Case::new().gpr(0, 1).gpr(2, a1).gpr(3, 6).gpr(4, a2).gpr(5, 6).mem(a1, b"aaaaaa").mem(a2, b"bbbbbb").run(&CUSE);
    assert_eq!(regs(&d), (3, a1 + 2, 4, a2 + 2, 4));
    let d = again(&d, &CUSE);
    assert_eq!(regs(&d), (2, a1 + 6, 0, a2 + 6, 0));
}
