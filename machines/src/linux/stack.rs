//! The initial process stack, laid out as Linux's `create_elf_tables` (fs/binfmt_elf.c) does.
//!
//! From the top down: an 8-byte zero word, the executable's file name (AT_EXECFN), the
//! environment strings, the argument strings, (16-byte alignment), the AT_PLATFORM and
//! AT_BASE_PLATFORM strings, 16 AT_RANDOM bytes, then — 16-byte aligned — `argc`, the `argv`
//! pointers and NULL, the `envp` pointers and NULL, and the auxiliary vector ending in
//! AT_NULL. The stack pointer points at `argc`.

use super::aspace::{AddressSpace, Efault};

// Auxiliary vector keys (include/uapi/linux/auxvec.h, arch/powerpc/include/uapi/asm/auxvec.h).
pub const AT_NULL: u64 = 0;
pub const AT_IGNORE: u64 = 1;
pub const AT_EXECFD: u64 = 2;
pub const AT_PHDR: u64 = 3;
pub const AT_PHENT: u64 = 4;
pub const AT_PHNUM: u64 = 5;
pub const AT_PAGESZ: u64 = 6;
pub const AT_BASE: u64 = 7;
pub const AT_FLAGS: u64 = 8;
pub const AT_ENTRY: u64 = 9;
pub const AT_NOTELF: u64 = 10;
pub const AT_UID: u64 = 11;
pub const AT_EUID: u64 = 12;
pub const AT_GID: u64 = 13;
pub const AT_EGID: u64 = 14;
pub const AT_PLATFORM: u64 = 15;
pub const AT_HWCAP: u64 = 16;
pub const AT_CLKTCK: u64 = 17;
pub const AT_DCACHEBSIZE: u64 = 19;
pub const AT_ICACHEBSIZE: u64 = 20;
pub const AT_UCACHEBSIZE: u64 = 21;
pub const AT_IGNOREPPC: u64 = 22;
pub const AT_SECURE: u64 = 23;
pub const AT_BASE_PLATFORM: u64 = 24;
pub const AT_RANDOM: u64 = 25;
pub const AT_HWCAP2: u64 = 26;
pub const AT_EXECFN: u64 = 31;
pub const AT_SYSINFO_EHDR: u64 = 33;
pub const AT_L1I_CACHESIZE: u64 = 40;
pub const AT_L1I_CACHEGEOMETRY: u64 = 41;
pub const AT_L1D_CACHESIZE: u64 = 42;
pub const AT_L1D_CACHEGEOMETRY: u64 = 43;
pub const AT_L2_CACHESIZE: u64 = 44;
pub const AT_L2_CACHEGEOMETRY: u64 = 45;
pub const AT_L3_CACHESIZE: u64 = 46;
pub const AT_L3_CACHEGEOMETRY: u64 = 47;
pub const AT_MINSIGSTKSZ: u64 = 51;

/// Everything that goes on the initial stack.
pub struct StackContents<'a> {
    pub argv: &'a [Vec<u8>],
    pub envp: &'a [Vec<u8>],
    pub execfn: &'a [u8],
    pub platform: Option<&'a str>,
    pub base_platform: Option<&'a str>,
    pub random: [u8; 16],
    /// The auxiliary vector without AT_NULL; entries whose value is an address of something
    /// placed here are filled in by [`build`]: AT_EXECFN, AT_RANDOM, AT_PLATFORM,
    /// AT_BASE_PLATFORM.
    pub auxv: Vec<(u64, u64)>,
}

/// The stack as built: the initial stack pointer and the final auxiliary vector.
#[derive(Debug, Clone)]
pub struct BuiltStack {
    pub sp: u64,
    pub auxv: Vec<(u64, u64)>,
    pub argv_addr: u64,
    pub envp_addr: u64,
}

struct Pusher<'a> {
    mem: &'a AddressSpace,
    p: u64,
}

impl Pusher<'_> {
    fn bytes(&mut self, b: &[u8]) -> Result<u64, Efault> {
        self.p = self.p.checked_sub(b.len() as u64).ok_or(Efault)?;
        self.mem.write(self.p, b)?;
        Ok(self.p)
    }
    fn cstr(&mut self, s: &[u8]) -> Result<u64, Efault> {
        let mut v = s.to_vec();
        v.push(0);
        self.bytes(&v)
    }
}

/// Writes the initial stack below `top` (which must be mapped writable below it).
pub fn build(mem: &AddressSpace, top: u64, c: &StackContents) -> Result<BuiltStack, Efault> {
    let mut p = Pusher { mem, p: top };
    p.bytes(&[0; 8])?;
    let execfn = p.cstr(c.execfn)?;
    let mut envp: Vec<u64> = c.envp.iter().rev().map(|s| p.cstr(s)).collect::<Result<_, _>>()?;
    envp.reverse();
    let mut argv: Vec<u64> = c.argv.iter().rev().map(|s| p.cstr(s)).collect::<Result<_, _>>()?;
    argv.reverse();
    p.p &= !15;
    let platform = c.platform.map(|s| p.cstr(s.as_bytes())).transpose()?;
    let base_platform = c.base_platform.map(|s| p.cstr(s.as_bytes())).transpose()?;
    let random = p.bytes(&c.random)?;

    let mut auxv: Vec<(u64, u64)> = c
        .auxv
        .iter()
        .filter_map(|&(k, v)| match k {
            AT_EXECFN => Some((k, execfn)),
            AT_RANDOM => Some((k, random)),
            AT_PLATFORM => platform.map(|a| (k, a)),
            AT_BASE_PLATFORM => base_platform.map(|a| (k, a)),
            _ => Some((k, v)),
        })
        .collect();
    auxv.push((AT_NULL, 0));

    let items = (argv.len() + 1 + envp.len() + 1 + 1) as u64;
    let sp = p.p.checked_sub(auxv.len() as u64 * 16).ok_or(Efault)?;
    let sp = sp.checked_sub(items * 8).ok_or(Efault)? & !15;

    let mut words: Vec<u64> = Vec::with_capacity(items as usize + auxv.len() * 2);
    words.push(argv.len() as u64);
    words.extend(&argv);
    words.push(0);
    words.extend(&envp);
    words.push(0);
    for &(k, v) in &auxv {
        words.push(k);
        words.push(v);
    }
    let be = mem.big_endian();
    let bytes: Vec<u8> = words.iter().flat_map(|w| if be { w.to_be_bytes() } else { w.to_le_bytes() }).collect();
    mem.write(sp, &bytes)?;
    Ok(BuiltStack { sp, auxv, argv_addr: sp + 8, envp_addr: sp + 8 * (argv.len() as u64 + 2) })
}
