//! The interpreter tier's fast path: a block's instructions recorded once, through the
//! emitter API, as a flat list of register-machine operations ([`Program`]), then run from
//! that list each time the block is interpreted again.
//!
//! [`crate::interp`] evaluates an instruction's semantics while the front end emits them:
//! every run decodes, walks the front end's emit code and looks up pending writes. The
//! [`Recorder`] is a third backend of the same semantics (one definition per instruction):
//! it keeps the operations instead, with everything that does not depend on run-time values
//! settled once — constants in preloaded registers, a `get` of a slot the instruction has
//! `set` resolved to that value, a slot read again (and not changed since) reused from its
//! register. Running a program keeps every rule of [`crate::ir`] as the interpreter does:
//! writes reach the CPU struct when their instruction ends (or takes an exit); memory
//! accesses and helpers see the state before it; a raise discards the instruction's writes.
//!
//! A fault ends a run as it ends the interpreter's instruction ([`VmExit::Fault`]: state as
//! before the instruction, stores it made before the fault kept), for the engine to handle
//! the same way. Instructions the recorder cannot keep (a `get` that partly overlaps a
//! pending write, an instruction reading code bytes besides its own, one straddling pages)
//! end the program with [`VmExit::Bail`]: the interpreter runs on from that instruction. A
//! block whose first instruction cannot be kept stays with the interpreter.

use crate::cpu::CpuHeader;
use crate::frontend::{CodeSource, Flow, Frontend};
use crate::interp::InterpMemory;
use crate::ir::{Cmp, Emitter, Endian, FloatOp, Helper, PureFn, Slot, Ty};

/// A recorded value: its register (in the narrow or the wide file, by type) and type.
#[derive(Clone, Copy, Debug)]
pub struct RV {
    r: u16,
    ty: Ty,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bk {
    Add,
    Sub,
    Mul,
    Umulhi,
    Smulhi,
    Udiv,
    Sdiv,
    Urem,
    Srem,
    And,
    Or,
    Xor,
    Shl,
    Lshr,
    Ashr,
    Rotl,
    FAdd,
    FSub,
    FMul,
    FDiv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Uk {
    Not,
    Neg,
    Clz,
    Ctz,
    Popcnt,
    Bswap,
}

/// One operation. Narrow values (up to 64 bits) live in `u64` registers, always truncated
/// to their type; `I128` values in the wide file (the `...W` forms).
#[derive(Clone, Copy, Debug)]
enum Op {
    Get { d: u16, ty: Ty, off: u32 },
    Get64 { d: u16, off: u32 },
    GetW { d: u16, off: u32 },
    Put { s: u16, ty: Ty, off: u32 },
    Put64 { s: u16, off: u32 },
    PutW { s: u16, off: u32 },
    // The common narrow operations have their own variants (one dispatch each); the rest
    // go through `Bin`.
    Add { ty: Ty, d: u16, a: u16, b: u16 },
    Sub { ty: Ty, d: u16, a: u16, b: u16 },
    And { d: u16, a: u16, b: u16 },
    Or { d: u16, a: u16, b: u16 },
    Xor { d: u16, a: u16, b: u16 },
    Shl { ty: Ty, d: u16, a: u16, b: u16 },
    Lshr { ty: Ty, d: u16, a: u16, b: u16 },
    Rotl { ty: Ty, d: u16, a: u16, b: u16 },
    Eq { d: u16, a: u16, b: u16 },
    Ne { d: u16, a: u16, b: u16 },
    Ult { d: u16, a: u16, b: u16 },
    Ugt { d: u16, a: u16, b: u16 },
    Slt { ty: Ty, d: u16, a: u16, b: u16 },
    Sgt { ty: Ty, d: u16, a: u16, b: u16 },
    Bin { k: Bk, ty: Ty, d: u16, a: u16, b: u16 },
    /// `I8` packing of up to four 0/1 values, `b[i]` at bit `i` ([`Emitter::pack_bits`]).
    Pack { d: u16, n: u8, b: [u16; 4] },
    /// Bit `n` of a narrow value, as an `I8` 0/1.
    Bit { d: u16, a: u16, n: u8 },
    /// `(a & 0xffff_ffff_0000_0000) | lo`: a 32-bit write into a 64-bit slot.
    MergeLo32 { d: u16, a: u16, lo: u16 },
    BinW { k: Bk, d: u16, a: u16, b: u16 },
    Un { k: Uk, ty: Ty, d: u16, a: u16 },
    UnW { k: Uk, d: u16, a: u16 },
    /// Narrow to narrow: sign-extend from `from` to `to`.
    Sext { d: u16, a: u16, from: Ty, to: Ty },
    /// Narrow to narrow: truncate to `ty`.
    Trunc { d: u16, a: u16, ty: Ty },
    /// Narrow to wide, zero- or sign-extended from `from`.
    Widen { d: u16, a: u16, from: Ty, signed: bool },
    /// Wide to narrow: truncate to `ty`.
    Narrow { d: u16, a: u16, ty: Ty },
    Concat { d: u16, lo: u16, hi: u16 },
    Icmp { c: Cmp, ty: Ty, d: u16, a: u16, b: u16 },
    IcmpW { c: Cmp, d: u16, a: u16, b: u16 },
    Select { d: u16, c: u16, a: u16, b: u16 },
    SelectW { d: u16, c: u16, a: u16, b: u16 },
    Fma { d: u16, a: u16, b: u16, c: u16 },
    Load { d: u16, a: u16, ty: Ty, big: bool, insn: u16 },
    LoadW { d: u16, a: u16, big: bool, insn: u16 },
    Store { a: u16, v: u16, ty: Ty, big: bool, insn: u16 },
    StoreW { a: u16, v: u16, big: bool, insn: u16 },
    /// Compare-and-swap: `e` and `n` narrow or wide as `ty`; the result in `d` likewise.
    Cas { d: u16, a: u16, e: u16, n: u16, ty: Ty, big: bool, insn: u16 },
    Fence,
    /// A helper call, described by `calls[i]`.
    Call { i: u16 },
    /// A pure function call ([`PureFn`]), described by `calls[i]` (its `h` names the
    /// function; it gets no CPU pointer and cannot raise).
    CallPure { i: u16 },
    /// A conditional exit, described by `exits[i]`.
    ExitIf { c: u16, i: u16 },
    /// Leave for `target` (the instruction's writes are already `Put`).
    Jump { insn: u16, target: u64 },
    JumpInd { a: u16, insn: u16 },
    /// Raise `raises[i]`.
    Raise { i: u16 },
    RaiseIf { c: u16, i: u16 },
    /// Hand instruction `insn` (not begun) to the interpreter.
    Bail { insn: u16 },
}

const _: () = assert!(std::mem::size_of::<Op>() <= 16);

#[derive(Clone, Copy, Debug)]
struct RaiseOp {
    exc: u32,
    pc: u64,
    insn: u16,
}

#[derive(Clone, Copy, Debug)]
struct CallOp {
    h: Helper,
    args: [u16; Helper::MAX_ARGS],
    d: u16,
    cond: Option<u16>,
    insn: u16,
}

#[derive(Clone, Debug)]
struct ExitOp {
    target: u64,
    insn: u16,
    /// The instruction's writes so far: `commits[from..to]`.
    from: u32,
    to: u32,
    /// Runs that took / did not take this exit since the profile was last collected.
    taken: u32,
    not_taken: u32,
}

/// A write made when an exit is taken: the slot and the register holding the value.
#[derive(Clone, Copy, Debug)]
struct Commit {
    slot: Slot,
    r: u16,
}

/// How a program run ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum VmExit {
    /// Continue at this guest address (an exit taken, or the end of the block).
    Jump(u64),
    /// Guest exception `exc` with the guest PC at `pc` (the header is set accordingly).
    Exception { exc: u32, pc: u64 },
    /// A data access (or a helper's) faulted at `addr`: the CPU struct is as before the
    /// instruction, the header's PC at it and its fault words set, as the interpreter leaves
    /// them. Stores the instruction made before the fault stay made.
    Fault { addr: u64, write: bool },
    /// The instruction with this index must be run by the interpreter (the CPU struct is as
    /// before it, the header's PC at it): one the recorder could not keep.
    Bail,
}

/// A block recorded by the [`Recorder`].
pub struct Program {
    ops: Vec<Op>,
    /// Register files; constants are preloaded and never written.
    narrow: Vec<u64>,
    wide: Vec<u128>,
    calls: Vec<CallOp>,
    exits: Vec<ExitOp>,
    commits: Vec<Commit>,
    raises: Vec<RaiseOp>,
    /// Guest address of each instruction.
    pcs: Vec<u64>,
    /// A conditional exit has run since the profile was last taken.
    pub profiled: bool,
}

impl Program {
    /// The branch profile gathered since the last call, as (instruction address, taken, not
    /// taken) of each conditional exit that ran; the counts restart from zero.
    pub fn take_profile(&mut self) -> impl Iterator<Item = (u64, u32, u32)> + '_ {
        let pcs = &self.pcs;
        self.profiled = false;
        self.exits.iter_mut().filter(|x| x.taken | x.not_taken != 0).map(|x| {
            let r = (pcs[x.insn as usize], x.taken, x.not_taken);
            x.taken = 0;
            x.not_taken = 0;
            r
        })
    }

