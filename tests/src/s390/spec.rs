//! What the operand fields of each s390x row mean, for generating meaningful instances.
//!
//! Most of it follows from the instruction format ([`fields`]: the harness's own table of
//! where each format's fields sit, PoP ch. 5, kept separate from the emulator's
//! `cpu_s390x::forms` on purpose — a field the two disagree on shows up as an instruction
//! the emulator decodes differently from QEMU). Each field gets a role:
//! `R` registers are GPRs (FPRs/VRs in FP/vector rows) kept clear of the case's base
//! register; `B`/`X`/`D` form an operand address that points into the case's scratch window
//! (or at a landing pad for branches, or anywhere for `la`/shift counts); `M` masks, `I`
//! immediates and `V` vector registers are random (immediates biased to their edges); `L`
//! lengths are bounded by the window; `Rel` immediates land on a landing pad (branches) or
//! in the window (relative loads and stores). What the format cannot say — register pairs,
//! register ranges, alignment, registers that hold addresses, EXECUTE — is in [`special`],
//! by mnemonic.

use cpu_s390x::decode::Row;
use cpu_s390x::forms::Format;

/// A field's role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum K {
    /// Register operand n (1, 2, 3).
    R(u8),
    /// Index register of operand 2.
    X,
    /// Base register of operand n (1, 2, 4).
    B(u8),
    /// 12-bit displacement of operand n.
    D(u8),
    /// 20-bit signed displacement (DL at the position, DH 12 bits later) of operand n.
    D20(u8),
    /// A 4-bit mask.
    M,
    /// An immediate.
    Imm,
    /// A signed relative immediate, in halfwords.
    Rel,
    /// A length code of operand n (the operand is one byte longer).
    L(u8),
    /// A vector register: 4 bits here plus RXB bit `36 + n`.
    V(u8),
}

/// One field: role, first PoP bit, width.
pub type Fld = (K, u32, u32);

