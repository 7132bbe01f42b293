//! The ppc64 decode table: one row per instruction, the only place encodings are written.
//!
//! Each row: op name, mnemonic, format, mask, match bits, and the semantic function (named
//! after the mnemonic, in the file of its Power ISA chapter). Record (`.`) and overflow (`o`)
//! variants share a row: the mask leaves Rc/OE free and the semantic function reads them.
//! A `---- "title" ----` line starts a section (a facility, or a book chapter's file).
//! From this table come the decoder ([`decode`]), the dispatch to semantics ([`emit`]), the
//! mnemonic list, the overlap test and the coverage report (`examples/coverage.rs`).
//!
//! Encodings no row matches raise the illegal-instruction program interrupt. Instructions
//! that are known but have no semantics yet have rows calling [`trans_unimplemented`], which
//! raises [`exc::UNIMPLEMENTED`] so the machine can name them; privileged ones call
//! [`trans_privileged`], which is their whole behaviour in problem state.

use crate::forms::*;
use crate::{exc, Cx};
use crate::{branch, fixed_point, load_store, sprs, storage_control, vsx, vsx_fp, vsx_quad, vmx, vmx_bcd, vmx_crypto, vmx_fp, cr_ops};
use crate::vsx_fp_helpers::vm;
use crate::vsx_quad_helpers::qm;
use jit::frontend::Flow;
use jit::ir::{Emitter, Ty};
use std::sync::OnceLock;

/// One decode row.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub op: Op,
    pub mnemonic: &'static str,
    pub form: &'static str,
    pub mask: u32,
    pub bits: u32,
    /// The semantic function's source text, as written in the row.
    pub sem: &'static str,
    /// Title of the section this row opens, if a `---- "title" ----` line precedes it.
    pub starts_section: Option<&'static str>,
}

impl Row {
    /// False for known instructions whose row calls [`trans_unimplemented`].
    pub fn implemented(&self) -> bool {
        !self.sem.contains("trans_unimplemented")
    }
}

macro_rules! section_title {
    () => { None };
    ($t:literal) => { Some($t) };
}

