//! The Cranelift backend of the emitter API: guest instructions become one Cranelift function
//! per translated block.
//!
//! Block function ABI: `fn(cpu: *mut CpuStruct, mem: *mut u8) -> u64 exit_code`, in
//! Cranelift's `winch` calling convention: arguments and result as System V, but *no*
//! callee-saved registers. Blocks are only ever entered from `bigiron_enter` (which saves the
//! host's callee-saved registers once) or by a jump from another block, and leave by a jump
//! or by returning to `bigiron_enter`, so saving and restoring rbx and r12-r15 in every
//! block (as the `tail` convention would) is pure cost: measured 4-9% of run time on the
//! interpreter-heavy rows. Chaining uses `return_call(_indirect)`, which Cranelift's verifier
//! allows for `tail` only; its x64 lowering (epilogue, then jump) is the same for this
//! convention with register arguments, and debug builds verify each function as its `tail`
//! twin (see `compiler::verify_as_tail`).
//!
//! How guest state is kept (the invariants `ir.rs` promises):
//! - Cacheable slots (below the front end's `CACHE_LIMIT`, and its `CACHED_FPRS`: uncached
//!   accesses overlapping those are kept exact, see `overlapped_write`) live in Cranelift variables:
//!   loaded from the CPU struct on first use, written back only when something could observe
//!   the struct or must not be repeated — before a guest store, an atomic, a helper call, or
//!   when leaving the function. `dirty` names the slots whose variable may differ from the
//!   struct on the current path.
//! - A function is a main path plus, optionally, paths started at *labels* (the block start
//!   for loops back to it, and side-exit targets translated into the same function). A
//!   function without internal edges is built once: straight paths, loads at first use. One
//!   with internal edges is built twice: the first build records every edge (its source
//!   label, the dirty slots at the jump, whether the path synced since its label); the
//!   second loads every slot the function uses at its entry and keeps values in variables
//!   across the edges (no stores or reloads in loops), starting each label with the union
//!   of the slots that may be dirty on its incoming edges (a fixpoint over the edges).
//! - Guest loads do not write anything back. The struct then holds the exact state at the
//!   last *sync point* (the function entry, the instruction of the last store, atomic or
//!   helper call, or the one after an instruction that wrote an uncached slot); between that
//!   point and a load there are only loads and register arithmetic, so re-running those
//!   instructions from the sync point reproduces the state before the load. On a straight
//!   path the sync point is known when the access is emitted (the fault map records it);
//!   in a function with internal edges it depends on the path taken, so those functions
//!   store the PC at every sync point (and at entry) and the replay starts from the stored
//!   PC, running until the fault recurs.
//! - Writes of the current instruction are held in `pending` and committed when the
//!   instruction ends, so a faulting access inside an instruction finds the struct exactly as
//!   before that instruction.
//! - User mode: an out-of-range guest address branches to a cold path that touches the guard
//!   region after guest memory, so every bad access faults in hardware. Each guest access carries a
//!   source location naming it, kept on every instruction up to the next access — so even a
//!   load Cranelift merges into a later instruction maps to the right guest access. The
//!   engine turns the faulting host PC into the access's site with that map and replays
//!   from the sync point through the faulting instruction in the interpreter for the exact
//!   fault.
//! - Direct exits are tail calls to an external name; the engine resolves each `jmp rel32`
//!   to a stub returning to the dispatcher and patches it to the successor when linked.
//!   Indirect exits probe the engine's jump cache inline. Back-edges and indirect exits only
//!   jump on when `exit_request` is clear.

use crate::cpu::{exit_code, CpuHeader};
use crate::frontend::GUARD_BYTES;
use crate::ir::{Cmp, Emitter, Endian, FloatOp, Helper, PureFn, Slot, Ty};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    types, AbiParam, Block, ExtFuncData, ExternalName, Function, InstBuilder, MemFlagsData, SigRef, Signature,
    UserExternalName, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_frontend::Variable;
use std::collections::{BTreeSet, HashMap};

/// How guest memory accesses are compiled.
#[derive(Clone, Copy, Debug)]
pub enum MemModel {
    /// User mode: host address = `mem` argument + guest address, for guest addresses below
    /// `limit`; anything at or above faults. Unmapped pages inside fault in hardware.
    User { limit: u64 },
    /// System mode: the software TLB of [`crate::softtlb`], inlined.
    SoftTlb(crate::softtlb::TlbLayout),
}

/// Engine-side addresses baked into a block.
#[derive(Clone, Copy, Debug)]
pub struct Env {
    pub mem: MemModel,
    pub cache_limit: u32,
    /// [`crate::frontend::Frontend::CACHED_FPRS`].
    pub cached_fprs: &'static [(u32, u32)],
    /// Base of the jump cache of the block's mode (`JC_ENTRIES` entries of `{tag: guest PC,
    /// code: host address}`): the engine keeps one table per mode, so an entry found
    /// there is always code translated under this block's mode.
    pub jump_cache: u64,
    /// Chaining and the jump cache are off (e.g. for `-d exec`, or one-off blocks).
    pub no_chain: bool,
    /// The Cranelift target lowers `fma` to an instruction (else [`Emitter::f64_fma`] calls
    /// a Rust function: Cranelift would need a libcall). Set by the compiler from its ISA.
    pub has_fma: bool,
}

pub const JC_BITS: u32 = 14;

const JC_HASH: u64 = 0x9e37_79b9_7f4a_7c15;

/// Jump-cache index of a guest PC: a multiplicative (Fibonacci) hash of the whole address,
/// so neither the instruction alignment nor code laid out 64 KiB apart wastes entries.
/// (The PC's low bits direct-mapped instead, two operations inline rather than three:
/// busybox sh's dispatches went from 1.2 to 1.9 million and its compiled traces from 568
/// to 775 — conflicting return addresses of hot code 32 KiB apart.)
pub fn jc_index(pc: u64) -> usize {
    (pc.wrapping_mul(JC_HASH) >> (64 - JC_BITS)) as usize
}
pub const JC_ENTRIES: usize = 1 << JC_BITS;

fn clif_ty(t: Ty) -> types::Type {
    match t {
        Ty::I8 => types::I8,
        Ty::I16 => types::I16,
        Ty::I32 => types::I32,
        Ty::I64 => types::I64,
        Ty::I128 => types::I128,
    }
}

fn our_ty(t: types::Type) -> Ty {
    match t {
        types::I8 => Ty::I8,
        types::I16 => Ty::I16,
        types::I32 => Ty::I32,
        types::I64 => Ty::I64,
        types::I128 => Ty::I128,
        other => panic!("emitter value of unexpected type {other}"),
    }
}

fn intcc(c: Cmp) -> IntCC {
    match c {
        Cmp::Eq => IntCC::Equal,
        Cmp::Ne => IntCC::NotEqual,
        Cmp::Ult => IntCC::UnsignedLessThan,
        Cmp::Ule => IntCC::UnsignedLessThanOrEqual,
        Cmp::Ugt => IntCC::UnsignedGreaterThan,
        Cmp::Uge => IntCC::UnsignedGreaterThanOrEqual,
        Cmp::Slt => IntCC::SignedLessThan,
        Cmp::Sle => IntCC::SignedLessThanOrEqual,
        Cmp::Sgt => IntCC::SignedGreaterThan,
        Cmp::Sge => IntCC::SignedGreaterThanOrEqual,
    }
}

/// The calling convention of block functions (see the module docs).
pub const BLOCK_CALL_CONV: CallConv = CallConv::Winch;

/// The signature of every block function.
pub fn block_signature() -> Signature {
    let mut s = Signature::new(BLOCK_CALL_CONV);
    s.params.push(AbiParam::new(types::I64));
    s.params.push(AbiParam::new(types::I64));
    s.returns.push(AbiParam::new(types::I64));
    s
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shift128 {
    Shl,
    Lshr,
    Ashr,
    Rotl,
}

#[derive(Clone, Copy)]
enum DivOp {
    Udiv,
    Sdiv,
    Urem,
    Srem,
}

/// A guest memory access in a block: its instruction, and the sync point a replay of it
/// starts from (see the module docs): `None` when it depends on the path taken and the CPU
/// struct's PC holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AccessSite {
    pub pc: u64,
    pub replay_from: Option<u64>,
}

/// What the first build of a function with internal edges learned for the second (see the
/// module docs).
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Every cacheable slot the function writes, in first-use order. Slots it only reads
    /// are loaded where used, on each path (no value to carry; and a load inside a loop
    /// keeps Cranelift from hoisting work that depends on it to the function entry).
    pub slots: Vec<Slot>,
    /// For each label, the slots that may differ from the CPU struct when it is entered.
    pub maybe_dirty: HashMap<u64, BTreeSet<u32>>,
    /// Every internal jump is reached from its label without passing a side exit (a loop
    /// that usually goes round, rather than a trace that usually leaves early).
    pub tight: bool,
    /// `I64` slots of `slots` that the function writes only with [`Emitter::set_lo32`]:
    /// their high halves never change in it (helpers aside), so the second build carries
    /// their low halves alone (no merging of halves round a loop) and writes back only those.
    pub lo32_only: BTreeSet<u32>,
}

/// Which functions with internal edges get the second build (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SsaLoops {
    Off,
    /// Only when the plan is `tight`: each function entry loads every slot the function
    /// writes, which pays off only if the loop usually iterates.
    Tight,
    All,
}

/// An internal jump, as the first build saw it.
struct Edge {
    to: u64,
    from_label: u64,
    dirty: BTreeSet<u32>,
    synced: bool,
    tight: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Load,
    Store,
    Atomic,
}