    /// Runs the program on `cpu` (an ISA's CPU struct, starting with a [`CpuHeader`]) and
    /// `mem`. Returns how it ended and the index of the instruction it ended in (for
    /// [`VmExit::Bail`], the instruction to run next, not begun; otherwise the last one run),
    /// with the header's `pc` (and exception word) set.
    ///
    /// # Safety
    /// `cpu` must point at the CPU struct of the front end that made the program (its slots
    /// address fields in it), valid and not otherwise accessed during the call.
    pub unsafe fn run<M: InterpMemory>(&mut self, cpu: *mut u8, mem: &mut M) -> (VmExit, usize) {
        let Program { ops, narrow, wide, calls, exits, commits, raises, pcs, profiled } = self;
        let (mut n, mut w) = (Regs(&mut narrow[..]), Regs(&mut wide[..]));
        let hdr = cpu as *mut CpuHeader;
        let pcs: &[u64] = pcs;
        let bail = move |insn: u16| {
            let pc = pcs[insn as usize];
            // SAFETY: the caller's contract: `cpu` starts with a header.
            unsafe { (*hdr).pc = pc };
            (VmExit::Bail, insn as usize)
        };
        let fault = move |insn: u16, addr: u64, write: bool| {
            let pc = pcs[insn as usize];
            // SAFETY: as for `bail`.
            unsafe {
                (*hdr).pc = pc;
                (*hdr).fault_addr = addr;
                (*hdr).fault_write = write as u64;
            }
            (VmExit::Fault { addr, write }, insn as usize)
        };
        let raise = move |r: RaiseOp| {
            // SAFETY: as for `bail`.
            unsafe {
                (*hdr).pc = r.pc;
                (*hdr).exception = r.exc;
            }
            (VmExit::Exception { exc: r.exc, pc: r.pc }, r.insn as usize)
        };
        let mut i = 0usize;
        loop {
            let Some(&op) = ops.get(i) else {
                // Recording ends every program with an exit or a bail.
                return bail(0);
            };
            i += 1;
            match op {
                Op::Get { d, ty, off } => n[d as usize] = read_narrow(cpu, off, ty),
                Op::Get64 { d, off } => n[d as usize] = (cpu.add(off as usize) as *const u64).read_unaligned(),
                Op::Put64 { s, off } => (cpu.add(off as usize) as *mut u64).write_unaligned(n[s as usize]),
                Op::Add { ty, d, a, b } => n[d as usize] = n[a as usize].wrapping_add(n[b as usize]) & mask(ty),
                Op::Sub { ty, d, a, b } => n[d as usize] = n[a as usize].wrapping_sub(n[b as usize]) & mask(ty),
                Op::And { d, a, b } => n[d as usize] = n[a as usize] & n[b as usize],
                Op::Or { d, a, b } => n[d as usize] = n[a as usize] | n[b as usize],
                Op::Xor { d, a, b } => n[d as usize] = n[a as usize] ^ n[b as usize],
                Op::Shl { ty, d, a, b } => n[d as usize] = (n[a as usize] << (n[b as usize] & (ty.bits() as u64 - 1))) & mask(ty),
                Op::Lshr { ty, d, a, b } => n[d as usize] = n[a as usize] >> (n[b as usize] & (ty.bits() as u64 - 1)),
                Op::Rotl { ty, d, a, b } => n[d as usize] = bin_narrow(Bk::Rotl, ty, n[a as usize], n[b as usize]),
                Op::Pack { d, n: cnt, b } => {
                    let mut v = 0u64;
                    for (k, &r) in b.iter().enumerate().take(cnt as usize) {
                        v |= n[r as usize] << k;
                    }
                    n[d as usize] = v & 0xff;
                }
                Op::Bit { d, a, n: bit } => n[d as usize] = (n[a as usize] >> bit) & 1,
                Op::MergeLo32 { d, a, lo } => n[d as usize] = (n[a as usize] & 0xffff_ffff_0000_0000) | n[lo as usize],
                Op::Eq { d, a, b } => n[d as usize] = (n[a as usize] == n[b as usize]) as u64,
                Op::Ne { d, a, b } => n[d as usize] = (n[a as usize] != n[b as usize]) as u64,
                Op::Ult { d, a, b } => n[d as usize] = (n[a as usize] < n[b as usize]) as u64,
                Op::Ugt { d, a, b } => n[d as usize] = (n[a as usize] > n[b as usize]) as u64,
                Op::Slt { ty, d, a, b } => n[d as usize] = (sext64(n[a as usize], ty) < sext64(n[b as usize], ty)) as u64,
                Op::Sgt { ty, d, a, b } => n[d as usize] = (sext64(n[a as usize], ty) > sext64(n[b as usize], ty)) as u64,
                Op::GetW { d, off } => w[d as usize] = (cpu.add(off as usize) as *const u128).read_unaligned(),
                Op::Put { s, ty, off } => write_narrow(cpu, off, ty, n[s as usize]),
                Op::PutW { s, off } => (cpu.add(off as usize) as *mut u128).write_unaligned(w[s as usize]),
                Op::Bin { k, ty, d, a, b } => n[d as usize] = bin_narrow(k, ty, n[a as usize], n[b as usize]),
                Op::BinW { k, d, a, b } => w[d as usize] = bin_wide(k, w[a as usize], w[b as usize]),
                Op::Un { k, ty, d, a } => n[d as usize] = un_narrow(k, ty, n[a as usize]),
                Op::UnW { k, d, a } => w[d as usize] = un_wide(k, w[a as usize]),
                Op::Sext { d, a, from, to } => n[d as usize] = sext64(n[a as usize], from) as u64 & mask(to),
                Op::Trunc { d, a, ty } => n[d as usize] = n[a as usize] & mask(ty),
                Op::Widen { d, a, from, signed } => {
                    w[d as usize] = if signed { sext64(n[a as usize], from) as i128 as u128 } else { n[a as usize] as u128 }
                }
                Op::Narrow { d, a, ty } => n[d as usize] = w[a as usize] as u64 & mask(ty),
                Op::Concat { d, lo, hi } => w[d as usize] = n[lo as usize] as u128 | (n[hi as usize] as u128) << 64,
                Op::Icmp { c, ty, d, a, b } => {
                    let (x, y) = (n[a as usize], n[b as usize]);
                    n[d as usize] = compare(c, x as u128, y as u128, sext64(x, ty) as i128, sext64(y, ty) as i128) as u64;
                }
                Op::IcmpW { c, d, a, b } => {
                    let (x, y) = (w[a as usize], w[b as usize]);
                    n[d as usize] = compare(c, x, y, x as i128, y as i128) as u64;
                }
                Op::Select { d, c, a, b } => n[d as usize] = if n[c as usize] != 0 { n[a as usize] } else { n[b as usize] },
                Op::SelectW { d, c, a, b } => w[d as usize] = if n[c as usize] != 0 { w[a as usize] } else { w[b as usize] },
                Op::Fma { d, a, b, c } => {
                    let f = |r: u16| f64::from_bits(n[r as usize]);
                    n[d as usize] = f(a).mul_add(f(b), f(c)).to_bits();
                }
                Op::Load { d, a, ty, big, insn } => match mem.load(n[a as usize], ty.bytes() as usize) {
                    Some(raw) => n[d as usize] = if big { swap_narrow(raw as u64, ty) } else { raw as u64 },
                    None => return fault(insn, n[a as usize], false),
                },
                Op::LoadW { d, a, big, insn } => match mem.load(n[a as usize], 16) {
                    Some(raw) => w[d as usize] = if big { raw.swap_bytes() } else { raw },
                    None => return fault(insn, n[a as usize], false),
                },
                Op::Store { a, v, ty, big, insn } => {
                    let v = if big { swap_narrow(n[v as usize], ty) } else { n[v as usize] };
                    if !mem.store(n[a as usize], &v.to_le_bytes()[..ty.bytes() as usize]) {
                        return fault(insn, n[a as usize], true);
                    }
                }
                Op::StoreW { a, v, big, insn } => {
                    let v = if big { w[v as usize].swap_bytes() } else { w[v as usize] };
                    if !mem.store(n[a as usize], &v.to_le_bytes()) {
                        return fault(insn, n[a as usize], true);
                    }
                }
                Op::Cas { d, a, e, n: new, ty, big, insn } => {
                    let size = ty.bytes();
                    let get = |r: u16| if ty == Ty::I128 { w[r as usize] } else { n[r as usize] as u128 };
                    let in_memory = |v: u128| if big { swap_bytes(v & ty.mask(), size) } else { v & ty.mask() };
                    let (exp, nv) = (in_memory(get(e)), in_memory(get(new)));
                    let Some(raw) = mem.cas(n[a as usize], size as usize, exp, nv) else {
                        return fault(insn, n[a as usize], true);
                    };
                    let old = if big { swap_bytes(raw, size) } else { raw };
                    if ty == Ty::I128 {
                        w[d as usize] = old;
                    } else {
                        n[d as usize] = old as u64;
                    }
                }
                Op::Fence => std::sync::atomic::fence(std::sync::atomic::Ordering::SeqCst),
                Op::Call { i: ci } => {
                    let c = calls[ci as usize];
                    if let Some(cond) = c.cond {
                        if n[cond as usize] == 0 {
                            n[c.d as usize] = 0;
                            continue;
                        }
                    }
                    let a = c.args.map(|r| n[r as usize]);
                    (*hdr).pc = pcs[c.insn as usize];
                    (*hdr).exception = 0;
                    let r = call_helper(&c.h, cpu, a);
                    if c.h.may_raise && (*hdr).exception != 0 {
                        if (*hdr).exception == crate::helper_mem::HELPER_FAULT {
                            // The helper left the address in the header (`helper_mem`).
                            (*hdr).exception = 0;
                            let (addr, write) = ((*hdr).fault_addr, (*hdr).fault_write != 0);
                            return fault(c.insn, addr, write);
                        }
                        return (VmExit::Exception { exc: (*hdr).exception, pc: (*hdr).pc }, c.insn as usize);
                    }
                    n[c.d as usize] = r;
                }
                Op::CallPure { i: ci } => {
                    let c = calls[ci as usize];
                    if let Some(cond) = c.cond {
                        if n[cond as usize] == 0 {
                            n[c.d as usize] = 0;
                            continue;
                        }
                    }
                    let f = PureFn { name: c.h.name, addr: c.h.addr, nargs: c.h.nargs };
                    n[c.d as usize] = crate::ir::call_pure_fn(&f, c.args.map(|r| n[r as usize]));
                }
                Op::ExitIf { c, i: xi } => {
                    let x = &mut exits[xi as usize];
                    *profiled = true;
                    if n[c as usize] == 0 {
                        x.not_taken = x.not_taken.wrapping_add(1);
                        continue;
                    }
                    x.taken = x.taken.wrapping_add(1);
                    for cm in &commits[x.from as usize..x.to as usize] {
                        if cm.slot.ty == Ty::I128 {
                            (cpu.add(cm.slot.offset as usize) as *mut u128).write_unaligned(w[cm.r as usize]);
                        } else {
                            write_narrow(cpu, cm.slot.offset, cm.slot.ty, n[cm.r as usize]);
                        }
                    }
                    (*hdr).pc = x.target;
                    return (VmExit::Jump(x.target), x.insn as usize);
                }
                Op::Jump { insn, target } => {
                    (*hdr).pc = target;
                    return (VmExit::Jump(target), insn as usize);
                }
                Op::JumpInd { a, insn } => {
                    let target = n[a as usize];
                    (*hdr).pc = target;
                    return (VmExit::Jump(target), insn as usize);
                }
                Op::Raise { i: ri } => return raise(raises[ri as usize]),
                Op::RaiseIf { c, i: ri } => {
                    if n[c as usize] != 0 {
                        return raise(raises[ri as usize]);
                    }
                }
                Op::Bail { insn } => return bail(insn),
            }
        }
    }
}

