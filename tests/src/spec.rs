//! How to generate a meaningful instance of each instruction the decode table knows.
//!
//! The decode table ([`cpu_ppc64::decode::ROWS`]) says which bits are fixed; this table says
//! what the free bits mean, by mnemonic: which fields are GPRs (so the harness can keep its
//! base register out of them), which are immediates, and which instructions touch memory or
//! branch (so their addresses and targets land inside the test). It is the harness's
//! assembler knowledge, kept separate from the emulator's own table on purpose: a field the
//! two disagree on shows up as a generated instruction the emulator decodes differently
//! from QEMU.
//!
//! Operand tokens of [`Spec::Plain`] (book bit positions):
//! `RT RS` 6:10, `RA` 11:15, `RB` 16:20, `RC` 21:25 (GPRs);
//! `SI UI` 16:31; `SH` 16:20; `SH6` 16:20+30; `MB` 21:25; `ME` 26:30; `MB6` 21:26;
//! `BF` 6:8; `DCMX` 9:15; `BFA` 11:13; `L` 10; `BT` 6:10; `BA` 11:15; `BB` 16:20; `BC` 21:25;
//! `RAnz` 11:15, a GPR other than r0; `R15` 15; `RMC` 21:22;
//! `OE` 21; `Rc` 31; `FXM` 12:19; `FXM1` 12:19 with one bit set plus bit 11;
//! `DX` 11:15+16:25+31 (addpcis); `L2` 9:10 limited to 0/1 (sync);
//! `VRT VRA VRB VRC` 6:10, 11:15, 16:20, 21:25 (vector registers, any value);
//! `XT XS` 6:10+31, `XA` 11:15+29, `XB` 16:20+30 (VSX registers with their extension bit);
//! `FRT FRS` 6:10, `FRA` 11:15, `FRB` 16:20, `FRC` 21:25 (FPRs, any value);
//! `L6` 6, `FLM` 7:14, `W` 15 (`mtfsf`); `U` 16:19 (`mtfsfi`); `DRM` 18:20, `RM` 19:20
//! (`mffscdrni`, `mffscrni`).
//! Bits no token names are zero (reserved), unless the row fixes them.
//!
//! Vector and floating-point rows (primary opcodes 4, 59, 60, 61, 63) not listed get
//! [`Spec::VecAll`] ([`lookup_row`]): every bit the row leaves free is random. That relies on
//! the decode table's masks fixing the reserved bits, which they do for VMX/VSX, and is only
//! sound for instructions without GPR operands, which is why those are listed explicitly.
//! The floating-point facility's rows (Book I ch. 4) and the VSX compares with a CR-field
//! target leave their reserved fields free in the decode table — the book has the processor
//! ignore them (Book I §1.3.3) — so they are listed with their fields, and their reserved
//! bits are generated as zero, as the book requires of software.

/// How a memory instruction forms its effective address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ea {
    /// `(RA|0) + SI` (16-bit displacement).
    D,
    /// `(RA|0) + (DS || 0b00)`.
    Ds,
    /// `(RA|0) + (DQ || 0b0000)`.
    Dq,
    /// `(RA|0) + RB`.
    X,
    /// `(RA|0)`, with the byte count in RB[0:7] (`lxvl`, `stxvl` ...).
    XLen,
}