pub struct ClifEmitter<'a> {
    b: FunctionBuilder<'a>,
    env: Env,
    cpu: Value,
    mem: Value,
    /// The variable of each cacheable slot used so far.
    vars: HashMap<u32, (Slot, Variable)>,
    /// Slots in first-use order, and the ones written (for the plan).
    used: Vec<Slot>,
    written: BTreeSet<u32>,
    /// Current value of slots known on this path (a shortcut past `use_var`).
    local: HashMap<u32, Value>,
    /// Slots whose value on this path may differ from the CPU struct.
    dirty: BTreeSet<u32>,
    /// Second build of a function with internal edges (see the module docs).
    plan: Option<Plan>,
    /// The plan's slots (carried in variables from the entry), by offset.
    carried: BTreeSet<u32>,
    /// First build: slots written with `set_lo32`, and with a full-width `set`.
    lo_written: BTreeSet<u32>,
    full_written: BTreeSet<u32>,
    /// Second build: the plan's `lo32_only` slots, whose variable holds the low half (an
    /// `I32`), each with a variable holding a value whose high half is the slot's.
    lo32: HashMap<u32, Variable>,
    /// A slot carried as its low half was written at full width (see `plan_held`).
    lo32_broken: bool,
    /// Label of the current path (its first guest PC).
    label: u64,
    /// The current path made a sync point since its label.
    synced: bool,
    /// Side exits leaving the function on the current path since its label (not counting
    /// ones the profile shows are rarely taken).
    side_exits: u32,
    /// The interpreter's (taken, not taken) counts per conditional exit.
    profile: HashMap<u64, (u32, u32)>,
    /// A mostly-taken conditional exit of the current instruction, held back so the
    /// compiler may continue the trace at its target (see [`ClifEmitter::biased_exit_target`]).
    biased: Option<(Value, u64)>,
    /// Set while emitting a side exit the profile shows is rarely taken.
    cold_exit: bool,
    /// A helper call ran on this path: variables not re-read since hold stale values.
    stale: bool,
    /// Internal jumps made so far.
    edges: Vec<Edge>,
    pending: Vec<(Slot, Value)>,
    pc: u64,
    pc_stored: bool,
    /// Each guest memory access, in order (source location i+1 = access i), as
    /// [`AccessSite`].
    mem_pcs: Vec<AccessSite>,
    /// The instruction at which the CPU struct holds the exact guest state, when known
    /// statically (see the module docs): replays of faulting loads start here.
    sync_pc: Option<u64>,
    /// This instruction did something a replay must not repeat (a helper call, an atomic, an
    /// uncached slot write): the next instruction starts with a sync point.
    barrier_after: bool,
    /// An unconditional exit/raise ended this instruction; later calls emit into a dead block.
    dead: bool,
    /// The current block has been terminated (only possible while `dead`).
    terminated: bool,
    tail_sig: SigRef,
    /// System V call signatures by parameter count (see `sysv_sig`).
    helper_sigs: HashMap<usize, SigRef>,
    pub insns: usize,
    /// Guest address of the block's first instruction.
    block_pc: u64,
    /// Start of the guest code (see `new`).
    loop_header: Block,
    /// Entry points of this function: guest PC -> CLIF block that starts translating there
    /// with all guest state in the CPU struct (the block start, and deferred paths).
    labels: HashMap<u64, Block>,
    /// Side-exit targets to translate later in this same function (see `chain_exit`).
    deferred: Vec<(u64, Block)>,
    /// How many more paths may be deferred; 0 turns the region growth off.
    pub path_budget: usize,
    /// Only targets in `[region_lo, region_hi)` (the block's first page) may become paths.
    region: (u64, u64),
    /// Set while ending a path that translated nothing: its own label must not be used.
    external_only: Option<u64>,
    /// Values built by `pack_bits`, with their parts (for `bit`) and one-hot mask.
    packed: HashMap<Value, (Vec<Value>, u32)>,
    /// Front ends' hints on values of this path (see [`Emitter::note_origin`]).
    origins: HashMap<Value, (u32, Vec<Value>)>,
    /// Host addresses of already range-checked base registers (see `host_addr`).
    clamped: HashMap<Value, Value>,
    /// Guest target of each direct exit; exit i is a tail call to user function (1, i),
    /// whose `jmp rel32` the engine resolves to a stub and later patches to link blocks.
    exits: Vec<u64>,
    /// The return address a computed branch of the current instruction is expected to go
    /// to (a call the trace followed), and whether it was speculated on (see
    /// [`ClifEmitter::expect_return`]).
    expected_return: Option<u64>,
    speculated: bool,
    /// Values made by [`Emitter::set_lo32`]: value -> (the value whose high 32 bits it
    /// kept, its low 32 bits as an `I32`).
    lo_parts: HashMap<Value, (Value, Value)>,
    /// For an `I64` slot of this path: a value whose high 32 bits the CPU struct holds
    /// there now, so a value with those high bits is written back as its low half alone.
    struct_high: HashMap<u32, Value>,
}

const CPU_FLAGS: MemFlagsData = MemFlagsData::trusted();

/// The slots that may be dirty when each label is entered: the least fixpoint of
/// `md(L) = ∪ over edges e into L of e.dirty ∪ (md(e.from_label) unless e synced)`.
fn maybe_dirty(edges: &[Edge]) -> HashMap<u64, BTreeSet<u32>> {
    let mut md: HashMap<u64, BTreeSet<u32>> = HashMap::new();
    loop {
        let mut changed = false;
        for e in edges {
            let mut add = e.dirty.clone();
            if !e.synced {
                if let Some(from) = md.get(&e.from_label) {
                    add.extend(from.iter().copied());
                }
            }
            let to = md.entry(e.to).or_default();
            let before = to.len();
            to.extend(add);
            changed |= to.len() != before;
        }
        if !changed {
            return md;
        }
    }
}

impl<'a> ClifEmitter<'a> {
    /// Starts a block function in `func` (which must have [`block_signature`]): a first
    /// build with `None`, or the second build (see the module docs) of the function starting
    /// at guest address `pc` with its `plan`.
    pub fn with_plan(func: &'a mut Function, fctx: &'a mut FunctionBuilderContext, env: Env, plan: Option<(u64, Plan)>) -> Self {
        let mut b = FunctionBuilder::new(func, fctx);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        b.seal_block(entry);
        let cpu = b.block_params(entry)[0];
        let mem = b.block_params(entry)[1];
        let tail_sig = b.import_signature(block_signature());
        // The guest code starts in its own block so exits back to the block's first
        // instruction can loop inside this function.
        let loop_header = b.create_block();
        let mut vars = HashMap::new();
        let mut lo32 = HashMap::new();
        let plan = plan.map(|(pc, plan)| {
            // Every slot lives in a variable from the entry; the struct is exact here.
            for s in &plan.slots {
                if s.ty == Ty::I64 && plan.lo32_only.contains(&s.offset) {
                    // The low half (at the slot's own offset: a little-endian host), and
                    // the whole slot for its high half.
                    let var = b.declare_var(types::I32);
                    let v = b.ins().load(types::I32, CPU_FLAGS, cpu, s.offset as i32);
                    b.def_var(var, v);
                    vars.insert(s.offset, (*s, var));
                    let hi = b.declare_var(types::I64);
                    let h = b.ins().load(types::I64, CPU_FLAGS, cpu, s.offset as i32);
                    b.def_var(hi, h);
                    lo32.insert(s.offset, hi);
                    continue;
                }
                let var = b.declare_var(clif_ty(s.ty));
                let v = b.ins().load(clif_ty(s.ty), CPU_FLAGS, cpu, s.offset as i32);
                b.def_var(var, v);
                vars.insert(s.offset, (*s, var));
            }
            let p = b.ins().iconst(types::I64, pc as i64);
            b.ins().store(CPU_FLAGS, p, cpu, CpuHeader::PC as i32);
            plan
        });
        b.ins().jump(loop_header, &[]);
        b.switch_to_block(loop_header);
        ClifEmitter {
            b,
            env,
            cpu,
            mem,
            used: plan.as_ref().map(|p| p.slots.clone()).unwrap_or_default(),
            carried: plan.as_ref().map(|p| p.slots.iter().map(|s| s.offset).collect()).unwrap_or_default(),
            lo_written: BTreeSet::new(),
            full_written: BTreeSet::new(),
            lo32,
            lo32_broken: false,
            written: BTreeSet::new(),
            vars,
            local: HashMap::new(),
            dirty: BTreeSet::new(),
            plan,
            label: 0,
            synced: false,
            side_exits: 0,
            profile: HashMap::new(),
            biased: None,
            cold_exit: false,
            stale: false,
            edges: Vec::new(),
            pending: Vec::new(),
            pc: 0,
            pc_stored: false,
            mem_pcs: Vec::new(),
            sync_pc: None,
            barrier_after: false,
            dead: false,
            terminated: false,
            tail_sig,
            helper_sigs: HashMap::new(),
            insns: 0,
            block_pc: u64::MAX,
            loop_header,
            labels: HashMap::new(),
            deferred: Vec::new(),
            path_budget: 0,
            region: (0, 0),
            external_only: None,
            packed: HashMap::new(),
            origins: HashMap::new(),
            clamped: HashMap::new(),
            exits: Vec::new(),
            expected_return: None,
            speculated: false,
            lo_parts: HashMap::new(),
            struct_high: HashMap::new(),
        }
    }

    /// Starts the path at label `pc` (see the module docs).
    fn start_label(&mut self, pc: u64) {
        self.label = pc;
        self.local.clear();
        self.struct_high.clear();
        self.pending.clear();
        self.clamped.clear();
        self.packed.clear();
        self.origins.clear();
        self.synced = false;
        self.side_exits = 0;
        self.stale = false;
        self.barrier_after = false;
        match &self.plan {
            Some(plan) => {
                self.dirty = plan.maybe_dirty.get(&pc).cloned().unwrap_or_default();
                self.sync_pc = None;
            }
            None => {
                self.dirty.clear();
                self.sync_pc = Some(pc);
            }
        }
    }

    /// Called by the engine before each guest instruction.
    pub fn begin_insn(&mut self, pc: u64) {
        if self.insns == 0 {
            self.block_pc = pc;
            self.labels.insert(pc, self.loop_header);
            self.start_label(pc);
        }
        self.pc = pc;
        self.pc_stored = false;
        if self.barrier_after {
            self.barrier_after = false;
            if !self.dead {
                self.sync_point();
            }
        }
        self.dead = false;
        self.pending.clear();
    }

    /// Ends the current path: falls through to `next_pc` (an exit) unless its last
    /// instruction already left, and closes any open block.
    pub fn end_path(&mut self, next_pc: Option<u64>) {
        self.end_path_at(next_pc, false)
    }

    /// As [`ClifEmitter::end_path`]; `empty` says the path translated no instruction, so its
    /// exit must leave the function (jumping to its own label would spin).
    pub fn end_path_at(&mut self, next_pc: Option<u64>, empty: bool) {
        if let Some(pc) = next_pc {
            if !self.dead {
                self.external_only = if empty { Some(pc) } else { None };
                self.exit(pc);
                self.external_only = None;
            }
        }
        if !self.terminated {
            let z = self.b.ins().iconst(types::I64, exit_code::NEXT as i64);
            self.b.ins().return_(&[z]);
            self.terminated = true;
        }
    }

