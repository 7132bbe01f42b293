/* A threaded guest test program for bigiron's Linux user mode, built static for ppc64
 * (big-endian) and ppc64le and run many times by tests/threads.sh. Its output does not
 * depend on scheduling or on the ISA, so every run must print what the same source built
 * natively for the host prints. (QEMU 7.2 cannot be the reference here: its linux-user has
 * no robust futex lists, and the robust-mutex case hangs under it.)
 * Covers: pthread_create/join/exit/detach, thread-local storage (r13), atomics (l*arx/st*cx.
 * loops from GCC's __atomic builtins, 1 to 8 bytes), mutexes and condition variables
 * (futex wait/wake), barriers, rwlocks, a robust mutex whose owner dies (the kernel-side
 * robust list), threads creating threads, pthread_kill to a busy thread and to a thread
 * blocked in a condition wait, a process-directed signal taken by the one thread that does
 * not block it, sigwait, and per-thread signal masks. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NT 8
#define ITERS 20000

static int check_failed;
#define CHECK(c, ...) do { if (!(c)) { printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); check_failed = 1; } } while (0)

static pid_t gettid_(void) { return (pid_t)syscall(SYS_gettid); }

/* ---- atomics, mutex, TLS ---- */
static uint64_t a64;
static uint32_t a32;
static uint16_t a16;
static uint8_t a8;
static long plain;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static __thread int tls_id = -1;
static __thread char tls_buf[64];

static void *adder(void *arg) {
    int id = (int)(intptr_t)arg;
    tls_id = id;
    snprintf(tls_buf, sizeof tls_buf, "thread-%d", id);
    for (int i = 0; i < ITERS; i++) {
        __atomic_fetch_add(&a64, 3, __ATOMIC_SEQ_CST);
        __atomic_fetch_add(&a32, 1, __ATOMIC_RELAXED);
        __atomic_fetch_add(&a16, 1, __ATOMIC_ACQ_REL);
        __atomic_fetch_xor(&a8, 1, __ATOMIC_SEQ_CST);
        if (i % 16 == 0) {
            pthread_mutex_lock(&mu);
            plain++;
            pthread_mutex_unlock(&mu);
        }
        if (i % 1000 == 0)
            sched_yield();
    }
    /* A compare-and-swap loop computing a maximum. */
    static uint64_t maxv;
    uint64_t mine = (uint64_t)id * 1000 + 7, cur = __atomic_load_n(&maxv, __ATOMIC_RELAXED);
    while (cur < mine && !__atomic_compare_exchange_n(&maxv, &cur, mine, 1, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
        ;
    char expect[64];
    snprintf(expect, sizeof expect, "thread-%d", id);
    int ok = tls_id == id && strcmp(tls_buf, expect) == 0;
    return (void *)(intptr_t)(ok ? id * 10 : -1);
}

static void test_atomics(void) {
    pthread_t t[NT];
    for (int i = 0; i < NT; i++)
        CHECK(pthread_create(&t[i], NULL, adder, (void *)(intptr_t)i) == 0, "create %d", i);
    long sum = 0;
    for (int i = 0; i < NT; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r) == 0, "join %d", i);
        sum += (intptr_t)r;
    }
    printf("atomics: a64=%llu a32=%u a16=%u a8=%u plain=%ld joined=%ld main-tls=%d\n",
           (unsigned long long)a64, a32, a16, a8, plain, sum, tls_id);
}

/* ---- condition variables: a bounded queue ---- */
#define QN 4
static int q[QN], qh, qt, qc;
static pthread_mutex_t qm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg) {
    int base = (int)(intptr_t)arg;
    for (int i = 1; i <= 500; i++) {
        pthread_mutex_lock(&qm);
        while (qc == QN)
            pthread_cond_wait(&not_full, &qm);
        q[qt] = base + i;
        qt = (qt + 1) % QN;
        qc++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qm);
    }
    return NULL;
}

