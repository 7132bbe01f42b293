//! Storage-to-storage and string instructions (PoP ch. 7): raw bytes with their assembly,
//! expected registers, condition codes and storage worked out by hand from the book. Each
//! runs interpreted and compiled (see `s390_harness`). Partial completion is tested by
//! running the instruction again from the state the first execution left (`again`).

mod s390_harness;

use cpu_s390x::exc;
use s390_harness::{Case, Done, End, DATA, DATA_END, FAULT, PC};

/// Runs `insn` again from the registers, CC and data storage `d` ended with.
fn again(d: &Done, insn: &[u8]) -> Done {
    let mem = d.bytes(DATA, (DATA_END - DATA) as usize);
    let c = Case::new().mem(DATA, &mem);
    let regs = d.cpu.gpr;
    let (cc, amode) = (d.cc(), d.cpu.amode);
    c.with(|cpu| {
        cpu.gpr = regs;
        cpu.cc = cc;
        cpu.amode = amode;
    })
    .run(insn)
}

// ---- MVC ----

#[test]
fn mvc_copies_len_plus_one_bytes() {
    // mvc 0(4,%r1),0(%r2): d2 03 10 00 20 00 — five bytes
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x100).mem(DATA + 0x100, &[1, 2, 3, 4, 5, 6]).run(&[0xd2, 0x04, 0x10, 0x00, 0x20, 0x00]);
    d.next();
    assert_eq!(d.bytes(DATA, 6), [1, 2, 3, 4, 5, 0]);
}

#[test]
fn mvc_one_to_the_right_propagates_the_first_byte() {
    // mvc 1(8,%r1),0(%r1): d2 07 10 01 10 00 — byte by byte, each byte moved is the one
    // just stored: the first byte fills all eight.
    let d = Case::new().gpr(1, DATA).mem(DATA, &[0xab, 1, 2, 3, 4, 5, 6, 7, 8, 9]).run(&[0xd2, 0x07, 0x10, 0x01, 0x10, 0x00]);
    assert_eq!(d.bytes(DATA, 10), [0xab; 9].iter().copied().chain([9]).collect::<Vec<_>>());
    // The same with different base registers: mvc 0(8,%r3),0(%r2): d2 07 30 00 20 00
    let d = Case::new().gpr(2, DATA).gpr(3, DATA + 1).mem(DATA, &[0x5a, 1, 2, 3, 4, 5, 6, 7, 8, 9]).run(&[0xd2, 0x07, 0x30, 0x00, 0x20, 0x00]);
    assert_eq!(d.bytes(DATA, 10), [0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 9]);
    // Two to the right: the pattern of the first two bytes repeats.
    let d = Case::new().gpr(2, DATA).gpr(3, DATA + 2).mem(DATA, &[0xa, 0xb, 2, 3, 4, 5, 6, 7, 8, 9]).run(&[0xd2, 0x07, 0x30, 0x00, 0x20, 0x00]);
    assert_eq!(d.bytes(DATA, 10), [0xa, 0xb, 0xa, 0xb, 0xa, 0xb, 0xa, 0xb, 0xa, 0xb]);
}

#[test]
fn mvc_to_the_left_is_a_plain_move() {
    // mvc 0(8,%r3),0(%r2) with R3 = R2 - 1: each byte moves one left.
    let d = Case::new().gpr(2, DATA + 1).gpr(3, DATA).mem(DATA, &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]).run(&[0xd2, 0x07, 0x30, 0x00, 0x20, 0x00]);
    assert_eq!(d.bytes(DATA, 10), [1, 2, 3, 4, 5, 6, 7, 8, 8, 9]);
}

#[test]
fn mvc_inline_disjoint_same_base() {
    // mvc 16(11,%r1),0(%r1): d2 0a 10 10 10 00 — 11 bytes (8 + 2 + 1 chunks inline)
    let src: Vec<u8> = (1..=11).collect();
    let d = Case::new().gpr(1, DATA).mem(DATA, &src).run(&[0xd2, 0x0a, 0x10, 0x10, 0x10, 0x00]);
    d.next();
    assert_eq!(d.bytes(DATA + 16, 12), src.iter().copied().chain([0]).collect::<Vec<_>>());
}

