//! The initial stack and auxiliary vector of a ppc64le process, read back as the guest's
//! C library would.

use machines::linux::aspace::{AddressSpace, LIMIT, PROT_READ, PROT_WRITE};
use machines::linux::loader::LoadedImage;
use machines::linux::ppc64::{Ppc64Linux, HWCAP, HWCAP2, MINSIGSTKSZ};
use machines::linux::process::{Process, STACK_SIZE, STACK_TOP};
use machines::linux::stack::{self, *};
use machines::linux::Target;

fn image() -> LoadedImage {
    LoadedImage {
        path: "/bin/prog".into(),
        entry: 0x1000_0040,
        bias: 0,
        phdr: 0x1000_0040,
        phent: 56,
        phnum: 6,
        end: 0x1003_0000,
        start: 0x1000_0000,
        exec_stack: false,
        e_flags: 2,
        big_endian: false,
        interp: None,
    }
}

struct Read {
    sp: u64,
    argv: Vec<String>,
    envp: Vec<String>,
    auxv: Vec<(u64, u64)>,
}

fn read_back(mem: &AddressSpace, sp: u64) -> Read {
    let argc = mem.read_u64(sp).unwrap();
    let mut at = sp + 8;
    let strs = |at: &mut u64| {
        let mut v = Vec::new();
        loop {
            let p = mem.read_u64(*at).unwrap();
            *at += 8;
            if p == 0 {
                break;
            }
            v.push(String::from_utf8(mem.read_cstr(p, 1000).unwrap()).unwrap());
        }
        v
    };
    let argv = strs(&mut at);
    assert_eq!(argv.len() as u64, argc);
    let envp = strs(&mut at);
    let mut auxv = Vec::new();
    loop {
        let (k, v) = (mem.read_u64(at).unwrap(), mem.read_u64(at + 8).unwrap());
        at += 16;
        if k == AT_NULL {
            break;
        }
        auxv.push((k, v));
    }
    Read { sp, argv, envp, auxv }
}

fn build(be: bool) -> (AddressSpace, Read) {
    let target = Ppc64Linux { big_endian: be };
    let mem = AddressSpace::new(LIMIT, be).unwrap();
    mem.map_anon(STACK_TOP - STACK_SIZE, STACK_SIZE, PROT_READ | PROT_WRITE, false).unwrap();
    let (platform, base) = target.platform();
    let b = stack::build(
        &mem,
        STACK_TOP,
        &StackContents {
            argv: &[b"prog".to_vec(), b"-x".to_vec(), b"arg two".to_vec()],
            envp: &[b"A=1".to_vec(), b"PATH=/bin".to_vec()],
            execfn: b"/bin/prog",
            platform,
            base_platform: base,
            random: *b"0123456789abcdef",
            auxv: Process::<Ppc64Linux>::auxv(&target, &image()),
        },
    )
    .unwrap();
    let r = read_back(&mem, b.sp);
    assert_eq!(r.auxv, b.auxv[..b.auxv.len() - 1].to_vec());
    (mem, r)
}

fn get(r: &Read, k: u64) -> u64 {
    r.auxv.iter().find(|(kk, _)| *kk == k).unwrap_or_else(|| panic!("no auxv entry {k}")).1
}

#[test]
fn argv_envp_and_alignment() {
    let (_, r) = build(false);
    assert_eq!(r.sp % 16, 0);
    assert!(r.sp < STACK_TOP && r.sp > STACK_TOP - 4096);
    assert_eq!(r.argv, ["prog", "-x", "arg two"]);
    assert_eq!(r.envp, ["A=1", "PATH=/bin"]);
}

