//! Compiling one block with Cranelift, on the guest's thread or on a background worker.
//!
//! [`Compiler`] owns what a compile needs (the target ISA, a `Context`, a builder context) and
//! turns the guest code at a PC into machine-code bytes; it knows nothing of the code cache.
//! [`Worker`] runs a `Compiler` on its own thread: the engine sends a [`Job`] holding a
//! snapshot of the block's instruction bytes (so the worker never reads guest memory, which
//! the guest may be changing), and later installs the returned bytes — unless the block was
//! invalidated or the cache flushed meanwhile, in which case the result is dropped. A guest
//! write to code therefore always wins over a compile in flight.

use crate::codegen::{block_signature, AccessSite, ClifEmitter, Env, Plan, SsaLoops};
use crate::ir::Emitter;
use crate::engine::{OptLevel, PAGE_BITS};
use crate::frontend::{CodeSource, Flow, Frontend};
use crate::log::LogFlags;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::{Function, Signature, UserFuncName};
use cranelift_codegen::isa::OwnedTargetIsa;
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use crossbeam::channel::{unbounded, Receiver, Sender};
use std::sync::Arc;
use std::time::Instant;

/// What to compile.
#[derive(Clone, Debug)]
pub struct Request {
    pub pc: u64,
    pub mode: u32,
    pub env: Env,
    pub max_insns: usize,
    /// Side-exit targets on the block's page that may be compiled into the same function.
    pub max_paths: usize,
    /// Most guest pages one function's trace may run over (following branches, calls and
    /// returns); 1 keeps it on its first page.
    pub max_pages: usize,
    /// Whether a followed call may be the branch that takes the trace onto a new page.
    pub calls_across_pages: bool,
    /// Functions with internal edges (loops) keep guest state in variables across them
    /// (a second build); otherwise the struct carries it over each edge.
    pub ssa_loops: SsaLoops,
    /// The interpreter's (pc, taken, not taken) counts of conditional exits on the pages
    /// the trace may run over.
    pub profile: Vec<(u64, u32, u32)>,
    pub log: LogFlags,
}

/// A compiled block, not yet placed in the code buffer.
#[derive(Debug)]
pub struct Compiled {
    pub bytes: Vec<u8>,
    pub insns: usize,
    /// Guest pages (address >> `PAGE_BITS`) holding bytes of the translated instructions.
    pub pages: Vec<u64>,
    pub ns: u64,
    /// Where a host fault inside this code came from (see [`FaultMap`]).
    pub faults: FaultMap,
    /// Direct exits: offset of each `jmp rel32` displacement, and the guest target.
    pub exits: Vec<(u32, u64)>,
}

/// Maps a host code offset inside a block to the guest instruction whose memory access it
/// performs: `ranges` of code offsets (sorted) carry access numbers (1-based) into `pcs`.
#[derive(Clone, Debug, Default)]
pub struct FaultMap {
    pub ranges: Vec<(u32, u32, u32)>,
    pub pcs: Vec<AccessSite>,
}

impl FaultMap {
    /// The access at code offset `off`.
    pub fn site(&self, off: u32) -> Option<AccessSite> {
        let i = self.ranges.partition_point(|r| r.1 <= off);
        let &(start, end, n) = self.ranges.get(i)?;
        if off < start || off >= end || n == 0 {
            return None;
        }
        self.pcs.get(n as usize - 1).copied()
    }
}

/// Most instructions of a callee a trace inlines after following a call onto a new page:
/// every caller's trace gets its own copy, so without a bound a long callee called from many
/// places is compiled many times (the JIT-forced differential test, whose cases each call a
/// register dump, compiled 3x longer). 64 keeps ppc64's `-Os` save/restore routines and
/// small helpers inline (busybox sort and sh as without a bound, awk about 4% slower).
const CALLEE_BUDGET: usize = 64;
/// The budget of a call onto a new page made inside such a callee (one more level): enough
/// for the save/restore routines a `-Os` callee's own prologue calls (`_savegpr0_14` is 19
/// instructions and a return), so the callee does not leave the trace at its first
/// instruction.
const NESTED_CALLEE_BUDGET: usize = 24;
/// Levels of calls onto new pages a trace follows.
const MAX_CALLEE_DEPTH: usize = 2;

