//! Branch facility (Power ISA 3.0B Book I ch. 2): one instruction per test, raw encoding
//! with its assembly, expected targets and registers worked out by hand from the book's BO/BI
//! rules (§2.4). Each runs in both byte orders and on both backends (see `ppc_harness`).
//! The instruction under test sits at `PC` = 0x1000.

mod ppc_harness;

use cpu_ppc64::exc;
use ppc_harness::{Case, End, PC};

fn both(f: impl Fn(bool)) {
    f(false);
    f(true);
}

// ---- unconditional (I-form) ----

#[test]
fn b_relative_forward_and_back() {
    both(|le| {
        assert_eq!(Case::new(le).run(0x4800_0100 /* b .+0x100 */).end, End::At(PC + 0x100));
        assert_eq!(Case::new(le).run(0x4bff_f800 /* b .-0x800 */).end, End::At(PC - 0x800));
    });
}

#[test]
fn ba_is_absolute() {
    both(|le| {
        let d = Case::new(le).with(|c| c.lr = 7).run(0x4800_0202 /* ba 0x200 */);
        assert_eq!(d.end, End::At(0x200));
        assert_eq!(d.cpu.lr, 7);
    });
}

#[test]
fn bl_and_bla_set_lr() {
    both(|le| {
        let d = Case::new(le).run(0x4800_0041 /* bl .+0x40 */);
        assert_eq!((d.end, d.cpu.lr), (End::At(PC + 0x40), PC + 4));
        let d = Case::new(le).run(0x4800_0303 /* bla 0x300 */);
        assert_eq!((d.end, d.cpu.lr), (End::At(0x300), PC + 4));
    });
}

// ---- conditional (B-form) ----

#[test]
fn beq_taken_and_not_taken() {
    both(|le| {
        // bc 12,2: branch if CR0[EQ] (bit 2) is 1.
        let d = Case::new(le).with(|c| c.cr[0] = 0b0010).run(0x4182_0020 /* beq .+0x20 */);
        assert_eq!(d.end, End::At(PC + 0x20));
        let d = Case::new(le).with(|c| c.cr[0] = 0b1101).run(0x4182_0020 /* beq .+0x20 */);
        assert_eq!(d.end, End::At(PC + 4));
    });
}

#[test]
fn bc_selects_any_cr_bit() {
    both(|le| {
        // BI = 29 is CR7[GT]; BO = 4 branches if it is 0.
        let d = Case::new(le).with(|c| c.cr[7] = 0b0100).run(0x419d_0020 /* bc 12,29,.+0x20 */);
        assert_eq!(d.end, End::At(PC + 0x20));
        let d = Case::new(le).with(|c| c.cr[7] = 0b0100).run(0x409d_0020 /* bc 4,29,.+0x20 */);
        assert_eq!(d.end, End::At(PC + 4));
        let d = Case::new(le).with(|c| c.cr[7] = 0b1011).run(0x409d_fff0 /* bc 4,29,.-0x10 */);
        assert_eq!(d.end, End::At(PC - 0x10));
    });
}

#[test]
fn bdnz_bdz_decrement_ctr() {
    both(|le| {
        let d = Case::new(le).with(|c| c.ctr = 2).run(0x4200_0020 /* bdnz .+0x20 */);
        assert_eq!((d.end, d.cpu.ctr), (End::At(PC + 0x20), 1));
        let d = Case::new(le).with(|c| c.ctr = 1).run(0x4200_0020 /* bdnz .+0x20 */);
        assert_eq!((d.end, d.cpu.ctr), (End::At(PC + 4), 0));
        // CTR is 64 bits: 0 - 1 is nonzero.
        let d = Case::new(le).with(|c| c.ctr = 0).run(0x4200_0020 /* bdnz .+0x20 */);
        assert_eq!((d.end, d.cpu.ctr), (End::At(PC + 0x20), u64::MAX));
        let d = Case::new(le).with(|c| c.ctr = 1).run(0x4240_0020 /* bdz .+0x20 */);
        assert_eq!((d.end, d.cpu.ctr), (End::At(PC + 0x20), 0));
        let d = Case::new(le).with(|c| c.ctr = 5).run(0x4240_0020 /* bdz .+0x20 */);
        assert_eq!((d.end, d.cpu.ctr), (End::At(PC + 4), 4));
    });
}

#[test]
fn ctr_and_condition_combined() {
    both(|le| {
        // bc 8,2: decrement; branch if CTR != 0 and CR0[EQ] = 1.
        let d = Case::new(le).with(|c| {
            c.ctr = 5;
            c.cr[0] = 0b0010;
        });
        let d = d.run(0x4102_0020 /* bc 8,2,.+0x20 */);
        assert_eq!((d.end, d.cpu.ctr), (End::At(PC + 0x20), 4));
        let d = Case::new(le).with(|c| c.ctr = 5).run(0x4102_0020 /* bc 8,2,.+0x20 */);
        assert_eq!((d.end, d.cpu.ctr), (End::At(PC + 4), 4));
        // bc 2,2: decrement; branch if CTR = 0 and CR0[EQ] = 0.
        let d = Case::new(le).with(|c| c.ctr = 1).run(0x4042_0020 /* bc 2,2,.+0x20 */);
        assert_eq!((d.end, d.cpu.ctr), (End::At(PC + 0x20), 0));
    });
}

