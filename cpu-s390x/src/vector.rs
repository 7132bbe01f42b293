//! The vector facility for z/Architecture (PoP ch. 21-24, z13): loads and stores,
//! integer, generate/permute, string and vector BFP instructions.

/// Operand loaders of this chapter's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