/// Runs Cranelift's verifier on `func` with its block-function signatures in the `tail`
/// convention: the verifier allows tail calls in that convention only, and block functions
/// use `winch` (see codegen's module docs), which differs in callee-saved registers alone.
/// Panics naming the errors.
pub fn verify_as_tail(func: &Function, isa: &dyn cranelift_codegen::isa::TargetIsa) {
    use cranelift_codegen::isa::CallConv;
    let mut twin = func.clone();
    let swap = |s: &mut Signature| {
        if s.call_conv == crate::codegen::BLOCK_CALL_CONV {
            s.call_conv = CallConv::Tail;
        }
    };
    swap(&mut twin.signature);
    for (_, s) in twin.dfg.signatures.iter_mut() {
        swap(s);
    }
    if let Err(e) = cranelift_codegen::verify_function(&twin, isa) {
        panic!("internal error: Cranelift's verifier rejected a block:\n{}", cranelift_codegen::print_errors::pretty_verifier_error(&twin, None, e));
    }
}

pub struct Compiler {
    isa: OwnedTargetIsa,
    /// The ISA has `has_fma` set (see `Env::has_fma`).
    has_fma: bool,
    ctx: Context,
    fctx: FunctionBuilderContext,
}

fn make_isa(opt: OptLevel) -> OwnedTargetIsa {
    let mut b = settings::builder();
    let set = |b: &mut settings::Builder, k: &str, v: &str| {
        b.set(k, v).unwrap_or_else(|e| panic!("cranelift setting {k}={v}: {e}"));
    };
    set(&mut b, "opt_level", if opt == OptLevel::Speed { "speed" } else { "none" });
    // Debug builds verify each function before compiling it (`verify_as_tail`).
    set(&mut b, "enable_verifier", "false");
    set(&mut b, "unwind_info", "false");
    // Cranelift's tail calls (block chaining) need frame pointers.
    set(&mut b, "preserve_frame_pointers", "true");
    let flags = settings::Flags::new(b);
    let builder = cranelift_native::builder().unwrap_or_else(|e| panic!("host not supported by Cranelift: {e}"));
    builder.finish(flags).unwrap_or_else(|e| panic!("cranelift ISA: {e}"))
}

impl Compiler {
    pub fn new(opt: OptLevel) -> Compiler {
        let isa = make_isa(opt);
        let has_fma = isa.isa_flags().iter().any(|f| f.name == "has_fma" && f.as_bool() == Some(true));
        Compiler { isa, has_fma, ctx: Context::new(), fctx: FunctionBuilderContext::new() }
    }

