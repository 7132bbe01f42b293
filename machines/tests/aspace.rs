//! The guest address space: mmap/munmap/mprotect/mremap/brk bookkeeping, checked access
//! (bad pointers are EFAULT, never a host fault), and code-page write tracking.

use jit::frontend::{CodeSource, GuestMemory};
use machines::linux::aspace::*;

const RW: u32 = PROT_READ | PROT_WRITE;

fn space() -> AddressSpace {
    let a = AddressSpace::new(LIMIT, false).unwrap();
    a.set_mmap_top(0x80_0000_0000);
    a
}

fn anon() -> MapFlags {
    MapFlags { anonymous: true, ..Default::default() }
}

#[test]
fn mmap_places_top_down_on_guest_pages() {
    let a = space();
    let x = a.guest_mmap(0, 100, RW, anon(), -1, 0).unwrap();
    assert_eq!(x, 0x80_0000_0000 - GUEST_PAGE);
    let y = a.guest_mmap(0, GUEST_PAGE + 1, RW, anon(), -1, 0).unwrap();
    assert_eq!(y, x - 2 * GUEST_PAGE);
    // A free hint is honoured (rounded up to a guest page).
    let h = a.guest_mmap(0x2000_0001, 10, PROT_READ, anon(), -1, 0).unwrap();
    assert_eq!(h, 0x2001_0000);
    // Misaligned offsets and zero lengths are EINVAL.
    assert_eq!(a.guest_mmap(0, 10, RW, anon(), -1, 0x1000), Err(libc::EINVAL));
    assert_eq!(a.guest_mmap(0, 0, RW, anon(), -1, 0), Err(libc::EINVAL));
}

#[test]
fn mmap_fixed_replaces_and_noreplace_refuses() {
    let a = space();
    let fixed = MapFlags { fixed: true, ..anon() };
    assert_eq!(a.guest_mmap(0x1000_0000, 3 * GUEST_PAGE, RW, fixed, -1, 0), Ok(0x1000_0000));
    a.write(0x1000_0000, b"abc").unwrap();
    a.take_invalidations();
    assert_eq!(a.guest_mmap(0x1000_0000, GUEST_PAGE, PROT_READ, fixed, -1, 0), Ok(0x1000_0000));
    assert_eq!(a.read_vec(0x1000_0000, 3).unwrap(), vec![0, 0, 0]);
    assert_eq!(a.take_invalidations(), vec![(0x1000_0000, GUEST_PAGE)]);
    let nr = MapFlags { fixed_noreplace: true, ..anon() };
    assert_eq!(a.guest_mmap(0x1001_0000, GUEST_PAGE, RW, nr, -1, 0), Err(libc::EEXIST));
    assert_eq!(a.guest_mmap(0x1000_0123, GUEST_PAGE, RW, fixed, -1, 0), Err(libc::EINVAL));
    assert_eq!(a.guest_mmap(LIMIT - GUEST_PAGE, 2 * GUEST_PAGE, RW, fixed, -1, 0), Err(libc::ENOMEM));
    let m = a.mappings();
    assert_eq!(m.len(), 2);
    assert_eq!((m[0].0, m[0].1.end, m[0].1.prot), (0x1000_0000, 0x1001_0000, PROT_READ));
    assert_eq!((m[1].0, m[1].1.end, m[1].1.prot), (0x1001_0000, 0x1003_0000, RW));
}

#[test]
fn munmap_splits_and_faults_afterwards() {
    let a = space();
    let x = a.guest_mmap(0, 4 * GUEST_PAGE, RW, anon(), -1, 0).unwrap();
    a.guest_munmap(x + GUEST_PAGE, GUEST_PAGE).unwrap();
    assert_eq!(a.mappings().len(), 2);
    assert!(a.write(x + GUEST_PAGE, &[1]).is_err());
    assert!(a.write(x + 2 * GUEST_PAGE, &[1]).is_ok());
    // Unmapping nothing is fine; misaligned is EINVAL.
    assert_eq!(a.guest_munmap(0x5000_0000, GUEST_PAGE), Ok(()));
    assert_eq!(a.guest_munmap(x + 1, GUEST_PAGE), Err(libc::EINVAL));
    assert!(a.take_invalidations().contains(&(x + GUEST_PAGE, GUEST_PAGE)));
}

