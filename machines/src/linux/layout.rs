//! Guest struct layouts shared by the 64-bit Linux ABIs (ppc64, s390x): encoders from host
//! values to guest bytes and decoders back, in the guest's byte order.
//!
//! Layouts that differ per ISA (`struct stat`, `struct termios`) live with the ISA
//! (`ppc64.rs`); everything here is the same on every 64-bit Linux except for byte order.
//! Sources: include/uapi/linux/{time_types,resource,sysinfo,utsname,stat,dirent}.h and
//! include/uapi/asm-generic/{siginfo,fcntl,poll}.h.

/// Builds guest bytes field by field.
pub struct Writer {
    pub buf: Vec<u8>,
    be: bool,
}

impl Writer {
    pub fn new(big_endian: bool) -> Writer {
        Writer { buf: Vec::new(), be: big_endian }
    }
    pub fn u8(&mut self, v: u8) -> &mut Self {
        self.buf.push(v);
        self
    }
    pub fn u16(&mut self, v: u16) -> &mut Self {
        self.buf.extend_from_slice(&if self.be { v.to_be_bytes() } else { v.to_le_bytes() });
        self
    }
    pub fn u32(&mut self, v: u32) -> &mut Self {
        self.buf.extend_from_slice(&if self.be { v.to_be_bytes() } else { v.to_le_bytes() });
        self
    }
    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.buf.extend_from_slice(&if self.be { v.to_be_bytes() } else { v.to_le_bytes() });
        self
    }
    pub fn i32(&mut self, v: i32) -> &mut Self {
        self.u32(v as u32)
    }
    pub fn i64(&mut self, v: i64) -> &mut Self {
        self.u64(v as u64)
    }
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(b);
        self
    }
    /// Zero bytes up to total length `n` (for padding and reserved fields).
    pub fn pad_to(&mut self, n: usize) -> &mut Self {
        if self.buf.len() < n {
            self.buf.resize(n, 0);
        }
        self
    }
    /// A fixed-size char array holding `s` NUL-padded (truncated to leave a NUL).
    pub fn cstr_array(&mut self, s: &[u8], n: usize) -> &mut Self {
        let k = s.len().min(n - 1);
        let at = self.buf.len();
        self.buf.extend_from_slice(&s[..k]);
        self.pad_to(at + n)
    }
    pub fn finish(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }
}

/// Reads guest bytes field by field (out-of-range reads give zero).
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    be: bool,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8], big_endian: bool) -> Reader<'a> {
        Reader { buf, pos: 0, be: big_endian }
    }
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut b = [0u8; N];
        if let Some(s) = self.buf.get(self.pos..self.pos + N) {
            b.copy_from_slice(s);
        }
        self.pos += N;
        b
    }
    pub fn u8(&mut self) -> u8 {
        self.take::<1>()[0]
    }
    pub fn u16(&mut self) -> u16 {
        let b = self.take();
        if self.be { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) }
    }
    pub fn u32(&mut self) -> u32 {
        let b = self.take();
        if self.be { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) }
    }
    pub fn u64(&mut self) -> u64 {
        let b = self.take();
        if self.be { u64::from_be_bytes(b) } else { u64::from_le_bytes(b) }
    }
    pub fn i32(&mut self) -> i32 {
        self.u32() as i32
    }
    pub fn i64(&mut self) -> i64 {
        self.u64() as i64
    }
    pub fn skip(&mut self, n: usize) -> &mut Self {
        self.pos += n;
        self
    }
    pub fn seek(&mut self, pos: usize) -> &mut Self {
        self.pos = pos;
        self
    }
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        let v = self.buf.get(self.pos..self.pos + n).map(|s| s.to_vec()).unwrap_or_else(|| vec![0; n]);
        self.pos += n;
        v
    }
}

/// A file's status, as the host reports it (the ISA's encoder lays it out).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KStat {
    pub dev: u64,
    pub ino: u64,
    pub mode: u32,
    pub nlink: u64,
    pub uid: u32,
    pub gid: u32,
    pub rdev: u64,
    pub size: i64,
    pub blksize: i64,
    pub blocks: i64,
    pub atime: (i64, i64),
    pub mtime: (i64, i64),
    pub ctime: (i64, i64),
}

