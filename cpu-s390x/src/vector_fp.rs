//! Vector BFP instructions (PoP ch. 24; z13: long format only).
//!
//! Not written yet: their rows name `control::unimplemented`, so this is reached only if a
//! row is switched over before its operation is written here.

use super::helpers::{Stop, VF, H, R};
use crate::state::S390xCpu;

#[allow(clippy::too_many_arguments)]
pub fn run(_c: &mut S390xCpu, _op: H, _f: &VF, _v1: u128, _v2: u128, _v3: u128, _v4: u128) -> R<(u128, Option<u8>)> {
    Err(Stop::Unimpl)
}
