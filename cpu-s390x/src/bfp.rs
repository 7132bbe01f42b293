//! Binary floating point (PoP ch. 9 "Floating-Point Overview and Support Instructions" and
//! ch. 19 "Binary-Floating-Point Instructions"): short, long and extended formats with
//! exact IEEE flags, the FPC (masks, flags, DXC, rounding modes) and its instructions.

/// Operand loaders of this chapter's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
