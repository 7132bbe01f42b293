//! Instruction formats (Power ISA v3.0B §1.6): typed operand structs decoded from the raw word.
//!
//! Bits are numbered as in the book: bit 0 is the most significant of the 32-bit word.
//! Semantic code only ever sees these structs, never raw instruction bits.

/// Extracts book bits `from..=to` of `w`.
#[inline]
pub const fn bits(w: u32, from: u32, to: u32) -> u32 {
    (w >> (31 - to)) & ((1u32 << (to - from + 1)) - 1)
}
#[inline]
const fn sext(v: u32, width: u32) -> i64 {
    ((v as i64) << (64 - width)) >> (64 - width)
}

/// I-form: `b`, `ba`, `bl`, `bla`.
#[derive(Clone, Copy, Debug)]
pub struct I {
    pub li: i64,
    pub aa: bool,
    pub lk: bool,
}
impl I {
    pub fn decode(w: u32) -> I {
        I { li: sext(bits(w, 6, 29) << 2, 26), aa: bits(w, 30, 30) != 0, lk: bits(w, 31, 31) != 0 }
    }
}

/// B-form: `bc`.
#[derive(Clone, Copy, Debug)]
pub struct B {
    pub bo: u32,
    pub bi: u32,
    pub bd: i64,
    pub aa: bool,
    pub lk: bool,
}
impl B {
    pub fn decode(w: u32) -> B {
        B {
            bo: bits(w, 6, 10),
            bi: bits(w, 11, 15),
            bd: sext(bits(w, 16, 29) << 2, 16),
            aa: bits(w, 30, 30) != 0,
            lk: bits(w, 31, 31) != 0,
        }
    }
}

/// SC-form.
#[derive(Clone, Copy, Debug)]
pub struct Sc {
    pub lev: u32,
}
impl Sc {
    pub fn decode(w: u32) -> Sc {
        Sc { lev: bits(w, 20, 26) }
    }
}

/// D-form: `rt`/`rs`/`bf`+`l` in bits 6:10, `ra`, and the 16-bit immediate both ways.
#[derive(Clone, Copy, Debug)]
pub struct D {
    pub rt: usize,
    pub ra: usize,
    /// Sign-extended immediate (`SI`/`D`).
    pub si: i64,
    /// Zero-extended immediate (`UI`).
    pub ui: u64,
    /// For compares: BF (bits 6:8) and L (bit 10).
    pub bf: usize,
    pub l: bool,
}
impl D {
    pub fn decode(w: u32) -> D {
        D {
            rt: bits(w, 6, 10) as usize,
            ra: bits(w, 11, 15) as usize,
            si: sext(bits(w, 16, 31), 16),
            ui: bits(w, 16, 31) as u64,
            bf: bits(w, 6, 8) as usize,
            l: bits(w, 10, 10) != 0,
        }
    }
}

/// DS-form: `ld`, `std`, `lwa`, ... (displacement scaled by 4).
#[derive(Clone, Copy, Debug)]
pub struct Ds {
    pub rt: usize,
    pub ra: usize,
    pub ds: i64,
}
impl Ds {
    pub fn decode(w: u32) -> Ds {
        Ds { rt: bits(w, 6, 10) as usize, ra: bits(w, 11, 15) as usize, ds: sext(bits(w, 16, 29) << 2, 16) }
    }
}

/// DQ-form: `lq`, `lxv`/`stxv` (displacement scaled by 16; `t` includes TX for VSX).
#[derive(Clone, Copy, Debug)]
pub struct Dq {
    pub rt: usize,
    pub ra: usize,
    pub dq: i64,
    /// VSX target/source: TX (bit 28) * 32 + T.
    pub xt: usize,
}
impl Dq {
    pub fn decode(w: u32) -> Dq {
        let t = bits(w, 6, 10) as usize;
        Dq {
            rt: t,
            ra: bits(w, 11, 15) as usize,
            dq: sext(bits(w, 16, 27) << 4, 16),
            xt: t + 32 * bits(w, 28, 28) as usize,
        }
    }
}

