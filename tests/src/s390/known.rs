//! Known and explained mismatches between the emulator and QEMU for s390x.
//!
//! The table is `tests/difftest-known-s390x.tsv` (same `mnemonic <TAB> predicate <TAB> note`
//! format as ppc64's, parsed by [`crate::known::parse_table`]); a mismatching case is
//! explained only if every differing field is allowed by one of its mnemonic's predicates.
//! Each predicate encodes exactly what the PoP leaves open (or where QEMU 7.2 is known to
//! differ from the PoP), so an emulator that agrees with QEMU never needs the table.

use super::diff::{Field, FieldDiff};
use super::prog::Case;
use crate::known::Known;

pub const TABLE: &str = include_str!("../../difftest-known-s390x.tsv");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pred {
    /// The case took a program interruption under both: the PSW address and si_addr the
    /// signal reports may differ (Linux reports the address after the instruction for some
    /// exception classes and at it for others; QEMU's choice is not the PoP's business).
    SignalAddress,
    /// `epsw`: PSW bits 0:17 (system mask, key, M/W/P, address-space control) are the
    /// operating system's; Linux runs user code with DAT, I/O, external and machine-check
    /// interruptions enabled in the problem state, QEMU 7.2's user mode keeps them zero.
    /// Allowed: bits 32:49 of R1 (PSW bits 0:17), and bits 50:51 (the CC) when the emulator's
    /// is the case's CC and QEMU's is not; program mask and EA/BA still compared.
    PeerEpswSystemMask,
    /// `ecag`: the cache topology is the CPU model's (bigiron reports z13's, QEMU all ones).
    /// Allowed: R1.
    CpuModelResult,
    /// `mvcle`/`mvclu`/`clcle`/`clclu` may stop after a CPU-determined number of bytes with
    /// CC 3 (PoP ch. 7); QEMU 7.2 stops early at points bigiron does not. Allowed, only when
    /// the peer's CC is 3: CC, the four operand registers and the window.
    PeerPartialCc3,
    /// Fixed-point overflow with the program mask's fixed-point-overflow bit set: the PoP
    /// completes the operation and then interrupts (SIGFPE, FPE_INTOVF); QEMU 7.2's user mode
    /// never raises it. Allowed: only the signal record (signal, si_code, si_addr, PSW), when
    /// the mask bit is set, the emulator took SIGFPE and the peer no signal — the results
    /// (registers, CC) are still compared, the PoP having the operation completed.
    PeerNoFixedOverflowTrap,
    /// `stfle`: facility bits describe the CPU model; the emulator and QEMU's `max` model
    /// differ. Allowed: the stored facility list (window memory) and GPR 0's count.
    FacilityList,
    // ---- binary floating point (wt-fp): QEMU 7.2 deviations from PoP ch. 9 / 19 / 24 ----
    /// A completing IEEE trap (overflow, underflow, inexact with its FPC mask one: PoP
    /// "IEEE Exceptions", the result — scaled for overflow/underflow — and the CC are
    /// delivered, then the data exception): QEMU 7.2 raises the exception before writing
    /// them, and never reports "incremented" (DXC bit 5, 0x04). Allowed, when both took the
    /// same signal and an overflow/underflow/inexact mask is one: the result register(s) and
    /// the CC where the peer's is the initial value, and a DXC differing only in bits 4:5
    /// whose class (overflow / underflow / inexact) is a trap the masks enable.
    PeerIeeeTrapSuppressed,
    /// An exact tiny result with the underflow mask one is an underflow trap (PoP "IEEE
    /// Underflow": with the mask one, tininess alone is the condition); QEMU 7.2 only
    /// recognises inexact underflows. Allowed, when the emulator took SIGFPE with DXC 0x10
    /// and the peer none: the signal record, the DXC, and the result register where the
    /// emulator's value is the peer's scaled by 2^alpha (PoP "Scaled Value").
    PeerNoExactUnderflowTrap,
    /// MDEB(R) / MXDB(R): QEMU 7.2 reads operand 1 in the product's format (the whole FPR /
    /// the FPR pair) instead of the operand format. Allowed: the result register(s), FPC
    /// flags/DXC and the signal record, when the peer's result is what that reading gives
    /// (recomputed here) or its initial value (a trap).
    PeerMulLongOp1Width,
    /// LOAD AND TEST of an SNaN: an invalid operation, the result the quieted SNaN (PoP
    /// "LOAD AND TEST"); QEMU 7.2 copies it. Allowed only for an SNaN operand 2: R1, the FPC
    /// (flag I / DXC) and the signal record.
    PeerLtSnan,
    /// MULTIPLY AND ADD/SUBTRACT with two or three NaN operands: the PoP's precedence is
    /// operand 3, 2, 1 (SNaNs before QNaNs); QEMU 7.2 takes the first NaN of operands 2, 3,
    /// 1, SNaN or not. Allowed: R1, when the peer's result is exactly that NaN quieted.
    PeerFmaNanOrder,
    /// MULTIPLY AND ADD/SUBTRACT with operands 2 and 3 an infinity and a zero and operand 1 a
    /// NaN: the PoP makes ∞ × 0 an invalid operation with the default NaN whatever operand 1
    /// is (QEMU upstream models s390x so since 2024); QEMU 7.2 returns operand 1 (quieted)
    /// and signals nothing for a QNaN. Allowed, only for such operands: R1 where the
    /// emulator's is the default NaN and the peer's operand 1 quieted, FPC flag I / DXC, and
    /// the signal record (the emulator's invalid-operation trap).
    PeerFmaInfZeroNan,
    /// LDXBR/LEXBR: R1 must designate a valid FPR pair (PoP "LOAD ROUNDED": on an
    /// overflow/underflow trap the result fills the pair); QEMU 7.2 does not check it.
    /// Allowed, when R1 names an invalid pair (bit 2 set) and the emulator took the
    /// specification exception with every FPR and the FPC unchanged: everything the peer did
    /// (including an IEEE trap).
    PeerNoLoadRoundedR1PairCheck,
    /// CONVERT TO FIXED / LOGICAL of a NaN or an out-of-range value: invalid operation, and
    /// with it the inexact exception (PoP ch. 19 "CONVERT TO FIXED" results figure). QEMU 7.2
    /// leaves inexact out for NaNs (flag bit 12; no inexact trap) and reports DXC 0x88 (si_code
    /// 0) for a trapping invalid operation where the PoP has 0x80. Allowed only when the
    /// conversion is invalid: FPC flag X / DXC bit 4, si_code with that DXC, and the signal
    /// record of the emulator's inexact trap (DXC 0x08) the peer did not take.
    PeerCvtInvalidInexact,
    /// DIVIDE TO INTEGER (DIEBR, DIDBR): QEMU 7.2 does not implement it (operation exception,
    /// SIGILL ILL_ILLOPC). Allowed, when the peer's si_code is ILL_ILLOPC: every field.
    PeerNoDivideToInteger,
    /// An instruction of the z13 model that QEMU 7.2's user mode does not implement
    /// (`CUSE`, `TRTE`, `TRTRE`): the peer takes the operation exception (SIGILL
    /// ILL_ILLOPC) on every case. Allowed, when the peer's signal is that: every field.
    /// bigiron's results are covered by cpu-s390x/tests/storage_ops_ext.rs.
    PeerUnimplemented,
    /// Vector BFP with a format other than long (VLDE: short): the emulator models z13, whose
    /// PoP makes it a specification exception; the short and extended formats belong to the
    /// vector-enhancements facilities 1 and 2 (z14, z15), which QEMU's `max` model has.
    /// Allowed, when the format field names another format and the emulator took SIGILL
    /// ILL_ILLOPN with V1 unchanged: everything the peer did; likewise every field of
    /// VFCE/VFCH/VFCHE with M5 bit 1 (SQ, signal on QNaN) set.
    CpuModelVectorFormat,
    /// VCDG/VCDLG/VCGD/VCLGD/VFI/VLED with XxC (M4 bit 1): the inexact exception is
    /// suppressed — no trap and no flag (PoP ch. 24 "IEEE-inexact-exception control");
    /// QEMU 7.2 still sets the flag. Allowed: the FPC when it differs only by the peer's
    /// flag X and XxC is one.
    PeerVectorXxcFlag,
    // ---- wt-misc rows ----
    /// `stmh`: QEMU 7.2 shifts each register LEFT by 32 before its 32-bit store, so it stores
    /// zeros where the PoP stores bits 0:31 of R1..R3. Allowed: window words the peer left
    /// zero where the emulator's word is bits 0:31 of one of the registers R1..R3.
    PeerStmhZero,
    /// `vcksm`: QEMU 7.2's TCG `add2` overwrites an input before it is read (the low sum
    /// lands in the register the carry add still reads), so each step computes
    /// `sum + (sum + w) + carry` instead of the end-around-carry `sum + w + carry`. Allowed:
    /// V1, only when the emulator's is the PoP's checksum and the peer's that formula.
    PeerVcksmAdd2,
    /// `vllez` with M3 = 6 (left-aligned word): defined by the vector-enhancements facility 1
    /// (z14), which QEMU's `max` model has and bigiron's z13 model does not (stfle bit 135
    /// off), so bigiron takes the specification exception. Allowed, only for M3 = 6 and
    /// SIGILL/ILL_ILLOPN under the emulator with no signal under the peer: the signal
    /// record and V1.
    PeerModelVef1,
    /// A storage fault at an address that is not canonical on an x86-64 host (bits 47:63 not
    /// all equal; e.g. a `vgeg` element address that is a random doubleword): the host
    /// reports a general-protection fault with no address, so QEMU's si_addr is 0, where
    /// Linux on s390x reports the page of the failing address (arch/s390/mm/fault.c).
    /// Allowed: si_addr only, when the peer's is 0, the emulator's non-canonical and the
    /// signals agree.
    PeerNoncanonicalSiAddr,
    /// `mvcle`/`mvclu` with destructive overlap (the first operand starts inside the second,
    /// `0 < R1 - R3 < min(len1, len2)`): unlike MOVE LONG, MOVE LONG EXTENDED/UNICODE do not
    /// test for it, and the bytes of the first operand that are moved from an already
    /// overwritten source byte are the implementation's (bigiron moves byte after byte as MVC
    /// does; QEMU 7.2 and Hercules move a page at a time with memmove / their own copy).
    /// Allowed: window bytes of the first operand from `dst + (dst - src)` to `dst + min(len1,
    /// len2)`, only where bigiron's byte is the byte-after-byte result (recomputed here from
    /// the initial window).
    DestructiveOverlapMove,
    /// `cu12`/`cu14` with the well-formedness check (M3 bit 3, W): QEMU 7.2 rejects three-byte
    /// UTF-8 characters below U+1000 (`E0 A0..BF 80..BF`, U+0800..U+0FFF) as invalid (CC 2);
    /// the PoP's well-formed three-byte forms start at U+0800 (first byte E0, second A0..BF).
    /// Allowed, only when the peer stopped at such a character and bigiron went past it: the
    /// four operand registers, the CC where the peer's is 2, and the window bytes from the
    /// peer's final first-operand address up to bigiron's.
    PeerUtf8ThreeByteMin,
}