/// The fields of every format (PoP 5.2 figures). Positions are PoP bit numbers.
pub fn fields(f: Format) -> &'static [Fld] {
    use Format::*;
    use K::*;
    match f {
        E => &[],
        I => &[(Imm, 8, 8)],
        IE => &[(Imm, 24, 4), (Imm, 28, 4)],
        RR => &[(R(1), 8, 4), (R(2), 12, 4)],
        RRD => &[(R(1), 16, 4), (R(3), 24, 4), (R(2), 28, 4)],
        RRE => &[(R(1), 24, 4), (R(2), 28, 4)],
        RRF_a | RRF_b => &[(R(3), 16, 4), (M, 20, 4), (R(1), 24, 4), (R(2), 28, 4)],
        RRF_c => &[(M, 16, 4), (R(1), 24, 4), (R(2), 28, 4)],
        RRF_d => &[(M, 20, 4), (R(1), 24, 4), (R(2), 28, 4)],
        RRF_e => &[(M, 16, 4), (M, 20, 4), (R(1), 24, 4), (R(2), 28, 4)],
        RI_a => &[(R(1), 8, 4), (Imm, 16, 16)],
        RI_b => &[(R(1), 8, 4), (Rel, 16, 16)],
        RI_c => &[(M, 8, 4), (Rel, 16, 16)],
        RIE_a => &[(R(1), 8, 4), (Imm, 16, 16), (M, 32, 4)],
        RIE_b => &[(R(1), 8, 4), (R(2), 12, 4), (Rel, 16, 16), (M, 32, 4)],
        RIE_c => &[(R(1), 8, 4), (M, 12, 4), (Rel, 16, 16), (Imm, 32, 8)],
        RIE_d => &[(R(1), 8, 4), (R(3), 12, 4), (Imm, 16, 16)],
        RIE_e => &[(R(1), 8, 4), (R(3), 12, 4), (Rel, 16, 16)],
        RIE_f => &[(R(1), 8, 4), (R(2), 12, 4), (Imm, 16, 8), (Imm, 24, 8), (Imm, 32, 8)],
        RIE_g => &[(R(1), 8, 4), (M, 12, 4), (Imm, 16, 16)],
        RIL_a => &[(R(1), 8, 4), (Imm, 16, 32)],
        RIL_b => &[(R(1), 8, 4), (Rel, 16, 32)],
        RIL_c => &[(M, 8, 4), (Rel, 16, 32)],
        RIS => &[(R(1), 8, 4), (M, 12, 4), (B(4), 16, 4), (D(4), 20, 12), (Imm, 32, 8)],
        RRS => &[(R(1), 8, 4), (R(2), 12, 4), (B(4), 16, 4), (D(4), 20, 12), (M, 32, 4)],
        RS_a => &[(R(1), 8, 4), (R(3), 12, 4), (B(2), 16, 4), (D(2), 20, 12)],
        RS_b => &[(R(1), 8, 4), (M, 12, 4), (B(2), 16, 4), (D(2), 20, 12)],
        RSI => &[(R(1), 8, 4), (R(3), 12, 4), (Rel, 16, 16)],
        RSL_a => &[(L(1), 8, 4), (B(1), 16, 4), (D(1), 20, 12)],
        RSL_b => &[(L(2), 8, 8), (B(2), 16, 4), (D(2), 20, 12), (R(1), 32, 4), (M, 36, 4)],
        RSY_a => &[(R(1), 8, 4), (R(3), 12, 4), (B(2), 16, 4), (D20(2), 20, 12)],
        RSY_b => &[(R(1), 8, 4), (M, 12, 4), (B(2), 16, 4), (D20(2), 20, 12)],
        RX_a => &[(R(1), 8, 4), (X, 12, 4), (B(2), 16, 4), (D(2), 20, 12)],
        RX_b => &[(M, 8, 4), (X, 12, 4), (B(2), 16, 4), (D(2), 20, 12)],
        RXE => &[(R(1), 8, 4), (X, 12, 4), (B(2), 16, 4), (D(2), 20, 12), (M, 32, 4)],
        RXF => &[(R(3), 8, 4), (X, 12, 4), (B(2), 16, 4), (D(2), 20, 12), (R(1), 32, 4)],
        RXY_a => &[(R(1), 8, 4), (X, 12, 4), (B(2), 16, 4), (D20(2), 20, 12)],
        RXY_b => &[(M, 8, 4), (X, 12, 4), (B(2), 16, 4), (D20(2), 20, 12)],
        S => &[(B(2), 16, 4), (D(2), 20, 12)],
        SI => &[(Imm, 8, 8), (B(1), 16, 4), (D(1), 20, 12)],
        SIL => &[(B(1), 16, 4), (D(1), 20, 12), (Imm, 32, 16)],
        SIY => &[(Imm, 8, 8), (B(1), 16, 4), (D20(1), 20, 12)],
        SS_a => &[(L(1), 8, 8), (B(1), 16, 4), (D(1), 20, 12), (B(2), 32, 4), (D(2), 36, 12)],
        SS_b => &[(L(1), 8, 4), (L(2), 12, 4), (B(1), 16, 4), (D(1), 20, 12), (B(2), 32, 4), (D(2), 36, 12)],
        SS_c => &[(L(1), 8, 4), (Imm, 12, 4), (B(1), 16, 4), (D(1), 20, 12), (B(2), 32, 4), (D(2), 36, 12)],
        SS_d => &[(R(1), 8, 4), (R(3), 12, 4), (B(1), 16, 4), (D(1), 20, 12), (B(2), 32, 4), (D(2), 36, 12)],
        SS_e => &[(R(1), 8, 4), (R(3), 12, 4), (B(2), 16, 4), (D(2), 20, 12), (B(4), 32, 4), (D(4), 36, 12)],
        SS_f => &[(L(2), 8, 8), (B(1), 16, 4), (D(1), 20, 12), (B(2), 32, 4), (D(2), 36, 12)],
        SSE => &[(B(1), 16, 4), (D(1), 20, 12), (B(2), 32, 4), (D(2), 36, 12)],
        SSF => &[(R(3), 8, 4), (B(1), 16, 4), (D(1), 20, 12), (B(2), 32, 4), (D(2), 36, 12)],
        VRI_a => &[(V(0), 8, 4), (Imm, 16, 16), (M, 32, 4)],
        VRI_b => &[(V(0), 8, 4), (Imm, 16, 8), (Imm, 24, 8), (M, 32, 4)],
        VRI_c => &[(V(0), 8, 4), (V(1), 12, 4), (Imm, 16, 16), (M, 32, 4)],
        VRI_d => &[(V(0), 8, 4), (V(1), 12, 4), (V(2), 16, 4), (Imm, 24, 8), (M, 32, 4)],
        VRI_e => &[(V(0), 8, 4), (V(1), 12, 4), (Imm, 16, 12), (M, 28, 4), (M, 32, 4)],
        VRR_a => &[(V(0), 8, 4), (V(1), 12, 4), (M, 24, 4), (M, 28, 4), (M, 32, 4)],
        VRR_b => &[(V(0), 8, 4), (V(1), 12, 4), (V(2), 16, 4), (M, 24, 4), (M, 32, 4)],
        VRR_c => &[(V(0), 8, 4), (V(1), 12, 4), (V(2), 16, 4), (M, 24, 4), (M, 28, 4), (M, 32, 4)],
        VRR_d => &[(V(0), 8, 4), (V(1), 12, 4), (V(2), 16, 4), (M, 20, 4), (M, 24, 4), (V(3), 32, 4)],
        VRR_e => &[(V(0), 8, 4), (V(1), 12, 4), (V(2), 16, 4), (M, 20, 4), (M, 28, 4), (V(3), 32, 4)],
        VRR_f => &[(V(0), 8, 4), (R(2), 12, 4), (R(3), 16, 4)],
        VRS_a => &[(V(0), 8, 4), (V(1), 12, 4), (B(2), 16, 4), (D(2), 20, 12), (M, 32, 4)],
        VRS_b => &[(V(0), 8, 4), (R(3), 12, 4), (B(2), 16, 4), (D(2), 20, 12), (M, 32, 4)],
        VRS_c => &[(R(1), 8, 4), (V(1), 12, 4), (B(2), 16, 4), (D(2), 20, 12), (M, 32, 4)],
        VRV => &[(V(0), 8, 4), (V(1), 12, 4), (B(2), 16, 4), (D(2), 20, 12), (M, 32, 4)],
        VRX => &[(V(0), 8, 4), (X, 12, 4), (B(2), 16, 4), (D(2), 20, 12), (M, 32, 4)],
    }
}

