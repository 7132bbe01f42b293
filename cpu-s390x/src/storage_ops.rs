//! Storage-to-storage, storage-immediate and string instructions (PoP ch. 7): `MVC`,
//! `CLC`, `XC`/`NC`/`OC`, `TR`/`TRT`, `MVCL(E)`, `CLCL(E)`, `CLST`, `SRST`, `MVST`, `CUSE`,
//! the Unicode conversions, `CKSM` ... with their architected partial completion.

/// Operand loaders of this chapter's rows (re-exported into [`crate::operands::ld`]).
pub mod ld {}
/// Output writers (re-exported into [`crate::operands::out`]).
pub mod out {}
/// Condition-code setters (re-exported into [`crate::operands::cc`]).
pub mod cc {}