#[test]
fn mvc_crossing_into_an_inaccessible_page_stores_nothing() {
    // mvc 0(8,%r1),0(%r2) with the destination's last 4 bytes at FAULT: the access
    // exception is recognised before any byte is stored.
    // (An 8-byte move is one access: the engine reports its address, as for STG; a
    // longer one goes through the helper, which probes and names the first bad byte.)
    let d = Case::new().gpr(1, FAULT - 4).gpr(2, DATA).mem(DATA, &[9; 8]).run(&[0xd2, 0x07, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!(d.end, End::Fault(FAULT - 4));
    assert_eq!(d.bytes(FAULT - 4, 4), [0, 0, 0, 0]);
    // mvc 0(12,%r1),0(%r2): twelve bytes, eight of them in the accessible page.
    let d = Case::new().gpr(1, FAULT - 8).gpr(2, DATA).mem(DATA, &[9; 12]).run(&[0xd2, 0x0b, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!(d.end, End::Fault(FAULT));
    assert_eq!(d.bytes(FAULT - 8, 8), [0; 8]);
}

#[test]
fn long_moves_with_an_operand_on_an_inaccessible_page_store_nothing() {
    // mvc 0(100,%r1),0(%r2) (the helper's path): an operand wholly on the inaccessible
    // page faults at its first byte, before any store.
    let mvc = [0xd2, 0x63, 0x10, 0x00, 0x20, 0x00];
    let d = Case::new().gpr(1, FAULT + 0x10).gpr(2, DATA).mem(DATA, &[9; 100]).run(&mvc);
    assert_eq!(d.end, End::Fault(FAULT + 0x10));
    let d = Case::new().gpr(1, DATA).gpr(2, FAULT + 0x10).mem(DATA, &[7; 100]).run(&mvc);
    assert_eq!((d.end, d.bytes(DATA, 100)), (End::Fault(FAULT + 0x10), vec![7; 100]));
    // xc 0(100,%r1),0(%r2) and oc with the second operand there.
    let d = Case::new().gpr(1, FAULT + 0x10).gpr(2, DATA).run(&[0xd7, 0x63, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!(d.end, End::Fault(FAULT + 0x10));
    let d = Case::new().gpr(1, DATA).gpr(2, FAULT + 0x10).mem(DATA, &[7; 100]).run(&[0xd6, 0x63, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!((d.end, d.bytes(DATA, 100)), (End::Fault(FAULT + 0x10), vec![7; 100]));
    // A 100-byte source crossing into the inaccessible page: nothing stored either.
    let d = Case::new().gpr(1, DATA).gpr(2, FAULT - 50).mem(DATA, &[7; 100]).run(&mvc);
    assert_eq!((d.end, d.bytes(DATA, 100)), (End::Fault(FAULT), vec![7; 100]));
}

// ---- XC, NC, OC, CLC ----

#[test]
fn xc_of_an_operand_with_itself_clears_it() {
    // xc 0(16,%r1),0(%r1): d7 0f 10 00 10 00
    let d = Case::new().gpr(1, DATA).cc(1).mem(DATA, &[0xff; 17]).run(&[0xd7, 0x0f, 0x10, 0x00, 0x10, 0x00]);
    d.next();
    assert_eq!(d.bytes(DATA, 17), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff]);
    assert_eq!(d.cc(), 0);
    // The same through different base registers holding the same address (helper path).
    let d = Case::new().gpr(1, DATA).gpr(2, DATA).cc(1).mem(DATA, &[0x5a; 4]).run(&[0xd7, 0x03, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!((d.bytes(DATA, 4), d.cc()), (vec![0; 4], 0));
}

#[test]
fn xc_nc_oc_results_and_cc() {
    let a = [0xf0, 0x0f, 0x33, 0x00];
    let b = [0xff, 0x0f, 0x30, 0x01];
    // xc 0(4,%r1),0(%r2): d7 03 10 00 20 00
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x10).mem(DATA, &a).mem(DATA + 0x10, &b).run(&[0xd7, 0x03, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!((d.bytes(DATA, 4), d.cc()), (vec![0x0f, 0x00, 0x03, 0x01], 1));
    // nc: d4 03 10 00 20 00
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x10).mem(DATA, &a).mem(DATA + 0x10, &b).run(&[0xd4, 0x03, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!((d.bytes(DATA, 4), d.cc()), (vec![0xf0, 0x0f, 0x30, 0x00], 1));
    // nc giving zero: CC 0
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x10).mem(DATA, &[0xf0]).mem(DATA + 0x10, &[0x0f]).run(&[0xd4, 0x00, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!((d.bytes(DATA, 1), d.cc()), (vec![0], 0));
    // oc: d6 03 10 00 20 00
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x10).mem(DATA, &a).mem(DATA + 0x10, &b).run(&[0xd6, 0x03, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!((d.bytes(DATA, 4), d.cc()), (vec![0xff, 0x0f, 0x33, 0x01], 1));
    // Inline (same base, disjoint): oc 32(4,%r1),0(%r1): d6 03 10 20 10 00
    let d = Case::new().gpr(1, DATA).mem(DATA, &b).mem(DATA + 32, &a).run(&[0xd6, 0x03, 0x10, 0x20, 0x10, 0x00]);
    assert_eq!((d.bytes(DATA + 32, 4), d.cc()), (vec![0xff, 0x0f, 0x33, 0x01], 1));
    // Inline xc giving zero: xc 32(4,%r1),0(%r1)
    let d = Case::new().gpr(1, DATA).cc(2).mem(DATA, &a).mem(DATA + 32, &a).run(&[0xd7, 0x03, 0x10, 0x20, 0x10, 0x00]);
    assert_eq!((d.bytes(DATA + 32, 4), d.cc()), (vec![0; 4], 0));
}

#[test]
fn xc_with_overlap_is_byte_by_byte() {
    // xc 1(3,%r1),0(%r1): d7 02 10 01 10 00 — each byte xored with the new value of the
    // byte before it: [1,2,3,4] -> 1, 2^1=3, 3^3=0, 4^0=4.
    let d = Case::new().gpr(1, DATA).mem(DATA, &[1, 2, 3, 4]).run(&[0xd7, 0x02, 0x10, 0x01, 0x10, 0x00]);
    assert_eq!((d.bytes(DATA, 4), d.cc()), (vec![1, 3, 0, 4], 1));
}

#[test]
fn clc_compares_unsigned_left_to_right() {
    let run = |a: &[u8], b: &[u8], insn: &[u8]| Case::new().gpr(1, DATA).gpr(2, DATA + 0x40).mem(DATA, a).mem(DATA + 0x40, b).run(insn).cc();
    // clc 0(5,%r1),0(%r2): d5 04 10 00 20 00
    let clc = [0xd5, 0x04, 0x10, 0x00, 0x20, 0x00];
    assert_eq!(run(b"hello", b"hello", &clc), 0);
    assert_eq!(run(b"hellO", b"hello", &clc), 1);
    assert_eq!(run(b"\x80ello", b"hello", &clc), 2);
    // 12 bytes (8 + 4 chunks inline): the difference in the second chunk.
    let clc12 = [0xd5, 0x0b, 0x10, 0x00, 0x20, 0x00];
    assert_eq!(run(b"abcdefghijkl", b"abcdefghijkm", &clc12), 1);
    assert_eq!(run(b"abcdefgzijkl", b"abcdefghijkm", &clc12), 2);
    // 40 bytes: the helper.
    let mut x = [7u8; 40];
    let y = [7u8; 40];
    let clc40 = [0xd5, 0x27, 0x10, 0x00, 0x20, 0x00];
    assert_eq!(run(&x, &y, &clc40), 0);
    x[39] = 6;
    assert_eq!(run(&x, &y, &clc40), 1);
    // One-chunk lengths (1, 2, 4, 8 bytes), each followed by brc 4 (a7 44 00 08: taken
    // on CC 1) and brc 2 (in the branch's target, taken on CC 2) so the compiled tier
    // branches on the comparison itself: 1 low, 2 high, 0 neither branch.
    for n in [1usize, 2, 4, 8] {
        let mut insn = vec![0xd5, n as u8 - 1, 0x10, 0x00, 0x20, 0x00, 0xa7, 0x44, 0x00, 0x08];
        insn.extend_from_slice(&[0xa7, 0x24, 0x00, 0x08]);
        let lo = vec![0x7fu8; n];
        let mut hi = lo.clone();
        hi[0] = 0x80;
        let mut hi_last = lo.clone();
        hi_last[n - 1] = 0x80;
        let at = |a: &[u8], b: &[u8]| {
            let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x40).mem(DATA, a).mem(DATA + 0x40, b).run(&insn);
            (d.end, d.cc())
        };
        // Taken brc 4 lands at PC+6+0x10; not taken, brc 2 at PC+10 goes to PC+10+0x10.
        assert_eq!(at(&lo, &hi), (End::At(PC + 6 + 0x10), 1), "clc {n}: low");
        assert_eq!(at(&hi_last, &lo), (End::At(PC + 10 + 0x10), 2), "clc {n}: high in the last byte");
        assert_eq!(at(&lo, &lo), (End::At(PC + 14), 0), "clc {n}: equal");
    }
}

// ---- MVCIN, MVN, MVZ, MVO ----

#[test]
fn mvcin_reverses() {
    // mvcin 0(4,%r1),3(%r2): e8 03 10 00 20 03 — D2 designates the rightmost byte
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x10).mem(DATA + 0x10, &[1, 2, 3, 4]).run(&[0xe8, 0x03, 0x10, 0x00, 0x20, 0x03]);
    assert_eq!(d.bytes(DATA, 4), [4, 3, 2, 1]);
}

#[test]
fn mvn_and_mvz_move_digits() {
    // mvn 0(3,%r1),0(%r2): d1 02 10 00 20 00
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x10).mem(DATA, &[0xab, 0xcd, 0xef]).mem(DATA + 0x10, &[0x12, 0x34, 0x56]).run(&[0xd1, 0x02, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!(d.bytes(DATA, 3), [0xa2, 0xc4, 0xe6]);
    // mvz 0(3,%r1),0(%r2): d3 02 10 00 20 00
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x10).mem(DATA, &[0xab, 0xcd, 0xef]).mem(DATA + 0x10, &[0x12, 0x34, 0x56]).run(&[0xd3, 0x02, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!(d.bytes(DATA, 3), [0x1b, 0x3d, 0x5f]);
}

#[test]
fn mvo_shifts_a_digit_left_keeping_the_sign() {
    // mvo 0(4,%r1),0(3,%r2): f1 32 10 00 20 00 — PoP's example: 77 88 99 0C and 12 34 56
    // give 01 23 45 6C.
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x10).mem(DATA, &[0x77, 0x88, 0x99, 0x0c]).mem(DATA + 0x10, &[0x12, 0x34, 0x56]).run(&[0xf1, 0x32, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!(d.bytes(DATA, 4), [0x01, 0x23, 0x45, 0x6c]);
    // A shorter first operand drops the leftmost digits: mvo 0(2,%r1),0(3,%r2): f1 12 ...
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x10).mem(DATA, &[0x77, 0x0d]).mem(DATA + 0x10, &[0x12, 0x34, 0x56]).run(&[0xf1, 0x12, 0x10, 0x00, 0x20, 0x00]);
    assert_eq!(d.bytes(DATA, 2), [0x45, 0x6d]);
}

// ---- TR, TRT, TRTR, TRE ----

fn upper_table() -> Vec<u8> {
    (0..=255u8).map(|b| b.to_ascii_uppercase()).collect()
}

#[test]
fn tr_translates_through_the_table() {
    // tr 0(5,%r1),0(%r2): dc 04 10 00 20 00
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x100).mem(DATA, b"hello!").mem(DATA + 0x100, &upper_table()).run(&[0xdc, 0x04, 0x10, 0x00, 0x20, 0x00]);
    d.next();
    assert_eq!(d.bytes(DATA, 6), b"HELLO!");
}

fn comma_table() -> Vec<u8> {
    let mut t = vec![0u8; 256];
    t[b',' as usize] = 0x11;
    t[b';' as usize] = 0x22;
    t
}

#[test]
fn trt_finds_the_first_nonzero_function_byte() {
    // trt 0(6,%r1),0(%r3): dd 05 10 00 30 00
    let insn = [0xdd, 0x05, 0x10, 0x00, 0x30, 0x00];
    let c = || Case::new().gpr(2, 0xffff_ffff_ffff_ff00).gpr(3, DATA + 0x100).mem(DATA + 0x100, &comma_table());
    let d = c().gpr(1, DATA).mem(DATA, b"ab,c;d").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 2, 0xffff_ffff_ffff_ff11));
    // At the last byte: CC 2.
    let d = c().gpr(1, DATA).mem(DATA, b"abcde;").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (2, DATA + 5, 0xffff_ffff_ffff_ff22));
    // None: CC 0, GR1 and GR2 unchanged.
    let d = c().gpr(1, DATA).mem(DATA, b"abcdef").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (0, DATA, 0xffff_ffff_ffff_ff00));
    // 31-bit mode: bits 33:63 of GR1 get the address, bit 32 zero, bits 0:31 kept.
    let d = c().gpr(1, 0xaaaa_aaaa_0000_0000 | DATA).with(|c| c.amode = 31).mem(DATA, b"ab,c;d").run(&insn);
    assert_eq!((d.cc(), d.gpr(1)), (1, 0xaaaa_aaaa_0000_0000 | (DATA + 2)));
}

#[test]
fn trtr_scans_right_to_left() {
    // trtr 5(6,%r1),0(%r3): d0 05 10 05 30 00 — D1 designates the rightmost byte
    let insn = [0xd0, 0x05, 0x10, 0x05, 0x30, 0x00];
    let c = || Case::new().gpr(1, DATA).gpr(3, DATA + 0x100).mem(DATA + 0x100, &comma_table());
    let d = c().mem(DATA, b"ab,c;d").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2) & 0xff), (1, DATA + 4, 0x22));
    // Found at the leftmost byte (the last processed): CC 2.
    let d = c().mem(DATA, b",bcdef").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2) & 0xff), (2, DATA, 0x11));
}

#[test]
fn tre_stops_at_the_test_byte() {
    // tre %r2,%r4: b2 a5 00 24; test byte '.' in GR0
    let insn = [0xb2, 0xa5, 0x00, 0x24];
    let c = || Case::new().gpr(0, b'.' as u64).gpr(2, DATA).gpr(4, DATA + 0x100).mem(DATA, b"abc.de").mem(DATA + 0x100, &upper_table());
    let d = c().gpr(3, 6).run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3)), (1, DATA + 3, 3));
    assert_eq!(d.bytes(DATA, 6), b"ABC.de");
    // Without the test byte in the operand: CC 0, the whole operand translated.
    let d = c().gpr(0, 0).gpr(3, 6).run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3)), (0, DATA + 6, 0));
    assert_eq!(d.bytes(DATA, 6), b"ABC.DE");
    // An odd R1 is a specification exception: tre %r3,%r4
    assert_eq!(c().run(&[0xb2, 0xa5, 0x00, 0x34]).end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn tre_partial_completion_at_a_page_boundary() {
    let insn = [0xb2, 0xa5, 0x00, 0x24];
    // 0x20 bytes from 0x10 before a page boundary: 0x10 translated, CC 3.
    let d = Case::new().gpr(0, 0).gpr(2, DATA + 0xff0).gpr(3, 0x20).gpr(4, DATA + 0x2000).mem(DATA + 0xff0, &[b'x'; 0x20]).mem(DATA + 0x2000, &upper_table()).run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3)), (3, DATA + 0x1000, 0x10));
    let d = again(&d, &insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3)), (0, DATA + 0x1010, 0));
    assert_eq!(d.bytes(DATA + 0xff0, 0x21), [b'X'; 0x20].iter().copied().chain([0]).collect::<Vec<_>>());
}

