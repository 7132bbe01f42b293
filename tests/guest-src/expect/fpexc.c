/* Enabled floating-point exceptions under Linux on POWER, checked against what the Power ISA
 * and Linux define (tests/guest-src/expect/fpexc.out, written from them; QEMU 7.2 cannot be
 * the reference: its prctl(PR_SET_FPEXC) goes to the host kernel and it does not trap every
 * enabled exception). Built static for ppc64le and big-endian ppc64 by tests/cross.sh.
 * - feenableexcept sets FPSCR enable bits and prctl(PR_SET_FPEXC, PR_FP_EXC_PRECISE)
 *   (MSR[FE0 FE1]); an enabled exception is a program interrupt: SIGFPE with si_code from
 *   the FPSCR (Linux __parse_fpscr) and si_addr = the instruction.
 * - Linux runs the handler with FPSCR = 0 (every exception disabled) and restores the
 *   frame's FPSCR at sigreturn; a handler that siglongjmps keeps FPSCR = 0.
 * - Book I 4.4: an enabled zero divide or invalid operation leaves the target unchanged; a
 *   handler that returns re-executes the instruction, so it must disable the exception in
 *   the saved FPSCR first. */
#define _GNU_SOURCE
#include <fenv.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile int code, handler_fpscr_zero, returns;
static volatile unsigned long handler_fpscr;
static volatile unsigned long saved_fpscr;

static unsigned long fpscr_now(void) {
    union { double d; unsigned long l; } u;
    fenv_t e;
    fegetenv(&e);
    memcpy(&u.d, &e, 8);
    return u.l & 0xffffffff;
}

static void on_fpe_jump(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    code = si->si_code;
    memcpy((void *)&saved_fpscr, &((ucontext_t *)uc)->uc_mcontext.fp_regs[32], 8);
    handler_fpscr = fpscr_now();
    handler_fpscr_zero = handler_fpscr == 0;
    siglongjmp(jb, 1);
}

/* Turns off every enable bit in the interrupted context's FPSCR and returns: the
 * instruction runs again and completes without trapping. */
static void on_fpe_return(int sig, siginfo_t *si, void *ucv) {
    (void)sig;
    ucontext_t *uc = ucv;
    code = si->si_code;
    unsigned long f;
    memcpy(&f, &uc->uc_mcontext.fp_regs[32], 8);
    f &= ~0xf8ul;
    memcpy(&uc->uc_mcontext.fp_regs[32], &f, 8);
    returns++;
}

static volatile double zero = 0.0, one = 1.0, three = 3.0, big = 1e308, tiny = 1e-308, minus = -1.0;

#define TRY(label, enable, expr)                                                                 \
    do {                                                                                         \
        feclearexcept(FE_ALL_EXCEPT);                                                            \
        feenableexcept(enable);                                                                  \
        code = -1;                                                                               \
        volatile double r = 42.0;                                                                \
        if (!sigsetjmp(jb, 1)) {                                                                 \
            r = (expr);                                                                          \
            printf("%-10s no trap, r=%g\n", label, r);                                           \
        } else {                                                                                 \
            printf("%-10s SIGFPE code=%d handler-fpscr-zero=%d saved-enables=%#lx after=%#lx\n", \
                   label, code, handler_fpscr_zero, saved_fpscr & 0xf8, fpscr_now() & 0xf8);     \
        }                                                                                        \
    } while (0)

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe_jump;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    unsigned int mode = 99;
    prctl(PR_GET_FPEXC, &mode);
    printf("initial fpexc mode %u\n", mode);
    volatile double r = one / zero;
    printf("disabled: 1/0=%g divbyzero-flag=%d\n", r, fetestexcept(FE_DIVBYZERO) != 0);
    feenableexcept(FE_DIVBYZERO);
    prctl(PR_GET_FPEXC, &mode);
    printf("after feenableexcept: fpexc mode %u, enabled %#x\n", mode, fegetexcept());
    TRY("divide", FE_DIVBYZERO, one / zero);
    TRY("overflow", FE_OVERFLOW, big * big);
    TRY("underflow", FE_UNDERFLOW, tiny * tiny);
    TRY("inexact", FE_INEXACT, one / three);
    TRY("invalid", FE_INVALID, zero / zero);
    TRY("sqrt(-1)", FE_INVALID, sqrt(minus));
    TRY("no-cause", FE_DIVBYZERO, one / three);
    /* A handler that returns after disabling the exception in the saved FPSCR. */
    sa.sa_sigaction = on_fpe_return;
    sigaction(SIGFPE, &sa, NULL);
    feclearexcept(FE_ALL_EXCEPT);
    feenableexcept(FE_DIVBYZERO);
    r = one / zero;
    printf("returning handler: r=%g code=%d returns=%d enabled-after=%#x\n", r, code, returns, fegetexcept());
    fedisableexcept(FE_ALL_EXCEPT);
    prctl(PR_GET_FPEXC, &mode);
    printf("after fedisableexcept: fpexc mode %u\n", mode);
    return 0;
}
