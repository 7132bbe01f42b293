//! VSX scalar quad-precision instructions (Power ISA 3.0B Book I §7.6.1, `xs*qp`, v3.0):
//! translation. Each instruction is one call to a family helper in
//! [`crate::vsx_quad_helpers`] (arithmetic on [`crate::fp_quad`]), which writes the VR
//! target, the FPSCR and the CR field itself. Operands are VRs (VSRs 32-63). The sign
//! operations (`xsabsqp` ...) are bit moves in [`crate::vsx`].

use crate::forms::Xq;
use crate::vsx_quad_helpers::{self as qh, qm};
use crate::Cx;
use jit::frontend::Flow;
use jit::helper;
use jit::ir::{Emitter, Helper, Ty};

fn call<E: Emitter>(e: &mut E, h: Helper, args: &[u64]) -> E::V {
    let args: Vec<E::V> = args.iter().map(|&a| e.iconst(Ty::I64, a)).collect();
    e.call(&h, &args)
}

fn ro(a: &Xq) -> u64 {
    if a.ro { qm::RO } else { 0 }
}

/// `xs{add,sub,mul,div}qp[o]`, `xssqrtqp[o]` (`op`: `qm::OP_*`).
pub fn qp_arith<E: Emitter>(e: &mut E, a: &Xq, _cx: &Cx, op: u64) -> Flow {
    let mode = op << qm::OP_SHIFT | ro(a);
    call(e, helper!(qh::qp_arith, 4, true), &[a.vrt as u64, a.vra as u64, a.vrb as u64, mode]);
    Flow::Next(4)
}

/// `xs[n]m{add,sub}qp[o]`.
pub fn qp_madd<E: Emitter>(e: &mut E, a: &Xq, _cx: &Cx, sub: bool, neg: bool) -> Flow {
    let mode = ro(a) | if sub { qm::SUB } else { 0 } | if neg { qm::NEG } else { 0 };
    call(e, helper!(qh::qp_madd, 4, true), &[a.vrt as u64, a.vra as u64, a.vrb as u64, mode]);
    Flow::Next(4)
}

/// Conversions (`kind`: `qm::CV_*`; `flags`: `qm::SIGNED`, `qm::WORD`, `qm::EX`).
pub fn qp_cvt<E: Emitter>(e: &mut E, a: &Xq, _cx: &Cx, kind: u64, flags: u64) -> Flow {
    let rc = (a.r as u64) << 2 | a.rmc as u64;
    // RO (bit 31) means round-to-odd only for xscvqpdpo; the other rows fix the bit.
    let ro = if kind == qm::CV_QPDP { ro(a) } else { 0 };
    let mode = kind << qm::OP_SHIFT | flags | ro | rc << qm::RC_SHIFT;
    call(e, helper!(qh::qp_cvt, 3, true), &[a.vrt as u64, a.vrb as u64, mode]);
    Flow::Next(4)
}

/// `xscmpuqp`, `xscmpoqp` (`ordered`), `xscmpexpqp` (`exp`).
pub fn qp_cmp<E: Emitter>(e: &mut E, a: &Xq, _cx: &Cx, ordered: bool, exp: bool) -> Flow {
    let mode = if ordered { qm::ORDERED } else { 0 } | if exp { qm::CMP_EXP << qm::OP_SHIFT } else { 0 };
    call(e, helper!(qh::qp_cmp, 4, true), &[a.bf as u64, a.vra as u64, a.vrb as u64, mode]);
    Flow::Next(4)
}

/// `xststdcqp BF,VRB,DCMX`.
pub fn trans_xststdcqp<E: Emitter>(e: &mut E, a: &Xq, _cx: &Cx) -> Flow {
    call(e, helper!(qh::qp_tstdc, 3, false), &[a.bf as u64, a.vrb as u64, a.dcmx as u64]);
    Flow::Next(4)
}

/// `xsiexpqp`, `xsxexpqp`, `xsxsigqp` (`op`: `qm::BIT_*`).
pub fn qp_bits<E: Emitter>(e: &mut E, a: &Xq, _cx: &Cx, op: u64) -> Flow {
    call(e, helper!(qh::qp_bits, 4, false), &[a.vrt as u64, a.vra as u64, a.vrb as u64, op << qm::OP_SHIFT]);
    Flow::Next(4)
}
