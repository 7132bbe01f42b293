//! The system interface of a problem-state program: `SUPERVISOR CALL`, `EXECUTE`, access
//! registers, and rows known but not implemented.

use crate::forms::Fields;
use crate::operands::Ops;
use crate::branch::{get_lo, set_lo};
use crate::state::*;
use crate::{exc, Cx, S390x};
use jit::frontend::{CodeSource, Flow};
use jit::helper_mem::{HelperMem, HELPER_FAULT};
use jit::interp::Outcome;
use jit::ir::{Emitter, Ty};

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
pub fn ex<E: Emitter>(e: &mut E, f: &Fields, cx: &Cx, o: &mut O<E::V>) -> Flow {
    let target = o.in2();
    let or = if f.r1 == 0 {
        e.iconst(Ty::I64, 0)
    } else {
        let r = e.get(gpr(f.r1));
        e.and_imm(r, 0xff)
    };
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
    let code = ExTarget { pc: target, bytes };
    c.hdr.pc = target;
    let out = jit::interp::step(&S390x, c, &mut mem, &code);
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

/// Operand loaders of this file's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
