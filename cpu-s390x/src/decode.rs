//! The s390x decode table: one row per instruction, the only place encodings are written.
//!
//! After QEMU's `insn-data` idea, a row is data: opcode, name, format, facility, and the five
//! steps that make up most instructions —
//! first operand loader (`in1`), second operand loader (`in2`), operation (`op`), output
//! writer (`out`) and condition-code setter (`cc`), each a function named in the row.
//! `AR` and `A` differ only in `in2` (`r2_32s` vs `m2_32s`) and share one `add`; `none`
//! leaves a step out. Instructions that fit no pipeline (`MVC`, `CLST`, branches ...) name
//! one operation doing everything, with `none` around it.
//!
//! Opcodes are written as `0xFFSS`: the first byte and the secondary opcode byte — the
//! second byte (`B2xx`, `B9xx` ...), the low nibble of the second byte (`A7x`, `C0x` ...) or
//! the sixth byte (`E3xx`, `EBxx`, `E7xx` ...), per [`secondary`] — or `0xFF00` for
//! one-byte opcodes.
//! From this table come the decoder ([`lookup`]), the dispatch to semantics ([`emit`]), the
//! mnemonic list and the overlap test. Encodings no row matches raise the operation
//! exception; rows whose operation is [`crate::control::unimplemented`] raise
//! [`crate::exc::UNIMPLEMENTED`] so the log names them.

use crate::forms::{Fields, Format};
use crate::operands::{cc, ld, out, Ops};
#[allow(unused_imports)]
use crate::{atomic, bfp, branch, control, integer, logical, storage_ops, vector, Cx, Fac};
use jit::frontend::Flow;
use jit::ir::Emitter;
use std::sync::OnceLock;

/// One decode row.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub op: Op,
    pub mnemonic: &'static str,
    pub opcode: u16,
    pub format: Format,
    pub facility: Fac,
    /// The row's pipeline as written (for listings and the coverage report).
    pub steps: &'static str,
    /// Title of the section this row opens, if a `---- "title" ----` line precedes it.
    pub starts_section: Option<&'static str>,
}

impl Row {
    pub fn implemented(&self) -> bool {
        !self.steps.contains("unimplemented")
    }
}

macro_rules! section_title {
    () => { None };
    ($t:literal) => { Some($t) };
}

macro_rules! decode_table {
    ($( $(---- $sec:literal ----)? $op:ident $mn:literal $opc:literal $fmt:ident $fac:ident :
        $in1:ident, $in2:ident, $sem:path, $out:ident, $cc:ident ;)*) => {
        /// Every instruction the decoder knows.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Op { $($op,)* }

        pub static ROWS: &[Row] = &[
            $( Row {
                op: Op::$op,
                mnemonic: $mn,
                opcode: $opc,
                format: Format::$fmt,
                facility: Fac::$fac,
                steps: concat!(stringify!($in1), " ", stringify!($in2), " ", stringify!($sem), " ", stringify!($out), " ", stringify!($cc)),
                starts_section: section_title!($($sec)?),
            }, )*
        ];

        /// Emits the semantics of a decoded instruction.
        pub fn emit<E: Emitter>(e: &mut E, op: Op, f: &Fields, cx: &Cx) -> Flow {
            match op {
                $( Op::$op => run(e, f, cx, ld::$in1, ld::$in2, $sem, out::$out, cc::$cc), )*
            }
        }
    };
}

/// A loader: produces an input operand (or `None`), may record an address in `Ops`.
pub type Loader<E> = fn(&mut E, &Fields, &Cx, &mut Ops<<E as Emitter>::V>) -> Option<<E as Emitter>::V>;
/// An operation: computes `Ops::out` (and more) or does the whole instruction.
pub type Operation<E> = fn(&mut E, &Fields, &Cx, &mut Ops<<E as Emitter>::V>) -> Flow;
/// An output writer or condition-code setter.
pub type Writer<E> = fn(&mut E, &Fields, &Cx, &Ops<<E as Emitter>::V>);

#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn run<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, in1: Loader<E>, in2: Loader<E>, op: Operation<E>, out: Writer<E>, cc: Writer<E>) -> Flow {
    let mut o = Ops::default();
    o.in1 = in1(e, f, cx, &mut o);
    o.in2 = in2(e, f, cx, &mut o);
    let flow = op(e, f, cx, &mut o);
    if let Flow::Next(_) = flow {
        out(e, f, cx, &o);
        cc(e, f, cx, &o);
    }
    flow
}

use integer as int;
use logical as log;

