//! Vector string instructions (PoP ch. 23): `VFAE`, `VFEE`, `VFENE`, `VISTR`, `VSTRC` with
//! the IN/RT/ZS/CS flags and every element size. Expected values worked out by hand from
//! the book; each instruction runs interpreted and compiled (see `s390_harness`).

mod s390_harness;
mod vx_enc;

use cpu_s390x::exc;
use s390_harness::{Case, End, PC};
use vx_enc::*;

/// The byte-index result: index in byte 7, the rest zero.
fn idx(i: u64) -> u128 {
    d2(i, 0)
}
const IN: u32 = 8;
const RT: u32 = 4;
const ZS: u32 = 2;
const CS: u32 = 1;

#[test]
fn vfee_finds_equal_elements_and_zeros() {
    let vfee = |es, m5| vrr_b(0x80, 1, 2, 3, es, m5);
    let a = str16(b"hello, world", 0);
    let b = str16(b"xxxxo", b'x');
    // vfeebs: first equal byte is index 4 ('o'), no ZS: CC 1
    let d = Case::new().vr(2, a).vr(3, b).run(&vfee(0, CS));
    assert_eq!((d.vr(1), d.cc()), (idx(4), 1));
    // vfeezbs: equal at 4 before the zero at 12: CC 2
    let d = Case::new().vr(2, a).vr(3, b).run(&vfee(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(4), 2));
    // strlen idiom vfeezb %v1,%v2,%v2: every byte equals itself, so index 0 ... use V3 of 0xff
    let d = Case::new().vr(2, a).vr(3, u128::MAX).run(&vfee(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(12), 0));
    // no equal, no zero: 16, CC 3
    let d = Case::new().vr(2, str16(b"", b'a')).vr(3, u128::MAX).run(&vfee(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(16), 3));
    // zero and equal at the same element: CC 0
    let d = Case::new().vr(2, 0).vr(3, 0).run(&vfee(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(0), 0));
    // CS off: CC unchanged
    let d = Case::new().vr(2, a).vr(3, b).cc(3).run(&vfee(0, 0));
    assert_eq!(d.cc(), 3);
    // vfeehs: halfword 2 equal -> byte index 4
    let d = Case::new().vr(2, h8([1, 2, 3, 4, 5, 6, 7, 8])).vr(3, h8([0, 0, 3, 0, 0, 0, 0, 0])).run(&vfee(1, CS));
    assert_eq!((d.vr(1), d.cc()), (idx(4), 1));
    // vfeezfs: zero word 1 (byte 4) before equal word 3
    let d = Case::new().vr(2, w4([1, 0, 2, 3])).vr(3, w4([9, 9, 9, 3])).run(&vfee(2, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(4), 0));
    // element size 3: specification
    let d = Case::new().run(&vfee(3, 0));
    assert_eq!(d.end, End::Exc(exc::SPECIFICATION, PC));
}

#[test]
fn vfene_finds_the_first_difference() {
    let vfene = |es, m5| vrr_b(0x81, 1, 2, 3, es, m5);
    // strcmp idiom: vfenezbs on "abcd\0" vs "abxd\0": differs at 2, 'c' < 'x': CC 1
    let d = Case::new().vr(2, str16(b"abcd", 0)).vr(3, str16(b"abxd", 0)).run(&vfene(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(2), 1));
    let d = Case::new().vr(2, str16(b"abzd", 0)).vr(3, str16(b"abxd", 0)).run(&vfene(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(2), 2));
    // equal strings: the zero at 4 comes first: CC 0
    let d = Case::new().vr(2, str16(b"abcd", 0)).vr(3, str16(b"abcd", 0)).run(&vfene(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(4), 0));
    // "ab\0" vs "abc": the zero is the first difference: 0 < 'c', CC 1
    let d = Case::new().vr(2, str16(b"ab", 0)).vr(3, str16(b"abc", 0)).run(&vfene(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(2), 1));
    // all equal, no zero: 16, CC 3
    let d = Case::new().vr(2, str16(b"", 7)).vr(3, str16(b"", 7)).run(&vfene(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(16), 3));
    // without ZS the zero does not stop it
    let d = Case::new().vr(2, str16(b"ab", 0)).vr(3, str16(b"ab", 0)).run(&vfene(0, CS));
    assert_eq!((d.vr(1), d.cc()), (idx(16), 3));
    // vfenehs: halfword 1 differs, 0x8000 > 0x0001 unsigned: CC 2, index 2
    let d = Case::new().vr(2, h8([5, 0x8000, 0, 0, 0, 0, 0, 0])).vr(3, h8([5, 1, 0, 0, 0, 0, 0, 0])).run(&vfene(1, CS));
    assert_eq!((d.vr(1), d.cc()), (idx(2), 2));
}

