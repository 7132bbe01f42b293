//! Interlocked storage updates (PoP ch. 7): `COMPARE AND SWAP` family, `COMPARE AND SWAP
//! AND STORE`, the interlocked-access facility's `LOAD AND ADD/AND/OR/EXCLUSIVE OR`,
//! `LOAD/STORE PAIR (FROM/TO) QUADWORD` — all on host atomics, so other guest threads see
//! each as one indivisible access.

/// Operand loaders of these rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