/// A register file, indexed without bounds checks: every register operand of a program
/// was handed out by `Recorder::reg`, which grows the file first, and a refused
/// instruction's registers are dropped together with every operation that names them.
struct Regs<'a, T>(&'a mut [T]);

impl<T> std::ops::Index<usize> for Regs<'_, T> {
    type Output = T;
    #[inline(always)]
    fn index(&self, i: usize) -> &T {
        debug_assert!(i < self.0.len());
        // SAFETY: see the type's docs.
        unsafe { self.0.get_unchecked(i) }
    }
}

impl<T> std::ops::IndexMut<usize> for Regs<'_, T> {
    #[inline(always)]
    fn index_mut(&mut self, i: usize) -> &mut T {
        debug_assert!(i < self.0.len());
        // SAFETY: see the type's docs.
        unsafe { self.0.get_unchecked_mut(i) }
    }
}

/// Calls `h` with the CPU pointer and its first `h.nargs` arguments of `a`.
///
/// # Safety
/// `h` was made by [`crate::helper!`] (its arity checked against the function's type) for
/// this CPU struct.
unsafe fn call_helper(h: &Helper, cpu: *mut u8, a: [u64; Helper::MAX_ARGS]) -> u64 {
    type F0 = extern "C" fn(*mut u8) -> u64;
    type F1 = extern "C" fn(*mut u8, u64) -> u64;
    type F2 = extern "C" fn(*mut u8, u64, u64) -> u64;
    type F3 = extern "C" fn(*mut u8, u64, u64, u64) -> u64;
    type F4 = extern "C" fn(*mut u8, u64, u64, u64, u64) -> u64;
    type F5 = extern "C" fn(*mut u8, u64, u64, u64, u64, u64) -> u64;
    match h.nargs {
        0 => std::mem::transmute::<usize, F0>(h.addr)(cpu),
        1 => std::mem::transmute::<usize, F1>(h.addr)(cpu, a[0]),
        2 => std::mem::transmute::<usize, F2>(h.addr)(cpu, a[0], a[1]),
        3 => std::mem::transmute::<usize, F3>(h.addr)(cpu, a[0], a[1], a[2]),
        4 => std::mem::transmute::<usize, F4>(h.addr)(cpu, a[0], a[1], a[2], a[3]),
        _ => std::mem::transmute::<usize, F5>(h.addr)(cpu, a[0], a[1], a[2], a[3], a[4]),
    }
}

#[inline(always)]
fn mask(ty: Ty) -> u64 {
    // A table rather than a branch on the type.
    const MASKS: [u64; 5] = [0xff, 0xffff, 0xffff_ffff, u64::MAX, u64::MAX];
    MASKS[ty as usize]
}

/// `v` (of type `ty`) sign-extended to 64 bits.
#[inline(always)]
fn sext64(v: u64, ty: Ty) -> i64 {
    let sh = 64 - ty.bits().min(64);
    ((v << sh) as i64) >> sh
}

#[inline(always)]
unsafe fn read_narrow(cpu: *mut u8, off: u32, ty: Ty) -> u64 {
    let p = cpu.add(off as usize);
    match ty {
        Ty::I8 => *p as u64,
        Ty::I16 => (p as *const u16).read_unaligned() as u64,
        Ty::I32 => (p as *const u32).read_unaligned() as u64,
        _ => (p as *const u64).read_unaligned(),
    }
}

#[inline(always)]
unsafe fn write_narrow(cpu: *mut u8, off: u32, ty: Ty, v: u64) {
    let p = cpu.add(off as usize);
    match ty {
        Ty::I8 => *p = v as u8,
        Ty::I16 => (p as *mut u16).write_unaligned(v as u16),
        Ty::I32 => (p as *mut u32).write_unaligned(v as u32),
        _ => (p as *mut u64).write_unaligned(v),
    }
}

#[inline(always)]
fn swap_narrow(v: u64, ty: Ty) -> u64 {
    match ty {
        Ty::I8 => v,
        Ty::I16 => (v as u16).swap_bytes() as u64,
        Ty::I32 => (v as u32).swap_bytes() as u64,
        _ => v.swap_bytes(),
    }
}

/// Reverses the low `n` bytes of `v`.
fn swap_bytes(v: u128, n: u32) -> u128 {
    if n <= 1 { v } else { v.swap_bytes() >> (128 - 8 * n) }
}

#[inline(always)]
fn compare(c: Cmp, ua: u128, ub: u128, sa: i128, sb: i128) -> bool {
    match c {
        Cmp::Eq => ua == ub,
        Cmp::Ne => ua != ub,
        Cmp::Ult => ua < ub,
        Cmp::Ule => ua <= ub,
        Cmp::Ugt => ua > ub,
        Cmp::Uge => ua >= ub,
        Cmp::Slt => sa < sb,
        Cmp::Sle => sa <= sb,
        Cmp::Sgt => sa > sb,
        Cmp::Sge => sa >= sb,
    }
}

#[inline(always)]
fn bin_narrow(k: Bk, ty: Ty, a: u64, b: u64) -> u64 {
    let bits = ty.bits();
    let m = mask(ty);
    let r = match k {
        Bk::Add => a.wrapping_add(b),
        Bk::Sub => a.wrapping_sub(b),
        Bk::And => a & b,
        Bk::Or => a | b,
        Bk::Xor => a ^ b,
        Bk::Shl => a << (b & (bits as u64 - 1)),
        Bk::Lshr => a >> (b & (bits as u64 - 1)),
        Bk::Ashr => (sext64(a, ty) >> (b & (bits as u64 - 1))) as u64,
        Bk::Rotl => {
            let s = (b & (bits as u64 - 1)) as u32;
            if s == 0 { a } else { (a << s) | (a >> (bits - s)) }
        }
        Bk::Mul => a.wrapping_mul(b),
        Bk::Umulhi => ((a as u128 * b as u128) >> bits) as u64,
        Bk::Smulhi => ((sext64(a, ty) as i128 * sext64(b, ty) as i128) >> bits) as u64,
        Bk::Udiv => a.checked_div(b).unwrap_or(0),
        Bk::Urem => a.checked_rem(b).unwrap_or(0),
        // On sign-extended values: a narrow MIN / -1 gives 2^(w-1), which truncates to MIN.
        Bk::Sdiv => {
            if b == 0 { 0 } else { sext64(a, ty).wrapping_div(sext64(b, ty)) as u64 }
        }
        Bk::Srem => {
            if b == 0 { 0 } else { sext64(a, ty).wrapping_rem(sext64(b, ty)) as u64 }
        }
        Bk::FAdd => (f64::from_bits(a) + f64::from_bits(b)).to_bits(),
        Bk::FSub => (f64::from_bits(a) - f64::from_bits(b)).to_bits(),
        Bk::FMul => (f64::from_bits(a) * f64::from_bits(b)).to_bits(),
        Bk::FDiv => (f64::from_bits(a) / f64::from_bits(b)).to_bits(),
    };
    r & m
}

