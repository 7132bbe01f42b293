//! Links the `bigiron` executable as a non-PIE (position-dependent) program: a PIE needs
//! about 100,000 relative relocations applied by the dynamic loader at every start (most of
//! them in Cranelift's tables), each page of them a copy-on-write fault — about a quarter
//! of the start-up time of a short guest program. The libraries are still compiled as
//! position-independent code; only the final link differs.
fn main() {
    println!("cargo:rustc-link-arg-bins=-no-pie");
    println!("cargo:rerun-if-changed=build.rs");
}