impl Pred {
    pub fn parse(s: &str) -> Option<Pred> {
        Some(match s {
            "signal_address" => Pred::SignalAddress,
            "facility_list" => Pred::FacilityList,
            "peer_ieee_trap_suppressed" => Pred::PeerIeeeTrapSuppressed,
            "peer_no_exact_underflow_trap" => Pred::PeerNoExactUnderflowTrap,
            "peer_mul_long_op1_width" => Pred::PeerMulLongOp1Width,
            "peer_lt_snan" => Pred::PeerLtSnan,
            "peer_fma_nan_order" => Pred::PeerFmaNanOrder,
            "peer_fma_inf_zero_nan" => Pred::PeerFmaInfZeroNan,
            "peer_no_load_rounded_r1_pair_check" => Pred::PeerNoLoadRoundedR1PairCheck,
            "peer_cvt_invalid_inexact" => Pred::PeerCvtInvalidInexact,
            "peer_no_divide_to_integer" => Pred::PeerNoDivideToInteger,
            "peer_unimplemented" => Pred::PeerUnimplemented,
            "cpu_model_vector_format" => Pred::CpuModelVectorFormat,
            "peer_vector_xxc_flag" => Pred::PeerVectorXxcFlag,
            "peer_no_fixed_overflow_trap" => Pred::PeerNoFixedOverflowTrap,
            "peer_epsw_system_mask" => Pred::PeerEpswSystemMask,
            "cpu_model_result" => Pred::CpuModelResult,
            "peer_partial_cc3" => Pred::PeerPartialCc3,
            "peer_stmh_zero" => Pred::PeerStmhZero,
            "peer_vcksm_add2" => Pred::PeerVcksmAdd2,
            "peer_model_vef1" => Pred::PeerModelVef1,
            "peer_noncanonical_si_addr" => Pred::PeerNoncanonicalSiAddr,
            "destructive_overlap_move" => Pred::DestructiveOverlapMove,
            "peer_utf8_three_byte_min" => Pred::PeerUtf8ThreeByteMin,
            _ => return None,
        })
    }
}

pub fn table() -> Vec<Known<Pred>> {
    crate::known::parse_table(TABLE, Pred::parse).unwrap_or_else(|e| panic!("difftest-known-s390x.tsv: {e}"))
}

/// `@all` applies to every row.
pub fn preds_for<'a>(table: &'a [Known<Pred>], mnemonic: &str) -> Vec<&'a Known<Pred>> {
    table.iter().filter(|k| k.mnemonic == mnemonic || k.mnemonic == "@all").collect()
}

pub fn explains(preds: &[&Known<Pred>], case: &Case, diffs: &[FieldDiff]) -> bool {
    !preds.is_empty() && diffs.iter().all(|d| preds.iter().any(|k| allowed(k.pred, case, diffs, d)))
}

/// Register operand `n` of the instruction under test (by the harness's format table).
fn reg(case: &Case, n: u8) -> Option<u32> {
    let (w, _) = super::asm::fetch(&case.body[case.under_test..]);
    let row = cpu_s390x::decode::lookup(w)?;
    let &(_, at, len) = super::spec::fields(row.format).iter().find(|f| f.0 == super::spec::K::R(n))?;
    Some(super::asm::get(w, at, len) as u32)
}