fn bin_wide(k: Bk, a: u128, b: u128) -> u128 {
    match k {
        Bk::Add => a.wrapping_add(b),
        Bk::Sub => a.wrapping_sub(b),
        Bk::And => a & b,
        Bk::Or => a | b,
        Bk::Xor => a ^ b,
        Bk::Shl => a << (b % 128),
        Bk::Lshr => a >> (b % 128),
        Bk::Ashr => ((a as i128) >> (b % 128)) as u128,
        Bk::Rotl => a.rotate_left((b % 128) as u32),
        Bk::Mul => a.wrapping_mul(b),
        Bk::Umulhi => crate::interp::umulhi_128(a, b),
        Bk::Smulhi => crate::interp::smulhi_128(a as i128, b as i128),
        Bk::Udiv => a.checked_div(b).unwrap_or(0),
        Bk::Urem => a.checked_rem(b).unwrap_or(0),
        Bk::Sdiv => {
            if b == 0 { 0 } else { (a as i128).wrapping_div(b as i128) as u128 }
        }
        Bk::Srem => {
            if b == 0 { 0 } else { (a as i128).wrapping_rem(b as i128) as u128 }
        }
        // Binary64 arithmetic is on I64 only (the recorder refuses it on I128).
        Bk::FAdd | Bk::FSub | Bk::FMul | Bk::FDiv => 0,
    }
}

#[inline(always)]
fn un_narrow(k: Uk, ty: Ty, a: u64) -> u64 {
    let bits = ty.bits();
    let r = match k {
        Uk::Not => !a,
        Uk::Neg => a.wrapping_neg(),
        Uk::Clz => (a.leading_zeros() - (64 - bits)) as u64,
        Uk::Ctz => a.trailing_zeros().min(bits) as u64,
        Uk::Popcnt => a.count_ones() as u64,
        Uk::Bswap => swap_narrow(a, ty),
    };
    r & mask(ty)
}

fn un_wide(k: Uk, a: u128) -> u128 {
    match k {
        Uk::Not => !a,
        Uk::Neg => a.wrapping_neg(),
        Uk::Clz => a.leading_zeros() as u128,
        Uk::Ctz => a.trailing_zeros() as u128,
        Uk::Popcnt => a.count_ones() as u128,
        Uk::Bswap => a.swap_bytes(),
    }
}

fn overlaps(a: Slot, b: Slot) -> bool {
    a.offset < b.offset + b.ty.bytes() && b.offset < a.offset + a.ty.bytes()
}

/// Why an instruction could not be recorded (the block then stays with the interpreter).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Refused {
    /// A `get` partly overlapping a write the instruction made.
    PartialOverlap,
    /// The instruction read code bytes other than its own (s390x `EXRL`'s target).
    ReadsCode,
    /// The instruction straddles into the next page (which the interpreter notes as code).
    Straddles,
    /// Ended without an exit or raise (the interpreter reports it).
    NoExit,
    /// The block's first instruction cannot be fetched.
    Unfetchable,
    /// More registers than a program addresses.
    TooBig,
    /// Binary64 arithmetic on a non-`I64` value.
    BadType,
}

/// The recording backend of the emitter API: see the module docs.
pub struct Recorder {
    p: Program,
    /// This instruction's writes, in order.
    pending: Vec<(Slot, RV)>,
    /// Slots whose value in the CPU struct is known to be in a register (read or written
    /// since the last helper call).
    known: Vec<(Slot, RV)>,
    /// The instruction took an unconditional exit or raise: the rest of its calls do nothing.
    dead: bool,
    insn: u16,
    refused: Option<Refused>,
    zero: [Option<u16>; 5],
}

impl Default for Recorder {
    fn default() -> Self {
        Recorder::new()
    }
}

impl Recorder {
    pub fn new() -> Recorder {
        Recorder {
            p: Program {
                ops: Vec::with_capacity(64),
                narrow: Vec::with_capacity(64),
                wide: Vec::new(),
                calls: Vec::new(),
                exits: Vec::new(),
                commits: Vec::new(),
                raises: Vec::new(),
                pcs: Vec::with_capacity(16),
                profiled: false,
            },
            pending: Vec::with_capacity(8),
            known: Vec::with_capacity(32),
            dead: false,
            insn: 0,
            refused: None,
            zero: [None; 5],
        }
    }

    fn refuse(&mut self, why: Refused) {
        self.refused.get_or_insert(why);
    }

    fn reg(&mut self, ty: Ty, init: u128) -> RV {
        let file_len = if ty == Ty::I128 { self.p.wide.len() } else { self.p.narrow.len() };
        if file_len >= u16::MAX as usize {
            self.refuse(Refused::TooBig);
            return RV { r: 0, ty };
        }
        if ty == Ty::I128 {
            self.p.wide.push(init);
        } else {
            self.p.narrow.push(init as u64 & mask(ty));
        }
        RV { r: file_len as u16, ty }
    }

    fn fresh(&mut self, ty: Ty) -> RV {
        self.reg(ty, 0)
    }

    /// A register holding zero of `ty` (what calls return once the instruction is dead).
    fn zero(&mut self, ty: Ty) -> RV {
        let i = (ty.bits().trailing_zeros() - 3) as usize;
        match self.zero[i] {
            Some(r) => RV { r, ty },
            None => {
                let v = self.reg(ty, 0);
                self.zero[i] = Some(v.r);
                v
            }
        }
    }

    fn live(&self) -> bool {
        !self.dead && self.refused.is_none()
    }

    fn bin(&mut self, k: Bk, a: RV, b: RV) -> RV {
        debug_assert_eq!(a.ty, b.ty, "emitter operands of different types");
        if !self.live() {
            return self.zero(a.ty);
        }
        let d = self.fresh(a.ty);
        let (ty, dr, ar, br) = (a.ty, d.r, a.r, b.r);
        self.p.ops.push(match k {
            _ if ty == Ty::I128 => Op::BinW { k, d: dr, a: ar, b: br },
            Bk::Add => Op::Add { ty, d: dr, a: ar, b: br },
            Bk::Sub => Op::Sub { ty, d: dr, a: ar, b: br },
            Bk::And => Op::And { d: dr, a: ar, b: br },
            Bk::Or => Op::Or { d: dr, a: ar, b: br },
            Bk::Xor => Op::Xor { d: dr, a: ar, b: br },
            Bk::Shl => Op::Shl { ty, d: dr, a: ar, b: br },
            Bk::Lshr => Op::Lshr { ty, d: dr, a: ar, b: br },
            Bk::Rotl => Op::Rotl { ty, d: dr, a: ar, b: br },
            _ => Op::Bin { k, ty, d: dr, a: ar, b: br },
        });
        d
    }

    fn shift(&mut self, k: Bk, a: RV, amt: RV) -> RV {
        // The amount may have another type than the value: bring it to the value's.
        let amt = if amt.ty == a.ty {
            amt
        } else if a.ty == Ty::I128 {
            self.zext(Ty::I128, amt)
        } else if amt.ty == Ty::I128 {
            self.trunc(a.ty, amt)
        } else {
            // Only the low log2(width) bits count: truncating or zero-extending keeps them.
            RV { r: amt.r, ty: a.ty }
        };
        self.bin(k, a, amt)
    }

    fn un(&mut self, k: Uk, a: RV) -> RV {
        if !self.live() {
            return self.zero(a.ty);
        }
        let d = self.fresh(a.ty);
        self.p.ops.push(if a.ty == Ty::I128 { Op::UnW { k, d: d.r, a: a.r } } else { Op::Un { k, ty: a.ty, d: d.r, a: a.r } });
        d
    }

    fn put_ops(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for &(slot, v) in &pending {
            self.p.ops.push(match slot.ty {
                Ty::I128 => Op::PutW { s: v.r, off: slot.offset },
                Ty::I64 => Op::Put64 { s: v.r, off: slot.offset },
                ty => Op::Put { s: v.r, ty, off: slot.offset },
            });
            self.known.retain(|&(k, _)| !overlaps(k, slot));
            self.known.push((slot, v));
        }
        self.pending = pending;
        self.pending.clear();
    }

    /// Records the instruction `d` at `pc` (the `index`-th of the block): true if the block
    /// goes on after it with the instruction `len` bytes on (`Some(len)`), false if it
    /// ended the block. `None` if it could not be recorded.
    fn record_insn<F: Frontend>(&mut self, fe: &F, code: &dyn CodeSource, d: &F::Decoded, pc: u64, mode: u32) -> Option<Option<u32>> {
        self.insn = self.p.pcs.len() as u16;
        self.p.pcs.push(pc);
        self.pending.clear();
        self.dead = false;
        let watch = Watch { inner: code, pc, len: F::MAX_INSN_LEN as u64, strayed: std::cell::Cell::new(false) };
        let flow = fe.emit_decoded(self, &watch, d, pc, mode);
        if watch.strayed.get() {
            self.refuse(Refused::ReadsCode);
        }
        if self.refused.is_some() {
            return None;
        }
        if self.dead {
            return Some(None);
        }
        match flow {
            Flow::Next(len) => {
                self.put_ops();
                Some(Some(len))
            }
            Flow::Goto(target) | Flow::Call { target, .. } => {
                self.put_ops();
                self.p.ops.push(Op::Jump { insn: self.insn, target });
                Some(None)
            }
            Flow::End => {
                self.refuse(Refused::NoExit);
                None
            }
        }
    }

