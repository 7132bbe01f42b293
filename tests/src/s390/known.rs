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
}

impl Pred {
    pub fn parse(s: &str) -> Option<Pred> {
        Some(match s {
            "signal_address" => Pred::SignalAddress,
            "facility_list" => Pred::FacilityList,
            "peer_no_fixed_overflow_trap" => Pred::PeerNoFixedOverflowTrap,
            "peer_epsw_system_mask" => Pred::PeerEpswSystemMask,
            "cpu_model_result" => Pred::CpuModelResult,
            "peer_partial_cc3" => Pred::PeerPartialCc3,
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
    }
}
