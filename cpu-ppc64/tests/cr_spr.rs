//! Condition Register instructions (Power ISA 3.0B Book I §2.5, §3.3.17) and SPR moves
//! (§3.3.17, user level), one instruction at a time on the concrete-value backend.

mod fx_support;

use cpu_ppc64::{exc, Ppc64Cpu};
use fx_support::*;
use jit::interp::Outcome;

/// CR bit `n` (book numbering) within the 32-bit CR image.
fn crbit(n: u32) -> u32 {
    1 << (31 - n)
}

#[test]
fn cr_logical_truth_tables() {
    // crop 31,1,2: CR bit 31 (CR7[SO]) = op(CR bit 1 (CR0[GT]), CR bit 2 (CR0[EQ])).
    let ops: [(u32, &str, fn(bool, bool) -> bool); 8] = [
        (0x4fe1_1202 /* crand 31,1,2 */, "crand", |a, b| a & b),
        (0x4fe1_11c2 /* crnand 31,1,2 */, "crnand", |a, b| !(a & b)),
        (0x4fe1_1382 /* cror 31,1,2 */, "cror", |a, b| a | b),
        (0x4fe1_1182 /* crxor 31,1,2 */, "crxor", |a, b| a ^ b),
        (0x4fe1_1042 /* crnor 31,1,2 */, "crnor", |a, b| !(a | b)),
        (0x4fe1_1242 /* creqv 31,1,2 */, "creqv", |a, b| a == b),
        (0x4fe1_1102 /* crandc 31,1,2 */, "crandc", |a, b| a & !b),
        (0x4fe1_1342 /* crorc 31,1,2 */, "crorc", |a, b| a | !b),
    ];
    let background = 0x5a5a_5a5a & !(crbit(1) | crbit(2) | crbit(31));
    for (w, name, f) in ops {
        for (a, b) in [(false, false), (false, true), (true, false), (true, true)] {
            let init = background | if a { crbit(1) } else { 0 } | if b { crbit(2) } else { 0 };
            let c = exec(w, |c| c.set_cr_word(init));
            let want = init | if f(a, b) { crbit(31) } else { 0 };
            assert_eq!(c.cr_word(), want, "{name} a={a} b={b}");
        }
    }
}

#[test]
fn cr_logical_on_one_bit_and_mcrf() {
    // crset / crclr: the source and target are the same bit.
    let c = exec(0x4cc6_3242 /* creqv 6,6,6 */, |c| c.set_cr_word(0));
    assert_eq!(c.cr_word(), crbit(6));
    let c = exec(0x4cc6_3182 /* crxor 6,6,6 */, |c| c.set_cr_word(0xffff_ffff));
    assert_eq!(c.cr_word(), 0xffff_ffff & !crbit(6));
    // crnot 0,0 (crnor 0,0,0).
    let c = exec(0x4c00_0042 /* crnor 0,0,0 */, |c| c.set_cr_word(0x8000_0000));
    assert_eq!(c.cr_word(), 0);
    // mcrf 7,0 copies CR0 into CR7.
    let c = exec(0x4f80_0000 /* mcrf 7,0 */, |c| c.set_cr_word(0x9000_0003));
    assert_eq!(c.cr_word(), 0x9000_0009);
}

#[test]
fn move_to_cr() {
    // mtcrf 0x81: fields 0 and 7 from RS[32:63].
    let c = exec(0x7c88_1120 /* mtcrf 0x81,4 */, |c| {
        c.set_cr_word(0x1234_5678);
        c.gpr[4] = 0xffff_ffff_9abc_def5;
    });
    assert_eq!(c.cr_word(), 0x9234_5675);
    let c = exec(0x7c8f_f120 /* mtcrf 0xff,4 */, |c| c.gpr[4] = 0xffff_ffff_9abc_def5);
    assert_eq!(c.cr_word(), 0x9abc_def5);
    // mtocrf 0x10: field 3 (CR bits 12:15) only.
    let c = exec(0x7c91_0120 /* mtocrf 0x10,4 */, |c| {
        c.set_cr_word(0x1234_5678);
        c.gpr[4] = 0xffff_ffff_fff7_ffff;
    });
    assert_eq!(c.cr_word(), 0x1237_5678);
    // mtocrf with two FXM bits is undefined; the CR is left as it was (as QEMU does).
    let c = exec(0x7c91_1120 /* .long 0x7c911120 */, |c| {
        c.set_cr_word(0x1234_5678);
        c.gpr[4] = 0;
    });
    assert_eq!(c.cr_word(), 0x1234_5678);
}

