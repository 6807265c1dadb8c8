/* hicgen tool — option value parsing and defaults shared by the subcommands. */
#include "tool.h"
#include "hicgen/num.h"

#include <errno.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

void tool_default_inputs(tool_inputs *in)
{
    memset(in, 0, sizeof *in);
    in->specs = "specs";
    in->masters = "masters";
    /* an installed or built binary finds the project's data beside it (bin/../specs) */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return;
    *slash = '\0';
    snprintf(in->specs_buf, sizeof in->specs_buf, "%s/../specs", exe);
    snprintf(in->masters_buf, sizeof in->masters_buf, "%s/../masters", exe);
    if (!is_dir("specs") && is_dir(in->specs_buf)) in->specs = in->specs_buf;
    if (!is_dir("masters") && is_dir(in->masters_buf)) in->masters = in->masters_buf;
}

/* Whether v is one or more ASCII digits and nothing else (strtoull alone would take leading
 * spaces and a sign, so ' -1' would become 18446744073709551615). */
static int all_digits(const char *v)
{
    if (!*v) return 0;
    for (; *v; v++)
        if (*v < '0' || *v > '9') return 0;
    return 1;
}

int tool_u64(hg_diag *d, const char *opt, const char *v, uint64_t lo, uint64_t hi, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long x = all_digits(v) ? strtoull(v, &end, 10) : 0;
    if (!all_digits(v) || errno || x < lo || x > hi) {
        char where[128];
        snprintf(where, sizeof where, "option %s", opt);
        hg_diag_err(d, where, "'%s' must be a whole number from %llu to %llu", v,
                    (unsigned long long)lo, (unsigned long long)hi);
        return -1;
    }
    *out = x;
    return 0;
}

int tool_int(hg_diag *d, const char *opt, const char *v, int lo, int hi, int *out)
{
    uint64_t x;
    if (tool_u64(d, opt, v, (uint64_t)lo, (uint64_t)hi, &x)) return -1;
    *out = (int)x;
    return 0;
}

int tool_month(hg_diag *d, const char *opt, const char *v, int32_t *ym)
{
    int m;
    if (hg_parse_month(v, &m)) {
        char where[128];
        snprintf(where, sizeof where, "option %s", opt);
        hg_diag_err(d, where, "'%s' must be a month YYYY-MM between 1990-01 and 2100-12", v);
        return -1;
    }
    *ym = m;
    return 0;
}

int tool_shard(hg_diag *d, const char *opt, const char *v, int *k, int *n)
{
    char a[16] = "", b[16] = "";
    const char *slash = strchr(v, '/');
    int ok = slash && slash - v < (int)sizeof a && strlen(slash + 1) < sizeof b;
    if (ok) {
        memcpy(a, v, (size_t)(slash - v));
        snprintf(b, sizeof b, "%s", slash + 1);
        ok = all_digits(a) && all_digits(b) && strlen(a) <= 6 && strlen(b) <= 6;
    }
    if (ok) {
        *k = atoi(a);
        *n = atoi(b);
    }
    if (!ok || *n < 1 || *n > 100000 || *k < 1 || *k > *n) {
        char where[128];
        snprintf(where, sizeof where, "option %s", opt);
        hg_diag_err(d, where, "'%s' must be K/N with 1 <= K <= N, e.g. 2/8", v);
        return -1;
    }
    return 0;
}

int tool_dir(hg_diag *d, const char *opt, const char *v)
{
    if (is_dir(v)) return 0;
    char where[128];
    snprintf(where, sizeof where, "option %s", opt);
    hg_diag_err(d, where, "'%s' is not a readable directory", v);
    return -1;
}

int tool_load(hg_engine *g, const tool_inputs *in, hg_diag *d)
{
    hg_model_paths p = {in->specs, in->masters, in->official};
    return hg_engine_load(g, &p, d);
}