/// DX-form: `addpcis`.
#[derive(Clone, Copy, Debug)]
pub struct Dx {
    pub rt: usize,
    pub d: i64,
}
impl Dx {
    pub fn decode(w: u32) -> Dx {
        let d = (bits(w, 16, 25) << 6) | (bits(w, 11, 15) << 1) | bits(w, 31, 31);
        Dx { rt: bits(w, 6, 10) as usize, d: sext(d, 16) }
    }
}

/// X-form (and the X-shaped XL/XFX/XS variants share fields): bits 6:10, 11:15, 16:20, Rc.
#[derive(Clone, Copy, Debug)]
pub struct X {
    pub rt: usize,
    pub ra: usize,
    pub rb: usize,
    pub rc: bool,
    /// Compare/CR-field forms: BF (6:8), BFA (11:13), L (bit 10).
    pub bf: usize,
    pub bfa: usize,
    pub l: bool,
    /// VSX X-form loads/stores: TX (bit 31) * 32 + T.
    pub xt: usize,
    /// `xxspltib`: IMM8 (bits 13:20).
    pub imm8: u32,
}
impl X {
    pub fn decode(w: u32) -> X {
        let t = bits(w, 6, 10) as usize;
        X {
            rt: t,
            ra: bits(w, 11, 15) as usize,
            rb: bits(w, 16, 20) as usize,
            rc: bits(w, 31, 31) != 0,
            bf: bits(w, 6, 8) as usize,
            bfa: bits(w, 11, 13) as usize,
            l: bits(w, 10, 10) != 0,
            xt: t + 32 * bits(w, 31, 31) as usize,
            imm8: bits(w, 13, 20),
        }
    }
}

/// XO-form: arithmetic with OE and Rc.
#[derive(Clone, Copy, Debug)]
pub struct Xo {
    pub rt: usize,
    pub ra: usize,
    pub rb: usize,
    pub oe: bool,
    pub rc: bool,
}
impl Xo {
    pub fn decode(w: u32) -> Xo {
        Xo {
            rt: bits(w, 6, 10) as usize,
            ra: bits(w, 11, 15) as usize,
            rb: bits(w, 16, 20) as usize,
            oe: bits(w, 21, 21) != 0,
            rc: bits(w, 31, 31) != 0,
        }
    }
}

/// XL-form: CR logical ops and branches to LR/CTR/TAR.
#[derive(Clone, Copy, Debug)]
pub struct Xl {
    pub bt: u32,
    pub ba: u32,
    pub bb: u32,
    pub bh: u32,
    pub lk: bool,
    /// `mcrf`: BF and BFA.
    pub bf: usize,
    pub bfa: usize,
}
impl Xl {
    pub fn decode(w: u32) -> Xl {
        Xl {
            bt: bits(w, 6, 10),
            ba: bits(w, 11, 15),
            bb: bits(w, 16, 20),
            bh: bits(w, 19, 20),
            lk: bits(w, 31, 31) != 0,
            bf: bits(w, 6, 8) as usize,
            bfa: bits(w, 11, 13) as usize,
        }
    }
}

/// XFX-form: `mfspr`/`mtspr` (SPR number un-swapped), `mtcrf`/`mfocrf` (FXM).
#[derive(Clone, Copy, Debug)]
pub struct Xfx {
    pub rt: usize,
    pub spr: u32,
    pub fxm: u32,
    /// Bit 11: one-field form of `mtocrf`/`mfocrf`.
    pub one: bool,
}
impl Xfx {
    pub fn decode(w: u32) -> Xfx {
        Xfx {
            rt: bits(w, 6, 10) as usize,
            spr: bits(w, 11, 15) | (bits(w, 16, 20) << 5),
            fxm: bits(w, 12, 19),
            one: bits(w, 11, 11) != 0,
        }
    }
}

/// XS-form: `sradi`, `extswsli` (6-bit shift with sh5 in bit 30).
#[derive(Clone, Copy, Debug)]
pub struct Xs {
    pub rs: usize,
    pub ra: usize,
    pub sh: u32,
    pub rc: bool,
}
impl Xs {
    pub fn decode(w: u32) -> Xs {
        Xs {
            rs: bits(w, 6, 10) as usize,
            ra: bits(w, 11, 15) as usize,
            sh: bits(w, 16, 20) | (bits(w, 30, 30) << 5),
            rc: bits(w, 31, 31) != 0,
        }
    }
}

