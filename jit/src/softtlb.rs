//! System-mode guest memory: a software TLB probed inline by translated code.
//!
//! The TLB is a direct-mapped table of [`TlbEntry`] (QEMU's CPUTLBEntry idea) reached
//! through `CpuHeader::tlb`. An entry maps one guest-virtual page: `tag_read`/`tag_write`
//! hold the page address when reads/writes may take the fast path (`u64::MAX` otherwise — an
//! empty entry, or a page the machine wants to see every access of: MMIO, watchpoints, pages
//! holding translated code), and `addend` turns the guest address into a host address.
//!
//! Fast path (inlined): index by page number, compare the tag with the page of the access's
//! *last* byte (so a page-crossing access misses), add the addend, access host memory.
//! Slow path: a call to the machine's helper, which walks the guest page tables, refills the
//! entry, performs the access (RAM or device) and returns the value — or raises the guest's
//! storage exception through `CpuHeader::exception`, in which case the block exits with the
//! state as before the instruction (the emitter's usual precise-fault rule).
//!
//! The front ends never see any of this: they call `Emitter::load`/`store` either way.

use crate::codegen::ClifEmitter;
use crate::cpu::{exit_code, CpuHeader};
use crate::ir::Ty;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, AbiParam, InstBuilder, MemFlagsData, Signature, Value};
use cranelift_codegen::isa::CallConv;

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct TlbEntry {
    pub tag_read: u64,
    pub tag_write: u64,
    pub addend: u64,
    pub _pad: u64,
}

impl TlbEntry {
    pub const EMPTY: TlbEntry = TlbEntry { tag_read: u64::MAX, tag_write: u64::MAX, addend: 0, _pad: 0 };
}

/// `extern "C" fn(cpu, addr, size) -> value`: a load that missed the TLB.
pub type SlowLoad = extern "C" fn(*mut u8, u64, u64) -> u64;
/// `extern "C" fn(cpu, addr, size, value) -> 0`: a store that missed the TLB.
pub type SlowStore = extern "C" fn(*mut u8, u64, u64, u64) -> u64;
/// `extern "C" fn(cpu, addr, size, is_write) -> host address`: for atomics (RAM only).
pub type SlowHostAddr = extern "C" fn(*mut u8, u64, u64, u64) -> u64;

/// What translated code needs to know about the TLB.
#[derive(Clone, Copy, Debug)]
pub struct TlbLayout {
    pub page_bits: u32,
    pub index_bits: u32,
    pub slow_load: SlowLoad,
    pub slow_store: SlowStore,
    pub slow_host_addr: SlowHostAddr,
}

/// A TLB table of `1 << index_bits` entries, all empty.
pub fn new_table(index_bits: u32) -> Box<[TlbEntry]> {
    vec![TlbEntry::EMPTY; 1 << index_bits].into_boxed_slice()
}

/// Emits the probe; returns (hit flag, host address if hit).
fn probe(em: &mut ClifEmitter, l: TlbLayout, addr: Value, size: u32, write: bool) -> (Value, Value) {
    let cpu = em.cpu_value();
    let b = em.builder();
    let f = MemFlagsData::trusted();
    let table = b.ins().load(types::I64, f, cpu, CpuHeader::TLB as i32);
    let idx = b.ins().ushr_imm_s(addr, l.page_bits as i64);
    let idx = b.ins().band_imm_s(idx, ((1u64 << l.index_bits) - 1) as i64);
    let off = b.ins().ishl_imm_s(idx, 5);
    let ent = b.ins().iadd(table, off);
    let tag = b.ins().load(types::I64, f, ent, if write { 8 } else { 0 });
    let last = b.ins().iadd_imm_s(addr, size as i64 - 1);
    let page = b.ins().band_imm_s(last, !((1i64 << l.page_bits) - 1));
    let hit = b.ins().icmp(IntCC::Equal, tag, page);
    let addend = b.ins().load(types::I64, f, ent, 16);
    let host = b.ins().iadd(addr, addend);
    (hit, host)
}

fn exit_if_raised(em: &mut ClifEmitter) {
    let cpu = em.cpu_value();
    let b = em.builder();
    let exc = b.ins().load(types::I32, MemFlagsData::trusted(), cpu, CpuHeader::EXCEPTION as i32);
    let raised = b.create_block();
    let cont = b.create_block();
    b.set_cold_block(raised);
    b.ins().brif(exc, raised, &[], cont, &[]);
    b.switch_to_block(raised);
    em.return_code(exit_code::EXCEPTION);
    em.builder().switch_to_block(cont);
}