/// Where a row's operand addresses (`B`/`X`/`D`) point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addr {
    /// Into the scratch window (the default).
    Window,
    /// Anywhere: the address is a number (`la`, shift counts).
    Any,
    /// At a landing pad after the instruction (branch targets).
    Pad,
}

/// Where a relative immediate points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelTo {
    /// A landing pad (relative branches).
    Pad,
    /// Into the window (relative loads/stores, `larl`).
    Window,
}

/// What the decode row's format leaves open, by mnemonic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Special {
    /// Register operands that name an even/odd pair (must be even).
    pub pairs: &'static [u8],
    /// `r1..r3` is a register range (wrapping), kept clear of the base register.
    pub range: bool,
    /// Register operands holding addresses into the window (`srst`, `mvst` ...).
    pub reg_addrs: &'static [u8],
    pub addr: Addr,
    pub rel: RelTo,
    /// Bytes the memory operand(s) may touch from their address (lengths in `L` fields are
    /// handled by the generator).
    pub span: u32,
    /// Operand addresses are multiples of this.
    pub align: u32,
    /// EXECUTE (`ex`, `exrl`): the target is a harness-chosen instruction in the body.
    pub execute: bool,
    /// The row's register operands are FPRs / VRs (load and dump them).
    pub fp: bool,
    pub vec: bool,
    /// Register operands naming an even/odd pair of address (into the window) and length
    /// (small): `mvcl`, `clcle`, `cksm`, `cu*` ... The lengths are 24-bit fields with
    /// random bits above (`len24`: `mvcl`, `clcl`) or whole 64-bit lengths.
    pub pair_mem: &'static [u8],
    pub len24: bool,
    /// Lengths of two-byte-character operands are even (`mvclu`, `clclu`).
    pub len_even: bool,
    /// Terminated-string operands: the character in r0, placed in the operand(s).
    pub term: Term,
    /// GPR 0 holds a function code (`csst`): a valid one.
    pub r0_csst: bool,
    /// GPR 1 holds a translation table's address (`tr**`): point it into the window.
    pub gr1_table: bool,
    /// Not generated, with the reason.
    pub skip: Option<&'static str>,
    /// Instruction bits forced to zero after generation: (first PoP bit, width).
    pub clear: &'static [(u32, u32)],
    /// The R1 register's bits 0:31 are zero (`sfasr`: qemu-s390x-static 7.2 aborts on a
    /// nonzero high word, an assertion on the DXC it derives from it).
    pub r1_low_word: bool,
    /// The FPC's IEEE masks are off (vector BFP rows: qemu-s390x-static 7.2 does not
    /// deliver the vector-processing exception and exits instead; bigiron's traps are
    /// covered by cpu-s390x/tests/vector_fp.rs).
    pub no_fpc_masks: bool,
}