// ---- MVCL, CLCL ----

#[test]
fn mvcl_pads_and_sets_cc_by_the_lengths() {
    // mvcl %r2,%r4: 0e 24 — 8 bytes to, 3 from, pad 0x40
    let d = Case::new().gpr(2, DATA).gpr(3, 0xffff_ffff_ff00_0008).gpr(4, DATA + 0x100).gpr(5, 0x1234_5678_4000_0003).mem(DATA + 0x100, &[1, 2, 3]).run(&[0x0e, 0x24]);
    d.next();
    assert_eq!(d.bytes(DATA, 9), [1, 2, 3, 0x40, 0x40, 0x40, 0x40, 0x40, 0]);
    assert_eq!(d.cc(), 2);
    // R1+1: length 0, bits 0:39 unchanged (PoP MOVE LONG: bits 32:39 of R1+1 and R2+1
    // remain unchanged); R2+1: length 0, pad kept.
    assert_eq!((d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (DATA + 8, 0xffff_ffff_ff00_0000, DATA + 0x103, 0x1234_5678_4000_0000));
    // Shorter destination: CC 1, the source length left is 1.
    let d = Case::new().gpr(2, DATA).gpr(3, 2).gpr(4, DATA + 0x100).gpr(5, 3).mem(DATA + 0x100, &[1, 2, 3]).run(&[0x0e, 0x24]);
    assert_eq!((d.cc(), d.gpr(3), d.gpr(5), d.bytes(DATA, 3)), (1, 0, 1, vec![1, 2, 0]));
    // Equal and zero: CC 0.
    let d = Case::new().gpr(2, DATA).gpr(4, DATA + 0x100).run(&[0x0e, 0x24]);
    assert_eq!(d.cc(), 0);
}

#[test]
fn mvcl_destructive_overlap_is_cc3_and_moves_nothing() {
    // Destination one byte right of the source, within the 4 bytes moved.
    let d = Case::new().gpr(2, DATA + 1).gpr(3, 4).gpr(4, DATA).gpr(5, 4).mem(DATA, &[1, 2, 3, 4, 5]).run(&[0x0e, 0x24]);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (3, DATA + 1, 4, DATA, 4));
    assert_eq!(d.bytes(DATA, 5), [1, 2, 3, 4, 5]);
    // Destination at the end of the part moved (source length 1): no destructive overlap.
    let d = Case::new().gpr(2, DATA + 1).gpr(3, 4).gpr(4, DATA).gpr(5, 0xee00_0001).mem(DATA, &[1, 2, 3, 4, 5]).run(&[0x0e, 0x24]);
    assert_eq!((d.cc(), d.bytes(DATA, 5)), (2, vec![1, 1, 0xee, 0xee, 0xee]));
}