    /// Compiles the block at `r.pc`. `Err(pc)` when its first instruction cannot be fetched.
    pub fn compile<F: Frontend>(&mut self, fe: &F, code: &dyn CodeSource, r: &Request) -> Result<Compiled, u64> {
        let t0 = Instant::now();
        let (pc, mode, log) = (r.pc, r.mode, r.log);
        let mut asm_log = String::new();
        // A function with internal edges is built a second time with what the first build
        // learned (see codegen's module docs).
        let (mut n, mut pages, mut pcs, mut exit_pcs, plan, _) = self.build(fe, code, r, None, &mut asm_log)?;
        if let Some(plan) = plan {
            if r.ssa_loops == SsaLoops::All || (r.ssa_loops == SsaLoops::Tight && plan.tight) {
                let held;
                (n, pages, pcs, exit_pcs, _, held) = self.build(fe, code, r, Some(plan), &mut String::new())?;
                if !held {
                    // The second build did not keep to the plan: the first build's shape.
                    (n, pages, pcs, exit_pcs, _, _) = self.build(fe, code, r, None, &mut String::new())?;
                }
            }
        }
        if log.in_asm {
            crate::log!("IN: [{} mode {mode}]\n{asm_log}\n", fe.name());
        }
        if log.op {
            crate::log!("OP: block 0x{pc:016x}\n{}\n", self.ctx.func.display());
        }
        remove_unused_loads(&mut self.ctx.func);
        if cfg!(debug_assertions) {
            verify_as_tail(&self.ctx.func, &*self.isa);
        }
        let compiled = match self.ctx.compile(&*self.isa, &mut ControlPlane::default()) {
            Ok(c) => c,
            Err(e) => panic!("internal error: Cranelift rejected the block at 0x{pc:x}: {:?}\n{}", e.inner, e.func.display()),
        };
        // The only relocations are the direct exits' `jmp rel32` to user function (1, i);
        // exit i was the i-th (and only the i-th) user name declared, so its reference is i.
        use cranelift_codegen::entity::EntityRef;
        let mut exits = Vec::new();
        for r in compiled.buffer.relocs() {
            let i = match (&r.kind, &r.target) {
                (cranelift_codegen::binemit::Reloc::X86CallPCRel4, cranelift_codegen::FinalizedRelocTarget::ExternalName(cranelift_codegen::ir::ExternalName::User(n))) => {
                    n.index()
                }
                other => panic!("translated block at 0x{pc:x}: unexpected relocation {other:?}"),
            };
            exits.push((r.offset, exit_pcs[i]));
        }
        let ranges = compiled
            .buffer
            .get_srclocs_sorted()
            .iter()
            .filter(|l| !l.loc.is_default())
            .map(|l| (l.start, l.end, l.loc.bits()))
            .collect();
        let faults = FaultMap { ranges, pcs };
        Ok(Compiled { bytes: compiled.code_buffer().to_vec(), insns: n, pages, ns: t0.elapsed().as_nanos() as u64, faults, exits })
    }
    /// Translates the block at `r.pc` into `self.ctx.func`: returns the instruction count,
    /// the guest pages its instructions lie on, the access sites, the direct exits,
    /// (first build of a function with internal edges) the plan for a second build, and
    /// (second build) whether it kept to that plan.
    #[allow(clippy::type_complexity)]
    fn build<F: Frontend>(
        &mut self,
        fe: &F,
        code: &dyn CodeSource,
        r: &Request,
        plan: Option<Plan>,
        asm_log: &mut String,
    ) -> Result<(usize, Vec<u64>, Vec<AccessSite>, Vec<u64>, Option<Plan>, bool), u64> {
        let (pc, mode, log) = (r.pc, r.mode, r.log);
        let recorder = PageRecorder { inner: code, pages: std::cell::RefCell::new(Vec::new()) };
        let code: &dyn CodeSource = &recorder;
        self.ctx.clear();
        self.ctx.func = Function::with_name_signature(UserFuncName::default(), block_signature());
        let start_page = pc >> PAGE_BITS;
        let env = Env { has_fma: self.has_fma, ..r.env };
        let mut em = ClifEmitter::with_plan(&mut self.ctx.func, &mut self.fctx, env, plan.map(|p| (pc, p)));
        em.set_profile(&r.profile);
        if r.max_paths > 0 {
            let lo = start_page << PAGE_BITS;
            em.allow_region(lo, lo + (1 << PAGE_BITS), r.max_paths);
        }
        let mut n = 0usize;
        // Pages the trace has entered: it may follow branches, calls and returns onto at
        // most `r.max_pages` of them.
        let mut pages: Vec<u64> = vec![start_page];
        let may_enter = |pages: &mut Vec<u64>, at: u64| {
            let p = at >> PAGE_BITS;
            if pages.contains(&p) {
                return true;
            }
            if pages.len() >= r.max_pages.max(1) {
                return false;
            }
            pages.push(p);
            true
        };
        // The main path, then every side-exit target the emitter deferred into this function.
        let mut path = Some(pc);
        let mut first = true;
        while let Some(start) = path {
            let mut cur = start;
            let n_before = n;
            // Instructions of this path (a branch back into it leaves instead).
            let mut seen: Vec<u64> = Vec::new();
            // Return addresses of the calls this path followed, innermost last.
            let mut returns: Vec<u64> = Vec::new();
            // Calls followed onto a new page, innermost last: (the instruction count by which
            // the callee must have returned, the depth of `returns` inside it).
            let mut callee_limits: Vec<(usize, usize)> = Vec::new();
            let next = loop {
                while callee_limits.last().is_some_and(|&(_, depth)| returns.len() < depth) {
                    callee_limits.pop();
                }
                if callee_limits.last().is_some_and(|&(limit, _)| n >= limit) {
                    // A long callee: the trace leaves here rather than inline it all.
                    break Some(cur);
                }
                seen.push(cur);
                em.begin_insn(cur);
                em.expect_return(returns.last().copied().filter(|r| !seen.contains(r)));
                match fe.translate(&mut em, code, cur, mode) {
                    None if first && n == 0 => {
                        // The builder is abandoned before `finalize`: its context still
                        // holds this function's state, which the next build must not inherit.
                        drop(em);
                        self.fctx = FunctionBuilderContext::new();
                        return Err(pc);
                    }
                    None => break Some(cur),
                    Some(flow) => {
                        if log.in_asm {
                            let (text, _) = fe.disasm(code, cur, mode);
                            asm_log.push_str(&format!("0x{cur:016x}:  {text}\n"));
                        }
                        // A mostly-taken conditional exit (per the interpreter's profile):
                        // continue the trace at its target, like an unconditional branch.
                        let follow = match (flow, em.biased_exit_target()) {
                            (Flow::Next(len), Some(t)) if n + 1 < r.max_insns && !seen.contains(&t) && may_enter(&mut pages, t) => {
                                Some((t, cur.wrapping_add(len as u64)))
                            }
                            _ => None,
                        };
                        match follow {
                            Some((_, fallthrough)) => em.follow_biased_exit(fallthrough),
                            None => em.flush_biased_exit(),
                        }
                        em.end_insn();
                        n += 1;
                        if let Some((target, _)) = follow {
                            cur = target;
                            continue;
                        }
                        let can_follow = |pages: &mut Vec<u64>, seen: &[u64], to: u64| n < r.max_insns && !seen.contains(&to) && may_enter(pages, to);
                        match flow {
                            Flow::End if em.took_expected_return() => {
                                // The expected return: go on at the return address (or leave
                                // for it directly).
                                let Some(ret) = returns.pop() else { break None };
                                if can_follow(&mut pages, &seen, ret) {
                                    cur = ret;
                                    continue;
                                }
                                break Some(ret);
                            }
                            Flow::End => break None,
                            Flow::Goto(target) | Flow::Call { target, .. } => {
                                // Follow an unconditional branch (a longer trace, one
                                // transition fewer); otherwise leave for it.
                                // A call may take the trace onto a new page only when allowed,
                                // `MAX_CALLEE_DEPTH` levels deep, and into a callee that returns
                                // within `CALLEE_BUDGET` instructions (a nested one within
                                // `NESTED_CALLEE_BUDGET`; each caller's trace inlines its own
                                // copy, so long callees cost compile time many times).
                                let new_page = !pages.contains(&(target >> PAGE_BITS));
                                let ok = match flow {
                                    Flow::Call { .. } if new_page && (!r.calls_across_pages || callee_limits.len() >= MAX_CALLEE_DEPTH) => false,
                                    _ => can_follow(&mut pages, &seen, target),
                                };
                                if ok {
                                    if let Flow::Call { ret, .. } = flow {
                                        returns.push(ret);
                                        if new_page {
                                            let limit = match callee_limits.last() {
                                                // Inside a callee: a short one, within the outer budget.
                                                Some(&(outer, _)) => (n + NESTED_CALLEE_BUDGET).min(outer),
                                                None => n + CALLEE_BUDGET,
                                            };
                                            callee_limits.push((limit, returns.len()));
                                        }
                                    }
                                    cur = target;
                                    continue;
                                }
                                em.exit(target);
                                break None;
                            }
                            Flow::Next(len) => {
                                cur = cur.wrapping_add(len as u64);
                                if n >= r.max_insns || !may_enter(&mut pages, cur) {
                                    break Some(cur);
                                }
                            }
                        }
                    }
                }
            };
            em.end_path_at(next, n == n_before);
            first = false;
            if n >= r.max_insns {
                // Out of budget: remaining deferred paths become ordinary exits.
                em.allow_region(0, 0, 0);
            }
            path = em.next_path();
            if log.in_asm && path.is_some() {
                asm_log.push_str("  -- path --\n");
            }
        }
        let held = em.plan_held();
        let (pcs, exit_pcs, plan) = em.finish(None, self.isa.frontend_config());
        // The pages the code depends on (and the engine watches for writes): every page the
        // translation read, instruction bytes (of a straddling instruction, both pages) and
        // what front ends read beside them (`EXRL` targets).
        let mut used = recorder.pages.into_inner();
        used.sort_unstable();
        Ok((n, used, pcs, exit_pcs, plan, held))
    }
}