    /// Records the block at `start`: instructions in order until one ends it, the next would
    /// leave `start`'s page, `max_insns` are recorded or an instruction cannot be fetched.
    /// `Err` if the first instruction cannot be fetched or recorded; a later one that cannot
    /// be recorded ends the program with a bail into it (the interpreter runs it and the
    /// rest of the block).
    pub fn record_block<F: Frontend>(fe: &F, code: &dyn CodeSource, start: u64, mode: u32, max_insns: usize) -> Result<Program, Refused> {
        let mut rec = Recorder::new();
        let page = start >> crate::engine::PAGE_BITS;
        let mut pc = start;
        loop {
            let Some(d) = fe.predecode(code, pc, mode) else {
                if pc == start {
                    return Err(Refused::Unfetchable);
                }
                // As the interpreter does: leave for it (the dispatcher reports the fault).
                rec.p.ops.push(Op::Jump { insn: rec.insn, target: pc });
                return Ok(rec.p);
            };
            let mark = (rec.p.ops.len(), rec.p.narrow.len(), rec.p.wide.len(), rec.p.calls.len(), rec.p.exits.len(), rec.p.commits.len(), rec.p.raises.len());
            match rec.record_insn(fe, code, &d, pc, mode) {
                Some(Some(len)) => {
                    let next = pc.wrapping_add(len as u64);
                    if (next.wrapping_sub(1)) >> crate::engine::PAGE_BITS != page {
                        // Straddles into the next page, which the interpreter notes as code.
                        rec.refused = Some(Refused::Straddles);
                    } else if rec.p.pcs.len() >= max_insns || next >> crate::engine::PAGE_BITS != page {
                        rec.p.ops.push(Op::Jump { insn: rec.insn, target: next });
                        return Ok(rec.p);
                    } else {
                        pc = next;
                        continue;
                    }
                }
                Some(None) => return Ok(rec.p),
                None => {}
            }
            // Not recordable: drop what the instruction added and bail into it.
            let why = rec.refused.take().unwrap_or(Refused::NoExit);
            if rec.insn == 0 {
                return Err(why);
            }
            rec.p.ops.truncate(mark.0);
            rec.p.narrow.truncate(mark.1);
            rec.p.wide.truncate(mark.2);
            rec.p.calls.truncate(mark.3);
            rec.p.exits.truncate(mark.4);
            rec.p.commits.truncate(mark.5);
            rec.p.raises.truncate(mark.6);
            rec.p.ops.push(Op::Bail { insn: rec.insn });
            return Ok(rec.p);
        }
    }
}

/// The code source an instruction is recorded with: notes whether it fetched bytes beyond
/// its own (which the program could not see change).
struct Watch<'a> {
    inner: &'a dyn CodeSource,
    pc: u64,
    len: u64,
    strayed: std::cell::Cell<bool>,
}

impl CodeSource for Watch<'_> {
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool {
        let off = pc.wrapping_sub(self.pc);
        if off.checked_add(buf.len() as u64).is_none_or(|end| end > self.len) {
            self.strayed.set(true);
        }
        self.inner.fetch(pc, buf)
    }
}

impl Emitter for Recorder {
    type V = RV;

    fn ty(&self, v: RV) -> Ty {
        v.ty
    }

    fn pack_bits(&mut self, bits: &[RV]) -> RV {
        if !self.live() {
            return self.zero(Ty::I8);
        }
        if bits.len() > 4 || bits.iter().any(|b| b.ty != Ty::I8) {
            // As the trait's own definition does.
            let mut acc = self.iconst(Ty::I8, 0);
            for (i, &b) in bits.iter().enumerate() {
                let s = self.shl_imm(b, i as u32);
                acc = self.or(acc, s);
            }
            return acc;
        }
        let mut b = [0u16; 4];
        for (i, v) in bits.iter().enumerate() {
            b[i] = v.r;
        }
        let d = self.fresh(Ty::I8);
        self.p.ops.push(Op::Pack { d: d.r, n: bits.len() as u8, b });
        d
    }

    fn bit(&mut self, a: RV, n: u32) -> RV {
        if !self.live() {
            return self.zero(Ty::I8);
        }
        if a.ty == Ty::I128 || n >= a.ty.bits() {
            let s = self.lshr_imm(a, n);
            let t = self.trunc(Ty::I8, s);
            return self.and_imm(t, 1);
        }
        let d = self.fresh(Ty::I8);
        self.p.ops.push(Op::Bit { d: d.r, a: a.r, n: n as u8 });
        d
    }

    fn set_lo32(&mut self, s: Slot, lo: RV) {
        if !self.live() {
            return;
        }
        let old = self.get(s);
        if old.ty != Ty::I64 || lo.ty != Ty::I32 {
            let high = self.and_imm(old, 0xffff_ffff_0000_0000);
            let low = self.zext(Ty::I64, lo);
            let v = self.or(high, low);
            return self.set(s, v);
        }
        let d = self.fresh(Ty::I64);
        self.p.ops.push(Op::MergeLo32 { d: d.r, a: old.r, lo: lo.r });
        self.set(s, d);
    }

    fn iconst(&mut self, ty: Ty, v: u64) -> RV {
        self.reg(ty, v as u128)
    }

    fn get(&mut self, s: Slot) -> RV {
        if !self.live() {
            return self.zero(s.ty);
        }
        if let Some(&(p, v)) = self.pending.iter().rev().find(|&&(p, _)| overlaps(p, s)) {
            if p == s {
                return v;
            }
            self.refuse(Refused::PartialOverlap);
            return self.zero(s.ty);
        }
        if let Some(&(_, v)) = self.known.iter().find(|&&(k, _)| k == s) {
            return v;
        }
        let d = self.fresh(s.ty);
        self.p.ops.push(match s.ty {
            Ty::I128 => Op::GetW { d: d.r, off: s.offset },
            Ty::I64 => Op::Get64 { d: d.r, off: s.offset },
            ty => Op::Get { d: d.r, ty, off: s.offset },
        });
        self.known.push((s, d));
        d
    }

    fn set(&mut self, s: Slot, v: RV) {
        debug_assert_eq!(s.ty, v.ty, "set of a slot with a value of another type");
        if !self.live() {
            return;
        }
        // A second write of the same slot replaces the first, unless another write partly
        // overlapping it must keep its place in between.
        if let Some(i) = self.pending.iter().position(|&(p, _)| p == s) {
            if !self.pending.iter().any(|&(p, _)| p != s && overlaps(p, s)) {
                self.pending.remove(i);
            }
        }
        self.pending.push((s, v));
    }

