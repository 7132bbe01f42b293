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
    BALR  "balr"  0x0500 RR    Z   : none, none, branch::balr, none, none;
    BAL   "bal"   0x4500 RX_a  Z   : none, a2, branch::bal, none, none;
    BAS   "bas"   0x4d00 RX_a  Z   : none, a2, branch::bas, none, none;
    BCTR  "bctr"  0x0600 RR    Z   : none, none, branch::bctr, none, none;
    BCT   "bct"   0x4600 RX_a  Z   : none, a2, branch::bct, none, none;
    BCTGR "bctgr" 0xb946 RRE   Z   : none, none, branch::bctgr, none, none;
    BCTG  "bctg"  0xe346 RXY_a Z   : none, a2, branch::bctg, none, none;
    BRCT  "brct"  0xa706 RI_b  Z   : none, none, branch::brct, none, none;
    BRCTH "brcth" 0xcc06 RIL_b DLF : none, none, branch::brcth, none, none;
    BXH   "bxh"   0x8600 RS_a  Z   : none, a2, branch::bxh, none, none;
    BXLE  "bxle"  0x8700 RS_a  Z   : none, a2, branch::bxle, none, none;
    BXHG  "bxhg"  0xeb44 RSY_a Z   : none, a2, branch::bxhg, none, none;
    BXLEG "bxleg" 0xeb45 RSY_a Z   : none, a2, branch::bxleg, none, none;
    BRXH  "brxh"  0x8400 RSI   Z   : none, none, branch::brxh, none, none;
    BRXLE "brxle" 0x8500 RSI   Z   : none, none, branch::brxle, none, none;
    BRXHG "brxhg" 0xec44 RIE_e Z   : none, none, branch::brxhg, none, none;
    BRXLG "brxlg" 0xec45 RIE_e Z   : none, none, branch::brxlg, none, none;
    CLRJ  "clrj"  0xec77 RIE_b GIE : r1_32u, r2_32u, branch::cj_u, none, none;
    CLIJ  "clij"  0xec7f RIE_c GIE : r1_32u, i2_8u, branch::cj_u, none, none;
    CLGIJ "clgij" 0xec7d RIE_c GIE : r1, i2_8u, branch::cj_u, none, none;
    CRB   "crb"   0xecf6 RRS   GIE : r1_32s, r2_32s, branch::cb_s, none, none;
    CGRB  "cgrb"  0xece4 RRS   GIE : r1, r2, branch::cb_s, none, none;
    CLRB  "clrb"  0xecf7 RRS   GIE : r1_32u, r2_32u, branch::cb_u, none, none;
    CLGRB "clgrb" 0xece5 RRS   GIE : r1, r2, branch::cb_u, none, none;
    CIB   "cib"   0xecfe RIS   GIE : r1_32s, i2, branch::cb_s, none, none;
    CGIB  "cgib"  0xecfc RIS   GIE : r1, i2, branch::cb_s, none, none;
    CLIB  "clib"  0xecff RIS   GIE : r1_32u, i2_8u, branch::cb_u, none, none;
    CLGIB "clgib" 0xecfd RIS   GIE : r1, i2_8u, branch::cb_u, none, none;
    CRT   "crt"   0xb972 RRF_c GIE : r1_32s, r2_32s, branch::ct_s, none, none;
    CGRT  "cgrt"  0xb960 RRF_c GIE : r1, r2, branch::ct_s, none, none;
    CLRT  "clrt"  0xb973 RRF_c GIE : r1_32u, r2_32u, branch::ct_u, none, none;
    CLGRT "clgrt" 0xb961 RRF_c GIE : r1, r2, branch::ct_u, none, none;
    CIT   "cit"   0xec72 RIE_a GIE : r1_32s, i2, branch::ct_s, none, none;
    CGIT  "cgit"  0xec70 RIE_a GIE : r1, i2, branch::ct_s, none, none;
    CLFIT "clfit" 0xec73 RIE_a GIE : r1_32u, i2_16u, branch::ct_u, none, none;
    CLGIT "clgit" 0xec71 RIE_a GIE : r1, i2_16u, branch::ct_u, none, none;
    CLT   "clt"   0xeb23 RSY_b MIE : r1_32u, m2_32u, branch::ct_u, none, none;
    CLGT  "clgt"  0xeb2b RSY_b MIE : r1, m2_64, branch::ct_u, none, none;

    ---- "control and system interface: control.rs" ----
    SVC   "svc"   0x0a00 I     Z   : none, none, control::svc, none, none;
    EX    "ex"    0x4400 RX_a  Z   : none, a2, control::ex, none, none;
    EXRL  "exrl"  0xc600 RIL_b EE  : none, ri2, control::ex, none, none;
    EAR   "ear"   0xb24f RRE   Z   : none, none, control::ear, none, none;
    SAR   "sar"   0xb24e RRE   Z   : none, none, control::sar, none, none;
    // ==== atomic.rs rows (CS family, interlocked access, LPQ/STPQ) go here ====
    CS    "cs"    0xba00 RS_a  Z   : none, a2, atomic::cs, none, none;
    CSY   "csy"   0xeb14 RSY_a LD  : none, a2, atomic::cs, none, none;
    CSG   "csg"   0xeb30 RSY_a Z   : none, a2, atomic::csg, none, none;
    CDS   "cds"   0xbb00 RS_a  Z   : none, a2, atomic::cds, none, none;
    CDSY  "cdsy"  0xeb31 RSY_a LD  : none, a2, atomic::cds, none, none;
    CDSG  "cdsg"  0xeb3e RSY_a Z   : none, a2, atomic::cdsg, none, none;
    CSST  "csst"  0xc802 SSF   Z   : none, none, atomic::csst, none, none;
    LAA   "laa"   0xebf8 RSY_a DLF : none, a2, atomic::laa, none, none;
    LAAG  "laag"  0xebe8 RSY_a DLF : none, a2, atomic::laag, none, none;
    LAAL  "laal"  0xebfa RSY_a DLF : none, a2, atomic::laal, none, none;
    LAALG "laalg" 0xebea RSY_a DLF : none, a2, atomic::laalg, none, none;
    LAN   "lan"   0xebf4 RSY_a DLF : none, a2, atomic::lan, none, none;
    LANG  "lang"  0xebe4 RSY_a DLF : none, a2, atomic::lang, none, none;
    LAO   "lao"   0xebf6 RSY_a DLF : none, a2, atomic::lao, none, none;
    LAOG  "laog"  0xebe6 RSY_a DLF : none, a2, atomic::laog, none, none;
    LAX   "lax"   0xebf7 RSY_a DLF : none, a2, atomic::lax, none, none;
    LAXG  "laxg"  0xebe7 RSY_a DLF : none, a2, atomic::laxg, none, none;
    LPQ   "lpq"   0xe38f RXY_a Z   : none, a2, atomic::lpq, none, none;
    STPQ  "stpq"  0xe38e RXY_a Z   : none, a2, atomic::stpq, none, none;
    LPD   "lpd"   0xc804 SSF   DLF : none, none, control::unimplemented, none, none;
    LPDG  "lpdg"  0xc805 SSF   DLF : none, none, control::unimplemented, none, none;

    // ==== more control rows (STCK, STFLE, ECAG, SPM/IPM ...) go here ====
    IPM   "ipm"   0xb222 RRE   Z   : none, none, control::ipm, none, none;
    SPM   "spm"   0x0400 RR    Z   : none, none, control::spm, none, none;
    EPSW  "epsw"  0xb98d RRE   Z   : none, none, control::epsw, none, none;
    SAM24 "sam24" 0x010c E     Z   : none, none, control::sam24, none, none;
    SAM31 "sam31" 0x010d E     Z   : none, none, control::sam31, none, none;
    SAM64 "sam64" 0x010e E     Z   : none, none, control::sam64, none, none;
    TAM   "tam"   0x010b E     Z   : none, none, control::tam, none, none;
    LAM   "lam"   0x9a00 RS_a  Z   : none, a2, control::lam, none, none;
    LAMY  "lamy"  0xeb9a RSY_a LD  : none, a2, control::lam, none, none;
    STAM  "stam"  0x9b00 RS_a  Z   : none, a2, control::stam, none, none;
    STAMY "stamy" 0xeb9b RSY_a LD  : none, a2, control::stam, none, none;
    PFD   "pfd"   0xe336 RXY_b GIE : none, none, control::hint, none, none;
    PFDRL "pfdrl" 0xc602 RIL_c GIE : none, none, control::hint, none, none;
    NIAI  "niai"  0xb2fa IE    MIE : none, none, control::hint, none, none;
    PPA   "ppa"   0xb2e8 RRF_c MIE : none, none, control::hint, none, none;
    STCK  "stck"  0xb205 S     Z   : none, a2, control::stck, none, none;
    STCKF "stckf" 0xb27c S     Z   : none, a2, control::stckf, none, none;
    STCKE "stcke" 0xb278 S     Z   : none, a2, control::stcke, none, none;
    STFLE "stfle" 0xb2b0 S     Z   : none, a2, control::stfle, none, none;
    ECAG  "ecag"  0xeb4c RSY_a GIE : none, a2, control::ecag, none, none;

    // ==== storage_ops.rs rows (SS, SI, string, Unicode) go here ====
    ---- "storage-to-storage, strings, Unicode (PoP ch. 7): storage_ops.rs" ----
    MVC   "mvc"   0xd200 SS_a  Z   : none, none, storage_ops::mvc, none, none;
    MVCIN "mvcin" 0xe800 SS_a  Z   : none, none, storage_ops::mvcin, none, none;
    MVN   "mvn"   0xd100 SS_a  Z   : none, none, storage_ops::mvn, none, none;
    MVZ   "mvz"   0xd300 SS_a  Z   : none, none, storage_ops::mvz, none, none;
    MVO   "mvo"   0xf100 SS_b  Z   : none, none, storage_ops::mvo, none, none;
    CLC   "clc"   0xd500 SS_a  Z   : none, none, storage_ops::clc, none, none;
    XC    "xc"    0xd700 SS_a  Z   : none, none, storage_ops::xc, none, none;
    NC    "nc"    0xd400 SS_a  Z   : none, none, storage_ops::nc, none, none;
    OC    "oc"    0xd600 SS_a  Z   : none, none, storage_ops::oc, none, none;
    TR    "tr"    0xdc00 SS_a  Z   : none, none, storage_ops::tr, none, none;
    TRT   "trt"   0xdd00 SS_a  Z   : none, none, storage_ops::trt, none, none;
    TRTR  "trtr"  0xd000 SS_a  ETF : none, none, storage_ops::trtr, none, none;
    MVCL  "mvcl"  0x0e00 RR    Z   : none, none, storage_ops::mvcl, none, none;
    CLCL  "clcl"  0x0f00 RR    Z   : none, none, storage_ops::clcl, none, none;
    MVCLE "mvcle" 0xa800 RS_a  Z   : none, none, storage_ops::mvcle, none, none;
    CLCLE "clcle" 0xa900 RS_a  Z   : none, none, storage_ops::clcle, none, none;
    MVCLU "mvclu" 0xeb8e RSY_a ETF : none, none, storage_ops::mvclu, none, none;
    CLCLU "clclu" 0xeb8f RSY_a ETF : none, none, storage_ops::clclu, none, none;
    CLST  "clst"  0xb25d RRE   Z   : none, none, storage_ops::clst, none, none;
    SRST  "srst"  0xb25e RRE   Z   : none, none, storage_ops::srst, none, none;
    SRSTU "srstu" 0xb9be RRE   ETF : none, none, storage_ops::srstu, none, none;
    MVST  "mvst"  0xb255 RRE   Z   : none, none, storage_ops::mvst, none, none;
    TRE   "tre"   0xb2a5 RRE   Z   : none, none, storage_ops::tre, none, none;
    CKSM  "cksm"  0xb241 RRE   Z   : none, none, storage_ops::cksm, none, none;
    CU12  "cu12"  0xb2a7 RRF_c Z   : none, none, storage_ops::cu12, none, none;
    CU14  "cu14"  0xb9b0 RRF_c ETF : none, none, storage_ops::cu14, none, none;
    CU21  "cu21"  0xb2a6 RRF_c Z   : none, none, storage_ops::cu21, none, none;
    CU24  "cu24"  0xb9b1 RRF_c ETF : none, none, storage_ops::cu24, none, none;
    CU41  "cu41"  0xb9b2 RRE   ETF : none, none, storage_ops::cu41, none, none;
    CU42  "cu42"  0xb9b3 RRE   ETF : none, none, storage_ops::cu42, none, none;
    CUSE  "cuse"  0xb257 RRE   Z   : none, none, storage_ops::cuse, none, none;
    TROO  "troo"  0xb993 RRF_c ETF : none, none, storage_ops::troo, none, none;
    TROT  "trot"  0xb992 RRF_c ETF : none, none, storage_ops::trot, none, none;
    TRTO  "trto"  0xb991 RRF_c ETF : none, none, storage_ops::trto, none, none;
    TRTT  "trtt"  0xb990 RRF_c ETF : none, none, storage_ops::trtt, none, none;
    TRTE  "trte"  0xb9bf RRF_c ETF : none, none, storage_ops::trte, none, none;
    TRTRE "trtre" 0xb9bd RRF_c ETF : none, none, storage_ops::trtre, none, none;

    // ==== bfp.rs rows (binary floating point, FPC) go here ====
    ---- "binary floating point (PoP ch. 9, 19): bfp.rs" ----
    LER    "ler"    0x3800 RR    Z   : none, fe2, int::mov2, fe1, none;
    LDR    "ldr"    0x2800 RR    Z   : none, fd2, int::mov2, fd1, none;
    LXR    "lxr"    0xb365 RRE   Z   : none, none, bfp::lxr, none, none;
    LE     "le"     0x7800 RX_a  Z   : none, m2_32u, int::mov2, fe1, none;
    LD     "ld"     0x6800 RX_a  Z   : none, m2_64, int::mov2, fd1, none;
    LEY    "ley"    0xed64 RXY_a LD  : none, m2_32u, int::mov2, fe1, none;
    LDY    "ldy"    0xed65 RXY_a LD  : none, m2_64, int::mov2, fd1, none;
    STE    "ste"    0x7000 RX_a  Z   : fe1, a2, int::st32, none, none;
    STD    "std"    0x6000 RX_a  Z   : fd1, a2, int::st64, none, none;
    STEY   "stey"   0xed66 RXY_a LD  : fe1, a2, int::st32, none, none;
    STDY   "stdy"   0xed67 RXY_a LD  : fd1, a2, int::st64, none, none;
    LZER   "lzer"   0xb374 RRE   Z   : none, none, bfp::zero, fe1, none;
    LZDR   "lzdr"   0xb375 RRE   Z   : none, none, bfp::zero, fd1, none;
    LZXR   "lzxr"   0xb376 RRE   Z   : none, none, bfp::lzxr, none, none;
    LGDR   "lgdr"   0xb3cd RRE   FPSSH : none, fd2, int::mov2, r1, none;
    LDGR   "ldgr"   0xb3c1 RRE   FPSSH : none, r2, int::mov2, fd1, none;
    LCDFR  "lcdfr"  0xb373 RRE   FPSSH : none, fd2, bfp::sign_flip, fd1, none;
    LNDFR  "lndfr"  0xb371 RRE   FPSSH : none, fd2, bfp::sign_set, fd1, none;
    LPDFR  "lpdfr"  0xb370 RRE   FPSSH : none, fd2, bfp::sign_clear, fd1, none;
    CPSDR  "cpsdr"  0xb372 RRF_b FPSSH : fd3, fd2, bfp::cpsdr, fd1, none;
    EFPC   "efpc"   0xb38c RRE   Z   : none, fpc_val, int::mov2, r1_fpc, none;
    SFPC   "sfpc"   0xb384 RRE   Z   : none, r1_32u, bfp::sfpc, none, none;
    SFASR  "sfasr"  0xb385 RRE   Z   : none, r1_32u, bfp::sfasr, none, none;
    LFPC   "lfpc"   0xb29d S     Z   : none, m2_32u, bfp::sfpc, none, none;
    STFPC  "stfpc"  0xb29c S     Z   : fpc_val, a2, int::st32, none, none;
    SRNM   "srnm"   0xb299 S     Z   : none, a2, bfp::srnm, none, none;
    SRNMB  "srnmb"  0xb2b8 S     FPE : none, a2, bfp::srnmb, none, none;
    AEBR   "aebr"   0xb30a RRE   Z   : none, none, bfp::ae, none, none;
    ADBR   "adbr"   0xb31a RRE   Z   : none, none, bfp::ad, none, none;
    AXBR   "axbr"   0xb34a RRE   Z   : none, none, bfp::ax, none, none;
    AEB    "aeb"    0xed0a RXE   Z   : none, m2_32u, bfp::ae, none, none;
    ADB    "adb"    0xed1a RXE   Z   : none, m2_64, bfp::ad, none, none;
    SEBR   "sebr"   0xb30b RRE   Z   : none, none, bfp::se, none, none;
    SDBR   "sdbr"   0xb31b RRE   Z   : none, none, bfp::sd, none, none;
    SXBR   "sxbr"   0xb34b RRE   Z   : none, none, bfp::sx, none, none;
    SEB    "seb"    0xed0b RXE   Z   : none, m2_32u, bfp::se, none, none;
    SDB    "sdb"    0xed1b RXE   Z   : none, m2_64, bfp::sd, none, none;
    MEEBR  "meebr"  0xb317 RRE   Z   : none, none, bfp::mee, none, none;
    MDBR   "mdbr"   0xb31c RRE   Z   : none, none, bfp::md, none, none;
    MXBR   "mxbr"   0xb34c RRE   Z   : none, none, bfp::mx, none, none;
    MEEB   "meeb"   0xed17 RXE   Z   : none, m2_32u, bfp::mee, none, none;
    MDB    "mdb"    0xed1c RXE   Z   : none, m2_64, bfp::md, none, none;
    MDEBR  "mdebr"  0xb30c RRE   Z   : none, none, bfp::mde, none, none;
    MDEB   "mdeb"   0xed0c RXE   Z   : none, m2_32u, bfp::mde, none, none;
    MXDBR  "mxdbr"  0xb307 RRE   Z   : none, none, bfp::mxd, none, none;
    MXDB   "mxdb"   0xed07 RXE   Z   : none, m2_64, bfp::mxd, none, none;
    DEBR   "debr"   0xb30d RRE   Z   : none, none, bfp::de, none, none;
    DDBR   "ddbr"   0xb31d RRE   Z   : none, none, bfp::dd, none, none;
    DXBR   "dxbr"   0xb34d RRE   Z   : none, none, bfp::dx, none, none;
    DEB    "deb"    0xed0d RXE   Z   : none, m2_32u, bfp::de, none, none;
    DDB    "ddb"    0xed1d RXE   Z   : none, m2_64, bfp::dd, none, none;
    SQEBR  "sqebr"  0xb314 RRE   Z   : none, none, bfp::sqe, none, none;
    SQDBR  "sqdbr"  0xb315 RRE   Z   : none, none, bfp::sqd, none, none;
    SQXBR  "sqxbr"  0xb316 RRE   Z   : none, none, bfp::sqx, none, none;
    SQEB   "sqeb"   0xed14 RXE   Z   : none, m2_32u, bfp::sqe, none, none;
    SQDB   "sqdb"   0xed15 RXE   Z   : none, m2_64, bfp::sqd, none, none;
    MAEBR  "maebr"  0xb30e RRD   Z   : none, none, bfp::mae, none, none;
    MADBR  "madbr"  0xb31e RRD   Z   : none, none, bfp::mad, none, none;
    MSEBR  "msebr"  0xb30f RRD   Z   : none, none, bfp::mse, none, none;
    MSDBR  "msdbr"  0xb31f RRD   Z   : none, none, bfp::msd, none, none;
    MAEB   "maeb"   0xed0e RXF   Z   : none, m2_32u, bfp::mae, none, none;
    MADB   "madb"   0xed1e RXF   Z   : none, m2_64, bfp::mad, none, none;
    MSEB   "mseb"   0xed0f RXF   Z   : none, m2_32u, bfp::mse, none, none;
    MSDB   "msdb"   0xed1f RXF   Z   : none, m2_64, bfp::msd, none, none;
    CEBR   "cebr"   0xb309 RRE   Z   : none, none, bfp::ce, none, none;
    CDBR   "cdbr"   0xb319 RRE   Z   : none, none, bfp::cd, none, none;
    CXBR   "cxbr"   0xb349 RRE   Z   : none, none, bfp::cx, none, none;
    CEB    "ceb"    0xed09 RXE   Z   : none, m2_32u, bfp::ce, none, none;
    CDB    "cdb"    0xed19 RXE   Z   : none, m2_64, bfp::cd, none, none;
    KEBR   "kebr"   0xb308 RRE   Z   : none, none, bfp::ke, none, none;
    KDBR   "kdbr"   0xb318 RRE   Z   : none, none, bfp::kd, none, none;
    KXBR   "kxbr"   0xb348 RRE   Z   : none, none, bfp::kx, none, none;
    KEB    "keb"    0xed08 RXE   Z   : none, m2_32u, bfp::ke, none, none;
    KDB    "kdb"    0xed18 RXE   Z   : none, m2_64, bfp::kd, none, none;
    LTEBR  "ltebr"  0xb302 RRE   Z   : none, none, bfp::lte, none, none;
    LTDBR  "ltdbr"  0xb312 RRE   Z   : none, none, bfp::ltd, none, none;
    LTXBR  "ltxbr"  0xb342 RRE   Z   : none, none, bfp::ltx, none, none;
    LPEBR  "lpebr"  0xb300 RRE   Z   : none, none, bfp::lpe, none, none;
    LPDBR  "lpdbr"  0xb310 RRE   Z   : none, none, bfp::lpd, none, none;
    LPXBR  "lpxbr"  0xb340 RRE   Z   : none, none, bfp::lpx, none, none;
    LNEBR  "lnebr"  0xb301 RRE   Z   : none, none, bfp::lne, none, none;
    LNDBR  "lndbr"  0xb311 RRE   Z   : none, none, bfp::lnd, none, none;
    LNXBR  "lnxbr"  0xb341 RRE   Z   : none, none, bfp::lnx, none, none;
    LCEBR  "lcebr"  0xb303 RRE   Z   : none, none, bfp::lce, none, none;
    LCDBR  "lcdbr"  0xb313 RRE   Z   : none, none, bfp::lcd, none, none;
    LCXBR  "lcxbr"  0xb343 RRE   Z   : none, none, bfp::lcx, none, none;
    LDEBR  "ldebr"  0xb304 RRE   Z   : none, none, bfp::lde, none, none;
    LXDBR  "lxdbr"  0xb305 RRE   Z   : none, none, bfp::lxd, none, none;
    LXEBR  "lxebr"  0xb306 RRE   Z   : none, none, bfp::lxe, none, none;
    LDEB   "ldeb"   0xed04 RXE   Z   : none, m2_32u, bfp::lde, none, none;
    LXDB   "lxdb"   0xed05 RXE   Z   : none, m2_64, bfp::lxd, none, none;
    LXEB   "lxeb"   0xed06 RXE   Z   : none, m2_32u, bfp::lxe, none, none;
    LEDBR  "ledbr"  0xb344 RRF_e Z   : none, none, bfp::led, none, none;
    LDXBR  "ldxbr"  0xb345 RRF_e Z   : none, none, bfp::ldx, none, none;
    LEXBR  "lexbr"  0xb346 RRF_e Z   : none, none, bfp::lex, none, none;
    FIEBR  "fiebr"  0xb357 RRF_e Z   : none, none, bfp::fie, none, none;
    FIDBR  "fidbr"  0xb35f RRF_e Z   : none, none, bfp::fid, none, none;
    FIXBR  "fixbr"  0xb347 RRF_e Z   : none, none, bfp::fix, none, none;
    CEFBR  "cefbr"  0xb394 RRF_e Z   : none, none, bfp::cef, none, none;
    CDFBR  "cdfbr"  0xb395 RRF_e Z   : none, none, bfp::cdf, none, none;
    CXFBR  "cxfbr"  0xb396 RRF_e Z   : none, none, bfp::cxf, none, none;
    CEGBR  "cegbr"  0xb3a4 RRF_e Z   : none, none, bfp::ceg, none, none;
    CDGBR  "cdgbr"  0xb3a5 RRF_e Z   : none, none, bfp::cdg, none, none;
    CXGBR  "cxgbr"  0xb3a6 RRF_e Z   : none, none, bfp::cxg, none, none;
    CELFBR "celfbr" 0xb390 RRF_e FPE : none, none, bfp::celf, none, none;
    CDLFBR "cdlfbr" 0xb391 RRF_e FPE : none, none, bfp::cdlf, none, none;
    CXLFBR "cxlfbr" 0xb392 RRF_e FPE : none, none, bfp::cxlf, none, none;
    CELGBR "celgbr" 0xb3a0 RRF_e FPE : none, none, bfp::celg, none, none;
    CDLGBR "cdlgbr" 0xb3a1 RRF_e FPE : none, none, bfp::cdlg, none, none;
    CXLGBR "cxlgbr" 0xb3a2 RRF_e FPE : none, none, bfp::cxlg, none, none;
    CFEBR  "cfebr"  0xb398 RRF_e Z   : none, none, bfp::cfe, none, none;
    CFDBR  "cfdbr"  0xb399 RRF_e Z   : none, none, bfp::cfd, none, none;
    CFXBR  "cfxbr"  0xb39a RRF_e Z   : none, none, bfp::cfx, none, none;
    CGEBR  "cgebr"  0xb3a8 RRF_e Z   : none, none, bfp::cge, none, none;
    CGDBR  "cgdbr"  0xb3a9 RRF_e Z   : none, none, bfp::cgd, none, none;
    CGXBR  "cgxbr"  0xb3aa RRF_e Z   : none, none, bfp::cgx, none, none;
    CLFEBR "clfebr" 0xb39c RRF_e FPE : none, none, bfp::clfe, none, none;
    CLFDBR "clfdbr" 0xb39d RRF_e FPE : none, none, bfp::clfd, none, none;
    CLFXBR "clfxbr" 0xb39e RRF_e FPE : none, none, bfp::clfx, none, none;
    CLGEBR "clgebr" 0xb3ac RRF_e FPE : none, none, bfp::clge, none, none;
    CLGDBR "clgdbr" 0xb3ad RRF_e FPE : none, none, bfp::clgd, none, none;
    CLGXBR "clgxbr" 0xb3ae RRF_e FPE : none, none, bfp::clgx, none, none;
    TCEB   "tceb"   0xed10 RXE   Z   : none, a2, bfp::tce, none, none;
    TCDB   "tcdb"   0xed11 RXE   Z   : none, a2, bfp::tcd, none, none;
    TCXB   "tcxb"   0xed12 RXE   Z   : none, a2, bfp::tcx, none, none;
    DIEBR  "diebr"  0xb353 RRF_b Z   : none, none, bfp::diebr, none, none;
    DIDBR  "didbr"  0xb35b RRF_b Z   : none, none, bfp::didbr, none, none;

    // ==== vector.rs rows (z13 vector facility) go here ====
    ---- "vector support (PoP ch. 21): vector.rs, vector_helpers.rs" ----
    VL      "vl"      0xe706 VRX   VX  : none, none, vector::vl, none, none;
    VST     "vst"     0xe70e VRX   VX  : none, none, vector::vst, none, none;
    VLR     "vlr"     0xe756 VRR_a VX  : none, none, vector::vlr, none, none;
    VLREP   "vlrep"   0xe705 VRX   VX  : none, none, vector::vlrep, none, none;
    VLEB    "vleb"    0xe700 VRX   VX  : none, none, vector::vleb, none, none;
    VLEH    "vleh"    0xe701 VRX   VX  : none, none, vector::vleh, none, none;
    VLEF    "vlef"    0xe703 VRX   VX  : none, none, vector::vlef, none, none;
    VLEG    "vleg"    0xe702 VRX   VX  : none, none, vector::vleg, none, none;
    VLEIB   "vleib"   0xe740 VRI_a VX  : none, none, vector::vleib, none, none;
    VLEIH   "vleih"   0xe741 VRI_a VX  : none, none, vector::vleih, none, none;
    VLEIF   "vleif"   0xe743 VRI_a VX  : none, none, vector::vleif, none, none;
    VLEIG   "vleig"   0xe742 VRI_a VX  : none, none, vector::vleig, none, none;
    VSTEB   "vsteb"   0xe708 VRX   VX  : none, none, vector::vsteb, none, none;
    VSTEH   "vsteh"   0xe709 VRX   VX  : none, none, vector::vsteh, none, none;
    VSTEF   "vstef"   0xe70b VRX   VX  : none, none, vector::vstef, none, none;
    VSTEG   "vsteg"   0xe70a VRX   VX  : none, none, vector::vsteg, none, none;
    VLGV    "vlgv"    0xe721 VRS_c VX  : none, none, vector::vlgv, none, none;
    VLVG    "vlvg"    0xe722 VRS_b VX  : none, none, vector::vlvg, none, none;
    VLVGP   "vlvgp"   0xe762 VRR_f VX  : none, none, vector::vlvgp, none, none;
    VLL     "vll"     0xe737 VRS_b VX  : none, none, vector::vll, none, none;
    VSTL    "vstl"    0xe73f VRS_b VX  : none, none, vector::vstl, none, none;
    VLM     "vlm"     0xe736 VRS_a VX  : none, none, vector::vlm, none, none;
    VSTM    "vstm"    0xe73e VRS_a VX  : none, none, vector::vstm, none, none;
    VLBB    "vlbb"    0xe707 VRX   VX  : none, none, vector::vlbb, none, none;
    LCBB    "lcbb"    0xe727 RXE   VX  : none, none, vector::lcbb, none, none;
    VGBM    "vgbm"    0xe744 VRI_a VX  : none, none, vector::vgbm, none, none;
    VGM     "vgm"     0xe746 VRI_b VX  : none, none, vector::vgm, none, none;
    VREPI   "vrepi"   0xe745 VRI_a VX  : none, none, vector::vrepi, none, none;
    VREP    "vrep"    0xe74d VRI_c VX  : none, none, vector::vrep, none, none;
    VLLEZ   "vllez"   0xe704 VRX   VX  : none, none, vector::vllez, none, none;
    VGEF    "vgef"    0xe713 VRV   VX  : none, none, vector::vgef, none, none;
    VGEG    "vgeg"    0xe712 VRV   VX  : none, none, vector::vgeg, none, none;
    VSCEF   "vscef"   0xe71b VRV   VX  : none, none, vector::vscef, none, none;
    VSCEG   "vsceg"   0xe71a VRV   VX  : none, none, vector::vsceg, none, none;
    VSEL    "vsel"    0xe78d VRR_e VX  : none, none, vector::vsel, none, none;
    VPERM   "vperm"   0xe78c VRR_e VX  : none, none, vector::vperm, none, none;
    VPDI    "vpdi"    0xe784 VRR_c VX  : none, none, vector::vpdi, none, none;
    VMRH    "vmrh"    0xe761 VRR_c VX  : none, none, vector::vmrh, none, none;
    VMRL    "vmrl"    0xe760 VRR_c VX  : none, none, vector::vmrl, none, none;
    VPK     "vpk"     0xe794 VRR_c VX  : none, none, vector::vpk, none, none;
    VPKS    "vpks"    0xe797 VRR_b VX  : none, none, vector::vpks, none, none;
    VPKLS   "vpkls"   0xe795 VRR_b VX  : none, none, vector::vpkls, none, none;
    VUPH    "vuph"    0xe7d7 VRR_a VX  : none, none, vector::vuph, none, none;
    VUPL    "vupl"    0xe7d6 VRR_a VX  : none, none, vector::vupl, none, none;
    VUPLH   "vuplh"   0xe7d5 VRR_a VX  : none, none, vector::vuplh, none, none;
    VUPLL   "vupll"   0xe7d4 VRR_a VX  : none, none, vector::vupll, none, none;
    VSEG    "vseg"    0xe75f VRR_a VX  : none, none, vector::vseg, none, none;
    ---- "vector integer (PoP ch. 22): vector.rs, vector_helpers.rs" ----
    VA      "va"      0xe7f3 VRR_c VX  : none, none, vector::va, none, none;
    VACC    "vacc"    0xe7f1 VRR_c VX  : none, none, vector::vacc, none, none;
    VAC     "vac"     0xe7bb VRR_d VX  : none, none, vector::vac, none, none;
    VACCC   "vaccc"   0xe7b9 VRR_d VX  : none, none, vector::vaccc, none, none;
    VS      "vs"      0xe7f7 VRR_c VX  : none, none, vector::vs, none, none;
    VSCBI   "vscbi"   0xe7f5 VRR_c VX  : none, none, vector::vscbi, none, none;
    VSBI    "vsbi"    0xe7bf VRR_d VX  : none, none, vector::vsbi, none, none;
    VSBCBI  "vsbcbi"  0xe7bd VRR_d VX  : none, none, vector::vsbcbi, none, none;
    VN      "vn"      0xe768 VRR_c VX  : none, none, vector::vn, none, none;
    VNC     "vnc"     0xe769 VRR_c VX  : none, none, vector::vnc, none, none;
    VO      "vo"      0xe76a VRR_c VX  : none, none, vector::vo, none, none;
    VX      "vx"      0xe76d VRR_c VX  : none, none, vector::vx, none, none;
    VNO     "vno"     0xe76b VRR_c VX  : none, none, vector::vno, none, none;
    VCEQ    "vceq"    0xe7f8 VRR_b VX  : none, none, vector::vceq, none, none;
    VCH     "vch"     0xe7fb VRR_b VX  : none, none, vector::vch, none, none;
    VCHL    "vchl"    0xe7f9 VRR_b VX  : none, none, vector::vchl, none, none;
    VMX     "vmx"     0xe7ff VRR_c VX  : none, none, vector::vmx, none, none;
    VMXL    "vmxl"    0xe7fd VRR_c VX  : none, none, vector::vmxl, none, none;
    VMN     "vmn"     0xe7fe VRR_c VX  : none, none, vector::vmn, none, none;
    VMNL    "vmnl"    0xe7fc VRR_c VX  : none, none, vector::vmnl, none, none;
    VAVG    "vavg"    0xe7f2 VRR_c VX  : none, none, vector::vavg, none, none;
    VAVGL   "vavgl"   0xe7f0 VRR_c VX  : none, none, vector::vavgl, none, none;
    VLC     "vlc"     0xe7de VRR_a VX  : none, none, vector::vlc, none, none;
    VLP     "vlp"     0xe7df VRR_a VX  : none, none, vector::vlp, none, none;
    VCLZ    "vclz"    0xe753 VRR_a VX  : none, none, vector::vclz, none, none;
    VCTZ    "vctz"    0xe752 VRR_a VX  : none, none, vector::vctz, none, none;
    VPOPCT  "vpopct"  0xe750 VRR_a VX  : none, none, vector::vpopct, none, none;
    VEC     "vec"     0xe7db VRR_a VX  : none, none, vector::vec, none, none;
    VECL    "vecl"    0xe7d9 VRR_a VX  : none, none, vector::vecl, none, none;
    VML     "vml"     0xe7a2 VRR_c VX  : none, none, vector::vm_l, none, none;
    VMH     "vmh"     0xe7a3 VRR_c VX  : none, none, vector::vmh, none, none;
    VMLH    "vmlh"    0xe7a1 VRR_c VX  : none, none, vector::vmlh, none, none;
    VME     "vme"     0xe7a6 VRR_c VX  : none, none, vector::vme, none, none;
    VMLE    "vmle"    0xe7a4 VRR_c VX  : none, none, vector::vmle, none, none;
    VMO     "vmo"     0xe7a7 VRR_c VX  : none, none, vector::vmo, none, none;
    VMLO    "vmlo"    0xe7a5 VRR_c VX  : none, none, vector::vmlo, none, none;
    VMAL    "vmal"    0xe7aa VRR_d VX  : none, none, vector::vmal, none, none;
    VMAH    "vmah"    0xe7ab VRR_d VX  : none, none, vector::vmah, none, none;
    VMALH   "vmalh"   0xe7a9 VRR_d VX  : none, none, vector::vmalh, none, none;
    VMAE    "vmae"    0xe7ae VRR_d VX  : none, none, vector::vmae, none, none;
    VMALE   "vmale"   0xe7ac VRR_d VX  : none, none, vector::vmale, none, none;
    VMAO    "vmao"    0xe7af VRR_d VX  : none, none, vector::vmao, none, none;
    VMALO   "vmalo"   0xe7ad VRR_d VX  : none, none, vector::vmalo, none, none;
    VSUM    "vsum"    0xe764 VRR_c VX  : none, none, vector::vsum, none, none;
    VSUMG   "vsumg"   0xe765 VRR_c VX  : none, none, vector::vsumg, none, none;
    VSUMQ   "vsumq"   0xe767 VRR_c VX  : none, none, vector::vsumq, none, none;
    VGFM    "vgfm"    0xe7b4 VRR_c VX  : none, none, vector::vgfm, none, none;
    VGFMA   "vgfma"   0xe7bc VRR_d VX  : none, none, vector::vgfma, none, none;
    VESL    "vesl"    0xe730 VRS_a VX  : none, none, vector::vesl, none, none;
    VESRA   "vesra"   0xe73a VRS_a VX  : none, none, vector::vesra, none, none;
    VESRL   "vesrl"   0xe738 VRS_a VX  : none, none, vector::vesrl, none, none;
    VERLL   "verll"   0xe733 VRS_a VX  : none, none, vector::verll, none, none;
    VESLV   "veslv"   0xe770 VRR_c VX  : none, none, vector::veslv, none, none;
    VESRAV  "vesrav"  0xe77a VRR_c VX  : none, none, vector::vesrav, none, none;
    VESRLV  "vesrlv"  0xe778 VRR_c VX  : none, none, vector::vesrlv, none, none;
    VERLLV  "verllv"  0xe773 VRR_c VX  : none, none, vector::verllv, none, none;
    VERIM   "verim"   0xe772 VRI_d VX  : none, none, vector::verim, none, none;
    VSL     "vsl"     0xe774 VRR_c VX  : none, none, vector::vsl, none, none;
    VSLB    "vslb"    0xe775 VRR_c VX  : none, none, vector::vslb, none, none;
    VSLDB   "vsldb"   0xe777 VRI_d VX  : none, none, vector::vsldb, none, none;
    VSRA    "vsra"    0xe77e VRR_c VX  : none, none, vector::vsra, none, none;
    VSRAB   "vsrab"   0xe77f VRR_c VX  : none, none, vector::vsrab, none, none;
    VSRL    "vsrl"    0xe77c VRR_c VX  : none, none, vector::vsrl, none, none;
    VSRLB   "vsrlb"   0xe77d VRR_c VX  : none, none, vector::vsrlb, none, none;
    VTM     "vtm"     0xe7d8 VRR_a VX  : none, none, vector::vtm, none, none;
    VCKSM   "vcksm"   0xe766 VRR_c VX  : none, none, vector::vcksm, none, none;
    ---- "vector string (PoP ch. 23): vector_string.rs" ----
    VFAE    "vfae"    0xe782 VRR_b VX  : none, none, vector::vfae, none, none;
    VFEE    "vfee"    0xe780 VRR_b VX  : none, none, vector::vfee, none, none;
    VFENE   "vfene"   0xe781 VRR_b VX  : none, none, vector::vfene, none, none;
    VISTR   "vistr"   0xe75c VRR_a VX  : none, none, vector::vistr, none, none;
    VSTRC   "vstrc"   0xe78a VRR_d VX  : none, none, vector::vstrc, none, none;
    ---- "vector BFP (PoP ch. 24): vector_fp.rs" ----
    VFA     "vfa"     0xe7e3 VRR_c VX  : none, none, vector::vfa, none, none;
    VFS     "vfs"     0xe7e2 VRR_c VX  : none, none, vector::vfs, none, none;
    VFM     "vfm"     0xe7e7 VRR_c VX  : none, none, vector::vfm, none, none;
    VFD     "vfd"     0xe7e5 VRR_c VX  : none, none, vector::vfd, none, none;
    VFSQ    "vfsq"    0xe7ce VRR_a VX  : none, none, vector::vfsq, none, none;
    VFMA    "vfma"    0xe78f VRR_e VX  : none, none, vector::vfma, none, none;
    VFMS    "vfms"    0xe78e VRR_e VX  : none, none, vector::vfms, none, none;
    VFCE    "vfce"    0xe7e8 VRR_c VX  : none, none, vector::vfce, none, none;
    VFCH    "vfch"    0xe7eb VRR_c VX  : none, none, vector::vfch, none, none;
    VFCHE   "vfche"   0xe7ea VRR_c VX  : none, none, vector::vfche, none, none;
    WFC     "wfc"     0xe7cb VRR_a VX  : none, none, vector::wfc, none, none;
    WFK     "wfk"     0xe7ca VRR_a VX  : none, none, vector::wfk, none, none;
    VCDG    "vcdg"    0xe7c3 VRR_a VX  : none, none, vector::vcdg, none, none;
    VCDLG   "vcdlg"   0xe7c1 VRR_a VX  : none, none, vector::vcdlg, none, none;
    VCGD    "vcgd"    0xe7c2 VRR_a VX  : none, none, vector::vcgd, none, none;
    VCLGD   "vclgd"   0xe7c0 VRR_a VX  : none, none, vector::vclgd, none, none;
    VFI     "vfi"     0xe7c7 VRR_a VX  : none, none, vector::vfi, none, none;
    VLDE    "vlde"    0xe7c4 VRR_a VX  : none, none, vector::vlde, none, none;
    VLED    "vled"    0xe7c5 VRR_a VX  : none, none, vector::vled, none, none;
    VFPSO   "vfpso"   0xe7cc VRR_a VX  : none, none, vector::vfpso, none, none;
    VFTCI   "vftci"   0xe74a VRI_e VX  : none, none, vector::vftci, none, none;
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
