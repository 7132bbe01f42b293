//! The system interface of a problem-state program: `SUPERVISOR CALL`, `EXECUTE`, access
//! registers, the PSW's problem-state fields (condition code, program mask, addressing
//! mode), the TOD clock, `STORE FACILITY LIST EXTENDED` and `EXTRACT CPU ATTRIBUTE`,
//! performance hints (no-ops), and rows known but not implemented.
//!
//! [`FACILITIES`] is the one list of installed facilities: `STFLE` stores it and the Linux
//! layer derives the HWCAPs from it. The transactional-execution instructions (`TBEGIN`,
//! `ETND` ...) have no rows: as on a z13 whose Linux does not enable TX, they are operation
//! exceptions.

use crate::forms::Fields;
use crate::operands::Ops;
use crate::state::{get_lo, set_lo};
use crate::state::*;
use crate::{exc, Cx, S390x};
use jit::frontend::{CodeSource, Flow};
use jit::helper_mem::{HelperMem, HELPER_FAULT};
use jit::interp::Outcome;
use jit::ir::{Cmp, Emitter, Endian, Slot, Ty};

type O<V> = Ops<V>;

/// `SVC I`: the system call with number I (Linux: 0 means "number in R1"); the PSW points
/// after the instruction.
pub fn svc<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    e.raise(exc::SVC_BASE + (f.i2 as u32 & 0xff), cx.next_pc());
    Flow::End
}

/// `EAR R1,R2`: access register R2 into bits 32:63 of R1.
pub fn ear<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let v = e.get(acr(f.r2));
    set_lo(e, f.r1, v);
    cx.next()
}

/// `SAR R1,R2`: bits 32:63 of R2 into access register R1.
pub fn sar<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let v = get_lo(e, f.r2);
    e.set(acr(f.r1), v);
    cx.next()
}

/// A known instruction whose semantics are not written yet: named in the log, then the
/// operation exception (SIGILL), as an unknown one.
pub fn unimplemented<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    e.raise(exc::UNIMPLEMENTED, cx.pc);
    Flow::End
}

/// `EX R1,D2(X2,B2)` / `EXRL R1,RI2`: runs the instruction at the second-operand address
/// with bits 56:63 of R1 ORed into its second byte (R1 = 0: unmodified).
///
/// The target is fetched and run each time by [`helper_ex`] through the interpreter — the
/// same semantics as translated code — so a target that changes between executions (or an
/// `R1` byte that changes its lengths) needs no retranslation. The block ends after `EX`
/// at the address the target leaves the PSW at.
///
/// `EXRL` of a storage-to-storage instruction whose bytes the code source has (the usual
/// variable-length `MVC`/`CLC`/`XC` of string functions) is translated as that instruction
/// with the length ORed in: the translation depends on the target's page like on its own
/// instructions' (see `Cx::ex_target`), and the block goes on.
pub fn ex<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let or = if f.r1 == 0 {
        e.iconst(Ty::I64, 0)
    } else {
        let r = e.get(gpr(f.r1));
        e.and_imm(r, 0xff)
    };
    if let Some((b, (op, sets_cc))) = cx.ex_target.and_then(|b| Some((b, ex_ss_op(b[0])?))) {
        let a1 = crate::operands::ea(e, cx, 0, (b[2] >> 4) as usize, ((b[2] as i64 & 15) << 8) | b[3] as i64);
        let a2 = crate::operands::ea(e, cx, 0, (b[4] >> 4) as usize, ((b[4] as i64 & 15) << 8) | b[5] as i64);
        let l = e.or_imm(or, b[1] as u64);
        let opv = e.iconst(Ty::I64, op);
        let h = jit::helper!(crate::storage_ops::helpers::helper_ss, 4, true);
        let r = e.call(&h, &[opv, l, a1, a2]);
        if sets_cc {
            let c = e.trunc(Ty::I8, r);
            e.set(CC, c);
        }
        return cx.next();
    }
    let target = o.in2();
    let next = e.iconst(Ty::I64, cx.next_pc());
    let h = jit::helper!(helper_ex, 3, true);
    let pc = e.call(&h, &[target, or, next]);
    e.exit_indirect(pc);
    Flow::End
}

/// The instruction bytes of an `EXECUTE` target, as modified.
struct ExTarget {
    pc: u64,
    bytes: [u8; 6],
}

impl CodeSource for ExTarget {
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool {
        let off = pc.wrapping_sub(self.pc) as usize;
        match off.checked_add(buf.len()) {
            Some(end) if end <= 6 => {
                buf.copy_from_slice(&self.bytes[off..end]);
                true
            }
            _ => false,
        }
    }
}