#[test]
fn mprotect_changes_permissions_and_needs_mappings() {
    let a = space();
    let x = a.guest_mmap(0, 2 * GUEST_PAGE, RW, anon(), -1, 0).unwrap();
    a.guest_mprotect(x, GUEST_PAGE, PROT_READ).unwrap();
    assert_eq!(a.prot_at(x), Some(PROT_READ));
    assert_eq!(a.prot_at(x + GUEST_PAGE), Some(RW));
    assert!(a.write(x, &[1]).is_err());
    assert!(a.read_vec(x, 1).is_ok());
    a.guest_mprotect(x, GUEST_PAGE, 0).unwrap();
    assert!(a.read_vec(x, 1).is_err());
    assert_eq!(a.guest_mprotect(x, 3 * GUEST_PAGE, PROT_READ), Err(libc::ENOMEM));
    assert_eq!(a.guest_mprotect(x + 4, GUEST_PAGE, PROT_READ), Err(libc::EINVAL));
}

#[test]
fn mremap_grows_in_place_or_moves_keeping_contents() {
    let a = space();
    let x = a.guest_mmap(0, GUEST_PAGE, RW, anon(), -1, 0).unwrap();
    a.write(x, b"data").unwrap();
    // The page above x is free? (top-down placement put x at the top: yes.)
    let blocker = a.guest_mmap(0, GUEST_PAGE, RW, anon(), -1, 0).unwrap();
    assert_eq!(blocker, x - GUEST_PAGE);
    // Growing upwards is blocked by nothing above x only if x+page is free.
    let y = a.guest_mremap(blocker, GUEST_PAGE, 3 * GUEST_PAGE, true, None).unwrap();
    assert_ne!(y, blocker, "blocked in place, so it moves");
    a.write(y + 2 * GUEST_PAGE, b"z").unwrap();
    assert!(a.read_vec(blocker, 1).is_err());
    let z = a.guest_mremap(x, GUEST_PAGE, 2 * GUEST_PAGE, false, None).unwrap();
    assert_eq!(z, x);
    assert_eq!(a.read_vec(x, 4).unwrap(), b"data".to_vec());
    a.write(x + GUEST_PAGE, b"more").unwrap();
    // Shrink.
    assert_eq!(a.guest_mremap(x, 2 * GUEST_PAGE, GUEST_PAGE, false, None), Ok(x));
    assert!(a.read_vec(x + GUEST_PAGE, 1).is_err());
    // Fixed move.
    let w = a.guest_mremap(x, GUEST_PAGE, GUEST_PAGE, true, Some(0x3000_0000)).unwrap();
    assert_eq!(w, 0x3000_0000);
    assert_eq!(a.read_vec(w, 4).unwrap(), b"data".to_vec());
    assert!(a.read_vec(x, 1).is_err());
    assert_eq!(a.guest_mremap(0x7000_0000, GUEST_PAGE, 2 * GUEST_PAGE, true, None), Err(libc::EFAULT));
}

#[test]
fn brk_grows_shrinks_and_stops_at_mappings() {
    let a = space();
    a.brk_init(0x1010_0000);
    assert_eq!(a.guest_brk(0), 0x1010_0000);
    assert_eq!(a.guest_brk(0x1010_0010), 0x1010_0010);
    a.write(0x1010_0000, &[7; 16]).unwrap();
    assert_eq!(a.guest_brk(0x1013_0000), 0x1013_0000);
    a.write(0x1012_fff0, &[7; 16]).unwrap();
    assert_eq!(a.guest_brk(0x1010_8000), 0x1010_8000);
    assert!(a.write(0x1011_0000, &[1]).is_err());
    // Below the start: unchanged.
    assert_eq!(a.guest_brk(0x1000_0000), 0x1010_8000);
    // Into another mapping: unchanged.
    a.map_anon(0x1020_0000, GUEST_PAGE, RW, false).unwrap();
    assert_eq!(a.guest_brk(0x1030_0000), 0x1010_8000);
    assert_eq!(a.brk_range(), (0x1010_0000, 0x1010_8000));
}

#[test]
fn bad_pointers_are_efault() {
    let a = space();
    a.map_anon(0x1000_0000, GUEST_PAGE, PROT_READ, false).unwrap();
    a.map_anon(0x1001_0000, GUEST_PAGE, RW, false).unwrap();
    assert_eq!(a.read_vec(0, 1), Err(Efault));
    assert_eq!(a.read_vec(0x0fff_ffff, 2), Err(Efault));
    assert_eq!(a.write(0x1000_0000, &[1]), Err(Efault));
    assert_eq!(a.read_vec(0x1001_fff0, 0x20), Err(Efault));
    assert_eq!(a.read_vec(u64::MAX - 3, 8), Err(Efault));
    assert_eq!(a.read_vec(LIMIT, 1), Err(Efault));
    assert_eq!(a.host_ptr(0x1000_0000, 1, true), Err(Efault));
    // Reads spanning two mappings are fine.
    assert_eq!(a.read_vec(0x1000_fff0, 0x20).unwrap().len(), 0x20);
    // Strings: found, too long, running off the end.
    a.write(0x1001_0000, b"hello\0").unwrap();
    assert_eq!(a.read_cstr(0x1001_0000, 100).unwrap(), b"hello".to_vec());
    assert_eq!(a.read_cstr(0x1001_0000, 3), Err(Efault));
    a.write(0x1001_fffc, b"abcd").unwrap();
    assert_eq!(a.read_cstr(0x1001_fffc, 100), Err(Efault));
    assert_eq!(i32::from(Efault), libc::EFAULT);
}