#[test]
fn auxv_is_what_a_power9_kernel_reports() {
    let (mem, r) = build(false);
    // ARCH_DLINFO comes first, in the kernel's order.
    let keys: Vec<u64> = r.auxv.iter().map(|e| e.0).collect();
    assert_eq!(
        &keys[..14],
        &[
            AT_IGNOREPPC,
            AT_IGNOREPPC,
            AT_DCACHEBSIZE,
            AT_ICACHEBSIZE,
            AT_UCACHEBSIZE,
            AT_L1I_CACHESIZE,
            AT_L1I_CACHEGEOMETRY,
            AT_L1D_CACHESIZE,
            AT_L1D_CACHEGEOMETRY,
            AT_L2_CACHESIZE,
            AT_L2_CACHEGEOMETRY,
            AT_L3_CACHESIZE,
            AT_L3_CACHEGEOMETRY,
            AT_MINSIGSTKSZ
        ]
    );
    assert_eq!(
        &keys[14..],
        &[
            AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID,
            AT_GID, AT_EGID, AT_SECURE, AT_RANDOM, AT_HWCAP2, AT_EXECFN, AT_PLATFORM, AT_BASE_PLATFORM
        ]
    );
    assert_eq!(get(&r, AT_PAGESZ), 65536);
    assert_eq!(get(&r, AT_CLKTCK), 100);
    assert_eq!(get(&r, AT_DCACHEBSIZE), 128);
    assert_eq!(get(&r, AT_ICACHEBSIZE), 128);
    assert_eq!(get(&r, AT_UCACHEBSIZE), 0);
    assert_eq!(get(&r, AT_L1D_CACHESIZE), 32768);
    assert_eq!(get(&r, AT_L1D_CACHEGEOMETRY), (8 << 16) | 128);
    assert_eq!(get(&r, AT_L2_CACHESIZE), 512 << 10);
    assert_eq!(get(&r, AT_L3_CACHESIZE), 10 << 20);
    assert_eq!(get(&r, AT_L3_CACHEGEOMETRY), (20 << 16) | 128);
    assert_eq!(get(&r, AT_MINSIGSTKSZ), MINSIGSTKSZ);
    assert_eq!(get(&r, AT_PHDR), 0x1000_0040);
    assert_eq!(get(&r, AT_PHENT), 56);
    assert_eq!(get(&r, AT_PHNUM), 6);
    assert_eq!(get(&r, AT_ENTRY), 0x1000_0040);
    assert_eq!(get(&r, AT_BASE), 0);
    assert_eq!(get(&r, AT_SECURE), 0);
    assert_eq!(get(&r, AT_UID), unsafe { libc::getuid() } as u64);
    assert_eq!(get(&r, AT_EGID), unsafe { libc::getegid() } as u64);
    assert_eq!(get(&r, AT_HWCAP), HWCAP);
    assert_eq!(get(&r, AT_HWCAP2), HWCAP2);
    assert_eq!(mem.read_vec(get(&r, AT_RANDOM), 16).unwrap(), b"0123456789abcdef".to_vec());
    assert_eq!(mem.read_cstr(get(&r, AT_EXECFN), 100).unwrap(), b"/bin/prog".to_vec());
    assert_eq!(mem.read_cstr(get(&r, AT_PLATFORM), 100).unwrap(), b"power9".to_vec());
    assert_eq!(mem.read_cstr(get(&r, AT_BASE_PLATFORM), 100).unwrap(), b"power9".to_vec());
    // The execfn string sits just below the zero word at the very top.
    assert_eq!(get(&r, AT_EXECFN), STACK_TOP - 8 - 10);
    assert_eq!(mem.read_u64(STACK_TOP - 8).unwrap(), 0);
}

#[test]
fn hwcap_bits() {
    // POWER9 values (arch/powerpc/include/uapi/asm/cputable.h), without DFP, HTM, EBB, SCV,
    // IEEE128, ARCH_3_1 and MMA.
    assert_eq!(HWCAP, 0xdc0061c2);
    assert_eq!(HWCAP2, 0xaea00000);
}

#[test]
fn big_endian_stack() {
    let (mem, r) = build(true);
    assert_eq!(r.argv, ["prog", "-x", "arg two"]);
    assert_eq!(get(&r, AT_PAGESZ), 65536);
    assert_eq!(mem.read_vec(r.sp, 8).unwrap(), vec![0, 0, 0, 0, 0, 0, 0, 3]);
}
