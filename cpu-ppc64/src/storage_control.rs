//! Storage control and synchronisation (Power ISA 3.0B Book II ch. 4.3, 4.4.3, 4.6): cache
//! management hints, `dcbz`, `sync`/`eieio`/`isync`, `wait`.
//!
//! The emulated memory is coherent and has no caches: touch/flush/store hints do nothing and
//! never fault (the book allows a hint to be ignored, and the flushes have no visible effect
//! on coherent memory). Instruction-cache coherence for self-modifying code is the engine's
//! business (it write-protects translated pages), so `icbi` and `isync` are no-ops too.

use crate::forms::*;
use crate::load_store::ea_indexed;
use crate::Cx;
use jit::frontend::Flow;
use jit::ir::{Emitter, Ty};

/// Size of the block `dcbz` zeroes; machines must advertise the same in AT_DCACHEBSIZE.
pub const DCBZ_BLOCK: u64 = 128;

/// `sync L` (all L values: `hwsync`, `lwsync`, `ptesync`) and `eieio`: a full barrier is at
/// least as strong as every variant.
pub fn trans_sync<E: Emitter>(e: &mut E, _a: &X, _cx: &Cx) -> Flow {
    e.fence();
    Flow::Next(4)
}
pub fn trans_eieio<E: Emitter>(e: &mut E, _a: &X, _cx: &Cx) -> Flow {
    e.fence();
    Flow::Next(4)
}

/// `isync`: later instructions are fetched after it completes, which a translated block
/// already guarantees with respect to the guest's own stores (see the module docs).
pub fn trans_isync<E: Emitter>(_e: &mut E, _a: &Xl, _cx: &Cx) -> Flow {
    Flow::Next(4)
}

/// `dcbt`, `dcbtst` (every TH, so also `dcbtt`, `dcbtstt`, `dcbtct`, `dcbtds`), `dcbst`,
/// `dcbf` (every L), `icbi`, `icbt`: hints and flushes with no effect here.
pub fn trans_cache_hint<E: Emitter>(_e: &mut E, _a: &X, _cx: &Cx) -> Flow {
    Flow::Next(4)
}

/// `dcbz`: zeroes the aligned 128-byte block containing EA. Faults like the stores it is.
pub fn trans_dcbz<E: Emitter>(e: &mut E, a: &X, cx: &Cx) -> Flow {
    let ea = ea_indexed(e, a.ra, a.rb);
    let block = e.and_imm(ea, !(DCBZ_BLOCK - 1));
    let zero = e.iconst(Ty::I64, 0);
    for off in (0..DCBZ_BLOCK).step_by(8) {
        let addr = e.add_imm(block, off as i64);
        e.store(Ty::I64, addr, zero, cx.endian);
    }
    Flow::Next(4)
}

/// `wait`: waits for an interrupt; a user-mode thread has nothing to wait for that would not
/// also end the block, so it falls through.
pub fn trans_wait<E: Emitter>(_e: &mut E, _a: &X, _cx: &Cx) -> Flow {
    Flow::Next(4)
}