fn call_slow(em: &mut ClifEmitter, fptr: usize, args: &[Value]) -> Value {
    let cpu = em.cpu_value();
    let b = em.builder();
    let mut sig = Signature::new(CallConv::SystemV);
    for _ in 0..=args.len() {
        sig.params.push(AbiParam::new(types::I64));
    }
    sig.returns.push(AbiParam::new(types::I64));
    let sig = b.import_signature(sig);
    let f = b.ins().iconst(types::I64, fptr as i64);
    let mut full = vec![cpu];
    full.extend_from_slice(args);
    let call = b.ins().call_indirect(sig, f, &full);
    let r = b.inst_results(call)[0];
    exit_if_raised(em);
    r
}

/// A TLB-checked load (raw little-endian host value of type `ty`, before byte swapping).
pub fn emit_load(em: &mut ClifEmitter, l: TlbLayout, ty: Ty, addr: Value) -> Value {
    if ty == Ty::I128 {
        let lo = emit_load(em, l, Ty::I64, addr);
        let a8 = em.builder().ins().iadd_imm_s(addr, 8);
        let hi = emit_load(em, l, Ty::I64, a8);
        return em.builder().ins().iconcat(lo, hi);
    }
    let (hit, host) = probe(em, l, addr, ty.bytes(), false);
    let cty = em_ty(ty);
    let b = em.builder();
    let fast = b.create_block();
    let slow = b.create_block();
    let join = b.create_block();
    let out = b.append_block_param(join, cty);
    b.set_cold_block(slow);
    b.ins().brif(hit, fast, &[], slow, &[]);
    b.switch_to_block(fast);
    let v = em.load_raw(ty, host, 0);
    em.builder().ins().jump(join, &[v.into()]);
    em.builder().switch_to_block(slow);
    let size = em.builder().ins().iconst(types::I64, ty.bytes() as i64);
    let r = call_slow(em, l.slow_load as usize, &[addr, size]);
    let b = em.builder();
    let r = if ty == Ty::I64 { r } else { b.ins().ireduce(cty, r) };
    b.ins().jump(join, &[r.into()]);
    b.switch_to_block(join);
    out
}

/// A TLB-checked store of `v` (already in guest byte order).
pub fn emit_store(em: &mut ClifEmitter, l: TlbLayout, ty: Ty, addr: Value, v: Value) {
    if ty == Ty::I128 {
        let (lo, hi) = em.builder().ins().isplit(v);
        emit_store(em, l, Ty::I64, addr, lo);
        let a8 = em.builder().ins().iadd_imm_s(addr, 8);
        emit_store(em, l, Ty::I64, a8, hi);
        return;
    }
    let (hit, host) = probe(em, l, addr, ty.bytes(), true);
    let b = em.builder();
    let fast = b.create_block();
    let slow = b.create_block();
    let join = b.create_block();
    b.set_cold_block(slow);
    b.ins().brif(hit, fast, &[], slow, &[]);
    b.switch_to_block(fast);
    em.store_raw(ty, host, v, 0);
    em.builder().ins().jump(join, &[]);
    em.builder().switch_to_block(slow);
    let b = em.builder();
    let size = b.ins().iconst(types::I64, ty.bytes() as i64);
    let v64 = if ty == Ty::I64 { v } else { b.ins().uextend(types::I64, v) };
    call_slow(em, l.slow_store as usize, &[addr, size, v64]);
    let b = em.builder();
    b.ins().jump(join, &[]);
    b.switch_to_block(join);
}

/// The host address for an atomic access (RAM only; the slow path may raise).
pub fn emit_host_addr(em: &mut ClifEmitter, l: TlbLayout, addr: Value, size: u32, write: bool) -> Value {
    let (hit, host) = probe(em, l, addr, size, write);
    let b = em.builder();
    let slow = b.create_block();
    let join = b.create_block();
    let out = b.append_block_param(join, types::I64);
    b.set_cold_block(slow);
    b.ins().brif(hit, join, &[host.into()], slow, &[]);
    b.switch_to_block(slow);
    let size = b.ins().iconst(types::I64, size as i64);
    let w = b.ins().iconst(types::I64, write as i64);
    let r = call_slow(em, l.slow_host_addr as usize, &[addr, size, w]);
    em.builder().ins().jump(join, &[r.into()]);
    em.builder().switch_to_block(join);
    out
}

fn em_ty(t: Ty) -> types::Type {
    match t {
        Ty::I8 => types::I8,
        Ty::I16 => types::I16,
        Ty::I32 => types::I32,
        _ => types::I64,
    }
}