    fn add(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Add, a, b)
    }
    fn sub(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Sub, a, b)
    }
    fn mul(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Mul, a, b)
    }
    fn umulhi(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Umulhi, a, b)
    }
    fn smulhi(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Smulhi, a, b)
    }
    fn udiv(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Udiv, a, b)
    }
    fn sdiv(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Sdiv, a, b)
    }
    fn urem(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Urem, a, b)
    }
    fn srem(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Srem, a, b)
    }
    fn and(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::And, a, b)
    }
    fn or(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Or, a, b)
    }
    fn xor(&mut self, a: RV, b: RV) -> RV {
        self.bin(Bk::Xor, a, b)
    }
    fn shl(&mut self, a: RV, amt: RV) -> RV {
        self.shift(Bk::Shl, a, amt)
    }
    fn lshr(&mut self, a: RV, amt: RV) -> RV {
        self.shift(Bk::Lshr, a, amt)
    }
    fn ashr(&mut self, a: RV, amt: RV) -> RV {
        self.shift(Bk::Ashr, a, amt)
    }
    fn rotl(&mut self, a: RV, amt: RV) -> RV {
        self.shift(Bk::Rotl, a, amt)
    }
    fn not(&mut self, a: RV) -> RV {
        self.un(Uk::Not, a)
    }
    fn neg(&mut self, a: RV) -> RV {
        self.un(Uk::Neg, a)
    }
    fn clz(&mut self, a: RV) -> RV {
        self.un(Uk::Clz, a)
    }
    fn ctz(&mut self, a: RV) -> RV {
        self.un(Uk::Ctz, a)
    }
    fn popcnt(&mut self, a: RV) -> RV {
        self.un(Uk::Popcnt, a)
    }
    fn bswap(&mut self, a: RV) -> RV {
        self.un(Uk::Bswap, a)
    }

    fn zext(&mut self, ty: Ty, a: RV) -> RV {
        if !self.live() {
            return self.zero(ty);
        }
        match (a.ty == Ty::I128, ty == Ty::I128) {
            // Narrow values are kept truncated: widening one changes nothing.
            (false, false) if ty.bits() >= a.ty.bits() => RV { r: a.r, ty },
            (false, false) => self.trunc(ty, a),
            (true, true) => a,
            (false, true) => {
                let d = self.fresh(ty);
                self.p.ops.push(Op::Widen { d: d.r, a: a.r, from: a.ty, signed: false });
                d
            }
            (true, false) => self.trunc(ty, a),
        }
    }
    fn sext(&mut self, ty: Ty, a: RV) -> RV {
        if !self.live() {
            return self.zero(ty);
        }
        if ty == a.ty {
            return a;
        }
        let d = self.fresh(ty);
        self.p.ops.push(match (a.ty == Ty::I128, ty == Ty::I128) {
            (false, false) if ty.bits() > a.ty.bits() => Op::Sext { d: d.r, a: a.r, from: a.ty, to: ty },
            (false, false) => Op::Trunc { d: d.r, a: a.r, ty },
            (false, true) => Op::Widen { d: d.r, a: a.r, from: a.ty, signed: true },
            _ => Op::Narrow { d: d.r, a: a.r, ty },
        });
        d
    }
    fn trunc(&mut self, ty: Ty, a: RV) -> RV {
        if !self.live() {
            return self.zero(ty);
        }
        if ty == a.ty {
            return a;
        }
        if a.ty != Ty::I128 && ty != Ty::I128 && ty.bits() > a.ty.bits() {
            // "Truncating" to a wider type: a zero extension, as the interpreter's masking
            // gives (narrow values are kept truncated, so the register serves as it is).
            return RV { r: a.r, ty };
        }
        let d = self.fresh(ty);
        self.p.ops.push(match (a.ty == Ty::I128, ty == Ty::I128) {
            (true, false) => Op::Narrow { d: d.r, a: a.r, ty },
            (false, false) => Op::Trunc { d: d.r, a: a.r, ty },
            _ => Op::Widen { d: d.r, a: a.r, from: a.ty, signed: false },
        });
        d
    }
    fn concat(&mut self, lo: RV, hi: RV) -> RV {
        if !self.live() {
            return self.zero(Ty::I128);
        }
        let d = self.fresh(Ty::I128);
        self.p.ops.push(Op::Concat { d: d.r, lo: lo.r, hi: hi.r });
        d
    }

    fn icmp(&mut self, c: Cmp, a: RV, b: RV) -> RV {
        debug_assert_eq!(a.ty, b.ty, "emitter operands of different types");
        if !self.live() {
            return self.zero(Ty::I8);
        }
        let d = self.fresh(Ty::I8);
        let (ty, dr, ar, br) = (a.ty, d.r, a.r, b.r);
        self.p.ops.push(match c {
            _ if ty == Ty::I128 => Op::IcmpW { c, d: dr, a: ar, b: br },
            Cmp::Eq => Op::Eq { d: dr, a: ar, b: br },
            Cmp::Ne => Op::Ne { d: dr, a: ar, b: br },
            Cmp::Ult => Op::Ult { d: dr, a: ar, b: br },
            Cmp::Ugt => Op::Ugt { d: dr, a: ar, b: br },
            Cmp::Slt => Op::Slt { ty, d: dr, a: ar, b: br },
            Cmp::Sgt => Op::Sgt { ty, d: dr, a: ar, b: br },
            _ => Op::Icmp { c, ty, d: dr, a: ar, b: br },
        });
        d
    }
    fn select(&mut self, c: RV, a: RV, b: RV) -> RV {
        debug_assert_eq!(a.ty, b.ty, "emitter operands of different types");
        if !self.live() {
            return self.zero(a.ty);
        }
        let c = self.narrow_cond(c);
        let d = self.fresh(a.ty);
        self.p.ops.push(if a.ty == Ty::I128 { Op::SelectW { d: d.r, c: c.r, a: a.r, b: b.r } } else { Op::Select { d: d.r, c: c.r, a: a.r, b: b.r } });
        d
    }

    fn f64_op(&mut self, op: FloatOp, a: RV, b: RV) -> RV {
        if a.ty != Ty::I64 && self.live() {
            self.refuse(Refused::BadType);
        }
        let k = match op {
            FloatOp::Add => Bk::FAdd,
            FloatOp::Sub => Bk::FSub,
            FloatOp::Mul => Bk::FMul,
            FloatOp::Div => Bk::FDiv,
        };
        self.bin(k, a, b)
    }
    fn f64_fma(&mut self, a: RV, b: RV, c: RV) -> RV {
        if !self.live() {
            return self.zero(a.ty);
        }
        if a.ty != Ty::I64 {
            self.refuse(Refused::BadType);
            return self.zero(a.ty);
        }
        let d = self.fresh(a.ty);
        self.p.ops.push(Op::Fma { d: d.r, a: a.r, b: b.r, c: c.r });
        d
    }

    fn load(&mut self, ty: Ty, addr: RV, e: Endian) -> RV {
        if !self.live() {
            return self.zero(ty);
        }
        let a = self.narrow_addr(addr);
        let d = self.fresh(ty);
        let (big, insn) = (e == Endian::Big, self.insn);
        self.p.ops.push(if ty == Ty::I128 { Op::LoadW { d: d.r, a: a.r, big, insn } } else { Op::Load { d: d.r, a: a.r, ty, big, insn } });
        d
    }
    fn store(&mut self, ty: Ty, addr: RV, v: RV, e: Endian) {
        if !self.live() {
            return;
        }
        let a = self.narrow_addr(addr);
        let v = self.to_ty(ty, v);
        let (big, insn) = (e == Endian::Big, self.insn);
        self.p.ops.push(if ty == Ty::I128 { Op::StoreW { a: a.r, v: v.r, big, insn } } else { Op::Store { a: a.r, v: v.r, ty, big, insn } });
    }
    fn cas(&mut self, ty: Ty, addr: RV, expected: RV, new: RV, e: Endian) -> RV {
        if !self.live() {
            return self.zero(ty);
        }
        let a = self.narrow_addr(addr);
        let (expected, new) = (self.to_ty(ty, expected), self.to_ty(ty, new));
        let d = self.fresh(ty);
        let insn = self.insn;
        self.p.ops.push(Op::Cas { d: d.r, a: a.r, e: expected.r, n: new.r, ty, big: e == Endian::Big, insn });
        d
    }
    fn fence(&mut self) {
        if self.live() {
            self.p.ops.push(Op::Fence);
        }
    }

    fn call(&mut self, h: &Helper, args: &[RV]) -> RV {
        self.call_op(None, h, args)
    }
    fn call_if(&mut self, c: RV, h: &Helper, args: &[RV]) -> RV {
        if !self.live() {
            return self.zero(Ty::I64);
        }
        let c = self.narrow_cond(c);
        self.call_op(Some(c.r), h, args)
    }
    fn call_pure(&mut self, f: &PureFn, args: &[RV]) -> RV {
        self.call_pure_op(None, f, args)
    }
    fn call_pure_if(&mut self, c: RV, f: &PureFn, args: &[RV]) -> RV {
        if !self.live() {
            return self.zero(Ty::I64);
        }
        let c = self.narrow_cond(c);
        self.call_pure_op(Some(c.r), f, args)
    }

    fn exit_if(&mut self, c: RV, pc: u64) {
        if !self.live() {
            return;
        }
        let c = self.narrow_cond(c);
        let from = self.p.commits.len() as u32;
        for &(slot, v) in &self.pending {
            self.p.commits.push(Commit { slot, r: v.r });
        }
        let to = self.p.commits.len() as u32;
        let i = self.p.exits.len();
        if i >= u16::MAX as usize {
            self.refuse(Refused::TooBig);
            return;
        }
        self.p.exits.push(ExitOp { target: pc, insn: self.insn, from, to, taken: 0, not_taken: 0 });
        self.p.ops.push(Op::ExitIf { c: c.r, i: i as u16 });
    }
    fn exit(&mut self, pc: u64) {
        if !self.live() {
            return;
        }
        self.put_ops();
        self.p.ops.push(Op::Jump { insn: self.insn, target: pc });
        self.dead = true;
    }
    fn exit_indirect(&mut self, pc: RV) {
        if !self.live() {
            return;
        }
        let a = self.narrow_addr(pc);
        self.put_ops();
        self.p.ops.push(Op::JumpInd { a: a.r, insn: self.insn });
        self.dead = true;
    }
    fn raise(&mut self, exc: u32, pc: u64) {
        if !self.live() {
            return;
        }
        if let Some(i) = self.raise_op(exc, pc) {
            self.p.ops.push(Op::Raise { i });
        }
        self.dead = true;
    }
    fn raise_if(&mut self, c: RV, exc: u32, pc: u64) {
        if !self.live() {
            return;
        }
        let c = self.narrow_cond(c);
        if let Some(i) = self.raise_op(exc, pc) {
            self.p.ops.push(Op::RaiseIf { c: c.r, i });
        }
    }
}

impl Recorder {
    fn raise_op(&mut self, exc: u32, pc: u64) -> Option<u16> {
        let i = self.p.raises.len();
        if i >= u16::MAX as usize {
            self.refuse(Refused::TooBig);
            return None;
        }
        self.p.raises.push(RaiseOp { exc, pc, insn: self.insn });
        Some(i as u16)
    }

    /// A condition as a narrow register (a wide one is compared with zero).
    fn narrow_cond(&mut self, c: RV) -> RV {
        if c.ty != Ty::I128 {
            return c;
        }
        let z = self.reg(Ty::I128, 0);
        self.icmp(Cmp::Ne, c, z)
    }

