//! A minimal ELF64 executable writer for the test guests: ppc64le ([`PPC64LE`]) and s390x
//! ([`S390X`], big-endian).
//!
//! Produces `ET_EXEC` with PT_LOAD segments only: for ppc64le `EM_PPC64` (21) with
//! `e_flags = 2` (ELFv2 ABI, so the entry point is a plain code address, not a function
//! descriptor), for s390x `EM_S390` (22). The first
//! segment starts at file offset 0 and so also maps the ELF headers, as `ld` does; all
//! segments are 64 KiB aligned, the page size of Debian's ppc64el kernels.

pub const EM_PPC64: u16 = 21;
pub const EM_S390: u16 = 22;

/// Machine, byte order and flags of an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arch {
    pub machine: u16,
    pub big_endian: bool,
    pub flags: u32,
}

pub const PPC64LE: Arch = Arch { machine: EM_PPC64, big_endian: false, flags: 2 };
pub const S390X: Arch = Arch { machine: EM_S390, big_endian: true, flags: 0 };
pub const PAGE: u64 = 0x1_0000;
/// Where the harness loads its guests: the classic ppc64 executable base.
pub const LOAD_BASE: u64 = 0x1000_0000;

pub const PF_X: u32 = 1;
pub const PF_W: u32 = 2;
pub const PF_R: u32 = 4;

/// One loadable segment: bytes placed at `vaddr`, `memsz >= bytes.len()` (the rest zero).
#[derive(Clone, Debug)]
pub struct Segment {
    pub vaddr: u64,
    pub bytes: Vec<u8>,
    pub memsz: u64,
    pub flags: u32,
}

/// Builds the image. The first segment's `vaddr` must be page aligned; its bytes are laid out
/// from file offset 0, so its first `headers_len(n)` bytes are overwritten by the headers
/// (leave them unused). Later segments follow at page-aligned file offsets.
pub fn write_elf(entry: u64, segs: &[Segment]) -> Vec<u8> {
    write_elf_for(PPC64LE, entry, segs)
}

/// [`write_elf`] for any [`Arch`].
pub fn write_elf_for(arch: Arch, entry: u64, segs: &[Segment]) -> Vec<u8> {
    assert!(!segs.is_empty());
    assert_eq!(
        segs[0].vaddr % PAGE,
        0,
        "first segment must be page aligned"
    );
    let phnum = segs.len();
    let hdr_len = headers_len(phnum);
    let mut offsets = Vec::with_capacity(phnum);
    let mut off = 0u64;
    for (i, s) in segs.iter().enumerate() {
        if i > 0 {
            // Same offset modulo the page size as the address, as the loader requires.
            off = off.next_multiple_of(PAGE) + s.vaddr % PAGE;
        }
        offsets.push(off);
        off += s.bytes.len() as u64;
    }
    let mut f = vec![0u8; off as usize];
    for (s, &o) in segs.iter().zip(&offsets) {
        f[o as usize..o as usize + s.bytes.len()].copy_from_slice(&s.bytes);
    }
    assert!(
        segs[0].bytes.len() >= hdr_len,
        "first segment too small for the headers"
    );
    // ELF header.
    let mut h = Vec::with_capacity(hdr_len);
    // Every header field in the image's byte order.
    #[allow(non_snake_case)]
    let E = |v: &dyn Field| v.bytes(arch.big_endian);
    h.extend_from_slice(&[
        0x7f, b'E', b'L', b'F', 2, /*64-bit*/
        if arch.big_endian { 2 } else { 1 }, /*EI_DATA*/
        1, /*version*/
        0, /*SysV*/
    ]);
    h.extend_from_slice(&[0; 8]);
    h.extend_from_slice(&E(&2u16)); // ET_EXEC
    h.extend_from_slice(&E(&arch.machine));
    h.extend_from_slice(&E(&1u32)); // EV_CURRENT
    h.extend_from_slice(&E(&entry));
    h.extend_from_slice(&E(&64u64)); // e_phoff
    h.extend_from_slice(&E(&0u64)); // e_shoff
    h.extend_from_slice(&E(&arch.flags)); // e_flags (ELFv2 for ppc64le)
    h.extend_from_slice(&E(&64u16)); // e_ehsize
    h.extend_from_slice(&E(&56u16)); // e_phentsize
    h.extend_from_slice(&E(&(phnum as u16)));
    h.extend_from_slice(&E(&64u16)); // e_shentsize
    h.extend_from_slice(&E(&0u16)); // e_shnum
    h.extend_from_slice(&E(&0u16)); // e_shstrndx
    for (s, &o) in segs.iter().zip(&offsets) {
        h.extend_from_slice(&E(&1u32)); // PT_LOAD
        h.extend_from_slice(&E(&s.flags));
        h.extend_from_slice(&E(&o));
        h.extend_from_slice(&E(&s.vaddr));
        h.extend_from_slice(&E(&s.vaddr)); // p_paddr
        h.extend_from_slice(&E(&(s.bytes.len() as u64)));
        h.extend_from_slice(&E(&s.memsz.max(s.bytes.len() as u64)));
        h.extend_from_slice(&E(&PAGE));
    }
    debug_assert_eq!(h.len(), hdr_len);
    f[..hdr_len].copy_from_slice(&h);
    f
}