#[test]
fn typed_access_follows_guest_byte_order() {
    let be = AddressSpace::new(LIMIT, true).unwrap();
    be.map_anon(0x1000_0000, GUEST_PAGE, RW, false).unwrap();
    be.write_u64(0x1000_0000, 0x0102_0304_0506_0708).unwrap();
    assert_eq!(be.read_vec(0x1000_0000, 2).unwrap(), vec![1, 2]);
    assert_eq!(be.read_u32(0x1000_0004).unwrap(), 0x0506_0708);
    let le = space();
    le.map_anon(0x1000_0000, GUEST_PAGE, RW, false).unwrap();
    le.write_u32(0x1000_0000, 0x0102_0304).unwrap();
    assert_eq!(le.read_vec(0x1000_0000, 2).unwrap(), vec![4, 3]);
}

#[test]
fn fetch_needs_execute_permission() {
    let a = space();
    a.map_anon(0x1000_0000, GUEST_PAGE, PROT_READ, false).unwrap();
    a.map_anon(0x1001_0000, GUEST_PAGE, PROT_READ | PROT_EXEC, false).unwrap();
    let mut b = [0u8; 4];
    assert!(!a.fetch(0x1000_0000, &mut b));
    assert!(a.fetch(0x1001_0000, &mut b));
    assert!(!a.fetch(0x1001_fffe, &mut b));
    assert!(!a.fetch(LIMIT - 2, &mut b));
}

#[test]
fn code_pages_are_write_tracked() {
    let a = space();
    let rwx = RW | PROT_EXEC;
    a.map_anon(0x1000_0000, GUEST_PAGE, rwx, false).unwrap();
    a.code_page_added(0x1000_0000 >> 12);
    // The host page is now read-only: a store from translated code would fault; the engine
    // asks, and the protection is lifted once.
    assert!(a.code_write_fault(0x1000_0008));
    assert!(!a.code_write_fault(0x1000_0008));
    // A guest-read-only page is never tracked, and its faults are real.
    a.map_anon(0x1001_0000, GUEST_PAGE, PROT_READ | PROT_EXEC, false).unwrap();
    a.code_page_added(0x1001_0000 >> 12);
    assert!(!a.code_write_fault(0x1001_0000));
    // A system call writing a tracked page lifts the protection and queues invalidation.
    a.code_page_added(0x1000_1000 >> 12);
    a.take_invalidations();
    a.write(0x1000_1ff0, &[1; 32]).unwrap();
    assert_eq!(a.take_invalidations(), vec![(0x1000_1000, HOST_PAGE)]);
    assert!(!a.code_write_fault(0x1000_1000));
    // Removing execute permission invalidates.
    a.guest_mprotect(0x1000_0000, GUEST_PAGE, RW).unwrap();
    assert_eq!(a.take_invalidations(), vec![(0x1000_0000, GUEST_PAGE)]);
    assert_eq!(GuestMemory::limit(&a), LIMIT);
}

#[test]
fn file_mappings_read_the_file_and_zero_past_its_end() {
    let dir = std::env::temp_dir().join(format!("bigiron-aspace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("f");
    std::fs::write(&path, b"file contents").unwrap();
    let f = std::fs::File::open(&path).unwrap();
    use std::os::unix::io::AsRawFd;
    let a = space();
    let x = a.guest_mmap(0, 3 * GUEST_PAGE, PROT_READ, MapFlags::default(), f.as_raw_fd(), 0).unwrap();
    assert_eq!(a.read_vec(x, 13).unwrap(), b"file contents".to_vec());
    // Past the file's last host page but inside the mapping: zeroes, not SIGBUS.
    assert_eq!(a.read_vec(x + 0x8000, 4).unwrap(), vec![0; 4]);
    assert_eq!(a.mappings()[0].1.backing, Backing::File);
    assert_eq!(a.guest_mmap(0, GUEST_PAGE, PROT_READ, MapFlags::default(), 9999, 0), Err(libc::EBADF));
    let _ = std::fs::remove_dir_all(&dir);
}