#[test]
fn mvcl_odd_register_is_a_specification_exception() {
    assert_eq!(Case::new().run(&[0x0e, 0x34]).end, End::Exc(exc::SPECIFICATION, PC));
    assert_eq!(Case::new().run(&[0x0e, 0x25]).end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn mvcl_interrupted_by_a_fault_leaves_registers_at_the_point_reached() {
    // 8 bytes to FAULT-4: four moved, then the access exception; R1/R1+1 and R2/R2+1
    // designate the rest (PoP: interruptible instruction).
    let d = Case::new().gpr(2, FAULT - 4).gpr(3, 8).gpr(4, DATA).gpr(5, 8).mem(DATA, &[1, 2, 3, 4, 5, 6, 7, 8]).run(&[0x0e, 0x24]);
    assert_eq!(d.end, End::Fault(FAULT));
    assert_eq!((d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (FAULT, 4, DATA + 4, 4));
    assert_eq!(d.bytes(FAULT - 4, 4), [1, 2, 3, 4]);
}

#[test]
fn clcl_compares_with_padding() {
    // clcl %r2,%r4: 0f 24 — "ab  " (4) vs "ab" (2) pad ' ': equal, CC 0
    let insn = [0x0f, 0x24];
    let d = Case::new().gpr(2, DATA).gpr(3, 4).gpr(4, DATA + 0x10).gpr(5, 0x2000_0002).mem(DATA, b"ab  ").mem(DATA + 0x10, b"ab").run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (0, DATA + 4, 0, DATA + 0x12, 0x2000_0000));
    // "ab!x" vs "ab" pad ' ': '!' (0x21) > ' ' at the third byte: CC 2, registers there.
    let d = Case::new().gpr(2, DATA).gpr(3, 4).gpr(4, DATA + 0x10).gpr(5, 0x2000_0002).mem(DATA, b"ab!x").mem(DATA + 0x10, b"ab").run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (2, DATA + 2, 2, DATA + 0x12, 0x2000_0000));
    // "abc" vs "abd": CC 1 at the third byte.
    let d = Case::new().gpr(2, DATA).gpr(3, 3).gpr(4, DATA + 0x10).gpr(5, 3).mem(DATA, b"abc").mem(DATA + 0x10, b"abd").run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (1, DATA + 2, 1, DATA + 0x12, 1));
}

// ---- MVCLE, CLCLE, MVCLU, CLCLU ----

#[test]
fn mvcle_partial_completion_then_resumption() {
    // mvcle %r2,%r4,0: a8 24 00 00 — 0x1000 bytes from a page boundary to 0x800 before
    // one: the first execution moves 0x800 (to the destination's boundary), CC 3.
    let insn = [0xa8, 0x24, 0x00, 0x00];
    let src: Vec<u8> = (0..0x1000u32).map(|i| (i * 7 + 3) as u8).collect();
    let d = Case::new().gpr(2, DATA + 0x800).gpr(3, 0x1000).gpr(4, DATA + 0x3000).gpr(5, 0x1000).mem(DATA + 0x3000, &src).run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (3, DATA + 0x1000, 0x800, DATA + 0x3800, 0x800));
    let d = again(&d, &insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (0, DATA + 0x1800, 0, DATA + 0x4000, 0));
    assert_eq!(d.bytes(DATA + 0x800, 0x1000), src);
}

#[test]
fn mvcle_on_an_inaccessible_page_is_nullified() {
    // mvcle %r2,%r4,0: a short clear (source length 0) and a short move into the
    // inaccessible page, and a move from it: the fault, registers and CC unchanged, nothing
    // written.
    let insn = [0xa8, 0x24, 0x00, 0x00];
    let d = Case::new().cc(1).gpr(2, FAULT + 0x10).gpr(3, 64).gpr(4, 0).gpr(5, 0).run(&insn);
    assert_eq!((d.end, d.cc(), d.gpr(2), d.gpr(3)), (End::Fault(FAULT + 0x10), 1, FAULT + 0x10, 64));
    let d = Case::new().cc(1).gpr(2, FAULT).gpr(3, 16).gpr(4, DATA).gpr(5, 16).run(&insn);
    assert_eq!((d.end, d.gpr(2), d.gpr(5)), (End::Fault(FAULT), FAULT, 16));
    let d = Case::new().cc(1).gpr(2, DATA).gpr(3, 16).gpr(4, FAULT).gpr(5, 16).mem(DATA, &[0x77; 16]).run(&insn);
    assert_eq!((d.end, d.gpr(2), d.gpr(4), d.bytes(DATA, 16)), (End::Fault(FAULT), DATA, FAULT, vec![0x77; 16]));
}

#[test]
fn mvcle_pads_from_the_address_bits() {
    // mvcle %r2,%r4,0x1aa(%r0): a8 24 01 aa — pad 0xaa; 5 to, 2 from: CC 2.
    let d = Case::new().gpr(2, DATA).gpr(3, 5).gpr(4, DATA + 0x10).gpr(5, 2).mem(DATA + 0x10, &[1, 2]).run(&[0xa8, 0x24, 0x01, 0xaa]);
    assert_eq!((d.cc(), d.gpr(3), d.gpr(5), d.bytes(DATA, 6)), (2, 0, 0, vec![1, 2, 0xaa, 0xaa, 0xaa, 0]));
    // 31-bit mode: the lengths are bits 32:63 (bits 0:31 ignored and kept).
    let d = Case::new().with(|c| c.amode = 31).gpr(2, DATA).gpr(3, 0x7777_0000_0000_0001).gpr(4, DATA + 0x10).gpr(5, 0x5555_0000_0000_0003).mem(DATA + 0x10, &[1, 2, 3]).run(&[0xa8, 0x24, 0x01, 0xaa]);
    assert_eq!((d.cc(), d.gpr(3), d.gpr(5), d.bytes(DATA, 2)), (1, 0x7777_0000_0000_0000, 0x5555_0000_0000_0002, vec![1, 0]));
}

#[test]
fn clcle_compares_and_resumes() {
    // clcle %r2,%r4,0x20: a9 24 00 20
    let insn = [0xa9, 0x24, 0x00, 0x20];
    let d = Case::new().gpr(2, DATA).gpr(3, 3).gpr(4, DATA + 0x10).gpr(5, 5).mem(DATA, b"abc").mem(DATA + 0x10, b"abc  ").run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (0, DATA + 3, 0, DATA + 0x15, 0));
    let d = Case::new().gpr(2, DATA).gpr(3, 3).gpr(4, DATA + 0x10).gpr(5, 5).mem(DATA, b"abc").mem(DATA + 0x10, b"abc A").run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (1, DATA + 3, 0, DATA + 0x14, 1));
    // Across a page boundary of the first operand: CC 3 at the boundary, then equal.
    let d = Case::new().gpr(2, DATA + 0xffc).gpr(3, 8).gpr(4, DATA + 0x2000).gpr(5, 8).mem(DATA + 0xffc, b"12345678").mem(DATA + 0x2000, b"12345678").run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (3, DATA + 0x1000, 4, DATA + 0x2004, 4));
    let d = again(&d, &insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3)), (0, DATA + 0x1004, 0));
}