impl From<&libc::stat> for KStat {
    fn from(s: &libc::stat) -> KStat {
        KStat {
            dev: s.st_dev,
            ino: s.st_ino,
            mode: s.st_mode,
            nlink: s.st_nlink,
            uid: s.st_uid,
            gid: s.st_gid,
            rdev: s.st_rdev,
            size: s.st_size,
            blksize: s.st_blksize,
            blocks: s.st_blocks,
            atime: (s.st_atime, s.st_atime_nsec),
            mtime: (s.st_mtime, s.st_mtime_nsec),
            ctime: (s.st_ctime, s.st_ctime_nsec),
        }
    }
}

/// `struct timespec` / `struct __kernel_timespec` (64-bit): 16 bytes.
pub fn timespec(w: &mut Writer, sec: i64, nsec: i64) {
    w.i64(sec).i64(nsec);
}

pub fn read_timespec(b: &[u8], be: bool) -> libc::timespec {
    let mut r = Reader::new(b, be);
    libc::timespec { tv_sec: r.i64(), tv_nsec: r.i64() }
}

/// `struct timeval` (64-bit): 16 bytes.
pub fn timeval(w: &mut Writer, tv: &libc::timeval) {
    w.i64(tv.tv_sec).i64(tv.tv_usec);
}

/// `struct rusage`: two timevals and fourteen longs, 144 bytes.
pub fn rusage(be: bool, r: &libc::rusage) -> Vec<u8> {
    let mut w = Writer::new(be);
    timeval(&mut w, &r.ru_utime);
    timeval(&mut w, &r.ru_stime);
    for v in [
        r.ru_maxrss,
        r.ru_ixrss,
        r.ru_idrss,
        r.ru_isrss,
        r.ru_minflt,
        r.ru_majflt,
        r.ru_nswap,
        r.ru_inblock,
        r.ru_oublock,
        r.ru_msgsnd,
        r.ru_msgrcv,
        r.ru_nsignals,
        r.ru_nvcsw,
        r.ru_nivcsw,
    ] {
        w.i64(v);
    }
    w.finish()
}

/// `struct rlimit` / `struct rlimit64`: two u64, 16 bytes (RLIM_INFINITY = all ones).
pub fn rlimit(be: bool, cur: u64, max: u64) -> Vec<u8> {
    Writer::new(be).u64(cur).u64(max).finish()
}

/// `struct tms`: four clock_t (long), 32 bytes.
pub fn tms(be: bool, t: &libc::tms) -> Vec<u8> {
    Writer::new(be).i64(t.tms_utime).i64(t.tms_stime).i64(t.tms_cutime).i64(t.tms_cstime).finish()
}

/// `struct sysinfo` (64-bit): 112 bytes.
pub fn sysinfo(be: bool, s: &libc::sysinfo) -> Vec<u8> {
    let mut w = Writer::new(be);
    w.i64(s.uptime);
    for l in s.loads {
        w.u64(l);
    }
    w.u64(s.totalram).u64(s.freeram).u64(s.sharedram).u64(s.bufferram).u64(s.totalswap).u64(s.freeswap);
    w.u16(s.procs).u16(0).u32(0);
    w.u64(s.totalhigh).u64(s.freehigh).u32(s.mem_unit);
    w.pad_to(112).finish()
}

/// `struct new_utsname`: six 65-byte strings, 390 bytes.
pub fn utsname(fields: [&[u8]; 6]) -> Vec<u8> {
    let mut w = Writer::new(false);
    for f in fields {
        w.cstr_array(f, 65);
    }
    w.finish()
}

/// `struct winsize`: four u16.
pub fn winsize(be: bool, ws: &libc::winsize) -> Vec<u8> {
    Writer::new(be).u16(ws.ws_row).u16(ws.ws_col).u16(ws.ws_xpixel).u16(ws.ws_ypixel).finish()
}

