//! ELF loading: what is rejected (with which message) and what a loaded image looks like.

mod common;
use common::*;
use machines::linux::aspace::{AddressSpace, Backing, Vma, GUEST_PAGE, PROT_EXEC, PROT_READ, PROT_WRITE};
use machines::linux::loader::{check_elf, classify, load_elf, load_elf_at, load_elf_from, Program, INTERP_BASE, PIE_BASE};
use machines::linux::process::sysroot_resolve;

fn check(bytes: &[u8]) -> Result<(), String> {
    match classify("prog", bytes).map_err(|e| e.to_string())? {
        Program::Elf => check_elf("prog", bytes, EM_PPC64, false, "ppc64le").map_err(|e| e.to_string()),
        Program::Script { .. } => Ok(()),
    }
}

fn two_segments() -> Elf {
    let text = vec![0x11u8; 0x100];
    let data = vec![0x22u8; 0x20];
    Elf::ppc64le(
        0x1000_0040,
        vec![
            Seg { vaddr: 0x1000_0000, flags: PF_R | PF_X, data: text, memsz: 0x100 },
            Seg { vaddr: 0x1002_0f00, flags: PF_R | PF_W, data, memsz: 0x2000 },
        ],
    )
}

#[test]
fn rejects_empty_file() {
    assert_eq!(check(b"").unwrap_err(), "prog: empty file, not an executable");
}

#[test]
fn rejects_text_file() {
    assert_eq!(
        check(b"hello world\n").unwrap_err(),
        "prog: not an ELF executable (no ELF magic number) and not a #! script"
    );
}

#[test]
fn rejects_x86_elf() {
    let mut e = two_segments();
    e.machine = EM_X86_64;
    assert_eq!(check(&e.build()).unwrap_err(), "prog: is an ELF file for x86-64, not ppc64le");
}

#[test]
fn rejects_wrong_byte_order_and_class() {
    let mut e = two_segments();
    e.little_endian = false;
    let msg = check(&e.build()).unwrap_err();
    assert!(msg.starts_with("prog: is a big-endian ELF file; ppc64le runs little-endian programs"), "{msg}");
    let mut e = two_segments();
    e.class64 = false;
    assert_eq!(check(&e.build()).unwrap_err(), "prog: is a 32-bit ELF file; ppc64le runs 64-bit programs");
    assert_eq!(check(b"\x7fELF\x02\x01").unwrap_err(), "prog: truncated ELF header");
}

#[test]
fn recognises_scripts() {
    assert_eq!(
        classify("s", b"#!/bin/sh -e\nexit 0\n").unwrap(),
        Program::Script { interpreter: "/bin/sh".into(), arg: Some("-e".into()) }
    );
}

#[test]
fn records_the_program_interpreter() {
    let mut e = two_segments();
    e.interp = Some("/lib64/ld64.so.2".into());
    let mem = AddressSpace::new(1 << 40, false).unwrap();
    let img = load_elf(&mem, "prog", &e.build()).unwrap();
    assert_eq!(img.interp.as_deref(), Some("/lib64/ld64.so.2"));
}

#[test]
fn an_interpreter_loads_at_its_own_base() {
    // The same image as a position-independent file: placed at INTERP_BASE, bias = base.
    let mut e = two_segments();
    e.etype = goblin::elf::header::ET_DYN;
    let lo = e.segs.iter().map(|s| s.vaddr).min().unwrap();
    let mem = AddressSpace::new(1 << 40, false).unwrap();
    let img = load_elf_at(&mem, "ld.so", &e.build(), INTERP_BASE).unwrap();
    assert_eq!(img.bias, INTERP_BASE - (lo & !(GUEST_PAGE - 1)));
    assert!(img.start >= INTERP_BASE && img.end > img.start);
}