    /// The next deferred path (guest PC, entry block), if any.
    pub fn next_path(&mut self) -> Option<u64> {
        let (pc, blk) = self.deferred.pop()?;
        // A fresh start: all guest state is in the CPU struct; values of other paths do not
        // dominate this one.
        self.b.switch_to_block(blk);
        self.start_label(pc);
        self.dead = false;
        self.terminated = false;
        Some(pc)
    }

    /// Whether this build kept to its plan: `false` when a slot the plan carries as its low
    /// half was written at full width, and the compiler must build without the plan.
    pub fn plan_held(&self) -> bool {
        !self.lo32_broken
    }

    /// Lets side exits to `[lo, hi)` become paths of this function (at most `budget`).
    pub fn allow_region(&mut self, lo: u64, hi: u64, budget: usize) {
        self.region = (lo, hi);
        self.path_budget = budget;
    }

    /// Called by the engine after each guest instruction that did not end the block.
    pub fn end_insn(&mut self) {
        if !self.dead {
            self.commit_pending();
        }
        self.insns += 1;
    }

    /// Ends the function (emitting a fall-through exit to `next_pc` unless the last
    /// instruction already ended it) and finalises the IR.
    /// Returns each guest memory access (see the module docs), the guest target of each
    /// direct exit, and — from a first build that made internal jumps — the plan for the
    /// second.
    pub fn finish(mut self, next_pc: Option<u64>, cfg: cranelift_codegen::isa::TargetFrontendConfig) -> (Vec<AccessSite>, Vec<u64>, Option<Plan>) {
        self.end_path(next_pc);
        self.b.seal_all_blocks();
        self.b.finalize(cfg);
        let written = self.written;
        let slots: Vec<Slot> = self.used.into_iter().filter(|s| written.contains(&s.offset)).collect();
        let lo32_only = slots
            .iter()
            .filter(|s| s.ty == Ty::I64 && self.lo_written.contains(&s.offset) && !self.full_written.contains(&s.offset))
            .map(|s| s.offset)
            .collect();
        let plan = (self.plan.is_none() && !self.edges.is_empty()).then(|| Plan {
            slots,
            maybe_dirty: maybe_dirty(&self.edges),
            tight: self.edges.iter().all(|e| e.tight),
            lo32_only,
        });
        (self.mem_pcs, self.exits, plan)
    }

    // ---- internal machinery ----

    /// Makes sure there is an open block to emit into (a dead one after an exit). Anything
    /// the instruction emits after a held-back biased exit makes it an ordinary one.
    fn live(&mut self) {
        if let Some((c, pc)) = self.biased.take() {
            self.emit_exit_if(c, pc);
        }
        if self.terminated {
            let blk = self.b.create_block();
            self.b.switch_to_block(blk);
            self.b.seal_block(blk);
            self.terminated = false;
        }
    }