static void *consumer(void *arg) {
    long *total = arg;
    for (int i = 0; i < 500; i++) {
        pthread_mutex_lock(&qm);
        while (qc == 0)
            pthread_cond_wait(&not_empty, &qm);
        *total += q[qh];
        qh = (qh + 1) % QN;
        qc--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qm);
    }
    return NULL;
}

static void test_queue(void) {
    pthread_t p[2], c[2];
    long tot[2] = {0, 0};
    pthread_create(&p[0], NULL, producer, (void *)0);
    pthread_create(&p[1], NULL, producer, (void *)100000);
    pthread_create(&c[0], NULL, consumer, &tot[0]);
    pthread_create(&c[1], NULL, consumer, &tot[1]);
    for (int i = 0; i < 2; i++) {
        pthread_join(p[i], NULL);
        pthread_join(c[i], NULL);
    }
    printf("queue: total=%ld left=%d\n", tot[0] + tot[1], qc);
}

/* ---- barrier, rwlock, nested creation, detach ---- */
static pthread_barrier_t bar;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int phase_seen[NT];
static int shared_val;

static void *barrier_worker(void *arg) {
    int id = (int)(intptr_t)arg;
    for (int phase = 0; phase < 20; phase++) {
        if (id == 0) {
            pthread_rwlock_wrlock(&rw);
            shared_val = phase;
            pthread_rwlock_unlock(&rw);
        }
        pthread_barrier_wait(&bar);
        pthread_rwlock_rdlock(&rw);
        if (shared_val == phase)
            phase_seen[id]++;
        pthread_rwlock_unlock(&rw);
        pthread_barrier_wait(&bar);
    }
    return NULL;
}

static void *grandchild(void *arg) { return (void *)((intptr_t)arg + 1); }
static void *child_spawner(void *arg) {
    pthread_t g;
    void *r;
    pthread_create(&g, NULL, grandchild, arg);
    pthread_join(g, &r);
    pthread_exit((void *)((intptr_t)r * 2));
}

static volatile int detached_done;
static void *detached(void *arg) { (void)arg; __atomic_store_n(&detached_done, 1, __ATOMIC_SEQ_CST); return NULL; }

static void test_misc(void) {
    pthread_t t[NT];
    pthread_barrier_init(&bar, NULL, NT);
    for (int i = 0; i < NT; i++)
        pthread_create(&t[i], NULL, barrier_worker, (void *)(intptr_t)i);
    for (int i = 0; i < NT; i++)
        pthread_join(t[i], NULL);
    int all = 1;
    for (int i = 0; i < NT; i++)
        all &= phase_seen[i] == 20;
    pthread_barrier_destroy(&bar);
    pthread_t s;
    void *r;
    pthread_create(&s, NULL, child_spawner, (void *)20);
    pthread_join(s, &r);
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_t d;
    pthread_create(&d, &at, detached, NULL);
    while (!__atomic_load_n(&detached_done, __ATOMIC_SEQ_CST))
        sched_yield();
    printf("misc: barrier-phases-ok=%d nested=%ld detached=%d\n", all, (long)(intptr_t)r, detached_done);
}

/* ---- robust mutex whose owner exits ---- */
static pthread_mutex_t robust;
static void *die_holding(void *arg) {
    (void)arg;
    pthread_mutex_lock(&robust);
    return NULL; /* exits holding the lock */
}

static void test_robust(void) {
    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &ma);
    pthread_t t;
    pthread_create(&t, NULL, die_holding, NULL);
    pthread_join(t, NULL);
    int r = pthread_mutex_lock(&robust);
    int c = r == EOWNERDEAD ? pthread_mutex_consistent(&robust) : -1;
    pthread_mutex_unlock(&robust);
    int r2 = pthread_mutex_lock(&robust);
    pthread_mutex_unlock(&robust);
    printf("robust: first=%s consistent=%d again=%d\n", r == EOWNERDEAD ? "EOWNERDEAD" : strerror(r), c, r2);
}