decode_table! {
    ---- "integer arithmetic (PoP ch. 7): integer.rs" ----
    AR    "ar"    0x1a00 RR    Z   : r1_32s, r2_32s, int::add, r1_32, adds32;
    AGR   "agr"   0xb908 RRE   Z   : r1, r2, int::add, r1, adds64;
    AGFR  "agfr"  0xb918 RRE   Z   : r1, r2_32s, int::add, r1, adds64;
    ARK   "ark"   0xb9f8 RRF_a DLF : r2_32s, r3_32s, int::add, r1_32, adds32;
    AGRK  "agrk"  0xb9e8 RRF_a DLF : r2, r3, int::add, r1, adds64;
    A     "a"     0x5a00 RX_a  Z   : r1_32s, m2_32s, int::add, r1_32, adds32;
    AY    "ay"    0xe35a RXY_a LD  : r1_32s, m2_32s, int::add, r1_32, adds32;
    AG    "ag"    0xe308 RXY_a Z   : r1, m2_64, int::add, r1, adds64;
    AGF   "agf"   0xe318 RXY_a Z   : r1, m2_32s, int::add, r1, adds64;
    AH    "ah"    0x4a00 RX_a  Z   : r1_32s, m2_16s, int::add, r1_32, adds32;
    AHY   "ahy"   0xe37a RXY_a LD  : r1_32s, m2_16s, int::add, r1_32, adds32;
    AHI   "ahi"   0xa70a RI_a  Z   : r1_32s, i2, int::add, r1_32, adds32;
    AGHI  "aghi"  0xa70b RI_a  Z   : r1, i2, int::add, r1, adds64;
    AFI   "afi"   0xc209 RIL_a EI  : r1_32s, i2, int::add, r1_32, adds32;
    AGFI  "agfi"  0xc208 RIL_a EI  : r1, i2, int::add, r1, adds64;
    AHIK  "ahik"  0xecd8 RIE_d DLF : r3_32s, i2, int::add, r1_32, adds32;
    AGHIK "aghik" 0xecd9 RIE_d DLF : r3, i2, int::add, r1, adds64;
    ASI   "asi"   0xeb6a SIY   GIE : a1, i2, int::asi, none, none;
    AGSI  "agsi"  0xeb7a SIY   GIE : a1, i2, int::agsi, none, none;
    AHHHR "ahhhr" 0xb9c8 RRF_a DLF : r2_hs, r3_hs, int::add, r1_32h, adds32;
    AHHLR "ahhlr" 0xb9d8 RRF_a DLF : r2_hs, r3_32s, int::add, r1_32h, adds32;
    AIH   "aih"   0xcc08 RIL_a DLF : r1_hs, i2, int::add, r1_32h, adds32;
    ALR   "alr"   0x1e00 RR    Z   : r1_32u, r2_32u, int::add, r1_32, addu32;
    ALGR  "algr"  0xb90a RRE   Z   : r1, r2, int::add, r1, addu64;
    ALGFR "algfr" 0xb91a RRE   Z   : r1, r2_32u, int::add, r1, addu64;
    ALRK  "alrk"  0xb9fa RRF_a DLF : r2_32u, r3_32u, int::add, r1_32, addu32;
    ALGRK "algrk" 0xb9ea RRF_a DLF : r2, r3, int::add, r1, addu64;
    AL    "al"    0x5e00 RX_a  Z   : r1_32u, m2_32u, int::add, r1_32, addu32;
    ALY   "aly"   0xe35e RXY_a LD  : r1_32u, m2_32u, int::add, r1_32, addu32;
    ALG   "alg"   0xe30a RXY_a Z   : r1, m2_64, int::add, r1, addu64;
    ALGF  "algf"  0xe31a RXY_a Z   : r1, m2_32u, int::add, r1, addu64;
    ALFI  "alfi"  0xc20b RIL_a EI  : r1_32u, i2_32u, int::add, r1_32, addu32;
    ALGFI "algfi" 0xc20a RIL_a EI  : r1, i2_32u, int::add, r1, addu64;
    ALHSIK "alhsik" 0xecda RIE_d DLF : r3_32u, i2, int::add, r1_32, addu32;
    ALGHSIK "alghsik" 0xecdb RIE_d DLF : r3, i2, int::add, r1, addu64;
    ALSI  "alsi"  0xeb6e SIY   GIE : a1, i2, int::alsi, none, none;
    ALGSI "algsi" 0xeb7e SIY   GIE : a1, i2, int::algsi, none, none;
    ALHHHR "alhhhr" 0xb9ca RRF_a DLF : r2_sr32, r3_sr32, int::add, r1_32h, addu32;
    ALHHLR "alhhlr" 0xb9da RRF_a DLF : r2_sr32, r3_32u, int::add, r1_32h, addu32;
    ALSIH "alsih" 0xcc0a RIL_a DLF : r1_sr32, i2, int::add, r1_32h, addu32;
    ALSIHN "alsihn" 0xcc0b RIL_a DLF : r1_sr32, i2, int::add, r1_32h, none;
    ALCR  "alcr"  0xb998 RRE   Z   : r1_32u, r2_32u, int::addc, r1_32, addc32;
    ALCGR "alcgr" 0xb988 RRE   Z   : r1, r2, int::addc, r1, addc64;
    ALC   "alc"   0xe398 RXY_a Z   : r1_32u, m2_32u, int::addc, r1_32, addc32;
    ALCG  "alcg"  0xe388 RXY_a Z   : r1, m2_64, int::addc, r1, addc64;
    SR    "sr"    0x1b00 RR    Z   : r1_32s, r2_32s, int::sub, r1_32, subs32;
    SGR   "sgr"   0xb909 RRE   Z   : r1, r2, int::sub, r1, subs64;
    SGFR  "sgfr"  0xb919 RRE   Z   : r1, r2_32s, int::sub, r1, subs64;
    SRK   "srk"   0xb9f9 RRF_a DLF : r2_32s, r3_32s, int::sub, r1_32, subs32;
    SGRK  "sgrk"  0xb9e9 RRF_a DLF : r2, r3, int::sub, r1, subs64;
    S     "s"     0x5b00 RX_a  Z   : r1_32s, m2_32s, int::sub, r1_32, subs32;
    SY    "sy"    0xe35b RXY_a LD  : r1_32s, m2_32s, int::sub, r1_32, subs32;
    SG    "sg"    0xe309 RXY_a Z   : r1, m2_64, int::sub, r1, subs64;
    SGF   "sgf"   0xe319 RXY_a Z   : r1, m2_32s, int::sub, r1, subs64;
    SH    "sh"    0x4b00 RX_a  Z   : r1_32s, m2_16s, int::sub, r1_32, subs32;
    SHY   "shy"   0xe37b RXY_a LD  : r1_32s, m2_16s, int::sub, r1_32, subs32;
    SHHHR "shhhr" 0xb9c9 RRF_a DLF : r2_hs, r3_hs, int::sub, r1_32h, subs32;
    SHHLR "shhlr" 0xb9d9 RRF_a DLF : r2_hs, r3_32s, int::sub, r1_32h, subs32;
    SLR   "slr"   0x1f00 RR    Z   : r1_32u, r2_32u, int::sub, r1_32, subu32;
    SLGR  "slgr"  0xb90b RRE   Z   : r1, r2, int::sub, r1, subu64;
    SLGFR "slgfr" 0xb91b RRE   Z   : r1, r2_32u, int::sub, r1, subu64;
    SLRK  "slrk"  0xb9fb RRF_a DLF : r2_32u, r3_32u, int::sub, r1_32, subu32;
    SLGRK "slgrk" 0xb9eb RRF_a DLF : r2, r3, int::sub, r1, subu64;
    SL    "sl"    0x5f00 RX_a  Z   : r1_32u, m2_32u, int::sub, r1_32, subu32;
    SLY   "sly"   0xe35f RXY_a LD  : r1_32u, m2_32u, int::sub, r1_32, subu32;
    SLG   "slg"   0xe30b RXY_a Z   : r1, m2_64, int::sub, r1, subu64;
    SLGF  "slgf"  0xe31b RXY_a Z   : r1, m2_32u, int::sub, r1, subu64;
    SLFI  "slfi"  0xc205 RIL_a EI  : r1_32u, i2_32u, int::sub, r1_32, subu32;
    SLGFI "slgfi" 0xc204 RIL_a EI  : r1, i2_32u, int::sub, r1, subu64;
    SLHHHR "slhhhr" 0xb9cb RRF_a DLF : r2_sr32, r3_sr32, int::sub, r1_32h, subu32;
    SLHHLR "slhhlr" 0xb9db RRF_a DLF : r2_sr32, r3_32u, int::sub, r1_32h, subu32;
    SLBR  "slbr"  0xb999 RRE   Z   : r1_32u, r2_32u, int::subb32, r1_32, addc32;
    SLBGR "slbgr" 0xb989 RRE   Z   : r1, r2, int::subb64, r1, addc64;
    SLB   "slb"   0xe399 RXY_a Z   : r1_32u, m2_32u, int::subb32, r1_32, addc32;
    SLBG  "slbg"  0xe389 RXY_a Z   : r1, m2_64, int::subb64, r1, addc64;
    MSGFI "msgfi" 0xc200 RIL_a GIE : r1, i2, int::mul, r1, none;
    MSFI  "msfi"  0xc201 RIL_a GIE : r1_32s, i2, int::mul, r1_32, none;
    MSGR  "msgr"  0xb90c RRE   Z   : r1, r2, int::mul, r1, none;
    MSGFR "msgfr" 0xb91c RRE   Z   : r1, r2_32s, int::mul, r1, none;
    MSR   "msr"   0xb252 RRE   Z   : r1_32s, r2_32s, int::mul, r1_32, none;
    MS    "ms"    0x7100 RX_a  Z   : r1_32s, m2_32s, int::mul, r1_32, none;
    MSY   "msy"   0xe351 RXY_a LD  : r1_32s, m2_32s, int::mul, r1_32, none;
    MSG   "msg"   0xe30c RXY_a Z   : r1, m2_64, int::mul, r1, none;
    MSGF  "msgf"  0xe31c RXY_a Z   : r1, m2_32s, int::mul, r1, none;
    MH    "mh"    0x4c00 RX_a  Z   : r1_32s, m2_16s, int::mul, r1_32, none;
    MHY   "mhy"   0xe37c RXY_a GIE : r1_32s, m2_16s, int::mul, r1_32, none;
    MHI   "mhi"   0xa70c RI_a  Z   : r1_32s, i2, int::mul, r1_32, none;
    MGHI  "mghi"  0xa70d RI_a  Z   : r1, i2, int::mul, r1, none;
    MR    "mr"    0x1c00 RR    Z   : r1p1_32s, r2_32s, int::mul_pair32, r1_p32, none;
    M     "m"     0x5c00 RX_a  Z   : r1p1_32s, m2_32s, int::mul_pair32, r1_p32, none;
    MFY   "mfy"   0xe35c RXY_a GIE : r1p1_32s, m2_32s, int::mul_pair32, r1_p32, none;
    MLR   "mlr"   0xb996 RRE   Z   : r1p1_32u, r2_32u, int::mul_pair32, r1_p32, none;
    ML    "ml"    0xe396 RXY_a Z   : r1p1_32u, m2_32u, int::mul_pair32, r1_p32, none;
    MLGR  "mlgr"  0xb986 RRE   Z   : r1p1, r2, int::mul_pair64, r1_p64, none;
    MLG   "mlg"   0xe386 RXY_a Z   : r1p1, m2_64, int::mul_pair64, r1_p64, none;
    DR    "dr"    0x1d00 RR    Z   : none, r2_32s, int::div32, r1_p32, none;
    D     "d"     0x5d00 RX_a  Z   : none, m2_32s, int::div32, r1_p32, none;
    DLR   "dlr"   0xb997 RRE   Z   : none, r2_32u, int::divl32, r1_p32, none;
    DL    "dl"    0xe397 RXY_a Z   : none, m2_32u, int::divl32, r1_p32, none;
    DSGR  "dsgr"  0xb90d RRE   Z   : none, r2, int::divs64, r1_p64, none;
    DSG   "dsg"   0xe30d RXY_a Z   : none, m2_64, int::divs64, r1_p64, none;
    DSGFR "dsgfr" 0xb91d RRE   Z   : none, r2_32s, int::divs64, r1_p64, none;
    DSGF  "dsgf"  0xe31d RXY_a Z   : none, m2_32s, int::divs64, r1_p64, none;
    DLGR  "dlgr"  0xb987 RRE   Z   : none, r2, int::divl64, none, none;
    DLG   "dlg"   0xe387 RXY_a Z   : none, m2_64, int::divl64, none, none;
    LCR   "lcr"   0x1300 RR    Z   : none, r2_32s, int::neg, r1_32, comp32;
    LCGR  "lcgr"  0xb903 RRE   Z   : none, r2, int::neg, r1, comp64;
    LCGFR "lcgfr" 0xb913 RRE   Z   : none, r2_32s, int::neg, r1, comp64;
    LPR   "lpr"   0x1000 RR    Z   : none, r2_32s, int::abs, r1_32, comp32;
    LPGR  "lpgr"  0xb900 RRE   Z   : none, r2, int::abs, r1, comp64;
    LPGFR "lpgfr" 0xb910 RRE   Z   : none, r2_32s, int::abs, r1, comp64;
    LNR   "lnr"   0x1100 RR    Z   : none, r2_32s, int::nabs, r1_32, s32;
    LNGR  "lngr"  0xb901 RRE   Z   : none, r2, int::nabs, r1, s64;
    LNGFR "lngfr" 0xb911 RRE   Z   : none, r2_32s, int::nabs, r1, s64;
    CR    "cr"    0x1900 RR    Z   : r1_32s, r2_32s, int::nop, none, cmps32;
    CGR   "cgr"   0xb920 RRE   Z   : r1, r2, int::nop, none, cmps64;
    CGFR  "cgfr"  0xb930 RRE   Z   : r1, r2_32s, int::nop, none, cmps64;
    C     "c"     0x5900 RX_a  Z   : r1_32s, m2_32s, int::nop, none, cmps32;
    CY    "cy"    0xe359 RXY_a LD  : r1_32s, m2_32s, int::nop, none, cmps32;
    CG    "cg"    0xe320 RXY_a Z   : r1, m2_64, int::nop, none, cmps64;
    CGF   "cgf"   0xe330 RXY_a Z   : r1, m2_32s, int::nop, none, cmps64;
    CH    "ch"    0x4900 RX_a  Z   : r1_32s, m2_16s, int::nop, none, cmps32;
    CHY   "chy"   0xe379 RXY_a LD  : r1_32s, m2_16s, int::nop, none, cmps32;
    CGH   "cgh"   0xe334 RXY_a GIE : r1, m2_16s, int::nop, none, cmps64;
    CHI   "chi"   0xa70e RI_a  Z   : r1_32s, i2, int::nop, none, cmps32;
    CGHI  "cghi"  0xa70f RI_a  Z   : r1, i2, int::nop, none, cmps64;
    CFI   "cfi"   0xc20d RIL_a EI  : r1_32s, i2, int::nop, none, cmps32;
    CGFI  "cgfi"  0xc20c RIL_a EI  : r1, i2, int::nop, none, cmps64;
    CHSI  "chsi"  0xe55c SIL   GIE : m1_32s, i2, int::nop, none, cmps64;
    CGHSI "cghsi" 0xe558 SIL   GIE : m1_64, i2, int::nop, none, cmps64;
    CHHSI "chhsi" 0xe554 SIL   GIE : m1_16s, i2, int::nop, none, cmps64;
    CRL   "crl"   0xc60d RIL_b GIE : r1_32s, mri2_32s, int::nop, none, cmps32;
    CGRL  "cgrl"  0xc608 RIL_b GIE : r1, mri2_64, int::nop, none, cmps64;
    CGFRL "cgfrl" 0xc60c RIL_b GIE : r1, mri2_32s, int::nop, none, cmps64;
    CHRL  "chrl"  0xc605 RIL_b GIE : r1_32s, mri2_16s, int::nop, none, cmps32;
    CGHRL "cghrl" 0xc604 RIL_b GIE : r1, mri2_16s, int::nop, none, cmps64;
    CHHR  "chhr"  0xb9cd RRE   DLF : r1_hs, r2_hs, int::nop, none, cmps32;
    CHLR  "chlr"  0xb9dd RRE   DLF : r1_hs, r2_32s, int::nop, none, cmps32;
    CHF   "chf"   0xe3cd RXY_a DLF : r1_hs, m2_32s, int::nop, none, cmps32;
    CIH   "cih"   0xcc0d RIL_a DLF : r1_hs, i2, int::nop, none, cmps32;
    CLR   "clr"   0x1500 RR    Z   : r1_32u, r2_32u, int::nop, none, cmpu32;
    CLGR  "clgr"  0xb921 RRE   Z   : r1, r2, int::nop, none, cmpu64;
    CLGFR "clgfr" 0xb931 RRE   Z   : r1, r2_32u, int::nop, none, cmpu64;
    CL    "cl"    0x5500 RX_a  Z   : r1_32u, m2_32u, int::nop, none, cmpu32;
    CLY   "cly"   0xe355 RXY_a LD  : r1_32u, m2_32u, int::nop, none, cmpu32;
    CLG   "clg"   0xe321 RXY_a Z   : r1, m2_64, int::nop, none, cmpu64;
    CLGF  "clgf"  0xe331 RXY_a Z   : r1, m2_32u, int::nop, none, cmpu64;
    CLFI  "clfi"  0xc20f RIL_a EI  : r1_32u, i2_32u, int::nop, none, cmpu32;
    CLGFI "clgfi" 0xc20e RIL_a EI  : r1, i2_32u, int::nop, none, cmpu64;
    CLI   "cli"   0x9500 SI    Z   : m1_8u, i2_8u, int::nop, none, cmpu64;
    CLIY  "cliy"  0xeb55 SIY   LD  : m1_8u, i2_8u, int::nop, none, cmpu64;
    CLHHSI "clhhsi" 0xe555 SIL  GIE : m1_16u, i2_16u, int::nop, none, cmpu64;
    CLFHSI "clfhsi" 0xe55d SIL  GIE : m1_32u, i2_16u, int::nop, none, cmpu64;
    CLGHSI "clghsi" 0xe559 SIL  GIE : m1_64, i2_16u, int::nop, none, cmpu64;
    CLRL  "clrl"  0xc60f RIL_b GIE : r1_32u, mri2_32u, int::nop, none, cmpu32;
    CLGRL "clgrl" 0xc60a RIL_b GIE : r1, mri2_64, int::nop, none, cmpu64;
    CLGFRL "clgfrl" 0xc60e RIL_b GIE : r1, mri2_32u, int::nop, none, cmpu64;
    CLHRL "clhrl" 0xc607 RIL_b GIE : r1_32u, mri2_16u, int::nop, none, cmpu32;
    CLGHRL "clghrl" 0xc606 RIL_b GIE : r1, mri2_16u, int::nop, none, cmpu64;
    CLHHR "clhhr" 0xb9cf RRE   DLF : r1_sr32, r2_sr32, int::nop, none, cmpu32;
    CLHLR "clhlr" 0xb9df RRE   DLF : r1_sr32, r2_32u, int::nop, none, cmpu32;
    CLHF  "clhf"  0xe3cf RXY_a DLF : r1_sr32, m2_32u, int::nop, none, cmpu32;
    CLIH  "clih"  0xcc0f RIL_a DLF : r1_sr32, i2_32u, int::nop, none, cmpu32;
    CLM   "clm"   0xbd00 RS_b  Z   : none, a2, int::clm, none, none;
    CLMY  "clmy"  0xeb21 RSY_b LD  : none, a2, int::clm, none, none;
    CLMH  "clmh"  0xeb20 RSY_b Z   : none, a2, int::clmh, none, none;

    ---- "loads and stores (PoP ch. 7): integer.rs" ----
    LR    "lr"    0x1800 RR    Z   : none, r2_32u, int::mov2, r1_32, none;
    LGR   "lgr"   0xb904 RRE   Z   : none, r2, int::mov2, r1, none;
    LGFR  "lgfr"  0xb914 RRE   Z   : none, r2_32s, int::mov2, r1, none;
    LLGFR "llgfr" 0xb916 RRE   Z   : none, r2_32u, int::mov2, r1, none;
    LLGTR "llgtr" 0xb917 RRE   Z   : none, r2_31u, int::mov2, r1, none;
    LBR   "lbr"   0xb926 RRE   EI  : none, r2_8s, int::mov2, r1_32, none;
    LGBR  "lgbr"  0xb906 RRE   EI  : none, r2_8s, int::mov2, r1, none;
    LHR   "lhr"   0xb927 RRE   EI  : none, r2_16s, int::mov2, r1_32, none;
    LGHR  "lghr"  0xb907 RRE   EI  : none, r2_16s, int::mov2, r1, none;
    LLCR  "llcr"  0xb994 RRE   EI  : none, r2_8u, int::mov2, r1_32, none;
    LLGCR "llgcr" 0xb984 RRE   EI  : none, r2_8u, int::mov2, r1, none;
    LLHR  "llhr"  0xb995 RRE   EI  : none, r2_16u, int::mov2, r1_32, none;
    LLGHR "llghr" 0xb985 RRE   EI  : none, r2_16u, int::mov2, r1, none;
    LTR   "ltr"   0x1200 RR    Z   : none, r2_32s, int::mov2, r1_32, s32;
    LTGR  "ltgr"  0xb902 RRE   Z   : none, r2, int::mov2, r1, s64;
    LTGFR "ltgfr" 0xb912 RRE   Z   : none, r2_32s, int::mov2, r1, s64;
    LT    "lt"    0xe312 RXY_a EI  : none, m2_32s, int::mov2, r1_32, s32;
    LTG   "ltg"   0xe302 RXY_a EI  : none, m2_64, int::mov2, r1, s64;
    LTGF  "ltgf"  0xe332 RXY_a GIE : none, m2_32s, int::mov2, r1, s64;
    L     "l"     0x5800 RX_a  Z   : none, m2_32u, int::mov2, r1_32, none;
    LY    "ly"    0xe358 RXY_a LD  : none, m2_32u, int::mov2, r1_32, none;
    LG    "lg"    0xe304 RXY_a Z   : none, m2_64, int::mov2, r1, none;
    LGF   "lgf"   0xe314 RXY_a Z   : none, m2_32s, int::mov2, r1, none;
    LLGF  "llgf"  0xe316 RXY_a Z   : none, m2_32u, int::mov2, r1, none;
    LLGT  "llgt"  0xe317 RXY_a Z   : none, m2_31u, int::mov2, r1, none;
    LH    "lh"    0x4800 RX_a  Z   : none, m2_16s, int::mov2, r1_32, none;
    LHY   "lhy"   0xe378 RXY_a LD  : none, m2_16s, int::mov2, r1_32, none;
    LGH   "lgh"   0xe315 RXY_a Z   : none, m2_16s, int::mov2, r1, none;
    LLH   "llh"   0xe395 RXY_a EI  : none, m2_16u, int::mov2, r1_32, none;
    LLGH  "llgh"  0xe391 RXY_a Z   : none, m2_16u, int::mov2, r1, none;
    LB    "lb"    0xe376 RXY_a LD  : none, m2_8s, int::mov2, r1_32, none;
    LGB   "lgb"   0xe377 RXY_a LD  : none, m2_8s, int::mov2, r1, none;
    LLC   "llc"   0xe394 RXY_a EI  : none, m2_8u, int::mov2, r1_32, none;
    LLGC  "llgc"  0xe390 RXY_a Z   : none, m2_8u, int::mov2, r1, none;
    LFH   "lfh"   0xe3ca RXY_a DLF : none, m2_32u, int::mov2, r1_32h, none;
    LBH   "lbh"   0xe3c0 RXY_a DLF : none, m2_8s, int::mov2, r1_32h, none;
    LLCH  "llch"  0xe3c2 RXY_a DLF : none, m2_8u, int::mov2, r1_32h, none;
    LHH   "lhh"   0xe3c4 RXY_a DLF : none, m2_16s, int::mov2, r1_32h, none;
    LLHH  "llhh"  0xe3c6 RXY_a DLF : none, m2_16u, int::mov2, r1_32h, none;
    LRL   "lrl"   0xc40d RIL_b GIE : none, mri2_32u, int::mov2, r1_32, none;
    LGRL  "lgrl"  0xc408 RIL_b GIE : none, mri2_64, int::mov2, r1, none;
    LGFRL "lgfrl" 0xc40c RIL_b GIE : none, mri2_32s, int::mov2, r1, none;
    LLGFRL "llgfrl" 0xc40e RIL_b GIE : none, mri2_32u, int::mov2, r1, none;
    LHRL  "lhrl"  0xc405 RIL_b GIE : none, mri2_16s, int::mov2, r1_32, none;
    LGHRL "lghrl" 0xc404 RIL_b GIE : none, mri2_16s, int::mov2, r1, none;
    LLHRL "llhrl" 0xc402 RIL_b GIE : none, mri2_16u, int::mov2, r1_32, none;
    LLGHRL "llghrl" 0xc406 RIL_b GIE : none, mri2_16u, int::mov2, r1, none;
    LHI   "lhi"   0xa708 RI_a  Z   : none, i2, int::mov2, r1_32, none;
    LGHI  "lghi"  0xa709 RI_a  Z   : none, i2, int::mov2, r1, none;
    LGFI  "lgfi"  0xc001 RIL_a EI  : none, i2, int::mov2, r1, none;
    LLIHF "llihf" 0xc00e RIL_a EI  : none, i2_32u_shl32, int::mov2, r1, none;
    LLILF "llilf" 0xc00f RIL_a EI  : none, i2_32u, int::mov2, r1, none;
    LLIHH "llihh" 0xa50c RI_a  Z   : none, i2_16u_shl48, int::mov2, r1, none;
    LLIHL "llihl" 0xa50d RI_a  Z   : none, i2_16u_shl32, int::mov2, r1, none;
    LLILH "llilh" 0xa50e RI_a  Z   : none, i2_16u_shl16, int::mov2, r1, none;
    LLILL "llill" 0xa50f RI_a  Z   : none, i2_16u, int::mov2, r1, none;
    IIHF  "iihf"  0xc008 RIL_a EI  : none, i2_32u, int::mov2, r1_32h, none;
    IILF  "iilf"  0xc009 RIL_a EI  : none, i2_32u, int::mov2, r1_32, none;
    IIHH  "iihh"  0xa500 RI_a  Z   : r1, i2_16u, int::ins_hh, r1, none;
    IIHL  "iihl"  0xa501 RI_a  Z   : r1, i2_16u, int::ins_hl, r1, none;
    IILH  "iilh"  0xa502 RI_a  Z   : r1, i2_16u, int::ins_lh, r1, none;
    IILL  "iill"  0xa503 RI_a  Z   : r1, i2_16u, int::ins_ll, r1, none;
    IC    "ic"    0x4300 RX_a  Z   : none, m2_8u, int::mov2, r1_8, none;
    ICY   "icy"   0xe373 RXY_a LD  : none, m2_8u, int::mov2, r1_8, none;
    ICM   "icm"   0xbf00 RS_b  Z   : none, a2, int::icm, none, none;
    ICMY  "icmy"  0xeb81 RSY_b LD  : none, a2, int::icm, none, none;
    ICMH  "icmh"  0xeb80 RSY_b Z   : none, a2, int::icmh, none, none;
    LA    "la"    0x4100 RX_a  Z   : none, a2, int::mov2, r1, none;
    LAY   "lay"   0xe371 RXY_a LD  : none, a2, int::mov2, r1, none;
    LARL  "larl"  0xc000 RIL_b Z   : none, ri2, int::mov2, r1, none;
    LRVR  "lrvr"  0xb91f RRE   Z   : none, r2_32u, int::bswap32, r1_32, none;
    LRVGR "lrvgr" 0xb90f RRE   Z   : none, r2, int::bswap64, r1, none;
    LRV   "lrv"   0xe31e RXY_a Z   : none, m2_32rev, int::mov2, r1_32, none;
    LRVG  "lrvg"  0xe30f RXY_a Z   : none, m2_64rev, int::mov2, r1, none;
    LRVH  "lrvh"  0xe31f RXY_a Z   : none, m2_16rev, int::mov2, r1_16, none;
    LAT   "lat"   0xe39f RXY_a MIE : none, m2_32u, int::lat, r1_32, none;
    LGAT  "lgat"  0xe385 RXY_a MIE : none, m2_64, int::lgat, r1, none;
    LLGFAT "llgfat" 0xe39d RXY_a MIE : none, m2_32u, int::lgat, r1, none;
    LLGTAT "llgtat" 0xe39c RXY_a MIE : none, m2_31u, int::lgat, r1, none;
    LFHAT "lfhat" 0xe3c8 RXY_a MIE : none, m2_32u, int::lfhat, r1_32h, none;
    LZRF  "lzrf"  0xe33b RXY_a LOC2 : none, m2_32u, int::zero_rightmost_byte, r1_32, none;
    LZRG  "lzrg"  0xe32a RXY_a LOC2 : none, m2_64, int::zero_rightmost_byte, r1, none;
    LLZRGF "llzrgf" 0xe33a RXY_a LOC2 : none, m2_32u, int::zero_rightmost_byte, r1, none;
    LM    "lm"    0x9800 RS_a  Z   : none, a2, int::lm, none, none;
    LMY   "lmy"   0xeb98 RSY_a LD  : none, a2, int::lm, none, none;
    LMH   "lmh"   0xeb96 RSY_a Z   : none, a2, int::lmh, none, none;
    LMG   "lmg"   0xeb04 RSY_a Z   : none, a2, int::lmg, none, none;
    ST    "st"    0x5000 RX_a  Z   : r1_32u, a2, int::st32, none, none;
    STY   "sty"   0xe350 RXY_a LD  : r1_32u, a2, int::st32, none, none;
    STG   "stg"   0xe324 RXY_a Z   : r1, a2, int::st64, none, none;
    STH   "sth"   0x4000 RX_a  Z   : r1, a2, int::st16, none, none;
    STHY  "sthy"  0xe370 RXY_a LD  : r1, a2, int::st16, none, none;
    STC   "stc"   0x4200 RX_a  Z   : r1, a2, int::st8, none, none;
    STCY  "stcy"  0xe372 RXY_a LD  : r1, a2, int::st8, none, none;
    STFH  "stfh"  0xe3cb RXY_a DLF : r1_sr32, a2, int::st32, none, none;
    STHH  "sthh"  0xe3c7 RXY_a DLF : r1_sr32, a2, int::st16, none, none;
    STCH  "stch"  0xe3c3 RXY_a DLF : r1_sr32, a2, int::st8, none, none;
    STRL  "strl"  0xc40f RIL_b GIE : r1, ri2, int::st32, none, none;
    STGRL "stgrl" 0xc40b RIL_b GIE : r1, ri2, int::st64, none, none;
    STHRL "sthrl" 0xc407 RIL_b GIE : r1, ri2, int::st16, none, none;
    STRV  "strv"  0xe33e RXY_a Z   : r1, a2, int::st32r, none, none;
    STRVG "strvg" 0xe32f RXY_a Z   : r1, a2, int::st64r, none, none;
    STRVH "strvh" 0xe33f RXY_a Z   : r1, a2, int::st16r, none, none;
    STCM  "stcm"  0xbe00 RS_b  Z   : none, a2, int::stcm, none, none;
    STCMY "stcmy" 0xeb2d RSY_b LD  : none, a2, int::stcm, none, none;
    STCMH "stcmh" 0xeb2c RSY_b Z   : none, a2, int::stcmh, none, none;
    STM   "stm"   0x9000 RS_a  Z   : none, a2, int::stm, none, none;
    STMY  "stmy"  0xeb90 RSY_a LD  : none, a2, int::stm, none, none;
    STMH  "stmh"  0xeb26 RSY_a Z   : none, a2, int::stmh, none, none;
    STMG  "stmg"  0xeb24 RSY_a Z   : none, a2, int::stmg, none, none;
    MVI   "mvi"   0x9200 SI    Z   : i2_8u, a1, int::st8, none, none;
    MVIY  "mviy"  0xeb52 SIY   LD  : i2_8u, a1, int::st8, none, none;
    MVHHI "mvhhi" 0xe544 SIL   GIE : i2, a1, int::st16, none, none;
    MVHI  "mvhi"  0xe54c SIL   GIE : i2, a1, int::st32, none, none;
    MVGHI "mvghi" 0xe548 SIL   GIE : i2, a1, int::st64, none, none;
    LOCR  "locr"  0xb9f2 RRF_c DLF : r1_32u, r2_32u, int::sel_m3, r1_32, none;
    LOCGR "locgr" 0xb9e2 RRF_c DLF : r1, r2, int::sel_m3, r1, none;
    LOCFHR "locfhr" 0xb9e0 RRF_c LOC2 : r1_sr32, r2_sr32, int::sel_m3, r1_32h, none;
    LOCHI "lochi" 0xec42 RIE_g LOC2 : r1_32u, i2, int::sel_m3, r1_32, none;
    LOCGHI "locghi" 0xec46 RIE_g LOC2 : r1, i2, int::sel_m3, r1, none;
    LOCHHI "lochhi" 0xec4e RIE_g LOC2 : r1_sr32, i2, int::sel_m3, r1_32h, none;
    LOC   "loc"   0xebf2 RSY_b DLF : none, a2, int::loc, none, none;
    LOCG  "locg"  0xebe2 RSY_b DLF : none, a2, int::locg, none, none;
    LOCFH "locfh" 0xebe0 RSY_b LOC2 : none, a2, int::locfh, none, none;
    STOC  "stoc"  0xebf3 RSY_b DLF : none, a2, int::stoc, none, none;
    STOCG "stocg" 0xebe3 RSY_b DLF : none, a2, int::stocg, none, none;
    STOCFH "stocfh" 0xebe1 RSY_b LOC2 : none, a2, int::stocfh, none, none;

    ---- "logical (PoP ch. 7): logical.rs" ----
    NR    "nr"    0x1400 RR    Z   : r1_32u, r2_32u, log::and, r1_32, nz32;
    NGR   "ngr"   0xb980 RRE   Z   : r1, r2, log::and, r1, nz64;
    NRK   "nrk"   0xb9f4 RRF_a DLF : r2_32u, r3_32u, log::and, r1_32, nz32;
    NGRK  "ngrk"  0xb9e4 RRF_a DLF : r2, r3, log::and, r1, nz64;
    N     "n"     0x5400 RX_a  Z   : r1_32u, m2_32u, log::and, r1_32, nz32;
    NY    "ny"    0xe354 RXY_a LD  : r1_32u, m2_32u, log::and, r1_32, nz32;
    NG    "ng"    0xe380 RXY_a Z   : r1, m2_64, log::and, r1, nz64;
    NI    "ni"    0x9400 SI    Z   : a1, i2_8u, log::ni, none, none;
    NIY   "niy"   0xeb54 SIY   LD  : a1, i2_8u, log::ni, none, none;
    NIHF  "nihf"  0xc00a RIL_a EI  : r1, i2_n32_32, log::and, r1, nz32_32;
    NILF  "nilf"  0xc00b RIL_a EI  : r1, i2_n32_0, log::and, r1, nz32;
    NIHH  "nihh"  0xa504 RI_a  Z   : r1, i2_n16_48, log::and, r1, nz16_48;
    NIHL  "nihl"  0xa505 RI_a  Z   : r1, i2_n16_32, log::and, r1, nz16_32;
    NILH  "nilh"  0xa506 RI_a  Z   : r1, i2_n16_16, log::and, r1, nz16_16;
    NILL  "nill"  0xa507 RI_a  Z   : r1, i2_n16_0, log::and, r1, nz16_0;
    OR    "or"    0x1600 RR    Z   : r1_32u, r2_32u, log::or, r1_32, nz32;
    OGR   "ogr"   0xb981 RRE   Z   : r1, r2, log::or, r1, nz64;
    ORK   "ork"   0xb9f6 RRF_a DLF : r2_32u, r3_32u, log::or, r1_32, nz32;
    OGRK  "ogrk"  0xb9e6 RRF_a DLF : r2, r3, log::or, r1, nz64;
    O     "o"     0x5600 RX_a  Z   : r1_32u, m2_32u, log::or, r1_32, nz32;
    OY    "oy"    0xe356 RXY_a LD  : r1_32u, m2_32u, log::or, r1_32, nz32;
    OG    "og"    0xe381 RXY_a Z   : r1, m2_64, log::or, r1, nz64;
    OI    "oi"    0x9600 SI    Z   : a1, i2_8u, log::oi, none, none;
    OIY   "oiy"   0xeb56 SIY   LD  : a1, i2_8u, log::oi, none, none;
    OIHF  "oihf"  0xc00c RIL_a EI  : r1, i2_32u_shl32, log::or, r1, nz32_32;
    OILF  "oilf"  0xc00d RIL_a EI  : r1, i2_32u, log::or, r1, nz32;
    OIHH  "oihh"  0xa508 RI_a  Z   : r1, i2_16u_shl48, log::or, r1, nz16_48;
    OIHL  "oihl"  0xa509 RI_a  Z   : r1, i2_16u_shl32, log::or, r1, nz16_32;
    OILH  "oilh"  0xa50a RI_a  Z   : r1, i2_16u_shl16, log::or, r1, nz16_16;
    OILL  "oill"  0xa50b RI_a  Z   : r1, i2_16u, log::or, r1, nz16_0;
    XR    "xr"    0x1700 RR    Z   : r1_32u, r2_32u, log::xor, r1_32, nz32;
    XGR   "xgr"   0xb982 RRE   Z   : r1, r2, log::xor, r1, nz64;
    XRK   "xrk"   0xb9f7 RRF_a DLF : r2_32u, r3_32u, log::xor, r1_32, nz32;
    XGRK  "xgrk"  0xb9e7 RRF_a DLF : r2, r3, log::xor, r1, nz64;
    X     "x"     0x5700 RX_a  Z   : r1_32u, m2_32u, log::xor, r1_32, nz32;
    XY    "xy"    0xe357 RXY_a LD  : r1_32u, m2_32u, log::xor, r1_32, nz32;
    XG    "xg"    0xe382 RXY_a Z   : r1, m2_64, log::xor, r1, nz64;
    XI    "xi"    0x9700 SI    Z   : a1, i2_8u, log::xi, none, none;
    XIY   "xiy"   0xeb57 SIY   LD  : a1, i2_8u, log::xi, none, none;
    XIHF  "xihf"  0xc006 RIL_a EI  : r1, i2_32u_shl32, log::xor, r1, nz32_32;
    XILF  "xilf"  0xc007 RIL_a EI  : r1, i2_32u, log::xor, r1, nz32;
    TM    "tm"    0x9100 SI    Z   : m1_8u, i2_8u, int::nop, none, tm8;
    TMY   "tmy"   0xeb51 SIY   LD  : m1_8u, i2_8u, int::nop, none, tm8;
    TMLL  "tmll"  0xa701 RI_a  Z   : r1, i2_16u, int::nop, none, tm16_0;
    TMLH  "tmlh"  0xa700 RI_a  Z   : r1, i2_16u, int::nop, none, tm16_16;
    TMHL  "tmhl"  0xa703 RI_a  Z   : r1, i2_16u, int::nop, none, tm16_32;
    TMHH  "tmhh"  0xa702 RI_a  Z   : r1, i2_16u, int::nop, none, tm16_48;
    FLOGR "flogr" 0xb983 RRE   EI  : none, r2, log::flogr, none, none;
    POPCNT "popcnt" 0xb9e1 RRE DLF : none, r2, log::popcnt, r1, nz64;
    SLL   "sll"   0x8900 RS_a  Z   : r1_32u, sh32, log::sll, r1_32, none;
    SRL   "srl"   0x8800 RS_a  Z   : r1_32u, sh32, log::srl, r1_32, none;
    SLLK  "sllk"  0xebdf RSY_a DLF : r3_32u, sh32, log::sll, r1_32, none;
    SRLK  "srlk"  0xebde RSY_a DLF : r3_32u, sh32, log::srl, r1_32, none;
    SLLG  "sllg"  0xeb0d RSY_a Z   : r3, sh64, log::sll, r1, none;
    SRLG  "srlg"  0xeb0c RSY_a Z   : r3, sh64, log::srl, r1, none;
    SLA   "sla"   0x8b00 RS_a  Z   : r1_32s, sh32, log::sla32, r1_32, sla32;
    SLAK  "slak"  0xebdd RSY_a DLF : r3_32s, sh32, log::sla32, r1_32, sla32;
    SLAG  "slag"  0xeb0b RSY_a Z   : r3, sh64, log::sla64, r1, sla64;
    SRA   "sra"   0x8a00 RS_a  Z   : r1_32s, sh32, log::sra, r1_32, s32;
    SRAK  "srak"  0xebdc RSY_a DLF : r3_32s, sh32, log::sra, r1_32, s32;
    SRAG  "srag"  0xeb0a RSY_a Z   : r3, sh64, log::sra, r1, s64;
    SLDL  "sldl"  0x8d00 RS_a  Z   : none, sh64, log::sldl, none, none;
    SRDL  "srdl"  0x8c00 RS_a  Z   : none, sh64, log::srdl, none, none;
    SLDA  "slda"  0x8f00 RS_a  Z   : none, sh64, log::slda, none, none;
    SRDA  "srda"  0x8e00 RS_a  Z   : none, sh64, log::srda, none, none;
    RLL   "rll"   0xeb1d RSY_a Z   : r3_32u, sh64, log::rll32, r1_32, none;
    RLLG  "rllg"  0xeb1c RSY_a Z   : r3, sh64, log::rll64, r1, none;
    RISBG "risbg" 0xec55 RIE_f GIE : none, none, log::risbg, none, none;
    RISBGN "risbgn" 0xec59 RIE_f MIE : none, none, log::risbgn, none, none;
    RISBHG "risbhg" 0xec5d RIE_f DLF : none, none, log::risbhg, none, none;
    RISBLG "risblg" 0xec51 RIE_f DLF : none, none, log::risblg, none, none;
    RNSBG "rnsbg" 0xec54 RIE_f GIE : none, none, log::rnsbg, none, none;
    ROSBG "rosbg" 0xec56 RIE_f GIE : none, none, log::rosbg, none, none;
    RXSBG "rxsbg" 0xec57 RIE_f GIE : none, none, log::rxsbg, none, none;

    ---- "branches (PoP ch. 7): branch.rs" ----
    BCR   "bcr"   0x0700 RR    Z   : none, none, branch::bcr, none, none;
    BC    "bc"    0x4700 RX_b  Z   : none, a2, branch::bc, none, none;
    BRC   "brc"   0xa704 RI_c  Z   : none, none, branch::brc, none, none;
    BRCL  "brcl"  0xc004 RIL_c Z   : none, none, branch::brc, none, none;
    BASR  "basr"  0x0d00 RR    Z   : none, none, branch::basr, none, none;
    BRAS  "bras"  0xa705 RI_b  Z   : none, none, branch::bras, none, none;
    BRASL "brasl" 0xc005 RIL_b Z   : none, none, branch::bras, none, none;
    BRCTG "brctg" 0xa707 RI_b  Z   : none, none, branch::brctg, none, none;
    CGIJ  "cgij"  0xec7c RIE_c GIE : r1, i2, branch::cij_s, none, none;
    CIJ   "cij"   0xec7e RIE_c GIE : r1_32s, i2, branch::cij_s, none, none;
    CGRJ  "cgrj"  0xec64 RIE_b GIE : r1, r2, branch::crj_s, none, none;
    CRJ   "crj"   0xec76 RIE_b GIE : r1_32s, r2_32s, branch::crj_s, none, none;
    CLGRJ "clgrj" 0xec65 RIE_b GIE : r1, r2, branch::crj_u, none, none;
    // ==== more branch rows (BCT, BXH/BXLE, compare-and-branch/-trap ...) go here ====

    ---- "control and system interface: control.rs" ----
    SVC   "svc"   0x0a00 I     Z   : none, none, control::svc, none, none;
    EX    "ex"    0x4400 RX_a  Z   : none, a2, control::ex, none, none;
    EXRL  "exrl"  0xc600 RIL_b EE  : none, ri2, control::ex, none, none;
    EAR   "ear"   0xb24f RRE   Z   : none, none, control::ear, none, none;
    SAR   "sar"   0xb24e RRE   Z   : none, none, control::sar, none, none;
    // ==== atomic.rs rows (CS family, interlocked access, LPQ/STPQ) go here ====

    // ==== more control rows (STCK, STFLE, ECAG, SPM/IPM ...) go here ====

    // ==== storage_ops.rs rows (SS, SI, string, Unicode) go here ====

    // ==== bfp.rs rows (binary floating point, FPC) go here ====

    // ==== vector.rs rows (z13 vector facility) go here ====
}