    fn commit_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        for (s, v) in pending {
            self.write_through(s, v);
        }
    }

    /// A committed write of `v` to slot `s`.
    fn write_through(&mut self, s: Slot, v: Value) {
        if self.cacheable(s) {
            let (var, _) = self.var_for(s);
            self.b.def_var(var, v);
            self.local.insert(s.offset, v);
            self.dirty.insert(s.offset);
            self.written.insert(s.offset);
        } else {
            self.overlapped_write(s, |em| {
                em.b.ins().store(CPU_FLAGS, v, em.cpu, s.offset as i32);
            });
            self.barrier_after = true;
        }
    }

    fn cacheable(&self, s: Slot) -> bool {
        s.offset + s.ty.bytes() <= self.env.cache_limit || (s.ty == Ty::I64 && self.is_cached_fpr(s.offset))
    }

    /// Whether `off` is the offset of one of the cached floating-point slots (see
    /// `Env::cached_fprs`).
    fn is_cached_fpr(&self, off: u32) -> bool {
        self.env.cached_fprs.iter().any(|&(first, count)| off.checked_sub(first).is_some_and(|d| d % 16 == 0 && d / 16 < count))
    }

    /// The offsets of the cached floating-point slots an uncached slot overlaps.
    fn overlapped_fprs(&self, s: Slot) -> impl Iterator<Item = u32> + use<> {
        let groups = self.env.cached_fprs;
        let (lo, hi) = (s.offset, s.offset + s.ty.bytes());
        groups.iter().flat_map(|&(first, count)| (0..count).map(move |i| first + 16 * i)).filter(move |&f| f < hi && lo < f + 8)
    }

    /// Before an uncached read of `s`: if it overlaps a cached register whose value the
    /// struct does not hold yet, this instruction becomes a sync point (writing back only
    /// that register would leave the struct ahead of the last sync point for a replay).
    fn expose_overlapped(&mut self, s: Slot) {
        if self.overlapped_fprs(s).any(|f| self.dirty.contains(&f)) {
            self.sync_point();
        }
    }

    /// Around an uncached write of `s` (at commit, before the next instruction's sync
    /// point): a dirty cached register it overlaps is written back first (the write may
    /// cover it only in part), and every overlapped register's variable is reloaded after.
    fn overlapped_write(&mut self, s: Slot, store: impl FnOnce(&mut Self)) {
        let fprs: Vec<u32> = self.overlapped_fprs(s).filter(|f| self.vars.contains_key(f)).collect();
        for &f in &fprs {
            if self.dirty.remove(&f) {
                let (_, v) = self.value_of(f);
                self.store_slot(f, v, true);
            }
        }
        store(self);
        self.reload_overlapped(s);
    }

    /// After the struct received a write of uncached slot `s`: the cached registers it
    /// overlaps are read from the struct again — carried ones (their variables hold their
    /// values across internal jumps) at once, others at their next use.
    fn reload_overlapped(&mut self, s: Slot) {
        let fprs: Vec<u32> = self.overlapped_fprs(s).filter(|f| self.vars.contains_key(f)).collect();
        for f in fprs {
            self.local.remove(&f);
            self.struct_high.remove(&f);
            if !self.carried.contains(&f) {
                continue;
            }
            let (slot, var) = self.vars[&f];
            if let Some(&hi_var) = self.lo32.get(&f) {
                let h = self.b.ins().load(types::I64, CPU_FLAGS, self.cpu, f as i32);
                self.b.def_var(hi_var, h);
            }
            let ty = if self.lo32.contains_key(&f) { types::I32 } else { clif_ty(slot.ty) };
            let v = self.b.ins().load(ty, CPU_FLAGS, self.cpu, f as i32);
            self.b.def_var(var, v);
            self.local.insert(f, v);
        }
    }

    /// The low half of a slot carried as its low half (see `Plan::lo32_only`): this
    /// instruction's write, the path's value, the variable, or the struct after a helper.
    fn lo32_value(&mut self, s: Slot) -> Value {
        if let Some((_, v)) = self.pending.iter().rev().find(|(p, _)| p.offset == s.offset) {
            return *v;
        }
        self.cached_value(s, types::I32)
    }

    /// The path's value of cacheable slot `s`, as `ty` (the slot's own type, or `I32` for
    /// one carried as its low half). Second build: every slot the function writes has a
    /// value from the entry, unless a helper call may have changed the struct since.
    /// Otherwise (and for slots it only reads): the struct holds it.
    fn cached_value(&mut self, s: Slot, ty: types::Type) -> Value {
        let (var, _) = self.var_for(s);
        if let Some(&v) = self.local.get(&s.offset) {
            return v;
        }
        let v = if self.carried.contains(&s.offset) && !self.stale {
            self.b.use_var(var)
        } else {
            let v = self.b.ins().load(ty, CPU_FLAGS, self.cpu, s.offset as i32);
            self.b.def_var(var, v);
            if ty == types::I64 {
                self.struct_high.insert(s.offset, v);
            }
            v
        };
        self.local.insert(s.offset, v);
        v
    }

    /// Holds `v` as this instruction's write of slot `s` (replacing an earlier one).
    fn hold(&mut self, s: Slot, v: Value) {
        self.pending.retain(|(p, _)| p.offset != s.offset);
        self.pending.push((s, v));
    }

    /// The variable of cacheable slot `s`, and whether it was declared just now.
    fn var_for(&mut self, s: Slot) -> (Variable, bool) {
        if let Some((cs, var)) = self.vars.get(&s.offset) {
            assert!(cs.ty == s.ty, "front end accesses cacheable slot {} as {:?} and {:?}", s.offset, cs.ty, s.ty);
            return (*var, false);
        }
        let var = self.b.declare_var(clif_ty(s.ty));
        self.vars.insert(s.offset, (s, var));
        self.used.push(s);
        (var, true)
    }

    /// The current value of the cacheable slot at `off` (already declared).
    fn value_of(&mut self, off: u32) -> (Slot, Value) {
        let (s, var) = self.vars[&off];
        match self.local.get(&off) {
            Some(&v) => (s, v),
            None => (s, self.b.use_var(var)),
        }
    }

    /// Writes every dirty slot back to the CPU struct.
    fn sync(&mut self) {
        for off in std::mem::take(&mut self.dirty) {
            let (_, v) = self.value_of(off);
            self.store_slot(off, v, true);
        }
    }

    /// The value whose high 32 bits `v` has (itself, unless `set_lo32` made it).
    fn high_source(&self, v: Value) -> Value {
        self.lo_parts.get(&v).map_or(v, |&(hi, _)| hi)
    }

    /// Writes slot value `v` to the CPU struct at `off`: only its low half when the struct
    /// already holds its high half. `main`: on the path itself (not an exit's side block),
    /// so what the struct holds afterwards is recorded.
    fn store_slot(&mut self, off: u32, v: Value, main: bool) {
        if let Some(&(hi, lo)) = self.lo_parts.get(&v) {
            if self.struct_high.get(&off) == Some(&hi) {
                // The low half is at the slot's own offset (a little-endian host).
                const _: () = assert!(cfg!(target_endian = "little"));
                self.b.ins().store(CPU_FLAGS, lo, self.cpu, off as i32);
                return;
            }
        }
        self.b.ins().store(CPU_FLAGS, v, self.cpu, off as i32);
        if main && self.b.func.dfg.value_type(v) == types::I64 {
            let hi = self.high_source(v);
            self.struct_high.insert(off, hi);
        }
    }

    /// Makes the current instruction a sync point (see the module docs).
    fn sync_point(&mut self) {
        self.sync();
        self.synced = true;
        self.sync_pc = Some(self.pc);
        if self.plan.is_some() && !self.pc_stored {
            self.store_pc_const(self.pc);
            self.pc_stored = true;
        }
    }

    /// Stores to the struct what an exit path needs: dirty slots plus (for exits, not
    /// raises) this instruction's pending writes. Leaves the main path's bookkeeping alone
    /// (the exit path is a side block).
    fn store_state_for_exit(&mut self, with_pending: bool) {
        for off in self.dirty.clone() {
            if with_pending && self.pending.iter().any(|(p, _)| p.offset == off) {
                continue;
            }
            let (_, v) = self.value_of(off);
            self.store_slot(off, v, false);
        }
        if with_pending {
            for (s, v) in self.pending.clone() {
                self.store_slot(s.offset, v, false);
            }
        }
    }

    fn store_hdr_u64(&mut self, off: usize, v: Value) {
        self.b.ins().store(CPU_FLAGS, v, self.cpu, off as i32);
    }

    fn store_pc_const(&mut self, pc: u64) {
        let v = self.b.ins().iconst(types::I64, pc as i64);
        self.store_hdr_u64(CpuHeader::PC, v);
    }

    /// Before a helper call: sync, and record this PC (helpers may raise exceptions).
    fn prepare_for_side_effect(&mut self) {
        self.sync_point();
        if !self.pc_stored {
            self.store_pc_const(self.pc);
            self.pc_stored = true;
        }
    }

    /// Before a guest memory access: make a sync point unless it is a plain load (see the
    /// module docs), and name the access (source location) so a host fault maps to this
    /// instruction. System mode's slow path also needs the PC stored.
    fn prepare_for_access(&mut self, kind: Access) {
        match (self.env.mem, kind) {
            (MemModel::SoftTlb(_), _) => self.prepare_for_side_effect(),
            (MemModel::User { .. }, Access::Load) => {}
            (MemModel::User { .. }, _) => self.sync_point(),
        }
        if kind == Access::Atomic {
            self.barrier_after = true;
        }
        self.mem_pcs.push(AccessSite { pc: self.pc, replay_from: self.sync_pc });
        self.b.set_srcloc(cranelift_codegen::ir::SourceLoc::new(self.mem_pcs.len() as u32));
    }

    fn ret(&mut self, code: u64) {
        let z = self.b.ins().iconst(types::I64, code as i64);
        self.b.ins().return_(&[z]);
    }

    /// The host address of a guest access of `size` bytes at `addr`, as (base, offset).
    fn host_addr(&mut self, addr: Value, size: u32, write: bool) -> (Value, i32) {
        match self.env.mem {
            MemModel::User { limit } => {
                if let Some((base, disp)) = self.split_disp(addr) {
                    // base + small displacement: with guard regions of GUARD_BYTES on both
                    // sides, checking the base alone is enough — once per base value.
                    let host = match self.clamped.get(&base) {
                        Some(&v) => v,
                        None => {
                            let ok = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThan, base, limit as i64);
                            self.fault_unless(ok, limit + GUARD_BYTES / 2);
                            let host = self.b.ins().iadd(self.mem, base);
                            self.clamped.insert(base, host);
                            host
                        }
                    };
                    return (host, disp as i32);
                }
                let ok = self.b.ins().icmp_imm_s(IntCC::UnsignedLessThanOrEqual, addr, (limit - size as u64) as i64);
                self.fault_unless(ok, limit);
                (self.b.ins().iadd(self.mem, addr), 0)
            }
            // Atomics in system mode go through the TLB's host address (RAM only).
            MemModel::SoftTlb(layout) => (crate::softtlb::emit_host_addr(self, layout, addr, size, write), 0),
        }
    }

    /// Continues when `ok`; otherwise (an out-of-range guest address, a cold path) touches
    /// the guard region at `guard` after guest memory, so the access faults in hardware at
    /// this access's source location like any other bad address. A predicted branch keeps
    /// the address computation off the check's dependency chain and needs no register for
    /// a substitute address.
    fn fault_unless(&mut self, ok: Value, guard: u64) {
        let cont = self.side_block(ok, false, true);
        let at = self.b.ins().iadd_imm_s(self.mem, guard as i64);
        self.b.ins().load(types::I8, MemFlagsData::new(), at, 0);
        self.b.ins().trap(cranelift_codegen::ir::TrapCode::unwrap_user(1));
        self.b.switch_to_block(cont);
    }

    /// Branches to a new side block where `c` (an integer, true when nonzero) is `when` —
    /// laid out out of line if `cold` — and switches to it; returns the block the main path
    /// goes on in, for the caller to switch to once the side block is terminated.
    fn side_block(&mut self, c: Value, when: bool, cold: bool) -> Block {
        let side = self.b.create_block();
        let cont = self.b.create_block();
        if cold {
            self.b.set_cold_block(side);
        }
        if when {
            self.b.ins().brif(c, side, &[], cont, &[]);
        } else {
            self.b.ins().brif(c, cont, &[], side, &[]);
        }
        self.b.seal_block(side);
        self.b.seal_block(cont);
        self.b.switch_to_block(side);
        cont
    }

    /// `addr` as (base, displacement) when the IR computed it as base + a constant smaller
    /// than half a guard region.
    fn split_disp(&self, addr: Value) -> Option<(Value, i64)> {
        use cranelift_codegen::ir::{InstructionData, Opcode, ValueDef};
        let dfg = &self.b.func.dfg;
        let konst = |v: Value| match dfg.value_def(v) {
            ValueDef::Result(i, 0) => match dfg.insts[i] {
                InstructionData::UnaryImm { opcode: Opcode::Iconst, imm } => Some(imm.bits()),
                _ => None,
            },
            _ => None,
        };
        let half = (GUARD_BYTES / 2) as i64;
        if let ValueDef::Result(inst, 0) = dfg.value_def(addr) {
            if let InstructionData::Binary { opcode: Opcode::Iadd, args } = dfg.insts[inst] {
                for (x, y) in [(args[0], args[1]), (args[1], args[0])] {
                    if let Some(c) = konst(y) {
                        if (-half..half).contains(&c) {
                            return Some((x, c));
                        }
                    }
                }
            }
        }
        None
    }

    /// The constant `v` holds, if the IR made it as one (an `iconst`, or the `I128` form
    /// [`Emitter::iconst`] builds: a constant low half and a zero high half).
    fn const_of(&self, v: Value) -> Option<u64> {
        use cranelift_codegen::ir::{InstructionData, Opcode, ValueDef};
        let dfg = &self.b.func.dfg;
        let ValueDef::Result(i, 0) = dfg.value_def(v) else { return None };
        match dfg.insts[i] {
            InstructionData::UnaryImm { opcode: Opcode::Iconst, imm } => Some(imm.bits() as u64),
            InstructionData::Binary { opcode: Opcode::Iconcat, args } => (self.const_of(args[1])? == 0).then_some(self.const_of(args[0])?),
            InstructionData::Unary { opcode: Opcode::Uextend, arg } => self.const_of(arg),
            _ => None,
        }
    }

    /// An `I128` shift or rotate by a constant, on the two 64-bit halves: Cranelift's
    /// x86 lowering of a 128-bit shift handles any amount with a dozen instructions (two
    /// double shifts, tests and conditional moves), where a known amount needs two or three.
    fn shift128_const(&mut self, op: Shift128, a: Value, amt: Value) -> Option<Value> {
        if self.b.func.dfg.value_type(a) != types::I128 {
            return None;
        }
        let k = (self.const_of(amt)? % 128) as i64;
        if k == 0 {
            return Some(a);
        }
        let (lo, hi) = self.b.ins().isplit(a);
        // (low, high) halves of the result.
        let (nlo, nhi) = match (op, k) {
            (Shift128::Shl, 64) => (self.b.ins().iconst(types::I64, 0), lo),
            (Shift128::Shl, k) if k > 64 => {
                let h = self.b.ins().ishl_imm_s(lo, k - 64);
                (self.b.ins().iconst(types::I64, 0), h)
            }
            (Shift128::Shl, k) => {
                let l = self.b.ins().ishl_imm_s(lo, k);
                let h = self.b.ins().ishl_imm_s(hi, k);
                let c = self.b.ins().ushr_imm_s(lo, 64 - k);
                (l, self.b.ins().bor(h, c))
            }
            (Shift128::Lshr, 64) => (hi, self.b.ins().iconst(types::I64, 0)),
            (Shift128::Lshr, k) if k > 64 => {
                let l = self.b.ins().ushr_imm_s(hi, k - 64);
                (l, self.b.ins().iconst(types::I64, 0))
            }
            (Shift128::Ashr, k) if k >= 64 => {
                let l = if k == 64 { hi } else { self.b.ins().sshr_imm_s(hi, k - 64) };
                (l, self.b.ins().sshr_imm_s(hi, 63))
            }
            (Shift128::Lshr | Shift128::Ashr, k) => {
                let l = self.b.ins().ushr_imm_s(lo, k);
                let c = self.b.ins().ishl_imm_s(hi, 64 - k);
                let h = if op == Shift128::Lshr { self.b.ins().ushr_imm_s(hi, k) } else { self.b.ins().sshr_imm_s(hi, k) };
                (self.b.ins().bor(l, c), h)
            }
            (Shift128::Rotl, k) => {
                // Rotating by 64 swaps the halves; by k > 64, swap and rotate by k - 64.
                let (x, y, k) = if k >= 64 { (hi, lo, k - 64) } else { (lo, hi, k) };
                if k == 0 {
                    (x, y)
                } else {
                    let l = self.b.ins().ishl_imm_s(x, k);
                    let lc = self.b.ins().ushr_imm_s(y, 64 - k);
                    let h = self.b.ins().ishl_imm_s(y, k);
                    let hc = self.b.ins().ushr_imm_s(x, 64 - k);
                    (self.b.ins().bor(l, lc), self.b.ins().bor(h, hc))
                }
            }
        };
        Some(self.b.ins().iconcat(nlo, nhi))
    }

    pub(crate) fn builder(&mut self) -> &mut FunctionBuilder<'a> {
        &mut self.b
    }
    pub(crate) fn cpu_value(&self) -> Value {
        self.cpu
    }
    pub(crate) fn return_code(&mut self, code: u64) {
        self.ret(code)
    }

    pub(crate) fn load_raw(&mut self, t: Ty, host: Value, off: i32) -> Value {
        let f = MemFlagsData::new();
        if t == Ty::I128 {
            let lo = self.b.ins().load(types::I64, f, host, off);
            let hi = self.b.ins().load(types::I64, f, host, off + 8);
            self.b.ins().iconcat(lo, hi)
        } else {
            self.b.ins().load(clif_ty(t), f, host, off)
        }
    }

    pub(crate) fn store_raw(&mut self, t: Ty, host: Value, v: Value, off: i32) {
        let f = MemFlagsData::new();
        if t == Ty::I128 {
            let (lo, hi) = self.b.ins().isplit(v);
            self.b.ins().store(f, lo, host, off);
            self.b.ins().store(f, hi, host, off + 8);
        } else {
            self.b.ins().store(f, v, host, off);
        }
    }

    fn swap_if(&mut self, e: Endian, v: Value) -> Value {
        if e == Endian::Big { self.bswap(v) } else { v }
    }

    /// Emits the exit to constant `pc` (chained, internal or returning), with the state the
    /// target needs: dirty slots, and this instruction's pending writes if `with_pending`
    /// (a side exit inside an instruction). Terminates the current block.
    fn chain_exit(&mut self, pc: u64, with_pending: bool) {
        if self.env.no_chain {
            self.store_state_for_exit(with_pending);
            self.store_pc_const(pc);
            self.ret(exit_code::NEXT);
            return;
        }
        // Back-edges check `exit_request` (every cycle of chained blocks or of paths in this
        // function contains an edge to an address at or below its source, so running loops
        // stay interruptible); other exits jump straight on.
        let backward = pc <= self.pc.max(self.block_pc);
        let internal = match self.labels.get(&pc) {
            // A path whose first instruction could not be translated exits for real.
            Some(_) if self.external_only == Some(pc) => None,
            Some(&blk) => Some(blk),
            None if self.path_budget > 0 && (self.region.0..self.region.1).contains(&pc) => {
                // Translate the target later, in this function (a region, not a block).
                self.path_budget -= 1;
                let blk = self.b.create_block();
                self.labels.insert(pc, blk);
                self.deferred.push((pc, blk));
                Some(blk)
            }
            None => None,
        };
        let Some(blk) = internal else {
            if !self.cold_exit {
                self.side_exits += 1;
            }
            self.store_state_for_exit(with_pending);
            if backward {
                self.exit_request_check(|em| em.store_pc_const(pc));
            }
            // A direct tail call to "exit i": a `jmp rel32` the engine points at a stub that
            // returns to the dispatcher, and later at the successor's code.
            let name = self.b.func.declare_imported_user_function(UserExternalName { namespace: 1, index: self.exits.len() as u32 });
            let sig = self.tail_sig;
            let f = self.b.import_function(ExtFuncData { name: ExternalName::User(name), signature: sig, colocated: true, patchable: false });
            self.exits.push(pc);
            self.b.ins().return_call(f, &[self.cpu, self.mem]);
            return;
        };
        // An internal jump. An instruction the replay must not repeat (`barrier_after`)
        // makes the jump a sync point; otherwise values flow on in variables (second build)
        // or through the struct (first build / straight functions).
        let sync_here = self.barrier_after;
        let mut dirty = BTreeSet::new();
        if !sync_here {
            dirty = self.dirty.clone();
            if with_pending {
                dirty.extend(self.pending.iter().filter(|(s, _)| self.cacheable(*s)).map(|(s, _)| s.offset));
            }
        }
        self.edges.push(Edge { to: pc, from_label: self.label, dirty, synced: sync_here || self.synced, tight: self.side_exits == 0 });
        if self.plan.is_none() || sync_here {
            self.store_state_for_exit(with_pending);
            if self.plan.is_some() {
                self.store_pc_const(pc);
            }
            if backward {
                self.exit_request_check(|em| em.store_pc_const(pc));
            }
        } else if backward {
            self.exit_request_check(|em| {
                em.store_state_for_exit(with_pending);
                em.store_pc_const(pc);
            });
        }
        if self.plan.is_some() {
            if with_pending {
                for (s, v) in self.pending.clone() {
                    if self.cacheable(s) {
                        let (var, _) = self.var_for(s);
                        self.b.def_var(var, v);
                    } else if !sync_here {
                        self.overlapped_write(s, |em| {
                            em.b.ins().store(CPU_FLAGS, v, em.cpu, s.offset as i32);
                        });
                    } else {
                        // Stored with the exit's state above, after the dirty registers.
                        self.reload_overlapped(s);
                    }
                }
            }
            if self.stale {
                // A helper may have changed slots this path did not re-read: the label gets
                // them from the struct.
                for off in self.carried.clone() {
                    let (s, var) = self.vars[&off];
                    let known = self.local.contains_key(&off) || (with_pending && self.pending.iter().any(|(p, _)| p.offset == off));
                    let lo32 = self.lo32.get(&off).copied();
                    if let Some(hi) = lo32 {
                        // The helper may have changed the high half too.
                        let h = self.b.ins().load(types::I64, CPU_FLAGS, self.cpu, off as i32);
                        self.b.def_var(hi, h);
                    }
                    if !known {
                        let ty = if lo32.is_some() { types::I32 } else { clif_ty(s.ty) };
                        let v = self.b.ins().load(ty, CPU_FLAGS, self.cpu, off as i32);
                        self.b.def_var(var, v);
                    }
                }
            }
        }
        self.b.ins().jump(blk, &[]);
    }

    /// Leaves through `out` (which emits what the exit needs before returning NEXT) when
    /// the engine asked running code to stop; continues in a new block otherwise.
    fn exit_request_check(&mut self, out: impl FnOnce(&mut Self)) {
        let req = self.b.ins().load(types::I32, CPU_FLAGS, self.cpu, CpuHeader::EXIT_REQUEST as i32);
        let go = self.side_block(req, true, true);
        out(self);
        self.ret(exit_code::NEXT);
        self.b.switch_to_block(go);
    }

    /// Emits the exit to a computed `pc` through the inline jump cache.
    fn indirect_exit(&mut self, pc: Value) {
        if self.env.no_chain {
            self.store_hdr_u64(CpuHeader::PC, pc);
            self.ret(exit_code::NEXT);
            return;
        }
        // The entry at `jc_index(pc)`, 16 bytes each.
        let k = self.b.ins().iconst(types::I64, JC_HASH as i64);
        let h = self.b.ins().imul(pc, k);
        let idx = self.b.ins().ushr_imm_s(h, (64 - JC_BITS) as i64);
        let off = self.b.ins().ishl_imm_s(idx, 4);
        let base = self.b.ins().iconst(types::I64, self.env.jump_cache as i64);
        let ent = self.b.ins().iadd(base, off);
        // Two predictable branches (the tag, then no exit request) rather than one on
        // combined flags: fewer instructions on the path every computed branch takes.
        let tag = self.b.ins().load(types::I64, CPU_FLAGS, ent, 0);
        let hit = self.b.ins().icmp(IntCC::Equal, tag, pc);
        let tagged = self.b.create_block();
        let chain = self.b.create_block();
        let miss = self.b.create_block();
        self.b.ins().brif(hit, tagged, &[], miss, &[]);
        self.b.switch_to_block(tagged);
        let req = self.b.ins().load(types::I32, CPU_FLAGS, self.cpu, CpuHeader::EXIT_REQUEST as i32);
        self.b.ins().brif(req, miss, &[], chain, &[]);
        self.b.switch_to_block(chain);
        // The PC is stored only for the dispatcher: code jumped to stores it where it needs
        // it (sync points before helpers; the entry of functions with internal edges) and
        // finds a straight path's faulting instruction from its own map.
        let code = self.b.ins().load(types::I64, CPU_FLAGS, ent, 8);
        let sig = self.tail_sig;
        self.b.ins().return_call_indirect(sig, code, &[self.cpu, self.mem]);
        self.b.switch_to_block(miss);
        self.store_hdr_u64(CpuHeader::PC, pc);
        self.ret(exit_code::NEXT);
    }

    /// A helper call, unconditional or (with `cond`) only where `cond != 0`: the state is
    /// synced before the branch, so both paths leave it the same way (in the struct, to be
    /// re-read), and the result is 0 where the helper did not run.
    fn call_maybe(&mut self, cond: Option<Value>, h: &Helper, args: &[Value]) -> Value {
        self.live();
        assert!(args.len() == h.nargs as usize && args.len() <= Helper::MAX_ARGS, "helper {} arity", h.name);
        self.prepare_for_side_effect();
        self.barrier_after = true;
        let sig = self.sysv_sig(h.nargs as usize + 1);
        let mut full = vec![self.cpu];
        for &a in args {
            let a = match self.ty(a) {
                Ty::I64 => a,
                Ty::I128 => self.trunc(Ty::I64, a),
                _ => self.b.ins().uextend(types::I64, a),
            };
            full.push(a);
        }
        let join = cond.map(|c| self.begin_call_if(c, true));
        let f = self.b.ins().iconst(types::I64, h.addr as i64);
        let call = self.b.ins().call_indirect(sig, f, &full);
        let mut r = self.b.inst_results(call)[0];
        if h.may_raise {
            let exc = self.b.ins().load(types::I32, CPU_FLAGS, self.cpu, CpuHeader::EXCEPTION as i32);
            let cont = self.side_block(exc, true, false);
            self.ret(exit_code::EXCEPTION);
            self.b.switch_to_block(cont);
        }
        if let Some(join) = join {
            r = self.end_call_if(join, r);
        }
        // The helper may have changed any guest state: forget known values.
        self.local.clear();
        self.struct_high.clear();
        self.stale = true;
        r
    }

    /// The imported System V signature of `params` `I64` parameters and an `I64` result
    /// (helpers: the CPU pointer and their arguments; pure functions: their arguments),
    /// once per function.
    fn sysv_sig(&mut self, params: usize) -> SigRef {
        if let Some(&s) = self.helper_sigs.get(&params) {
            return s;
        }
        let mut s = Signature::new(CallConv::SystemV);
        s.params.resize(params, AbiParam::new(types::I64));
        s.returns.push(AbiParam::new(types::I64));
        let r = self.b.import_signature(s);
        self.helper_sigs.insert(params, r);
        r
    }

    /// Branches to a new block (laid out cold if `cold`) where `c` holds, for a conditional
    /// call, and switches to it; returns the join block, whose one parameter is the result
    /// (0 from the other edge).
    fn begin_call_if(&mut self, c: Value, cold: bool) -> Block {
        let call_b = self.b.create_block();
        let join = self.b.create_block();
        self.b.append_block_param(join, types::I64);
        if cold {
            self.b.set_cold_block(call_b);
        }
        let zero = self.b.ins().iconst(types::I64, 0);
        self.b.ins().brif(c, call_b, &[], join, &[zero.into()]);
        self.b.seal_block(call_b);
        self.b.switch_to_block(call_b);
        join
    }

    /// Ends the call block [`Self::begin_call_if`] started with result `r`; returns the
    /// joined result.
    fn end_call_if(&mut self, join: Block, r: Value) -> Value {
        self.b.ins().jump(join, &[r.into()]);
        self.b.seal_block(join);
        self.b.switch_to_block(join);
        self.b.block_params(join)[0]
    }

    /// A pure function call (see [`PureFn`]), unconditional or only where `cond != 0`: a
    /// plain System V call with no sync point, guest state left in its variables.
    fn call_pure_maybe(&mut self, cond: Option<Value>, f: &PureFn, args: &[Value]) -> Value {
        self.live();
        assert!(args.len() == f.nargs as usize && args.len() <= PureFn::MAX_ARGS, "pure function {} called with the wrong arity", f.name);
        let sig = self.sysv_sig(f.nargs as usize);
        let mut full = Vec::with_capacity(args.len());
        for &a in args {
            full.push(match self.ty(a) {
                Ty::I64 => a,
                Ty::I128 => self.trunc(Ty::I64, a),
                _ => self.b.ins().uextend(types::I64, a),
            });
        }
        let join = cond.map(|c| self.begin_call_if(c, false));
        let fp = self.b.ins().iconst(types::I64, f.addr as i64);
        let call = self.b.ins().call_indirect(sig, fp, &full);
        let mut r = self.b.inst_results(call)[0];
        if let Some(join) = join {
            r = self.end_call_if(join, r);
        }
        r
    }

    fn raise_here(&mut self, exc: u32, pc: u64) {
        self.store_state_for_exit(false);
        self.store_pc_const(pc);
        let e = self.b.ins().iconst(types::I32, exc as i64);
        self.b.ins().store(CPU_FLAGS, e, self.cpu, CpuHeader::EXCEPTION as i32);
        self.ret(exit_code::EXCEPTION);
    }

    /// On the path where `c` is known to be 0: if `c` tests a bit of a packed value
    /// (`bit == 0` or `bit == 1`), rebuild that value from the now-known bits (for a one-hot
    /// group, one known-set bit fixes the others), so the full packing is only computed on
    /// the paths that still need it.
    fn learn_false(&mut self, c: Value) {
        use cranelift_codegen::ir::{InstructionData, Opcode, ValueDef};
        let dfg = &self.b.func.dfg;
        let konst = |v: Value| match dfg.value_def(v) {
            ValueDef::Result(i, 0) => match dfg.insts[i] {
                InstructionData::UnaryImm { opcode: Opcode::Iconst, imm } => Some(imm.bits()),
                _ => None,
            },
            _ => None,
        };
        // c == (x == k) with x a 0/1 bit: c false means x == 1 - k.
        let (x, known) = match dfg.value_def(c) {
            ValueDef::Result(i, 0) => match dfg.insts[i] {
                InstructionData::IntCompare { opcode: Opcode::Icmp, cond: IntCC::Equal, args } => match (konst(args[1]), konst(args[0])) {
                    (Some(k @ (0 | 1)), _) => (args[0], 1 - k),
                    (_, Some(k @ (0 | 1))) => (args[1], 1 - k),
                    _ => return,
                },
                _ => return,
            },
            _ => return,
        };
        let rewrites: Vec<(Value, Vec<Value>, u32)> = self
            .packed
            .iter()
            .filter_map(|(&p, (parts, one_hot))| {
                let i = parts.iter().position(|&b| b == x)?;
                Some((p, i, parts.clone(), *one_hot))
            })
            .map(|(p, i, mut parts, one_hot)| {
                let zero = self.b.ins().iconst(types::I8, 0);
                let one = self.b.ins().iconst(types::I8, 1);
                parts[i] = if known == 1 { one } else { zero };
                if known == 1 && one_hot & (1 << i) != 0 {
                    for (j, part) in parts.iter_mut().enumerate() {
                        if j != i && one_hot & (1 << j) != 0 {
                            *part = zero;
                        }
                    }
                }
                (p, parts, one_hot)
            })
            .collect();
        for (old, parts, one_hot) in rewrites {
            let new = self.pack_bits_one_hot(&parts, one_hot);
            let same: Vec<u32> = self.local.iter().filter(|(_, v)| **v == old).map(|(o, _)| *o).collect();
            for off in same {
                let (_, var) = self.vars[&off];
                self.b.def_var(var, new);
                self.local.insert(off, new);
            }
            for (_, v) in self.pending.iter_mut() {
                if *v == old {
                    *v = new;
                }
            }
        }
    }

    /// The side exit of `exit_if`.
    fn emit_exit_if(&mut self, c: Value, pc: u64) {
        self.live();
        let cold = self.profile.get(&self.pc).is_some_and(|&(taken, not)| not >= 4 && taken.saturating_mul(8) <= not);
        self.side_exit(c, true, pc, cold);
        self.learn_false(c);
    }

    /// Leaves (with this instruction's pending writes) to `pc` when `c` equals `when`, and
    /// continues in a new block otherwise. `cold`: the profile says the exit is rarely
    /// taken, so it does not count against the path being a tight loop.
    fn side_exit(&mut self, c: Value, when: bool, pc: u64, cold: bool) {
        let cont = self.side_block(c, when, false);
        self.cold_exit = cold;
        self.chain_exit(pc, true);
        self.cold_exit = false;
        self.b.switch_to_block(cont);
    }

    /// Sets the interpreter's branch profile: (pc, taken, not taken) per conditional exit.
    pub fn set_profile(&mut self, profile: &[(u64, u32, u32)]) {
        self.profile = profile.iter().map(|&(pc, t, n)| (pc, (t, n))).collect();
    }

    /// The target of the current instruction's mostly-taken conditional exit, held back
    /// until the compiler decides (after the instruction's `translate`, before `end_insn`)
    /// to continue the trace there ([`ClifEmitter::follow_biased_exit`]) or not
    /// ([`ClifEmitter::flush_biased_exit`]).
    pub fn biased_exit_target(&self) -> Option<u64> {
        self.biased.map(|(_, pc)| pc)
    }

    /// Continues the trace at the held-back exit's target: the instruction's fall-through
    /// (to `fallthrough`) becomes the side exit instead.
    pub fn follow_biased_exit(&mut self, fallthrough: u64) {
        let Some((c, _)) = self.biased.take() else { return };
        let (taken, not) = self.profile.get(&self.pc).copied().unwrap_or((0, 0));
        self.side_exit(c, false, fallthrough, not.saturating_mul(8) <= taken);
    }

    /// Tells the next instruction that a computed branch it makes is expected to go to
    /// `ret` (the return address of a call this trace followed): such a branch then
    /// continues inline when its target is `ret`, leaving only otherwise.
    pub fn expect_return(&mut self, ret: Option<u64>) {
        self.expected_return = ret;
        self.speculated = false;
    }

    /// Whether the instruction just translated branched to the expected return address
    /// inline (the trace goes on there).
    pub fn took_expected_return(&self) -> bool {
        self.speculated
    }

    /// Emits the held-back exit as an ordinary side exit, if there is one.
    pub fn flush_biased_exit(&mut self) {
        if let Some((c, pc)) = self.biased.take() {
            self.emit_exit_if(c, pc);
        }
    }

    fn mark_dead(&mut self) {
        self.dead = true;
        self.terminated = true;
    }

    /// A division that cannot trap (see `ir.rs`): divisor 0 gives 0, signed MIN / -1 gives
    /// MIN (remainder 0).
    fn safe_div(&mut self, a: Value, b: Value, op: DivOp) -> Value {
        let signed = matches!(op, DivOp::Sdiv | DivOp::Srem);
        let (d, bad) = self.safe_divisor(a, b, signed);
        let r = match op {
            DivOp::Udiv => self.b.ins().udiv(a, d),
            DivOp::Sdiv => self.b.ins().sdiv(a, d),
            DivOp::Urem => self.b.ins().urem(a, d),
            DivOp::Srem => self.b.ins().srem(a, d),
        };
        let t = self.b.func.dfg.value_type(a);
        let z = self.b.ins().iconst(t, 0);
        self.b.ins().select(bad, z, r)
    }

    fn safe_divisor(&mut self, a: Value, b: Value, signed: bool) -> (Value, Value) {
        let t = self.b.func.dfg.value_type(b);
        let zero = self.b.ins().icmp_imm_s(IntCC::Equal, b, 0);
        let one = self.b.ins().iconst(t, 1);
        if signed {
            let min = match t {
                types::I8 => i8::MIN as i64,
                types::I16 => i16::MIN as i64,
                types::I32 => i32::MIN as i64,
                _ => i64::MIN,
            };
            let amin = self.b.ins().icmp_imm_s(IntCC::Equal, a, min);
            let bneg = self.b.ins().icmp_imm_s(IntCC::Equal, b, -1);
            let ovf = self.b.ins().band(amin, bneg);
            // MIN / -1 is computed as MIN / 1 = MIN (remainder 0).
            let d = self.b.ins().select(ovf, one, b);
            let d = self.b.ins().select(zero, one, d);
            return (d, zero);
        }
        let d = self.b.ins().select(zero, one, b);
        (d, zero)
    }
}