macro_rules! decode_table {
    ($( $(---- $sec:literal ----)? $op:ident $mn:literal $form:ident $mask:literal $bits:literal => $sem:expr ;)*) => {
        /// Every instruction the decoder knows.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Op { $($op,)* }

        pub static ROWS: &[Row] = &[
            $( Row {
                op: Op::$op,
                mnemonic: $mn,
                form: stringify!($form),
                mask: $mask,
                bits: $bits,
                sem: stringify!($sem),
                starts_section: section_title!($($sec)?),
            }, )*
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
use crate::fp;
use crate::fp_helpers as fh;

decode_table! {
    ---- "branch facility (Power ISA 3.0B Book I ch. 2): branch.rs" ----
    B        "b"       I   0xfc00_0000 0x4800_0000 => branch::trans_b;
    BC       "bc"      B   0xfc00_0000 0x4000_0000 => branch::trans_bc;
    BCLR     "bclr"    Xl  0xfc00_07fe 0x4c00_0020 => branch::trans_bclr;
    BCCTR    "bcctr"   Xl  0xfc00_07fe 0x4c00_0420 => branch::trans_bcctr;
    BCTAR    "bctar"   Xl  0xfc00_07fe 0x4c00_0460 => branch::trans_bctar;
    SC       "sc"      Sc  0xfc00_0003 0x4400_0002 => branch::trans_sc;
    SCV      "scv"       Sc  0xfc00_0003 0x4400_0001 => branch::trans_scv;

    ---- "fixed-point (ch. 3.3.9-3.3.15): fixed_point.rs and fixed_point/" ----
    // -- add / subtract --
    ADDI     "addi"    D   0xfc00_0000 0x3800_0000 => fx::trans_addi;
    ADDIS    "addis"   D   0xfc00_0000 0x3c00_0000 => fx::trans_addis;
    ADDPCIS  "addpcis" Dx  0xfc00_003e 0x4c00_0004 => fx::trans_addpcis;
    ADDIC    "addic"   D   0xfc00_0000 0x3000_0000 => |e, a, cx| fx::trans_addic(e, a, cx, false);
    ADDIC_   "addic."  D   0xfc00_0000 0x3400_0000 => |e, a, cx| fx::trans_addic(e, a, cx, true);
    SUBFIC   "subfic"  D   0xfc00_0000 0x2000_0000 => fx::trans_subfic;
    ADD      "add"     Xo  0xfc00_03fe 0x7c00_0214 => fx::trans_add;
    ADDC     "addc"    Xo  0xfc00_03fe 0x7c00_0014 => fx::trans_addc;
    ADDE     "adde"    Xo  0xfc00_03fe 0x7c00_0114 => fx::trans_adde;
    ADDME    "addme"   Xo  0xfc00_03fe 0x7c00_01d4 => fx::trans_addme;
    ADDZE    "addze"   Xo  0xfc00_03fe 0x7c00_0194 => fx::trans_addze;
    SUBF     "subf"    Xo  0xfc00_03fe 0x7c00_0050 => fx::trans_subf;
    SUBFC    "subfc"   Xo  0xfc00_03fe 0x7c00_0010 => fx::trans_subfc;
    SUBFE    "subfe"   Xo  0xfc00_03fe 0x7c00_0110 => fx::trans_subfe;
    SUBFME   "subfme"  Xo  0xfc00_03fe 0x7c00_01d0 => fx::trans_subfme;
    SUBFZE   "subfze"  Xo  0xfc00_03fe 0x7c00_0190 => fx::trans_subfze;
    NEG      "neg"     Xo  0xfc00_03fe 0x7c00_00d0 => fx::trans_neg;
    ADDEX    "addex"   X   0xfc00_07ff 0x7c00_0154 => fx::trans_addex;
    // -- multiply / divide / modulo --
    MULLI    "mulli"   D   0xfc00_0000 0x1c00_0000 => fx::trans_mulli;
    MULLW    "mullw"   Xo  0xfc00_03fe 0x7c00_01d6 => fx::trans_mullw;
    MULLD    "mulld"   Xo  0xfc00_03fe 0x7c00_01d2 => fx::trans_mulld;
    MULHW    "mulhw"   Xo  0xfc00_07fe 0x7c00_0096 => fx::trans_mulhw;
    MULHWU   "mulhwu"  Xo  0xfc00_07fe 0x7c00_0016 => fx::trans_mulhwu;
    MULHD    "mulhd"   Xo  0xfc00_07fe 0x7c00_0092 => fx::trans_mulhd;
    MULHDU   "mulhdu"  Xo  0xfc00_07fe 0x7c00_0012 => fx::trans_mulhdu;
    MADDHD   "maddhd"  A   0xfc00_003f 0x1000_0030 => fx::trans_maddhd;
    MADDHDU  "maddhdu" A   0xfc00_003f 0x1000_0031 => fx::trans_maddhdu;
    MADDLD   "maddld"  A   0xfc00_003f 0x1000_0033 => fx::trans_maddld;
    DIVW     "divw"    Xo  0xfc00_03fe 0x7c00_03d6 => fx::trans_divw;
    DIVWU    "divwu"   Xo  0xfc00_03fe 0x7c00_0396 => fx::trans_divwu;
    DIVD     "divd"    Xo  0xfc00_03fe 0x7c00_03d2 => fx::trans_divd;
    DIVDU    "divdu"   Xo  0xfc00_03fe 0x7c00_0392 => fx::trans_divdu;
    DIVWE    "divwe"   Xo  0xfc00_03fe 0x7c00_0356 => fx::trans_divwe;
    DIVWEU   "divweu"  Xo  0xfc00_03fe 0x7c00_0316 => fx::trans_divweu;
    DIVDE    "divde"   Xo  0xfc00_03fe 0x7c00_0352 => fx::trans_divde;
    DIVDEU   "divdeu"  Xo  0xfc00_03fe 0x7c00_0312 => fx::trans_divdeu;
    MODSW    "modsw"   X   0xfc00_07ff 0x7c00_0616 => fx::trans_modsw;
    MODUW    "moduw"   X   0xfc00_07ff 0x7c00_0216 => fx::trans_moduw;
    MODSD    "modsd"   X   0xfc00_07ff 0x7c00_0612 => fx::trans_modsd;
    MODUD    "modud"   X   0xfc00_07ff 0x7c00_0212 => fx::trans_modud;
    DARN     "darn"    X   0xfc00_07ff 0x7c00_05e6 => fx::trans_darn;
    // -- compare (3.3.10) and trap (3.3.11) --
    CMPI     "cmpi"    D   0xfc40_0000 0x2c00_0000 => fx::trans_cmpi;
    CMPLI    "cmpli"   D   0xfc40_0000 0x2800_0000 => fx::trans_cmpli;
    CMP      "cmp"     X   0xfc40_07ff 0x7c00_0000 => fx::trans_cmp;
    CMPL     "cmpl"    X   0xfc40_07ff 0x7c00_0040 => fx::trans_cmpl;
    CMPRB    "cmprb"   X   0xfc00_07ff 0x7c00_0180 => fx::trans_cmprb;
    CMPEQB   "cmpeqb"  X   0xfc00_07ff 0x7c00_01c0 => fx::trans_cmpeqb;
    TW       "tw"      X   0xfc00_07ff 0x7c00_0008 => fx::trans_tw;
    TWI      "twi"     D   0xfc00_0000 0x0c00_0000 => fx::trans_twi;
    TD       "td"      X   0xfc00_07ff 0x7c00_0088 => fx::trans_td;
    TDI      "tdi"     D   0xfc00_0000 0x0800_0000 => fx::trans_tdi;
    // -- logical, extend, count, select (3.3.12-3.3.13): fixed_point/logical.rs --
    ANDI_    "andi."   D   0xfc00_0000 0x7000_0000 => fx::trans_andi_;
    ANDIS_   "andis."  D   0xfc00_0000 0x7400_0000 => fx::trans_andis_;
    ORI      "ori"     D   0xfc00_0000 0x6000_0000 => fx::trans_ori;
    ORIS     "oris"    D   0xfc00_0000 0x6400_0000 => fx::trans_oris;
    XORI     "xori"    D   0xfc00_0000 0x6800_0000 => fx::trans_xori;
    XORIS    "xoris"   D   0xfc00_0000 0x6c00_0000 => fx::trans_xoris;
    AND      "and"     X   0xfc00_07fe 0x7c00_0038 => fx::trans_and;
    ANDC     "andc"    X   0xfc00_07fe 0x7c00_0078 => fx::trans_andc;
    NAND     "nand"    X   0xfc00_07fe 0x7c00_03b8 => fx::trans_nand;
    OR       "or"      X   0xfc00_07fe 0x7c00_0378 => fx::trans_or;
    ORC      "orc"     X   0xfc00_07fe 0x7c00_0338 => fx::trans_orc;
    NOR      "nor"     X   0xfc00_07fe 0x7c00_00f8 => fx::trans_nor;
    XOR      "xor"     X   0xfc00_07fe 0x7c00_0278 => fx::trans_xor;
    EQV      "eqv"     X   0xfc00_07fe 0x7c00_0238 => fx::trans_eqv;
    EXTSB    "extsb"   X   0xfc00_07fe 0x7c00_0774 => fx::trans_extsb;
    EXTSH    "extsh"   X   0xfc00_07fe 0x7c00_0734 => fx::trans_extsh;
    EXTSW    "extsw"   X   0xfc00_07fe 0x7c00_07b4 => fx::trans_extsw;
    CNTLZW   "cntlzw"  X   0xfc00_07fe 0x7c00_0034 => fx::trans_cntlzw;
    CNTLZD   "cntlzd"  X   0xfc00_07fe 0x7c00_0074 => fx::trans_cntlzd;
    CNTTZW   "cnttzw"  X   0xfc00_07fe 0x7c00_0434 => fx::trans_cnttzw;
    CNTTZD   "cnttzd"  X   0xfc00_07fe 0x7c00_0474 => fx::trans_cnttzd;
    POPCNTB  "popcntb" X   0xfc00_07ff 0x7c00_00f4 => fx::trans_popcntb;
    POPCNTW  "popcntw" X   0xfc00_07ff 0x7c00_02f4 => fx::trans_popcntw;
    POPCNTD  "popcntd" X   0xfc00_07ff 0x7c00_03f4 => fx::trans_popcntd;
    PRTYW    "prtyw"   X   0xfc00_07ff 0x7c00_0134 => fx::trans_prtyw;
    PRTYD    "prtyd"   X   0xfc00_07ff 0x7c00_0174 => fx::trans_prtyd;
    BPERMD   "bpermd"  X   0xfc00_07ff 0x7c00_01f8 => fx::trans_bpermd;
    CMPB     "cmpb"    X   0xfc00_07ff 0x7c00_03f8 => fx::trans_cmpb;
    ISEL     "isel"    A   0xfc00_003e 0x7c00_001e => fx::trans_isel;
    // -- rotate and shift (3.3.14-3.3.15): fixed_point/rotate.rs --
    RLWINM   "rlwinm"  M   0xfc00_0000 0x5400_0000 => fx::trans_rlwinm;
    RLWNM    "rlwnm"   M   0xfc00_0000 0x5c00_0000 => fx::trans_rlwnm;
    RLWIMI   "rlwimi"  M   0xfc00_0000 0x5000_0000 => fx::trans_rlwimi;
    RLDICL   "rldicl"  Md  0xfc00_001c 0x7800_0000 => fx::trans_rldicl;
    RLDICR   "rldicr"  Md  0xfc00_001c 0x7800_0004 => fx::trans_rldicr;
    RLDIC    "rldic"   Md  0xfc00_001c 0x7800_0008 => fx::trans_rldic;
    RLDIMI   "rldimi"  Md  0xfc00_001c 0x7800_000c => fx::trans_rldimi;
    RLDCL    "rldcl"   Md  0xfc00_001e 0x7800_0010 => fx::trans_rldcl;
    RLDCR    "rldcr"   Md  0xfc00_001e 0x7800_0012 => fx::trans_rldcr;
    SLW      "slw"     X   0xfc00_07fe 0x7c00_0030 => fx::trans_slw;
    SRW      "srw"     X   0xfc00_07fe 0x7c00_0430 => fx::trans_srw;
    SRAW     "sraw"    X   0xfc00_07fe 0x7c00_0630 => fx::trans_sraw;
    SRAWI    "srawi"   X   0xfc00_07fe 0x7c00_0670 => fx::trans_srawi;
    SLD      "sld"     X   0xfc00_07fe 0x7c00_0036 => fx::trans_sld;
    SRD      "srd"     X   0xfc00_07fe 0x7c00_0436 => fx::trans_srd;
    SRAD     "srad"    X   0xfc00_07fe 0x7c00_0634 => fx::trans_srad;
    SRADI    "sradi"   Xs  0xfc00_07fc 0x7c00_0674 => fx::trans_sradi;
    EXTSWSLI "extswsli" Xs  0xfc00_07fc 0x7c00_06f4 => fx::trans_extswsli;

    ---- "loads and stores (ch. 3.3.2-3.3.6): load_store.rs" ----
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
    // -- X forms, byte-reversed, multiple, string, quadword, reservations --
    LBZX     "lbzx"      X   0xfc00_07fe 0x7c00_00ae => |e, a, cx| ls::ld_x(e, a, cx, ls::U8, false);
    LBZUX    "lbzux"     X   0xfc00_07fe 0x7c00_00ee => |e, a, cx| ls::ld_x(e, a, cx, ls::U8, true);
    LHZX     "lhzx"      X   0xfc00_07fe 0x7c00_022e => |e, a, cx| ls::ld_x(e, a, cx, ls::U16, false);
    LHZUX    "lhzux"     X   0xfc00_07fe 0x7c00_026e => |e, a, cx| ls::ld_x(e, a, cx, ls::U16, true);
    LHAX     "lhax"      X   0xfc00_07fe 0x7c00_02ae => |e, a, cx| ls::ld_x(e, a, cx, ls::S16, false);
    LHAUX    "lhaux"     X   0xfc00_07fe 0x7c00_02ee => |e, a, cx| ls::ld_x(e, a, cx, ls::S16, true);
    LWZX     "lwzx"      X   0xfc00_07fe 0x7c00_002e => |e, a, cx| ls::ld_x(e, a, cx, ls::U32, false);
    LWZUX    "lwzux"     X   0xfc00_07fe 0x7c00_006e => |e, a, cx| ls::ld_x(e, a, cx, ls::U32, true);
    LWAX     "lwax"      X   0xfc00_07fe 0x7c00_02aa => |e, a, cx| ls::ld_x(e, a, cx, ls::S32, false);
    LWAUX    "lwaux"     X   0xfc00_07fe 0x7c00_02ea => |e, a, cx| ls::ld_x(e, a, cx, ls::S32, true);
    LDX      "ldx"       X   0xfc00_07fe 0x7c00_002a => |e, a, cx| ls::ld_x(e, a, cx, ls::U64, false);
    LDUX     "ldux"      X   0xfc00_07fe 0x7c00_006a => |e, a, cx| ls::ld_x(e, a, cx, ls::U64, true);
    STBX     "stbx"      X   0xfc00_07fe 0x7c00_01ae => |e, a, cx| ls::st_x(e, a, cx, ls::U8, false);
    STBUX    "stbux"     X   0xfc00_07fe 0x7c00_01ee => |e, a, cx| ls::st_x(e, a, cx, ls::U8, true);
    STHX     "sthx"      X   0xfc00_07fe 0x7c00_032e => |e, a, cx| ls::st_x(e, a, cx, ls::U16, false);
    STHUX    "sthux"     X   0xfc00_07fe 0x7c00_036e => |e, a, cx| ls::st_x(e, a, cx, ls::U16, true);
    STWX     "stwx"      X   0xfc00_07fe 0x7c00_012e => |e, a, cx| ls::st_x(e, a, cx, ls::U32, false);
    STWUX    "stwux"     X   0xfc00_07fe 0x7c00_016e => |e, a, cx| ls::st_x(e, a, cx, ls::U32, true);
    STDX     "stdx"      X   0xfc00_07fe 0x7c00_012a => |e, a, cx| ls::st_x(e, a, cx, ls::U64, false);
    STDUX    "stdux"     X   0xfc00_07fe 0x7c00_016a => |e, a, cx| ls::st_x(e, a, cx, ls::U64, true);
    LHBRX    "lhbrx"     X   0xfc00_07fe 0x7c00_062c => |e, a, cx| ls::ld_brx(e, a, cx, ls::U16);
    LWBRX    "lwbrx"     X   0xfc00_07fe 0x7c00_042c => |e, a, cx| ls::ld_brx(e, a, cx, ls::U32);
    LDBRX    "ldbrx"     X   0xfc00_07fe 0x7c00_0428 => |e, a, cx| ls::ld_brx(e, a, cx, ls::U64);
    STHBRX   "sthbrx"    X   0xfc00_07fe 0x7c00_072c => |e, a, cx| ls::st_brx(e, a, cx, ls::U16);
    STWBRX   "stwbrx"    X   0xfc00_07fe 0x7c00_052c => |e, a, cx| ls::st_brx(e, a, cx, ls::U32);
    STDBRX   "stdbrx"    X   0xfc00_07fe 0x7c00_0528 => |e, a, cx| ls::st_brx(e, a, cx, ls::U64);
    LMW      "lmw"       D   0xfc00_0000 0xb800_0000 => ls::trans_lmw;
    STMW     "stmw"      D   0xfc00_0000 0xbc00_0000 => ls::trans_stmw;
    LSWI     "lswi"      X   0xfc00_07fe 0x7c00_04aa => ls::trans_lswi;
    LSWX     "lswx"      X   0xfc00_07fe 0x7c00_042a => ls::trans_lswx;
    STSWI    "stswi"     X   0xfc00_07fe 0x7c00_05aa => ls::trans_stswi;
    STSWX    "stswx"     X   0xfc00_07fe 0x7c00_052a => ls::trans_stswx;
    LQ       "lq"        Dq  0xfc00_000f 0xe000_0000 => ls::trans_lq;
    STQ      "stq"       Ds  0xfc00_0003 0xf800_0002 => ls::trans_stq;
    LBARX    "lbarx"     X   0xfc00_07fe 0x7c00_0068 => |e, a, cx| ls::ld_arx(e, a, cx, Ty::I8);
    LHARX    "lharx"     X   0xfc00_07fe 0x7c00_00e8 => |e, a, cx| ls::ld_arx(e, a, cx, Ty::I16);
    LWARX    "lwarx"     X   0xfc00_07fe 0x7c00_0028 => |e, a, cx| ls::ld_arx(e, a, cx, Ty::I32);
    LDARX    "ldarx"     X   0xfc00_07fe 0x7c00_00a8 => |e, a, cx| ls::ld_arx(e, a, cx, Ty::I64);
    LQARX    "lqarx"     X   0xfc00_07fe 0x7c00_0228 => ls::trans_lqarx;
    STBCX    "stbcx."    X   0xfc00_07ff 0x7c00_056d => |e, a, cx| ls::st_cx(e, a, cx, Ty::I8);
    STHCX    "sthcx."    X   0xfc00_07ff 0x7c00_05ad => |e, a, cx| ls::st_cx(e, a, cx, Ty::I16);
    STWCX    "stwcx."    X   0xfc00_07ff 0x7c00_012d => |e, a, cx| ls::st_cx(e, a, cx, Ty::I32);
    STDCX    "stdcx."    X   0xfc00_07ff 0x7c00_01ad => |e, a, cx| ls::st_cx(e, a, cx, Ty::I64);
    STQCX    "stqcx."    X   0xfc00_07ff 0x7c00_016d => ls::trans_stqcx;
    // -- floating-point loads and stores (ch. 4.6.2-4.6.3): fp_load_store.rs --
    LFS      "lfs"       D   0xfc00_0000 0xc000_0000 => |e, a, cx| crate::fp_load_store::ld_fp_d(e, a, cx, crate::fp_load_store::FpData::Single, false);
    LFSU     "lfsu"      D   0xfc00_0000 0xc400_0000 => |e, a, cx| crate::fp_load_store::ld_fp_d(e, a, cx, crate::fp_load_store::FpData::Single, true);
    LFD      "lfd"       D   0xfc00_0000 0xc800_0000 => |e, a, cx| crate::fp_load_store::ld_fp_d(e, a, cx, crate::fp_load_store::FpData::Double, false);
    LFDU     "lfdu"      D   0xfc00_0000 0xcc00_0000 => |e, a, cx| crate::fp_load_store::ld_fp_d(e, a, cx, crate::fp_load_store::FpData::Double, true);
    STFS     "stfs"      D   0xfc00_0000 0xd000_0000 => |e, a, cx| crate::fp_load_store::st_fp_d(e, a, cx, crate::fp_load_store::FpData::Single, false);
    STFSU    "stfsu"     D   0xfc00_0000 0xd400_0000 => |e, a, cx| crate::fp_load_store::st_fp_d(e, a, cx, crate::fp_load_store::FpData::Single, true);
    STFD     "stfd"      D   0xfc00_0000 0xd800_0000 => |e, a, cx| crate::fp_load_store::st_fp_d(e, a, cx, crate::fp_load_store::FpData::Double, false);
    STFDU    "stfdu"     D   0xfc00_0000 0xdc00_0000 => |e, a, cx| crate::fp_load_store::st_fp_d(e, a, cx, crate::fp_load_store::FpData::Double, true);
    LFSX     "lfsx"      X   0xfc00_07fe 0x7c00_042e => |e, a, cx| crate::fp_load_store::ld_fp_x(e, a, cx, crate::fp_load_store::FpData::Single, false);
    LFSUX    "lfsux"     X   0xfc00_07fe 0x7c00_046e => |e, a, cx| crate::fp_load_store::ld_fp_x(e, a, cx, crate::fp_load_store::FpData::Single, true);
    LFDX     "lfdx"      X   0xfc00_07fe 0x7c00_04ae => |e, a, cx| crate::fp_load_store::ld_fp_x(e, a, cx, crate::fp_load_store::FpData::Double, false);
    LFDUX    "lfdux"     X   0xfc00_07fe 0x7c00_04ee => |e, a, cx| crate::fp_load_store::ld_fp_x(e, a, cx, crate::fp_load_store::FpData::Double, true);
    LFIWAX   "lfiwax"    X   0xfc00_07fe 0x7c00_06ae => |e, a, cx| crate::fp_load_store::ld_fp_x(e, a, cx, crate::fp_load_store::FpData::WordSigned, false);
    LFIWZX   "lfiwzx"    X   0xfc00_07fe 0x7c00_06ee => |e, a, cx| crate::fp_load_store::ld_fp_x(e, a, cx, crate::fp_load_store::FpData::Word, false);
    STFSX    "stfsx"     X   0xfc00_07fe 0x7c00_052e => |e, a, cx| crate::fp_load_store::st_fp_x(e, a, cx, crate::fp_load_store::FpData::Single, false);
    STFSUX   "stfsux"    X   0xfc00_07fe 0x7c00_056e => |e, a, cx| crate::fp_load_store::st_fp_x(e, a, cx, crate::fp_load_store::FpData::Single, true);
    STFDX    "stfdx"     X   0xfc00_07fe 0x7c00_05ae => |e, a, cx| crate::fp_load_store::st_fp_x(e, a, cx, crate::fp_load_store::FpData::Double, false);
    STFDUX   "stfdux"    X   0xfc00_07fe 0x7c00_05ee => |e, a, cx| crate::fp_load_store::st_fp_x(e, a, cx, crate::fp_load_store::FpData::Double, true);
    STFIWX   "stfiwx"    X   0xfc00_07fe 0x7c00_07ae => |e, a, cx| crate::fp_load_store::st_fp_x(e, a, cx, crate::fp_load_store::FpData::Word, false);
    // -- storage control / sync (Book II ch. 4): storage_control.rs --
    SYNC     "sync"      X   0xfc00_07fe 0x7c00_04ac => storage_control::trans_sync;
    EIEIO    "eieio"     X   0xfc00_07fe 0x7c00_06ac => storage_control::trans_eieio;
    ISYNC    "isync"     Xl  0xfc00_07fe 0x4c00_012c => storage_control::trans_isync;
    DCBT     "dcbt"      X   0xfc00_07fe 0x7c00_022c => storage_control::trans_cache_hint;
    DCBTST   "dcbtst"    X   0xfc00_07fe 0x7c00_01ec => storage_control::trans_cache_hint;
    DCBST    "dcbst"     X   0xfc00_07fe 0x7c00_006c => storage_control::trans_cache_hint;
    DCBF     "dcbf"      X   0xfc00_07fe 0x7c00_00ac => storage_control::trans_cache_hint;
    ICBI     "icbi"      X   0xfc00_07fe 0x7c00_07ac => storage_control::trans_cache_hint;
    ICBT     "icbt"      X   0xfc00_07fe 0x7c00_002c => storage_control::trans_cache_hint;
    DCBZ     "dcbz"      X   0xfc00_07fe 0x7c00_07ec => storage_control::trans_dcbz;
    WAIT     "wait"      X   0xfc00_07fe 0x7c00_003c => storage_control::trans_wait;
    // -- data stream touch / stop (phased-out VMX hints): no-ops here, like the other hints --
    DST      "dst"       X   0xfe00_07fe 0x7c00_02ac => storage_control::trans_cache_hint;
    DSTT     "dstt"      X   0xfe00_07fe 0x7e00_02ac => storage_control::trans_cache_hint;
    DSTST    "dstst"     X   0xfe00_07fe 0x7c00_02ec => storage_control::trans_cache_hint;
    DSTSTT   "dststt"    X   0xfe00_07fe 0x7e00_02ec => storage_control::trans_cache_hint;
    DSS      "dss"       X   0xfe00_07fe 0x7c00_066c => storage_control::trans_cache_hint;
    DSSALL   "dssall"    X   0xfe00_07fe 0x7e00_066c => storage_control::trans_cache_hint;

    ---- "special-purpose registers (ch. 3.3.17): sprs.rs" ----
    MFSPR    "mfspr"   Xfx 0xfc00_07fe 0x7c00_02a6 => sprs::trans_mfspr;
    MTSPR    "mtspr"   Xfx 0xfc00_07fe 0x7c00_03a6 => sprs::trans_mtspr;
    MFTB     "mftb"    Xfx 0xfc00_07fe 0x7c00_02e6 => sprs::trans_mftb;
    MFMSR    "mfmsr"   X   0xfc00_07fe 0x7c00_00a6 => sprs::trans_msr_move;
    MTMSR    "mtmsr"   X   0xfc00_07fe 0x7c00_0124 => sprs::trans_msr_move;
    MTMSRD   "mtmsrd"  X   0xfc00_07fe 0x7c00_0164 => sprs::trans_msr_move;

    ---- "CR logical (ch. 2.5.1) and CR moves (3.3.17): cr_ops.rs" ----
    CRAND    "crand"   Xl  0xfc00_07fe 0x4c00_0202 => cr_ops::trans_crand;
    CRNAND   "crnand"  Xl  0xfc00_07fe 0x4c00_01c2 => cr_ops::trans_crnand;
    CROR     "cror"    Xl  0xfc00_07fe 0x4c00_0382 => cr_ops::trans_cror;
    CRXOR    "crxor"   Xl  0xfc00_07fe 0x4c00_0182 => cr_ops::trans_crxor;
    CRNOR    "crnor"   Xl  0xfc00_07fe 0x4c00_0042 => cr_ops::trans_crnor;
    CREQV    "creqv"   Xl  0xfc00_07fe 0x4c00_0242 => cr_ops::trans_creqv;
    CRANDC   "crandc"  Xl  0xfc00_07fe 0x4c00_0102 => cr_ops::trans_crandc;
    CRORC    "crorc"   Xl  0xfc00_07fe 0x4c00_0342 => cr_ops::trans_crorc;
    MCRF     "mcrf"    Xl  0xfc00_07fe 0x4c00_0000 => cr_ops::trans_mcrf;
    // -- CR moves (3.3.17) --
    MTCRF    "mtcrf"   Xfx 0xfc00_07fe 0x7c00_0120 => cr_ops::trans_mtcrf;
    MFCR     "mfcr"    Xfx 0xfc00_07fe 0x7c00_0026 => cr_ops::trans_mfcr;
    MCRXRX   "mcrxrx"  X   0xfc00_07ff 0x7c00_0480 => cr_ops::trans_mcrxrx;
    SETB     "setb"    X   0xfc00_07ff 0x7c00_0100 => cr_ops::trans_setb;

    ---- "VMX (Book I ch. 6): vmx.rs, helpers in vmx_helpers.rs" ----
    VOR      "vor"     Vx  0xfc00_07ff 0x1000_0484 => vmx::trans_vor;
    LVX      "lvx"       X   0xfc00_07fe 0x7c00_00ce => vmx::trans_lvx;
    LVXL     "lvxl"      X   0xfc00_07fe 0x7c00_02ce => vmx::trans_lvx;
    STVX     "stvx"      X   0xfc00_07fe 0x7c00_01ce => vmx::trans_stvx;
    STVXL    "stvxl"     X   0xfc00_07fe 0x7c00_03ce => vmx::trans_stvx;
    LVSL     "lvsl"      X   0xfc00_07fe 0x7c00_000c => vmx::trans_lvsl;
    LVSR     "lvsr"      X   0xfc00_07fe 0x7c00_004c => vmx::trans_lvsr;
    LVEBX    "lvebx"     X   0xfc00_07fe 0x7c00_000e => |e, a, cx| vmx::ld_ve(e, a, cx, 1);
    LVEHX    "lvehx"     X   0xfc00_07fe 0x7c00_004e => |e, a, cx| vmx::ld_ve(e, a, cx, 2);
    LVEWX    "lvewx"     X   0xfc00_07fe 0x7c00_008e => |e, a, cx| vmx::ld_ve(e, a, cx, 4);
    STVEBX   "stvebx"    X   0xfc00_07fe 0x7c00_010e => |e, a, cx| vmx::st_ve(e, a, cx, 1);
    STVEHX   "stvehx"    X   0xfc00_07fe 0x7c00_014e => |e, a, cx| vmx::st_ve(e, a, cx, 2);
    STVEWX   "stvewx"    X   0xfc00_07fe 0x7c00_018e => |e, a, cx| vmx::st_ve(e, a, cx, 4);
    VADDUBM  "vaddubm"   Vx  0xfc00_07ff 0x1000_0000 => vmx::trans_vaddubm;
    VADDUHM  "vadduhm"   Vx  0xfc00_07ff 0x1000_0040 => vmx::trans_vadduhm;
    VADDUWM  "vadduwm"   Vx  0xfc00_07ff 0x1000_0080 => vmx::trans_vadduwm;
    VADDUDM  "vaddudm"   Vx  0xfc00_07ff 0x1000_00c0 => vmx::trans_vaddudm;
    VADDUQM  "vadduqm"   Vx  0xfc00_07ff 0x1000_0100 => vmx::trans_vadduqm;
    VADDUBS  "vaddubs"   Vx  0xfc00_07ff 0x1000_0200 => vmx::trans_vaddubs;
    VADDUHS  "vadduhs"   Vx  0xfc00_07ff 0x1000_0240 => vmx::trans_vadduhs;
    VADDUWS  "vadduws"   Vx  0xfc00_07ff 0x1000_0280 => vmx::trans_vadduws;
    VADDSBS  "vaddsbs"   Vx  0xfc00_07ff 0x1000_0300 => vmx::trans_vaddsbs;
    VADDSHS  "vaddshs"   Vx  0xfc00_07ff 0x1000_0340 => vmx::trans_vaddshs;
    VADDSWS  "vaddsws"   Vx  0xfc00_07ff 0x1000_0380 => vmx::trans_vaddsws;
    VSUBUBM  "vsububm"   Vx  0xfc00_07ff 0x1000_0400 => vmx::trans_vsububm;
    VSUBUHM  "vsubuhm"   Vx  0xfc00_07ff 0x1000_0440 => vmx::trans_vsubuhm;
    VSUBUWM  "vsubuwm"   Vx  0xfc00_07ff 0x1000_0480 => vmx::trans_vsubuwm;
    VSUBUDM  "vsubudm"   Vx  0xfc00_07ff 0x1000_04c0 => vmx::trans_vsubudm;
    VSUBUQM  "vsubuqm"   Vx  0xfc00_07ff 0x1000_0500 => vmx::trans_vsubuqm;
    VSUBUBS  "vsububs"   Vx  0xfc00_07ff 0x1000_0600 => vmx::trans_vsububs;
    VSUBUHS  "vsubuhs"   Vx  0xfc00_07ff 0x1000_0640 => vmx::trans_vsubuhs;
    VSUBUWS  "vsubuws"   Vx  0xfc00_07ff 0x1000_0680 => vmx::trans_vsubuws;
    VSUBSBS  "vsubsbs"   Vx  0xfc00_07ff 0x1000_0700 => vmx::trans_vsubsbs;
    VSUBSHS  "vsubshs"   Vx  0xfc00_07ff 0x1000_0740 => vmx::trans_vsubshs;
    VSUBSWS  "vsubsws"   Vx  0xfc00_07ff 0x1000_0780 => vmx::trans_vsubsws;
    VSUMSWS  "vsumsws"   Vx  0xfc00_07ff 0x1000_0788 => vmx::trans_vsumsws;
    VAND     "vand"      Vx  0xfc00_07ff 0x1000_0404 => vmx::trans_vand;
    VANDC    "vandc"     Vx  0xfc00_07ff 0x1000_0444 => vmx::trans_vandc;
    VXOR     "vxor"      Vx  0xfc00_07ff 0x1000_04c4 => vmx::trans_vxor;
    VNOR     "vnor"      Vx  0xfc00_07ff 0x1000_0504 => vmx::trans_vnor;
    VORC     "vorc"      Vx  0xfc00_07ff 0x1000_0544 => vmx::trans_vorc;
    VNAND    "vnand"     Vx  0xfc00_07ff 0x1000_0584 => vmx::trans_vnand;
    VEQV     "veqv"      Vx  0xfc00_07ff 0x1000_0684 => vmx::trans_veqv;
    VSLO     "vslo"      Vx  0xfc00_07ff 0x1000_040c => vmx::trans_vslo;
    VSRO     "vsro"      Vx  0xfc00_07ff 0x1000_044c => vmx::trans_vsro;
    VSL      "vsl"       Vx  0xfc00_07ff 0x1000_01c4 => vmx::trans_vsl;
    VSR      "vsr"       Vx  0xfc00_07ff 0x1000_02c4 => vmx::trans_vsr;
    VMRGHB   "vmrghb"    Vx  0xfc00_07ff 0x1000_000c => vmx::trans_vmrghb;
    VMRGHH   "vmrghh"    Vx  0xfc00_07ff 0x1000_004c => vmx::trans_vmrghh;
    VMRGHW   "vmrghw"    Vx  0xfc00_07ff 0x1000_008c => vmx::trans_vmrghw;
    VMRGLB   "vmrglb"    Vx  0xfc00_07ff 0x1000_010c => vmx::trans_vmrglb;
    VMRGLH   "vmrglh"    Vx  0xfc00_07ff 0x1000_014c => vmx::trans_vmrglh;
    VMRGLW   "vmrglw"    Vx  0xfc00_07ff 0x1000_018c => vmx::trans_vmrglw;
    VPKUHUM  "vpkuhum"   Vx  0xfc00_07ff 0x1000_000e => vmx::trans_vpkuhum;
    VPKUWUM  "vpkuwum"   Vx  0xfc00_07ff 0x1000_004e => vmx::trans_vpkuwum;
    VPKUDUM  "vpkudum"   Vx  0xfc00_07ff 0x1000_044e => vmx::trans_vpkudum;
    VMAXUB   "vmaxub"    Vx  0xfc00_07ff 0x1000_0002 => vmx::trans_vmaxub;
    VMAXUH   "vmaxuh"    Vx  0xfc00_07ff 0x1000_0042 => vmx::trans_vmaxuh;
    VMAXUW   "vmaxuw"    Vx  0xfc00_07ff 0x1000_0082 => vmx::trans_vmaxuw;
    VMAXUD   "vmaxud"    Vx  0xfc00_07ff 0x1000_00c2 => vmx::trans_vmaxud;
    VMAXSB   "vmaxsb"    Vx  0xfc00_07ff 0x1000_0102 => vmx::trans_vmaxsb;
    VMAXSH   "vmaxsh"    Vx  0xfc00_07ff 0x1000_0142 => vmx::trans_vmaxsh;
    VMAXSW   "vmaxsw"    Vx  0xfc00_07ff 0x1000_0182 => vmx::trans_vmaxsw;
    VMAXSD   "vmaxsd"    Vx  0xfc00_07ff 0x1000_01c2 => vmx::trans_vmaxsd;
    VMINUB   "vminub"    Vx  0xfc00_07ff 0x1000_0202 => vmx::trans_vminub;
    VMINUH   "vminuh"    Vx  0xfc00_07ff 0x1000_0242 => vmx::trans_vminuh;
    VMINUW   "vminuw"    Vx  0xfc00_07ff 0x1000_0282 => vmx::trans_vminuw;
    VMINUD   "vminud"    Vx  0xfc00_07ff 0x1000_02c2 => vmx::trans_vminud;
    VMINSB   "vminsb"    Vx  0xfc00_07ff 0x1000_0302 => vmx::trans_vminsb;
    VMINSH   "vminsh"    Vx  0xfc00_07ff 0x1000_0342 => vmx::trans_vminsh;
    VMINSW   "vminsw"    Vx  0xfc00_07ff 0x1000_0382 => vmx::trans_vminsw;
    VMINSD   "vminsd"    Vx  0xfc00_07ff 0x1000_03c2 => vmx::trans_vminsd;
    VSLB     "vslb"      Vx  0xfc00_07ff 0x1000_0104 => vmx::trans_vslb;
    VSLH     "vslh"      Vx  0xfc00_07ff 0x1000_0144 => vmx::trans_vslh;
    VSLW     "vslw"      Vx  0xfc00_07ff 0x1000_0184 => vmx::trans_vslw;
    VSLD     "vsld"      Vx  0xfc00_07ff 0x1000_05c4 => vmx::trans_vsld;
    VSRB     "vsrb"      Vx  0xfc00_07ff 0x1000_0204 => vmx::trans_vsrb;
    VSRH     "vsrh"      Vx  0xfc00_07ff 0x1000_0244 => vmx::trans_vsrh;
    VSRW     "vsrw"      Vx  0xfc00_07ff 0x1000_0284 => vmx::trans_vsrw;
    VSRD     "vsrd"      Vx  0xfc00_07ff 0x1000_06c4 => vmx::trans_vsrd;
    VSRAB    "vsrab"     Vx  0xfc00_07ff 0x1000_0304 => vmx::trans_vsrab;
    VSRAH    "vsrah"     Vx  0xfc00_07ff 0x1000_0344 => vmx::trans_vsrah;
    VSRAW    "vsraw"     Vx  0xfc00_07ff 0x1000_0384 => vmx::trans_vsraw;
    VSRAD    "vsrad"     Vx  0xfc00_07ff 0x1000_03c4 => vmx::trans_vsrad;
    VRLB     "vrlb"      Vx  0xfc00_07ff 0x1000_0004 => vmx::trans_vrlb;
    VRLH     "vrlh"      Vx  0xfc00_07ff 0x1000_0044 => vmx::trans_vrlh;
    VRLW     "vrlw"      Vx  0xfc00_07ff 0x1000_0084 => vmx::trans_vrlw;
    VRLD     "vrld"      Vx  0xfc00_07ff 0x1000_00c4 => vmx::trans_vrld;
    VBPERMQ  "vbpermq"   Vx  0xfc00_07ff 0x1000_054c => vmx::trans_vbpermq;
    VBPERMD  "vbpermd"   Vx  0xfc00_07ff 0x1000_05cc => vmx::trans_vbpermd;
    VEXTUBLX "vextublx"  Vx  0xfc00_07ff 0x1000_060d => vmx::trans_vextublx;
    VEXTUHLX "vextuhlx"  Vx  0xfc00_07ff 0x1000_064d => vmx::trans_vextuhlx;
    VEXTUWLX "vextuwlx"  Vx  0xfc00_07ff 0x1000_068d => vmx::trans_vextuwlx;
    VEXTUBRX "vextubrx"  Vx  0xfc00_07ff 0x1000_070d => vmx::trans_vextubrx;
    VEXTUHRX "vextuhrx"  Vx  0xfc00_07ff 0x1000_074d => vmx::trans_vextuhrx;
    VEXTUWRX "vextuwrx"  Vx  0xfc00_07ff 0x1000_078d => vmx::trans_vextuwrx;
    VCLZB    "vclzb"     Vx  0xfc1f_07ff 0x1000_0702 => vmx::trans_vclzb;
    VCLZH    "vclzh"     Vx  0xfc1f_07ff 0x1000_0742 => vmx::trans_vclzh;
    VCLZW    "vclzw"     Vx  0xfc1f_07ff 0x1000_0782 => vmx::trans_vclzw;
    VCLZD    "vclzd"     Vx  0xfc1f_07ff 0x1000_07c2 => vmx::trans_vclzd;
    VPOPCNTB "vpopcntb"  Vx  0xfc1f_07ff 0x1000_0703 => vmx::trans_vpopcntb;
    VPOPCNTH "vpopcnth"  Vx  0xfc1f_07ff 0x1000_0743 => vmx::trans_vpopcnth;
    VPOPCNTW "vpopcntw"  Vx  0xfc1f_07ff 0x1000_0783 => vmx::trans_vpopcntw;
    VPOPCNTD "vpopcntd"  Vx  0xfc1f_07ff 0x1000_07c3 => vmx::trans_vpopcntd;
    VGBBD    "vgbbd"     Vx  0xfc1f_07ff 0x1000_050c => vmx::trans_vgbbd;
    VCLZLSBB "vclzlsbb"  Vx  0xfc1f_07ff 0x1000_0602 => vmx::trans_vclzlsbb;
    VCTZLSBB "vctzlsbb"  Vx  0xfc1f_07ff 0x1001_0602 => vmx::trans_vctzlsbb;
    VCTZB    "vctzb"     Vx  0xfc1f_07ff 0x101c_0602 => vmx::trans_vctzb;
    VCTZH    "vctzh"     Vx  0xfc1f_07ff 0x101d_0602 => vmx::trans_vctzh;
    VCTZW    "vctzw"     Vx  0xfc1f_07ff 0x101e_0602 => vmx::trans_vctzw;
    VCTZD    "vctzd"     Vx  0xfc1f_07ff 0x101f_0602 => vmx::trans_vctzd;
    VSPLTB   "vspltb"    Vx  0xfc00_07ff 0x1000_020c => vmx::trans_vspltb;
    VSPLTH   "vsplth"    Vx  0xfc00_07ff 0x1000_024c => vmx::trans_vsplth;
    VSPLTW   "vspltw"    Vx  0xfc00_07ff 0x1000_028c => vmx::trans_vspltw;
    VSPLTISB "vspltisb"  Vx  0xfc00_ffff 0x1000_030c => vmx::trans_vspltisb;
    VSPLTISH "vspltish"  Vx  0xfc00_ffff 0x1000_034c => vmx::trans_vspltish;
    VSPLTISW "vspltisw"  Vx  0xfc00_ffff 0x1000_038c => vmx::trans_vspltisw;
    MFVSCR   "mfvscr"    Vx  0xfc1f_f7ff 0x1000_0604 => vmx::trans_mfvscr;
    MTVSCR   "mtvscr"    Vx  0xffe0_07ff 0x1000_0644 => vmx::trans_mtvscr;
    VCMPEQUB "vcmpequb"  Vx  0xfc00_03ff 0x1000_0006 => vmx::trans_vcmpequb;
    VCMPEQUH "vcmpequh"  Vx  0xfc00_03ff 0x1000_0046 => vmx::trans_vcmpequh;
    VCMPEQUW "vcmpequw"  Vx  0xfc00_03ff 0x1000_0086 => vmx::trans_vcmpequw;
    VCMPEQUD "vcmpequd"  Vx  0xfc00_03ff 0x1000_00c7 => vmx::trans_vcmpequd;
    VCMPNEB  "vcmpneb"   Vx  0xfc00_03ff 0x1000_0007 => vmx::trans_vcmpneb;
    VCMPNEH  "vcmpneh"   Vx  0xfc00_03ff 0x1000_0047 => vmx::trans_vcmpneh;
    VCMPNEW  "vcmpnew"   Vx  0xfc00_03ff 0x1000_0087 => vmx::trans_vcmpnew;
    VCMPNEZB "vcmpnezb"  Vx  0xfc00_03ff 0x1000_0107 => vmx::trans_vcmpnezb;
    VCMPNEZH "vcmpnezh"  Vx  0xfc00_03ff 0x1000_0147 => vmx::trans_vcmpnezh;
    VCMPNEZW "vcmpnezw"  Vx  0xfc00_03ff 0x1000_0187 => vmx::trans_vcmpnezw;
    VCMPGTUB "vcmpgtub"  Vx  0xfc00_03ff 0x1000_0206 => vmx::trans_vcmpgtub;
    VCMPGTUH "vcmpgtuh"  Vx  0xfc00_03ff 0x1000_0246 => vmx::trans_vcmpgtuh;
    VCMPGTUW "vcmpgtuw"  Vx  0xfc00_03ff 0x1000_0286 => vmx::trans_vcmpgtuw;
    VCMPGTUD "vcmpgtud"  Vx  0xfc00_03ff 0x1000_02c7 => vmx::trans_vcmpgtud;
    VCMPGTSB "vcmpgtsb"  Vx  0xfc00_03ff 0x1000_0306 => vmx::trans_vcmpgtsb;
    VCMPGTSH "vcmpgtsh"  Vx  0xfc00_03ff 0x1000_0346 => vmx::trans_vcmpgtsh;
    VCMPGTSW "vcmpgtsw"  Vx  0xfc00_03ff 0x1000_0386 => vmx::trans_vcmpgtsw;
    VCMPGTSD "vcmpgtsd"  Vx  0xfc00_03ff 0x1000_03c7 => vmx::trans_vcmpgtsd;
    VSEL     "vsel"      Vx  0xfc00_003f 0x1000_002a => vmx::trans_vsel;
    VPERM    "vperm"     Vx  0xfc00_003f 0x1000_002b => vmx::trans_vperm;
    VPERMR   "vpermr"    Vx  0xfc00_003f 0x1000_003b => vmx::trans_vpermr;
    VSLDOI   "vsldoi"    Vx  0xfc00_043f 0x1000_002c => vmx::trans_vsldoi;
    // -- integer add/subtract with carry, extended, quadword --
    VADDCUQ  "vaddcuq"   Vx  0xfc00_07ff 0x1000_0140 => vmx::trans_vaddcuq;
    VADDCUW  "vaddcuw"   Vx  0xfc00_07ff 0x1000_0180 => vmx::trans_vaddcuw;
    VADDECUQ "vaddecuq"  Vx  0xfc00_003f 0x1000_003d => vmx::trans_vaddecuq;
    VADDEUQM "vaddeuqm"  Vx  0xfc00_003f 0x1000_003c => vmx::trans_vaddeuqm;
    VSUBCUQ  "vsubcuq"   Vx  0xfc00_07ff 0x1000_0540 => vmx::trans_vsubcuq;
    VSUBCUW  "vsubcuw"   Vx  0xfc00_07ff 0x1000_0580 => vmx::trans_vsubcuw;
    VSUBECUQ "vsubecuq"  Vx  0xfc00_003f 0x1000_003f => vmx::trans_vsubecuq;
    VSUBEUQM "vsubeuqm"  Vx  0xfc00_003f 0x1000_003e => vmx::trans_vsubeuqm;
    // -- integer multiply, multiply-add, multiply-sum, sum-across --
    VMHADDSHS "vmhaddshs" Vx  0xfc00_003f 0x1000_0020 => vmx::trans_vmhaddshs;
    VMHRADDSHS "vmhraddshs" Vx  0xfc00_003f 0x1000_0021 => vmx::trans_vmhraddshs;
    VMLADDUHM "vmladduhm" Vx  0xfc00_003f 0x1000_0022 => vmx::trans_vmladduhm;
    VMSUMMBM "vmsummbm"  Vx  0xfc00_003f 0x1000_0025 => vmx::trans_vmsummbm;
    VMSUMSHM "vmsumshm"  Vx  0xfc00_003f 0x1000_0028 => vmx::trans_vmsumshm;
    VMSUMSHS "vmsumshs"  Vx  0xfc00_003f 0x1000_0029 => vmx::trans_vmsumshs;
    VMSUMUBM "vmsumubm"  Vx  0xfc00_003f 0x1000_0024 => vmx::trans_vmsumubm;
    VMSUMUDM "vmsumudm"  Vx  0xfc00_003f 0x1000_0023 => vmx::trans_vmsumudm;
    VMSUMUHM "vmsumuhm"  Vx  0xfc00_003f 0x1000_0026 => vmx::trans_vmsumuhm;
    VMSUMUHS "vmsumuhs"  Vx  0xfc00_003f 0x1000_0027 => vmx::trans_vmsumuhs;
    VMULESB  "vmulesb"   Vx  0xfc00_07ff 0x1000_0308 => vmx::trans_vmulesb;
    VMULESH  "vmulesh"   Vx  0xfc00_07ff 0x1000_0348 => vmx::trans_vmulesh;
    VMULESW  "vmulesw"   Vx  0xfc00_07ff 0x1000_0388 => vmx::trans_vmulesw;
    VMULEUB  "vmuleub"   Vx  0xfc00_07ff 0x1000_0208 => vmx::trans_vmuleub;
    VMULEUH  "vmuleuh"   Vx  0xfc00_07ff 0x1000_0248 => vmx::trans_vmuleuh;
    VMULEUW  "vmuleuw"   Vx  0xfc00_07ff 0x1000_0288 => vmx::trans_vmuleuw;
    VMULOSB  "vmulosb"   Vx  0xfc00_07ff 0x1000_0108 => vmx::trans_vmulosb;
    VMULOSH  "vmulosh"   Vx  0xfc00_07ff 0x1000_0148 => vmx::trans_vmulosh;
    VMULOSW  "vmulosw"   Vx  0xfc00_07ff 0x1000_0188 => vmx::trans_vmulosw;
    VMULOUB  "vmuloub"   Vx  0xfc00_07ff 0x1000_0008 => vmx::trans_vmuloub;
    VMULOUH  "vmulouh"   Vx  0xfc00_07ff 0x1000_0048 => vmx::trans_vmulouh;
    VMULOUW  "vmulouw"   Vx  0xfc00_07ff 0x1000_0088 => vmx::trans_vmulouw;
    VMULUWM  "vmuluwm"   Vx  0xfc00_07ff 0x1000_0089 => vmx::trans_vmuluwm;
    VSUM2SWS "vsum2sws"  Vx  0xfc00_07ff 0x1000_0688 => vmx::trans_vsum2sws;
    VSUM4SBS "vsum4sbs"  Vx  0xfc00_07ff 0x1000_0708 => vmx::trans_vsum4sbs;
    VSUM4SHS "vsum4shs"  Vx  0xfc00_07ff 0x1000_0648 => vmx::trans_vsum4shs;
    VSUM4UBS "vsum4ubs"  Vx  0xfc00_07ff 0x1000_0608 => vmx::trans_vsum4ubs;
    // -- integer average, absolute difference, negate --
    VABSDUB  "vabsdub"   Vx  0xfc00_07ff 0x1000_0403 => vmx::trans_vabsdub;
    VABSDUH  "vabsduh"   Vx  0xfc00_07ff 0x1000_0443 => vmx::trans_vabsduh;
    VABSDUW  "vabsduw"   Vx  0xfc00_07ff 0x1000_0483 => vmx::trans_vabsduw;
    VAVGSB   "vavgsb"    Vx  0xfc00_07ff 0x1000_0502 => vmx::trans_vavgsb;
    VAVGSH   "vavgsh"    Vx  0xfc00_07ff 0x1000_0542 => vmx::trans_vavgsh;
    VAVGSW   "vavgsw"    Vx  0xfc00_07ff 0x1000_0582 => vmx::trans_vavgsw;
    VAVGUB   "vavgub"    Vx  0xfc00_07ff 0x1000_0402 => vmx::trans_vavgub;
    VAVGUH   "vavguh"    Vx  0xfc00_07ff 0x1000_0442 => vmx::trans_vavguh;
    VAVGUW   "vavguw"    Vx  0xfc00_07ff 0x1000_0482 => vmx::trans_vavguw;
    VNEGD    "vnegd"     Vx  0xfc1f_07ff 0x1007_0602 => vmx::trans_vnegd;
    VNEGW    "vnegw"     Vx  0xfc1f_07ff 0x1006_0602 => vmx::trans_vnegw;
    // -- pack, unpack, merge even/odd --
    VMRGEW   "vmrgew"    Vx  0xfc00_07ff 0x1000_078c => vmx::trans_vmrgew;
    VMRGOW   "vmrgow"    Vx  0xfc00_07ff 0x1000_068c => vmx::trans_vmrgow;
    VPKPX    "vpkpx"     Vx  0xfc00_07ff 0x1000_030e => vmx::trans_vpkpx;
    VPKSDSS  "vpksdss"   Vx  0xfc00_07ff 0x1000_05ce => vmx::trans_vpksdss;
    VPKSDUS  "vpksdus"   Vx  0xfc00_07ff 0x1000_054e => vmx::trans_vpksdus;
    VPKSHSS  "vpkshss"   Vx  0xfc00_07ff 0x1000_018e => vmx::trans_vpkshss;
    VPKSHUS  "vpkshus"   Vx  0xfc00_07ff 0x1000_010e => vmx::trans_vpkshus;
    VPKSWSS  "vpkswss"   Vx  0xfc00_07ff 0x1000_01ce => vmx::trans_vpkswss;
    VPKSWUS  "vpkswus"   Vx  0xfc00_07ff 0x1000_014e => vmx::trans_vpkswus;
    VPKUDUS  "vpkudus"   Vx  0xfc00_07ff 0x1000_04ce => vmx::trans_vpkudus;
    VPKUHUS  "vpkuhus"   Vx  0xfc00_07ff 0x1000_008e => vmx::trans_vpkuhus;
    VPKUWUS  "vpkuwus"   Vx  0xfc00_07ff 0x1000_00ce => vmx::trans_vpkuwus;
    VUPKHPX  "vupkhpx"   Vx  0xfc1f_07ff 0x1000_034e => vmx::trans_vupkhpx;
    VUPKHSB  "vupkhsb"   Vx  0xfc1f_07ff 0x1000_020e => vmx::trans_vupkhsb;
    VUPKHSH  "vupkhsh"   Vx  0xfc1f_07ff 0x1000_024e => vmx::trans_vupkhsh;
    VUPKHSW  "vupkhsw"   Vx  0xfc1f_07ff 0x1000_064e => vmx::trans_vupkhsw;
    VUPKLPX  "vupklpx"   Vx  0xfc1f_07ff 0x1000_03ce => vmx::trans_vupklpx;
    VUPKLSB  "vupklsb"   Vx  0xfc1f_07ff 0x1000_028e => vmx::trans_vupklsb;
    VUPKLSH  "vupklsh"   Vx  0xfc1f_07ff 0x1000_02ce => vmx::trans_vupklsh;
    VUPKLSW  "vupklsw"   Vx  0xfc1f_07ff 0x1000_06ce => vmx::trans_vupklsw;
    // -- rotate and mask, variable shift --
    VRLDMI   "vrldmi"    Vx  0xfc00_07ff 0x1000_00c5 => vmx::trans_vrldmi;
    VRLDNM   "vrldnm"    Vx  0xfc00_07ff 0x1000_01c5 => vmx::trans_vrldnm;
    VRLWMI   "vrlwmi"    Vx  0xfc00_07ff 0x1000_0085 => vmx::trans_vrlwmi;
    VRLWNM   "vrlwnm"    Vx  0xfc00_07ff 0x1000_0185 => vmx::trans_vrlwnm;
    VSLV     "vslv"      Vx  0xfc00_07ff 0x1000_0744 => vmx::trans_vslv;
    VSRV     "vsrv"      Vx  0xfc00_07ff 0x1000_0704 => vmx::trans_vsrv;
    // -- extract, insert, sign-extend, parity --
    VEXTRACTD "vextractd" Vx  0xfc10_07ff 0x1000_02cd => vmx::trans_vextractd;
    VEXTRACTUB "vextractub" Vx  0xfc10_07ff 0x1000_020d => vmx::trans_vextractub;
    VEXTRACTUH "vextractuh" Vx  0xfc10_07ff 0x1000_024d => vmx::trans_vextractuh;
    VEXTRACTUW "vextractuw" Vx  0xfc10_07ff 0x1000_028d => vmx::trans_vextractuw;
    VEXTSB2D "vextsb2d"  Vx  0xfc1f_07ff 0x1018_0602 => vmx::trans_vextsb2d;
    VEXTSB2W "vextsb2w"  Vx  0xfc1f_07ff 0x1010_0602 => vmx::trans_vextsb2w;
    VEXTSH2D "vextsh2d"  Vx  0xfc1f_07ff 0x1019_0602 => vmx::trans_vextsh2d;
    VEXTSH2W "vextsh2w"  Vx  0xfc1f_07ff 0x1011_0602 => vmx::trans_vextsh2w;
    VEXTSW2D "vextsw2d"  Vx  0xfc1f_07ff 0x101a_0602 => vmx::trans_vextsw2d;
    VINSERTB "vinsertb"  Vx  0xfc10_07ff 0x1000_030d => vmx::trans_vinsertb;
    VINSERTD "vinsertd"  Vx  0xfc10_07ff 0x1000_03cd => vmx::trans_vinsertd;
    VINSERTH "vinserth"  Vx  0xfc10_07ff 0x1000_034d => vmx::trans_vinserth;
    VINSERTW "vinsertw"  Vx  0xfc10_07ff 0x1000_038d => vmx::trans_vinsertw;
    VPRTYBD  "vprtybd"   Vx  0xfc1f_07ff 0x1009_0602 => vmx::trans_vprtybd;
    VPRTYBQ  "vprtybq"   Vx  0xfc1f_07ff 0x100a_0602 => vmx::trans_vprtybq;
    VPRTYBW  "vprtybw"   Vx  0xfc1f_07ff 0x1008_0602 => vmx::trans_vprtybw;
    // -- cryptography, polynomial multiply-sum, permute-xor --
    VCIPHER  "vcipher"   Vx  0xfc00_07ff 0x1000_0508 => vmx_crypto::trans_vcipher;
    VCIPHERLAST "vcipherlast" Vx  0xfc00_07ff 0x1000_0509 => vmx_crypto::trans_vcipherlast;
    VNCIPHER "vncipher"  Vx  0xfc00_07ff 0x1000_0548 => vmx_crypto::trans_vncipher;
    VNCIPHERLAST "vncipherlast" Vx  0xfc00_07ff 0x1000_0549 => vmx_crypto::trans_vncipherlast;
    VPERMXOR "vpermxor"  Vx  0xfc00_003f 0x1000_002d => vmx_crypto::trans_vpermxor;
    VPMSUMB  "vpmsumb"   Vx  0xfc00_07ff 0x1000_0408 => vmx_crypto::trans_vpmsumb;
    VPMSUMD  "vpmsumd"   Vx  0xfc00_07ff 0x1000_04c8 => vmx_crypto::trans_vpmsumd;
    VPMSUMH  "vpmsumh"   Vx  0xfc00_07ff 0x1000_0448 => vmx_crypto::trans_vpmsumh;
    VPMSUMW  "vpmsumw"   Vx  0xfc00_07ff 0x1000_0488 => vmx_crypto::trans_vpmsumw;
    VSBOX    "vsbox"     Vx  0xfc00_ffff 0x1000_05c8 => vmx_crypto::trans_vsbox;
    VSHASIGMAD "vshasigmad" Vx  0xfc00_07ff 0x1000_06c2 => vmx_crypto::trans_vshasigmad;
    VSHASIGMAW "vshasigmaw" Vx  0xfc00_07ff 0x1000_0682 => vmx_crypto::trans_vshasigmaw;
    // -- floating point --
    VADDFP   "vaddfp"    Vx  0xfc00_07ff 0x1000_000a => vmx_fp::trans_vaddfp;
    VCFSX    "vcfsx"     Vx  0xfc00_07ff 0x1000_034a => vmx_fp::trans_vcfsx;
    VCFUX    "vcfux"     Vx  0xfc00_07ff 0x1000_030a => vmx_fp::trans_vcfux;
    VCMPBFP  "vcmpbfp"   Vx  0xfc00_03ff 0x1000_03c6 => vmx_fp::trans_vcmpbfp;
    VCMPEQFP "vcmpeqfp"  Vx  0xfc00_03ff 0x1000_00c6 => vmx_fp::trans_vcmpeqfp;
    VCMPGEFP "vcmpgefp"  Vx  0xfc00_03ff 0x1000_01c6 => vmx_fp::trans_vcmpgefp;
    VCMPGTFP "vcmpgtfp"  Vx  0xfc00_03ff 0x1000_02c6 => vmx_fp::trans_vcmpgtfp;
    VCTSXS   "vctsxs"    Vx  0xfc00_07ff 0x1000_03ca => vmx_fp::trans_vctsxs;
    VCTUXS   "vctuxs"    Vx  0xfc00_07ff 0x1000_038a => vmx_fp::trans_vctuxs;
    VEXPTEFP "vexptefp"  Vx  0xfc1f_07ff 0x1000_018a => vmx_fp::trans_vexptefp;
    VLOGEFP  "vlogefp"   Vx  0xfc1f_07ff 0x1000_01ca => vmx_fp::trans_vlogefp;
    VMADDFP  "vmaddfp"   Vx  0xfc00_003f 0x1000_002e => vmx_fp::trans_vmaddfp;
    VMAXFP   "vmaxfp"    Vx  0xfc00_07ff 0x1000_040a => vmx_fp::trans_vmaxfp;
    VMINFP   "vminfp"    Vx  0xfc00_07ff 0x1000_044a => vmx_fp::trans_vminfp;
    VNMSUBFP "vnmsubfp"  Vx  0xfc00_003f 0x1000_002f => vmx_fp::trans_vnmsubfp;
    VREFP    "vrefp"     Vx  0xfc1f_07ff 0x1000_010a => vmx_fp::trans_vrefp;
    VRFIM    "vrfim"     Vx  0xfc1f_07ff 0x1000_02ca => vmx_fp::trans_vrfim;
    VRFIN    "vrfin"     Vx  0xfc1f_07ff 0x1000_020a => vmx_fp::trans_vrfin;
    VRFIP    "vrfip"     Vx  0xfc1f_07ff 0x1000_028a => vmx_fp::trans_vrfip;
    VRFIZ    "vrfiz"     Vx  0xfc1f_07ff 0x1000_024a => vmx_fp::trans_vrfiz;
    VRSQRTEFP "vrsqrtefp" Vx  0xfc1f_07ff 0x1000_014a => vmx_fp::trans_vrsqrtefp;
    VSUBFP   "vsubfp"    Vx  0xfc00_07ff 0x1000_004a => vmx_fp::trans_vsubfp;
    // -- decimal integer (BCD) and multiply-by-10 --
    BCDADD   "bcdadd."   Vx  0xfc00_05ff 0x1000_0401 => vmx_bcd::trans_bcdadd;
    BCDCFN   "bcdcfn."   Vx  0xfc1f_05ff 0x1007_0581 => vmx_bcd::trans_bcdcfn;
    BCDCFSQ  "bcdcfsq."  Vx  0xfc1f_05ff 0x1002_0581 => vmx_bcd::trans_bcdcfsq;
    BCDCFZ   "bcdcfz."   Vx  0xfc1f_05ff 0x1006_0581 => vmx_bcd::trans_bcdcfz;
    BCDCPSGN "bcdcpsgn." Vx  0xfc00_07ff 0x1000_0341 => vmx_bcd::trans_bcdcpsgn;
    BCDCTN   "bcdctn."   Vx  0xfc1f_07ff 0x1005_0581 => vmx_bcd::trans_bcdctn;
    BCDCTSQ  "bcdctsq."  Vx  0xfc1f_07ff 0x1000_0581 => vmx_bcd::trans_bcdctsq;
    BCDCTZ   "bcdctz."   Vx  0xfc1f_05ff 0x1004_0581 => vmx_bcd::trans_bcdctz;
    BCDS     "bcds."     Vx  0xfc00_05ff 0x1000_04c1 => vmx_bcd::trans_bcds;
    BCDSETSGN "bcdsetsgn." Vx  0xfc1f_05ff 0x101f_0581 => vmx_bcd::trans_bcdsetsgn;
    BCDSR    "bcdsr."    Vx  0xfc00_05ff 0x1000_05c1 => vmx_bcd::trans_bcdsr;
    BCDSUB   "bcdsub."   Vx  0xfc00_05ff 0x1000_0441 => vmx_bcd::trans_bcdsub;
    BCDTRUNC "bcdtrunc." Vx  0xfc00_05ff 0x1000_0501 => vmx_bcd::trans_bcdtrunc;
    BCDUS    "bcdus."    Vx  0xfc00_07ff 0x1000_0481 => vmx_bcd::trans_bcdus;
    BCDUTRUNC "bcdutrunc." Vx  0xfc00_07ff 0x1000_0541 => vmx_bcd::trans_bcdutrunc;
    VMUL10CUQ "vmul10cuq" Vx  0xfc00_ffff 0x1000_0001 => vmx_bcd::trans_vmul10cuq;
    VMUL10ECUQ "vmul10ecuq" Vx  0xfc00_07ff 0x1000_0041 => vmx_bcd::trans_vmul10ecuq;
    VMUL10EUQ "vmul10euq" Vx  0xfc00_07ff 0x1000_0241 => vmx_bcd::trans_vmul10euq;
    VMUL10UQ "vmul10uq"  Vx  0xfc00_ffff 0x1000_0201 => vmx_bcd::trans_vmul10uq;
    ---- "VSX (Book I ch. 7): vsx.rs, helpers in vsx_helpers.rs" ----
    LXVD2X   "lxvd2x"    X   0xfc00_07fe 0x7c00_0698 => |e, a, cx| vsx::ld_elems(e, a, cx, 64);
    STXVD2X  "stxvd2x"   X   0xfc00_07fe 0x7c00_0798 => |e, a, cx| vsx::st_elems(e, a, cx, 64);
    LXVW4X   "lxvw4x"    X   0xfc00_07fe 0x7c00_0618 => |e, a, cx| vsx::ld_elems(e, a, cx, 32);
    STXVW4X  "stxvw4x"   X   0xfc00_07fe 0x7c00_0718 => |e, a, cx| vsx::st_elems(e, a, cx, 32);
    LXVH8X   "lxvh8x"    X   0xfc00_07fe 0x7c00_0658 => |e, a, cx| vsx::ld_elems(e, a, cx, 16);
    STXVH8X  "stxvh8x"   X   0xfc00_07fe 0x7c00_0758 => |e, a, cx| vsx::st_elems(e, a, cx, 16);
    LXVB16X  "lxvb16x"   X   0xfc00_07fe 0x7c00_06d8 => |e, a, cx| vsx::ld_elems(e, a, cx, 8);
    STXVB16X "stxvb16x"  X   0xfc00_07fe 0x7c00_07d8 => |e, a, cx| vsx::st_elems(e, a, cx, 8);
    LXVX     "lxvx"      X   0xfc00_07fe 0x7c00_0218 => vsx::trans_lxvx;
    STXVX    "stxvx"     X   0xfc00_07fe 0x7c00_0318 => vsx::trans_stxvx;
    LXVDSX   "lxvdsx"    X   0xfc00_07fe 0x7c00_0298 => vsx::trans_lxvdsx;
    LXVWSX   "lxvwsx"    X   0xfc00_07fe 0x7c00_02d8 => vsx::trans_lxvwsx;
    LXVL     "lxvl"      X   0xfc00_07fe 0x7c00_021a => vsx::trans_lxvl;
    LXVLL    "lxvll"     X   0xfc00_07fe 0x7c00_025a => vsx::trans_lxvll;
    STXVL    "stxvl"     X   0xfc00_07fe 0x7c00_031a => vsx::trans_stxvl;
    STXVLL   "stxvll"    X   0xfc00_07fe 0x7c00_035a => vsx::trans_stxvll;
    LXSDX    "lxsdx"     X   0xfc00_07fe 0x7c00_0498 => |e, a, cx| vsx::ld_scalar_x(e, a, cx, Ty::I64, false, vsx::Dw1::Keep);
    LXSIWZX  "lxsiwzx"   X   0xfc00_07fe 0x7c00_0018 => |e, a, cx| vsx::ld_scalar_x(e, a, cx, Ty::I32, false, vsx::Dw1::Keep);
    LXSIWAX  "lxsiwax"   X   0xfc00_07fe 0x7c00_0098 => |e, a, cx| vsx::ld_scalar_x(e, a, cx, Ty::I32, true, vsx::Dw1::Keep);
    LXSIBZX  "lxsibzx"   X   0xfc00_07fe 0x7c00_061a => |e, a, cx| vsx::ld_scalar_x(e, a, cx, Ty::I8, false, vsx::Dw1::Zero);
    LXSIHZX  "lxsihzx"   X   0xfc00_07fe 0x7c00_065a => |e, a, cx| vsx::ld_scalar_x(e, a, cx, Ty::I16, false, vsx::Dw1::Zero);
    STXSDX   "stxsdx"    X   0xfc00_07fe 0x7c00_0598 => |e, a, cx| vsx::st_scalar_x(e, a, cx, Ty::I64);
    STXSIWX  "stxsiwx"   X   0xfc00_07fe 0x7c00_0118 => |e, a, cx| vsx::st_scalar_x(e, a, cx, Ty::I32);
    STXSIBX  "stxsibx"   X   0xfc00_07fe 0x7c00_071a => |e, a, cx| vsx::st_scalar_x(e, a, cx, Ty::I8);
    STXSIHX  "stxsihx"   X   0xfc00_07fe 0x7c00_075a => |e, a, cx| vsx::st_scalar_x(e, a, cx, Ty::I16);
    LXSSPX   "lxsspx"    X   0xfc00_07fe 0x7c00_0418 => vsx::trans_lxsspx;
    STXSSPX  "stxsspx"   X   0xfc00_07fe 0x7c00_0518 => vsx::trans_stxsspx;
    MFVSRD   "mfvsrd"    X   0xfc00_07fe 0x7c00_0066 => vsx::trans_mfvsrd;
    MFVSRWZ  "mfvsrwz"   X   0xfc00_07fe 0x7c00_00e6 => vsx::trans_mfvsrwz;
    MFVSRLD  "mfvsrld"   X   0xfc00_07fe 0x7c00_0266 => vsx::trans_mfvsrld;
    MTVSRD   "mtvsrd"    X   0xfc00_07fe 0x7c00_0166 => vsx::trans_mtvsrd;
    MTVSRWA  "mtvsrwa"   X   0xfc00_07fe 0x7c00_01a6 => vsx::trans_mtvsrwa;
    MTVSRWZ  "mtvsrwz"   X   0xfc00_07fe 0x7c00_01e6 => vsx::trans_mtvsrwz;
    MTVSRDD  "mtvsrdd"   X   0xfc00_07fe 0x7c00_0366 => vsx::trans_mtvsrdd;
    MTVSRWS  "mtvsrws"   X   0xfc00_07fe 0x7c00_0326 => vsx::trans_mtvsrws;
    LXSD     "lxsd"      Ds  0xfc00_0003 0xe400_0002 => vsx::trans_lxsd;
    LXSSP    "lxssp"     Ds  0xfc00_0003 0xe400_0003 => vsx::trans_lxssp;
    STXSD    "stxsd"     Ds  0xfc00_0003 0xf400_0002 => vsx::trans_stxsd;
    STXSSP   "stxssp"    Ds  0xfc00_0003 0xf400_0003 => vsx::trans_stxssp;
    LXV      "lxv"       Dq  0xfc00_0007 0xf400_0001 => vsx::trans_lxv;
    STXV     "stxv"      Dq  0xfc00_0007 0xf400_0005 => vsx::trans_stxv;
    XXLAND   "xxland"    Xx  0xfc00_07f8 0xf000_0410 => vsx::trans_xxland;
    XXLANDC  "xxlandc"   Xx  0xfc00_07f8 0xf000_0450 => vsx::trans_xxlandc;
    XXLOR    "xxlor"     Xx  0xfc00_07f8 0xf000_0490 => vsx::trans_xxlor;
    XXLXOR   "xxlxor"    Xx  0xfc00_07f8 0xf000_04d0 => vsx::trans_xxlxor;
    XXLNOR   "xxlnor"    Xx  0xfc00_07f8 0xf000_0510 => vsx::trans_xxlnor;
    XXLORC   "xxlorc"    Xx  0xfc00_07f8 0xf000_0550 => vsx::trans_xxlorc;
    XXLNAND  "xxlnand"   Xx  0xfc00_07f8 0xf000_0590 => vsx::trans_xxlnand;
    XXLEQV   "xxleqv"    Xx  0xfc00_07f8 0xf000_05d0 => vsx::trans_xxleqv;
    XXMRGHW  "xxmrghw"   Xx  0xfc00_07f8 0xf000_0090 => vsx::trans_xxmrghw;
    XXMRGLW  "xxmrglw"   Xx  0xfc00_07f8 0xf000_0190 => vsx::trans_xxmrglw;
    XXPERM   "xxperm"    Xx  0xfc00_07f8 0xf000_00d0 => vsx::trans_xxperm;
    XXPERMR  "xxpermr"   Xx  0xfc00_07f8 0xf000_01d0 => vsx::trans_xxpermr;
    XSCPSGNDP "xscpsgndp" Xx  0xfc00_07f8 0xf000_0580 => vsx::trans_xscpsgndp;
    XXPERMDI "xxpermdi"  Xx  0xfc00_04f8 0xf000_0050 => vsx::trans_xxpermdi;
    XXSLDWI  "xxsldwi"   Xx  0xfc00_04f8 0xf000_0010 => vsx::trans_xxsldwi;
    XXSEL    "xxsel"     Xx  0xfc00_0030 0xf000_0030 => vsx::trans_xxsel;
    XXSPLTW  "xxspltw"   Xx  0xfc1c_07fc 0xf000_0290 => vsx::trans_xxspltw;
    XXBRH    "xxbrh"     Xx  0xfc1f_07fc 0xf007_076c => vsx::trans_xxbrh;
    XXBRW    "xxbrw"     Xx  0xfc1f_07fc 0xf00f_076c => vsx::trans_xxbrw;
    XXBRD    "xxbrd"     Xx  0xfc1f_07fc 0xf017_076c => vsx::trans_xxbrd;
    XXBRQ    "xxbrq"     Xx  0xfc1f_07fc 0xf01f_076c => vsx::trans_xxbrq;
    XSABSDP  "xsabsdp"   Xx  0xfc1f_07fc 0xf000_0564 => vsx::trans_xsabsdp;
    XSNABSDP "xsnabsdp"  Xx  0xfc1f_07fc 0xf000_05a4 => vsx::trans_xsnabsdp;
    XSNEGDP  "xsnegdp"   Xx  0xfc1f_07fc 0xf000_05e4 => vsx::trans_xsnegdp;
    XSCVSPDPN "xscvspdpn" Xx  0xfc1f_07fc 0xf000_052c => vsx::trans_xscvspdpn;
    XSCVDPSPN "xscvdpspn" Xx  0xfc1f_07fc 0xf000_042c => vsx::trans_xscvdpspn;
    XXSPLTIB "xxspltib"  X   0xfc18_07fe 0xf000_02d0 => vsx::trans_xxspltib;
    XSABSQP  "xsabsqp"   X   0xfc1f_07ff 0xfc00_0648 => vsx::trans_xsabsqp;
    XSNABSQP "xsnabsqp"  X   0xfc1f_07ff 0xfc08_0648 => vsx::trans_xsnabsqp;
    XSNEGQP  "xsnegqp"   X   0xfc1f_07ff 0xfc10_0648 => vsx::trans_xsnegqp;
    XSCPSGNQP "xscpsgnqp" X   0xfc00_07ff 0xfc00_00c8 => vsx::trans_xscpsgnqp;
    // -- VSX scalar floating point (§7.6.1): fp.rs, helpers in fp_helpers.rs --
    XSADDDP    "xsadddp"     Xx   0xfc00_07f8 0xf000_0100 => |e, a, cx| fp::xs_arith(e, a, cx, fp::Arith::Add, false);
    XSSUBDP    "xssubdp"     Xx   0xfc00_07f8 0xf000_0140 => |e, a, cx| fp::xs_arith(e, a, cx, fp::Arith::Sub, false);
    XSMULDP    "xsmuldp"     Xx   0xfc00_07f8 0xf000_0180 => |e, a, cx| fp::xs_arith(e, a, cx, fp::Arith::Mul, false);
    XSDIVDP    "xsdivdp"     Xx   0xfc00_07f8 0xf000_01c0 => |e, a, cx| fp::xs_arith(e, a, cx, fp::Arith::Div, false);
    XSADDSP    "xsaddsp"     Xx   0xfc00_07f8 0xf000_0000 => |e, a, cx| fp::xs_arith(e, a, cx, fp::Arith::Add, true);
    XSSUBSP    "xssubsp"     Xx   0xfc00_07f8 0xf000_0040 => |e, a, cx| fp::xs_arith(e, a, cx, fp::Arith::Sub, true);
    XSMULSP    "xsmulsp"     Xx   0xfc00_07f8 0xf000_0080 => |e, a, cx| fp::xs_arith(e, a, cx, fp::Arith::Mul, true);
    XSDIVSP    "xsdivsp"     Xx   0xfc00_07f8 0xf000_00c0 => |e, a, cx| fp::xs_arith(e, a, cx, fp::Arith::Div, true);
    XSMADDADP  "xsmaddadp"   Xx   0xfc00_07f8 0xf000_0108 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Madd, false, false);
    XSMADDASP  "xsmaddasp"   Xx   0xfc00_07f8 0xf000_0008 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Madd, false, true);
    XSMADDMDP  "xsmaddmdp"   Xx   0xfc00_07f8 0xf000_0148 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Madd, true, false);
    XSMADDMSP  "xsmaddmsp"   Xx   0xfc00_07f8 0xf000_0048 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Madd, true, true);
    XSMSUBADP  "xsmsubadp"   Xx   0xfc00_07f8 0xf000_0188 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Msub, false, false);
    XSMSUBASP  "xsmsubasp"   Xx   0xfc00_07f8 0xf000_0088 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Msub, false, true);
    XSMSUBMDP  "xsmsubmdp"   Xx   0xfc00_07f8 0xf000_01c8 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Msub, true, false);
    XSMSUBMSP  "xsmsubmsp"   Xx   0xfc00_07f8 0xf000_00c8 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Msub, true, true);
    XSNMADDADP "xsnmaddadp"  Xx   0xfc00_07f8 0xf000_0508 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Nmadd, false, false);
    XSNMADDASP "xsnmaddasp"  Xx   0xfc00_07f8 0xf000_0408 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Nmadd, false, true);
    XSNMADDMDP "xsnmaddmdp"  Xx   0xfc00_07f8 0xf000_0548 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Nmadd, true, false);
    XSNMADDMSP "xsnmaddmsp"  Xx   0xfc00_07f8 0xf000_0448 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Nmadd, true, true);
    XSNMSUBADP "xsnmsubadp"  Xx   0xfc00_07f8 0xf000_0588 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Nmsub, false, false);
    XSNMSUBASP "xsnmsubasp"  Xx   0xfc00_07f8 0xf000_0488 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Nmsub, false, true);
    XSNMSUBMDP "xsnmsubmdp"  Xx   0xfc00_07f8 0xf000_05c8 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Nmsub, true, false);
    XSNMSUBMSP "xsnmsubmsp"  Xx   0xfc00_07f8 0xf000_04c8 => |e, a, cx| fp::xs_madd(e, a, cx, fp::Arith::Nmsub, true, true);
    XSCMPUDP   "xscmpudp"    Xfl  0xfc00_07f8 0xf000_0118 => |e, a, cx| fp::xs_compare(e, a, cx, false);
    XSCMPODP   "xscmpodp"    Xfl  0xfc00_07f8 0xf000_0158 => |e, a, cx| fp::xs_compare(e, a, cx, true);
    XSTDIVDP   "xstdivdp"    Xfl  0xfc00_07f8 0xf000_01e8 => fp::trans_xstdivdp;
    XSMAXDP    "xsmaxdp"     Xx   0xfc00_07f8 0xf000_0500 => |e, a, cx| fp::xs_max_min(e, a, cx, true);
    XSMINDP    "xsmindp"     Xx   0xfc00_07f8 0xf000_0540 => |e, a, cx| fp::xs_max_min(e, a, cx, false);
    XSCVDPSXDS "xscvdpsxds"  Xx   0xfc1f_07fc 0xf000_0560 => |e, a, cx| fp::xs_to_int(e, a, cx, true, 64);
    XSCVDPSXWS "xscvdpsxws"  Xx   0xfc1f_07fc 0xf000_0160 => |e, a, cx| fp::xs_to_int(e, a, cx, true, 32);
    XSCVDPUXDS "xscvdpuxds"  Xx   0xfc1f_07fc 0xf000_0520 => |e, a, cx| fp::xs_to_int(e, a, cx, false, 64);
    XSCVDPUXWS "xscvdpuxws"  Xx   0xfc1f_07fc 0xf000_0120 => |e, a, cx| fp::xs_to_int(e, a, cx, false, 32);
    XSCVSXDDP  "xscvsxddp"   Xx   0xfc1f_07fc 0xf000_05e0 => |e, a, cx| fp::xs_from_int(e, a, cx, true, false);
    XSCVUXDDP  "xscvuxddp"   Xx   0xfc1f_07fc 0xf000_05a0 => |e, a, cx| fp::xs_from_int(e, a, cx, false, false);
    XSCVSXDSP  "xscvsxdsp"   Xx   0xfc1f_07fc 0xf000_04e0 => |e, a, cx| fp::xs_from_int(e, a, cx, true, true);
    XSCVUXDSP  "xscvuxdsp"   Xx   0xfc1f_07fc 0xf000_04a0 => |e, a, cx| fp::xs_from_int(e, a, cx, false, true);
    XSRSP      "xsrsp"       Xx   0xfc1f_07fc 0xf000_0464 => fp::trans_xsrsp;
    XSCVDPSP   "xscvdpsp"    Xx   0xfc1f_07fc 0xf000_0424 => fp::trans_xscvdpsp;
    XSCVSPDP   "xscvspdp"    Xx   0xfc1f_07fc 0xf000_0524 => fp::trans_xscvspdp;
    XSSQRTDP   "xssqrtdp"    Xx   0xfc1f_07fc 0xf000_012c => |e, a, cx| fp::xs_unary(e, a, cx, fp::Arith::Sqrt, false);
    XSSQRTSP   "xssqrtsp"    Xx   0xfc1f_07fc 0xf000_002c => |e, a, cx| fp::xs_unary(e, a, cx, fp::Arith::Sqrt, true);
    XSREDP     "xsredp"      Xx   0xfc1f_07fc 0xf000_0168 => |e, a, cx| fp::xs_unary(e, a, cx, fp::Arith::Re, false);
    XSRESP     "xsresp"      Xx   0xfc1f_07fc 0xf000_0068 => |e, a, cx| fp::xs_unary(e, a, cx, fp::Arith::Re, true);
    XSRSQRTEDP "xsrsqrtedp"  Xx   0xfc1f_07fc 0xf000_0128 => |e, a, cx| fp::xs_unary(e, a, cx, fp::Arith::Rsqrte, false);
    XSRSQRTESP "xsrsqrtesp"  Xx   0xfc1f_07fc 0xf000_0028 => |e, a, cx| fp::xs_unary(e, a, cx, fp::Arith::Rsqrte, true);
    XSRDPI     "xsrdpi"      Xx   0xfc1f_07fc 0xf000_0124 => |e, a, cx| fp::xs_round_int(e, a, cx, fp::ri::NEAREST_AWAY);
    XSRDPIC    "xsrdpic"     Xx   0xfc1f_07fc 0xf000_01ac => |e, a, cx| fp::xs_round_int(e, a, cx, fp::ri::CURRENT);
    XSRDPIM    "xsrdpim"     Xx   0xfc1f_07fc 0xf000_01e4 => |e, a, cx| fp::xs_round_int(e, a, cx, fp::ri::DOWN);
    XSRDPIP    "xsrdpip"     Xx   0xfc1f_07fc 0xf000_01a4 => |e, a, cx| fp::xs_round_int(e, a, cx, fp::ri::UP);
    XSRDPIZ    "xsrdpiz"     Xx   0xfc1f_07fc 0xf000_0164 => |e, a, cx| fp::xs_round_int(e, a, cx, fp::ri::ZERO);
    XSTSQRTDP  "xstsqrtdp"   Xfl  0xfc1f_07fc 0xf000_01a8 => fp::trans_xstsqrtdp;
    // -- v3.0 scalar additions: compares to a mask, type-C/J max/min, exponent compare,
    // test data class, half-precision conversions, exponent/significand moves --
    XSCMPEQDP  "xscmpeqdp"   Xx   0xfc00_07f8 0xf000_0018 => |e, a, cx| fp::xs_cmp_mask(e, a, cx, fh::m::CMP_EQ);
    XSCMPGTDP  "xscmpgtdp"   Xx   0xfc00_07f8 0xf000_0058 => |e, a, cx| fp::xs_cmp_mask(e, a, cx, fh::m::CMP_GT);
    XSCMPGEDP  "xscmpgedp"   Xx   0xfc00_07f8 0xf000_0098 => |e, a, cx| fp::xs_cmp_mask(e, a, cx, fh::m::CMP_GE);
    XSMAXCDP   "xsmaxcdp"    Xx   0xfc00_07f8 0xf000_0400 => |e, a, cx| fp::xs_max_min_cj(e, a, cx, true, fh::m::TYPE_C);
    XSMINCDP   "xsmincdp"    Xx   0xfc00_07f8 0xf000_0440 => |e, a, cx| fp::xs_max_min_cj(e, a, cx, false, fh::m::TYPE_C);
    XSMAXJDP   "xsmaxjdp"    Xx   0xfc00_07f8 0xf000_0480 => |e, a, cx| fp::xs_max_min_cj(e, a, cx, true, fh::m::TYPE_J);
    XSMINJDP   "xsminjdp"    Xx   0xfc00_07f8 0xf000_04c0 => |e, a, cx| fp::xs_max_min_cj(e, a, cx, false, fh::m::TYPE_J);
    XSCMPEXPDP "xscmpexpdp"  Xfl  0xfc00_07f8 0xf000_01d8 => fp::trans_xscmpexpdp;
    XSTSTDCDP  "xststdcdp"   Xfl  0xfc00_07fc 0xf000_05a8 => |e, a, cx| fp::xs_tstdc(e, a, cx, false);
    XSTSTDCSP  "xststdcsp"   Xfl  0xfc00_07fc 0xf000_04a8 => |e, a, cx| fp::xs_tstdc(e, a, cx, true);
    XSCVHPDP   "xscvhpdp"    Xx   0xfc1f_07fc 0xf010_056c => fp::trans_xscvhpdp;
    XSCVDPHP   "xscvdphp"    Xx   0xfc1f_07fc 0xf011_056c => fp::trans_xscvdphp;
    XSXEXPDP   "xsxexpdp"    Xx   0xfc1f_07fc 0xf000_056c => fp::trans_xsxexpdp;
    XSXSIGDP   "xsxsigdp"    Xx   0xfc1f_07fc 0xf001_056c => fp::trans_xsxsigdp;
    XSIEXPDP   "xsiexpdp"    Xx   0xfc00_07fe 0xf000_072c => fp::trans_xsiexpdp;

    ---- "floating point (Book I ch. 4): fp.rs, helpers in fp_helpers.rs" ----
    // -- moves and select (§4.6.5, 4.6.9) --
    FMR        "fmr"         X    0xfc00_07fe 0xfc00_0090 => fp::trans_fmr;
    FNEG       "fneg"        X    0xfc00_07fe 0xfc00_0050 => fp::trans_fneg;
    FABS       "fabs"        X    0xfc00_07fe 0xfc00_0210 => fp::trans_fabs;
    FNABS      "fnabs"       X    0xfc00_07fe 0xfc00_0110 => fp::trans_fnabs;
    FCPSGN     "fcpsgn"      X    0xfc00_07fe 0xfc00_0010 => fp::trans_fcpsgn;
    FMRGEW     "fmrgew"      X    0xfc00_07ff 0xfc00_078c => fp::trans_fmrgew;
    FMRGOW     "fmrgow"      X    0xfc00_07ff 0xfc00_068c => fp::trans_fmrgow;
    FSEL       "fsel"        A    0xfc00_003e 0xfc00_002e => fp::trans_fsel;
    // -- arithmetic (§4.6.6) --
    FADD       "fadd"        A    0xfc00_003e 0xfc00_002a => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Add, false);
    FADDS      "fadds"       A    0xfc00_003e 0xec00_002a => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Add, true);
    FSUB       "fsub"        A    0xfc00_003e 0xfc00_0028 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Sub, false);
    FSUBS      "fsubs"       A    0xfc00_003e 0xec00_0028 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Sub, true);
    FMUL       "fmul"        A    0xfc00_003e 0xfc00_0032 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Mul, false);
    FMULS      "fmuls"       A    0xfc00_003e 0xec00_0032 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Mul, true);
    FDIV       "fdiv"        A    0xfc00_003e 0xfc00_0024 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Div, false);
    FDIVS      "fdivs"       A    0xfc00_003e 0xec00_0024 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Div, true);
    FSQRT      "fsqrt"       A    0xfc00_003e 0xfc00_002c => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Sqrt, false);
    FSQRTS     "fsqrts"      A    0xfc00_003e 0xec00_002c => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Sqrt, true);
    FRE        "fre"         A    0xfc00_003e 0xfc00_0030 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Re, false);
    FRES       "fres"        A    0xfc00_003e 0xec00_0030 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Re, true);
    FRSQRTE    "frsqrte"     A    0xfc00_003e 0xfc00_0034 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Rsqrte, false);
    FRSQRTES   "frsqrtes"    A    0xfc00_003e 0xec00_0034 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Rsqrte, true);
    FMADD      "fmadd"       A    0xfc00_003e 0xfc00_003a => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Madd, false);
    FMADDS     "fmadds"      A    0xfc00_003e 0xec00_003a => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Madd, true);
    FMSUB      "fmsub"       A    0xfc00_003e 0xfc00_0038 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Msub, false);
    FMSUBS     "fmsubs"      A    0xfc00_003e 0xec00_0038 => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Msub, true);
    FNMADD     "fnmadd"      A    0xfc00_003e 0xfc00_003e => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Nmadd, false);
    FNMADDS    "fnmadds"     A    0xfc00_003e 0xec00_003e => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Nmadd, true);
    FNMSUB     "fnmsub"      A    0xfc00_003e 0xfc00_003c => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Nmsub, false);
    FNMSUBS    "fnmsubs"     A    0xfc00_003e 0xec00_003c => |e, a, cx| fp::arith(e, a, cx, fp::Arith::Nmsub, true);
    // -- rounding and conversion (§4.6.7) --
    FRSP       "frsp"        X    0xfc00_07fe 0xfc00_0018 => fp::trans_frsp;
    FCTIW      "fctiw"       X    0xfc00_07fe 0xfc00_001c => |e, a, cx| fp::to_int(e, a, cx, true, 32, false);
    FCTIWZ     "fctiwz"      X    0xfc00_07fe 0xfc00_001e => |e, a, cx| fp::to_int(e, a, cx, true, 32, true);
    FCTIWU     "fctiwu"      X    0xfc00_07fe 0xfc00_011c => |e, a, cx| fp::to_int(e, a, cx, false, 32, false);
    FCTIWUZ    "fctiwuz"     X    0xfc00_07fe 0xfc00_011e => |e, a, cx| fp::to_int(e, a, cx, false, 32, true);
    FCTID      "fctid"       X    0xfc00_07fe 0xfc00_065c => |e, a, cx| fp::to_int(e, a, cx, true, 64, false);
    FCTIDZ     "fctidz"      X    0xfc00_07fe 0xfc00_065e => |e, a, cx| fp::to_int(e, a, cx, true, 64, true);
    FCTIDU     "fctidu"      X    0xfc00_07fe 0xfc00_075c => |e, a, cx| fp::to_int(e, a, cx, false, 64, false);
    FCTIDUZ    "fctiduz"     X    0xfc00_07fe 0xfc00_075e => |e, a, cx| fp::to_int(e, a, cx, false, 64, true);
    FCFID      "fcfid"       X    0xfc00_07fe 0xfc00_069c => |e, a, cx| fp::from_int(e, a, cx, true, false);
    FCFIDU     "fcfidu"      X    0xfc00_07fe 0xfc00_079c => |e, a, cx| fp::from_int(e, a, cx, false, false);
    FCFIDS     "fcfids"      X    0xfc00_07fe 0xec00_069c => |e, a, cx| fp::from_int(e, a, cx, true, true);
    FCFIDUS    "fcfidus"     X    0xfc00_07fe 0xec00_079c => |e, a, cx| fp::from_int(e, a, cx, false, true);
    FRIN       "frin"        X    0xfc00_07fe 0xfc00_0310 => |e, a, cx| fp::round_int(e, a, cx, fp::ri::NEAREST_AWAY);
    FRIZ       "friz"        X    0xfc00_07fe 0xfc00_0350 => |e, a, cx| fp::round_int(e, a, cx, fp::ri::ZERO);
    FRIP       "frip"        X    0xfc00_07fe 0xfc00_0390 => |e, a, cx| fp::round_int(e, a, cx, fp::ri::UP);
    FRIM       "frim"        X    0xfc00_07fe 0xfc00_03d0 => |e, a, cx| fp::round_int(e, a, cx, fp::ri::DOWN);
    // -- compare and test (§4.6.8) --
    FCMPU      "fcmpu"       X    0xfc00_07fe 0xfc00_0000 => |e, a, cx| fp::compare(e, a, cx, false);
    FCMPO      "fcmpo"       X    0xfc00_07fe 0xfc00_0040 => |e, a, cx| fp::compare(e, a, cx, true);
    FTDIV      "ftdiv"       X    0xfc00_07fe 0xfc00_0100 => fp::trans_ftdiv;
    FTSQRT     "ftsqrt"      X    0xfc00_07fe 0xfc00_0140 => fp::trans_ftsqrt;
    // -- FPSCR (§4.6.10) --
    MFFS       "mffs"        Xfl  0xfc1f_07fe 0xfc00_048e => fp::trans_mffs;
    MFFSCE     "mffsce"      Xfl  0xfc1f_07ff 0xfc01_048e => fp::trans_mffsce;
    MFFSCDRN   "mffscdrn"    Xfl  0xfc1f_07ff 0xfc14_048e => fp::trans_mffscdrn;
    MFFSCDRNI  "mffscdrni"   Xfl  0xfc1f_07ff 0xfc15_048e => fp::trans_mffscdrni;
    MFFSCRN    "mffscrn"     Xfl  0xfc1f_07ff 0xfc16_048e => fp::trans_mffscrn;
    MFFSCRNI   "mffscrni"    Xfl  0xfc1f_07ff 0xfc17_048e => fp::trans_mffscrni;
    MFFSL      "mffsl"       Xfl  0xfc1f_07ff 0xfc18_048e => fp::trans_mffsl;
    MTFSF      "mtfsf"       Xfl  0xfc00_07fe 0xfc00_058e => fp::trans_mtfsf;
    MTFSFI     "mtfsfi"      Xfl  0xfc00_07fe 0xfc00_010c => fp::trans_mtfsfi;
    MTFSB0     "mtfsb0"      Xfl  0xfc00_07fe 0xfc00_008c => fp::trans_mtfsb0;
    MTFSB1     "mtfsb1"      Xfl  0xfc00_07fe 0xfc00_004c => fp::trans_mtfsb1;
    MCRFS      "mcrfs"       Xfl  0xfc00_07ff 0xfc00_0080 => fp::trans_mcrfs;

    ---- "VSX vector floating point (Book I §7.6.1): vsx_fp.rs" ----
    // -- vector floating-point arithmetic --
    XVADDDP  "xvadddp"   Xx  0xfc00_07f8 0xf000_0300 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_ADD, false);
    XVADDSP  "xvaddsp"   Xx  0xfc00_07f8 0xf000_0200 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_ADD, true);
    XVDIVDP  "xvdivdp"   Xx  0xfc00_07f8 0xf000_03c0 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_DIV, false);
    XVDIVSP  "xvdivsp"   Xx  0xfc00_07f8 0xf000_02c0 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_DIV, true);
    XVMADDADP "xvmaddadp" Xx  0xfc00_07f8 0xf000_0308 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, false, false, false, false);
    XVMADDASP "xvmaddasp" Xx  0xfc00_07f8 0xf000_0208 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, false, false, false, true);
    XVMADDMDP "xvmaddmdp" Xx  0xfc00_07f8 0xf000_0348 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, false, false, true, false);
    XVMADDMSP "xvmaddmsp" Xx  0xfc00_07f8 0xf000_0248 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, false, false, true, true);
    XVMAXDP  "xvmaxdp"   Xx  0xfc00_07f8 0xf000_0700 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_MAX, false);
    XVMAXSP  "xvmaxsp"   Xx  0xfc00_07f8 0xf000_0600 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_MAX, true);
    XVMINDP  "xvmindp"   Xx  0xfc00_07f8 0xf000_0740 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_MIN, false);
    XVMINSP  "xvminsp"   Xx  0xfc00_07f8 0xf000_0640 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_MIN, true);
    XVMSUBADP "xvmsubadp" Xx  0xfc00_07f8 0xf000_0388 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, true, false, false, false);
    XVMSUBASP "xvmsubasp" Xx  0xfc00_07f8 0xf000_0288 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, true, false, false, true);
    XVMSUBMDP "xvmsubmdp" Xx  0xfc00_07f8 0xf000_03c8 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, true, false, true, false);
    XVMSUBMSP "xvmsubmsp" Xx  0xfc00_07f8 0xf000_02c8 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, true, false, true, true);
    XVMULDP  "xvmuldp"   Xx  0xfc00_07f8 0xf000_0380 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_MUL, false);
    XVMULSP  "xvmulsp"   Xx  0xfc00_07f8 0xf000_0280 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_MUL, true);
    XVNMADDADP "xvnmaddadp" Xx  0xfc00_07f8 0xf000_0708 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, false, true, false, false);
    XVNMADDASP "xvnmaddasp" Xx  0xfc00_07f8 0xf000_0608 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, false, true, false, true);
    XVNMADDMDP "xvnmaddmdp" Xx  0xfc00_07f8 0xf000_0748 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, false, true, true, false);
    XVNMADDMSP "xvnmaddmsp" Xx  0xfc00_07f8 0xf000_0648 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, false, true, true, true);
    XVNMSUBADP "xvnmsubadp" Xx  0xfc00_07f8 0xf000_0788 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, true, true, false, false);
    XVNMSUBASP "xvnmsubasp" Xx  0xfc00_07f8 0xf000_0688 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, true, true, false, true);
    XVNMSUBMDP "xvnmsubmdp" Xx  0xfc00_07f8 0xf000_07c8 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, true, true, true, false);
    XVNMSUBMSP "xvnmsubmsp" Xx  0xfc00_07f8 0xf000_06c8 => |e, a, cx| vsx_fp::xv_madd(e, a, cx, true, true, true, true);
    XVREDP   "xvredp"    Xx  0xfc1f_07fc 0xf000_0368 => |e, a, cx| vsx_fp::xv_unary(e, a, cx, vm::OP_RE, false);
    XVRESP   "xvresp"    Xx  0xfc1f_07fc 0xf000_0268 => |e, a, cx| vsx_fp::xv_unary(e, a, cx, vm::OP_RE, true);
    XVRSQRTEDP "xvrsqrtedp" Xx  0xfc1f_07fc 0xf000_0328 => |e, a, cx| vsx_fp::xv_unary(e, a, cx, vm::OP_RSQRTE, false);
    XVRSQRTESP "xvrsqrtesp" Xx  0xfc1f_07fc 0xf000_0228 => |e, a, cx| vsx_fp::xv_unary(e, a, cx, vm::OP_RSQRTE, true);
    XVSQRTDP "xvsqrtdp"  Xx  0xfc1f_07fc 0xf000_032c => |e, a, cx| vsx_fp::xv_unary(e, a, cx, vm::OP_SQRT, false);
    XVSQRTSP "xvsqrtsp"  Xx  0xfc1f_07fc 0xf000_022c => |e, a, cx| vsx_fp::xv_unary(e, a, cx, vm::OP_SQRT, true);
    XVSUBDP  "xvsubdp"   Xx  0xfc00_07f8 0xf000_0340 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_SUB, false);
    XVSUBSP  "xvsubsp"   Xx  0xfc00_07f8 0xf000_0240 => |e, a, cx| vsx_fp::xv_arith(e, a, cx, vm::OP_SUB, true);
    XVTDIVDP "xvtdivdp"  Xfl 0xfc60_07f9 0xf000_03e8 => |e, a, cx| vsx_fp::xv_tdiv(e, a, cx, false);
    XVTDIVSP "xvtdivsp"  Xfl 0xfc60_07f9 0xf000_02e8 => |e, a, cx| vsx_fp::xv_tdiv(e, a, cx, true);
    XVTSQRTDP "xvtsqrtdp" Xfl 0xfc7f_07fd 0xf000_03a8 => |e, a, cx| vsx_fp::xv_tsqrt(e, a, cx, false);
    XVTSQRTSP "xvtsqrtsp" Xfl 0xfc7f_07fd 0xf000_02a8 => |e, a, cx| vsx_fp::xv_tsqrt(e, a, cx, true);
    // -- vector floating-point compare --
    XVCMPEQDP "xvcmpeqdp" Xx  0xfc00_03f8 0xf000_0318 => |e, a, cx| vsx_fp::xv_cmp(e, a, cx, vm::OP_EQ, false);
    XVCMPEQSP "xvcmpeqsp" Xx  0xfc00_03f8 0xf000_0218 => |e, a, cx| vsx_fp::xv_cmp(e, a, cx, vm::OP_EQ, true);
    XVCMPGEDP "xvcmpgedp" Xx  0xfc00_03f8 0xf000_0398 => |e, a, cx| vsx_fp::xv_cmp(e, a, cx, vm::OP_GE, false);
    XVCMPGESP "xvcmpgesp" Xx  0xfc00_03f8 0xf000_0298 => |e, a, cx| vsx_fp::xv_cmp(e, a, cx, vm::OP_GE, true);
    XVCMPGTDP "xvcmpgtdp" Xx  0xfc00_03f8 0xf000_0358 => |e, a, cx| vsx_fp::xv_cmp(e, a, cx, vm::OP_GT, false);
    XVCMPGTSP "xvcmpgtsp" Xx  0xfc00_03f8 0xf000_0258 => |e, a, cx| vsx_fp::xv_cmp(e, a, cx, vm::OP_GT, true);
    // -- vector conversion and rounding --
    XVCVDPSP "xvcvdpsp"  Xx  0xfc1f_07fc 0xf000_0624 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_DPSP, false);
    XVCVDPSXDS "xvcvdpsxds" Xx  0xfc1f_07fc 0xf000_0760 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_DP_TO_D, true);
    XVCVDPSXWS "xvcvdpsxws" Xx  0xfc1f_07fc 0xf000_0360 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_DP_TO_W, true);
    XVCVDPUXDS "xvcvdpuxds" Xx  0xfc1f_07fc 0xf000_0720 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_DP_TO_D, false);
    XVCVDPUXWS "xvcvdpuxws" Xx  0xfc1f_07fc 0xf000_0320 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_DP_TO_W, false);
    XVCVHPSP "xvcvhpsp"  Xx  0xfc1f_07fc 0xf018_076c => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_HPSP, false);
    XVCVSPDP "xvcvspdp"  Xx  0xfc1f_07fc 0xf000_0724 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_SPDP, false);
    XVCVSPHP "xvcvsphp"  Xx  0xfc1f_07fc 0xf019_076c => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_SPHP, false);
    XVCVSPSXDS "xvcvspsxds" Xx  0xfc1f_07fc 0xf000_0660 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_SP_TO_D, true);
    XVCVSPSXWS "xvcvspsxws" Xx  0xfc1f_07fc 0xf000_0260 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_SP_TO_W, true);
    XVCVSPUXDS "xvcvspuxds" Xx  0xfc1f_07fc 0xf000_0620 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_SP_TO_D, false);
    XVCVSPUXWS "xvcvspuxws" Xx  0xfc1f_07fc 0xf000_0220 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_SP_TO_W, false);
    XVCVSXDDP "xvcvsxddp" Xx  0xfc1f_07fc 0xf000_07e0 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_D_TO_DP, true);
    XVCVSXDSP "xvcvsxdsp" Xx  0xfc1f_07fc 0xf000_06e0 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_D_TO_SP, true);
    XVCVSXWDP "xvcvsxwdp" Xx  0xfc1f_07fc 0xf000_03e0 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_W_TO_DP, true);
    XVCVSXWSP "xvcvsxwsp" Xx  0xfc1f_07fc 0xf000_02e0 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_W_TO_SP, true);
    XVCVUXDDP "xvcvuxddp" Xx  0xfc1f_07fc 0xf000_07a0 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_D_TO_DP, false);
    XVCVUXDSP "xvcvuxdsp" Xx  0xfc1f_07fc 0xf000_06a0 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_D_TO_SP, false);
    XVCVUXWDP "xvcvuxwdp" Xx  0xfc1f_07fc 0xf000_03a0 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_W_TO_DP, false);
    XVCVUXWSP "xvcvuxwsp" Xx  0xfc1f_07fc 0xf000_02a0 => |e, a, cx| vsx_fp::xv_cvt(e, a, cx, vm::CV_W_TO_SP, false);
    XVRDPI   "xvrdpi"    Xx  0xfc1f_07fc 0xf000_0324 => |e, a, cx| vsx_fp::xv_round_int(e, a, cx, fp::ri::NEAREST_AWAY, false);
    XVRDPIC  "xvrdpic"   Xx  0xfc1f_07fc 0xf000_03ac => |e, a, cx| vsx_fp::xv_round_int(e, a, cx, fp::ri::CURRENT, false);
    XVRDPIM  "xvrdpim"   Xx  0xfc1f_07fc 0xf000_03e4 => |e, a, cx| vsx_fp::xv_round_int(e, a, cx, fp::ri::DOWN, false);
    XVRDPIP  "xvrdpip"   Xx  0xfc1f_07fc 0xf000_03a4 => |e, a, cx| vsx_fp::xv_round_int(e, a, cx, fp::ri::UP, false);
    XVRDPIZ  "xvrdpiz"   Xx  0xfc1f_07fc 0xf000_0364 => |e, a, cx| vsx_fp::xv_round_int(e, a, cx, fp::ri::ZERO, false);
    XVRSPI   "xvrspi"    Xx  0xfc1f_07fc 0xf000_0224 => |e, a, cx| vsx_fp::xv_round_int(e, a, cx, fp::ri::NEAREST_AWAY, true);
    XVRSPIC  "xvrspic"   Xx  0xfc1f_07fc 0xf000_02ac => |e, a, cx| vsx_fp::xv_round_int(e, a, cx, fp::ri::CURRENT, true);
    XVRSPIM  "xvrspim"   Xx  0xfc1f_07fc 0xf000_02e4 => |e, a, cx| vsx_fp::xv_round_int(e, a, cx, fp::ri::DOWN, true);
    XVRSPIP  "xvrspip"   Xx  0xfc1f_07fc 0xf000_02a4 => |e, a, cx| vsx_fp::xv_round_int(e, a, cx, fp::ri::UP, true);
    XVRSPIZ  "xvrspiz"   Xx  0xfc1f_07fc 0xf000_0264 => |e, a, cx| vsx_fp::xv_round_int(e, a, cx, fp::ri::ZERO, true);
    // -- vector sign, exponent, significand, test data class --
    XVABSDP  "xvabsdp"   Xx  0xfc1f_07fc 0xf000_0764 => |e, a, cx| vsx_fp::xv_abs(e, a, cx, false);
    XVABSSP  "xvabssp"   Xx  0xfc1f_07fc 0xf000_0664 => |e, a, cx| vsx_fp::xv_abs(e, a, cx, true);
    XVCPSGNDP "xvcpsgndp" Xx  0xfc00_07f8 0xf000_0780 => |e, a, cx| vsx_fp::xv_cpsgn(e, a, cx, false);
    XVCPSGNSP "xvcpsgnsp" Xx  0xfc00_07f8 0xf000_0680 => |e, a, cx| vsx_fp::xv_cpsgn(e, a, cx, true);
    XVIEXPDP "xviexpdp"  Xx  0xfc00_07f8 0xf000_07c0 => |e, a, cx| vsx_fp::xv_iexp(e, a, cx, false);
    XVIEXPSP "xviexpsp"  Xx  0xfc00_07f8 0xf000_06c0 => |e, a, cx| vsx_fp::xv_iexp(e, a, cx, true);
    XVNABSDP "xvnabsdp"  Xx  0xfc1f_07fc 0xf000_07a4 => |e, a, cx| vsx_fp::xv_nabs(e, a, cx, false);
    XVNABSSP "xvnabssp"  Xx  0xfc1f_07fc 0xf000_06a4 => |e, a, cx| vsx_fp::xv_nabs(e, a, cx, true);
    XVNEGDP  "xvnegdp"   Xx  0xfc1f_07fc 0xf000_07e4 => |e, a, cx| vsx_fp::xv_neg(e, a, cx, false);
    XVNEGSP  "xvnegsp"   Xx  0xfc1f_07fc 0xf000_06e4 => |e, a, cx| vsx_fp::xv_neg(e, a, cx, true);
    XVTSTDCDP "xvtstdcdp" Xx  0xfc00_07b8 0xf000_07a8 => |e, a, cx| vsx_fp::xv_tstdc(e, a, cx, false);
    XVTSTDCSP "xvtstdcsp" Xx  0xfc00_07b8 0xf000_06a8 => |e, a, cx| vsx_fp::xv_tstdc(e, a, cx, true);
    XVXEXPDP "xvxexpdp"  Xx  0xfc1f_07fc 0xf000_076c => |e, a, cx| vsx_fp::xv_xexp(e, a, cx, false);
    XVXEXPSP "xvxexpsp"  Xx  0xfc1f_07fc 0xf008_076c => |e, a, cx| vsx_fp::xv_xexp(e, a, cx, true);
    XVXSIGDP "xvxsigdp"  Xx  0xfc1f_07fc 0xf001_076c => |e, a, cx| vsx_fp::xv_xsig(e, a, cx, false);
    XVXSIGSP "xvxsigsp"  Xx  0xfc1f_07fc 0xf009_076c => |e, a, cx| vsx_fp::xv_xsig(e, a, cx, true);
    // -- permute: word extract/insert --
    XXEXTRACTUW "xxextractuw" Xx  0xfc10_07fc 0xf000_0294 => vsx_fp::trans_xxextractuw;
    XXINSERTW "xxinsertw" Xx  0xfc10_07fc 0xf000_02d4 => vsx_fp::trans_xxinsertw;

    ---- "VSX quad-precision scalar (Book I §7.6.1): vsx_quad.rs" ----
    // -- arithmetic --
    XSADDQP  "xsaddqp"   Xq  0xfc00_07fe 0xfc00_0008 => |e, a, cx| vsx_quad::qp_arith(e, a, cx, qm::OP_ADD);
    XSDIVQP  "xsdivqp"   Xq  0xfc00_07fe 0xfc00_0448 => |e, a, cx| vsx_quad::qp_arith(e, a, cx, qm::OP_DIV);
    XSMADDQP "xsmaddqp"  Xq  0xfc00_07fe 0xfc00_0308 => |e, a, cx| vsx_quad::qp_madd(e, a, cx, false, false);
    XSMSUBQP "xsmsubqp"  Xq  0xfc00_07fe 0xfc00_0348 => |e, a, cx| vsx_quad::qp_madd(e, a, cx, true, false);
    XSMULQP  "xsmulqp"   Xq  0xfc00_07fe 0xfc00_0048 => |e, a, cx| vsx_quad::qp_arith(e, a, cx, qm::OP_MUL);
    XSNMADDQP "xsnmaddqp" Xq  0xfc00_07fe 0xfc00_0388 => |e, a, cx| vsx_quad::qp_madd(e, a, cx, false, true);
    XSNMSUBQP "xsnmsubqp" Xq  0xfc00_07fe 0xfc00_03c8 => |e, a, cx| vsx_quad::qp_madd(e, a, cx, true, true);
    XSSQRTQP "xssqrtqp"  Xq  0xfc1f_07fe 0xfc1b_0648 => |e, a, cx| vsx_quad::qp_arith(e, a, cx, qm::OP_SQRT);
    XSSUBQP  "xssubqp"   Xq  0xfc00_07fe 0xfc00_0408 => |e, a, cx| vsx_quad::qp_arith(e, a, cx, qm::OP_SUB);
    // -- compare and test data class --
    XSCMPEXPQP "xscmpexpqp" Xq  0xfc60_07ff 0xfc00_0148 => |e, a, cx| vsx_quad::qp_cmp(e, a, cx, false, true);
    XSCMPOQP "xscmpoqp"  Xq  0xfc60_07ff 0xfc00_0108 => |e, a, cx| vsx_quad::qp_cmp(e, a, cx, true, false);
    XSCMPUQP "xscmpuqp"  Xq  0xfc60_07ff 0xfc00_0508 => |e, a, cx| vsx_quad::qp_cmp(e, a, cx, false, false);
    XSTSTDCQP "xststdcqp" Xq  0xfc00_07ff 0xfc00_0588 => vsx_quad::trans_xststdcqp;
    // -- conversion and rounding --
    XSCVDPQP "xscvdpqp"  Xq  0xfc1f_07ff 0xfc16_0688 => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_DPQP, 0);
    XSCVQPDP "xscvqpdp"  Xq  0xfc1f_07fe 0xfc14_0688 => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_QPDP, 0);
    XSCVQPSDZ "xscvqpsdz" Xq  0xfc1f_07ff 0xfc19_0688 => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_QP_TO_INT, qm::SIGNED);
    XSCVQPSWZ "xscvqpswz" Xq  0xfc1f_07ff 0xfc09_0688 => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_QP_TO_INT, qm::SIGNED | qm::WORD);
    XSCVQPUDZ "xscvqpudz" Xq  0xfc1f_07ff 0xfc11_0688 => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_QP_TO_INT, 0);
    XSCVQPUWZ "xscvqpuwz" Xq  0xfc1f_07ff 0xfc01_0688 => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_QP_TO_INT, qm::WORD);
    XSCVSDQP "xscvsdqp"  Xq  0xfc1f_07ff 0xfc0a_0688 => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_INT_TO_QP, qm::SIGNED);
    XSCVUDQP "xscvudqp"  Xq  0xfc1f_07ff 0xfc02_0688 => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_INT_TO_QP, 0);
    XSRQPI   "xsrqpi"    Xq  0xfc00_01ff 0xfc00_000a => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_RQPI, 0);
    XSRQPIX  "xsrqpix"   Xq  0xfc00_01ff 0xfc00_000b => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_RQPI, qm::EX);
    XSRQPXP  "xsrqpxp"   Xq  0xfc00_01ff 0xfc00_004a => |e, a, cx| vsx_quad::qp_cvt(e, a, cx, qm::CV_RQPXP, 0);
    // -- exponent and significand --
    XSIEXPQP "xsiexpqp"  Xq  0xfc00_07ff 0xfc00_06c8 => |e, a, cx| vsx_quad::qp_bits(e, a, cx, qm::BIT_IEXP);
    XSXEXPQP "xsxexpqp"  Xq  0xfc1f_07ff 0xfc02_0648 => |e, a, cx| vsx_quad::qp_bits(e, a, cx, qm::BIT_XEXP);
    XSXSIGQP "xsxsigqp"  Xq  0xfc1f_07ff 0xfc12_0648 => |e, a, cx| vsx_quad::qp_bits(e, a, cx, qm::BIT_XSIG);

    ---- "known, not yet implemented: decimal floating point (Book I ch. 5)" ----
    // -- arithmetic --
    DADD     "dadd"      X   0xfc00_07fe 0xec00_0004 => trans_unimplemented;
    DADDQ    "daddq"     X   0xfc20_07fe 0xfc00_0004 => trans_unimplemented;
    DDIV     "ddiv"      X   0xfc00_07fe 0xec00_0444 => trans_unimplemented;
    DDIVQ    "ddivq"     X   0xfc20_07fe 0xfc00_0444 => trans_unimplemented;
    DMUL     "dmul"      X   0xfc00_07fe 0xec00_0044 => trans_unimplemented;
    DMULQ    "dmulq"     X   0xfc20_07fe 0xfc00_0044 => trans_unimplemented;
    DSUB     "dsub"      X   0xfc00_07fe 0xec00_0404 => trans_unimplemented;
    DSUBQ    "dsubq"     X   0xfc20_07fe 0xfc00_0404 => trans_unimplemented;
    // -- compare and test --
    DCMPO    "dcmpo"     X   0xfc00_07ff 0xec00_0104 => trans_unimplemented;
    DCMPOQ   "dcmpoq"    X   0xfc00_07ff 0xfc00_0104 => trans_unimplemented;
    DCMPU    "dcmpu"     X   0xfc00_07ff 0xec00_0504 => trans_unimplemented;
    DCMPUQ   "dcmpuq"    X   0xfc00_07ff 0xfc00_0504 => trans_unimplemented;
    DTSTDC   "dtstdc"    X   0xfc00_03ff 0xec00_0184 => trans_unimplemented;
    DTSTDCQ  "dtstdcq"   X   0xfc00_03ff 0xfc00_0184 => trans_unimplemented;
    DTSTDG   "dtstdg"    X   0xfc00_03ff 0xec00_01c4 => trans_unimplemented;
    DTSTDGQ  "dtstdgq"   X   0xfc00_03ff 0xfc00_01c4 => trans_unimplemented;
    DTSTEX   "dtstex"    X   0xfc00_07ff 0xec00_0144 => trans_unimplemented;
    DTSTEXQ  "dtstexq"   X   0xfc00_07ff 0xfc00_0144 => trans_unimplemented;
    DTSTSF   "dtstsf"    X   0xfc00_07ff 0xec00_0544 => trans_unimplemented;
    DTSTSFI  "dtstsfi"   X   0xfc40_07ff 0xec00_0546 => trans_unimplemented;
    DTSTSFIQ "dtstsfiq"  X   0xfc40_07ff 0xfc00_0546 => trans_unimplemented;
    DTSTSFQ  "dtstsfq"   X   0xfc00_07ff 0xfc00_0544 => trans_unimplemented;
    // -- quantum adjustment and rounding --
    DQUA     "dqua"      X   0xfc00_01fe 0xec00_0006 => trans_unimplemented;
    DQUAI    "dquai"     X   0xfc00_01fe 0xec00_0086 => trans_unimplemented;
    DQUAIQ   "dquaiq"    X   0xfc20_01fe 0xfc00_0086 => trans_unimplemented;
    DQUAQ    "dquaq"     X   0xfc20_01fe 0xfc00_0006 => trans_unimplemented;
    DRINTN   "drintn"    X   0xfc00_01fe 0xec00_01c6 => trans_unimplemented;
    DRINTNQ  "drintnq"   X   0xfc20_01fe 0xfc00_01c6 => trans_unimplemented;
    DRINTX   "drintx"    X   0xfc00_01fe 0xec00_00c6 => trans_unimplemented;
    DRINTXQ  "drintxq"   X   0xfc20_01fe 0xfc00_00c6 => trans_unimplemented;
    DRRND    "drrnd"     X   0xfc00_01fe 0xec00_0046 => trans_unimplemented;
    DRRNDQ   "drrndq"    X   0xfc20_01fe 0xfc00_0046 => trans_unimplemented;
    // -- conversion --
    DCFFIX   "dcffix"    X   0xfc1f_07fe 0xec00_0644 => trans_unimplemented;
    DCFFIXQ  "dcffixq"   X   0xfc20_07fe 0xfc00_0644 => trans_unimplemented;
    DCTDP    "dctdp"     X   0xfc00_07fe 0xec00_0204 => trans_unimplemented;
    DCTFIX   "dctfix"    X   0xfc00_07fe 0xec00_0244 => trans_unimplemented;
    DCTFIXQ  "dctfixq"   X   0xfc00_07fe 0xfc00_0244 => trans_unimplemented;
    DCTQPQ   "dctqpq"    X   0xfc20_07fe 0xfc00_0204 => trans_unimplemented;
    DRDPQ    "drdpq"     X   0xfc20_07fe 0xfc00_0604 => trans_unimplemented;
    DRSP     "drsp"      X   0xfc00_07fe 0xec00_0604 => trans_unimplemented;
    // -- format: DPD/BCD, exponent, shift --
    DDEDPD   "ddedpd"    X   0xfc00_07fe 0xec00_0284 => trans_unimplemented;
    DDEDPDQ  "ddedpdq"   X   0xfc20_07fe 0xfc00_0284 => trans_unimplemented;
    DENBCD   "denbcd"    X   0xfc00_07fe 0xec00_0684 => trans_unimplemented;
    DENBCDQ  "denbcdq"   X   0xfc20_07fe 0xfc00_0684 => trans_unimplemented;
    DIEX     "diex"      X   0xfc00_07fe 0xec00_06c4 => trans_unimplemented;
    DIEXQ    "diexq"     X   0xfc20_07fe 0xfc00_06c4 => trans_unimplemented;
    DSCLI    "dscli"     X   0xfc00_03fe 0xec00_0084 => trans_unimplemented;
    DSCLIQ   "dscliq"    X   0xfc20_03fe 0xfc00_0084 => trans_unimplemented;
    DSCRI    "dscri"     X   0xfc00_03fe 0xec00_00c4 => trans_unimplemented;
    DSCRIQ   "dscriq"    X   0xfc20_03fe 0xfc00_00c4 => trans_unimplemented;
    DXEX     "dxex"      X   0xfc00_07fe 0xec00_02c4 => trans_unimplemented;
    DXEXQ    "dxexq"     X   0xfc00_07fe 0xfc00_02c4 => trans_unimplemented;

    ---- "known, not yet implemented: fixed-point BCD assist (Book I ch. 3)" ----
    ADDG6S   "addg6s"    X   0xfc00_07ff 0x7c00_0094 => trans_unimplemented;
    CBCDTD   "cbcdtd"    X   0xfc00_ffff 0x7c00_0274 => trans_unimplemented;
    CDTBCD   "cdtbcd"    X   0xfc00_ffff 0x7c00_0234 => trans_unimplemented;

    ---- "known, not yet implemented: transactional memory (Book II ch. 5)" ----
    TBEGIN   "tbegin."   X   0xffdf_ffff 0x7c00_051d => trans_unimplemented;
    TEND     "tend."     X   0xfdff_ffff 0x7c00_055d => trans_unimplemented;
    TCHECK   "tcheck"    X   0xfc7f_ffff 0x7c00_059c => trans_unimplemented;
    TSR      "tsr."      X   0xffdf_ffff 0x7c00_05dd => trans_unimplemented;
    TABORTWC "tabortwc." X   0xfc00_07ff 0x7c00_061d => trans_unimplemented;
    TABORTDC "tabortdc." X   0xfc00_07ff 0x7c00_065d => trans_unimplemented;
    TABORTWCI "tabortwci." X   0xfc00_07ff 0x7c00_069d => trans_unimplemented;
    TABORTDCI "tabortdci." X   0xfc00_07ff 0x7c00_06dd => trans_unimplemented;
    TABORT   "tabort."   X   0xffe0_ffff 0x7c00_071d => trans_unimplemented;

    ---- "known, not yet implemented: atomic memory operations, copy-paste (Book II ch. 4)" ----
    LWAT     "lwat"      X   0xfc00_07ff 0x7c00_048c => trans_unimplemented;
    LDAT     "ldat"      X   0xfc00_07ff 0x7c00_04cc => trans_unimplemented;
    STWAT    "stwat"     X   0xfc00_07ff 0x7c00_058c => trans_unimplemented;
    STDAT    "stdat"     X   0xfc00_07ff 0x7c00_05cc => trans_unimplemented;
    COPY     "copy"      X   0xffe0_07ff 0x7c20_060c => trans_unimplemented;
    PASTE    "paste."    X   0xffe0_07ff 0x7c20_070d => trans_unimplemented;
    CP_ABORT "cp_abort"  X   0xffff_ffff 0x7c00_068c => trans_unimplemented;

    ---- "known, not yet implemented: event-based branch, branch history (Book II)" ----
    RFEBB    "rfebb"     Xl  0xffff_f7ff 0x4c00_0124 => trans_unimplemented;
    MFBHRBE  "mfbhrbe"   X   0xfc00_07ff 0x7c00_025c => trans_unimplemented;
    CLRBHRB  "clrbhrb"   X   0xffff_ffff 0x7c00_035c => trans_unimplemented;

    ---- "privileged (Book III): the privileged-instruction interrupt in problem state" ----
    // -- return from interrupt, power management --
    RFID     "rfid"      Xl  0xffff_ffff 0x4c00_0024 => trans_privileged;
    HRFID    "hrfid"     Xl  0xffff_ffff 0x4c00_0224 => trans_privileged;
    URFID    "urfid"     Xl  0xffff_ffff 0x4c00_0264 => trans_privileged;
    RFSCV    "rfscv"     Xl  0xffff_ffff 0x4c00_00a4 => trans_privileged;
    STOP     "stop"      Xl  0xffff_ffff 0x4c00_02e4 => trans_privileged;
    // -- processor control messages --
    MSGSND   "msgsnd"    X   0xffff_07ff 0x7c00_019c => trans_privileged;
    MSGCLR   "msgclr"    X   0xffff_07ff 0x7c00_01dc => trans_privileged;
    MSGSNDP  "msgsndp"   X   0xffff_07ff 0x7c00_011c => trans_privileged;
    MSGCLRP  "msgclrp"   X   0xffff_07ff 0x7c00_015c => trans_privileged;
    MSGSNDU  "msgsndu"   X   0xffff_07ff 0x7c00_009c => trans_privileged;
    MSGCLRU  "msgclru"   X   0xffff_07ff 0x7c00_00dc => trans_privileged;
    MSGSYNC  "msgsync"   X   0xffff_ffff 0x7c00_06ec => trans_privileged;
    // -- TLB and SLB management, segment registers --
    TLBIE    "tlbie"     X   0xfc10_07ff 0x7c00_0264 => trans_privileged;
    TLBIEL   "tlbiel"    X   0xfc10_07ff 0x7c00_0224 => trans_privileged;
    TLBSYNC  "tlbsync"   X   0xffff_ffff 0x7c00_046c => trans_privileged;
    SLBIE    "slbie"     X   0xffff_07ff 0x7c00_0364 => trans_privileged;
    SLBIEG   "slbieg"    X   0xfc1f_07ff 0x7c00_03a4 => trans_privileged;
    SLBIA    "slbia"     X   0xff1f_ffff 0x7c00_03e4 => trans_privileged;
    SLBIAG   "slbiag"    X   0xfc1f_ffff 0x7c00_06a4 => trans_privileged;
    SLBMTE   "slbmte"    X   0xfc1f_07ff 0x7c00_0324 => trans_privileged;
    SLBMFEV  "slbmfev"   X   0xfc1e_07ff 0x7c00_06a6 => trans_privileged;
    SLBMFEE  "slbmfee"   X   0xfc1e_07ff 0x7c00_0726 => trans_privileged;
    SLBFEE   "slbfee."   X   0xfc1f_07ff 0x7c00_07a7 => trans_privileged;
    SLBSYNC  "slbsync"   X   0xffff_ffff 0x7c00_02a4 => trans_privileged;
    RMIEG    "rmieg"     X   0xffff_07ff 0x7c00_06e4 => trans_privileged;
    MTSR     "mtsr"      X   0xfc10_ffff 0x7c00_01a4 => trans_privileged;
    MTSRIN   "mtsrin"    X   0xfc1f_07ff 0x7c00_01e4 => trans_privileged;
    MFSR     "mfsr"      X   0xfc10_ffff 0x7c00_04a6 => trans_privileged;
    MFSRIN   "mfsrin"    X   0xfc1f_07ff 0x7c00_0526 => trans_privileged;
    // -- cache-inhibited loads and stores (hypervisor) --
    LBZCIX   "lbzcix"    X   0xfc00_07ff 0x7c00_06aa => trans_privileged;
    LHZCIX   "lhzcix"    X   0xfc00_07ff 0x7c00_066a => trans_privileged;
    LWZCIX   "lwzcix"    X   0xfc00_07ff 0x7c00_062a => trans_privileged;
    LDCIX    "ldcix"     X   0xfc00_07ff 0x7c00_06ea => trans_privileged;
    STBCIX   "stbcix"    X   0xfc00_07ff 0x7c00_07aa => trans_privileged;
    STHCIX   "sthcix"    X   0xfc00_07ff 0x7c00_076a => trans_privileged;
    STWCIX   "stwcix"    X   0xfc00_07ff 0x7c00_072a => trans_privileged;
    STDCIX   "stdcix"    X   0xfc00_07ff 0x7c00_07ea => trans_privileged;
    // -- transactional memory, privileged --
    TRECLAIM "treclaim." X   0xffe0_ffff 0x7c00_075d => trans_privileged;
    TRECHKPT "trechkpt." X   0xffff_ffff 0x7c00_07dd => trans_privileged;
    // -- byte order of the whole thread --
    MTSLE    "mtsle"     X   0xffdf_ffff 0x7c00_0126 => trans_privileged;
}

