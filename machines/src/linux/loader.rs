//! Loading a guest program: ELF executables (static `ET_EXEC` and static-PIE `ET_DYN`) and
//! `#!` scripts.
//!
//! Like the kernel's `load_elf_binary`, each `PT_LOAD` segment becomes memory with the
//! segment's permissions, the file's bytes and the rest (bss) zero; the program break
//! starts at the first guest page past the highest segment. Segments are mapped at 64 KiB
//! guest-page granularity: where two segments share a guest page, the page gets the union
//! of their permissions (as on a 64 KiB-page kernel, where they would share one page).
//!
//! The file's bytes are mapped from the file (private, copy-on-write, as the kernel does)
//! when the loader has its descriptor and the segment's file offset and address agree
//! modulo the host page — untouched pages then cost nothing; otherwise they are copied.
//!
//! Everything that can be wrong with a file is an [`Error`] naming the file, never a panic.

use super::aspace::{align_down, align_up, AddressSpace, HOST_PAGE, PROT_EXEC, PROT_READ, PROT_WRITE};
use crate::Error;
use goblin::container::{Container, Ctx, Endian};
use goblin::elf::header::{ET_DYN, ET_EXEC};
use goblin::elf::program_header::{ProgramHeader, PF_R, PF_W, PF_X, PT_GNU_STACK, PT_INTERP, PT_LOAD, PT_PHDR};

/// Where a position-independent executable is placed (Linux's ELF_ET_DYN_BASE for 64-bit
/// powerpc tasks is 4 GiB).
pub const PIE_BASE: u64 = 0x1_0000_0000;
/// Where a program interpreter (the dynamic loader, itself ET_DYN) is placed: above the
/// program and room for its break.
pub const INTERP_BASE: u64 = 0x20_0000_0000;

/// What the loader learned about a loaded ELF image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedImage {
    pub path: String,
    /// Entry point (`e_entry` + bias): a code address, or on ELFv1 a function descriptor.
    pub entry: u64,
    /// Load bias (0 for ET_EXEC).
    pub bias: u64,
    /// AT_PHDR, AT_PHENT, AT_PHNUM.
    pub phdr: u64,
    pub phent: u64,
    pub phnum: u64,
    /// End of the highest segment (the break starts at the next guest page).
    pub end: u64,
    /// Lowest mapped address.
    pub start: u64,
    pub exec_stack: bool,
    pub e_flags: u32,
    pub big_endian: bool,
    /// PT_INTERP: the program interpreter a dynamically linked program names.
    pub interp: Option<String>,
}

/// What kind of program a file is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Program {
    Elf,
    /// `#!interpreter [arg]`.
    Script { interpreter: String, arg: Option<String> },
}

/// ELF machine names for error messages.
fn machine_name(m: u16) -> String {
    match m {
        3 => "i386".into(),
        8 => "MIPS".into(),
        20 => "32-bit PowerPC".into(),
        21 => "ppc64".into(),
        22 => "s390x".into(),
        40 => "ARM".into(),
        62 => "x86-64".into(),
        183 => "AArch64".into(),
        243 => "RISC-V".into(),
        258 => "LoongArch".into(),
        m => format!("machine {m}"),
    }
}

/// Classifies a file by its first bytes.
pub fn classify(path: &str, bytes: &[u8]) -> Result<Program, Error> {
    if bytes.is_empty() {
        return Err(Error::bad_program(path, "empty file, not an executable"));
    }
    if bytes.starts_with(b"\x7fELF") {
        return Ok(Program::Elf);
    }
    if let Some(rest) = bytes.strip_prefix(b"#!") {
        // The kernel reads at most BINPRM_BUF_SIZE (256) bytes of the first line.
        let line = &rest[..rest.len().min(254)];
        let line = match line.iter().position(|&b| b == b'\n') {
            Some(n) => &line[..n],
            None => line,
        };
        let line = String::from_utf8_lossy(line);
        let line = line.trim_matches(|c| c == ' ' || c == '\t');
        let (interp, arg) = match line.find([' ', '\t']) {
            Some(n) => (&line[..n], Some(line[n..].trim_matches(|c| c == ' ' || c == '\t').to_string())),
            None => (line, None),
        };
        if interp.is_empty() {
            return Err(Error::bad_program(path, "script has no interpreter after #!"));
        }
        let arg = arg.filter(|a| !a.is_empty());
        return Ok(Program::Script { interpreter: interp.to_string(), arg });
    }
    Err(Error::bad_program(path, "not an ELF executable (no ELF magic number) and not a #! script"))
}