fn allowed(p: Pred, case: &Case, diffs: &[FieldDiff], d: &FieldDiff) -> bool {
    match p {
        Pred::PeerEpswSystemMask => {
            // Also the CC (PSW bits 18:19) when the emulator's is the case's: QEMU 7.2's
            // `epsw` leaves it 0 (the PoP extracts the current CC).
            let cc_ok = (d.emu >> 12 & 3) as u8 == case.init.cc;
            let allowed: u128 = if cc_ok { 0xffff_f000 } else { 0xffff_c000 };
            d.field == Field::Gpr(reg(case, 1).unwrap_or(99)) && (d.emu ^ d.peer) & !allowed == 0
        }
        Pred::PeerNoFixedOverflowTrap => {
            let sig = diffs.iter().any(|x| x.field == Field::Signal && x.emu == 8 && x.peer == 0);
            sig && case.init.pm & 8 != 0 && matches!(d.field, Field::Signal | Field::SiCode | Field::SiAddr | Field::Psw)
        }
        Pred::CpuModelResult => d.field == Field::Gpr(reg(case, 1).unwrap_or(99)),
        Pred::PeerPartialCc3 => {
            let peer_cc3 = diffs.iter().any(|x| x.field == Field::Cc && x.peer == 3);
            let regs: Vec<Field> = [reg(case, 1), reg(case, 3)]
                .into_iter()
                .flatten()
                .flat_map(|r| [Field::Gpr(r), Field::Gpr(r + 1)])
                .collect();
            peer_cc3 && (d.field == Field::Cc || matches!(d.field, Field::Mem(_)) || regs.contains(&d.field))
        }
        Pred::SignalAddress => {
            matches!(d.field, Field::Psw | Field::SiAddr) && !diffs.iter().any(|x| x.field == Field::Signal)
        }
        Pred::FacilityList => matches!(d.field, Field::Mem(_) | Field::Gpr(0)),
        Pred::PeerStmhZero => {
            let (Some(r1), Some(r3), Some(ea), Field::Mem(o)) = (reg(case, 1), reg(case, 3), rsy_addr(case), d.field) else {
                return false;
            };
            let n = (r3 + 16 - r1) % 16 + 1;
            // The bytes the PoP stores: bits 0:31 of R1..R3, from the operand address on.
            let stored: Vec<u8> =
                (0..n).flat_map(|i| ((case.init.gpr[((r1 + i) % 16) as usize] >> 32) as u32).to_be_bytes()).collect();
            // The window of the case's record (records are 4K-aligned, the window at +0x400).
            let win = (ea & !0xfff) + super::prog::WIN_OFF as u64;
            (0..8).all(|k| {
                let (e, p) = ((d.emu >> (56 - 8 * k)) as u8, (d.peer >> (56 - 8 * k)) as u8);
                let at = (win + (o + k) as u64).wrapping_sub(ea);
                e == p || (p == 0 && stored.get(at as usize) == Some(&e))
            })
        }
        Pred::PeerVcksmAdd2 => {
            let (v1, v2, v3) = (vreg(case, 8, 36), vreg(case, 12, 37), vreg(case, 16, 38));
            let (pop, qemu) = vcksm(case.init.vr[v2 as usize], case.init.vr[v3 as usize]);
            d.field == Field::Vr(v1) && d.emu == pop && d.peer == qemu
        }
        Pred::PeerModelVef1 => {
            let (w, _) = super::asm::fetch(&case.body[case.under_test..]);
            let m3_left_word = super::asm::get(w, 32, 4) == 6;
            let spec = diffs.iter().any(|x| x.field == Field::Signal && x.emu == 4 && x.peer == 0)
                && diffs.iter().any(|x| x.field == Field::SiCode && x.emu == 2);
            m3_left_word
                && spec
                && (matches!(d.field, Field::Signal | Field::SiCode | Field::SiAddr | Field::Psw)
                    || d.field == Field::Vr(vreg(case, 8, 36)))
        }
        Pred::PeerNoncanonicalSiAddr => {
            let top = (d.emu as u64) >> 47;
            d.field == Field::SiAddr
                && d.peer == 0
                && top != 0
                && top != (1 << 17) - 1
                && !diffs.iter().any(|x| x.field == Field::Signal)
        }
        Pred::DestructiveOverlapMove => destructive_overlap_move(case, d),
        Pred::PeerUtf8ThreeByteMin => peer_utf8_three_byte_min(case, diffs, d),
        p => fp::allowed(p, case, diffs, d),
    }
}

/// The window's address for an operand address inside it (records are 4K-aligned, the window
/// at +0x400).
fn window_of(addr: u64) -> u64 {
    (addr & !0xfff) + super::prog::WIN_OFF as u64
}

/// The bytes of a mismatching window doubleword, emulator's and peer's, with their addresses.
fn bytes_of(d: &FieldDiff, win: u64) -> Option<impl Iterator<Item = (u64, u8, u8)> + '_> {
    let Field::Mem(o) = d.field else { return None };
    Some((0..8).map(move |k| (win + (o + k) as u64, (d.emu >> (56 - 8 * k)) as u8, (d.peer >> (56 - 8 * k)) as u8)))
}

fn destructive_overlap_move(case: &Case, d: &FieldDiff) -> bool {
    let (Some(r1), Some(r3)) = (reg(case, 1), reg(case, 3)) else { return false };
    let g = &case.init.gpr;
    let (dst, src) = (g[r1 as usize], g[r3 as usize]);
    let m = g[(r1 + 1) as usize].min(g[(r3 + 1) as usize]);
    let dist = dst.wrapping_sub(src);
    if dist == 0 || dist >= m {
        return false;
    }
    let win = window_of(dst);
    // Byte after byte, as MVC: each source byte read after the earlier stores.
    let mut mem = case.window;
    let at = |a: u64| a.checked_sub(win).filter(|&i| i < super::prog::WINDOW as u64).map(|i| i as usize);
    let moved = m.min(super::prog::WINDOW as u64);
    for i in 0..moved {
        let (Some(s), Some(t)) = (at(src + i), at(dst + i)) else { break };
        mem[t] = mem[s];
    }
    let Some(mut bytes) = bytes_of(d, win) else { return false };
    bytes.all(|(a, e, p)| e == p || (a >= dst + dist && a - dst < m && at(a).is_some_and(|i| mem[i] == e)))
}

fn peer_utf8_three_byte_min(case: &Case, diffs: &[FieldDiff], d: &FieldDiff) -> bool {
    let (w, _) = super::asm::fetch(&case.body[case.under_test..]);
    let (Some(r1), Some(r2)) = (reg(case, 1), reg(case, 2)) else { return false };
    let find = |f: Field| diffs.iter().find(|x| x.field == f);
    let Some(src) = find(Field::Gpr(r2)) else { return false };
    let (peer_src, emu_src) = (src.peer as u64, src.emu as u64);
    let win = window_of(case.init.gpr[r2 as usize]);
    let byte = |a: u64| a.checked_sub(win).and_then(|i| case.window.get(i as usize)).copied();
    let stopped_at_low_three_byte = super::asm::get(w, 16, 4) & 1 == 1
        && emu_src > peer_src
        && byte(peer_src) == Some(0xe0)
        && byte(peer_src + 1).is_some_and(|b| (0xa0..=0xbf).contains(&b))
        && byte(peer_src + 2).is_some_and(|b| (0x80..=0xbf).contains(&b));
    if !stopped_at_low_three_byte {
        return false;
    }
    match d.field {
        Field::Gpr(r) => [r1, r1 + 1, r2, r2 + 1].contains(&r),
        Field::Cc => d.peer == 2,
        Field::Mem(_) => {
            let Some(dst) = find(Field::Gpr(r1)) else { return false };
            let (from, to) = (dst.peer as u64, dst.emu as u64);
            bytes_of(d, window_of(from)).is_some_and(|mut b| b.all(|(a, e, p)| e == p || (from..to).contains(&a)))
        }
        _ => false,
    }
}

/// The binary-floating-point predicates (wt-fp).
mod fp {
    use super::super::diff::{Field, FieldDiff};
    use super::super::prog::{Case, WIN_OFF, WINDOW};
    use super::super::spec::{self, K};
    use super::Pred;
    use cpu_s390x::bfp_helpers as bh;
    use jit::softfp::{self as sf, Fmt, F128, F32, F64};

    const SIGILL: u128 = 4;
    const SIGFPE: u128 = 8;
    const ILL_ILLOPC: u128 = 1;
    const ILL_ILLOPN: u128 = 2;

    /// The instruction under test, its mnemonic and a field reader.
    struct Insn {
        w: u64,
        mn: &'static str,
        flds: &'static [spec::Fld],
    }