/// The link information of a branch-and-link/save target of `EXECUTE` (PoP "EXECUTE":
/// the updated instruction address is that of the instruction after `EXECUTE`, while
/// relative branch addresses are relative to the target). The target ran with its own
/// address, so its link holds target + length: the address part is replaced by `next`
/// (the 24-bit `BAL` link keeps the ILC, CC and program mask it stored).
fn fix_ex_link(c: &mut S390xCpu, bytes: &[u8; 6], next: u64) {
    let links = match bytes[0] {
        0x05 | 0x0d | 0x45 | 0x4d => true,
        0xa7 | 0xc0 => bytes[1] & 0xf == 5,
        _ => false,
    };
    if !links {
        return;
    }
    let r1 = (bytes[1] >> 4) as usize;
    let g = &mut c.gpr[r1];
    *g = match c.amode {
        64 => next,
        31 => (*g & !0xffff_ffff) | 0x8000_0000 | (next & 0x7fff_ffff),
        _ => (*g & !0xff_ffff) | (next & 0xff_ffff),
    };
}

/// Runs the target of `EX` at `target` with `or` ORed into its second byte; returns the
/// address execution continues at (`next`, the instruction after `EX`, unless the target
/// branched). Raises as the target would; `EX` of `EX` is the execute exception.
pub extern "C" fn helper_ex(cpu: *mut u8, target: u64, or: u64, next: u64) -> u64 {
    // SAFETY: the engine calls helpers with the S390xCpu they were emitted for.
    let c = unsafe { &mut *(cpu as *mut S390xCpu) };
    let ex_pc = c.hdr.pc;
    let raise = |c: &mut S390xCpu, e: u32, pc: u64| {
        c.hdr.exception = e;
        c.hdr.pc = pc;
        0
    };
    if target & 1 != 0 {
        return raise(c, exc::SPECIFICATION, ex_pc);
    }
    // SAFETY: as above.
    let mut mem = unsafe { HelperMem::from_cpu(cpu) };
    let mut bytes = [0u8; 6];
    let Ok(first) = mem.read_u8(target) else { return 0 };
    bytes[0] = first;
    let len = crate::forms::insn_len(first) as u64;
    for i in 1..len {
        match mem.read_u8(target.wrapping_add(i)) {
            Ok(b) => bytes[i as usize] = b,
            Err(_) => return 0,
        }
    }
    bytes[1] |= or as u8;
    if bytes[0] == 0x44 || (bytes[0] == 0xc6 && bytes[1] & 0xf == 0) {
        return raise(c, exc::EXECUTE, ex_pc);
    }
    if let Some(next) = ex_storage_op(cpu, &bytes, next) {
        return next;
    }
    let code = ExTarget { pc: target, bytes };
    c.hdr.pc = target;
    let out = jit::interp::step(&S390x, c, &mut mem, &code);
    if matches!(out, Outcome::Next(_) | Outcome::Jump(_)) {
        fix_ex_link(c, &bytes, next);
    }
    match out {
        Outcome::Next(_) => {
            c.hdr.pc = ex_pc;
            next
        }
        Outcome::Jump(t) => {
            c.hdr.pc = ex_pc;
            t
        }
        // A system call continues after EX; every other exception is reported at EX.
        Outcome::Exception { exc: e, .. } if exc::svc_number(e).is_some() => raise(c, e, next),
        Outcome::Exception { exc: e, .. } => raise(c, e, ex_pc),
        Outcome::Fault { addr, write } => {
            c.hdr.fault_addr = addr;
            c.hdr.fault_write = write as u64;
            raise(c, HELPER_FAULT, ex_pc)
        }
        Outcome::FetchFault(p) => {
            c.hdr.fault_addr = p;
            c.hdr.fault_write = 0;
            raise(c, HELPER_FAULT, ex_pc)
        }
    }
}

