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

/// A straight-line s390x block of `n` integer instructions (address arithmetic, 64-bit adds,
/// an add immediate that sets the CC, loads/stores relative to r15) ending in `br %r14`, as
/// bytes.
pub fn s390x_block(n: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(6 * n + 2);
    for i in 0..n {
        let r = 1 + (i % 8) as u8;
        let s = 1 + ((i + 3) % 8) as u8;
        let d = (8 * (i % 32)) as u8;
        match i % 5 {
            0 => v.extend_from_slice(&[0x41, r << 4 | r, r << 4, 0x01]), // la r,1(r)
            1 => v.extend_from_slice(&[0xb9, 0x08, 0x00, r << 4 | s]),   // agr r,s
            2 => v.extend_from_slice(&[0xa7, r << 4 | 0xa, 0x00, i as u8]), // ahi r,i
            3 => v.extend_from_slice(&[0xe3, r << 4, 0xf0, d, 0x00, 0x04]), // lg r,d(%r15)
            _ => v.extend_from_slice(&[0xe3, s << 4, 0xf0, d, 0x00, 0x24]), // stg s,d(%r15)
        }
    }
    v.extend_from_slice(&[0x07, 0xfe]); // br %r14
    v
}