/// Removes loads that cannot trap and whose value nothing uses, with the pure arithmetic
/// that only fed unused values. Cranelift keeps every load not marked read-only in place
/// (its optimiser treats them as side effects to order), so a load feeding only dead
/// arithmetic stayed too; a function with internal edges loads each guest register it uses
/// at its entry, also those every path writes before reading; and a 32-bit write of a
/// 64-bit register reads the register to merge the halves though only the low half may be
/// written back. Such a dead 8-byte load right after a 4-byte store of the same register
/// also cannot take its bytes from the store: measured as half the samples of s390x
/// busybox sh's hottest loop.
fn remove_unused_loads(func: &mut Function) {
    use cranelift_codegen::entity::EntityRef;
    use cranelift_codegen::ir::{InstructionData, Opcode, ValueDef};
    let removable = |func: &Function, inst| match func.dfg.insts[inst] {
        InstructionData::Load { opcode: Opcode::Load, flags, .. } => func.dfg.mem_flags[flags].notrap(),
        ref d => {
            let op = d.opcode();
            !func.dfg.inst_results(inst).is_empty()
                && !(op.is_call() || op.is_branch() || op.is_terminator() || op.can_load() || op.can_store() || op.can_trap() || op.other_side_effects())
        }
    };
    // Uses of each value (aliases resolved), then a worklist of instructions none of whose
    // results is used: removing one may leave its arguments' definitions unused.
    let mut uses = vec![0u32; func.dfg.num_values()];
    let mut insts = Vec::new();
    for block in func.layout.blocks() {
        for inst in func.layout.block_insts(block) {
            insts.push(inst);
            for v in func.dfg.inst_values(inst) {
                uses[func.dfg.resolve_aliases(v).index()] += 1;
            }
        }
    }
    let unused = |func: &Function, uses: &[u32], inst| func.dfg.inst_results(inst).iter().all(|v| uses[v.index()] == 0);
    let mut work: Vec<_> = insts.into_iter().filter(|&i| unused(func, &uses, i) && removable(func, i)).collect();
    while let Some(inst) = work.pop() {
        if func.layout.inst_block(inst).is_none() {
            continue; // already removed
        }
        let args: Vec<_> = func.dfg.inst_values(inst).map(|v| func.dfg.resolve_aliases(v)).collect();
        func.layout.remove_inst(inst);
        for v in args {
            uses[v.index()] -= 1;
            if uses[v.index()] == 0 {
                if let ValueDef::Result(def, _) = func.dfg.value_def(v) {
                    if func.layout.inst_block(def).is_some() && unused(func, &uses, def) && removable(func, def) {
                        work.push(def);
                    }
                }
            }
        }
    }
}