impl ClifEmitter<'_> {
    /// The `I64` bit pattern `v` as an `F64`.
    fn as_f64(&mut self, v: Value) -> Value {
        self.b.ins().bitcast(types::F64, MemFlagsData::new(), v)
    }
}

/// `a × b + c` (binary64 bit patterns), one rounding: [`Emitter::f64_fma`] on hosts
/// without the FMA instructions.
extern "C" fn fma_bits(a: u64, b: u64, c: u64) -> u64 {
    f64::from_bits(a).mul_add(f64::from_bits(b), f64::from_bits(c)).to_bits()
}

impl Emitter for ClifEmitter<'_> {
    type V = Value;

    fn ty(&self, v: Value) -> Ty {
        our_ty(self.b.func.dfg.value_type(v))
    }

    fn iconst(&mut self, ty: Ty, v: u64) -> Value {
        self.live();
        if ty == Ty::I128 {
            let lo = self.b.ins().iconst(types::I64, v as i64);
            let hi = self.b.ins().iconst(types::I64, 0);
            self.b.ins().iconcat(lo, hi)
        } else {
            let masked = (v as u128 & ty.mask()) as u64;
            self.b.ins().iconst(clif_ty(ty), masked as i64)
        }
    }

    fn get(&mut self, s: Slot) -> Value {
        self.live();
        if let Some(&hi_var) = self.lo32.get(&s.offset) {
            // The whole of a slot carried as its low half: the high half from a value that
            // has it (re-read after a helper call).
            let lo = self.lo32_value(s);
            let hi = if self.stale {
                let h = self.b.ins().load(types::I64, CPU_FLAGS, self.cpu, s.offset as i32);
                self.b.def_var(hi_var, h);
                h
            } else {
                self.b.use_var(hi_var)
            };
            let high = self.b.ins().band_imm_s(hi, 0xffff_ffff_0000_0000u64 as i64);
            let low = self.b.ins().uextend(types::I64, lo);
            return self.b.ins().bor(high, low);
        }
        if let Some((_, v)) = self.pending.iter().rev().find(|(p, _)| p.offset == s.offset && p.ty == s.ty) {
            return *v;
        }
        if self.cacheable(s) {
            return self.cached_value(s, clif_ty(s.ty));
        }
        self.expose_overlapped(s);
        if s.ty == Ty::I128 {
            let lo = self.b.ins().load(types::I64, CPU_FLAGS, self.cpu, s.offset as i32);
            let hi = self.b.ins().load(types::I64, CPU_FLAGS, self.cpu, s.offset as i32 + 8);
            self.b.ins().iconcat(lo, hi)
        } else {
            self.b.ins().load(clif_ty(s.ty), CPU_FLAGS, self.cpu, s.offset as i32)
        }
    }

    fn set(&mut self, s: Slot, v: Value) {
        self.live();
        debug_assert_eq!(self.ty(v), s.ty, "slot type mismatch at offset {}", s.offset);
        self.full_written.insert(s.offset);
        if self.lo32.contains_key(&s.offset) {
            // The first build saw this slot written only in its low half. The second
            // translates the same instructions, so this cannot happen; if it does, the plan
            // did not hold (see `plan_held`) and this build is thrown away. Keep the IR
            // well-typed until then.
            self.lo32_broken = true;
            let lo = self.b.ins().ireduce(types::I32, v);
            self.hold(s, lo);
            return;
        }
        self.hold(s, v);
    }

    fn get_lo32(&mut self, s: Slot) -> Value {
        if self.lo32.contains_key(&s.offset) {
            self.live();
            return self.lo32_value(s);
        }
        let v = self.get(s);
        match self.lo_parts.get(&v) {
            Some(&(_, lo)) => lo,
            None => self.b.ins().ireduce(types::I32, v),
        }
    }

    fn set_lo32(&mut self, s: Slot, lo: Value) {
        self.live();
        self.lo_written.insert(s.offset);
        if self.lo32.contains_key(&s.offset) {
            // Carried as its low half: the write is that half (written back as 4 bytes).
            self.hold(s, lo);
            return;
        }
        // The merged value is emitted (Cranelift drops it if nothing needs all 64 bits),
        // and remembered with its parts: reads of the low half take `lo` itself, and a
        // write-back stores only `lo` when the struct has the high half already.
        let old = self.get(s);
        let hi = self.high_source(old);
        let high = self.b.ins().band_imm_s(hi, 0xffff_ffff_0000_0000u64 as i64);
        let low = self.b.ins().uextend(types::I64, lo);
        let merged = self.b.ins().bor(high, low);
        self.lo_parts.insert(merged, (hi, lo));
        self.hold(s, merged);
    }

    fn add(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.b.ins().iadd(a, b)
    }
    fn sub(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.b.ins().isub(a, b)
    }
    fn signed_overflow(&mut self, a: Value, b: Value, sub: bool) -> Value {
        self.live();
        if self.b.func.dfg.value_type(a) == types::I128 {
            return crate::ir::signed_overflow_from_signs(self, a, b, sub);
        }
        // The host's overflow flag (`add`/`sub` then `seto`).
        let (_, of) = if sub { self.b.ins().ssub_overflow(a, b) } else { self.b.ins().sadd_overflow(a, b) };
        of
    }
    fn mul(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.b.ins().imul(a, b)
    }
    fn umulhi(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.b.ins().umulhi(a, b)
    }
    fn smulhi(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.b.ins().smulhi(a, b)
    }
    fn udiv(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.safe_div(a, b, DivOp::Udiv)
    }
    fn sdiv(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.safe_div(a, b, DivOp::Sdiv)
    }
    fn urem(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.safe_div(a, b, DivOp::Urem)
    }
    fn srem(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.safe_div(a, b, DivOp::Srem)
    }
    fn f64_op(&mut self, op: FloatOp, a: Value, b: Value) -> Value {
        self.live();
        let (x, y) = (self.as_f64(a), self.as_f64(b));
        let r = match op {
            FloatOp::Add => self.b.ins().fadd(x, y),
            FloatOp::Sub => self.b.ins().fsub(x, y),
            FloatOp::Mul => self.b.ins().fmul(x, y),
            FloatOp::Div => self.b.ins().fdiv(x, y),
        };
        self.b.ins().bitcast(types::I64, MemFlagsData::new(), r)
    }
    fn f64_fma(&mut self, a: Value, b: Value, c: Value) -> Value {
        self.live();
        if !self.env.has_fma {
            // Call the host's correctly rounded fma (a pure function: no guest state).
            let mut sig = Signature::new(CallConv::SystemV);
            for _ in 0..3 {
                sig.params.push(AbiParam::new(types::I64));
            }
            sig.returns.push(AbiParam::new(types::I64));
            let sig = self.b.import_signature(sig);
            let f = self.b.ins().iconst(types::I64, fma_bits as *const () as i64);
            let call = self.b.ins().call_indirect(sig, f, &[a, b, c]);
            return self.b.inst_results(call)[0];
        }
        let (x, y, z) = (self.as_f64(a), self.as_f64(b), self.as_f64(c));
        let r = self.b.ins().fma(x, y, z);
        self.b.ins().bitcast(types::I64, MemFlagsData::new(), r)
    }
    fn and(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.b.ins().band(a, b)
    }
    fn or(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.b.ins().bor(a, b)
    }
    fn xor(&mut self, a: Value, b: Value) -> Value {
        self.live();
        self.b.ins().bxor(a, b)
    }
    fn shl(&mut self, a: Value, amt: Value) -> Value {
        self.live();
        if let Some(v) = self.shift128_const(Shift128::Shl, a, amt) {
            return v;
        }
        self.b.ins().ishl(a, amt)
    }
    fn lshr(&mut self, a: Value, amt: Value) -> Value {
        self.live();
        if let Some(v) = self.shift128_const(Shift128::Lshr, a, amt) {
            return v;
        }
        self.b.ins().ushr(a, amt)
    }
    fn ashr(&mut self, a: Value, amt: Value) -> Value {
        self.live();
        if let Some(v) = self.shift128_const(Shift128::Ashr, a, amt) {
            return v;
        }
        self.b.ins().sshr(a, amt)
    }
    fn rotl(&mut self, a: Value, amt: Value) -> Value {
        self.live();
        if let Some(v) = self.shift128_const(Shift128::Rotl, a, amt) {
            return v;
        }
        self.b.ins().rotl(a, amt)
    }
    fn not(&mut self, a: Value) -> Value {
        self.live();
        self.b.ins().bnot(a)
    }
    fn neg(&mut self, a: Value) -> Value {
        self.live();
        self.b.ins().ineg(a)
    }
    fn clz(&mut self, a: Value) -> Value {
        self.live();
        self.b.ins().clz(a)
    }
    fn ctz(&mut self, a: Value) -> Value {
        self.live();
        self.b.ins().ctz(a)
    }
    fn popcnt(&mut self, a: Value) -> Value {
        self.live();
        self.b.ins().popcnt(a)
    }
    fn bswap(&mut self, a: Value) -> Value {
        self.live();
        match self.ty(a) {
            Ty::I8 => a,
            Ty::I128 => {
                let (lo, hi) = self.b.ins().isplit(a);
                let lo = self.b.ins().bswap(lo);
                let hi = self.b.ins().bswap(hi);
                self.b.ins().iconcat(hi, lo)
            }
            _ => self.b.ins().bswap(a),
        }
    }

    fn zext(&mut self, ty: Ty, a: Value) -> Value {
        self.live();
        if self.ty(a) == ty { a } else { self.b.ins().uextend(clif_ty(ty), a) }
    }
    fn sext(&mut self, ty: Ty, a: Value) -> Value {
        self.live();
        if self.ty(a) == ty { a } else { self.b.ins().sextend(clif_ty(ty), a) }
    }
    fn trunc(&mut self, ty: Ty, a: Value) -> Value {
        self.live();
        if self.ty(a) == ty {
            a
        } else if self.ty(a) == Ty::I128 {
            let (lo, _) = self.b.ins().isplit(a);
            if ty == Ty::I64 { lo } else { self.b.ins().ireduce(clif_ty(ty), lo) }
        } else {
            self.b.ins().ireduce(clif_ty(ty), a)
        }
    }
    fn concat(&mut self, lo: Value, hi: Value) -> Value {
        self.live();
        self.b.ins().iconcat(lo, hi)
    }

    fn icmp(&mut self, c: Cmp, a: Value, b: Value) -> Value {
        self.live();
        self.b.ins().icmp(intcc(c), a, b)
    }
    fn select(&mut self, c: Value, a: Value, b: Value) -> Value {
        self.live();
        self.b.ins().select(c, a, b)
    }

    fn load(&mut self, ty: Ty, addr: Value, e: Endian) -> Value {
        self.live();
        self.prepare_for_access(Access::Load);
        let v = match self.env.mem {
            MemModel::SoftTlb(layout) => crate::softtlb::emit_load(self, layout, ty, addr),
            MemModel::User { .. } => {
                let (host, off) = self.host_addr(addr, ty.bytes(), false);
                self.load_raw(ty, host, off)
            }
        };
        self.swap_if(e, v)
    }

    fn store(&mut self, ty: Ty, addr: Value, v: Value, e: Endian) {
        self.live();
        self.prepare_for_access(Access::Store);
        let v = self.swap_if(e, v);
        match self.env.mem {
            MemModel::SoftTlb(layout) => crate::softtlb::emit_store(self, layout, ty, addr, v),
            MemModel::User { .. } => {
                let (host, off) = self.host_addr(addr, ty.bytes(), true);
                self.store_raw(ty, host, v, off);
            }
        }
    }

    fn cas(&mut self, ty: Ty, addr: Value, expected: Value, new: Value, e: Endian) -> Value {
        self.live();
        self.prepare_for_access(Access::Atomic);
        let (host, off) = self.host_addr(addr, ty.bytes(), true);
        let host = if off != 0 { self.b.ins().iadd_imm_s(host, off as i64) } else { host };
        let x = self.swap_if(e, expected);
        let n = self.swap_if(e, new);
        let old = self.b.ins().atomic_cas(MemFlagsData::new(), host, x, n);
        self.swap_if(e, old)
    }

    fn fence(&mut self) {
        self.live();
        self.b.ins().fence();
    }

    fn call(&mut self, h: &Helper, args: &[Value]) -> Value {
        self.call_maybe(None, h, args)
    }

    fn call_pure(&mut self, f: &PureFn, args: &[Value]) -> Value {
        self.call_pure_maybe(None, f, args)
    }

    fn call_pure_if(&mut self, c: Value, f: &PureFn, args: &[Value]) -> Value {
        self.call_pure_maybe(Some(c), f, args)
    }

    fn call_if(&mut self, c: Value, h: &Helper, args: &[Value]) -> Value {
        self.call_maybe(Some(c), h, args)
    }

    fn pack_bits(&mut self, bits: &[Value]) -> Value {
        self.pack_bits_one_hot(bits, 0)
    }

    fn pack_bits_one_hot(&mut self, bits: &[Value], one_hot: u32) -> Value {
        self.live();
        let hot: Vec<usize> = (0..bits.len()).filter(|i| one_hot & (1 << i) != 0).collect();
        if let [rest @ .., last] = hot.as_slice() {
            if !rest.is_empty() {
                // Exactly one of the one-hot bits is set: their part is a chain of selects
                // (a compare and a conditional move each), the last bit being the default —
                // for a CR field, two compares instead of three set-and-shift steps.
                let mut acc = self.b.ins().iconst(types::I8, 1 << last);
                for &i in rest.iter().rev() {
                    let k = self.b.ins().iconst(types::I8, 1 << i);
                    acc = self.b.ins().select(bits[i], k, acc);
                }
                for (i, &b) in bits.iter().enumerate() {
                    if one_hot & (1 << i) == 0 {
                        let b8 = self.trunc(Ty::I8, b);
                        let sh = if i > 0 { self.b.ins().ishl_imm_s(b8, i as i64) } else { b8 };
                        acc = self.b.ins().bor(acc, sh);
                    }
                }
                self.packed.insert(acc, (bits.to_vec(), one_hot));
                return acc;
            }
        }
        // acc = acc * 2 + bit, from the top bit down: one lea-shaped add per bit.
        let mut acc: Option<Value> = None;
        for &b in bits.iter().rev() {
            let b32 = self.b.ins().uextend(types::I32, b);
            acc = Some(match acc {
                None => b32,
                Some(a) => {
                    let a2 = self.b.ins().ishl_imm_s(a, 1);
                    self.b.ins().iadd(a2, b32)
                }
            });
        }
        let v = match acc {
            Some(a) => self.b.ins().ireduce(types::I8, a),
            None => self.b.ins().iconst(types::I8, 0),
        };
        self.packed.insert(v, (bits.to_vec(), one_hot));
        v
    }

    fn note_origin(&mut self, v: Value, kind: u32, from: &[Value]) {
        self.origins.insert(v, (kind, from.to_vec()));
    }

    fn origin_of(&self, v: Value) -> Option<(u32, Vec<Value>)> {
        self.origins.get(&v).cloned()
    }

    fn bit(&mut self, a: Value, n: u32) -> Value {
        self.live();
        if let Some((parts, _)) = self.packed.get(&a) {
            return match parts.get(n as usize) {
                Some(&b) => b,
                None => self.b.ins().iconst(types::I8, 0),
            };
        }
        let s = self.lshr_imm(a, n);
        let t = self.trunc(Ty::I8, s);
        self.and_imm(t, 1)
    }

    fn exit_if(&mut self, c: Value, pc: u64) {
        self.live();
        if let Some(&(taken, not)) = self.profile.get(&self.pc) {
            if taken >= 4 && taken > 2 * not {
                self.biased = Some((c, pc));
                return;
            }
        }
        self.emit_exit_if(c, pc);
    }

    fn exit(&mut self, pc: u64) {
        self.live();
        self.commit_pending();
        self.chain_exit(pc, false);
        self.mark_dead();
    }

    fn exit_indirect(&mut self, pc: Value) {
        self.live();
        self.commit_pending();
        if let (Some(ret), false) = (self.expected_return, self.env.no_chain) {
            // A return the trace expects: continue inline when the target is the return
            // address of the call it followed; leave through the jump cache otherwise.
            let hit = self.b.ins().icmp_imm_s(IntCC::Equal, pc, ret as i64);
            let cont = self.side_block(hit, false, false);
            self.side_exits += 1;
            self.store_state_for_exit(false);
            self.indirect_exit(pc);
            self.b.switch_to_block(cont);
            self.speculated = true;
            return;
        }
        self.sync();
        self.indirect_exit(pc);
        self.mark_dead();
    }

    fn raise(&mut self, exc: u32, pc: u64) {
        self.live();
        self.raise_here(exc, pc);
        self.mark_dead();
    }

    fn raise_if(&mut self, c: Value, exc: u32, pc: u64) {
        self.live();
        let cont = self.side_block(c, true, true);
        self.raise_here(exc, pc);
        self.b.switch_to_block(cont);
    }
}

