// Preloaded into `gnapterm serve` under valgrind by Benchmarks/as-callgrind.sh, nowhere else.
//
// Valgrind 3.19 writes into the signal mask passed to sigsuspend(2) (it removes its own internal signal from it).
// libdispatch's main-queue thread, which every async Swift `main` runs on, passes a mask in read-only memory, so
// valgrind dies with SIGSEGV before the AS starts. This sigsuspend hands libc a writable copy of the same mask.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    int (*next)(const sigset_t *) = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
    return next(&copy);
}