int tool_ncpu(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

void tool_sim_defaults(tool_sim *s)
{
    memset(s, 0, sizeof *s);
    s->ds = (hg_dataset){
        .persons = 10000, .start_ym = 202204, .months = 12, .seed = 1, .shard_k = 1, .shard_n = 1};
    s->run.threads = tool_ncpu();
}

int tool_sim_option(int c, const char *arg, tool_sim *s, tool_inputs *in, hg_diag *d)
{
    switch (c) {
    case TO_PERSONS:
        tool_u64(d, "--persons", arg, 1, 1000000000, &s->ds.persons);
        return 1;
    case TO_START:
        tool_month(d, "--start", arg, &s->ds.start_ym);
        return 1;
    case TO_MONTHS:
        tool_int(d, "--months", arg, 1, 240, &s->ds.months);
        return 1;
    case TO_SEED:
        tool_u64(d, "--seed", arg, 0, UINT64_MAX, &s->ds.seed);
        return 1;
    case TO_THREADS:
        tool_int(d, "--threads", arg, 1, 256, &s->run.threads);
        return 1;
    case TO_SPECS:
        in->specs = arg;
        return 1;
    case TO_MASTERS:
        in->masters = arg;
        return 1;
    case TO_OFFICIAL:
        in->official = arg;
        return 1;
    case TO_QUIET:
        s->quiet = 1;
        return 1;
    case TO_CHUNK:
        tool_int(d, "--chunk", arg, 1, 1000000, &s->run.chunk);
        return 1;
    default:
        return 0;
    }
}

int tool_engine(hg_engine *g, tool_inputs *in, hg_diag *d)
{
    memset(g, 0, sizeof *g);
    tool_dir(d, "--specs", in->specs);
    tool_dir(d, "--masters", in->masters);
    if (in->official) tool_dir(d, "--official-masters", in->official);
    if (d->nerrors || tool_load(g, in, d)) {
        fprintf(stderr, "hicgen: %d problem(s); nothing was done\n", d->nerrors);
        return -1;
    }
    return 0;
}

/* Set by the signal handler: lock-free, so a store from a handler is safe. */
static atomic_int cancel;
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the cancellation flag must be lock-free");

static void on_signal(int sig)
{
    (void)sig;
    atomic_store(&cancel, 1);
}

const atomic_int *tool_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    return &cancel;
}

int tool_repeated(hg_diag *d, const char *where, const struct option *opts, int li,
                  unsigned char *seen, size_t n)
{
    if (li < 0 || (size_t)li >= n) return 0;
    if (!seen[li]++) return 0;
    if (seen[li] == 2)
        hg_diag_err(d, where, "option --%s is given more than once; give it once", opts[li].name);
    return 1;
}

int tool_run(const tool_cmd *cmd, void *ctx, tool_sim *sim, tool_inputs *in, int argc, char **argv)
{
    hg_diag d;
    hg_diag_init(&d, stderr);
    char where[64];
    snprintf(where, sizeof where, "hicgen %s", cmd->name);
    opterr = 0;
    optind = 1;
    int c, li = 0;
    unsigned char seen[128] = {0};
    while ((c = getopt_long(argc, argv, "", cmd->opts, &li)) != -1) {
        if (c != '?' && c != ':' && tool_repeated(&d, where, cmd->opts, li, seen, sizeof seen))
            continue;
        if (c == TO_HELP) {
            cmd->help(stdout);
            hg_diag_free(&d);
            return HG_OK;
        }
        if (c != '?' && c != ':' && cmd->option(ctx, c, optarg, cmd->opts[li].name, &d)) continue;
        if (tool_sim_option(c, optarg, sim, in, &d)) continue;
        hg_diag_err(&d, where, "unknown or incomplete option '%s'; see 'hicgen %s --help'",
                    argv[optind - 1], cmd->name);
    }
    if (optind < argc)
        hg_diag_err(&d, where, "unexpected argument '%s'; see 'hicgen %s --help'", argv[optind],
                    cmd->name);
    if (!d.nerrors && cmd->check) cmd->check(ctx, &d);
    if (d.nerrors) {
        hg_diag_free(&d);
        return HG_ERR_INPUT;
    }
    hg_engine g;
    int status = HG_ERR_INPUT;
    /* signals first: an interrupt while the specs and masters load (seconds under a sanitizer)
     * must stop the run, not be lost (a background job of a script starts with SIGINT ignored,
     * so a signal that came before the handler was simply dropped) */
    sim->run.cancel = tool_signals();
    if (!tool_engine(&g, in, &d)) {
        tool_display_init(&sim->display, cmd->name, sim->quiet);
        sim->run.on_event = tool_display_event;
        sim->run.ctx = &sim->display;
        status = cmd->run(ctx, &g, &d);
    }
    hg_engine_free(&g);
    hg_diag_free(&d);
    return status;
}