/// Decodes a raw instruction word to its table row, if any.
pub fn decode(w: u32) -> Option<Op> {
    // Decoding is a pure function of the word and hot words repeat: a direct-mapped cache of
    // (word, row + 1) in front of the table search. Lock-free; a torn read cannot happen
    // (each entry is one atomic word) and a stale entry only costs a miss.
    use std::sync::atomic::{AtomicU64, Ordering};
    const CACHE_BITS: u32 = 12;
    static CACHE: [AtomicU64; 1 << CACHE_BITS] = [const { AtomicU64::new(0) }; 1 << CACHE_BITS];
    let slot = &CACHE[(w.wrapping_mul(0x9e37_79b1) >> (32 - CACHE_BITS)) as usize];
    let e = slot.load(Ordering::Relaxed);
    if e >> 32 == w as u64 && e as u32 != 0 {
        return Some(ROWS[(e as u32 - 1) as usize].op);
    }
    let op = decode_uncached(w);
    if let Some(op) = op {
        slot.store((w as u64) << 32 | (op as u64 + 1), Ordering::Relaxed);
    }
    op
}

fn decode_uncached(w: u32) -> Option<Op> {
    static INDEX: OnceLock<Vec<Bucket>> = OnceLock::new();
    let b = &INDEX.get_or_init(build_index)[(w >> 26) as usize];
    // No two rows match one encoding (tested), so the first match is the only one.
    let k = w & b.key;
    let keyed = match b.keyed.binary_search_by_key(&k, |e| e.0) {
        Ok(i) => b.keyed[i].1.as_slice(),
        Err(_) => &[],
    };
    keyed
        .iter()
        .chain(b.wide.iter())
        .map(|&i| &ROWS[i as usize])
        .find(|r| w & r.mask == r.bits)
        .map(|r| r.op)
}

