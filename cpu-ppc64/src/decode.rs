//! The ppc64 decode table: one row per instruction, the only place encodings are written.
//!
//! Each row: op name, mnemonic, format, mask, match bits, and the semantic function (named
//! after the mnemonic, in the file of its Power ISA chapter). Record (`.`) and overflow (`o`)
//! variants share a row: the mask leaves Rc/OE free and the semantic function reads them.
//! From this table come the decoder ([`decode`]), the dispatch to semantics ([`emit`]), the
//! mnemonic list and the overlap test.

use crate::forms::*;
use crate::Cx;
use crate::{branch, fixed_point, load_store, sprs, vsx, vmx, cr_ops};
use jit::frontend::Flow;
use jit::ir::Emitter;
use std::sync::OnceLock;

/// One decode row.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub op: Op,
    pub mnemonic: &'static str,
    pub form: &'static str,
    pub mask: u32,
    pub bits: u32,
}

macro_rules! decode_table {
    ($( $op:ident $mn:literal $form:ident $mask:literal $bits:literal => $sem:expr ;)*) => {
        /// Every instruction the decoder knows.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Op { $($op,)* }

        pub static ROWS: &[Row] = &[
            $( Row { op: Op::$op, mnemonic: $mn, form: stringify!($form), mask: $mask, bits: $bits }, )*
        ];

        /// Emits the semantics of a decoded instruction.
        pub fn emit<E: Emitter>(e: &mut E, op: Op, w: u32, cx: &Cx) -> Flow {
            match op {
                $( Op::$op => {
                    let f: fn(&mut E, &$form, &Cx) -> Flow = $sem;
                    f(e, &<$form>::decode(w), cx)
                } )*
            }
        }
    };
}

use fixed_point as fx;
use load_store as ls;