/// The usual targets of `EX` — `MVC`, `XC`, `CLC`, `NC`, `OC`, `TR`, `TRT` with the length
/// in the OR'ed byte (glibc's `memcpy`/`memset`/`memcmp` tails) — run straight through the
/// storage-operation helper, without decoding and interpreting the target: `Some(next)`
/// when done (a fault is recorded as the helper's memory fault, reported at `EX`).
fn ex_storage_op(cpu: *mut u8, b: &[u8; 6], next: u64) -> Option<u64> {
    use crate::storage_ops::helpers::helper_ss;
    let (op, sets_cc) = ex_ss_op(b[0])?;
    // SAFETY: `cpu` is the helper's CPU pointer; copies only, no reference is kept.
    let (amode, gpr) = unsafe { ((*(cpu as *const S390xCpu)).amode, (*(cpu as *const S390xCpu)).gpr) };
    // SS-a: L (8 bits), B1 D1, B2 D2; the addresses wrap to the addressing mode.
    let addr = |base: u8, disp: u64| crate::wrap_to_amode(amode, if base == 0 { 0 } else { gpr[base as usize] }.wrapping_add(disp));
    let a1 = addr(b[2] >> 4, ((b[2] as u64 & 15) << 8) | b[3] as u64);
    let a2 = addr(b[4] >> 4, ((b[4] as u64 & 15) << 8) | b[5] as u64);
    let cc = helper_ss(cpu, op, b[1] as u64, a1, a2);
    // SAFETY: as above; the helper has returned.
    let c = unsafe { &mut *(cpu as *mut S390xCpu) };
    if c.hdr.exception != 0 {
        return Some(0); // A memory fault: the engine reports it at EX.
    }
    if sets_cc {
        c.cc = cc as u8 & 3;
    }
    Some(next)
}

/// The [`helper_ss`](crate::storage_ops::helpers::helper_ss) operation of an `EXECUTE`
/// target with first byte `op0` that runs directly, and whether it sets the CC.
fn ex_ss_op(op0: u8) -> Option<(u64, bool)> {
    use crate::storage_ops::helpers::ss;
    Some(match op0 {
        0xd2 => (ss::MVC, false),
        0xd4 => (ss::NC, true),
        0xd5 => (ss::CLC, true),
        0xd6 => (ss::OC, true),
        0xd7 => (ss::XC, true),
        0xdc => (ss::TR, false),
        0xdd => (ss::TRT, true),
        _ => return None,
    })
}

// ---- PSW fields ----

/// The addressing mode (64, 31 or 24) — the block key [`crate::Frontend::mode`].
const AMODE: Slot = Slot::new(std::mem::offset_of!(S390xCpu, amode), Ty::I8);

/// `(CC << 4 | program mask)`: PSW bits 18:23 as `IPM` and `EPSW` place them.
fn cc_pm<E: Emitter>(e: &mut E) -> E::V {
    let c = e.get(CC);
    let c = e.zext(Ty::I64, c);
    let c = e.and_imm(c, 3);
    let c = e.shl_imm(c, 4);
    let p = e.get(PM);
    let p = e.zext(Ty::I64, p);
    let p = e.and_imm(p, 15);
    e.or(c, p)
}

/// `IPM R1`: CC and program mask into bits 34:35 and 36:39 of R1, bits 32:33 zero; the
/// other bits are kept.
pub fn ipm<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let v = cc_pm(e);
    let v = e.shl_imm(v, 24);
    let r = e.get(gpr(f.r1));
    let r = e.and_imm(r, !0xff00_0000u64);
    let r = e.or(r, v);
    e.set(gpr(f.r1), r);
    cx.next()
}

/// `SPM R1`: CC from bits 34:35 and program mask from bits 36:39 of R1. The mask's
/// fixed-point-overflow bit is part of the block key, so the block ends here with an
/// indirect exit: the jump cache only continues into code of the mode now in force.
pub fn spm<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let r = e.get(gpr(f.r1));
    let c = e.lshr_imm(r, 28);
    let c = e.trunc(Ty::I8, c);
    let c = e.and_imm(c, 3);
    let p = e.lshr_imm(r, 24);
    let p = e.trunc(Ty::I8, p);
    let p = e.and_imm(p, 15);
    e.set(CC, c);
    e.set(PM, p);
    let next = e.iconst(Ty::I64, cx.next_pc());
    e.exit_indirect(next);
    Flow::End
}

/// `EPSW R1,R2`: PSW bits 0:31 into bits 32:63 of R1, bits 32:63 into bits 32:63 of R2
/// (R2 = 0: not stored); bits 0:31 of both kept. The problem-state PSW is the one
/// [`S390xCpu::psw_mask`] describes.
pub fn epsw<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let (ea, ba) = match cx.amode {
        64 => (1u64, 1u64),
        31 => (0, 1),
        _ => (0, 0),
    };
    let v = cc_pm(e);
    let v = e.shl_imm(v, 8);
    let hi = e.or_imm(v, 0x0705_0000 | ea);
    set_lo(e, f.r1, hi);
    if f.r2 != 0 {
        let lo = e.iconst(Ty::I32, ba << 31);
        set_lo(e, f.r2, lo);
    }
    cx.next()
}