/// Rows of one primary opcode: those whose mask covers `key`, grouped by their bits under
/// `key` (the extended opcode), and the few with narrower masks.
struct Bucket {
    key: u32,
    /// (extended-opcode bits, rows), sorted by the bits.
    keyed: Vec<(u32, Vec<u16>)>,
    wide: Vec<u16>,
}

fn build_index() -> Vec<Bucket> {
    (0..64u32)
        .map(|primary| {
            let rows: Vec<u16> = (0..ROWS.len() as u16).filter(|&i| ROWS[i as usize].bits >> 26 == primary).collect();
            // Pick the extended-opcode mask that leaves the fewest rows to scan in the worst case.
            let mut candidates: Vec<u32> = rows.iter().map(|&i| ROWS[i as usize].mask & 0x03ff_ffff).collect();
            candidates.push(0);
            candidates.sort_unstable();
            candidates.dedup();
            let split = |key: u32| {
                let mut keyed: std::collections::HashMap<u32, Vec<u16>> = std::collections::HashMap::new();
                let mut wide = Vec::new();
                for &i in &rows {
                    let r = &ROWS[i as usize];
                    if r.mask & key == key {
                        keyed.entry(r.bits & key).or_default().push(i);
                    } else {
                        wide.push(i);
                    }
                }
                let mut keyed: Vec<(u32, Vec<u16>)> = keyed.into_iter().collect();
                keyed.sort_unstable_by_key(|e| e.0);
                Bucket { key, keyed, wide }
            };
            let cost = |b: &Bucket| b.wide.len() + b.keyed.iter().map(|e| e.1.len()).max().unwrap_or(0);
            candidates.into_iter().map(split).min_by_key(cost).unwrap_or_else(|| split(0))
        })
        .collect()
}