/// Where the secondary opcode of an instruction with first byte `first` is: `Some((PoP
/// bit, width))`, or `None` for a one-byte opcode.
pub const fn secondary(first: u8) -> Option<(u32, u32)> {
    match first {
        0x01 | 0xa6 | 0xb2 | 0xb3 | 0xb9 | 0xe5 => Some((8, 8)),
        0xa5 | 0xa7 | 0xc0 | 0xc2 | 0xc4 | 0xc6 | 0xc8 | 0xcc => Some((12, 4)),
        0xe3 | 0xe6 | 0xe7 | 0xeb | 0xec | 0xed => Some((40, 8)),
        _ => None,
    }
}

/// The table key (`0xFFSS`) of the left-aligned instruction `w`.
pub fn key_of(w: u64) -> u16 {
    let first = (w >> 56) as u8;
    match secondary(first) {
        Some((at, len)) => (first as u16) << 8 | crate::forms::bits(w, at, len) as u16,
        None => (first as u16) << 8,
    }
}

fn index() -> &'static [u16] {
    static INDEX: OnceLock<Vec<u16>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut v = vec![u16::MAX; 1 << 16];
        for (i, r) in ROWS.iter().enumerate() {
            v[r.opcode as usize] = i as u16;
        }
        v
    })
}

/// The row of the left-aligned instruction `w`, or `None` (operation exception).
pub fn lookup(w: u64) -> Option<&'static Row> {
    let i = index()[key_of(w) as usize];
    ROWS.get(i as usize)
}

pub fn row(op: Op) -> &'static Row {
    &ROWS[op as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn no_two_rows_share_an_opcode_and_opcodes_fit_their_first_byte() {
        let mut seen = std::collections::HashMap::new();
        for r in ROWS {
            if let Some(prev) = seen.insert(r.opcode, r.mnemonic) {
                panic!("{} and {} share opcode {:#06x}", prev, r.mnemonic, r.opcode);
            }
            let first = (r.opcode >> 8) as u8;
            match secondary(first) {
                None => assert_eq!(r.opcode & 0xff, 0, "{}: one-byte opcode with a secondary byte", r.mnemonic),
                Some((_, 4)) => assert!(r.opcode & 0xff < 16, "{}: secondary nibble too wide", r.mnemonic),
                Some(_) => {}
            }
        }
    }
    #[test]
    fn rows_are_in_op_order() {
        for (i, r) in ROWS.iter().enumerate() {
            assert_eq!(r.op as usize, i);
        }
    }
}