/// Checks the ELF header fields that decide whether this target can run the file.
pub fn check_elf(path: &str, bytes: &[u8], machine: u16, big_endian: bool, target: &str) -> Result<(), Error> {
    if bytes.len() < 64 {
        return Err(Error::bad_program(path, "truncated ELF header"));
    }
    if bytes[4] != 2 {
        let class = if bytes[4] == 1 { "a 32-bit" } else { "an unknown-class" };
        return Err(Error::bad_program(path, format!("is {class} ELF file; {target} runs 64-bit programs")));
    }
    let be = match bytes[5] {
        1 => false,
        2 => true,
        _ => return Err(Error::bad_program(path, "ELF file with an unknown byte order")),
    };
    let m = if be { u16::from_be_bytes([bytes[18], bytes[19]]) } else { u16::from_le_bytes([bytes[18], bytes[19]]) };
    if m != machine {
        return Err(Error::bad_program(path, format!("is an ELF file for {}, not {target}", machine_name(m))));
    }
    if be != big_endian {
        let (is, hint) = if be { ("big", "ppc64") } else { ("little", "ppc64le") };
        // Only ppc64 comes in both byte orders: elsewhere there is no other mode to suggest.
        let hint = if m == 21 { format!(" (try 'bigiron user {hint}')") } else { String::new() };
        return Err(Error::bad_program(
            path,
            format!("is a {is}-endian ELF file; {target} runs {}-endian programs{hint}", if big_endian { "big" } else { "little" }),
        ));
    }
    Ok(())
}

fn prot_of(flags: u32) -> u32 {
    let mut p = 0;
    if flags & PF_R != 0 {
        p |= PROT_READ;
    }
    if flags & PF_W != 0 {
        p |= PROT_WRITE;
    }
    if flags & PF_X != 0 {
        p |= PROT_EXEC;
    }
    p
}

/// Loads an ELF executable (already checked with [`check_elf`]) into `mem`; a position-
/// independent one at [`PIE_BASE`].
pub fn load_elf(mem: &AddressSpace, path: &str, bytes: &[u8]) -> Result<LoadedImage, Error> {
    load_elf_at(mem, path, bytes, PIE_BASE)
}

/// [`load_elf`], placing an ET_DYN file at `dyn_base`.
pub fn load_elf_at(mem: &AddressSpace, path: &str, bytes: &[u8], dyn_base: u64) -> Result<LoadedImage, Error> {
    load_elf_from(mem, path, bytes, None, dyn_base)
}