pub fn row(op: Op) -> &'static Row {
    &ROWS[op as usize]
}

/// The table's sections in order: each banner's title with its rows (rows before the first
/// banner, if any, have the title "").
pub fn sections() -> Vec<(&'static str, &'static [Row])> {
    let mut out = Vec::new();
    let (mut title, mut start) = ("", 0);
    for (i, r) in ROWS.iter().enumerate() {
        if let Some(t) = r.starts_section {
            if i > start {
                out.push((title, &ROWS[start..i]));
            }
            (title, start) = (t, i);
        }
    }
    out.push((title, &ROWS[start..]));
    out
}

/// A known instruction with no semantics yet: raises [`exc::UNIMPLEMENTED`], which the
/// machine reports by name (the guest sees an illegal-instruction program interrupt).
pub fn trans_unimplemented<E: Emitter, F>(e: &mut E, _a: &F, cx: &Cx) -> Flow {
    e.raise(exc::UNIMPLEMENTED, cx.pc);
    Flow::End
}

/// A privileged or hypervisor instruction. This front end always runs in problem state
/// (MSR[PR] = 1), where each of them raises the privileged-instruction program interrupt
/// before anything else happens; that is their whole behaviour here.
pub fn trans_privileged<E: Emitter, F>(e: &mut E, _a: &F, cx: &Cx) -> Flow {
    e.raise(exc::PRIVILEGED, cx.pc);
    Flow::End
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