#[cfg(test)]
mod fma_tests {
    /// The fallback of `f64_fma` rounds once: 0.1 × 3 − 0x3fd3333333333334 is exactly −2^-55
    /// (0.1 is 0.1000000000000000055511151231257827; an unfused product and subtraction
    /// would give 0).
    #[test]
    fn fallback_fma_is_fused() {
        let (tenth, three, r) = (0x3fb9_9999_9999_999au64, 3f64.to_bits(), 0x3fd3_3333_3333_3334u64);
        assert_eq!(super::fma_bits(tenth, three, r ^ 1 << 63), 0xbc80_0000_0000_0000);
    }
}

#[cfg(test)]
mod shift128_tests {
    use crate::cpu::{CpuHeader, GuestCpu};
    use crate::engine::{Config, Engine, Exit};
    use crate::frontend::{CodeSource, Flow, Frontend};
    use crate::ir::{Emitter, Slot, Ty};
    use crate::testmem::FlatMemory;
    use std::mem::offset_of;

    #[repr(C)]
    #[derive(Default)]
    struct Cpu {
        hdr: CpuHeader,
        x: u128,
        y: u128,
    }
    unsafe impl GuestCpu for Cpu {
        fn header(&self) -> &CpuHeader {
            &self.hdr
        }
        fn header_mut(&mut self) -> &mut CpuHeader {
            &mut self.hdr
        }
    }
    const X: Slot = Slot::new(offset_of!(Cpu, x), Ty::I128);
    const Y: Slot = Slot::new(offset_of!(Cpu, y), Ty::I128);