/// [`load_elf_at`] for `bytes` read from the open file `fd`: segments are mapped from the
/// file where they can be (see the module docs), copied from `bytes` elsewhere.
pub fn load_elf_from(mem: &AddressSpace, path: &str, bytes: &[u8], fd: Option<i32>, dyn_base: u64) -> Result<LoadedImage, Error> {
    let page = mem.page();
    let bad = |msg: String| Error::bad_program(path, msg);
    let header = goblin::elf::Elf::parse_header(bytes).map_err(|e| bad(format!("bad ELF header: {e}")))?;
    let be = header.e_ident[5] == 2;
    if header.e_type != ET_EXEC && header.e_type != ET_DYN {
        return Err(bad(format!("is not an executable (ELF type {})", header.e_type)));
    }
    if header.e_phentsize as usize != 56 {
        return Err(bad(format!("unexpected program header size {}", header.e_phentsize)));
    }
    let ctx = Ctx::new(Container::Big, if be { Endian::Big } else { Endian::Little });
    let phdrs = ProgramHeader::parse(bytes, header.e_phoff as usize, header.e_phnum as usize, ctx)
        .map_err(|e| bad(format!("bad program headers: {e}")))?;
    let interp = match phdrs.iter().find(|p| p.p_type == PT_INTERP) {
        Some(i) => {
            let s = i
                .p_offset
                .checked_add(i.p_filesz)
                .and_then(|end| bytes.get(i.p_offset as usize..end as usize))
                .map(|b| String::from_utf8_lossy(b).trim_end_matches('\0').to_string())
                .unwrap_or_default();
            if !s.starts_with('/') {
                return Err(bad(format!("names a program interpreter that is not an absolute path ({s:?})")));
            }
            Some(s)
        }
        None => None,
    };
    let loads: Vec<&ProgramHeader> = phdrs.iter().filter(|p| p.p_type == PT_LOAD && p.p_memsz > 0).collect();
    if loads.is_empty() {
        return Err(bad("has no loadable segments".into()));
    }
    for p in &loads {
        if p.p_filesz > p.p_memsz {
            return Err(bad("segment with file size larger than memory size".into()));
        }
        if p.p_offset.checked_add(p.p_filesz).is_none_or(|e| e > bytes.len() as u64) {
            return Err(bad("segment extends past the end of the file (truncated?)".into()));
        }
        if p.p_vaddr.checked_add(p.p_memsz).is_none() {
            return Err(bad("segment address overflows".into()));
        }
    }
    let lo = loads.iter().map(|p| p.p_vaddr).min().unwrap();
    let hi = loads.iter().map(|p| p.p_vaddr + p.p_memsz).max().unwrap();
    let bias = if header.e_type == ET_DYN { dyn_base.wrapping_sub(align_down(lo, page)) } else { 0 };
    let (lo, hi) = (lo.wrapping_add(bias), hi.wrapping_add(bias));
    if lo < page || hi > mem.size() || hi < lo {
        return Err(bad(format!("segments at {lo:#x}..{hi:#x} are outside the guest address space")));
    }

    // Guest pages of each segment and the union of permissions per page.
    let mut pages: std::collections::BTreeMap<u64, u32> = std::collections::BTreeMap::new();
    for p in &loads {
        let s = align_down(p.p_vaddr + bias, page);
        let e = align_up(p.p_vaddr + bias + p.p_memsz, page);
        let mut a = s;
        while a < e {
            *pages.entry(a).or_insert(0) |= prot_of(p.p_flags);
            a += page;
        }
    }
    // Map each run of contiguous pages writable, put the file bytes in, then set permissions.
    let runs = runs_of(&pages, page);
    for &(s, e, _) in &runs {
        mem.map_anon(s, e - s, PROT_READ | PROT_WRITE, false).map_err(|e| bad(format!("cannot map segment: errno {e}")))?;
    }
    // File mappings replace whole host pages: only when no two segments share one.
    let host_span = |p: &ProgramHeader| (align_down(p.p_vaddr + bias, HOST_PAGE), align_up(p.p_vaddr + bias + p.p_memsz, HOST_PAGE));
    let mut spans: Vec<(u64, u64)> = loads.iter().map(|p| host_span(p)).collect();
    spans.sort();
    let disjoint = spans.windows(2).all(|w| w[0].1 <= w[1].0);
    for p in &loads {
        let va = p.p_vaddr + bias;
        let end = va + p.p_filesz;
        let mapped = match fd {
            Some(fd) if disjoint && p.p_filesz > 0 && va % HOST_PAGE == p.p_offset % HOST_PAGE => {
                let s = align_down(va, HOST_PAGE);
                let e = align_up(end, HOST_PAGE);
                mem.map_file(s, e - s, PROT_READ | PROT_WRITE, false, fd, align_down(p.p_offset, HOST_PAGE)).is_ok()
                    // With bss after the file bytes, the rest of their last page is zero
                    // (the kernel's padzero); without, it shows the file, as on Linux.
                    && (p.p_memsz == p.p_filesz || mem.write(end, &vec![0u8; (e - end) as usize]).is_ok())
            }
            _ => false,
        };
        if !mapped {
            let data = &bytes[p.p_offset as usize..(p.p_offset + p.p_filesz) as usize];
            mem.write(va, data).map_err(|_| bad("cannot copy segment".into()))?;
        }
    }
    for (s, e, prot) in prot_runs(&pages, page) {
        mem.protect(s, e - s, prot).map_err(|e| bad(format!("cannot protect segment: errno {e}")))?;
    }

    let phdr = match phdrs.iter().find(|p| p.p_type == PT_PHDR) {
        Some(p) => p.p_vaddr + bias,
        None => loads
            .iter()
            .find(|p| p.p_offset <= header.e_phoff && header.e_phoff < p.p_offset + p.p_filesz)
            .map(|p| p.p_vaddr + (header.e_phoff - p.p_offset) + bias)
            .unwrap_or(0),
    };
    let exec_stack = phdrs.iter().find(|p| p.p_type == PT_GNU_STACK).is_some_and(|p| p.p_flags & PF_X != 0);
    Ok(LoadedImage {
        path: path.to_string(),
        entry: header.e_entry.wrapping_add(bias),
        bias,
        phdr,
        phent: header.e_phentsize as u64,
        phnum: header.e_phnum as u64,
        end: hi,
        start: lo,
        exec_stack,
        e_flags: header.e_flags,
        big_endian: be,
        interp,
    })
}

/// Contiguous page runs `(start, end, _)` of a page map.
fn runs_of(pages: &std::collections::BTreeMap<u64, u32>, page: u64) -> Vec<(u64, u64, u32)> {
    let mut out: Vec<(u64, u64, u32)> = Vec::new();
    for (&a, &p) in pages {
        match out.last_mut() {
            Some(r) if r.1 == a => r.1 = a + page,
            _ => out.push((a, a + page, p)),
        }
    }
    out
}

/// Runs of contiguous pages with equal permissions.
fn prot_runs(pages: &std::collections::BTreeMap<u64, u32>, page: u64) -> Vec<(u64, u64, u32)> {
    let mut out: Vec<(u64, u64, u32)> = Vec::new();
    for (&a, &p) in pages {
        match out.last_mut() {
            Some(r) if r.1 == a && r.2 == p => r.1 = a + page,
            _ => out.push((a, a + page, p)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_lines() {
        assert_eq!(classify("x", b"#!/bin/sh\necho").unwrap(), Program::Script { interpreter: "/bin/sh".into(), arg: None });
        assert_eq!(
            classify("x", b"#! /usr/bin/env  python3 -u \n").unwrap(),
            Program::Script { interpreter: "/usr/bin/env".into(), arg: Some("python3 -u".into()) }
        );
        assert!(classify("x", b"#!\n").is_err());
    }
}