decode_table! {
    // ---- branch facility (Power ISA 3.0B Book I ch. 2): branch.rs ----
    B        "b"       I   0xfc00_0000 0x4800_0000 => branch::trans_b;
    BC       "bc"      B   0xfc00_0000 0x4000_0000 => branch::trans_bc;
    BCLR     "bclr"    Xl  0xfc00_07fe 0x4c00_0020 => branch::trans_bclr;
    BCCTR    "bcctr"   Xl  0xfc00_07fe 0x4c00_0420 => branch::trans_bcctr;
    BCTAR    "bctar"   Xl  0xfc00_07fe 0x4c00_0460 => branch::trans_bctar;
    SC       "sc"      Sc  0xfc00_0003 0x4400_0002 => branch::trans_sc;

    // ---- fixed-point arithmetic (ch. 3.3.9): fixed_point.rs ----
    ADDI     "addi"    D   0xfc00_0000 0x3800_0000 => fx::trans_addi;
    ADDIS    "addis"   D   0xfc00_0000 0x3c00_0000 => fx::trans_addis;
    ADD      "add"     Xo  0xfc00_01fe 0x7c00_0214 => fx::trans_add;
    CMPI     "cmpi"    D   0xfc40_0000 0x2c00_0000 => fx::trans_cmpi;
    CMPLI    "cmpli"   D   0xfc40_0000 0x2800_0000 => fx::trans_cmpli;
    CMP      "cmp"     X   0xfc40_07ff 0x7c00_0000 => fx::trans_cmp;
    CMPL     "cmpl"    X   0xfc40_07ff 0x7c00_0040 => fx::trans_cmpl;
    OR       "or"      X   0xfc00_07fe 0x7c00_0378 => fx::trans_or;

    // ---- loads and stores (ch. 3.3.2-3.3.6): load_store.rs ----
    LBZ      "lbz"     D   0xfc00_0000 0x8800_0000 => |e, a, cx| ls::ld_d(e, a, cx, ls::U8, false);
    LBZU     "lbzu"    D   0xfc00_0000 0x8c00_0000 => |e, a, cx| ls::ld_d(e, a, cx, ls::U8, true);
    LHZ      "lhz"     D   0xfc00_0000 0xa000_0000 => |e, a, cx| ls::ld_d(e, a, cx, ls::U16, false);
    LHZU     "lhzu"    D   0xfc00_0000 0xa400_0000 => |e, a, cx| ls::ld_d(e, a, cx, ls::U16, true);
    LHA      "lha"     D   0xfc00_0000 0xa800_0000 => |e, a, cx| ls::ld_d(e, a, cx, ls::S16, false);
    LHAU     "lhau"    D   0xfc00_0000 0xac00_0000 => |e, a, cx| ls::ld_d(e, a, cx, ls::S16, true);
    LWZ      "lwz"     D   0xfc00_0000 0x8000_0000 => |e, a, cx| ls::ld_d(e, a, cx, ls::U32, false);
    LWZU     "lwzu"    D   0xfc00_0000 0x8400_0000 => |e, a, cx| ls::ld_d(e, a, cx, ls::U32, true);
    STB      "stb"     D   0xfc00_0000 0x9800_0000 => |e, a, cx| ls::st_d(e, a, cx, ls::U8, false);
    STBU     "stbu"    D   0xfc00_0000 0x9c00_0000 => |e, a, cx| ls::st_d(e, a, cx, ls::U8, true);
    STH      "sth"     D   0xfc00_0000 0xb000_0000 => |e, a, cx| ls::st_d(e, a, cx, ls::U16, false);
    STHU     "sthu"    D   0xfc00_0000 0xb400_0000 => |e, a, cx| ls::st_d(e, a, cx, ls::U16, true);
    STW      "stw"     D   0xfc00_0000 0x9000_0000 => |e, a, cx| ls::st_d(e, a, cx, ls::U32, false);
    STWU     "stwu"    D   0xfc00_0000 0x9400_0000 => |e, a, cx| ls::st_d(e, a, cx, ls::U32, true);
    LD       "ld"      Ds  0xfc00_0003 0xe800_0000 => |e, a, cx| ls::ld_ds(e, a, cx, ls::U64, false);
    LDU      "ldu"     Ds  0xfc00_0003 0xe800_0001 => |e, a, cx| ls::ld_ds(e, a, cx, ls::U64, true);
    LWA      "lwa"     Ds  0xfc00_0003 0xe800_0002 => |e, a, cx| ls::ld_ds(e, a, cx, ls::S32, false);
    STD      "std"     Ds  0xfc00_0003 0xf800_0000 => |e, a, cx| ls::st_ds(e, a, cx, ls::U64, false);
    STDU     "stdu"    Ds  0xfc00_0003 0xf800_0001 => |e, a, cx| ls::st_ds(e, a, cx, ls::U64, true);

    // ---- special-purpose registers (ch. 3.3.17): sprs.rs ----
    MFSPR    "mfspr"   Xfx 0xfc00_07fe 0x7c00_02a6 => sprs::trans_mfspr;
    MTSPR    "mtspr"   Xfx 0xfc00_07fe 0x7c00_03a6 => sprs::trans_mtspr;

    // ---- CR logical (ch. 2.5.1): cr_ops.rs ----
    CRXOR    "crxor"   Xl  0xfc00_07fe 0x4c00_0182 => cr_ops::trans_crxor;

    // ---- VMX / VSX (Book I ch. 6, 7): vmx.rs, vsx.rs ----
    VOR      "vor"     Vx  0xfc00_07ff 0x1000_0484 => vmx::trans_vor;
    LXVD2X   "lxvd2x"  X   0xfc00_07fe 0x7c00_0698 => vsx::trans_lxvd2x;
}

/// Decodes a raw instruction word to its table row, if any.
pub fn decode(w: u32) -> Option<Op> {
    static INDEX: OnceLock<Vec<Vec<u16>>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut idx = vec![Vec::new(); 64];
        for (i, r) in ROWS.iter().enumerate() {
            idx[(r.bits >> 26) as usize].push(i as u16);
        }
        // Most specific rows first, so a row with more fixed bits wins over a wider one.
        for v in &mut idx {
            v.sort_by_key(|&i| std::cmp::Reverse(ROWS[i as usize].mask.count_ones()));
        }
        idx
    });
    index[(w >> 26) as usize]
        .iter()
        .map(|&i| &ROWS[i as usize])
        .find(|r| w & r.mask == r.bits)
        .map(|r| r.op)
}

pub fn row(op: Op) -> &'static Row {
    &ROWS[op as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No encoding may match two rows: for every pair, some bit both masks fix must differ.
    #[test]
    fn no_two_rows_overlap() {
        for (i, a) in ROWS.iter().enumerate() {
            assert_eq!(a.bits & !a.mask, 0, "{}: match bits outside its mask", a.mnemonic);
            assert_eq!(a.op as usize, i);
            for b in &ROWS[i + 1..] {
                let common = a.mask & b.mask;
                assert!(
                    (a.bits ^ b.bits) & common != 0,
                    "rows {} and {} match the same encodings",
                    a.mnemonic,
                    b.mnemonic
                );
            }
        }
    }
}