/// `SAM24` / `SAM31` / `SAM64` (PoP "SET ADDRESSING MODE"): the new mode applies from the
/// next instruction, whose address must fit it (else specification exception). The mode
/// is part of the block key, so the block ends here, after the write is committed.
fn sam<E: Emitter>(e: &mut E, cx: &Cx, mode: u8) -> Flow {
    let next = cx.pc.wrapping_add(cx.len as u64);
    let next = if cx.amode == 64 { next } else { cx.next_pc() };
    let fits = match mode {
        24 => next < 1 << 24,
        31 => next < 1 << 31,
        _ => true,
    };
    if !fits {
        e.raise(exc::SPECIFICATION, cx.pc);
        return Flow::End;
    }
    let m = e.iconst(Ty::I8, mode as u64);
    e.set(AMODE, m);
    e.exit(next);
    Flow::End
}
pub fn sam24<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    sam(e, cx, 24)
}
pub fn sam31<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    sam(e, cx, 31)
}
pub fn sam64<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    sam(e, cx, 64)
}

/// `TAM`: CC 0 in 24-bit, 1 in 31-bit, 3 in 64-bit mode.
pub fn tam<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    let c = match cx.amode {
        64 => 3,
        31 => 1,
        _ => 0,
    };
    let c = e.iconst(Ty::I8, c);
    e.set(CC, c);
    cx.next()
}

// ---- access registers ----

/// The registers R1, R1+1 ... R3 (wrapping from 15 to 0).
fn reg_range(r1: usize, r3: usize) -> impl Iterator<Item = usize> {
    let n = (r3.wrapping_sub(r1) & 15) + 1;
    (0..n).map(move |i| (r1 + i) & 15)
}

/// `LAM` / `LAMY R1,R3,D2(B2)`: access registers R1..R3 from successive words (word
/// boundary, else specification exception).
pub fn lam<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let a = o.in2();
    word_aligned(e, cx, a);
    let mut vals = Vec::new();
    for (i, r) in reg_range(f.r1, f.r3).enumerate() {
        let ai = e.add_imm(a, 4 * i as i64);
        let ai = crate::operands::wrap_addr(e, cx, ai);
        vals.push((r, e.load(Ty::I32, ai, Endian::Big)));
    }
    for (r, v) in vals {
        e.set(acr(r), v);
    }
    cx.next()
}

/// `STAM` / `STAMY R1,R3,D2(B2)`: access registers R1..R3 into successive words.
pub fn stam<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let a = o.in2();
    word_aligned(e, cx, a);
    for (i, r) in reg_range(f.r1, f.r3).enumerate() {
        let ai = e.add_imm(a, 4 * i as i64);
        let ai = crate::operands::wrap_addr(e, cx, ai);
        let v = e.get(acr(r));
        e.store(Ty::I32, ai, v, Endian::Big);
    }
    cx.next()
}

fn word_aligned<E: Emitter>(e: &mut E, cx: &Cx, a: E::V) {
    let low = e.and_imm(a, 3);
    let bad = e.icmp_imm(Cmp::Ne, low, 0);
    e.raise_if(bad, exc::SPECIFICATION, cx.pc);
}

// ---- hints ----

/// `PFD`, `PFDRL`, `NIAI`, `PPA`: performance hints with no architected effect a program
/// can observe (no access exceptions for `PFD`; `PPA`'s transaction-abort assist has
/// nothing to assist without TX).
pub fn hint<E: Emitter>(_: &mut E, _: &Fields, cx: &Cx, _: &mut O<E::V>) -> Flow {
    cx.next()
}

// ---- TOD clock ----

/// Seconds from 1900-01-01 (the TOD epoch) to 1970-01-01 (the Unix epoch).
const TOD_UNIX_EPOCH_SECS: u128 = 2_208_988_800;

/// The TOD clock now (PoP "TOD Clock": bit 51 is one microsecond, so the clock counts
/// 1/4096 µs), from the host's `CLOCK_REALTIME`.
fn tod_now() -> u64 {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let ns = d.as_nanos() + TOD_UNIX_EPOCH_SECS * 1_000_000_000;
    // ns * 4096 / 1000, in 128 bits; the clock wraps at 2^64 (in 2042).
    (ns * 512 / 125) as u64
}