/// M-form: `rlwinm`, `rlwnm`, `rlwimi` (`rb` doubles as SH).
#[derive(Clone, Copy, Debug)]
pub struct M {
    pub rs: usize,
    pub ra: usize,
    pub rb: usize,
    pub sh: u32,
    pub mb: u32,
    pub me: u32,
    pub rc: bool,
}
impl M {
    pub fn decode(w: u32) -> M {
        M {
            rs: bits(w, 6, 10) as usize,
            ra: bits(w, 11, 15) as usize,
            rb: bits(w, 16, 20) as usize,
            sh: bits(w, 16, 20),
            mb: bits(w, 21, 25),
            me: bits(w, 26, 30),
            rc: bits(w, 31, 31) != 0,
        }
    }
}

/// MD/MDS-forms: `rldicl`, `rldicr`, `rldic`, `rldimi`, `rldcl`, `rldcr`. `mb` is the 6-bit
/// mask begin/end (its halves swapped back), `sh` the 6-bit shift.
#[derive(Clone, Copy, Debug)]
pub struct Md {
    pub rs: usize,
    pub ra: usize,
    pub rb: usize,
    pub sh: u32,
    pub mb: u32,
    pub rc: bool,
}
impl Md {
    pub fn decode(w: u32) -> Md {
        let m = bits(w, 21, 26);
        Md {
            rs: bits(w, 6, 10) as usize,
            ra: bits(w, 11, 15) as usize,
            rb: bits(w, 16, 20) as usize,
            sh: bits(w, 16, 20) | (bits(w, 30, 30) << 5),
            mb: ((m & 1) << 5) | (m >> 1),
            rc: bits(w, 31, 31) != 0,
        }
    }
}

/// A-form: `isel` (BC in 21:25), `maddld`/`maddhd`/`maddhdu` (RC in 21:25).
#[derive(Clone, Copy, Debug)]
pub struct A {
    pub rt: usize,
    pub ra: usize,
    pub rb: usize,
    pub rc: usize,
    pub rc_bit: bool,
}
impl A {
    pub fn decode(w: u32) -> A {
        A {
            rt: bits(w, 6, 10) as usize,
            ra: bits(w, 11, 15) as usize,
            rb: bits(w, 16, 20) as usize,
            rc: bits(w, 21, 25) as usize,
            rc_bit: bits(w, 31, 31) != 0,
        }
    }
}

/// VA/VX/VC-forms (VMX): VRT, VRA, VRB, VRC (21:25), Rc (bit 21 for VC compares).
#[derive(Clone, Copy, Debug)]
pub struct Vx {
    pub vrt: usize,
    pub vra: usize,
    pub vrb: usize,
    pub vrc: usize,
    pub rc: bool,
    /// VA-form SHB (bits 22:25) for `vsldoi`.
    pub shb: u32,
    /// UIM (the VRA field as an immediate) for splats and extracts.
    pub uim: u32,
}
impl Vx {
    pub fn decode(w: u32) -> Vx {
        Vx {
            vrt: bits(w, 6, 10) as usize,
            vra: bits(w, 11, 15) as usize,
            vrb: bits(w, 16, 20) as usize,
            vrc: bits(w, 21, 25) as usize,
            rc: bits(w, 21, 21) != 0,
            shb: bits(w, 22, 25),
            uim: bits(w, 11, 15),
        }
    }
}