#[test]
fn mvclu_and_clclu_use_two_byte_pads() {
    // mvclu %r2,%r4,0x234: eb 24 02 34 00 8e — pad 0x0234 (bits 48:63 of the address); 6
    // bytes to, 2 from: CC 2, the pad fills the last four bytes
    let d = Case::new().gpr(2, DATA).gpr(3, 6).gpr(4, DATA + 0x10).gpr(5, 2).mem(DATA + 0x10, &[0xab, 0xcd]).run(&[0xeb, 0x24, 0x02, 0x34, 0x00, 0x8e]);
    assert_eq!((d.cc(), d.bytes(DATA, 6)), (2, vec![0xab, 0xcd, 0x02, 0x34, 0x02, 0x34]));
    // An odd length is a specification exception.
    let d = Case::new().gpr(2, DATA).gpr(3, 5).gpr(4, DATA + 0x10).gpr(5, 2).run(&[0xeb, 0x24, 0x02, 0x34, 0x00, 0x8e]);
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
    // clclu %r2,%r4,0x20: eb 24 00 20 00 8f — "a" vs "a " in two-byte units.
    let d = Case::new().gpr(2, DATA).gpr(3, 2).gpr(4, DATA + 0x10).gpr(5, 4).mem(DATA, &[0, b'a']).mem(DATA + 0x10, &[0, b'a', 0, 0x20]).run(&[0xeb, 0x24, 0x00, 0x20, 0x00, 0x8f]);
    assert_eq!((d.cc(), d.gpr(3), d.gpr(5)), (0, 0, 0));
}

// ---- CLST, SRST, SRSTU, MVST ----

#[test]
fn clst_compares_terminated_strings() {
    // clst %r1,%r2: b2 5d 00 12
    let insn = [0xb2, 0x5d, 0x00, 0x12];
    let c = |a: &[u8], b: &[u8]| Case::new().gpr(1, DATA).gpr(2, DATA + 0x100).mem(DATA, a).mem(DATA + 0x100, b).run(&insn);
    let d = c(b"abc\0", b"abc\0");
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (0, DATA, DATA + 0x100));
    let d = c(b"abc\0", b"abd\0");
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 2, DATA + 0x102));
    // The shorter string (terminator first) is low even though 0 < every byte.
    let d = c(b"ab\0", b"abc\0");
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 2, DATA + 0x102));
    let d = c(b"abc\0", b"ab\0");
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (2, DATA + 2, DATA + 0x102));
    // A nonzero terminator: '$' ends both.
    let d = Case::new().gpr(0, b'$' as u64).gpr(1, DATA).gpr(2, DATA + 0x100).mem(DATA, b"x$").mem(DATA + 0x100, b"x$").run(&insn);
    assert_eq!(d.cc(), 0);
    // Bits 32:55 of GR0 nonzero: specification exception.
    assert_eq!(Case::new().gpr(0, 0x100).gpr(1, DATA).gpr(2, DATA).run(&insn).end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn clst_partial_completion() {
    let insn = [0xb2, 0x5d, 0x00, 0x12];
    // Equal bytes up to the second operand's page boundary 8 bytes on: CC 3, both advanced.
    let d = Case::new().gpr(1, DATA + 0x10).gpr(2, DATA + 0xff8).mem(DATA + 0x10, b"0123456789\0").mem(DATA + 0xff8, b"0123456789\0").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (3, DATA + 0x18, DATA + 0x1000));
    let d = again(&d, &insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (0, DATA + 0x18, DATA + 0x1000));
}

#[test]
fn clst_long_strings_decide_at_the_first_differing_or_terminating_byte() {
    // Strings longer than a quadword, differing at each position of the first, second and
    // fifth quadword; bytes after the deciding one never matter.
    let insn = [0xb2, 0x5d, 0x00, 0x12];
    let base: Vec<u8> = (0..48u8).map(|i| b'A' + (i % 26)).chain([0]).collect();
    for k in (0..24).chain([33, 47]) {
        let mut other = base.clone();
        other[k] = other[k].wrapping_add(1);
        let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x200).mem(DATA, &base).mem(DATA + 0x200, &other).run(&insn);
        assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + k as u64, DATA + 0x200 + k as u64), "difference at {k}");
    }
    // Terminators at every position of the first three quadwords, different bytes after.
    for k in 0..24 {
        let (mut a, mut b) = (base.clone(), base.clone());
        a[k] = 0;
        b[k] = 0;
        b[k + 1] ^= 0x20;
        let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x200).mem(DATA, &a).mem(DATA + 0x200, &b).run(&insn);
        assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (0, DATA, DATA + 0x200), "terminator at {k}");
    }
    // Equal through a terminator inside a quadword, different (and unterminated) after it.
    let a = b"0123456789abc\0XYZWVUTSRQ";
    let b = b"0123456789abc\0zyxwvutsrq";
    let d = Case::new().gpr(1, DATA + 3).gpr(2, DATA + 0x305).mem(DATA + 3, a).mem(DATA + 0x305, b).run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (0, DATA + 3, DATA + 0x305));
    // Bytes 0x01 and 0x81 next to a terminator 0x80 (GR0): only the real one ends the strings.
    let a = [0x01, 0x81, 0x01, 0x81, 0x7f, 0xff, 0x01, 0x81, 0x01, 0x80, 0x05];
    let mut b = a;
    b[10] = 0x06;
    let d = Case::new().gpr(0, 0x80).gpr(1, DATA).gpr(2, DATA + 0x100).mem(DATA, &a).mem(DATA + 0x100, &b).run(&insn);
    assert_eq!(d.cc(), 0);
    // The first operand's terminator against a nonzero byte at index 12: low.
    let mut b = base.clone();
    b[12] = 0;
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x200).mem(DATA, &b).mem(DATA + 0x200, &base).run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 12, DATA + 0x200 + 12));
}

#[test]
fn clst_at_an_inaccessible_page() {
    let insn = [0xb2, 0x5d, 0x00, 0x12];
    // 16 equal (zero) bytes up to the inaccessible page, no terminator ('Z' in GR0): CC 3
    // there; then the fault, nothing changed.
    let d = Case::new().gpr(0, b'Z' as u64).gpr(1, FAULT - 16).gpr(2, DATA).run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (3, FAULT, DATA + 16));
    let d = again(&d, &insn);
    assert_eq!((d.end, d.gpr(1), d.gpr(2)), (End::Fault(FAULT), FAULT, DATA + 16));
    // Decided before the page (0 against 1 at index 11): low, no fault.
    let d = Case::new().gpr(0, b'Z' as u64).gpr(1, FAULT - 16).gpr(2, DATA).mem(DATA + 11, &[1]).run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, FAULT - 5, DATA + 11));
}

#[test]
fn srst_long_search() {
    let insn = [0xb2, 0x5e, 0x00, 0x12];
    let mut s: Vec<u8> = (0..100u8).map(|i| 0x80 | (i & 0x3f)).collect();
    s[9] = 0x01;
    s[50] = 0x5a;
    // Found in the seventh quadword; the 0x01 byte and the 0x80-and-up bytes do not match.
    let d = Case::new().gpr(0, 0x5a).gpr(1, DATA + 3 + 90).gpr(2, DATA + 3).mem(DATA + 3, &s).run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 3 + 50, DATA + 3));
    // The end address comes first: not found, registers unchanged.
    let d = Case::new().gpr(0, 0x5a).gpr(1, DATA + 3 + 50).gpr(2, DATA + 3).mem(DATA + 3, &s).run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (2, DATA + 3 + 50, DATA + 3));
    let d = Case::new().gpr(0, 0x01).gpr(1, DATA + 3 + 90).gpr(2, DATA + 3).mem(DATA + 3, &s).run(&insn);
    assert_eq!(d.gpr(1), DATA + 3 + 9);
    // The character at every position of the first three quadwords (but 9, replaced above).
    for k in (0..24u64).filter(|&k| k != 9) {
        let d = Case::new().gpr(0, 0x80 | k).gpr(1, DATA + 3 + 90).gpr(2, DATA + 3).mem(DATA + 3, &s).run(&insn);
        assert_eq!((d.cc(), d.gpr(1)), (1, DATA + 3 + k), "character at {k}");
    }
}