    /// `v` zero-extended or truncated to `ty` (as the interpreter masks a stored value).
    fn to_ty(&mut self, ty: Ty, v: RV) -> RV {
        if v.ty == ty { v } else if ty.bits() > v.ty.bits() { self.zext(ty, v) } else { self.trunc(ty, v) }
    }

    /// An address as a narrow `I64` register.
    fn narrow_addr(&mut self, a: RV) -> RV {
        if a.ty == Ty::I128 { self.trunc(Ty::I64, a) } else { RV { r: a.r, ty: Ty::I64 } }
    }

    fn call_op(&mut self, cond: Option<u16>, h: &Helper, args: &[RV]) -> RV {
        assert_eq!(args.len(), h.nargs as usize, "helper {} called with the wrong arity", h.name);
        let d = self.push_call(cond, *h, args, false);
        // The helper may have changed any guest state in the struct.
        self.known.clear();
        d
    }

    /// A pure function call: like [`Recorder::call_op`]'s, but guest state stays known.
    fn call_pure_op(&mut self, cond: Option<u16>, f: &PureFn, args: &[RV]) -> RV {
        assert!(args.len() == f.nargs as usize && args.len() <= PureFn::MAX_ARGS, "pure function {} called with the wrong arity", f.name);
        let h = Helper { name: f.name, addr: f.addr, nargs: f.nargs, may_raise: false };
        self.push_call(cond, h, args, true)
    }

    /// Records a call of `h` (a pure function when `pure`): its result register.
    fn push_call(&mut self, cond: Option<u16>, h: Helper, args: &[RV], pure: bool) -> RV {
        if !self.live() {
            return self.zero(Ty::I64);
        }
        let mut a = [0u16; Helper::MAX_ARGS];
        for (i, v) in args.iter().enumerate() {
            a[i] = self.narrow_addr(*v).r;
        }
        let d = self.fresh(Ty::I64);
        let i = self.p.calls.len();
        if i >= u16::MAX as usize {
            self.refuse(Refused::TooBig);
            return d;
        }
        self.p.calls.push(CallOp { h, args: a, d: d.r, cond, insn: self.insn });
        self.p.ops.push(if pure { Op::CallPure { i: i as u16 } } else { Op::Call { i: i as u16 } });
        d
    }
}

#[cfg(test)]
mod tests {
    //! The recorded programs against the interpreter they stand in for: random instruction
    //! semantics (every emitter operation, every type, overlapping slots, faults, helpers,
    //! exits and raises) run both ways from the same state must leave the same CPU struct,
    //! memory and outcome. The guest-visible results of real instructions are checked against
    //! QEMU by the differential harness with this tier forced (`BIGIRON_VM_AFTER=0`).
    use super::*;
    use crate::cpu::GuestCpu;
    use crate::interp::{step, Outcome, TestMemory};
    use crate::testmem::Rng;
    use std::mem::offset_of;

    #[repr(C)]
    #[derive(Default, Clone, PartialEq, Debug)]
    struct Cpu {
        hdr: CpuHeader,
        r: [u64; 8],
        v: [u128; 2],
    }
    unsafe impl GuestCpu for Cpu {
        fn header(&self) -> &CpuHeader {
            &self.hdr
        }
        fn header_mut(&mut self) -> &mut CpuHeader {
            &mut self.hdr
        }
    }

    /// Slots of the test CPU, overlapping views included.
    fn slots() -> Vec<Slot> {
        let r = offset_of!(Cpu, r);
        let v = offset_of!(Cpu, v);
        let mut s = Vec::new();
        for i in 0..8 {
            s.push(Slot::new(r + 8 * i, Ty::I64));
        }
        s.extend([Slot::new(r, Ty::I32), Slot::new(r + 12, Ty::I32), Slot::new(r + 17, Ty::I8), Slot::new(r + 26, Ty::I16)]);
        s.extend([Slot::new(v, Ty::I128), Slot::new(v + 16, Ty::I128), Slot::new(v + 8, Ty::I64), Slot::new(v + 16, Ty::I64)]);
        // Same-typed views that overlap two others each.
        s.extend([Slot::new(r + 4, Ty::I64), Slot::new(v + 8, Ty::I128)]);
        s
    }

    const DATA: u64 = 0x20000;
    const CODE: u64 = 0x10000;
    const TYS: [Ty; 5] = [Ty::I8, Ty::I16, Ty::I32, Ty::I64, Ty::I128];


    extern "C" fn helper_mix(cpu: *mut u8, a: u64, b: u64) -> u64 {
        // SAFETY: the tests pass their `Cpu`.
        let c = unsafe { &mut *(cpu as *mut Cpu) };
        c.r[7] = c.r[7].wrapping_mul(31).wrapping_add(a);
        a.rotate_left(7) ^ b ^ c.r[0]
    }
    extern "C" fn pure_mix(a: u64, b: u64, c: u64) -> u64 {
        a.rotate_left(13) ^ b.wrapping_mul(0x9e37_79b9) ^ c >> 3
    }
    extern "C" fn helper_raise(cpu: *mut u8, a: u64) -> u64 {
        // SAFETY: as above.
        let c = unsafe { &mut *(cpu as *mut Cpu) };
        if a & 0xf == 3 {
            c.hdr.exception = 77;
            c.hdr.pc = 0x4444;
        }
        a
    }

    /// `v` as a value of `ty` (extended by `sign`, or truncated).
    fn to<E: Emitter>(e: &mut E, v: E::V, ty: Ty, sign: bool) -> E::V {
        let t = e.ty(v);
        if t == ty {
            v
        } else if t.bits() < ty.bits() {
            if sign { e.sext(ty, v) } else { e.zext(ty, v) }
        } else {
            e.trunc(ty, v)
        }
    }