#[test]
fn move_from_cr() {
    let c = exec(0x7c60_0026 /* mfcr 3 */, |c| c.set_cr_word(0x1234_5678));
    assert_eq!(c.gpr[3], 0x1234_5678);
    let c = exec(0x7c60_0026 /* mfcr 3 */, |c| c.set_cr_word(0xfedc_ba98));
    assert_eq!(c.gpr[3], 0xfedc_ba98);
    // mfocrf 0x10: CR field 3 in place, zeros elsewhere.
    let c = exec(0x7c71_0026 /* mfocrf 3,0x10 */, |c| c.set_cr_word(0x1234_5678));
    assert_eq!(c.gpr[3], 0x0004_0000);
    let c = exec(0x7c70_1026 /* mfocrf 3,0x01 */, |c| c.set_cr_word(0x1234_5678));
    assert_eq!(c.gpr[3], 0x8);
}

#[test]
fn mcrxrx_and_setb() {
    // mcrxrx 2: CR2 = OV || OV32 || CA || CA32.
    let c = exec(0x7d00_0480 /* mcrxrx 2 */, |c| c.set_xer(SO | OV | CA | CA32));
    assert_eq!((c.cr[2], c.xer()), (0b1011, SO | OV | CA | CA32));
    let c = exec(0x7d00_0480 /* mcrxrx 2 */, |c| c.set_xer(OV32 | SO));
    assert_eq!(c.cr[2], 0b0100);
    // setb RT,BFA: -1 if LT, else 1 if GT, else 0.
    for (f, want) in [(LT, u64::MAX), (GT, 1), (EQ, 0), (CR_SO, 0), (LT | GT, u64::MAX), (0, 0)] {
        let c = exec(0x7c64_0100 /* setb 3,1 */, |c| c.cr[1] = f);
        assert_eq!(c.gpr[3], want, "CR1 = {f:#b}");
    }
}

#[test]
fn mcrxr_is_not_in_64_bit_isa_3_0() {
    // mcrxr cr0 (31/512, dropped from 64-bit ISA 3.0).
    expect_exception(0x7c00_0400 /* .long 0x7c000400 */, exc::ILLEGAL, |_| {});
}

#[test]
fn xer_moves() {
    let c = exec(0x7c81_03a6 /* mtxer 4 */, |c| c.gpr[4] = u64::MAX);
    assert_eq!((c.xer_so, c.xer_ov, c.xer_ca, c.xer_ov32, c.xer_ca32, c.xer_bc), (1, 1, 1, 1, 1, 0x7f));
    // SO bit 32, OV 33, CA 34, OV32 44, CA32 45, byte count 57:63.
    let c = exec(0x7c61_02a6 /* mfxer 3 */, |c| c.set_xer(u64::MAX));
    assert_eq!(c.gpr[3], 0xe00c_007f);
    let c = exec(0x7c81_03a6 /* mtxer 4 */, |c| c.gpr[4] = CA32 | 0x15);
    assert_eq!(c.xer(), CA32 | 0x15);
    assert_eq!((c.xer_so, c.xer_ca), (0, 0));
}

#[test]
fn user_spr_moves() {
    let v = 0x1234_5678_9abc_def0;
    // Each pair: mtspr from r4, then mfspr into r3 reads the same value back.
    let pairs = [
        (0x7c88_03a6 /* mtlr 4 */, 0x7c68_02a6 /* mflr 3 */, v),
        (0x7c89_03a6 /* mtctr 4 */, 0x7c69_02a6 /* mfctr 3 */, v),
        (0x7c83_03a6 /* mtspr 3,4 */, 0x7c63_02a6 /* mfspr 3,3 */, v),
        (0x7c8f_cba6 /* mtspr 815,4 */, 0x7c6f_caa6 /* mfspr 3,815 */, v),
        (0x7c80_e3a6 /* mtspr 896,4 */, 0x7c60_e2a6 /* mfspr 3,896 */, v),
        // VRSAVE is 32 bits.
        (0x7c80_43a6 /* mtspr 256,4 */, 0x7c60_42a6 /* mfspr 3,256 */, 0x9abc_def0),
    ];
    for (mt, mf, want) in pairs {
        let mut c = cpu();
        c.gpr[4] = v;
        assert_eq!(run(&mut c, mt), Outcome::Next(PC + 4));
        assert_eq!(run(&mut c, mf), Outcome::Next(PC + 4));
        assert_eq!(c.gpr[3], want, "{mt:#x} / {mf:#x}");
    }
    let c = exec(0x7c88_03a6 /* mtlr 4 */, |c| c.gpr[4] = v);
    assert_eq!(c.lr, v);
    let c = exec(0x7c83_03a6 /* mtspr 3,4 */, |c| c.gpr[4] = v);
    assert_eq!(c.dscr, v);
    let c = exec(0x7c8f_cba6 /* mtspr 815,4 */, |c| c.gpr[4] = v);
    assert_eq!(c.tar, v);
    let c = exec(0x7c80_43a6 /* mtspr 256,4 */, |c| c.gpr[4] = v);
    assert_eq!(c.vrsave, 0x9abc_def0);
}