#[test]
fn srst_searches_up_to_the_end_address() {
    // srst %r1,%r2: b2 5e 00 12 — search for 'c' (GR0) from R2 to R1
    let insn = [0xb2, 0x5e, 0x00, 0x12];
    let d = Case::new().gpr(0, b'c' as u64).gpr(1, DATA + 5).gpr(2, DATA).mem(DATA, b"abcdef").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 2, DATA));
    // Not before the end: CC 2, registers unchanged.
    let d = Case::new().gpr(0, b'f' as u64).gpr(1, DATA + 5).gpr(2, DATA).mem(DATA, b"abcdef").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (2, DATA + 5, DATA));
    // Empty operand.
    let d = Case::new().gpr(1, DATA).gpr(2, DATA).run(&insn);
    assert_eq!(d.cc(), 2);
    // CC 3 at the page boundary, then found on the next page.
    let d = Case::new().gpr(0, 0x5a).gpr(1, DATA + 0x1100).gpr(2, DATA + 0xff0).mem(DATA + 0x1050, &[0x5a]).run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (3, DATA + 0x1100, DATA + 0x1000));
    let d = again(&d, &insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 0x1050, DATA + 0x1000));
    // GR0 bits 32:55 must be zero.
    assert_eq!(Case::new().gpr(0, 0x1_0000_0000 >> 8).gpr(1, DATA + 1).gpr(2, DATA).run(&insn).end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn srst_stops_before_an_inaccessible_page_with_cc3() {
    // From FAULT-8 with the end beyond FAULT: 8 bytes searched, CC 3 at FAULT; the next
    // execution faults with nothing done.
    let insn = [0xb2, 0x5e, 0x00, 0x12];
    let d = Case::new().gpr(0, 0x5a).gpr(1, FAULT + 0x100).gpr(2, FAULT - 8).run(&insn);
    assert_eq!((d.cc(), d.gpr(2)), (3, FAULT));
    let d = again(&d, &insn);
    assert_eq!((d.end, d.gpr(2)), (End::Fault(FAULT), FAULT));
}

#[test]
fn srstu_searches_two_byte_characters() {
    // srstu %r1,%r2: b9 be 00 12 — search for 0x0063
    let insn = [0xb9, 0xbe, 0x00, 0x12];
    let d = Case::new().gpr(0, 0x63).gpr(1, DATA + 8).gpr(2, DATA).mem(DATA, &[0, 0x61, 0x63, 0x00, 0, 0x63, 0, 0x64]).run(&insn);
    assert_eq!((d.cc(), d.gpr(1)), (1, DATA + 4));
    // GR0 bits 32:47 nonzero: specification.
    assert_eq!(Case::new().gpr(0, 0x1_0000).gpr(1, DATA + 8).gpr(2, DATA).run(&insn).end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn mvst_copies_through_the_terminator() {
    // mvst %r1,%r2: b2 55 00 12
    let insn = [0xb2, 0x55, 0x00, 0x12];
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x100).mem(DATA + 0x100, b"hi\0x").mem(DATA, &[0xff; 5]).run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 2, DATA + 0x100));
    assert_eq!(d.bytes(DATA, 5), [b'h', b'i', 0, 0xff, 0xff]);
    // Partial: 4 bytes to the source's page boundary, then the rest.
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0xffc).mem(DATA + 0xffc, b"abcdef\0").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (3, DATA + 4, DATA + 0x1000));
    let d = again(&d, &insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 6, DATA + 0x1000));
    assert_eq!(d.bytes(DATA, 7), b"abcdef\0");
    // A longer string: the terminator in the second quadword.
    let d = Case::new().gpr(1, DATA + 3).gpr(2, DATA + 0x105).mem(DATA + 0x105, b"0123456789abc\0zz").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 3 + 13, DATA + 0x105));
    assert_eq!(d.bytes(DATA + 3, 15), b"0123456789abc\0\0");
    // The destination's page ends 4 bytes on: CC 3 with four moved; then, at the
    // inaccessible page, the fault with nothing changed.
    let d = Case::new().gpr(1, FAULT - 4).gpr(2, DATA).mem(DATA, b"abcdefgh\0").run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2), d.bytes(FAULT - 4, 4)), (3, FAULT, DATA + 4, b"abcd".to_vec()));
    let d = again(&d, &insn);
    assert_eq!((d.end, d.gpr(1), d.gpr(2)), (End::Fault(FAULT), FAULT, DATA + 4));
}

// ---- CKSM ----

#[test]
fn cksm_adds_words_with_end_around_carry() {
    // cksm %r1,%r4: b2 41 00 14 — 00010203 + ffffffff = 1_00010202 -> 00010203, then the
    // last byte 01 padded: + 01000000 = 01010203.
    let d = Case::new().gpr(1, 0xdead_beef_0000_0000).gpr(4, DATA).gpr(5, 9).mem(DATA, &[0, 1, 2, 3, 0xff, 0xff, 0xff, 0xff, 1]).run(&[0xb2, 0x41, 0x00, 0x14]);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(4), d.gpr(5)), (0, 0xdead_beef_0101_0203, DATA + 9, 0));
    // Odd R2: specification exception.
    assert_eq!(Case::new().run(&[0xb2, 0x41, 0x00, 0x15]).end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn cksm_partial_completion() {
    let insn = [0xb2, 0x41, 0x00, 0x14];
    let d = Case::new().gpr(4, DATA + 0xff8).gpr(5, 12).mem(DATA + 0xff8, &[0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3]).run(&insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(4), d.gpr(5)), (3, 3, DATA + 0x1000, 4));
    let d = again(&d, &insn);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(4), d.gpr(5)), (0, 6, DATA + 0x1004, 0));
}

// ---- Unicode ----

const UTF8_TEXT: &[u8] = &[0x41, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80];
const UTF16_TEXT: &[u8] = &[0x00, 0x41, 0x00, 0xe9, 0x20, 0xac, 0xd8, 0x3d, 0xde, 0x00];
const UTF32_TEXT: &[u8] = &[0, 0, 0, 0x41, 0, 0, 0, 0xe9, 0, 0, 0x20, 0xac, 0, 1, 0xf6, 0];

fn cu(insn: &[u8], src: &[u8], dst_len: u64) -> Done {
    Case::new().gpr(2, DATA).gpr(3, dst_len).gpr(4, DATA + 0x100).gpr(5, src.len() as u64).mem(DATA + 0x100, src).run(insn)
}