    /// Emits random semantics chosen by `seed` (the same calls for every backend).
    fn emit_random<E: Emitter>(e: &mut E, seed: u64, pc: u64) -> Flow {
        let mut g = Rng(seed | 1);
        let slots = slots();
        let mut pool: Vec<E::V> = Vec::new();
        let c = e.iconst(Ty::I64, g.next());
        pool.push(c);
        for _ in 0..2 + g.below(24) {
            let pick = |g: &mut Rng, pool: &Vec<E::V>| pool[g.below(pool.len() as u64) as usize];
            let ty = TYS[g.below(5) as usize];
            let v = match g.below(20) {
                0 => e.iconst(ty, if g.below(4) == 0 { g.below(70) } else { g.next() }),
                1 | 2 => e.get(slots[g.below(slots.len() as u64) as usize]),
                3 => {
                    let s = slots[g.below(slots.len() as u64) as usize];
                    let x = pick(&mut g, &pool);
                    let sign = g.below(2) == 0;
                    let x = to(e, x, s.ty, sign);
                    e.set(s, x);
                    continue;
                }
                4..=7 => {
                    let (a, b) = (pick(&mut g, &pool), pick(&mut g, &pool));
                    let (a, b) = (to(e, a, ty, false), to(e, b, ty, true));
                    match g.below(16) {
                        0 => e.add(a, b),
                        1 => e.sub(a, b),
                        2 => e.mul(a, b),
                        3 => e.umulhi(a, b),
                        4 => e.smulhi(a, b),
                        5 => e.udiv(a, b),
                        6 => e.sdiv(a, b),
                        7 => e.urem(a, b),
                        8 => e.srem(a, b),
                        9 => e.and(a, b),
                        10 => e.or(a, b),
                        11 => e.xor(a, b),
                        12 => e.shl(a, b),
                        13 => e.lshr(a, b),
                        14 => e.ashr(a, b),
                        _ => e.rotl(a, b),
                    }
                }
                8 => {
                    let a = pick(&mut g, &pool);
                    let a = to(e, a, ty, true);
                    match g.below(6) {
                        0 => e.not(a),
                        1 => e.neg(a),
                        2 => e.clz(a),
                        3 => e.ctz(a),
                        4 => e.popcnt(a),
                        _ => e.bswap(a),
                    }
                }
                9 => {
                    let a = pick(&mut g, &pool);
                    match g.below(4) {
                        0 => e.sext(ty, a),
                        1 => e.zext(ty, a),
                        2 => e.trunc(ty, a),
                        _ => {
                            let b = pick(&mut g, &pool);
                            let (a, b) = (to(e, a, Ty::I64, false), to(e, b, Ty::I64, false));
                            e.concat(a, b)
                        }
                    }
                }
                10 => {
                    let (a, b) = (pick(&mut g, &pool), pick(&mut g, &pool));
                    let (a, b) = (to(e, a, ty, false), to(e, b, ty, false));
                    let cmps = [Cmp::Eq, Cmp::Ne, Cmp::Ult, Cmp::Ule, Cmp::Ugt, Cmp::Uge, Cmp::Slt, Cmp::Sle, Cmp::Sgt, Cmp::Sge];
                    let c = e.icmp(cmps[g.below(10) as usize], a, b);
                    if g.below(2) == 0 { e.select(c, a, b) } else { c }
                }
                11 | 12 => {
                    // A data access: mostly in the mapped page, sometimes across its end.
                    let a = pick(&mut g, &pool);
                    let a = to(e, a, Ty::I64, false);
                    let off = e.and_imm(a, if g.below(8) == 0 { 0x1fff } else { 0xff8 });
                    let addr = e.add_imm(off, DATA as i64);
                    let end = if g.below(2) == 0 { Endian::Big } else { Endian::Little };
                    match g.below(3) {
                        0 => e.load(ty, addr, end),
                        1 => {
                            let x = pick(&mut g, &pool);
                            let x = to(e, x, ty, false);
                            e.store(ty, addr, x, end);
                            continue;
                        }
                        _ => {
                            let (x, y) = (pick(&mut g, &pool), pick(&mut g, &pool));
                            let (x, y) = (to(e, x, ty, false), to(e, y, ty, false));
                            e.cas(ty, addr, x, y, end)
                        }
                    }
                }
                13 => {
                    let (a, b) = (pick(&mut g, &pool), pick(&mut g, &pool));
                    let (a, b) = (to(e, a, Ty::I64, false), to(e, b, Ty::I64, true));
                    match g.below(5) {
                        0 => e.call(&crate::helper!(helper_mix, 2, false), &[a, b]),
                        1 => {
                            let c = e.bit(a, g.below(64) as u32);
                            e.call_if(c, &crate::helper!(helper_mix, 2, false), &[a, b])
                        }
                        2 => e.call(&crate::helper!(helper_raise, 1, true), &[a]),
                        3 => e.call_pure(&crate::pure_fn!(pure_mix, 3), &[a, b, a]),
                        _ => {
                            let c = e.bit(b, g.below(64) as u32);
                            e.call_pure_if(c, &crate::pure_fn!(pure_mix, 3), &[b, a, b])
                        }
                    }
                }
                14 => {
                    let a = pick(&mut g, &pool);
                    let a = to(e, a, Ty::I64, false);
                    let c = e.bit(a, g.below(64) as u32);
                    if g.below(3) == 0 {
                        e.raise_if(c, 5, pc);
                    } else {
                        e.exit_if(c, 0x3000 + 4 * g.below(16));
                    }
                    continue;
                }
                15 => {
                    let bits: Vec<E::V> = (0..1 + g.below(4))
                        .map(|_| {
                            let a = pick(&mut g, &pool);
                            let a = to(e, a, Ty::I64, false);
                            let n = g.below(64) as u32;
                            e.bit(a, n)
                        })
                        .collect();
                    e.pack_bits(&bits)
                }
                16 => {
                    let s = Slot::new(offset_of!(Cpu, r) + 8 * g.below(8) as usize, Ty::I64);
                    if g.below(2) == 0 {
                        e.get_lo32(s)
                    } else {
                        let a = pick(&mut g, &pool);
                        let a = to(e, a, Ty::I32, false);
                        e.set_lo32(s, a);
                        continue;
                    }
                }
                17 => {
                    let (a, b) = (pick(&mut g, &pool), pick(&mut g, &pool));
                    let (a, b) = (to(e, a, Ty::I64, false), to(e, b, Ty::I64, false));
                    let ops = [FloatOp::Add, FloatOp::Sub, FloatOp::Mul, FloatOp::Div];
                    let r = if g.below(5) == 0 { e.f64_fma(a, b, a) } else { e.f64_op(ops[g.below(4) as usize], a, b) };
                    // Which NaN comes out is unspecified (backends may differ): one for all.
                    let mag = e.and_imm(r, 0x7fff_ffff_ffff_ffff);
                    let nan = e.icmp_imm(Cmp::Ugt, mag, 0x7ff0_0000_0000_0000);
                    let q = e.iconst(Ty::I64, 0x7ff8_0000_0000_0000);
                    e.select(nan, q, r)
                }
                18 => {
                    let (a, b) = (pick(&mut g, &pool), pick(&mut g, &pool));
                    let (a, b) = (to(e, a, ty, false), to(e, b, ty, false));
                    let s = g.below(2) == 0;
                    e.signed_overflow(a, b, s)
                }
                _ => {
                    let a = pick(&mut g, &pool);
                    e.fence();
                    a
                }
            };
            pool.push(v);
        }
        match g.below(12) {
            0 => {
                e.exit(0x5000);
                Flow::End
            }
            1 => {
                let a = pool[g.below(pool.len() as u64) as usize];
                let a = to(e, a, Ty::I64, false);
                let t = e.and_imm(a, 0xfc);
                let t = e.add_imm(t, 0x6000);
                e.exit_indirect(t);
                Flow::End
            }
            2 => Flow::Goto(0x7000),
            3 if g.below(4) == 0 => {
                e.raise(9, pc);
                Flow::End
            }
            _ => Flow::Next(4),
        }
    }

    /// Instructions are 4-byte seeds for `emit_random`.
    struct Fe;
    impl Frontend for Fe {
        type Cpu = Cpu;
        fn mode(_: &Cpu) -> u32 {
            0
        }
        const MAX_INSN_LEN: usize = 4;
        const CACHE_LIMIT: u32 = 0;
        fn name(&self) -> &'static str {
            "random"
        }
        type Decoded = u32;
        fn predecode(&self, code: &dyn CodeSource, pc: u64, _mode: u32) -> Option<u32> {
            let mut b = [0u8; 4];
            code.fetch(pc, &mut b).then(|| u32::from_le_bytes(b))
        }
        fn emit_decoded<E: Emitter>(&self, e: &mut E, _: &dyn CodeSource, &d: &u32, pc: u64, _mode: u32) -> Flow {
            emit_random(e, (d as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15), pc)
        }
        fn disasm(&self, _: &dyn CodeSource, _: u64, _: u32) -> (String, u32) {
            (String::new(), 4)
        }
    }

    /// Runs the block at `CODE` in the interpreter from instruction `from` (already at the
    /// header's PC), as the engine does: until an exit, a raise, a fault or the block's end.
    fn interpret(cpu: &mut Cpu, mem: &mut TestMemory, code: &TestMemory, mut n: usize, max: usize) -> Outcome {
        loop {
            let o = step(&Fe, cpu, mem, code);
            n += 1;
            match o {
                Outcome::Next(next) if n < max && next >> crate::engine::PAGE_BITS == CODE >> crate::engine::PAGE_BITS => {}
                o => return o,
            }
        }
    }

    fn state(seed: u64) -> (Cpu, TestMemory, TestMemory) {
        let mut g = Rng(seed);
        let mut cpu = Cpu::default();
        for r in cpu.r.iter_mut() {
            *r = if g.below(3) == 0 { g.below(300) } else { g.next() };
        }
        for v in cpu.v.iter_mut() {
            *v = (g.next() as u128) << 64 | g.next() as u128;
        }
        cpu.hdr.pc = CODE;
        let mut code = TestMemory::new();
        let insns: Vec<u8> = (0..16).flat_map(|_| (g.next() as u32).to_le_bytes()).collect();
        code.write(CODE, &insns);
        let mut mem = TestMemory::new();
        let data: Vec<u8> = (0..4096).map(|_| g.next() as u8).collect();
        mem.write(DATA, &data);
        (cpu, mem, code)
    }

    #[test]
    fn recorded_programs_agree_with_the_interpreter() {
        let (mut bails, mut refused, mut whole, mut faults) = (0, 0, 0, 0);
        for seed in 1..3000u64 {
            let max = 1 + (seed % 12) as usize;
            let (mut c1, mut m1, code) = state(seed);
            let (mut c2, mut m2) = (c1.clone(), m1.clone());
            let o1 = interpret(&mut c1, &mut m1, &code, 0, max);
            let o2 = match Recorder::record_block(&Fe, &code, CODE, 0, max) {
                Err(_) => {
                    refused += 1;
                    interpret(&mut c2, &mut m2, &code, 0, max)
                }
                Ok(mut p) => {
                    // SAFETY: `c2` is the front end's CPU struct.
                    let (out, k) = unsafe { p.run(&mut c2 as *mut Cpu as *mut u8, &mut m2) };
                    match out {
                        VmExit::Bail => {
                            bails += 1;
                            assert_eq!(c2.hdr.pc, CODE + 4 * k as u64, "seed {seed}: a bail leaves the PC at its instruction");
                            interpret(&mut c2, &mut m2, &code, k, max)
                        }
                        VmExit::Jump(pc) => {
                            whole += 1;
                            Outcome::Jump(pc)
                        }
                        VmExit::Exception { exc, pc } => {
                            whole += 1;
                            Outcome::Exception { exc, pc }
                        }
                        VmExit::Fault { addr, write } => {
                            faults += 1;
                            Outcome::Fault { addr, write }
                        }
                    }
                }
            };
            // The interpreter tells a fall-through from a jump; the program leaves either way.
            let norm = |o: Outcome| match o {
                Outcome::Next(pc) => Outcome::Jump(pc),
                o => o,
            };
            assert_eq!(norm(o1), norm(o2), "seed {seed}: outcome");
            assert_eq!(c1, c2, "seed {seed}: CPU state");
            assert_eq!(m1.read(DATA, 4096), m2.read(DATA, 4096), "seed {seed}: memory");
        }
        // The random blocks exercise all three paths.
        eprintln!("whole {whole}, faults {faults}, bails {bails}, refused {refused}");
        assert!(whole > 1000 && faults > 100 && bails > 100 && refused > 10, "whole {whole}, faults {faults}, bails {bails}, refused {refused}");
    }
}
