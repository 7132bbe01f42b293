//! Coverage of the ppc64 decode table, per section: rows, implemented, not yet implemented.
//!
//! `cargo run --release -p cpu-ppc64 --example coverage [-- --list]`; `--list` also names the
//! unimplemented rows of each section.

use cpu_ppc64::decode::{sections, ROWS};

fn main() {
    let list = std::env::args().any(|a| a == "--list");
    let width = sections().iter().map(|(t, _)| t.len()).max().unwrap_or(0).max(7);
    println!("{:<width$}  {:>5}  {:>5}  {:>5}", "section", "rows", "impl", "unimp");
    let line = |title: &str, rows: usize, done: usize| {
        println!("{title:<width$}  {rows:>5}  {done:>5}  {:>5}", rows - done);
    };
    for (title, rows) in sections() {
        let done = rows.iter().filter(|r| r.implemented()).count();
        line(if title.is_empty() { "(before the first banner)" } else { title }, rows.len(), done);
        if list && done < rows.len() {
            let names: Vec<&str> = rows.iter().filter(|r| !r.implemented()).map(|r| r.mnemonic).collect();
            println!("    {}", names.join(" "));
        }
    }
    line("total", ROWS.len(), ROWS.iter().filter(|r| r.implemented()).count());
}