/// What the 6:10 field of a memory instruction names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reg {
    /// A GPR (kept clear of the base register).
    Gpr,
    /// Nothing (cache-block operations).
    None,
    /// A VR (VSR 32+n), 5 bits.
    Vr,
    /// An FPR (doubleword 0 of VSR n), 5 bits.
    Fpr,
    /// A VSR: T in 6:10, TX in bit 31 (X-form VSX loads/stores).
    Vsx31,
    /// A VSR: T in 6:10, TX in bit 28 (DQ-form `lxv`/`stxv`).
    Vsx28,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemKind {
    /// One access of `size` bytes; `RT`/`RS` in 6:10.
    Plain,
    /// Quadword on an even/odd GPR pair (`lq`, `stq`), 16-byte aligned.
    Pair,
    /// Load and reserve (`lwarx` ...), aligned.
    Larx,
    /// Store conditional (`stwcx.` ...), aligned; generated after a matching `l*arx`.
    Stcx,
    /// `lmw`/`stmw`: RT..r31.
    Multiple,
    /// `lswi`/`lswx`/`stswi`/`stswx`.
    String,
    /// Cache-block operations with no register result (`dcbt`, `dcbz`, `icbi` ...); `zero`
    /// for `dcbz`, which writes the whole 128-byte block.
    Cache { zero: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mem {
    pub reg: Reg,
    pub ea: Ea,
    pub size: u32,
    pub update: bool,
    pub store: bool,
    pub kind: MemKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Br {
    B,
    Bc,
    Bclr,
    Bcctr,
    Bctar,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spec {
    /// A register/immediate instruction: the operand tokens to fill in.
    Plain(&'static str),
    Mem(Mem),
    Branch(Br),
    /// `tw`, `twi`, `td`, `tdi`.
    Trap {
        imm: bool,
        dword: bool,
    },
    /// `mfspr` (false) / `mtspr` (true), limited to user SPRs with deterministic contents.
    Spr {
        to: bool,
    },
    /// An FPSCR write (`mtfsf`, `mtfsfi`, `mtfsb1`): operands as for [`Spec::Plain`], but
    /// never setting an exception-enable bit (VE OE UE ZE XE). Linux starts a process with
    /// MSR[FE0 FE1] = 0, so an enabled exception is only recorded in FPSCR[FEX]; QEMU 7.2's
    /// linux-user runs with both set and sends SIGFPE. Enables stay off, so the FP rows
    /// compare results instead of how the process died.
    FpscrMove(&'static str),
    /// A vector instruction without GPR operands: every free bit random (see module docs).
    VecAll,
    /// The same for quad-precision DFP (`daddq` ...), whose FRTp/FRAp/FRBp must be even:
    /// the low bit of the 6:10, 11:15 and 16:20 fields is cleared.
    VecAllEven,
    /// Privileged (or a facility Linux leaves off) in problem state: one case, which must end
    /// the process the same way under both (Linux turns the privileged-instruction program
    /// interrupt into SIGILL/ILL_PRVOPC).
    Privileged(&'static str),
    /// Not generated; the reason is printed in the summary.
    Skip(&'static str),
}

/// The chapter-level group a mnemonic is reported under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    Branch,
    CrLogical,
    FixedArith,
    FixedCompare,
    FixedTrap,
    FixedLogical,
    RotateShift,
    MoveSpr,
    LoadStore,
    Atomic,
    CacheSync,
    Fp,
    Vmx,
    Vsx,
    Privileged,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Branch => "branch (book I ch.2)",
            Group::CrLogical => "CR logical (2.5)",
            Group::FixedArith => "fixed-point arithmetic (3.3.9)",
            Group::FixedCompare => "fixed-point compare (3.3.10)",
            Group::FixedTrap => "fixed-point trap (3.3.11)",
            Group::FixedLogical => "fixed-point logical (3.3.13)",
            Group::RotateShift => "rotate and shift (3.3.14)",
            Group::MoveSpr => "move to/from SPR/CR (3.3.17)",
            Group::LoadStore => "load/store (3.3.2-3.3.8)",
            Group::Atomic => "load-reserve/store-conditional (book II 4.6)",
            Group::CacheSync => "cache management and sync (book II ch.4)",
            Group::Fp => "floating-point (book I ch.4)",
            Group::Vmx => "vector (VMX, book I ch.6)",
            Group::Vsx => "vector-scalar (VSX, book I ch.7)",
            Group::Privileged => "privileged/unavailable in problem state",
        }
    }
}

const fn m(ea: Ea, size: u32, update: bool, store: bool, kind: MemKind) -> Spec {
    Spec::Mem(Mem {
        reg: if matches!(kind, MemKind::Cache { .. }) {
            Reg::None
        } else {
            Reg::Gpr
        },
        ea,
        size,
        update,
        store,
        kind,
    })
}
/// A floating-point load or store.
const fn fm(ea: Ea, size: u32, update: bool, store: bool) -> Spec {
    Spec::Mem(Mem {
        reg: Reg::Fpr,
        ea,
        size,
        update,
        store,
        kind: MemKind::Plain,
    })
}
/// A vector load or store of `size` bytes whose register field is `reg`.
const fn vm(reg: Reg, ea: Ea, size: u32, store: bool) -> Spec {
    Spec::Mem(Mem {
        reg,
        ea,
        size,
        update: false,
        store,
        kind: MemKind::Plain,
    })
}
const fn ld(ea: Ea, size: u32, update: bool) -> Spec {
    m(ea, size, update, false, MemKind::Plain)
}
const fn st(ea: Ea, size: u32, update: bool) -> Spec {
    m(ea, size, update, true, MemKind::Plain)
}
const fn cache(zero: bool) -> Spec {
    m(Ea::X, 0, false, false, MemKind::Cache { zero })
}

use Ea::*;
use Group::*;
use Spec::{Plain, Skip, Spr, Trap};

const XO3: Spec = Plain("RT RA RB OE Rc");
const XO2: Spec = Plain("RT RA OE Rc");
const DI: Spec = Plain("RT RA SI");
const LOGI: Spec = Plain("RS RA UI");
const LOG3: Spec = Plain("RS RA RB Rc");
const LOG2: Spec = Plain("RS RA Rc");
const CRL: Spec = Plain("BT BA BB");
const FRB_RC: Spec = Plain("FRT FRB Rc");
const FAB_RC: Spec = Plain("FRT FRA FRB Rc");
const FABC_RC: Spec = Plain("FRT FRA FRB FRC Rc");

/// Mnemonic → (group, generator spec). Mnemonics are written as the decode table writes
/// them (record-form dots included only where the dot is part of the only form).
pub static SPECS: &[(&str, Group, Spec)] = &[
    // ---- branch ----
    ("b", Branch, Spec::Branch(Br::B)),
    ("bc", Branch, Spec::Branch(Br::Bc)),
    ("bclr", Branch, Spec::Branch(Br::Bclr)),
    ("bcctr", Branch, Spec::Branch(Br::Bcctr)),
    ("bctar", Branch, Spec::Branch(Br::Bctar)),
    (
        "sc",
        Branch,
        Skip("system call: the harness's own write/exit path exercises it in every test"),
    ),
    (
        "scv",
        Branch,
        Skip("system call vectored: not generated (process-level effects)"),
    ),
    // ---- CR logical ----
    ("crand", CrLogical, CRL),
    ("crnand", CrLogical, CRL),
    ("cror", CrLogical, CRL),
    ("crxor", CrLogical, CRL),
    ("crnor", CrLogical, CRL),
    ("creqv", CrLogical, CRL),
    ("crandc", CrLogical, CRL),
    ("crorc", CrLogical, CRL),
    ("mcrf", CrLogical, Plain("BF BFA")),
    // ---- fixed-point arithmetic ----
    ("addi", FixedArith, DI),
    ("addis", FixedArith, DI),
    ("addic", FixedArith, DI),
    ("addic.", FixedArith, DI),
    ("subfic", FixedArith, DI),
    ("mulli", FixedArith, DI),
    ("addpcis", FixedArith, Plain("RT DX")),
    ("add", FixedArith, XO3),
    ("addc", FixedArith, XO3),
    ("adde", FixedArith, XO3),
    ("subf", FixedArith, XO3),
    ("subfc", FixedArith, XO3),
    ("subfe", FixedArith, XO3),
    ("mullw", FixedArith, XO3),
    ("mulld", FixedArith, XO3),
    ("divw", FixedArith, XO3),
    ("divwu", FixedArith, XO3),
    ("divd", FixedArith, XO3),
    ("divdu", FixedArith, XO3),
    ("divwe", FixedArith, XO3),
    ("divweu", FixedArith, XO3),
    ("divde", FixedArith, XO3),
    ("divdeu", FixedArith, XO3),
    ("addme", FixedArith, XO2),
    ("addze", FixedArith, XO2),
    ("subfme", FixedArith, XO2),
    ("subfze", FixedArith, XO2),
    ("neg", FixedArith, XO2),
    ("mulhw", FixedArith, Plain("RT RA RB Rc")),
    ("mulhwu", FixedArith, Plain("RT RA RB Rc")),
    ("mulhd", FixedArith, Plain("RT RA RB Rc")),
    ("mulhdu", FixedArith, Plain("RT RA RB Rc")),
    ("modsw", FixedArith, Plain("RT RA RB")),
    ("moduw", FixedArith, Plain("RT RA RB")),
    ("modsd", FixedArith, Plain("RT RA RB")),
    ("modud", FixedArith, Plain("RT RA RB")),
    ("maddhd", FixedArith, Plain("RT RA RB RC")),
    ("maddhdu", FixedArith, Plain("RT RA RB RC")),
    ("maddld", FixedArith, Plain("RT RA RB RC")),
    ("addex", FixedArith, Plain("RT RA RB")), // CY (21:22) = 0, the only defined value in 3.0B
    (
        "darn",
        FixedArith,
        Skip("random number: not deterministic by design"),
    ),
    // ---- compare ----
    ("cmpi", FixedCompare, Plain("BF L RA SI")),
    ("cmpli", FixedCompare, Plain("BF L RA UI")),
    ("cmp", FixedCompare, Plain("BF L RA RB")),
    ("cmpl", FixedCompare, Plain("BF L RA RB")),
    ("cmprb", FixedCompare, Plain("BF L RA RB")),
    ("cmpeqb", FixedCompare, Plain("BF RA RB")),
    ("setb", FixedCompare, Plain("RT BFA")),
    ("mcrxrx", FixedCompare, Plain("BF")),
    // ---- trap ----
    (
        "tw",
        FixedTrap,
        Trap {
            imm: false,
            dword: false,
        },
    ),
    (
        "twi",
        FixedTrap,
        Trap {
            imm: true,
            dword: false,
        },
    ),
    (
        "td",
        FixedTrap,
        Trap {
            imm: false,
            dword: true,
        },
    ),
    (
        "tdi",
        FixedTrap,
        Trap {
            imm: true,
            dword: true,
        },
    ),
    // ---- logical ----
    ("andi.", FixedLogical, LOGI),
    ("andis.", FixedLogical, LOGI),
    ("ori", FixedLogical, LOGI),
    ("oris", FixedLogical, LOGI),
    ("xori", FixedLogical, LOGI),
    ("xoris", FixedLogical, LOGI),
    ("and", FixedLogical, LOG3),
    ("or", FixedLogical, LOG3),
    ("xor", FixedLogical, LOG3),
    ("nand", FixedLogical, LOG3),
    ("nor", FixedLogical, LOG3),
    ("eqv", FixedLogical, LOG3),
    ("andc", FixedLogical, LOG3),
    ("orc", FixedLogical, LOG3),
    ("extsb", FixedLogical, LOG2),
    ("extsh", FixedLogical, LOG2),
    ("extsw", FixedLogical, LOG2),
    ("cntlzw", FixedLogical, LOG2),
    ("cntlzd", FixedLogical, LOG2),
    ("cnttzw", FixedLogical, LOG2),
    ("cnttzd", FixedLogical, LOG2),
    ("popcntb", FixedLogical, Plain("RS RA")),
    ("popcntw", FixedLogical, Plain("RS RA")),
    ("popcntd", FixedLogical, Plain("RS RA")),
    ("prtyw", FixedLogical, Plain("RS RA")),
    ("prtyd", FixedLogical, Plain("RS RA")),
    ("cmpb", FixedLogical, Plain("RS RA RB")),
    ("bpermd", FixedLogical, Plain("RS RA RB")),
    ("isel", FixedLogical, Plain("RT RA RB BC")),
    // ---- rotate and shift ----
    ("rlwinm", RotateShift, Plain("RS RA SH MB ME Rc")),
    ("rlwimi", RotateShift, Plain("RS RA SH MB ME Rc")),
    ("rlwnm", RotateShift, Plain("RS RA RB MB ME Rc")),
    ("rldicl", RotateShift, Plain("RS RA SH6 MB6 Rc")),
    ("rldicr", RotateShift, Plain("RS RA SH6 MB6 Rc")),
    ("rldic", RotateShift, Plain("RS RA SH6 MB6 Rc")),
    ("rldimi", RotateShift, Plain("RS RA SH6 MB6 Rc")),
    ("rldcl", RotateShift, Plain("RS RA RB MB6 Rc")),
    ("rldcr", RotateShift, Plain("RS RA RB MB6 Rc")),
    ("slw", RotateShift, LOG3),
    ("srw", RotateShift, LOG3),
    ("sraw", RotateShift, LOG3),
    ("sld", RotateShift, LOG3),
    ("srd", RotateShift, LOG3),
    ("srad", RotateShift, LOG3),
    ("srawi", RotateShift, Plain("RS RA SH Rc")),
    ("sradi", RotateShift, Plain("RS RA SH6 Rc")),
    ("extswsli", RotateShift, Plain("RS RA SH6 Rc")),
    // ---- moves to/from SPRs and CR ----
    ("mfspr", MoveSpr, Spr { to: false }),
    ("mtspr", MoveSpr, Spr { to: true }),
    ("mfcr", MoveSpr, Plain("RT")),
    ("mtcrf", MoveSpr, Plain("RS FXM")),
    ("mfocrf", MoveSpr, Plain("RT FXM1")),
    ("mtocrf", MoveSpr, Plain("RS FXM1")),
    ("mftb", MoveSpr, Skip("time base: not deterministic")),
    // ---- loads ----
    ("lbz", LoadStore, ld(D, 1, false)),
    ("lbzu", LoadStore, ld(D, 1, true)),
    ("lhz", LoadStore, ld(D, 2, false)),
    ("lhzu", LoadStore, ld(D, 2, true)),
    ("lha", LoadStore, ld(D, 2, false)),
    ("lhau", LoadStore, ld(D, 2, true)),
    ("lwz", LoadStore, ld(D, 4, false)),
    ("lwzu", LoadStore, ld(D, 4, true)),
    ("ld", LoadStore, ld(Ds, 8, false)),
    ("ldu", LoadStore, ld(Ds, 8, true)),
    ("lwa", LoadStore, ld(Ds, 4, false)),
    ("lbzx", LoadStore, ld(X, 1, false)),
    ("lbzux", LoadStore, ld(X, 1, true)),
    ("lhzx", LoadStore, ld(X, 2, false)),
    ("lhzux", LoadStore, ld(X, 2, true)),
    ("lhax", LoadStore, ld(X, 2, false)),
    ("lhaux", LoadStore, ld(X, 2, true)),
    ("lwzx", LoadStore, ld(X, 4, false)),
    ("lwzux", LoadStore, ld(X, 4, true)),
    ("lwax", LoadStore, ld(X, 4, false)),
    ("lwaux", LoadStore, ld(X, 4, true)),
    ("ldx", LoadStore, ld(X, 8, false)),
    ("ldux", LoadStore, ld(X, 8, true)),
    ("lhbrx", LoadStore, ld(X, 2, false)),
    ("lwbrx", LoadStore, ld(X, 4, false)),
    ("ldbrx", LoadStore, ld(X, 8, false)),
    ("lq", LoadStore, m(Dq, 16, false, false, MemKind::Pair)),
    ("lmw", LoadStore, m(D, 4, false, false, MemKind::Multiple)),
    ("lswi", LoadStore, m(X, 1, false, false, MemKind::String)),
    ("lswx", LoadStore, m(X, 1, false, false, MemKind::String)),
    // ---- stores ----
    ("stb", LoadStore, st(D, 1, false)),
    ("stbu", LoadStore, st(D, 1, true)),
    ("sth", LoadStore, st(D, 2, false)),
    ("sthu", LoadStore, st(D, 2, true)),
    ("stw", LoadStore, st(D, 4, false)),
    ("stwu", LoadStore, st(D, 4, true)),
    ("std", LoadStore, st(Ds, 8, false)),
    ("stdu", LoadStore, st(Ds, 8, true)),
    ("stbx", LoadStore, st(X, 1, false)),
    ("stbux", LoadStore, st(X, 1, true)),
    ("sthx", LoadStore, st(X, 2, false)),
    ("sthux", LoadStore, st(X, 2, true)),
    ("stwx", LoadStore, st(X, 4, false)),
    ("stwux", LoadStore, st(X, 4, true)),
    ("stdx", LoadStore, st(X, 8, false)),
    ("stdux", LoadStore, st(X, 8, true)),
    ("sthbrx", LoadStore, st(X, 2, false)),
    ("stwbrx", LoadStore, st(X, 4, false)),
    ("stdbrx", LoadStore, st(X, 8, false)),
    ("stq", LoadStore, m(Ds, 16, false, true, MemKind::Pair)),
    ("stmw", LoadStore, m(D, 4, false, true, MemKind::Multiple)),
    ("stswi", LoadStore, m(X, 1, false, true, MemKind::String)),
    ("stswx", LoadStore, m(X, 1, false, true, MemKind::String)),
    // ---- load-reserve / store-conditional ----
    ("lbarx", Atomic, m(X, 1, false, false, MemKind::Larx)),
    ("lharx", Atomic, m(X, 2, false, false, MemKind::Larx)),
    ("lwarx", Atomic, m(X, 4, false, false, MemKind::Larx)),
    ("ldarx", Atomic, m(X, 8, false, false, MemKind::Larx)),
    ("lqarx", Atomic, m(X, 16, false, false, MemKind::Larx)),
    ("stbcx.", Atomic, m(X, 1, false, true, MemKind::Stcx)),
    ("sthcx.", Atomic, m(X, 2, false, true, MemKind::Stcx)),
    ("stwcx.", Atomic, m(X, 4, false, true, MemKind::Stcx)),
    ("stdcx.", Atomic, m(X, 8, false, true, MemKind::Stcx)),
    ("stqcx.", Atomic, m(X, 16, false, true, MemKind::Stcx)),
    // ---- cache management and synchronisation ----
    ("dcbt", CacheSync, cache(false)),
    ("dcbtst", CacheSync, cache(false)),
    ("dcbst", CacheSync, cache(false)),
    ("dcbf", CacheSync, cache(false)),
    ("icbi", CacheSync, cache(false)),
    ("icbt", CacheSync, cache(false)),
    ("dcbz", CacheSync, cache(true)),
    ("sync", CacheSync, Plain("L2")),
    ("hwsync", CacheSync, Plain("")),
    ("lwsync", CacheSync, Plain("")),
    ("isync", CacheSync, Plain("")),
    ("eieio", CacheSync, Plain("")),
    ("mbar", CacheSync, Plain("")),
    // Data stream touch (VMX, 5.x): hints only.
    // RA = 0 is an invalid form (QEMU raises SIGILL for it).
    ("dst", CacheSync, Plain("RAnz RB")),
    ("dstt", CacheSync, Plain("RAnz RB")),
    ("dstst", CacheSync, Plain("RAnz RB")),
    ("dststt", CacheSync, Plain("RAnz RB")),
    ("dss", CacheSync, Plain("")),
    ("dssall", CacheSync, Plain("")),
    // ---- decimal assists on GPRs (3.3.15) ----
    ("addg6s", FixedArith, Plain("RT RA RB")),
    // Quad-precision round (VSX, 7.6): bits 11:14 are reserved.
    ("xsrqpi", Vsx, Plain("VRT R15 VRB RMC")),
    ("xsrqpix", Vsx, Plain("VRT R15 VRB RMC")),
    ("xsrqpxp", Vsx, Plain("VRT R15 VRB RMC")),
    ("cbcdtd", FixedLogical, Plain("RS RA")),
    ("cdtbcd", FixedLogical, Plain("RS RA")),
    // ---- not generated ----
    (
        "lwat",
        Atomic,
        Skip("atomic memory operations: function codes read RT+1/RT+2, not generated yet"),
    ),
    (
        "ldat",
        Atomic,
        Skip("atomic memory operations: function codes read RT+1/RT+2, not generated yet"),
    ),
    (
        "stwat",
        Atomic,
        Skip("atomic memory operations: not generated yet"),
    ),
    (
        "stdat",
        Atomic,
        Skip("atomic memory operations: not generated yet"),
    ),
    (
        "copy",
        CacheSync,
        Skip("copy-paste facility: only meaningful with an accelerator target"),
    ),
    (
        "paste.",
        CacheSync,
        Skip("copy-paste facility: only meaningful with an accelerator target"),
    ),
    (
        "cp_abort",
        CacheSync,
        Skip("copy-paste facility: only meaningful with an accelerator target"),
    ),
    // ---- floating-point loads and stores (4.6.2-4.6.3) ----
    ("lfs", Fp, fm(D, 4, false, false)),
    ("lfsu", Fp, fm(D, 4, true, false)),
    ("lfd", Fp, fm(D, 8, false, false)),
    ("lfdu", Fp, fm(D, 8, true, false)),
    ("stfs", Fp, fm(D, 4, false, true)),
    ("stfsu", Fp, fm(D, 4, true, true)),
    ("stfd", Fp, fm(D, 8, false, true)),
    ("stfdu", Fp, fm(D, 8, true, true)),
    ("lfsx", Fp, fm(X, 4, false, false)),
    ("lfsux", Fp, fm(X, 4, true, false)),
    ("lfdx", Fp, fm(X, 8, false, false)),
    ("lfdux", Fp, fm(X, 8, true, false)),
    ("lfiwax", Fp, fm(X, 4, false, false)),
    ("lfiwzx", Fp, fm(X, 4, false, false)),
    ("stfsx", Fp, fm(X, 4, false, true)),
    ("stfsux", Fp, fm(X, 4, true, true)),
    ("stfdx", Fp, fm(X, 8, false, true)),
    ("stfdux", Fp, fm(X, 8, true, true)),
    ("stfiwx", Fp, fm(X, 4, false, true)),
    // ---- floating-point register instructions (4.6.5-4.6.10) ----
    // Listed with their fields because the decode table leaves their reserved fields free
    // (Book I §1.3.3: the processor ignores them; software must code them as zero), and
    // QEMU 7.2 raises SIGILL for a nonzero one.
    ("fmr", Fp, FRB_RC),
    ("fneg", Fp, FRB_RC),
    ("fabs", Fp, FRB_RC),
    ("fnabs", Fp, FRB_RC),
    ("fcpsgn", Fp, FAB_RC),
    ("fmrgew", Fp, Plain("FRT FRA FRB")),
    ("fmrgow", Fp, Plain("FRT FRA FRB")),
    ("fsel", Fp, FABC_RC),
    ("fadd", Fp, FAB_RC),
    ("fadds", Fp, FAB_RC),
    ("fsub", Fp, FAB_RC),
    ("fsubs", Fp, FAB_RC),
    ("fmul", Fp, Plain("FRT FRA FRC Rc")),
    ("fmuls", Fp, Plain("FRT FRA FRC Rc")),
    ("fdiv", Fp, FAB_RC),
    ("fdivs", Fp, FAB_RC),
    ("fsqrt", Fp, FRB_RC),
    ("fsqrts", Fp, FRB_RC),
    ("fre", Fp, FRB_RC),
    ("fres", Fp, FRB_RC),
    ("frsqrte", Fp, FRB_RC),
    ("frsqrtes", Fp, FRB_RC),
    ("fmadd", Fp, FABC_RC),
    ("fmadds", Fp, FABC_RC),
    ("fmsub", Fp, FABC_RC),
    ("fmsubs", Fp, FABC_RC),
    ("fnmadd", Fp, FABC_RC),
    ("fnmadds", Fp, FABC_RC),
    ("fnmsub", Fp, FABC_RC),
    ("fnmsubs", Fp, FABC_RC),
    ("frsp", Fp, FRB_RC),
    ("fctiw", Fp, FRB_RC),
    ("fctiwz", Fp, FRB_RC),
    ("fctiwu", Fp, FRB_RC),
    ("fctiwuz", Fp, FRB_RC),
    ("fctid", Fp, FRB_RC),
    ("fctidz", Fp, FRB_RC),
    ("fctidu", Fp, FRB_RC),
    ("fctiduz", Fp, FRB_RC),
    ("fcfid", Fp, FRB_RC),
    ("fcfidu", Fp, FRB_RC),
    ("fcfids", Fp, FRB_RC),
    ("fcfidus", Fp, FRB_RC),
    ("frin", Fp, FRB_RC),
    ("friz", Fp, FRB_RC),
    ("frip", Fp, FRB_RC),
    ("frim", Fp, FRB_RC),
    ("fcmpu", Fp, Plain("BF FRA FRB")),
    ("fcmpo", Fp, Plain("BF FRA FRB")),
    ("ftdiv", Fp, Plain("BF FRA FRB")),
    ("ftsqrt", Fp, Plain("BF FRB")),
    ("mffs", Fp, Plain("FRT Rc")),
    ("mffsce", Fp, Plain("FRT")),
    ("mffscdrn", Fp, Plain("FRT FRB")),
    ("mffscdrni", Fp, Plain("FRT DRM")),
    ("mffscrn", Fp, Plain("FRT FRB")),
    ("mffscrni", Fp, Plain("FRT RM")),
    ("mffsl", Fp, Plain("FRT")),
    ("mtfsf", Fp, Spec::FpscrMove("L6 FLM W FRB Rc")),
    ("mtfsfi", Fp, Spec::FpscrMove("BF W U Rc")),
    ("mtfsb0", Fp, Plain("BT Rc")),
    ("mtfsb1", Fp, Spec::FpscrMove("BT Rc")),
    ("mcrfs", Fp, Plain("BF BFA")),
    // VSX scalar compares and tests with a CR field target (7.6.1): bits 9:10 and 31 are
    // reserved, free in the decode table (see above).
    ("xscmpudp", Vsx, Plain("BF XA XB")),
    ("xscmpodp", Vsx, Plain("BF XA XB")),
    ("xstdivdp", Vsx, Plain("BF XA XB")),
    ("xstsqrtdp", Vsx, Plain("BF XB")),
    ("xscmpexpdp", Vsx, Plain("BF XA XB")),
    ("xststdcdp", Vsx, Plain("BF DCMX XB")),
    ("xststdcsp", Vsx, Plain("BF DCMX XB")),
    // VSX scalar moves between an exponent/significand and GPRs (v3.0); bit 31 is reserved.
    ("xsxexpdp", Vsx, Plain("RT XB")),
    ("xsxsigdp", Vsx, Plain("RT XB")),
    ("xsiexpdp", Vsx, Plain("XT RA RB")),
    // ---- VMX: loads/stores and the instructions with GPR operands ----
    ("lvx", Vmx, vm(Reg::Vr, X, 16, false)),
    ("lvxl", Vmx, vm(Reg::Vr, X, 16, false)),
    ("stvx", Vmx, vm(Reg::Vr, X, 16, true)),
    ("stvxl", Vmx, vm(Reg::Vr, X, 16, true)),
    ("lvebx", Vmx, vm(Reg::Vr, X, 1, false)),
    ("lvehx", Vmx, vm(Reg::Vr, X, 2, false)),
    ("lvewx", Vmx, vm(Reg::Vr, X, 4, false)),
    ("stvebx", Vmx, vm(Reg::Vr, X, 1, true)),
    ("stvehx", Vmx, vm(Reg::Vr, X, 2, true)),
    ("stvewx", Vmx, vm(Reg::Vr, X, 4, true)),
    ("lvsl", Vmx, Plain("VRT RA RB")), // no storage access: the EA only selects a permute
    ("lvsr", Vmx, Plain("VRT RA RB")),
    ("vextublx", Vmx, Plain("RT RA VRB")),
    ("vextuhlx", Vmx, Plain("RT RA VRB")),
    ("vextuwlx", Vmx, Plain("RT RA VRB")),
    ("vextubrx", Vmx, Plain("RT RA VRB")),
    ("vextuhrx", Vmx, Plain("RT RA VRB")),
    ("vextuwrx", Vmx, Plain("RT RA VRB")),
    ("vclzlsbb", Vmx, Plain("RT VRB")),
    ("vctzlsbb", Vmx, Plain("RT VRB")),
    ("mfvscr", Vmx, Plain("VRT")),
    ("mtvscr", Vmx, Plain("VRB")),
    (
        "wait",
        Vmx,
        Skip("waits for an interrupt: a user process would hang"),
    ),
    // ---- VSX: loads/stores and moves to/from GPRs ----
    ("lxvd2x", Vsx, vm(Reg::Vsx31, X, 16, false)),
    ("stxvd2x", Vsx, vm(Reg::Vsx31, X, 16, true)),
    ("lxvw4x", Vsx, vm(Reg::Vsx31, X, 16, false)),
    ("stxvw4x", Vsx, vm(Reg::Vsx31, X, 16, true)),
    ("lxvh8x", Vsx, vm(Reg::Vsx31, X, 16, false)),
    ("stxvh8x", Vsx, vm(Reg::Vsx31, X, 16, true)),
    ("lxvb16x", Vsx, vm(Reg::Vsx31, X, 16, false)),
    ("stxvb16x", Vsx, vm(Reg::Vsx31, X, 16, true)),
    ("lxvx", Vsx, vm(Reg::Vsx31, X, 16, false)),
    ("stxvx", Vsx, vm(Reg::Vsx31, X, 16, true)),
    ("lxvdsx", Vsx, vm(Reg::Vsx31, X, 8, false)),
    ("lxvwsx", Vsx, vm(Reg::Vsx31, X, 4, false)),
    ("lxvl", Vsx, vm(Reg::Vsx31, XLen, 16, false)),
    ("lxvll", Vsx, vm(Reg::Vsx31, XLen, 16, false)),
    ("stxvl", Vsx, vm(Reg::Vsx31, XLen, 16, true)),
    ("stxvll", Vsx, vm(Reg::Vsx31, XLen, 16, true)),
    ("lxsdx", Vsx, vm(Reg::Vsx31, X, 8, false)),
    ("lxsiwzx", Vsx, vm(Reg::Vsx31, X, 4, false)),
    ("lxsiwax", Vsx, vm(Reg::Vsx31, X, 4, false)),
    ("lxsibzx", Vsx, vm(Reg::Vsx31, X, 1, false)),
    ("lxsihzx", Vsx, vm(Reg::Vsx31, X, 2, false)),
    ("stxsdx", Vsx, vm(Reg::Vsx31, X, 8, true)),
    ("stxsiwx", Vsx, vm(Reg::Vsx31, X, 4, true)),
    ("stxsibx", Vsx, vm(Reg::Vsx31, X, 1, true)),
    ("stxsihx", Vsx, vm(Reg::Vsx31, X, 2, true)),
    ("lxsspx", Vsx, vm(Reg::Vsx31, X, 4, false)),
    ("stxsspx", Vsx, vm(Reg::Vsx31, X, 4, true)),
    ("lxsd", Vsx, vm(Reg::Vr, Ds, 8, false)),
    ("lxssp", Vsx, vm(Reg::Vr, Ds, 4, false)),
    ("stxsd", Vsx, vm(Reg::Vr, Ds, 8, true)),
    ("stxssp", Vsx, vm(Reg::Vr, Ds, 4, true)),
    ("lxv", Vsx, vm(Reg::Vsx28, Dq, 16, false)),
    ("stxv", Vsx, vm(Reg::Vsx28, Dq, 16, true)),
    ("mfvsrd", Vsx, Plain("RA XS")),
    ("mfvsrwz", Vsx, Plain("RA XS")),
    ("mfvsrld", Vsx, Plain("RA XS")),
    ("mtvsrd", Vsx, Plain("XT RA")),
    ("mtvsrwa", Vsx, Plain("XT RA")),
    ("mtvsrwz", Vsx, Plain("XT RA")),
    ("mtvsrws", Vsx, Plain("XT RA")),
    ("mtvsrdd", Vsx, Plain("XT RA RB")),
    // ---- privileged: each must raise SIGILL in a user process ----
    ("mfmsr", Privileged, Spec::Privileged("RT")),
    ("mtmsr", Privileged, Spec::Privileged("RS")),
    ("mtmsrd", Privileged, Spec::Privileged("RS")),
    ("rfid", Privileged, Spec::Privileged("")),
    ("hrfid", Privileged, Spec::Privileged("")),
    ("stop", Privileged, Spec::Privileged("")),
    ("tlbie", Privileged, Spec::Privileged("RB")),
    ("tlbiel", Privileged, Spec::Privileged("RB")),
    ("tlbsync", Privileged, Spec::Privileged("")),
    ("slbie", Privileged, Spec::Privileged("RB")),
    ("slbia", Privileged, Spec::Privileged("")),
    ("slbmte", Privileged, Spec::Privileged("RS RB")),
    ("slbmfee", Privileged, Spec::Privileged("RT RB")),
    ("slbmfev", Privileged, Spec::Privileged("RT RB")),
    ("msgsnd", Privileged, Spec::Privileged("RB")),
    ("msgclr", Privileged, Spec::Privileged("RB")),
    ("urfid", Privileged, Spec::Privileged("")),
    ("rfscv", Privileged, Spec::Privileged("")),
    ("msgsndp", Privileged, Spec::Privileged("RB")),
    ("msgclrp", Privileged, Spec::Privileged("RB")),
    ("msgsndu", Privileged, Spec::Privileged("RB")),
    ("msgclru", Privileged, Spec::Privileged("RB")),
    ("msgsync", Privileged, Spec::Privileged("")),
    ("slbieg", Privileged, Spec::Privileged("RS RB")),
    ("slbiag", Privileged, Spec::Privileged("RS")),
    ("slbfee.", Privileged, Spec::Privileged("RT RB")),
    ("slbsync", Privileged, Spec::Privileged("")),
    ("rmieg", Privileged, Spec::Privileged("RB")),
    ("mtsr", Privileged, Spec::Privileged("RS")),
    ("mtsrin", Privileged, Spec::Privileged("RS RB")),
    ("mfsr", Privileged, Spec::Privileged("RT")),
    ("mfsrin", Privileged, Spec::Privileged("RT RB")),
    ("lbzcix", Privileged, Spec::Privileged("RT RA RB")),
    ("lhzcix", Privileged, Spec::Privileged("RT RA RB")),
    ("lwzcix", Privileged, Spec::Privileged("RT RA RB")),
    ("ldcix", Privileged, Spec::Privileged("RT RA RB")),
    ("stbcix", Privileged, Spec::Privileged("RS RA RB")),
    ("sthcix", Privileged, Spec::Privileged("RS RA RB")),
    ("stwcix", Privileged, Spec::Privileged("RS RA RB")),
    ("stdcix", Privileged, Spec::Privileged("RS RA RB")),
    ("treclaim.", Privileged, Spec::Privileged("")),
    ("trechkpt.", Privileged, Spec::Privileged("")),
    ("mtsle", Privileged, Spec::Privileged("")),
    // Transactional memory: QEMU 7.2 runs transactions that always fail; Linux on POWER9
    // (TM off) sends SIGILL. Compared in full; see `tm_unavailable` in difftest-known.md.
    ("tbegin.", Atomic, Plain("")),
    ("tend.", Atomic, Plain("")),
    ("tcheck", Atomic, Plain("BF")),
    ("tsr.", Atomic, Plain("L")),
    ("tabortwc.", Atomic, Plain("TO RA RB")),
    ("tabortdc.", Atomic, Plain("TO RA RB")),
    ("tabortwci.", Atomic, Plain("TO RA")),
    ("tabortdci.", Atomic, Plain("TO RA")),
    ("tabort.", Atomic, Plain("RA")),
    // Event-based branches and the branch history buffer: facilities a Linux process runs
    // with switched off (FSCR); both sides must end the same way.
    ("rfebb", Privileged, Spec::Privileged("")),
    ("mfbhrbe", Privileged, Spec::Privileged("RT")),
    ("clrbhrb", Privileged, Spec::Privileged("")),
];

/// Looks a mnemonic up, tolerating the table writing a record or overflow form
/// (`add.`, `addo.`) as the row's name.
pub fn lookup(mnemonic: &str) -> Option<(Group, Spec)> {
    let find = |m: &str| {
        SPECS
            .iter()
            .find(|(n, _, _)| *n == m)
            .map(|&(_, g, s)| (g, s))
    };
    if let Some(hit) = find(mnemonic) {
        return Some(hit);
    }
    let base = mnemonic.trim_end_matches('.');
    if let Some(hit) = find(base) {
        return Some(hit);
    }
    // `addo`, `subfeo` ...: only for XO-form arithmetic, where the `o` is the OE bit.
    let stem = base.strip_suffix('o')?;
    match find(stem) {
        Some((g, s @ Plain(ops))) if ops.contains("OE") => Some((g, s)),
        _ => None,
    }
}

/// The spec of a decode row: its mnemonic's entry, or, for rows not listed, one by primary
/// opcode: 4 (VMX, BCD), 59/63 (floating point, DFP, quad precision) and 60/61 (VSX) hold
/// only register-to-register instructions without GPR operands once the listed exceptions
/// (`maddhd`, `vextu*x`, `mfvsr*`, loads and stores ...) are taken out, so every free bit can
/// be random ([`Spec::VecAll`]).
pub fn lookup_row(row: &cpu_ppc64::decode::Row) -> Option<(Group, Spec)> {
    if let Some(hit) = lookup(row.mnemonic) {
        return Some(hit);
    }
    match row.bits >> 26 {
        4 => Some((Group::Vmx, Spec::VecAll)),
        59 | 63 if row.mnemonic.starts_with('x') => Some((Group::Vsx, Spec::VecAll)),
        59 | 63 if row.mnemonic.starts_with('d') && row.mnemonic.ends_with('q') => {
            Some((Group::Fp, Spec::VecAllEven))
        }
        59 | 63 => Some((Group::Fp, Spec::VecAll)),
        60 | 61 => Some((Group::Vsx, Spec::VecAll)),
        _ => None,
    }
}

/// Book bit range `(from, to)` of a single-range operand token.
pub fn token_bits(tok: &str) -> Option<(u32, u32)> {
    Some(match tok {
        "RT" | "RS" | "BT" | "VRT" | "TO" => (6, 10),
        "RA" | "RAnz" | "BA" | "VRA" => (11, 15),
        "RB" | "BB" | "SH" | "VRB" => (16, 20),
        "RC" | "BC" | "MB" | "VRC" => (21, 25),
        "SI" | "UI" => (16, 31),
        "ME" => (26, 30),
        "MB6" => (21, 26),
        "BF" => (6, 8),
        "DCMX" => (9, 15),
        "BFA" => (11, 13),
        "L" => (10, 10),
        "R15" => (15, 15),
        "RMC" => (21, 22),
        "OE" => (21, 21),
        "Rc" => (31, 31),
        "FXM" | "FXM1" => (12, 19),
        "L2" => (9, 10),
        "FRT" | "FRS" => (6, 10),
        "FRA" => (11, 15),
        "FRB" => (16, 20),
        "FRC" => (21, 25),
        "L6" => (6, 6),
        "FLM" => (7, 14),
        "W" => (15, 15),
        "U" => (16, 19),
        "DRM" => (18, 20),
        "RM" => (19, 20),
        _ => return None,
    })
}

pub fn is_gpr_token(tok: &str) -> bool {
    matches!(tok, "RT" | "RS" | "RA" | "RAnz" | "RB" | "RC")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_is_known() {
        for (name, _, spec) in SPECS {
            if let Plain(ops) | Spec::Privileged(ops) | Spec::FpscrMove(ops) = spec {
                for t in ops.split_whitespace() {
                    assert!(
                        token_bits(t).is_some()
                            || matches!(t, "SH6" | "DX" | "XT" | "XS" | "XA" | "XB"),
                        "{name}: unknown token {t}"
                    );
                }
            }
        }
    }

    /// The floating-point facility's rows leave reserved fields free in the decode table, so
    /// a by-opcode [`Spec::VecAll`] would set them (and QEMU would raise SIGILL).
    #[test]
    fn fp_register_rows_are_listed() {
        for row in cpu_ppc64::decode::ROWS.iter().filter(|r| r.implemented()) {
            let m = row.mnemonic;
            let fp_chapter4 = matches!(row.bits >> 26, 59 | 63)
                && (m.starts_with('f')
                    || m.starts_with("mf")
                    || m.starts_with("mt")
                    || m == "mcrfs");
            if fp_chapter4 {
                assert!(lookup(m).is_some(), "{m}: no generator spec");
            }
        }
    }

    #[test]
    fn no_duplicate_mnemonics() {
        for (i, (a, _, _)) in SPECS.iter().enumerate() {
            assert!(
                SPECS[i + 1..].iter().all(|(b, _, _)| a != b),
                "{a} listed twice"
            );
        }
    }

    #[test]
    fn lookup_variants() {
        assert!(lookup("add.").is_some());
        assert!(lookup("addo.").is_some());
        assert!(lookup("stwcx.").is_some());
        assert!(lookup("ori").is_some());
        assert!(lookup("oro").is_none());
        assert!(lookup("vaddubm").is_none());
        for row in cpu_ppc64::decode::ROWS
            .iter()
            .filter(|r| r.mnemonic == "vaddubm")
        {
            assert_eq!(lookup_row(row), Some((Group::Vmx, Spec::VecAll)));
        }
        assert!(matches!(lookup("lxvd2x"), Some((Group::Vsx, Spec::Mem(_)))));
    }
}
