//! Shared pieces of bigiron's benchmarks: guest code generators.

/// A straight-line ppc64le block of `n` integer instructions (adds, logical ops, compares,
/// loads/stores relative to r1) ending in `blr`, like compiled code's basic blocks.
pub fn ppc64_block(n: usize) -> Vec<u32> {
    let mut v = Vec::with_capacity(n + 1);
    for i in 0..n {
        let r = 3 + (i % 8) as u32;
        let s = 3 + ((i + 3) % 8) as u32;
        v.push(match i % 6 {
            0 => 0x3800_0000 | (r << 21) | (r << 16) | (i as u32 & 0xff), // addi r,r,i
            1 => 0x7c00_0214 | (r << 21) | (r << 16) | (s << 11),          // add r,r,s
            2 => 0x7c00_0378 | (s << 21) | (r << 16) | (s << 11),          // or r,s,s
            3 => 0x7c00_0000 | (r << 16) | (s << 11),                      // cmpw cr0,r,s
            4 => 0xe800_0000 | (r << 21) | (1 << 16) | ((i as u32 & 0x3f) << 3), // ld r,off(r1)
            _ => 0xf800_0000 | (s << 21) | (1 << 16) | ((i as u32 & 0x3f) << 3), // std s,off(r1)
        });
    }
    v.push(0x4e80_0020); // blr
    v
}