#[test]
fn ppr32_is_the_high_half_of_ppr() {
    let c = exec(0x7c62_e2a6 /* mfspr 3,898 */, |c| c.ppr = 0x0010_0000_1234_5678);
    assert_eq!(c.gpr[3], 0x0010_0000);
    let c = exec(0x7c82_e3a6 /* mtspr 898,4 */, |c| {
        c.ppr = 0x0010_0000_1234_5678;
        c.gpr[4] = 0xffff_ffff_000c_0000;
    });
    assert_eq!(c.ppr, 0x000c_0000_1234_5678);
}

#[test]
fn time_base() {
    let read = |w: u32| exec_interp(w, |_| {}).gpr[3];
    let a = read(0x7c6c_42a6 /* mfspr 3,268 */);
    let b = read(0x7c6c_42e6 /* .long 0x7c6c42e6 */); // mftb r3 (XFX-form, xo 371)
    let c = read(0x7c6c_42a6 /* mfspr 3,268 */);
    assert!(a != 0 && a <= b && b <= c, "{a} {b} {c}");
    // TBU is the high word; the time base moves slowly enough for it to match.
    let hi = read(0x7c6d_42a6 /* mfspr 3,269 */);
    assert!(hi == c >> 32 || hi == (c >> 32) + 1);
    let hi = read(0x7c6d_42e6 /* .long 0x7c6d42e6 */);
    assert!(hi >= c >> 32);
    // 512 MHz: 10 ms is about 5.12 million ticks.
    let t0 = read(0x7c6c_42e6 /* .long 0x7c6c42e6 */);
    std::thread::sleep(std::time::Duration::from_millis(10));
    let t1 = read(0x7c6c_42e6 /* .long 0x7c6c42e6 */);
    assert!((5_000_000..50_000_000).contains(&(t1 - t0)), "{}", t1 - t0);
    // The Cranelift engine reads the same clock.
    let mut j = cpu();
    assert_eq!(run_jit(&mut j, 0x7c6c_42e6 /* .long 0x7c6c42e6 */), jit::engine::Exit::Exception(exc::SYSCALL));
    let after = read(0x7c6c_42a6 /* mfspr 3,268 */);
    assert!(c <= j.gpr[3] && j.gpr[3] <= after);
    // mftb with a TBR other than 268/269 is an invalid form; TB is read-only.
    expect_exception(0x7c6e_42e6 /* .long 0x7c6e42e6 */, exc::ILLEGAL, |_| {});
    expect_exception(0x7c8c_43a6 /* mtspr 268,4 */, exc::ILLEGAL, |_| {});
    expect_exception(0x7c8d_43a6 /* mtspr 269,4 */, exc::ILLEGAL, |_| {});
}

#[test]
fn privileged_and_undefined_sprs() {
    let priv_ = |c: &mut Ppc64Cpu| c.gpr[4] = 1;
    // SPR 17 is DSCR's privileged number (bit 0x10 of the SPR number set).
    expect_exception(0x7c71_02a6 /* mfspr 3,17 */, exc::PRIVILEGED, priv_);
    expect_exception(0x7c91_03a6 /* mtspr 17,4 */, exc::PRIVILEGED, priv_);
    // SRR0 (26), SPRG0 (272), HSRR0 (314), PIDR (48).
    expect_exception(0x7c7a_02a6 /* mfspr 3,26 */, exc::PRIVILEGED, priv_);
    expect_exception(0x7c90_43a6 /* mtspr 272,4 */, exc::PRIVILEGED, priv_);
    expect_exception(0x7c7a_4aa6 /* mfspr 3,314 */, exc::PRIVILEGED, priv_);
    expect_exception(0x7c90_0ba6 /* mtspr 48,4 */, exc::PRIVILEGED, priv_);
    // Undefined problem-state numbers.
    expect_exception(0x7c60_02a6 /* mfspr 3,0 */, exc::ILLEGAL, priv_);
    expect_exception(0x7c62_02a6 /* mfspr 3,2 */, exc::ILLEGAL, priv_);
    expect_exception(0x7c86_03a6 /* mtspr 6,4 */, exc::ILLEGAL, priv_);
    // MSR moves are privileged.
    expect_exception(0x7c60_00a6 /* mfmsr 3 */, exc::PRIVILEGED, priv_);
    expect_exception(0x7c80_0124 /* mtmsr 4 */, exc::PRIVILEGED, priv_);
    expect_exception(0x7c80_0164 /* mtmsrd 4 */, exc::PRIVILEGED, priv_);
    expect_exception(0x7c81_0164 /* mtmsrd 4,1 */, exc::PRIVILEGED, priv_);
}