/// An integer header field, written in either byte order.
trait Field {
    fn bytes(&self, big: bool) -> Vec<u8>;
}
macro_rules! field {
    ($($t:ty)*) => {$(impl Field for $t {
        fn bytes(&self, big: bool) -> Vec<u8> {
            if big { self.to_be_bytes().to_vec() } else { self.to_le_bytes().to_vec() }
        }
    })*};
}
field!(u16 u32 u64);

/// Bytes taken by the ELF header and `phnum` program headers.
pub const fn headers_len(phnum: usize) -> usize {
    64 + 56 * phnum
}

/// A simple image: one RWX segment at [`LOAD_BASE`] holding little-endian instruction words
/// at `code_off` and raw `data` at `data_off` (offsets from the segment start, past the
/// headers). The first instruction is the entry point.
pub fn rwx_image(code_off: u64, code: &[u32], data_off: u64, data: &[u8]) -> Vec<u8> {
    assert!(code_off as usize >= headers_len(1));
    let code_end = code_off + 4 * code.len() as u64;
    let data_end = data_off + data.len() as u64;
    assert!(
        data.is_empty() || data_off >= code_end || data_end <= code_off,
        "code and data overlap"
    );
    let mut seg = vec![0u8; code_end.max(data_end) as usize];
    for (i, w) in code.iter().enumerate() {
        let o = code_off as usize + 4 * i;
        seg[o..o + 4].copy_from_slice(&w.to_le_bytes());
    }
    seg[data_off as usize..data_end as usize].copy_from_slice(data);
    let memsz = seg.len() as u64;
    write_elf(
        LOAD_BASE + code_off,
        &[Segment {
            vaddr: LOAD_BASE,
            bytes: seg,
            memsz,
            flags: PF_R | PF_W | PF_X,
        }],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn header_fields() {
        let f = rwx_image(0x100, &[0x6000_0000], 0x200, &[1, 2, 3]);
        assert_eq!(&f[..4], b"\x7fELF");
        assert_eq!(u16::from_le_bytes([f[18], f[19]]), EM_PPC64);
        assert_eq!(u32::from_le_bytes(f[48..52].try_into().unwrap()), 2);
        assert_eq!(
            u64::from_le_bytes(f[24..32].try_into().unwrap()),
            LOAD_BASE + 0x100
        );
        assert_eq!(&f[0x100..0x104], &0x6000_0000u32.to_le_bytes());
        assert_eq!(&f[0x200..0x203], &[1, 2, 3]);
    }
}