/// XX1/XX2/XX3/XX4-forms (VSX): 6-bit register numbers with the extension bits folded in.
#[derive(Clone, Copy, Debug)]
pub struct Xx {
    pub xt: usize,
    pub xa: usize,
    pub xb: usize,
    pub xc: usize,
    /// Plain 5-bit fields for forms that address GPRs (RA, RB).
    pub ra: usize,
    pub rb: usize,
    /// XX3 DM/SHW (bits 22:23) and XX2 UIM (bits 14:15 / 12:15).
    pub dm: u32,
    pub uim: u32,
    /// XX2 `xvtstdc*` DCMX: dc (25) || dm (29) || dx (11:15), bit 0 of DCMX as 0x40.
    pub dcmx: u32,
    pub rc: bool,
}
impl Xx {
    pub fn decode(w: u32) -> Xx {
        Xx {
            xt: bits(w, 6, 10) as usize + 32 * bits(w, 31, 31) as usize,
            xa: bits(w, 11, 15) as usize + 32 * bits(w, 29, 29) as usize,
            xb: bits(w, 16, 20) as usize + 32 * bits(w, 30, 30) as usize,
            xc: bits(w, 21, 25) as usize + 32 * bits(w, 28, 28) as usize,
            ra: bits(w, 11, 15) as usize,
            rb: bits(w, 16, 20) as usize,
            dm: bits(w, 22, 23),
            uim: bits(w, 12, 15),
            dcmx: bits(w, 25, 25) << 6 | bits(w, 29, 29) << 5 | bits(w, 11, 15),
            rc: bits(w, 21, 21) != 0,
        }
    }
}

/// VSX quad-precision X and Z23 forms (v3.0 `xs*qp`): VR operands, the round-to-odd (RO) or
/// inexact (EX) bit 31, compare BF, test-data-class DCMX, and the R/RMC rounding controls.
#[derive(Clone, Copy, Debug)]
pub struct Xq {
    /// VRT (6:10), VRA (11:15), VRB (16:20): VR numbers (VSR 32+n).
    pub vrt: usize,
    pub vra: usize,
    pub vrb: usize,
    /// RO (round to odd) / EX (report inexact), bit 31.
    pub ro: bool,
    /// BF (6:8).
    pub bf: usize,
    /// `xststdcqp`: DCMX (9:15).
    pub dcmx: u32,
    /// `xsrqpi`/`xsrqpxp`: R (15), RMC (21:22).
    pub r: bool,
    pub rmc: u32,
}
impl Xq {
    pub fn decode(w: u32) -> Xq {
        Xq {
            vrt: bits(w, 6, 10) as usize,
            vra: bits(w, 11, 15) as usize,
            vrb: bits(w, 16, 20) as usize,
            ro: bits(w, 31, 31) != 0,
            bf: bits(w, 6, 8) as usize,
            dcmx: bits(w, 9, 15),
            r: bits(w, 15, 15) != 0,
            rmc: bits(w, 21, 22),
        }
    }
}

/// FP FPSCR/compare forms: XFL-form `mtfsf`, the X-form FPSCR immediates, XX3 compares' BF.
#[derive(Clone, Copy, Debug)]
pub struct Xfl {
    /// FRT (6:10); also BT of `mtfsb0`/`mtfsb1`.
    pub frt: usize,
    /// FRB (16:20).
    pub frb: usize,
    /// BF (6:8), BFA (11:13).
    pub bf: usize,
    pub bfa: usize,
    /// `mtfsf`: L (6), FLM (7:14), W (15).
    pub l: bool,
    pub flm: u32,
    pub w: bool,
    /// `mtfsfi`: U (16:19), W (15).
    pub u: u32,
    /// `mffscrni` RM (19:20), `mffscdrni` DRM (18:20).
    pub rm: u32,
    pub drm: u32,
    /// XX3 compares: XA, XB with AX (29), BX (30).
    pub xa: usize,
    pub xb: usize,
    /// `xststdc{dp,sp}` DCMX (9:15).
    pub dcmx: u32,
    pub rc: bool,
}

impl Xfl {
    pub fn decode(w: u32) -> Xfl {
        Xfl {
            frt: bits(w, 6, 10) as usize,
            frb: bits(w, 16, 20) as usize,
            bf: bits(w, 6, 8) as usize,
            bfa: bits(w, 11, 13) as usize,
            l: bits(w, 6, 6) != 0,
            flm: bits(w, 7, 14),
            w: bits(w, 15, 15) != 0,
            u: bits(w, 16, 19),
            rm: bits(w, 19, 20),
            drm: bits(w, 18, 20),
            xa: bits(w, 11, 15) as usize + 32 * bits(w, 29, 29) as usize,
            xb: bits(w, 16, 20) as usize + 32 * bits(w, 30, 30) as usize,
            dcmx: bits(w, 9, 15),
            rc: bits(w, 31, 31) != 0,
        }
    }
}
