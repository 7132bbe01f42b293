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
    /// `stfle`: facility bits describe the CPU model; the emulator and QEMU's `max` model
    /// differ. Allowed: the stored facility list (window memory) and GPR 0's count.
    FacilityList,
}

impl Pred {
    pub fn parse(s: &str) -> Option<Pred> {
        Some(match s {
            "signal_address" => Pred::SignalAddress,
            "facility_list" => Pred::FacilityList,
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

pub fn explains(preds: &[&Known<Pred>], _case: &Case, diffs: &[FieldDiff]) -> bool {
    !preds.is_empty() && diffs.iter().all(|d| preds.iter().any(|k| allowed(k.pred, diffs, d)))
}

fn allowed(p: Pred, diffs: &[FieldDiff], d: &FieldDiff) -> bool {
    match p {
        Pred::SignalAddress => {
            matches!(d.field, Field::Psw | Field::SiAddr) && !diffs.iter().any(|x| x.field == Field::Signal)
        }
        Pred::FacilityList => matches!(d.field, Field::Mem(_) | Field::Gpr(0)),
    }
}