/* ---- signals and threads ---- */
static volatile sig_atomic_t usr1_hits;
static volatile pid_t usr1_tid, usr2_tid;
static void on_usr1(int sig) { (void)sig; usr1_tid = gettid_(); usr1_hits++; }
static void on_usr2(int sig) { (void)sig; usr2_tid = gettid_(); }

static volatile int spin_stop;
static volatile pid_t spinner_tid;
static void *spinner(void *arg) {
    (void)arg;
    spinner_tid = gettid_();
    volatile unsigned long x = 0;
    while (!__atomic_load_n(&spin_stop, __ATOMIC_SEQ_CST))
        x++;
    return NULL;
}

static pthread_mutex_t wm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wc = PTHREAD_COND_INITIALIZER;
static int wake_flag;
static volatile pid_t waiter_tid;
static void *cond_waiter(void *arg) {
    (void)arg;
    pthread_mutex_lock(&wm);
    waiter_tid = gettid_();
    while (!wake_flag)
        pthread_cond_wait(&wc, &wm);
    pthread_mutex_unlock(&wm);
    return NULL;
}

static volatile pid_t taker_tid;
static volatile int taker_ready;
static void *usr2_taker(void *arg) {
    (void)arg;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    taker_tid = gettid_();
    __atomic_store_n(&taker_ready, 1, __ATOMIC_SEQ_CST);
    while (usr2_tid == 0)
        sched_yield();
    return NULL;
}

static int sigwait_got;
static void *sigwaiter(void *arg) {
    sigset_t *s = arg;
    int sig = 0;
    sigwait(s, &sig);
    sigwait_got = sig;
    return NULL;
}

static void test_signals(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_usr2;
    sigaction(SIGUSR2, &sa, NULL);

    /* To a thread running a loop. */
    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    while (spinner_tid == 0)
        sched_yield();
    pthread_kill(t, SIGUSR1);
    while (usr1_hits < 1)
        sched_yield();
    int spin_ok = usr1_tid == spinner_tid;
    __atomic_store_n(&spin_stop, 1, __ATOMIC_SEQ_CST);
    pthread_join(t, NULL);

    /* To a thread blocked in pthread_cond_wait: the handler runs there and the wait goes
     * on (SA_RESTART), until the condition is signalled. */
    pthread_create(&t, NULL, cond_waiter, NULL);
    for (;;) {
        pthread_mutex_lock(&wm);
        int up = waiter_tid != 0;
        pthread_mutex_unlock(&wm);
        if (up)
            break;
        sched_yield();
    }
    pthread_kill(t, SIGUSR1);
    while (usr1_hits < 2)
        sched_yield();
    int wait_ok = usr1_tid == waiter_tid;
    pthread_mutex_lock(&wm);
    wake_flag = 1;
    pthread_cond_signal(&wc);
    pthread_mutex_unlock(&wm);
    pthread_join(t, NULL);

    /* A process-directed signal goes to the only thread not blocking it. */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_create(&t, NULL, usr2_taker, NULL);
    while (!__atomic_load_n(&taker_ready, __ATOMIC_SEQ_CST))
        sched_yield();
    kill(getpid(), SIGUSR2);
    pthread_join(t, NULL);
    int proc_ok = usr2_tid == taker_tid;

    /* sigwait in a thread, for a signal every thread blocks (SIGUSR2 is blocked in main,
     * and so in the thread it creates). */
    sigset_t w;
    sigemptyset(&w);
    sigaddset(&w, SIGUSR2);
    pthread_create(&t, NULL, sigwaiter, &w);
    kill(getpid(), SIGUSR2);
    pthread_join(t, NULL);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);

    printf("signals: to-spinner=%d to-cond-waiter=%d process-directed=%d sigwait=%s hits=%d\n", spin_ok, wait_ok,
           proc_ok, sigwait_got == SIGUSR2 ? "SIGUSR2" : "other", (int)usr1_hits);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_atomics();
    test_queue();
    test_misc();
    test_robust();
    test_signals();
    printf("%s\n", check_failed ? "FAILED" : "done");
    return check_failed;
}