pub fn read_winsize(b: &[u8], be: bool) -> libc::winsize {
    let mut r = Reader::new(b, be);
    libc::winsize { ws_row: r.u16(), ws_col: r.u16(), ws_xpixel: r.u16(), ws_ypixel: r.u16() }
}

/// `struct statx` (include/uapi/linux/stat.h): 256 bytes, the same on every ISA.
pub fn statx(be: bool, s: &libc::statx) -> Vec<u8> {
    let mut w = Writer::new(be);
    w.u32(s.stx_mask).u32(s.stx_blksize).u64(s.stx_attributes);
    w.u32(s.stx_nlink).u32(s.stx_uid).u32(s.stx_gid).u16(s.stx_mode).u16(0);
    w.u64(s.stx_ino).u64(s.stx_size).u64(s.stx_blocks).u64(s.stx_attributes_mask);
    for t in [&s.stx_atime, &s.stx_btime, &s.stx_ctime, &s.stx_mtime] {
        w.i64(t.tv_sec).u32(t.tv_nsec).u32(0);
    }
    w.u32(s.stx_rdev_major).u32(s.stx_rdev_minor).u32(s.stx_dev_major).u32(s.stx_dev_minor);
    w.u64(s.stx_mnt_id);
    w.pad_to(256).finish()
}

/// Re-encodes a host `getdents64` buffer (`struct linux_dirent64`: u64 ino, i64 off,
/// u16 reclen, u8 type, name) in the guest's byte order; record sizes are unchanged.
pub fn dirents64(be: bool, host: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(host.len());
    let mut at = 0;
    while at + 19 <= host.len() {
        let ino = u64::from_ne_bytes(host[at..at + 8].try_into().unwrap());
        let off = i64::from_ne_bytes(host[at + 8..at + 16].try_into().unwrap());
        let reclen = u16::from_ne_bytes(host[at + 16..at + 18].try_into().unwrap()) as usize;
        if reclen < 19 || at + reclen > host.len() {
            break;
        }
        let mut w = Writer::new(be);
        w.u64(ino).i64(off).u16(reclen as u16);
        out.extend_from_slice(&w.buf);
        out.extend_from_slice(&host[at + 18..at + reclen]);
        at += reclen;
    }
    out
}

/// `siginfo_t` for a child-status report (waitid): 128 bytes; `_sigchld` fields at 16.
pub fn siginfo_chld(be: bool, signo: i32, code: i32, pid: i32, uid: u32, status: i32) -> Vec<u8> {
    let mut w = Writer::new(be);
    w.i32(signo).i32(0).i32(code).i32(0);
    w.i32(pid).u32(uid).i32(status).i32(0).i64(0).i64(0);
    w.pad_to(128).finish()
}

/// `struct flock` (64-bit): i16 type, i16 whence, pad, i64 start, i64 len, i32 pid, pad; 32 bytes.
pub fn flock(be: bool, f: &libc::flock) -> Vec<u8> {
    Writer::new(be)
        .u16(f.l_type as u16)
        .u16(f.l_whence as u16)
        .u32(0)
        .i64(f.l_start)
        .i64(f.l_len)
        .i32(f.l_pid)
        .pad_to(32)
        .finish()
}

pub fn read_flock(b: &[u8], be: bool) -> libc::flock {
    let mut r = Reader::new(b, be);
    // SAFETY: plain integers.
    let mut f: libc::flock = unsafe { std::mem::zeroed() };
    f.l_type = r.u16() as i16;
    f.l_whence = r.u16() as i16;
    r.skip(4);
    f.l_start = r.i64();
    f.l_len = r.i64();
    f.l_pid = r.i32();
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        // SAFETY: plain integer structs.
        let (ru, si, sx): (libc::rusage, libc::sysinfo, libc::statx) = unsafe { std::mem::zeroed() };
        assert_eq!(rusage(true, &ru).len(), 144);
        assert_eq!(sysinfo(true, &si).len(), 112);
        assert_eq!(statx(true, &sx).len(), 256);
        assert_eq!(utsname([b"Linux"; 6]).len(), 390);
    }
}