thread_local! {
    /// The last value `STCK` returned on this host thread (one thread per guest CPU).
    static LAST_TOD: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The TOD clock value `STCK`/`STCKE` store: `unique` makes it larger than every value
/// this CPU stored before (PoP: the values of `STORE CLOCK` are unique and increasing);
/// `STCKF` need not be.
pub extern "C" fn helper_tod(_cpu: *mut u8, unique: u64) -> u64 {
    let t = tod_now();
    if unique == 0 {
        return t;
    }
    LAST_TOD.with(|l| {
        let v = if t > l.get() { t } else { l.get().wrapping_add(1) };
        l.set(v);
        v
    })
}

fn tod<E: Emitter>(e: &mut E, unique: bool) -> E::V {
    let u = e.iconst(Ty::I64, unique as u64);
    let h = jit::helper!(helper_tod, 1, false);
    e.call(&h, &[u])
}

/// `STCK D2(B2)`: the clock's 64 bits at the doubleword; CC 0 (clock in the set state).
pub fn stck<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let t = tod(e, true);
    e.store(Ty::I64, o.in2(), t, Endian::Big);
    let z = e.iconst(Ty::I8, 0);
    e.set(CC, z);
    cx.next()
}

/// `STCKF D2(B2)`: as `STCK` without the uniqueness.
pub fn stckf<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let t = tod(e, false);
    e.store(Ty::I64, o.in2(), t, Endian::Big);
    let z = e.iconst(Ty::I8, 0);
    e.set(CC, z);
    cx.next()
}

/// `STCKE D2(B2)`: 16 bytes — the epoch index (0), the clock's bits 0:103 (the 64 bits
/// `STCK` gives, then 40 zero bits of finer resolution), the programmable field (0).
pub fn stcke<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let t = tod(e, true);
    let a = o.in2();
    let first = e.lshr_imm(t, 8);
    let second = e.shl_imm(t, 56);
    e.store(Ty::I64, a, first, Endian::Big);
    let a8 = e.add_imm(a, 8);
    let a8 = crate::operands::wrap_addr(e, cx, a8);
    e.store(Ty::I64, a8, second, Endian::Big);
    let z = e.iconst(Ty::I8, 0);
    e.set(CC, z);
    cx.next()
}

// ---- facilities ----

/// The installed facilities (STFLE bit numbers; PoP "Facility Indications"): those of a
/// z13 as Linux user space sees them, less every facility this emulator does not
/// implement (decimal floating point 42/43/48/80, transactional execution 50/73, the
/// message-security assists 17/76/77/57, HFP extensions 20/23, the parsing enhancement 26,
/// and the facilities only the supervisor uses).
pub const FACILITY_BITS: &[u32] = &[
    0,   // N3 instructions
    1,   // z/Architecture installed
    2,   // z/Architecture active
    7,   // STORE FACILITY LIST EXTENDED
    16,  // extended translation 2
    18,  // long displacement
    19,  // long displacement, high performance
    21,  // extended immediate
    22,  // extended translation 3
    24,  // ETF2 enhancement
    25,  // STORE CLOCK FAST
    30,  // ETF3 enhancement
    32,  // compare and swap and store
    33,  // compare and swap and store 2
    34,  // general-instructions extension
    35,  // execute extensions
    37,  // floating-point extension
    41,  // floating-point-support enhancements (FPR-GR transfer, sign handling)
    45,  // distinct operands, high word, load/store on condition, population count, interlocked access 1
    49,  // miscellaneous-instruction extension, execution hint, load and trap, processor assist
    52,  // interlocked access 2
    53,  // load/store on condition 2, load and zero rightmost byte
    129, // vector
];

/// Doublewords of the facility list (bits 0..191).
pub const FACILITY_DWORDS: usize = 3;

/// [`FACILITY_BITS`] as the doublewords `STFLE` stores (bit 0 = leftmost bit of the first).
pub const FACILITIES: [u64; FACILITY_DWORDS] = {
    let mut d = [0u64; FACILITY_DWORDS];
    let mut i = 0;
    while i < FACILITY_BITS.len() {
        let b = FACILITY_BITS[i] as usize;
        d[b / 64] |= 1u64 << (63 - b % 64);
        i += 1;
    }
    d
};

/// Whether facility `bit` is installed.
pub fn has_facility(bit: u32) -> bool {
    (bit as usize) < FACILITY_DWORDS * 64 && FACILITIES[bit as usize / 64] >> (63 - bit % 64) & 1 != 0
}

