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
    SCV      "scv"       Sc  0xfc00_0003 0x4400_0001 => branch::trans_scv;

    // ---- fixed-point (ch. 3.3.9-3.3.15): fixed_point.rs and fixed_point/ ----
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
    LBARX    "lbarx"     X   0xfc00_07fe 0x7c00_0068 => |e, a, cx| ls::ld_arx(e, a, cx, jit::ir::Ty::I8);
    LHARX    "lharx"     X   0xfc00_07fe 0x7c00_00e8 => |e, a, cx| ls::ld_arx(e, a, cx, jit::ir::Ty::I16);
    LWARX    "lwarx"     X   0xfc00_07fe 0x7c00_0028 => |e, a, cx| ls::ld_arx(e, a, cx, jit::ir::Ty::I32);
    LDARX    "ldarx"     X   0xfc00_07fe 0x7c00_00a8 => |e, a, cx| ls::ld_arx(e, a, cx, jit::ir::Ty::I64);
    LQARX    "lqarx"     X   0xfc00_07fe 0x7c00_0228 => ls::trans_lqarx;
    STBCX    "stbcx."    X   0xfc00_07ff 0x7c00_056d => |e, a, cx| ls::st_cx(e, a, cx, jit::ir::Ty::I8);
    STHCX    "sthcx."    X   0xfc00_07ff 0x7c00_05ad => |e, a, cx| ls::st_cx(e, a, cx, jit::ir::Ty::I16);
    STWCX    "stwcx."    X   0xfc00_07ff 0x7c00_012d => |e, a, cx| ls::st_cx(e, a, cx, jit::ir::Ty::I32);
    STDCX    "stdcx."    X   0xfc00_07ff 0x7c00_01ad => |e, a, cx| ls::st_cx(e, a, cx, jit::ir::Ty::I64);
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
    SYNC     "sync"      X   0xfc00_07fe 0x7c00_04ac => crate::storage_control::trans_sync;
    EIEIO    "eieio"     X   0xfc00_07fe 0x7c00_06ac => crate::storage_control::trans_eieio;
    ISYNC    "isync"     Xl  0xfc00_07fe 0x4c00_012c => crate::storage_control::trans_isync;
    DCBT     "dcbt"      X   0xfc00_07fe 0x7c00_022c => crate::storage_control::trans_cache_hint;
    DCBTST   "dcbtst"    X   0xfc00_07fe 0x7c00_01ec => crate::storage_control::trans_cache_hint;
    DCBST    "dcbst"     X   0xfc00_07fe 0x7c00_006c => crate::storage_control::trans_cache_hint;
    DCBF     "dcbf"      X   0xfc00_07fe 0x7c00_00ac => crate::storage_control::trans_cache_hint;
    ICBI     "icbi"      X   0xfc00_07fe 0x7c00_07ac => crate::storage_control::trans_cache_hint;
    ICBT     "icbt"      X   0xfc00_07fe 0x7c00_002c => crate::storage_control::trans_cache_hint;
    DCBZ     "dcbz"      X   0xfc00_07fe 0x7c00_07ec => crate::storage_control::trans_dcbz;
    WAIT     "wait"      X   0xfc00_07fe 0x7c00_003c => crate::storage_control::trans_wait;

    // ---- special-purpose registers (ch. 3.3.17): sprs.rs ----
    MFSPR    "mfspr"   Xfx 0xfc00_07fe 0x7c00_02a6 => sprs::trans_mfspr;
    MTSPR    "mtspr"   Xfx 0xfc00_07fe 0x7c00_03a6 => sprs::trans_mtspr;
    MFTB     "mftb"    Xfx 0xfc00_07fe 0x7c00_02e6 => sprs::trans_mftb;
    MFMSR    "mfmsr"   X   0xfc00_07fe 0x7c00_00a6 => sprs::trans_msr_move;
    MTMSR    "mtmsr"   X   0xfc00_07fe 0x7c00_0124 => sprs::trans_msr_move;
    MTMSRD   "mtmsrd"  X   0xfc00_07fe 0x7c00_0164 => sprs::trans_msr_move;

    // ---- CR logical (ch. 2.5.1) and CR moves (3.3.17): cr_ops.rs ----
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

    // ---- VMX / VSX (Book I ch. 6, 7): vmx.rs, vsx.rs ----
    // -- VMX (ch. 6): vmx.rs, helpers in vmx_helpers.rs --
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
    // -- VSX (ch. 7): vsx.rs, helpers in vsx_helpers.rs --
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
    LXSDX    "lxsdx"     X   0xfc00_07fe 0x7c00_0498 => |e, a, cx| vsx::ld_scalar_x(e, a, cx, jit::ir::Ty::I64, false, vsx::Dw1::Keep);
    LXSIWZX  "lxsiwzx"   X   0xfc00_07fe 0x7c00_0018 => |e, a, cx| vsx::ld_scalar_x(e, a, cx, jit::ir::Ty::I32, false, vsx::Dw1::Keep);
    LXSIWAX  "lxsiwax"   X   0xfc00_07fe 0x7c00_0098 => |e, a, cx| vsx::ld_scalar_x(e, a, cx, jit::ir::Ty::I32, true, vsx::Dw1::Keep);
    LXSIBZX  "lxsibzx"   X   0xfc00_07fe 0x7c00_061a => |e, a, cx| vsx::ld_scalar_x(e, a, cx, jit::ir::Ty::I8, false, vsx::Dw1::Zero);
    LXSIHZX  "lxsihzx"   X   0xfc00_07fe 0x7c00_065a => |e, a, cx| vsx::ld_scalar_x(e, a, cx, jit::ir::Ty::I16, false, vsx::Dw1::Zero);
    STXSDX   "stxsdx"    X   0xfc00_07fe 0x7c00_0598 => |e, a, cx| vsx::st_scalar_x(e, a, cx, jit::ir::Ty::I64);
    STXSIWX  "stxsiwx"   X   0xfc00_07fe 0x7c00_0118 => |e, a, cx| vsx::st_scalar_x(e, a, cx, jit::ir::Ty::I32);
    STXSIBX  "stxsibx"   X   0xfc00_07fe 0x7c00_071a => |e, a, cx| vsx::st_scalar_x(e, a, cx, jit::ir::Ty::I8);
    STXSIHX  "stxsihx"   X   0xfc00_07fe 0x7c00_075a => |e, a, cx| vsx::st_scalar_x(e, a, cx, jit::ir::Ty::I16);
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