    impl Insn {
        fn of(case: &Case) -> Option<Insn> {
            let (w, _) = super::super::asm::fetch(&case.body[case.under_test..]);
            let row = cpu_s390x::decode::lookup(w)?;
            Some(Insn { w, mn: row.mnemonic, flds: spec::fields(row.format) })
        }
        fn get(&self, k: K) -> Option<u32> {
            let &(_, at, len) = self.flds.iter().find(|f| f.0 == k)?;
            Some(super::super::asm::get(self.w, at, len) as u32)
        }
        /// The field at PoP bits `at..at+4`.
        fn nib(&self, at: u32) -> u32 {
            super::super::asm::get(self.w, at, 4) as u32
        }
    }

    fn fmt_of(c: u8) -> Option<Fmt> {
        match c {
            b'e' => Some(F32),
            b'd' => Some(F64),
            b'x' => Some(F128),
            _ => None,
        }
    }

    /// Where a BFP row's result goes.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Loc {
        Fpr(Fmt),
        Gpr,
    }

    /// (operand format, result) of the BFP rows the predicates cover.
    fn shape(mn: &str) -> Option<(Fmt, Loc)> {
        let b = mn.as_bytes();
        Some(match mn {
            "mdebr" | "mdeb" => (F32, Loc::Fpr(F64)),
            "mxdbr" | "mxdb" => (F64, Loc::Fpr(F128)),
            "ledbr" => (F64, Loc::Fpr(F32)),
            // The result is long / short, but a trap's result fills the R1 pair.
            "ldxbr" | "lexbr" => (F128, Loc::Fpr(F128)),
            "cefbr" | "cegbr" | "celfbr" | "celgbr" => (F32, Loc::Fpr(F32)),
            "cdgbr" | "cdlgbr" => (F64, Loc::Fpr(F64)),
            _ if mn.starts_with("cf") || mn.starts_with("cg") => (fmt_of(b[2])?, Loc::Gpr),
            _ if mn.starts_with("clf") || mn.starts_with("clg") => (fmt_of(b[3])?, Loc::Gpr),
            _ => {
                // a/s/m/d/sq/ma/ms/lt/fi + e|d|x + b[r]
                let stem = mn.strip_suffix('r').unwrap_or(mn).strip_suffix('b')?;
                let f = fmt_of(*stem.as_bytes().last()?)?;
                let f = if stem.ends_with("mee") { F32 } else { f };
                (f, Loc::Fpr(f))
            }
        })
    }

    fn fpr(case: &Case, n: u32) -> u64 {
        (case.init.vr[n as usize & 15] >> 64) as u64
    }

    /// A value of format `f` held in FPR `r` (and `r + 2`) of the initial state.
    fn fpr_val(case: &Case, f: Fmt, r: u32) -> u128 {
        match f.ebits {
            8 => (fpr(case, r) >> 32) as u128,
            11 => fpr(case, r) as u128,
            _ => (fpr(case, r) as u128) << 64 | fpr(case, r + 2) as u128,
        }
    }

    /// The storage operand 2 (`bytes` long) of an RX-type instruction: the generator puts
    /// it in the case's window, whose address is the record's (page aligned) + WIN_OFF.
    fn mem_op2(case: &Case, i: &Insn, bytes: usize) -> Option<u64> {
        let reg = |k: K| i.get(k).map(|r| if r == 0 { 0 } else { case.init.gpr[r as usize] }).unwrap_or(0);
        let addr = reg(K::X).wrapping_add(reg(K::B(2))).wrapping_add(i.get(K::D(2))? as u64);
        let off = (addr & 0xfff).checked_sub(WIN_OFF as u64)? as usize;
        let b = case.window.get(off..off + bytes).filter(|_| off + bytes <= WINDOW)?;
        Some(b.iter().fold(0u64, |a, &x| a << 8 | x as u64))
    }

    /// Operand 2 of format `f`: FPR R2 (pair) or storage.
    fn op2(case: &Case, i: &Insn, f: Fmt) -> Option<u128> {
        match i.get(K::R(2)) {
            Some(r2) => Some(fpr_val(case, f, r2)),
            None => mem_op2(case, i, if f.ebits == 8 { 4 } else { 8 }).map(|v| v as u128),
        }
    }

    fn diff_of(diffs: &[FieldDiff], f: Field) -> Option<&FieldDiff> {
        diffs.iter().find(|x| x.field == f)
    }

    fn dxc(v: u128) -> u32 {
        (v as u32 >> 8) & 0xff
    }

    fn is_signal_field(f: Field) -> bool {
        matches!(f, Field::Signal | Field::SiCode | Field::SiAddr | Field::Psw)
    }

    /// The FPRs a result of `loc` occupies.
    fn result_fprs(loc: Loc, r1: u32) -> Vec<u32> {
        match loc {
            Loc::Fpr(f) if f.ebits == 15 => vec![r1, r1 + 2],
            Loc::Fpr(_) => vec![r1],
            Loc::Gpr => vec![],
        }
    }

    /// A finite nonzero value as (sign, odd significand, exponent).
    fn decomp(f: Fmt, x: u128) -> Option<(bool, u128, i32)> {
        let e = f.exp_field(x);
        if f.is_nan(x) || f.is_inf(x) || f.is_zero(x) {
            return None;
        }
        let fr = x & f.frac_mask();
        let (m, ex) = if e == 0 { (fr, f.emin() - f.fbits as i32) } else { (fr | 1 << f.fbits, e - f.bias() - f.fbits as i32) };
        let tz = m.trailing_zeros();
        Some((f.is_neg(x), m >> tz, ex + tz as i32))
    }

    pub(super) fn allowed(p: Pred, case: &Case, diffs: &[FieldDiff], d: &FieldDiff) -> bool {
        let Some(i) = Insn::of(case) else { return false };
        let r1 = i.get(K::R(1)).unwrap_or(99);
        match p {
            Pred::PeerIeeeTrapSuppressed => {
                let Some((_, loc)) = shape(i.mn) else { return false };
                let masks = case.init.fpc >> 24 & 0x38;
                if masks == 0 || diff_of(diffs, Field::Signal).is_some() {
                    return false;
                }
                match d.field {
                    Field::Cc => d.peer == case.init.cc as u128,
                    Field::Fpc => {
                        let (e, p) = (dxc(d.emu), dxc(d.peer));
                        let class = e & 0x30;
                        let enabled = if class != 0 { class & masks != 0 } else { e & 0x08 != 0 && masks & 0x08 != 0 };
                        (d.emu ^ d.peer) & !0xff00 == 0 && e & 0xc3 == 0 && enabled && p & 0x04 == 0 && p & !0x0c == e & !0x0c
                    }
                    Field::Vr(n) => result_fprs(loc, r1).contains(&n) && (d.peer >> 64) as u64 == fpr(case, n),
                    Field::Gpr(n) => loc == Loc::Gpr && n == r1 && d.peer as u64 == case.init.gpr[n as usize & 15],
                    _ => false,
                }
            }
            Pred::PeerNoExactUnderflowTrap => {
                let Some((_, loc)) = shape(i.mn) else { return false };
                let sig = diff_of(diffs, Field::Signal).is_some_and(|x| x.emu == SIGFPE && x.peer == 0);
                let fpc_ok = diff_of(diffs, Field::Fpc)
                    .is_some_and(|x| (x.emu ^ x.peer) & !0xff00 == 0 && dxc(x.emu) == 0x10 && dxc(x.peer) == 0);
                if !sig || !fpc_ok || case.init.fpc & bh::fpc::MASK_U == 0 {
                    return false;
                }
                match d.field {
                    f if is_signal_field(f) || f == Field::Fpc => true,
                    Field::Vr(n) if result_fprs(loc, r1).contains(&n) => match loc {
                        // The emulator's value is the peer's × 2^alpha.
                        Loc::Fpr(f) if f.ebits < 15 => {
                            let v = |x: u128| if f.ebits == 8 { x >> 96 } else { x >> 64 };
                            match (decomp(f, v(d.emu)), decomp(f, v(d.peer))) {
                                (Some(a), Some(b)) => a.0 == b.0 && a.1 == b.1 && a.2 == b.2 + f.alpha,
                                _ => false,
                            }
                        }
                        // Extended: the peer's is tiny (exponent field 0), the emulator's not.
                        _ => (d.peer >> 112) & 0x7fff == 0 && (d.emu >> 112) & 0x7fff != 0 || n != r1,
                    },
                    _ => false,
                }
            }
            Pred::PeerMulLongOp1Width => {
                let Some((f, Loc::Fpr(t))) = shape(i.mn) else { return false };
                let Some(b) = op2(case, &i, f) else { return false };
                let env = bh::env(case.init.fpc, bh::fpc_rn(case.init.fpc));
                // The peer: operand 1 read as `t`, and (as everywhere in QEMU 7.2) neither a
                // scaled trap result nor an exact underflow; the PoP: operand 1 of format `f`
                // widened.
                let untrapped = bh::env(case.init.fpc & !(bh::fpc::MASK_O | bh::fpc::MASK_U), env.rn);
                // QEMU lengthens operand 2 first, quieting an SNaN (invalid) before the product.
                let b_t = sf::convert(f, t, b, untrapped);
                let mut q = sf::mul(t, fpr_val(case, t, r1), b_t.bits, untrapped);
                q.fl.invalid |= b_t.fl.invalid;
                let e = sf::mul(t, sf::widen_raw(f, t, fpr_val(case, f, r1)), sf::widen_raw(f, t, b), env);
                let traps = |r: &sf::Res| bh::ieee_status(case.init.fpc, r.fl, false).0.is_some();
                match d.field {
                    Field::Fpc => (d.emu ^ d.peer) & !0x00ff_ff00 == 0,
                    f if is_signal_field(f) => traps(&q) != traps(&e),
                    Field::Vr(n) if result_fprs(Loc::Fpr(t), r1).contains(&n) => {
                        let hi = n == r1;
                        let want = if t.ebits == 15 { if hi { (q.bits >> 64) as u64 } else { q.bits as u64 } } else { q.bits as u64 };
                        let p = (d.peer >> 64) as u64;
                        p == want || (traps(&q) && p == fpr(case, n))
                    }
                    _ => false,
                }
            }
            Pred::PeerLtSnan => {
                let Some((f, loc)) = shape(i.mn) else { return false };
                let Some(r2) = i.get(K::R(2)) else { return false };
                if !f.is_snan(fpr_val(case, f, r2)) {
                    return false;
                }
                match d.field {
                    Field::Fpc => (d.emu ^ d.peer) & !(bh::fpc::FLAG_I as u128 | 0xff00) == 0,
                    Field::Cc => true,
                    Field::Vr(n) => result_fprs(loc, r1).contains(&n),
                    f => is_signal_field(f),
                }
            }
            Pred::PeerFmaNanOrder => {
                let Some((f, _)) = shape(i.mn) else { return false };
                let (Some(r3), Some(b)) = (i.get(K::R(3)), op2(case, &i, f)) else { return false };
                let c3 = fpr_val(case, f, r3);
                let v = |x: u128| if f.ebits == 8 { x >> 96 } else { x >> 64 };
                // QEMU 7.2: the first NaN of operands 2, 3, 1, SNaN or not, quieted.
                let peer_pick = [b, c3, fpr_val(case, f, r1)].into_iter().find(|&x| f.is_nan(x));
                d.field == Field::Vr(r1) && peer_pick.is_some_and(|n| v(d.peer) == n | f.quiet()) && v(d.emu) != v(d.peer)
            }
            Pred::PeerFmaInfZeroNan => {
                let Some((f, _)) = shape(i.mn) else { return false };
                let (Some(r3), Some(b)) = (i.get(K::R(3)), op2(case, &i, f)) else { return false };
                let (c3, a1) = (fpr_val(case, f, r3), fpr_val(case, f, r1));
                let imz = (f.is_inf(b) && f.is_zero(c3)) || (f.is_zero(b) && f.is_inf(c3));
                if !imz || !f.is_nan(a1) {
                    return false;
                }
                let shift = if f.ebits == 8 { 96 } else { 64 };
                let (v, rest) = (|x: u128| x >> shift, |x: u128| x & ((1u128 << shift) - 1));
                match d.field {
                    Field::Vr(n) => {
                        n == r1 && v(d.emu) == f.default_nan() && v(d.peer) == a1 | f.quiet() && rest(d.emu) == rest(d.peer)
                    }
                    Field::Fpc => (d.emu ^ d.peer) & !(bh::fpc::FLAG_I as u128 | 0xff00) == 0,
                    f => is_signal_field(f),
                }
            }
            Pred::PeerNoLoadRoundedR1PairCheck => {
                let r2 = i.get(K::R(2)).unwrap_or(99);
                // The peer ran it (and may have taken an IEEE trap).
                let emu_spec = diff_of(diffs, Field::Signal).is_some_and(|x| x.emu == SIGILL && (x.peer == 0 || x.peer == SIGFPE))
                    && diff_of(diffs, Field::SiCode).is_some_and(|x| x.emu == ILL_ILLOPN);
                if !emu_spec || r1 & 2 == 0 || r2 & 2 != 0 {
                    return false;
                }
                match d.field {
                    Field::Vr(n) => (d.emu >> 64) as u64 == fpr(case, n),
                    Field::Fpc => d.emu == case.init.fpc as u128,
                    f => is_signal_field(f),
                }
            }
            Pred::PeerCvtInvalidInexact => {
                let Some((f, Loc::Gpr)) = shape(i.mn) else { return false };
                let Some(r2) = i.get(K::R(2)) else { return false };
                let b = fpr_val(case, f, r2);
                let signed = !i.mn.starts_with("cl");
                let bits = if i.mn.as_bytes()[if signed { 1 } else { 2 }] == b'f' { 32 } else { 64 };
                let m3 = i.nib(16);
                if !bh::m3_valid(m3) {
                    return false;
                }
                let (r, _) = bh::to_fixed_res(f, b, signed, bits, bh::m3_rn(m3, case.init.fpc));
                if !r.fl.invalid {
                    return false;
                }
                let fpc_d = diff_of(diffs, Field::Fpc);
                let dxc_80_88 = fpc_d.is_some_and(|x| dxc(x.emu) == 0x80 && dxc(x.peer) == 0x88);
                let emu_x_trap = diff_of(diffs, Field::Signal).is_some_and(|x| x.emu == SIGFPE && x.peer == 0)
                    && fpc_d.is_some_and(|x| dxc(x.emu) == 0x08 && dxc(x.peer) == 0);
                match d.field {
                    Field::Fpc => {
                        let x = (d.emu ^ d.peer) as u32;
                        (x == bh::fpc::FLAG_X && d.emu as u32 & bh::fpc::FLAG_X != 0 && f.is_nan(b))
                            || (x == 0x0800 && dxc_80_88)
                            || (x == 0x0800 && emu_x_trap && f.is_nan(b))
                    }
                    Field::SiCode => dxc_80_88 || emu_x_trap,
                    fl if is_signal_field(fl) => emu_x_trap && f.is_nan(b),
                    _ => false,
                }
            }
            Pred::PeerUnimplemented => {
                // The peer's SIGILL is either a differing field or equal to ours; its
                // si_code ILL_ILLOPC likewise (equal to ours only if ours is 1 too).
                let peer_sigill = diff_of(diffs, Field::Signal).is_some_and(|x| x.peer == SIGILL)
                    || (diff_of(diffs, Field::Signal).is_none()
                        && diff_of(diffs, Field::SiCode).is_some_and(|x| x.emu == ILL_ILLOPN));
                let peer_op = diff_of(diffs, Field::SiCode).is_none_or(|x| x.peer == ILL_ILLOPC);
                peer_sigill && peer_op
            }
            Pred::PeerNoDivideToInteger => {
                let peer_op = diff_of(diffs, Field::SiCode).is_some_and(|x| x.peer == ILL_ILLOPC)
                    && diff_of(diffs, Field::Signal).is_none_or(|x| x.peer == SIGILL);
                peer_op
            }
            Pred::CpuModelVectorFormat => {
                let (at, z13) = match i.mn {
                    "vfma" | "vfms" => (20, 3),
                    "vlde" => (32, 2),
                    _ => (32, 3),
                };
                let emu_spec = diff_of(diffs, Field::Signal).is_some_and(|x| x.emu == SIGILL && x.peer == 0)
                    && diff_of(diffs, Field::SiCode).is_some_and(|x| x.emu == ILL_ILLOPN);
                let v1 = i.get(K::V(0)).unwrap_or(0) | (i.nib(36) >> 3 & 1) << 4;
                let v1_kept = diff_of(diffs, Field::Vr(v1)).is_none_or(|x| x.emu == case.init.vr[v1 as usize & 31]);
                // M5 bit 1 (SQ) of VFCE/VFCH/VFCHE is vector-enhancements-1's too.
                let sq = matches!(i.mn, "vfce" | "vfch" | "vfche") && i.nib(28) & 4 != 0;
                (emu_spec && v1_kept && i.nib(at) != z13) || sq
            }
            Pred::PeerVectorXxcFlag => {
                // M4 (bits 28:31) bit 1: XxC.
                d.field == Field::Fpc && i.nib(28) & 4 != 0 && d.emu | bh::fpc::FLAG_X as u128 == d.peer && d.emu != d.peer
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod fp_tests {
    //! The BFP predicates allow their cases and reject neighbouring ones.
    use super::super::diff::{Field, FieldDiff};
    use super::super::prog::{Case, Init, WINDOW};
    use super::{allowed, Pred};

    fn case(insn: &[u8], init: Init) -> Case {
        Case { base: 15, body: insn.to_vec(), under_test: 0, init, window: [0; WINDOW] }
    }
    fn fd(field: Field, emu: u128, peer: u128) -> FieldDiff {
        FieldDiff { field, emu, peer }
    }
    fn ok(p: Pred, c: &Case, diffs: &[FieldDiff]) -> bool {
        diffs.iter().all(|d| allowed(p, c, diffs, d))
    }

    #[test]
    fn ieee_trap_suppressed_only_where_the_peer_kept_the_register() {
        // adbr %f8,%f13 with the inexact mask on: the emulator wrote f8 and the CC, the
        // peer kept both.
        let mut init = Init { fpc: 0x0800_0000, cc: 2, ..Init::default() };
        init.vr[8] = 0x4000_0000_0000_0000u128 << 64;
        let c = case(&[0xb3, 0x1a, 0x00, 0x8d], init.clone());
        let v8 = fd(Field::Vr(8), 0x3ff0_0000_0000_0000u128 << 64, 0x4000_0000_0000_0000u128 << 64);
        let cc = fd(Field::Cc, 1, 2);
        let dxc = fd(Field::Fpc, 0x0800_0c00, 0x0800_0800);
        assert!(ok(Pred::PeerIeeeTrapSuppressed, &c, &[v8, cc, dxc]));
        // The peer wrote another value: not explained.
        let v8b = fd(Field::Vr(8), 0x3ff0_0000_0000_0000u128 << 64, 0x3ff8_0000_0000_0000u128 << 64);
        assert!(!ok(Pred::PeerIeeeTrapSuppressed, &c, &[v8b]));
        // Another register, or no trap mask enabled: not explained.
        assert!(!ok(Pred::PeerIeeeTrapSuppressed, &c, &[fd(Field::Vr(9), 1 << 64, 0)]));
        let c0 = case(&[0xb3, 0x1a, 0x00, 0x8d], Init { fpc: 0, ..init });
        assert!(!ok(Pred::PeerIeeeTrapSuppressed, &c0, &[v8, cc]));
        // An invalid-operation DXC is not a completing trap.
        assert!(!ok(Pred::PeerIeeeTrapSuppressed, &c, &[fd(Field::Fpc, 0x0800_8000, 0x0800_8800)]));
    }

    #[test]
    fn lt_snan_only_for_an_snan() {
        // ltdbr %f1,%f2
        let mut init = Init::default();
        init.vr[2] = 0x7ff4_0000_0000_0000u128 << 64;
        let d = [fd(Field::Vr(1), 0x7ffc_0000_0000_0000u128 << 64, 0x7ff4_0000_0000_0000u128 << 64)];
        assert!(ok(Pred::PeerLtSnan, &case(&[0xb3, 0x12, 0x00, 0x12], init.clone()), &d));
        init.vr[2] = 0x7ffc_0000_0000_0000u128 << 64;
        assert!(!ok(Pred::PeerLtSnan, &case(&[0xb3, 0x12, 0x00, 0x12], init), &d));
    }

    #[test]
    fn fma_nan_order_only_for_qemus_pick() {
        // madbr %f1,%f3,%f2: operand 3 SNaN, operand 2 QNaN
        let mut init = Init::default();
        init.vr[3] = 0x7ff4_0000_0000_0000u128 << 64;
        init.vr[2] = 0x7ffa_0000_0000_0000u128 << 64;
        let c = case(&[0xb3, 0x1e, 0x10, 0x32], init);
        let good = fd(Field::Vr(1), 0x7ffc_0000_0000_0000u128 << 64, 0x7ffa_0000_0000_0000u128 << 64);
        assert!(ok(Pred::PeerFmaNanOrder, &c, &[good]));
        let other = fd(Field::Vr(1), 0x7ffc_0000_0000_0000u128 << 64, 0x7ff8_0000_0000_0000u128 << 64);
        assert!(!ok(Pred::PeerFmaNanOrder, &c, &[other]));
    }

    #[test]
    fn fma_inf_zero_nan_only_for_inf_times_zero() {
        // msebr %f14,%f3,%f2 (b3 0f e0 32): -inf x +0 - QNaN, the difftest's seed-9 case 9.
        let mut init = Init::default();
        init.vr[14] = 0xffff_ffff_0000_0000u128 << 64;
        init.vr[3] = 0xff80_0000_7f7f_ffffu128 << 64;
        init.vr[2] = 0x0000_0000_0c3b_c7a7u128 << 64;
        let c = case(&[0xb3, 0x0f, 0xe0, 0x32], init.clone());
        let d = [fd(Field::Fpc, 0x0080_0001, 1), fd(Field::Vr(14), 0x7fc0_0000_0000_0000u128 << 64, 0xffff_ffff_0000_0000u128 << 64)];
        assert!(ok(Pred::PeerFmaInfZeroNan, &c, &d));
        // The emulator's result must be the default NaN, the rest of the FPR untouched.
        let bad = fd(Field::Vr(14), 0x7fc0_0001_0000_0000u128 << 64, 0xffff_ffff_0000_0000u128 << 64);
        assert!(!ok(Pred::PeerFmaInfZeroNan, &c, &[bad]));
        // Other FPC bits are not excused.
        assert!(!ok(Pred::PeerFmaInfZeroNan, &c, &[fd(Field::Fpc, 0x0088_0001, 1)]));
        // Not ∞ × 0 (operand 2 nonzero): no excuse.
        let mut init2 = init;
        init2.vr[2] = 0x3f80_0000_0000_0000u128 << 64;
        assert!(!ok(Pred::PeerFmaInfZeroNan, &case(&[0xb3, 0x0f, 0xe0, 0x32], init2), &d));
    }

    #[test]
    fn vector_format_only_for_non_z13_formats() {
        // vfa %v1,%v2,%v3 with M4 = 2 (short, z14) / 3 (long, z13)
        let sig = [fd(Field::Signal, 4, 0), fd(Field::SiCode, 2, 0), fd(Field::Vr(1), 0, 5)];
        let short = case(&[0xe7, 0x12, 0x30, 0x00, 0x20, 0xe3], Init::default());
        assert!(ok(Pred::CpuModelVectorFormat, &short, &sig));
        let long = case(&[0xe7, 0x12, 0x30, 0x00, 0x30, 0xe3], Init::default());
        assert!(!ok(Pred::CpuModelVectorFormat, &long, &sig));
    }

    #[test]
    fn cvt_invalid_inexact_only_for_invalid_conversions() {
        // cfdbr %r1,0,%f2 of a NaN: the emulator's flag X; of 1.5: not explained
        let mut init = Init::default();
        init.vr[2] = 0x7ff8_0000_0000_0000u128 << 64;
        let d = [fd(Field::Fpc, 0x0088_0000, 0x0080_0000)];
        assert!(ok(Pred::PeerCvtInvalidInexact, &case(&[0xb3, 0x99, 0x00, 0x12], init.clone()), &d));
        init.vr[2] = 0x3ff8_0000_0000_0000u128 << 64;
        assert!(!ok(Pred::PeerCvtInvalidInexact, &case(&[0xb3, 0x99, 0x00, 0x12], init), &d));
    }
}


/// The vector register named by the 4-bit field at PoP bit `at` and its RXB bit.
fn vreg(case: &Case, at: u32, rxb_bit: u32) -> u32 {
    let (w, _) = super::asm::fetch(&case.body[case.under_test..]);
    (super::asm::get(w, at, 4) | super::asm::get(w, rxb_bit, 1) << 4) as u32
}

/// `VCKSM` as the PoP defines it (word elements of V2 and word 1 of V3 added with end-around
/// carry, into word 1, the rest zero) and as QEMU 7.2 computes it.
fn vcksm(v2: u128, v3: u128) -> (u128, u128) {
    let word = |v: u128, i: u32| (v >> (96 - 32 * i)) as u32 as u64;
    let (mut pop, mut qemu) = (word(v3, 1), word(v3, 1));
    for i in 0..4 {
        let s = pop + word(v2, i);
        pop = (s & 0xffff_ffff) + (s >> 32);
        let low = qemu + word(v2, i);
        qemu = (qemu + (low & 0xffff_ffff) + (low >> 32)) & 0xffff_ffff;
    }
    ((pop as u128) << 64, (qemu as u128) << 64)
}

/// The second-operand address `D2(B2)` of an RSY instruction (20-bit signed displacement;
/// B2 0 means no base), from the case's initial registers.
fn rsy_addr(case: &Case) -> Option<u64> {
    let (w, _) = super::asm::fetch(&case.body[case.under_test..]);
    let b2 = super::asm::get(w, 16, 4) as usize;
    let dl = super::asm::get(w, 20, 12);
    let dh = super::asm::get(w, 32, 8);
    let d = (((dh << 12 | dl) << 44) as i64 >> 44) as u64;
    let base = if b2 == 0 { 0 } else { case.init.gpr[b2] };
    Some(base.wrapping_add(d))
}

#[cfg(test)]
mod tests_misc {
    use super::*;
    use crate::s390::prog::{Init, WINDOW};

    fn case(insn: u64, init: Init) -> Case {
        let mut body = Vec::new();
        crate::s390::asm::emit(&mut body, insn);
        Case { base: 5, body, under_test: 0, init, window: [0; WINDOW] }
    }
    fn pred(name: &str) -> Known<Pred> {
        Known { mnemonic: "x".into(), pred: Pred::parse(name).unwrap(), note: String::new() }
    }

    #[test]
    fn peer_stmh_zero_allows_only_zeros_for_the_stored_high_halves() {
        // stmh %r14,%r15,0x160(%r5): eb ef 51 60 00 26, r5 = the window of record 0x10002000.
        let mut init = Init::default();
        init.gpr[5] = 0x1000_2400;
        init.gpr[14] = 0x1234_5678_0000_0002;
        init.gpr[15] = 0xaaaa_aaaa_aaaa_aaaa;
        let c = case(0xebef_5160_0026 << 16, init);
        let k = pred("peer_stmh_zero");
        let md = |emu: u128, peer: u128| vec![FieldDiff { field: Field::Mem(0x160), emu, peer }];
        assert!(explains(&[&k], &c, &md(0x1234_5678_aaaa_aaaa, 0)));
        // Only the bytes the instruction stores, each its own register byte.
        assert!(!explains(&[&k], &c, &md(0x1234_5678_aaaa_aaab, 0)));
        assert!(!explains(&[&k], &c, &md(0xaaaa_aaaa_1234_5678, 0)));
        assert!(explains(&[&k], &c, &md(0x1234_5678_aaaa_aaaa, 0x1200_0000_aa00_aaaa)));
        assert!(!explains(&[&k], &c, &[FieldDiff { field: Field::Mem(0x168), emu: 0x1234_5678 << 32, peer: 0 }]));
        // Not a stored register's high half, or the peer stored something nonzero.
        assert!(!explains(&[&k], &c, &md(0x0000_0002_aaaa_aaaa, 0)));
        assert!(!explains(&[&k], &c, &md(0x1234_5678_aaaa_aaaa, 0x1234_5679_0000_0000)));
        // Only memory.
        assert!(!explains(&[&k], &c, &[FieldDiff { field: Field::Gpr(14), emu: 1, peer: 0 }]));
    }

    #[test]
    fn peer_vcksm_add2_allows_only_qemus_formula() {
        // vcksm %v28,%v0,%v25 (e7 c0 90 b1 aa 66), the difftest's seed-1 case 0.
        let mut init = Init::default();
        init.vr[0] = 0xfc589a82afe99523b7056c90c70d924b;
        init.vr[25] = 0xbff0000000000000380fffffe0000000;
        let c = case(0xe7c0_90b1_aa66 << 16, init);
        let k = pred("peer_vcksm_add2");
        let v = |emu: u128, peer: u128| vec![FieldDiff { field: Field::Vr(28), emu, peer }];
        assert!(explains(&[&k], &c, &v(0x2a552e83 << 64, 0xd783940d << 64)));
        assert!(!explains(&[&k], &c, &v(0x2a552e84 << 64, 0xd783940d << 64)));
        assert!(!explains(&[&k], &c, &v(0x2a552e83 << 64, 0)));
        assert!(!explains(&[&k], &c, &[FieldDiff { field: Field::Vr(27), emu: 0x2a552e83 << 64, peer: 0xd783940d << 64 }]));
    }

    #[test]
    fn peer_model_vef1_needs_m3_6_and_the_emulators_specification_exception() {
        let sig = |emu, peer| FieldDiff { field: Field::Signal, emu, peer };
        let code = FieldDiff { field: Field::SiCode, emu: 2, peer: 0 };
        let v24 = FieldDiff { field: Field::Vr(24), emu: 1, peer: 2 };
        let k = pred("peer_model_vef1");
        // vllezlf %v24,0x1a6(%r6,%r14): e7 86 e1 a6 68 04
        let c = case(0xe786_e1a6_6804 << 16, Init::default());
        assert!(explains(&[&k], &c, &[sig(4, 0), code, v24]));
        assert!(!explains(&[&k], &c, &[sig(8, 0), code, v24]));
        assert!(!explains(&[&k], &c, &[v24]));
        assert!(!explains(&[&k], &c, &[sig(4, 0), code, FieldDiff { field: Field::Vr(8), emu: 1, peer: 2 }]));
        // vllezf (M3 = 2) is z13's: no excuse.
        let c = case(0xe786_e1a6_2804 << 16, Init::default());
        assert!(!explains(&[&k], &c, &[sig(4, 0), code, v24]));
    }

    #[test]
    fn peer_noncanonical_si_addr_only_for_high_addresses() {
        let c = case(0xe732_ec7b_1c12 << 16, Init::default());
        let k = pred("peer_noncanonical_si_addr");
        let a = |emu: u128, peer: u128| vec![FieldDiff { field: Field::SiAddr, emu, peer }];
        assert!(explains(&[&k], &c, &a(0xd008_7ae7_3639_3000, 0)));
        assert!(explains(&[&k], &c, &a(0x8000_0000_1000_a000, 0)));
        assert!(!explains(&[&k], &c, &a(0x0000_7fff_f000_0000, 0)));
        assert!(!explains(&[&k], &c, &a(0xffff_ffff_ffff_f000, 0)));
        assert!(!explains(&[&k], &c, &a(0xd008_7ae7_3639_3000, 0x1000)));
        let mut d = a(0xd008_7ae7_3639_3000, 0);
        d.push(FieldDiff { field: Field::Signal, emu: 11, peer: 7 });
        assert!(!explains(&[&k], &c, &d));
    }
}

#[cfg(test)]
mod tests_storage {
    use super::*;
    use crate::s390::prog::{Init, WINDOW};

    fn case(insn: u64, init: Init, window: [u8; WINDOW]) -> Case {
        let mut body = Vec::new();
        crate::s390::asm::emit(&mut body, insn);
        Case { base: 5, body, under_test: 0, init, window }
    }
    fn pred(name: &str) -> Known<Pred> {
        Known { mnemonic: "x".into(), pred: Pred::parse(name).unwrap(), note: String::new() }
    }
    fn mem(o: usize, emu: [u8; 8], peer: [u8; 8]) -> FieldDiff {
        FieldDiff { field: Field::Mem(o), emu: u64::from_be_bytes(emu) as u128, peer: u64::from_be_bytes(peer) as u128 }
    }

    #[test]
    fn destructive_overlap_move_allows_only_the_overlapped_bytes_moved_byte_after_byte() {
        // mvcle %r2,%r4,0: eb 24 00 00 00 8e... (RS-a: a8 24 00 00). dst = window+0x12,
        // src = window+0x10, 8 bytes each: bytes from dst+2 on are read after being stored.
        let mut window = [0u8; WINDOW];
        for (i, b) in window.iter_mut().enumerate() {
            *b = i as u8;
        }
        let mut init = Init::default();
        init.gpr[2] = 0x1000_2412;
        init.gpr[3] = 8;
        init.gpr[4] = 0x1000_2410;
        init.gpr[5] = 8;
        let c = case(0xa824_0000 << 32, init.clone(), window);
        let k = pred("destructive_overlap_move");
        // Byte after byte: 10 11 10 11 10 11 10 11 at +0x12..+0x1a; memmove: 10 11 12 .. 17.
        let emu = [0x10, 0x11, 0x10, 0x11, 0x10, 0x11, 0x10, 0x11];
        let peer = [0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17];
        let (mut e0, mut p0) = ([0u8; 8], [0u8; 8]);
        let (mut e1, mut p1) = ([0u8; 8], [0u8; 8]);
        for i in 0..8 {
            let (a, v, w) = (0x12 + i, emu[i], peer[i]);
            if a < 0x18 {
                e0[a - 0x10] = v;
                p0[a - 0x10] = w;
            } else {
                e1[a - 0x18] = v;
                p1[a - 0x18] = w;
            }
        }
        for i in 0..2 {
            e0[i] = 0x10 + i as u8;
            p0[i] = e0[i];
        }
        for i in 2..8 {
            e1[i] = 0x18 + i as u8;
            p1[i] = e1[i];
        }
        let ok = [mem(0x10, e0, p0), mem(0x18, e1, p1)];
        assert!(explains(&[&k], &c, &ok));
        // The emulator's byte must be the byte-after-byte one.
        let mut bad = e1;
        bad[0] ^= 1;
        assert!(!explains(&[&k], &c, &[mem(0x18, bad, p1)]));
        // Bytes outside the overlapped part of the first operand (here the one after it).
        let mut after = (e1, p1);
        after.0[2] = 0xff;
        assert!(!explains(&[&k], &c, &[mem(0x18, after.0, after.1)]));
        // No destructive overlap: the first operand before the second.
        let mut init2 = init.clone();
        init2.gpr[2] = 0x1000_240e;
        assert!(!explains(&[&k], &case(0xa824_0000 << 32, init2, window), &ok));
        // Registers are not this predicate's.
        assert!(!explains(&[&k], &c, &[FieldDiff { field: Field::Gpr(2), emu: 1, peer: 2 }]));
    }

    #[test]
    fn peer_utf8_three_byte_min_needs_the_w_bit_and_a_low_three_byte_character() {
        // cu14 %r10,%r2,0xb (b9 b0 b0 a2): the difftest's seed-1 case 61, the source
        // E0 A0 BA 54 55 at window+0x39, the target at +0x3f.
        let mut window = [0u8; WINDOW];
        window[0x38..0x40].copy_from_slice(&[0x11, 0xe0, 0xa0, 0xba, 0x54, 0x55, 0xd0, 0xc7]);
        let mut init = Init::default();
        init.gpr[2] = 0x1003_f439;
        init.gpr[3] = 0xb5;
        init.gpr[10] = 0x1003_f43f;
        init.gpr[11] = 0x9b;
        let g = |r: u32, emu: u128, peer: u128| FieldDiff { field: Field::Gpr(r), emu, peer };
        let diffs = vec![
            g(2, 0x1003_f43e, 0x1003_f439),
            g(3, 0xb0, 0xb5),
            g(10, 0x1003_f44b, 0x1003_f43f),
            g(11, 0x8f, 0x9b),
            mem(0x38, [0x11, 0xe0, 0xa0, 0xba, 0x54, 0x55, 0xd0, 0x00], [0x11, 0xe0, 0xa0, 0xba, 0x54, 0x55, 0xd0, 0xc7]),
            mem(0x40, [0, 8, 0x3a, 0, 0, 0, 0x54, 0], [0x69, 0xfb, 0x22, 0xbe, 0xe1, 0x6d, 0x58, 0x87]),
        ];
        let k = pred("peer_utf8_three_byte_min");
        let c = case(0xb9b0_b0a2 << 32, init.clone(), window);
        assert!(explains(&[&k], &c, &diffs));
        // Without W (M3 = 0xa) QEMU does not check: no excuse.
        assert!(!explains(&[&k], &case(0xb9b0_a0a2 << 32, init.clone(), window), &diffs));
        // A three-byte character at or above U+1000 (E1 ..) is QEMU's too.
        let mut w2 = window;
        w2[0x39] = 0xe1;
        assert!(!explains(&[&k], &case(0xb9b0_b0a2 << 32, init.clone(), w2), &diffs));
        // Window bytes before the peer's stop point are not excused.
        let mut d2 = diffs.clone();
        d2[4] = mem(0x38, [0x12, 0xe0, 0xa0, 0xba, 0x54, 0x55, 0xd0, 0x00], [0x11, 0xe0, 0xa0, 0xba, 0x54, 0x55, 0xd0, 0xc7]);
        assert!(!explains(&[&k], &c, &d2));
        // Nor other registers.
        let mut d3 = diffs.clone();
        d3.push(g(4, 1, 2));
        assert!(!explains(&[&k], &c, &d3));
    }
}