/// A code source that notes the guest page of every byte it hands out (each page once).
struct PageRecorder<'a> {
    inner: &'a dyn CodeSource,
    pages: std::cell::RefCell<Vec<u64>>,
}

impl CodeSource for PageRecorder<'_> {
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool {
        if !self.inner.fetch(pc, buf) {
            return false;
        }
        let mut pages = self.pages.borrow_mut();
        let last = pc.wrapping_add(buf.len().saturating_sub(1) as u64);
        for p in [pc >> PAGE_BITS, last >> PAGE_BITS] {
            if !pages.contains(&p) {
                pages.push(p);
            }
        }
        true
    }
}

/// Instruction bytes captured for a background compile: runs of guest bytes (a page, and
/// the start of the next one for an instruction that straddles), each with its address.
pub struct Snapshot {
    pub chunks: Vec<(u64, Vec<u8>)>,
}

impl CodeSource for Snapshot {
    fn fetch(&self, pc: u64, buf: &mut [u8]) -> bool {
        self.chunks.iter().any(|(start, bytes)| {
            let off = pc.wrapping_sub(*start) as usize;
            match off.checked_add(buf.len()) {
                Some(end) if end <= bytes.len() => {
                    buf.copy_from_slice(&bytes[off..end]);
                    true
                }
                _ => false,
            }
        })
    }
}

