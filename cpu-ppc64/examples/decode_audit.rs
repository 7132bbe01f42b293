//! Audit the decode table against another decoder (binutils' objdump).
//!
//! Reads `objdump -d` output on stdin (lines `addr: bytes \t mnemonic operands`), re-reads the
//! word from the byte column (little-endian) and prints each mnemonic objdump knows that no
//! row of ours matches, with one example word. Usage, with a file of raw words:
//! `powerpc64le-linux-gnu-objdump -D -b binary -m powerpc:common64 -M power9 -EL words.bin |
//!  cargo run --release -p cpu-ppc64 --example decode_audit`.

use cpu_ppc64::decode::decode;
use std::collections::BTreeMap;
use std::io::BufRead;

fn main() {
    let mut missing: BTreeMap<String, (u32, usize)> = BTreeMap::new();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let mut cols = line.split('\t');
        let (Some(addr), Some(bytes), Some(insn)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        if !addr.trim_end().ends_with(':') {
            continue;
        }
        let b: Vec<u8> = bytes.split_whitespace().filter_map(|h| u8::from_str_radix(h, 16).ok()).collect();
        let [b0, b1, b2, b3] = b[..] else { continue };
        let w = u32::from_le_bytes([b0, b1, b2, b3]);
        let mn = insn.split_whitespace().next().unwrap_or("");
        if mn.is_empty() || mn.starts_with('.') {
            continue;
        }
        if decode(w).is_none() {
            missing.entry(mn.to_string()).or_insert((w, 0)).1 += 1;
        }
    }
    for (mn, (w, n)) in &missing {
        println!("{mn:<14} {w:#010x}  ({n} words)");
    }
}