#[test]
fn bcl_sets_lr_whether_or_not_taken() {
    both(|le| {
        // The "bcl 20,31,$+4" idiom for reading the PC.
        let d = Case::new(le).run(0x429f_0005 /* bcl 20,31,.+4 */);
        assert_eq!((d.end, d.cpu.lr), (End::At(PC + 4), PC + 4));
        let d = Case::new(le).run(0x4182_0041 /* bcl 12,2,.+0x40 */);
        assert_eq!((d.end, d.cpu.lr), (End::At(PC + 4), PC + 4));
    });
}

#[test]
fn bca_is_absolute() {
    both(|le| {
        let d = Case::new(le).with(|c| c.cr[0] = 0b0010).run(0x4182_0402 /* bca 12,2,0x400 */);
        assert_eq!(d.end, End::At(0x400));
    });
}

// ---- to LR, CTR, TAR (XL-form) ----

#[test]
fn blr_clears_the_low_bits() {
    both(|le| {
        let d = Case::new(le).with(|c| c.lr = 0x2003).run(0x4e80_0020 /* blr */);
        assert_eq!((d.end, d.cpu.lr), (End::At(0x2000), 0x2003));
    });
}

#[test]
fn blrl_branches_to_the_old_lr() {
    both(|le| {
        let d = Case::new(le).with(|c| c.lr = 0x2000).run(0x4e80_0021 /* blrl */);
        assert_eq!((d.end, d.cpu.lr), (End::At(0x2000), PC + 4));
    });
}

#[test]
fn conditional_lr_forms() {
    both(|le| {
        let d = Case::new(le).with(|c| c.lr = 0x2000).run(0x4d82_0020 /* beqlr */);
        assert_eq!((d.end, d.cpu.lr), (End::At(PC + 4), 0x2000));
        let d = Case::new(le).with(|c| {
            c.lr = 0x2000;
            c.ctr = 3;
        });
        let d = d.run(0x4e00_0020 /* bdnzlr */);
        assert_eq!((d.end, d.cpu.ctr), (End::At(0x2000), 2));
        // The BH hint (here 0b01) changes nothing.
        let d = Case::new(le).with(|c| c.lr = 0x2400).run(0x4e80_0820 /* .long 0x4e800820 */);
        assert_eq!(d.end, End::At(0x2400));
    });
}

#[test]
fn bctr_bctrl() {
    both(|le| {
        let d = Case::new(le).with(|c| c.ctr = 0x3000).run(0x4e80_0420 /* bctr */);
        assert_eq!((d.end, d.cpu.ctr), (End::At(0x3000), 0x3000));
        let d = Case::new(le).with(|c| c.ctr = 0x3002).run(0x4e80_0421 /* bctrl */);
        assert_eq!((d.end, d.cpu.lr), (End::At(0x3000), PC + 4));
        let d = Case::new(le).with(|c| c.ctr = 0x3000).run(0x4c82_0420 /* bnectr */);
        assert_eq!(d.end, End::At(0x3000));
        let d = Case::new(le).with(|c| {
            c.ctr = 0x3000;
            c.cr[0] = 0b0010;
        });
        assert_eq!(d.run(0x4c82_0420 /* bnectr */).end, End::At(PC + 4));
    });
}

#[test]
fn bcctr_decrementing_ctr_is_invalid() {
    both(|le| {
        // bcctr 16,0: BO_2 = 0 asks to decrement CTR, an invalid form of bcctr (§2.4).
        let d = Case::new(le).with(|c| c.ctr = 0x3000).run(0x4e00_0420 /* .long 0x4e000420 */);
        assert_eq!((d.end, d.cpu.ctr), (End::Exc(exc::ILLEGAL, PC), 0x3000));
    });
}

#[test]
fn bctar_branches_to_tar() {
    both(|le| {
        // bctar 20,0 (always) and bctarl.
        let d = Case::new(le).with(|c| c.tar = 0x2404).run(0x4e80_0460 /* .long 0x4e800460 */);
        assert_eq!(d.end, End::At(0x2404));
        let d = Case::new(le).with(|c| c.tar = 0x2404).run(0x4e80_0461 /* .long 0x4e800461 */);
        assert_eq!((d.end, d.cpu.lr), (End::At(0x2404), PC + 4));
    });
}

// ---- system call ----

#[test]
fn sc_and_scv() {
    both(|le| {
        assert_eq!(Case::new(le).run(0x4400_0002 /* sc */).end, End::Exc(exc::SYSCALL, PC + 4));
        assert_eq!(Case::new(le).run(0x4400_0001 /* scv 0 */).end, End::Exc(exc::SYSCALL_SCV, PC + 4));
        assert_eq!(Case::new(le).run(0x4400_0021 /* scv 1 */).end, End::Exc(exc::ILLEGAL, PC));
    });
}