pub struct Job {
    pub id: u32,
    pub generation: u64,
    pub code: Snapshot,
    pub req: Request,
}

pub struct Done {
    pub id: u32,
    pub generation: u64,
    pub pc: u64,
    pub result: Option<Compiled>,
    /// The bytes the result was made from.
    pub snapshot: Snapshot,
}

/// A test hook: the worker waits for a permit after each compile, before handing the result
/// back, so a test can change guest code while a compile of its old bytes is in flight.
#[derive(Default, Debug)]
pub struct CompileGate {
    permits: std::sync::Mutex<u64>,
    cv: std::sync::Condvar,
}

impl CompileGate {
    /// A gate with no permits: every result waits.
    pub fn closed() -> Arc<CompileGate> {
        Arc::new(CompileGate::default())
    }
    /// Lets `n` more results through.
    pub fn open(&self, n: u64) {
        let mut p = self.permits.lock().unwrap_or_else(|e| e.into_inner());
        *p += n;
        self.cv.notify_all();
    }
    fn pass(&self) {
        let mut p = self.permits.lock().unwrap_or_else(|e| e.into_inner());
        while *p == 0 {
            p = self.cv.wait(p).unwrap_or_else(|e| e.into_inner());
        }
        *p -= 1;
    }
}

/// A background compiler thread.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    pub done: Receiver<Done>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    pub fn spawn<F: Frontend>(fe: Arc<F>, opt: OptLevel, gate: Option<Arc<CompileGate>>) -> Option<Worker> {
        let (jtx, jrx) = unbounded::<Job>();
        let (dtx, drx) = unbounded::<Done>();
        // Signals for the guest must reach guest threads, never this one (the host kernel may
        // pick any thread that does not block a process-directed signal), so the thread is
        // born with every signal blocked: it inherits the mask in effect while it is created.
        // SAFETY: changes and restores the calling thread's own mask.
        let saved = unsafe {
            let mut all: libc::sigset_t = std::mem::zeroed();
            let mut old: libc::sigset_t = std::mem::zeroed();
            libc::sigfillset(&mut all);
            libc::pthread_sigmask(libc::SIG_BLOCK, &all, &mut old);
            old
        };
        let handle = std::thread::Builder::new()
            .name("bigiron-compile".into())
            .spawn(move || {
                let mut c = Compiler::new(opt);
                for job in jrx {
                    let result = c.compile(&*fe, &job.code, &job.req).ok();
                    if let Some(g) = &gate {
                        g.pass();
                    }
                    if dtx.send(Done { id: job.id, generation: job.generation, pc: job.req.pc, result, snapshot: job.code }).is_err() {
                        break;
                    }
                }
            });
        // SAFETY: restores the mask saved above.
        unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, &saved, std::ptr::null_mut()) };
        let handle = handle.ok()?;
        Some(Worker { jobs: Some(jtx), done: drx, handle: Some(handle) })
    }

    /// Queues a job; `false` if the worker is gone.
    pub fn submit(&self, job: Job) -> bool {
        self.jobs.as_ref().is_some_and(|t| t.send(job).is_ok())
    }

    /// Stops the thread after its current job; returns the results not yet collected.
    pub fn shutdown(mut self) -> Vec<Done> {
        self.jobs = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
        self.done.try_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cranelift_codegen::ir::{types, InstBuilder, MemFlagsData};
    use cranelift_frontend::FunctionBuilder;

    /// Unused loads that cannot trap go; an unused load that may trap (a guest access, which
    /// must still fault) and used loads stay.
    #[test]
    fn only_unused_non_trapping_loads_are_removed() {
        let mut func = Function::with_name_signature(UserFuncName::default(), block_signature());
        let mut fctx = FunctionBuilderContext::new();
        let mut b = FunctionBuilder::new(&mut func, &mut fctx);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        b.seal_block(blk);
        let (cpu, mem) = (b.block_params(blk)[0], b.block_params(blk)[1]);
        let _dead = b.ins().load(types::I64, MemFlagsData::trusted(), cpu, 8);
        let _guest = b.ins().load(types::I64, MemFlagsData::new(), mem, 16);
        let used = b.ins().load(types::I64, MemFlagsData::trusted(), cpu, 24);
        // A load feeding only unused arithmetic goes with it.
        let feeds = b.ins().load(types::I64, MemFlagsData::trusted(), cpu, 32);
        let sum = b.ins().iadd_imm(feeds, 1);
        let _ = b.ins().band_imm(sum, 7);
        // An unused division may trap: it stays, and so does the load feeding it.
        let divisor = b.ins().load(types::I64, MemFlagsData::trusted(), cpu, 40);
        let _ = b.ins().udiv(used, divisor);
        b.ins().return_(&[used]);
        b.finalize(make_isa(OptLevel::Speed).frontend_config());
        let count = |f: &Function| f.layout.blocks().flat_map(|bl| f.layout.block_insts(bl)).filter(|&i| f.dfg.insts[i].opcode().can_load()).count();
        assert_eq!(count(&func), 5);
        remove_unused_loads(&mut func);
        assert_eq!(count(&func), 3);
        let text = func.display().to_string();
        assert!(text.contains("load.i64 v1+16"), "the guest load must stay:\n{text}");
        assert!(text.contains("udiv"), "a division that may trap must stay:\n{text}");
        assert!(!text.contains("v0+8") && !text.contains("v0+32") && !text.contains("iadd"), "the unused state loads and their arithmetic must go:\n{text}");
    }

    /// A second build that writes a slot the plan carries as its low half at full width
    /// reports that the plan did not hold (the compiler then builds without it), and keeps
    /// its IR well-typed meanwhile; writes of the low half keep to the plan.
    #[test]
    fn a_full_write_of_a_low_half_slot_breaks_the_plan() {
        use crate::codegen::{ClifEmitter, Env, MemModel, Plan};
        use crate::ir::{Emitter, Slot, Ty};
        let slot = Slot::new(64, Ty::I64);
        let run = |full: bool| {
            let mut func = Function::with_name_signature(UserFuncName::default(), block_signature());
            let mut fctx = FunctionBuilderContext::new();
            let env = Env { mem: MemModel::User { limit: 1 << 40 }, cache_limit: 256, cached_fprs: &[], jump_cache: 0, no_chain: true, has_fma: false };
            let plan = Plan { slots: vec![slot], maybe_dirty: Default::default(), tight: true, lo32_only: [64].into_iter().collect() };
            let mut em = ClifEmitter::with_plan(&mut func, &mut fctx, env, Some((0x1000, plan)));
            em.begin_insn(0x1000);
            if full {
                let v = em.iconst(Ty::I64, 5);
                em.set(slot, v);
            } else {
                let v = em.iconst(Ty::I32, 5);
                em.set_lo32(slot, v);
            }
            em.end_insn();
            let held = em.plan_held();
            em.finish(Some(0x1004), make_isa(OptLevel::Speed).frontend_config());
            held
        };
        assert!(run(false));
        assert!(!run(true));
    }
}