#[test]
fn cu12_utf8_to_utf16() {
    // cu12 %r2,%r4,1: b2 a7 10 24
    let d = cu(&[0xb2, 0xa7, 0x10, 0x24], UTF8_TEXT, 16);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (0, DATA + 10, 6, DATA + 0x10a, 0));
    assert_eq!(d.bytes(DATA, 10), UTF16_TEXT);
    // First operand too short for the second character... after 'A' one byte is left: CC 1.
    let d = cu(&[0xb2, 0xa7, 0x10, 0x24], UTF8_TEXT, 3);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (1, DATA + 2, 1, DATA + 0x101, 9));
    // A partial character at the end of the source: CC 0 with it left.
    let d = cu(&[0xb2, 0xa7, 0x10, 0x24], &UTF8_TEXT[..5], 16);
    assert_eq!((d.cc(), d.gpr(3), d.gpr(4), d.gpr(5)), (0, 12, DATA + 0x103, 2));
    // Overlong C0 80 with the W bit: CC 2, registers at it; without: U+0000.
    let d = cu(&[0xb2, 0xa7, 0x10, 0x24], &[0x41, 0xc0, 0x80], 16);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(4), d.gpr(5)), (2, DATA + 2, DATA + 0x101, 2));
    let d = cu(&[0xb2, 0xa7, 0x00, 0x24], &[0x41, 0xc0, 0x80], 16);
    assert_eq!((d.cc(), d.bytes(DATA, 4)), (0, vec![0, 0x41, 0, 0]));
    // With W, a first byte that starts no well-formed character (C0, C1, F5-F7) is invalid
    // even when too few bytes follow for the length it would have (difftest seed 8); without
    // W, F6 is a four-byte lead and the short remainder ends the operation with CC 0.
    for lead in [0xc0, 0xc1, 0xf5, 0xf6, 0xf7] {
        let d = cu(&[0xb2, 0xa7, 0x10, 0x24], &[0x41, lead], 16);
        assert_eq!((d.cc(), d.gpr(4), d.gpr(5)), (2, DATA + 0x101, 1), "lead {lead:#x}");
        let d = cu(&[0xb2, 0xa7, 0x00, 0x24], &[0x41, lead], 16);
        assert_eq!((d.cc(), d.gpr(4), d.gpr(5)), (0, DATA + 0x101, 1), "lead {lead:#x} unchecked");
    }
    // A valid lead with too few bytes after it stays CC 0 with the check on.
    assert_eq!(cu(&[0xb2, 0xa7, 0x10, 0x24], &[0x41, 0xf4], 16).cc(), 0);
    // A continuation byte first is invalid even unchecked.
    assert_eq!(cu(&[0xb2, 0xa7, 0x00, 0x24], &[0x80], 16).cc(), 2);
    // E0 A0 80 (U+0800) is the smallest valid three-byte form (PoP table; QEMU rejects it).
    let d = cu(&[0xb2, 0xa7, 0x10, 0x24], &[0xe0, 0xa0, 0x80], 16);
    assert_eq!((d.cc(), d.bytes(DATA, 2)), (0, vec![0x08, 0x00]));
    // Odd R1: specification.
    assert_eq!(cu(&[0xb2, 0xa7, 0x10, 0x34], UTF8_TEXT, 16).end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn cu21_cu14_cu24_cu41_cu42() {
    // cu21 %r2,%r4: b2 a6 00 24
    let d = cu(&[0xb2, 0xa6, 0x00, 0x24], UTF16_TEXT, 16);
    assert_eq!((d.cc(), d.gpr(3), d.bytes(DATA, 10)), (0, 6, UTF8_TEXT.to_vec()));
    // A high surrogate followed by a non-low one with the W bit: CC 2.
    let d = cu(&[0xb2, 0xa6, 0x10, 0x24], &[0xd8, 0x3d, 0x00, 0x41], 16);
    assert_eq!((d.cc(), d.gpr(4)), (2, DATA + 0x100));
    // cu14 %r2,%r4: b9 b0 00 24
    let d = cu(&[0xb9, 0xb0, 0x00, 0x24], UTF8_TEXT, 16);
    assert_eq!((d.cc(), d.gpr(3), d.bytes(DATA, 16)), (0, 0, UTF32_TEXT.to_vec()));
    // cu24 %r2,%r4: b9 b1 00 24
    let d = cu(&[0xb9, 0xb1, 0x00, 0x24], UTF16_TEXT, 16);
    assert_eq!((d.cc(), d.bytes(DATA, 16)), (0, UTF32_TEXT.to_vec()));
    // cu41 %r2,%r4: b9 b2 00 24
    let d = cu(&[0xb9, 0xb2, 0x00, 0x24], UTF32_TEXT, 16);
    assert_eq!((d.cc(), d.gpr(3), d.bytes(DATA, 10)), (0, 6, UTF8_TEXT.to_vec()));
    // A surrogate code point or one above 10FFFF is invalid: CC 2.
    assert_eq!(cu(&[0xb9, 0xb2, 0x00, 0x24], &[0, 0, 0xdc, 0], 16).cc(), 2);
    assert_eq!(cu(&[0xb9, 0xb2, 0x00, 0x24], &[0, 0x11, 0, 0], 16).cc(), 2);
    // cu42 %r2,%r4: b9 b3 00 24
    let d = cu(&[0xb9, 0xb3, 0x00, 0x24], UTF32_TEXT, 16);
    assert_eq!((d.cc(), d.gpr(3), d.bytes(DATA, 10)), (0, 6, UTF16_TEXT.to_vec()));
    // No room for a four-byte UTF-16 pair in 2 bytes: CC 1.
    let d = cu(&[0xb9, 0xb3, 0x00, 0x24], &UTF32_TEXT[12..], 2);
    assert_eq!((d.cc(), d.gpr(3), d.gpr(5)), (1, 2, 4));
}

#[test]
fn cu12_partial_completion_at_a_page_boundary() {
    // 6 ASCII bytes starting 2 before the source's page boundary: 2 converted, CC 3.
    let insn = [0xb2, 0xa7, 0x00, 0x24];
    let d = Case::new().gpr(2, DATA).gpr(3, 16).gpr(4, DATA + 0xffe).gpr(5, 6).mem(DATA + 0xffe, b"abcdef").run(&insn);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.gpr(5)), (3, DATA + 4, 12, DATA + 0x1000, 4));
    let d = again(&d, &insn);
    assert_eq!((d.cc(), d.gpr(3), d.gpr(5)), (0, 4, 0));
    assert_eq!(d.bytes(DATA, 12), [0, b'a', 0, b'b', 0, b'c', 0, b'd', 0, b'e', 0, b'f']);
}

// ---- MVIY ----

#[test]
fn mviy_stores_the_immediate_with_a_long_displacement() {
    // mviy -1(%r1),0x5a: eb 5a 1f ff ff 52
    let d = Case::new().gpr(1, DATA + 1).run(&[0xeb, 0x5a, 0x1f, 0xff, 0xff, 0x52]);
    d.next();
    assert_eq!(d.bytes(DATA, 2), [0x5a, 0]);
}

// ---- EXECUTE of SS instructions ----

#[test]
fn ex_supplies_the_length_of_mvc_xc_clc_tr() {
    // ex %r5,0x800: 44 50 08 00, R5 = 3: the target's L (0) becomes 3 — four bytes.
    let ex = [0x44, 0x50, 0x08, 0x00];
    let c = |target: &[u8]| Case::new().gpr(5, 0xffff_ff03).gpr(1, DATA).gpr(2, DATA + 0x100).code(0x800, target).mem(DATA, b"abcdefgh").mem(DATA + 0x100, &upper_table());
    // mvc 0(1,%r1),256(%r1): d2 00 10 00 11 00
    let d = c(&[0xd2, 0x00, 0x10, 0x00, 0x11, 0x00]).run(&ex);
    d.next();
    assert_eq!(d.bytes(DATA, 5), [0, 1, 2, 3, b'e']);
    // xc 0(1,%r1),0(%r1): d7 00 10 00 10 00
    let d = c(&[0xd7, 0x00, 0x10, 0x00, 0x10, 0x00]).cc(3).run(&ex);
    assert_eq!((d.bytes(DATA, 5), d.cc()), (vec![0, 0, 0, 0, b'e'], 0));
    // clc 0(1,%r1),256+97(%r1): d5 00 10 00 11 61 — "abcd" vs table bytes 'A','B','C','D' ('a' > 'A')
    let d = c(&[0xd5, 0x00, 0x10, 0x00, 0x11, 0x61]).run(&ex);
    assert_eq!(d.cc(), 2);
    // tr 0(1,%r1),0(%r2): dc 00 10 00 20 00
    let d = c(&[0xdc, 0x00, 0x10, 0x00, 0x20, 0x00]).run(&ex);
    assert_eq!(d.bytes(DATA, 8), b"ABCDefgh");
}