#[test]
fn vfae_finds_any_of_a_set() {
    let vfae = |es, m5| vrr_b(0x82, 1, 2, 3, es, m5);
    // strpbrk-like: any of "od" in "hello world"
    let a = str16(b"hello world", 0);
    let set = str16(b"od", b'o');
    let d = Case::new().vr(2, a).vr(3, set).run(&vfae(0, CS));
    assert_eq!((d.vr(1), d.cc()), (idx(4), 1));
    // with ZS: match at 4 before zero at 11: CC 2
    let d = Case::new().vr(2, a).vr(3, set).run(&vfae(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(4), 2));
    // IN: first byte not in the set {'h','e'} is 'l' at 2
    let d = Case::new().vr(2, a).vr(3, str16(b"he", b'h')).run(&vfae(0, IN | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(2), 1));
    // RT: a mask of the matching bytes
    let d = Case::new().vr(2, str16(b"abcabc", b'z')).vr(3, str16(b"b", b'b')).run(&vfae(0, RT | CS));
    assert_eq!(d.vr(1), bytes([0, 0xff, 0, 0, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(d.cc(), 1);
    // no match, zero found: CC 0, index of the zero
    let d = Case::new().vr(2, str16(b"xyz", 0)).vr(3, str16(b"a", b'a')).run(&vfae(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(3), 0));
    // no match, no zero: CC 3
    let d = Case::new().vr(2, str16(b"", b'q')).vr(3, str16(b"a", b'a')).run(&vfae(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(16), 3));
    // vfaefs: word 2 equals some word of V3
    let d = Case::new().vr(2, w4([1, 2, 30, 4])).vr(3, w4([30, 40, 50, 60])).run(&vfae(2, CS));
    assert_eq!((d.vr(1), d.cc()), (idx(8), 1));
    // vfaehs with RT: halfwords 0 and 7
    let d = Case::new().vr(2, h8([9, 1, 2, 3, 4, 5, 6, 8])).vr(3, h8([8, 9, 8, 9, 8, 9, 8, 9])).run(&vfae(1, RT | CS));
    assert_eq!(d.vr(1), h8([0xffff, 0, 0, 0, 0, 0, 0, 0xffff]));
}

#[test]
fn vistr_isolates_the_string() {
    // vistrbs: bytes from the first zero on become zero; CC 0
    let v = bytes([1, 2, 3, 0, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    let d = Case::new().vr(2, v).run(&vrr_a(0x5c, 1, 2, 0, 0, CS));
    assert_eq!((d.vr(1), d.cc()), (bytes([1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), 0));
    // no zero: unchanged, CC 3
    let d = Case::new().vr(2, SEQ1).run(&vrr_a(0x5c, 1, 2, 0, 0, CS));
    assert_eq!((d.vr(1), d.cc()), (SEQ1, 3));
    // vistrh: halfword 2 is zero (bytes 4, 5); a zero byte inside a nonzero halfword is not
    let d = Case::new().vr(2, h8([0x0100, 0x0001, 0, 5, 6, 7, 8, 9])).cc(1).run(&vrr_a(0x5c, 1, 2, 1, 0, 0));
    assert_eq!((d.vr(1), d.cc()), (h8([0x0100, 0x0001, 0, 0, 0, 0, 0, 0]), 1));
    // vistrfs
    let d = Case::new().vr(2, w4([1, 2, 3, 0])).run(&vrr_a(0x5c, 1, 2, 2, 0, CS));
    assert_eq!((d.vr(1), d.cc()), (w4([1, 2, 3, 0]), 0));
}
const SEQ1: u128 = 0x0102_0304_0506_0708_090a_0b0c_0d0e_0f10;

#[test]
fn vstrc_range_compare() {
    let vstrc = |es, m6| vrr_d(0x8a, 1, 2, 3, 4, es, m6);
    // ranges: ['a','z'] as (GE 'a') AND (LE 'z'): control EQ|GT = 0xa0, EQ|LT = 0xc0
    let ranges = str16(b"az", 0);
    let ctl = bytes([0xa0, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // the remaining pairs have control 0 (never match)
    let s = str16(b"AB9c-x", 0);
    let d = Case::new().vr(2, s).vr(3, ranges).vr(4, ctl).run(&vstrc(0, CS));
    assert_eq!((d.vr(1), d.cc()), (idx(3), 1));
    // ZS: 'c' at 3 before the zero at 6: CC 2
    let d = Case::new().vr(2, s).vr(3, ranges).vr(4, ctl).run(&vstrc(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(3), 2));
    // IN: first byte outside the range: 0
    let d = Case::new().vr(2, s).vr(3, ranges).vr(4, ctl).run(&vstrc(0, IN | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(0), 1));
    // RT: mask of the in-range bytes ('c' at 3, 'x' at 5)
    let d = Case::new().vr(2, s).vr(3, ranges).vr(4, ctl).run(&vstrc(0, RT | CS));
    assert_eq!(d.vr(1), bytes([0, 0, 0, 0xff, 0, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    assert_eq!(d.cc(), 1);
    // no byte in range, zero found: CC 0
    let d = Case::new().vr(2, str16(b"ABC", 0)).vr(3, ranges).vr(4, ctl).run(&vstrc(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(3), 0));
    // no byte in range, no zero: 16, CC 3
    let d = Case::new().vr(2, str16(b"", b'A')).vr(3, ranges).vr(4, ctl).run(&vstrc(0, ZS | CS));
    assert_eq!((d.vr(1), d.cc()), (idx(16), 3));
    // second pair: (EQ 0x41) AND (EQ 0x41) matches 'A' only
    let ranges2 = bytes([b'a', b'z', b'A', b'A', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let ctl2 = bytes([0xa0, 0xc0, 0x80, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let d = Case::new().vr(2, str16(b"ZZA", b'Z')).vr(3, ranges2).vr(4, ctl2).run(&vstrc(0, CS));
    assert_eq!((d.vr(1), d.cc()), (idx(2), 1));
    // halfwords: range [0x100, 0x1ff] (GE, LE), controls in bits 0:2 of each halfword
    let r = h8([0x100, 0x1ff, 0, 0, 0, 0, 0, 0]);
    let c = h8([0xa000, 0xc000, 0, 0, 0, 0, 0, 0]);
    let d = Case::new().vr(2, h8([0xff, 0x200, 0x1ff, 0, 0, 0, 0, 0])).vr(3, r).vr(4, c).run(&vstrc(1, CS));
    assert_eq!((d.vr(1), d.cc()), (idx(4), 1));
    // words with RT and ZS: mask of words 0 and 2 (both 5 in [5, 5] via EQ, EQ)
    let r = w4([5, 5, 0, 0]);
    let c = w4([0x8000_0000, 0x8000_0000, 0, 0]);
    let d = Case::new().vr(2, w4([5, 0, 5, 7])).vr(3, r).vr(4, c).run(&vstrc(2, RT | ZS | CS));
    assert_eq!(d.vr(1), w4([!0, 0, !0, 0]));
    assert_eq!(d.cc(), 2, "match at word 0 before the zero word 1");
}

/// VFEE/VFENE define only the ZS and CS flags, VISTR only CS: the reserved M5 bits (IN and
/// RT of VFAE's layout, and ZS for VISTR) must be zero, otherwise a specification exception
/// (PoP ch. 23); V1 and the CC are left unchanged.
#[test]
fn reserved_m5_flags_are_a_specification_exception() {
    let a = str16(b"hello", 0);
    for m5 in [IN, RT, IN | RT | ZS | CS] {
        let d = Case::new().vr(1, 7).vr(2, a).vr(3, a).cc(2).run(&vrr_b(0x80, 1, 2, 3, 0, m5));
        assert_eq!((d.end, d.vr(1), d.cc()), (End::Exc(exc::SPECIFICATION, PC), 7, 2), "vfee m5={m5}");
        let d = Case::new().vr(1, 7).vr(2, a).vr(3, a).run(&vrr_b(0x81, 1, 2, 3, 1, m5));
        assert_eq!((d.end, d.vr(1)), (End::Exc(exc::SPECIFICATION, PC), 7), "vfene m5={m5}");
    }
    for m5 in [ZS, RT, IN | CS] {
        let d = Case::new().vr(1, 7).vr(2, a).run(&vrr_a(0x5c, 1, 2, 0, 0, m5));
        assert_eq!((d.end, d.vr(1)), (End::Exc(exc::SPECIFICATION, PC), 7), "vistr m5={m5}");
    }
    // The defined flags still run (vfeezbs, vistrbs).
    assert_eq!(Case::new().vr(2, a).vr(3, a).run(&vrr_b(0x80, 1, 2, 3, 0, ZS | CS)).end, End::At(PC + 6));
    assert_eq!(Case::new().vr(2, a).run(&vrr_a(0x5c, 1, 2, 0, 0, CS)).end, End::At(PC + 6));
}

/// Byte-element VFEE/VFENE/VISTR written from the PoP one byte at a time: (V1, CC).
fn reference(op: u8, a: [u8; 16], b: [u8; 16], zs: bool) -> (u128, u8) {
    let zero = if zs || op == 0x5c { a.iter().position(|&x| x == 0).unwrap_or(16) } else { 16 };
    match op {
        0x5c => {
            let mut r = a;
            r[zero.min(16)..].iter_mut().for_each(|x| *x = 0);
            (u128::from_be_bytes(r), if zero == 16 { 3 } else { 0 })
        }
        0x80 | 0x82 | 0x8a => {
            // 0x80 VFEE; 0x82 VFAE; 0x8a: VFAE with IN (not an opcode, just this table's key)
            let hit = match op {
                0x80 => (0..16).find(|&i| a[i] == b[i]),
                _ => (0..16).find(|&i| b.contains(&a[i]) != (op == 0x8a)),
            }
            .unwrap_or(16);
            let cc = if hit == 16 && zero == 16 {
                3
            } else if zero == 16 {
                1
            } else if hit < zero {
                2
            } else {
                0
            };
            (idx(hit.min(zero) as u64), cc)
        }
        _ => {
            let hit = (0..16).find(|&i| a[i] != b[i]).unwrap_or(16);
            let cc = if hit == 16 && zero == 16 {
                3
            } else if zero < hit {
                0
            } else if a[hit] < b[hit] {
                1
            } else {
                2
            };
            (idx(hit.min(zero) as u64), cc)
        }
    }
}

#[test]
fn byte_forms_match_the_byte_by_byte_definition() {
    // VFEE, VFENE, VISTR and VFAE (index result, with and without IN) on bytes.
    // Random vectors from a small alphabet (so zeros, equal and unequal bytes all occur, in
    // both doublewords), every flag combination, against `reference`; both tiers.
    let mut s = 0x1234_5678_9abc_def0u64;
    let mut rnd = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    for _ in 0..300 {
        let mut a = [0u8; 16];
        let mut b = [0u8; 16];
        let alpha = [0u8, 1, 0x7f, 0x80, 0xff, b'a'];
        for i in 0..16 {
            a[i] = alpha[(rnd() % 6) as usize];
            b[i] = if rnd() % 3 == 0 { alpha[(rnd() % 6) as usize] } else { a[i] };
        }
        let (va, vb) = (u128::from_be_bytes(a), u128::from_be_bytes(b));
        let vfae_in = [IN, IN | ZS, IN | CS, IN | ZS | CS];
        for (op, m5s) in
            [(0x80u8, [0, ZS, CS, ZS | CS]), (0x81, [0, ZS, CS, ZS | CS]), (0x5c, [0, CS, 0, CS]), (0x82, [0, ZS, CS, ZS | CS]), (0x82, vfae_in)]
        {
            for m5 in m5s {
                let insn = if op == 0x5c { vrr_a(op, 1, 2, 0, 0, m5) } else { vrr_b(op, 1, 2, 3, 0, m5) };
                let d = Case::new().vr(2, va).vr(3, vb).cc(2).run(&insn);
                let key = if op == 0x82 && m5 & IN != 0 { 0x8a } else { op };
                let (r, cc) = reference(key, a, b, m5 & ZS != 0);
                let cc = if m5 & CS != 0 { cc } else { 2 };
                assert_eq!((d.vr(1), d.cc()), (r, cc), "op {op:#x} m5 {m5} a {a:02x?} b {b:02x?}");
            }
        }
    }
}