/// Terminated-string instructions' operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    None,
    /// `srst`/`srstu`: r2 the start, r1 the end; characters of `unit` bytes.
    Search(u32),
    /// `mvst` (`cmp` false) / `clst` (true): r1 and r2 start addresses.
    Strings { cmp: bool },
}

const DEFAULT: Special = Special {
    pairs: &[],
    range: false,
    reg_addrs: &[],
    addr: Addr::Window,
    rel: RelTo::Window,
    span: 32,
    align: 1,
    execute: false,
    fp: false,
    vec: false,
    pair_mem: &[],
    len24: false,
    len_even: false,
    term: Term::None,
    r0_csst: false,
    gr1_table: false,
    skip: None,
    clear: &[],
    r1_low_word: false,
    no_fpc_masks: false,
};

/// The vector BFP rows (PoP ch. 24).
const VECTOR_BFP: &[&str] = &[
    "vfa", "vfs", "vfm", "vfd", "vfsq", "vfma", "vfms", "vfce", "vfch", "vfche", "wfc", "wfk", "vcdg", "vcdlg", "vcgd",
    "vclgd", "vfi", "vlde", "vled", "vfpso", "vftci",
];

/// Mnemonics whose first (r1) operand is an even/odd pair.
const PAIR1: &[&str] = &[
    "dr", "d", "dlr", "dl", "dlgr", "dlg", "dsgr", "dsg", "dsgfr", "dsgf", "mr", "m", "mfy", "mlr", "ml", "mlgr",
    "mlg", "mgrk", "mg", "slda", "srda", "sldl", "srdl", "cds", "cdsy", "cdsg", "lpq", "stpq", "mvcl", "clcl",
    "mvcle", "clcle", "mvclu", "clclu", "cu12", "cu14", "cu21", "cu24", "cu41", "cu42", "cuse", "tre", "troo", "trot",
    "trto", "trtt", "lpd", "lpdg", "cdsg",
    // wt-misc: FLOGR writes the pair R1, R1+1 (PoP ch. 7; odd R1 is a specification
    // exception) — unpaired, R1+1 could be the case's base register.
    "flogr",
];
/// ... and whose r2 / r3 operand is one.
const PAIR2: &[&str] = &[
    "mvcl", "clcl", "cksm", "cu12", "cu14", "cu21", "cu24", "cu41", "cu42", "cuse", "tre", "troo", "trot", "trto",
    "trtt", "kimd", "klmd", "kmac", "km", "kmc",
];
const PAIR3: &[&str] = &["mvcle", "clcle", "mvclu", "clclu", "cdsg", "cds", "cdsy", "lpd", "lpdg"];