#[test]
fn sysroot_paths_resolve_absolute_links_inside_the_root() {
    // /lib64/ld64.so.2 -> /lib/x/ld64.so.2 (absolute, as Debian packages it), and a
    // relative link, must both resolve inside the root; missing files resolve to None.
    let root = std::env::temp_dir().join(format!("bigiron-sysroot-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("lib/x")).unwrap();
    std::fs::create_dir_all(root.join("lib64")).unwrap();
    std::fs::write(root.join("lib/x/ld64.so.2"), b"ld").unwrap();
    std::os::unix::fs::symlink("/lib/x/ld64.so.2", root.join("lib64/ld64.so.2")).unwrap();
    std::os::unix::fs::symlink("x/ld64.so.2", root.join("lib/ld.so")).unwrap();
    let r = root.to_str().unwrap();
    let want = format!("{r}/lib/x/ld64.so.2").into_bytes();
    assert_eq!(sysroot_resolve(r, b"/lib64/ld64.so.2"), Some(want.clone()));
    assert_eq!(sysroot_resolve(r, b"/lib/ld.so"), Some(want.clone()));
    assert_eq!(sysroot_resolve(r, b"/lib/../lib64/./ld64.so.2"), Some(want));
    assert_eq!(sysroot_resolve(r, b"/proc/self/maps"), None);
    assert_eq!(sysroot_resolve(r, b"relative/path"), None);
    assert_eq!(sysroot_resolve(r, b"/"), None);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn rejects_truncated_segment() {
    let mut b = two_segments().build();
    b.truncate(0x10010);
    let mem = AddressSpace::new(1 << 40, false).unwrap();
    let msg = load_elf(&mem, "prog", &b).unwrap_err().to_string();
    assert!(msg.contains("past the end of the file"), "{msg}");
}

#[test]
fn loads_static_executable() {
    let mem = AddressSpace::new(1 << 40, false).unwrap();
    let img = load_elf(&mem, "prog", &two_segments().build()).unwrap();
    assert_eq!(img.entry, 0x1000_0040);
    assert_eq!(img.bias, 0);
    assert_eq!(img.end, 0x1002_2f00);
    assert_eq!(img.phnum, 2);
    assert_eq!(img.phent, 56);
    // Program headers are not inside any segment in this image.
    assert_eq!(img.phdr, 0);
    assert!(!img.exec_stack);
    let m = mem.mappings();
    assert_eq!(m[0], (0x1000_0000, Vma { end: 0x1001_0000, prot: PROT_READ | PROT_EXEC, shared: false, backing: Backing::Anon }));
    assert_eq!(m[1].0, 0x1002_0000);
    assert_eq!(m[1].1.end, 0x1003_0000);
    assert_eq!(m[1].1.prot, PROT_READ | PROT_WRITE);
    // File bytes copied, the rest of the segment (bss) and page zero.
    assert_eq!(mem.read_vec(0x1000_0000, 4).unwrap(), vec![0x11; 4]);
    assert_eq!(mem.read_vec(0x1000_0100, 4).unwrap(), vec![0; 4]);
    assert_eq!(mem.read_vec(0x1002_0f00, 0x20).unwrap(), vec![0x22; 0x20]);
    assert_eq!(mem.read_vec(0x1002_0f20, 0x1fe0).unwrap(), vec![0; 0x1fe0]);
    // Text is not writable.
    assert!(mem.write(0x1000_0000, &[0]).is_err());
}

#[test]
fn loads_pie_at_base_and_finds_phdrs() {
    let mut e = Elf::ppc64le(
        0x40,
        vec![Seg { vaddr: 0, flags: PF_R | PF_X, data: vec![0; 0x200], memsz: 0x200 }],
    );
    e.etype = ET_DYN;
    e.gnu_stack_flags = Some(PF_R | PF_W | PF_X);
    let mut b = e.build();
    // Make the segment start at file offset 0, so it holds the ELF and program headers.
    let ph = 64;
    b[ph + 8..ph + 16].copy_from_slice(&0u64.to_le_bytes());
    b[ph + 32..ph + 40].copy_from_slice(&0x200u64.to_le_bytes());
    let mem = AddressSpace::new(1 << 40, false).unwrap();
    let img = load_elf(&mem, "pie", &b).unwrap();
    assert_eq!(img.bias, PIE_BASE);
    assert_eq!(img.entry, PIE_BASE + 0x40);
    assert_eq!(img.phdr, PIE_BASE + 64);
    assert!(img.exec_stack);
    assert_eq!(mem.read_vec(PIE_BASE, 4).unwrap(), b"\x7fELF".to_vec());
    assert_eq!(mem.prot_at(PIE_BASE), Some(PROT_READ | PROT_EXEC));
    assert_eq!(img.end, PIE_BASE + 0x200);
    assert_eq!(mem.prot_at(PIE_BASE + GUEST_PAGE), None);
}

#[test]
fn shared_guest_page_gets_union_of_permissions() {
    let e = Elf::ppc64le(
        0x1000_0000,
        vec![
            Seg { vaddr: 0x1000_0000, flags: PF_R | PF_X, data: vec![1; 0x100], memsz: 0x100 },
            Seg { vaddr: 0x1000_8000, flags: PF_R | PF_W, data: vec![2; 0x10], memsz: 0x10 },
        ],
    );
    let mem = AddressSpace::new(1 << 40, false).unwrap();
    load_elf(&mem, "prog", &e.build()).unwrap();
    assert_eq!(mem.prot_at(0x1000_0000), Some(PROT_READ | PROT_WRITE | PROT_EXEC));
    assert_eq!(mem.read_vec(0x1000_0000, 1).unwrap(), vec![1]);
    assert_eq!(mem.read_vec(0x1000_8000, 1).unwrap(), vec![2]);
}

#[test]
fn segments_mapped_from_the_file_read_as_copied_ones() {
    // The same image loaded from an open file (segments mapped, copy-on-write) and from
    // bytes (copied): the same guest memory, bss and the rest of the last file page zero
    // where bss follows, and guest writes never reach the file.
    // Bytes after the data segment's file part, in its last page: they must not show.
    let mut bytes = two_segments().build();
    bytes.extend_from_slice(&[0xee; 0x100]);
    let path = std::env::temp_dir().join(format!("bigiron-loader-{}", std::process::id()));
    std::fs::write(&path, &bytes).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    let fd = std::os::fd::AsRawFd::as_raw_fd(&file);
    let mapped = AddressSpace::new(1 << 40, false).unwrap();
    let copied = AddressSpace::new(1 << 40, false).unwrap();
    let a = load_elf_from(&mapped, "prog", &bytes, Some(fd), PIE_BASE).unwrap();
    let b = load_elf(&copied, "prog", &bytes).unwrap();
    assert_eq!(a, b);
    assert!(mapped.mappings().iter().any(|(_, v)| v.backing == Backing::File), "{:?}", mapped.mappings());
    for (start, len) in [(0x1000_0000u64, 0x1_0000usize), (0x1002_0000, 0x1_0000)] {
        assert_eq!(mapped.read_vec(start, len).unwrap(), copied.read_vec(start, len).unwrap(), "{start:#x}");
    }
    // The data page's bytes after the segment's file part are zero (bss follows).
    assert_eq!(mapped.read_vec(0x1002_0f20, 0xe0).unwrap(), vec![0; 0xe0]);
    mapped.write(0x1002_0f00, &[0x99; 8]).unwrap();
    assert_eq!(mapped.read_vec(0x1002_0f00, 8).unwrap(), vec![0x99; 8]);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "a private mapping");
    std::fs::remove_file(&path).unwrap();
}
