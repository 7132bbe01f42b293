//! Builds small ELF images for loader and end-to-end tests.
#![allow(dead_code)]

pub const EM_PPC64: u16 = 21;
pub const EM_X86_64: u16 = 62;
pub const ET_EXEC: u16 = 2;
pub const ET_DYN: u16 = 3;
pub const PF_X: u32 = 1;
pub const PF_W: u32 = 2;
pub const PF_R: u32 = 4;

/// A PT_LOAD segment: file bytes `data` at `vaddr`, `memsz` bytes in memory.
pub struct Seg {
    pub vaddr: u64,
    pub flags: u32,
    pub data: Vec<u8>,
    pub memsz: u64,
}

pub struct Elf {
    pub little_endian: bool,
    pub class64: bool,
    pub machine: u16,
    pub etype: u16,
    pub entry: u64,
    pub e_flags: u32,
    pub segs: Vec<Seg>,
    pub interp: Option<String>,
    pub gnu_stack_flags: Option<u32>,
}

impl Elf {
    pub fn ppc64le(entry: u64, segs: Vec<Seg>) -> Elf {
        Elf { little_endian: true, class64: true, machine: EM_PPC64, etype: ET_EXEC, entry, e_flags: 2, segs, interp: None, gnu_stack_flags: None }
    }

    pub fn build(&self) -> Vec<u8> {
        let le = self.little_endian;
        let u16b = |v: u16| if le { v.to_le_bytes().to_vec() } else { v.to_be_bytes().to_vec() };
        let u32b = |v: u32| if le { v.to_le_bytes().to_vec() } else { v.to_be_bytes().to_vec() };
        let u64b = |v: u64| if le { v.to_le_bytes().to_vec() } else { v.to_be_bytes().to_vec() };
        // Program headers: loads, then interp, then GNU_STACK.
        let mut phdrs: Vec<(u32, u32, u64, u64, u64, u64, u64)> = Vec::new(); // type flags off vaddr filesz memsz align
        let mut blobs: Vec<(u64, Vec<u8>)> = Vec::new();
        for (i, s) in self.segs.iter().enumerate() {
            let off = 0x10000 * (i as u64 + 1) + s.vaddr % 0x10000;
            phdrs.push((1, s.flags, off, s.vaddr, s.data.len() as u64, s.memsz, 0x10000));
            blobs.push((off, s.data.clone()));
        }
        if let Some(i) = &self.interp {
            let mut b = i.clone().into_bytes();
            b.push(0);
            let off = 0x8000;
            phdrs.push((3, PF_R, off, 0, b.len() as u64, b.len() as u64, 1));
            blobs.push((off, b));
        }
        if let Some(f) = self.gnu_stack_flags {
            phdrs.push((0x6474e551, f, 0, 0, 0, 0, 16));
        }
        let mut out = vec![0x7f, b'E', b'L', b'F', if self.class64 { 2 } else { 1 }, if le { 1 } else { 2 }, 1, 0];
        out.resize(16, 0);
        out.extend(u16b(self.etype));
        out.extend(u16b(self.machine));
        out.extend(u32b(1));
        out.extend(u64b(self.entry));
        out.extend(u64b(64)); // e_phoff
        out.extend(u64b(0)); // e_shoff
        out.extend(u32b(self.e_flags));
        out.extend(u16b(64));
        out.extend(u16b(56));
        out.extend(u16b(phdrs.len() as u16));
        out.extend(u16b(64));
        out.extend(u16b(0));
        out.extend(u16b(0));
        assert_eq!(out.len(), 64);
        for (t, f, off, va, fs, ms, al) in phdrs {
            out.extend(u32b(t));
            out.extend(u32b(f));
            out.extend(u64b(off));
            out.extend(u64b(va));
            out.extend(u64b(va));
            out.extend(u64b(fs));
            out.extend(u64b(ms));
            out.extend(u64b(al));
        }
        for (off, b) in blobs {
            let end = off as usize + b.len();
            if out.len() < end {
                out.resize(end, 0);
            }
            out[off as usize..end].copy_from_slice(&b);
        }
        out
    }
}

/// ppc64 instruction words.
pub mod ppc {
    pub fn addi(rt: u32, ra: u32, si: i16) -> u32 {
        (14 << 26) | (rt << 21) | (ra << 16) | (si as u16 as u32)
    }
    pub fn li(rt: u32, si: i16) -> u32 {
        addi(rt, 0, si)
    }
    pub fn lis(rt: u32, si: u16) -> u32 {
        (15 << 26) | (rt << 21) | si as u32
    }
    pub fn ori(ra: u32, rs: u32, ui: u16) -> u32 {
        (24 << 26) | (rs << 21) | (ra << 16) | ui as u32
    }
    pub fn sc() -> u32 {
        0x4400_0002
    }
    pub fn words_be(w: &[u32]) -> Vec<u8> {
        w.iter().flat_map(|x| x.to_be_bytes()).collect()
    }
    pub fn words_le(w: &[u32]) -> Vec<u8> {
        w.iter().flat_map(|x| x.to_le_bytes()).collect()
    }
}