/// The special knowledge for a row (defaults derived from its pipeline, then by mnemonic).
pub fn special(row: &Row) -> Special {
    let mn = row.mnemonic;
    let steps: Vec<&str> = row.steps.split(' ').collect();
    let mut s = DEFAULT;
    let branch = row.steps.contains("branch::");
    if branch {
        s.addr = Addr::Pad;
        s.rel = RelTo::Pad;
    }
    // Shift counts are addresses used as numbers.
    if steps.get(1).is_some_and(|t| t.starts_with("sh")) {
        s.addr = Addr::Any;
    }
    let fmt = format!("{:?}", row.format);
    s.vec = fmt.starts_with('V') || row.steps.contains("vector::") || steps.iter().any(|t| t.starts_with("v_"));
    s.fp = !s.vec && (row.steps.contains("bfp::") || steps.iter().any(|t| t.starts_with("f_")));
    s.no_fpc_masks = s.vec && VECTOR_BFP.contains(&mn);
    if PAIR1.contains(&mn) {
        s.pairs = &[1];
    }
    if PAIR2.contains(&mn) {
        s.pairs = if PAIR1.contains(&mn) { &[1, 2] } else { &[2] };
    }
    if PAIR3.contains(&mn) {
        s.pairs = if PAIR1.contains(&mn) { &[1, 3] } else { &[3] };
    }
    match mn {
        "la" | "lay" | "lae" | "laey" => s.addr = Addr::Any,
        "lm" | "lmy" | "lmg" | "lmh" | "stm" | "stmy" | "stmg" | "stmh" => {
            s.range = true;
            s.span = 128;
        }
        "vlm" | "vstm" => s.span = 256,
        "lam" | "lamy" | "stam" | "stamy" => s.span = 64,
        "cs" | "csy" | "laa" | "laal" | "lan" | "lao" | "lax" | "strl" | "lrl" | "lgfrl" | "llgfrl" => s.align = 4,
        "csg" | "cds" | "cdsy" | "laag" | "laalg" | "lang" | "laog" | "laxg" | "lgrl" | "stgrl" | "lpd" => {
            s.align = 8
        }
        "cdsg" | "lpq" | "stpq" | "lpdg" => s.align = 16,
        "lhrl" | "lghrl" | "llhrl" | "llghrl" | "sthrl" => s.align = 2,
        "ex" | "exrl" => s.execute = true,
        "srst" => s.term = Term::Search(1),
        "srstu" => s.term = Term::Search(2),
        "mvst" => s.term = Term::Strings { cmp: false },
        "clst" => s.term = Term::Strings { cmp: true },
        "cuse" => s.reg_addrs = &[1, 2],
        "mvcl" | "clcl" => {
            s.pair_mem = &[1, 2];
            s.len24 = true;
        }
        "mvcle" | "clcle" | "mvclu" | "clclu" => {
            s.pair_mem = &[1, 3];
            s.len_even = mn.ends_with('u');
            s.addr = Addr::Any; // the padding character
        }
        "cksm" => s.pair_mem = &[2],
        "cu12" | "cu14" | "cu21" | "cu24" | "cu41" | "cu42" => s.pair_mem = &[1, 2],
        "troo" | "trot" | "trto" | "trtt" => {
            // R1 pair: first operand and its length; R2: second operand; GR1: the table.
            s.pair_mem = &[1];
            s.reg_addrs = &[2];
            s.gr1_table = true;
            // With valid operands QEMU 7.2 runs into its 60 s timeout on some of them; with
            // random ones it faults with si_addr 0. Neither is a usable reference.
            s.skip = Some("qemu-s390x-static 7.2 hangs on some tr** operands; covered by cpu-s390x/tests");
        }
        "tre" => {
            s.pair_mem = &[1];
            s.reg_addrs = &[2];
        }
        "csst" => s.skip = Some("qemu-s390x-static 7.2 aborts (SIGABRT) on csst; covered by cpu-s390x/tests"),
        "svc" => s.skip = Some("system calls are the Linux user mode's tests' business"),
        "stck" | "stckf" | "stcke" => s.skip = Some("reads the clock"),
        _ => {}
    }
    // ---- wt-misc rows ----
    match mn {
        // The test-results flag T (I3 bit 0, instruction bit 16) off: QEMU 7.2 computes a
        // T = 1 result from an uninitialised TCG temporary (a CC unrelated to the operands,
        // and on some operands a "tcg fatal error" abort that ends the row's program).
        // T = 1 is covered by cpu-s390x/tests/logical.rs.
        "rnsbg" | "rosbg" | "rxsbg" => s.clear = &[(16, 1)],
        "sfasr" => s.r1_low_word = true,
        _ => {}
    }
    s
}

/// Condensed description for `difftest --list`.
pub fn describe(row: &Row) -> String {
    let s = special(row);
    if let Some(why) = s.skip {
        return format!("skip: {why}");
    }
    let mut v = vec![format!("{:?}", row.format)];
    if s.fp {
        v.push("fp".into());
    }
    if s.vec {
        v.push("vec".into());
    }
    if s.addr != Addr::Window {
        v.push(format!("addr {:?}", s.addr));
    }
    if !s.pairs.is_empty() {
        v.push(format!("pairs {:?}", s.pairs));
    }
    if !s.pair_mem.is_empty() {
        v.push(format!("pair-mem {:?}", s.pair_mem));
    }
    if s.term != Term::None {
        v.push(format!("{:?}", s.term));
    }
    if s.range {
        v.push("range".into());
    }
    if s.execute {
        v.push("execute".into());
    }
    if s.align > 1 {
        v.push(format!("align {}", s.align));
    }
    if !s.clear.is_empty() {
        v.push(format!("clear {:?}", s.clear));
    }
    if s.r1_low_word {
        v.push("r1-low-word".into());
    }
    if s.no_fpc_masks {
        v.push("no-fpc-masks".into());
    }
    v.join(" ")
}