    /// Two-byte instructions `[op, k]`: y <- x shifted (op 0 left, 1 logical right, 2
    /// arithmetic right) or rotated left (3) by the constant k; `[0xff, _]` leaves.
    struct ShiftFe;
    impl Frontend for ShiftFe {
        type Cpu = Cpu;
        fn mode(_: &Cpu) -> u32 {
            0
        }
        const MAX_INSN_LEN: usize = 2;
        const CACHE_LIMIT: u32 = 0;
        fn name(&self) -> &'static str {
            "shift128"
        }
        type Decoded = [u8; 2];
        fn predecode(&self, code: &dyn CodeSource, pc: u64, _: u32) -> Option<[u8; 2]> {
            let mut b = [0u8; 2];
            code.fetch(pc, &mut b).then_some(b)
        }
        fn emit_decoded<E: Emitter>(&self, e: &mut E, _: &dyn CodeSource, &[op, k]: &[u8; 2], _: u64, _: u32) -> Flow {
            if op == 0xff {
                e.exit(0x10000);
                return Flow::End;
            }
            let x = e.get(X);
            let amt = e.iconst(Ty::I128, k as u64);
            let y = match op {
                0 => e.shl(x, amt),
                1 => e.lshr(x, amt),
                2 => e.ashr(x, amt),
                _ => e.rotl(x, amt),
            };
            e.set(Y, y);
            Flow::Next(2)
        }
        fn disasm(&self, _: &dyn CodeSource, _: u64, _: u32) -> (String, u32) {
            (String::new(), 2)
        }
    }

    /// Every constant amount of each 128-bit shift and rotate, compiled, against Rust's own
    /// `u128`/`i128` operations, for a value with its sign bit set and one without.
    #[test]
    fn constant_128_bit_shifts_and_rotates() {
        // Memory ends where the programs' exit goes, so the run stops there.
        let mem = FlatMemory::new(0x10000);
        for (i, op) in (0u8..4).enumerate() {
            for k in 0u8..128 {
                mem.write(0x1000 + 0x1000 * i as u64 + 4 * k as u64, &[op, k, 0xff, 0]);
            }
        }
        let mut eng = Engine::new(ShiftFe, Config { hot_threshold: 0, ..Config::default() });
        for x in [0x8123_4567_89ab_cdef_fedc_ba98_7654_3211u128, 0x0fed_cba9_8765_4321_0123_4567_89ab_cdefu128] {
            for op in 0u8..4 {
                for k in 0u32..128 {
                    let want = match op {
                        0 => x << k,
                        1 => x >> k,
                        2 => ((x as i128) >> k) as u128,
                        _ => x.rotate_left(k),
                    };
                    let mut cpu = Cpu { x, ..Cpu::default() };
                    cpu.hdr.pc = 0x1000 + 0x1000 * op as u64 + 4 * k as u64;
                    assert_eq!(eng.run(&mut cpu, &mem), Exit::FetchFault(0x10000));
                    assert_eq!(cpu.y, want, "op {op} by {k} of {x:#x}");
                }
            }
        }
    }
}
