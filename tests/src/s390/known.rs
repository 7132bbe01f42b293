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
            "peer_stmh_zero" => Pred::PeerStmhZero,
            "peer_vcksm_add2" => Pred::PeerVcksmAdd2,
            "peer_model_vef1" => Pred::PeerModelVef1,
            "peer_noncanonical_si_addr" => Pred::PeerNoncanonicalSiAddr,
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