#[test]
fn ex_honours_a_target_changed_between_executions() {
    // PC:    ex %r0,0x800        44 00 08 00   mvc 0(1,%r1),0(%r2): one byte
    // PC+4:  la %r1,8(%r1)       41 10 10 08
    // PC+8:  mvi 0x801,3         92 03 08 01   the target's L becomes 3
    // PC+12: ex %r0,0x800        44 00 08 00   now four bytes
    let d = Case::new()
        .gpr(1, DATA)
        .gpr(2, DATA + 0x100)
        .mem(DATA + 0x100, b"wxyz")
        .code(0x800, &[0xd2, 0x00, 0x10, 0x00, 0x20, 0x00])
        .code(PC + 4, &[0x41, 0x10, 0x10, 0x08, 0x92, 0x03, 0x08, 0x01, 0x44, 0x00, 0x08, 0x00])
        .run(&[0x44, 0x00, 0x08, 0x00]);
    assert_eq!(d.end, End::At(PC + 16));
    assert_eq!(d.bytes(DATA, 12), [b'w', 0, 0, 0, 0, 0, 0, 0, b'w', b'x', b'y', b'z']);
}

// ---- TROO, TROT, TRTO, TRTT ----

#[test]
fn troo_translates_and_stops_at_the_test_character() {
    // troo %r2,%r4: b9 93 00 24 — table at GR1, test character GR0 bits 56:63
    let c = || Case::new().gpr(1, DATA + 0x100).gpr(2, DATA).gpr(3, 3).gpr(4, DATA + 0x80).mem(DATA + 0x80, b"abc").mem(DATA + 0x100, &upper_table());
    let d = c().run(&[0xb9, 0x93, 0x00, 0x24]);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.bytes(DATA, 3)), (0, DATA + 3, 0, DATA + 0x83, b"ABC".to_vec()));
    // 'b' translates to the test character 'B': CC 1, registers at 'b'.
    let d = c().gpr(0, b'B' as u64).run(&[0xb9, 0x93, 0x00, 0x24]);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(3), d.gpr(4), d.bytes(DATA, 2)), (1, DATA + 1, 2, DATA + 0x81, vec![b'A', 0]));
    // M3 bit 3 turns the test off: troo %r2,%r4,1: b9 93 10 24
    let d = c().gpr(0, b'B' as u64).run(&[0xb9, 0x93, 0x10, 0x24]);
    assert_eq!((d.cc(), d.bytes(DATA, 3)), (0, b"ABC".to_vec()));
}

#[test]
fn trot_trto_trtt_character_sizes() {
    let wide: Vec<u8> = (0..256u32).flat_map(|i| ((0x1000 + i) as u16).to_be_bytes()).collect();
    // trot %r2,%r4: b9 92 00 24 — bytes 1, 2 to the two-byte entries 1001, 1002
    let d = Case::new().gpr(0, 0xffff).gpr(1, DATA + 0x200).gpr(2, DATA).gpr(3, 2).gpr(4, DATA + 0x80).mem(DATA + 0x80, &[1, 2]).mem(DATA + 0x200, &wide).run(&[0xb9, 0x92, 0x00, 0x24]);
    assert_eq!((d.cc(), d.gpr(2), d.bytes(DATA, 4)), (0, DATA + 4, vec![0x10, 0x01, 0x10, 0x02]));
    // trtt %r2,%r4: b9 90 00 24 — two-byte characters 0003 through the same table
    let d = Case::new().gpr(0, 0xffff).gpr(1, DATA + 0x200).gpr(2, DATA).gpr(3, 2).gpr(4, DATA + 0x80).mem(DATA + 0x80, &[0, 3]).mem(DATA + 0x200, &wide).run(&[0xb9, 0x90, 0x00, 0x24]);
    assert_eq!((d.cc(), d.gpr(3), d.bytes(DATA, 2)), (0, 0, vec![0x10, 0x03]));
    // trto %r2,%r4: b9 91 00 24 — two-byte characters to one-byte entries
    let c = || Case::new().gpr(0, 0xff).gpr(1, DATA + 0x100).gpr(2, DATA).gpr(4, DATA + 0x80).mem(DATA + 0x80, &[0, b'x', 0, b'y']).mem(DATA + 0x100, &upper_table());
    let d = c().gpr(3, 4).run(&[0xb9, 0x91, 0x00, 0x24]);
    assert_eq!((d.cc(), d.gpr(2), d.gpr(4), d.bytes(DATA, 2)), (0, DATA + 2, DATA + 0x84, b"XY".to_vec()));
    // An odd source length for two-byte characters: specification exception.
    assert_eq!(c().gpr(3, 3).run(&[0xb9, 0x91, 0x00, 0x24]).end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn string_instructions_over_many_bytes() {
    // Strings longer than the helpers' read chunks (64 bytes), the difference or the
    // character far in: the same results as byte-by-byte processing.
    let mut a = vec![b'q'; 200];
    a.push(0);
    let mut b = a.clone();
    b[150] = b'r';
    // clst: stops at byte 150 with CC 1 ('q' < 'r').
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x400).mem(DATA, &a).mem(DATA + 0x400, &b).run(&[0xb2, 0x5d, 0x00, 0x12]);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 150, DATA + 0x400 + 150));
    // Equal through the terminator at 200: CC 0, registers unchanged.
    let d = Case::new().gpr(1, DATA).gpr(2, DATA + 0x400).mem(DATA, &a).mem(DATA + 0x400, &a).run(&[0xb2, 0x5d, 0x00, 0x12]);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (0, DATA, DATA + 0x400));
    // srst for 'r' from DATA+0x400: found at +150; with the end at +100: CC 2.
    let d = Case::new().gpr(0, b'r' as u64).gpr(1, DATA + 0x400 + 300).gpr(2, DATA + 0x400).mem(DATA + 0x400, &b).run(&[0xb2, 0x5e, 0x00, 0x12]);
    assert_eq!((d.cc(), d.gpr(1)), (1, DATA + 0x400 + 150));
    let d = Case::new().gpr(0, b'r' as u64).gpr(1, DATA + 0x400 + 100).gpr(2, DATA + 0x400).mem(DATA + 0x400, &b).run(&[0xb2, 0x5e, 0x00, 0x12]);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (2, DATA + 0x400 + 100, DATA + 0x400));
    // mvst of the 201-byte string: R1 at the copied terminator.
    let d = Case::new().gpr(1, DATA + 0x800).gpr(2, DATA).mem(DATA, &b).run(&[0xb2, 0x55, 0x00, 0x12]);
    assert_eq!((d.cc(), d.gpr(1), d.gpr(2)), (1, DATA + 0x800 + 200, DATA));
    assert_eq!(d.bytes(DATA + 0x800, 201), b.as_slice());
}

#[test]
fn mvc_with_different_bases_at_every_distance() {
    // mvc 0(32,%r3),0(%r2): d2 1f 30 00 20 00 — R3 = R2 + dist; expected from the PoP's
    // byte-at-a-time definition (each destination byte takes the source byte as it is
    // when that byte is moved).
    // Lengths 8 (inline, the helper for destructive overlap) and 32 (the helper).
    for (l, n) in [(0x07u8, 8usize), (0x1f, 32)] {
        for dist in -40i64..=40 {
            let init: Vec<u8> = (0..192u32).map(|i| (i * 7 + 3) as u8).collect();
            let (src, dst) = (64usize, (64 + dist) as usize);
            let mut want = init.clone();
            for i in 0..n {
                want[dst + i] = want[src + i];
            }
            let d = Case::new().gpr(2, DATA + src as u64).gpr(3, DATA + dst as u64).mem(DATA, &init).run(&[0xd2, l, 0x30, 0x00, 0x20, 0x00]);
            d.next();
            assert_eq!(d.bytes(DATA, 192), want, "length {n} distance {dist}");
        }
    }
}