/// `STFLE D2(B2)` (PoP "STORE FACILITY LIST EXTENDED"): GR0 bits 56:63 + 1 doublewords
/// the program provides; stores as many of the list's doublewords as fit, sets GR0 bits
/// 56:63 to the list's length - 1, CC 0 if the whole list was stored, else 3. The operand
/// must be doubleword aligned (specification exception).
pub fn stfle<E: Emitter>(e: &mut E, _: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let a = o.in2();
    let low = e.and_imm(a, 7);
    let bad = e.icmp_imm(Cmp::Ne, low, 0);
    e.raise_if(bad, exc::SPECIFICATION, cx.pc);
    let h = jit::helper!(helper_stfle, 1, true);
    let c = e.call(&h, &[a]);
    let c = e.trunc(Ty::I8, c);
    e.set(CC, c);
    cx.next()
}

/// Stores the facility list at `addr` and updates GR0 directly; returns the CC.
pub extern "C" fn helper_stfle(cpu: *mut u8, addr: u64) -> u64 {
    // SAFETY: the engine calls helpers with the S390xCpu they were emitted for.
    let c = unsafe { &mut *(cpu as *mut S390xCpu) };
    let given = (c.gpr[0] & 0xff) as usize + 1;
    let n = given.min(FACILITY_DWORDS);
    // SAFETY: as above.
    let mem = unsafe { HelperMem::from_cpu(cpu) };
    if mem.probe_write(addr, 8 * n as u64).is_err() {
        return 0;
    }
    for (i, d) in FACILITIES.iter().take(n).enumerate() {
        if mem.store_be(addr.wrapping_add(8 * i as u64), 8, *d).is_err() {
            return 0;
        }
    }
    c.gpr[0] = (c.gpr[0] & !0xff) | (FACILITY_DWORDS as u64 - 1);
    if given >= FACILITY_DWORDS { 0 } else { 3 }
}

// ---- CPU attributes ----

/// One cache level of the z13 as `ECAG` describes it: (topology byte, line size, total
/// size, set associativity) for the data (or unified) and the instruction cache.
struct CacheLevel {
    topology: u8,
    data: (u64, u64, u64),
    instr: (u64, u64, u64),
}

/// The z13's caches (IBM z13 technical guide; as Linux shows them in /proc/cpuinfo): L1
/// and L2 private and split, L3 and L4 shared and unified; 256-byte lines. Topology byte:
/// scope in bits 4:5 (1 private, 2 shared), type in bits 6:7 (0 separate, 3 unified).
const Z13_CACHES: [CacheLevel; 4] = [
    CacheLevel { topology: 0x04, data: (256, 128 << 10, 8), instr: (256, 96 << 10, 6) },
    CacheLevel { topology: 0x04, data: (256, 2 << 20, 8), instr: (256, 2 << 20, 8) },
    CacheLevel { topology: 0x0b, data: (256, 64 << 20, 16), instr: (256, 64 << 20, 16) },
    CacheLevel { topology: 0x0b, data: (256, 480 << 20, 30), instr: (256, 480 << 20, 30) },
];

/// `ECAG R1,R3,D2(B2)` (PoP "EXTRACT CPU ATTRIBUTE"): the second-operand address (not an
/// access) selects the attribute — bits 56:59 attribute (0 topology summary, 1 line size,
/// 2 total size, 3 set associativity), bits 60:62 the level (0 = L1), bit 63 instruction
/// (1) or data cache; anything not described gives all ones. R3 is ignored.
pub fn ecag<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let h = jit::helper!(helper_ecag, 1, false);
    let v = e.call(&h, &[o.in2()]);
    e.set(gpr(f.r1), v);
    cx.next()
}

pub extern "C" fn helper_ecag(_cpu: *mut u8, addr: u64) -> u64 {
    ecag_value(addr)
}

/// The value `ECAG` returns for second-operand address `addr`.
pub fn ecag_value(addr: u64) -> u64 {
    let ai = (addr >> 4) & 15;
    let li = ((addr >> 1) & 7) as usize;
    let instr = addr & 1 != 0;
    if ai == 0 {
        return Z13_CACHES.iter().enumerate().fold(0, |acc, (i, l)| acc | (l.topology as u64) << (56 - 8 * i));
    }
    let Some(l) = Z13_CACHES.get(li) else { return u64::MAX };
    let (line, size, assoc) = if instr { l.instr } else { l.data };
    match ai {
        1 => line,
        2 => size,
        3 => assoc,
        _ => u64::MAX,
    }
}

/// Operand loaders of this file's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
