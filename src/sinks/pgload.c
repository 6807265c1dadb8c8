/* hicgen — `load`: see pgload.h for the protocol (staging schema, parallel COPY, keys,
 * manifest, swap in one transaction, keep K generations, advisory lock). */
#include "hicgen/pgload.h"
#include "hicgen/sqlname.h"

#include "hicgen/fsutil.h"
#include "hicgen/hash.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libpq-fe.h>
#include <openssl/evp.h>
#include "hicgen/alloc.h"
#include "hicgen/emit.h"
#include "hicgen/produce.h"

/* A COPY job is cut when a table's buffered rows reach this size. Measured with 30,000
 * persons on 2 CPUs: 256 KB to 1 MB load equally fast (8.8-9.9 s), 4 MB is no faster and
 * doubles the peak memory (190-200 MB against 95 MB), because every table buffers up to this
 * much before its COPY. */
#define COPY_BATCH (1u << 20)
/* Dropping an old generation waits at most this many seconds for readers still using it;
 * then it is left (status kept) for the next run, and the load still succeeds. */
#define DROP_LOCK_TIMEOUT 30
#define STR_(x)           #x
#define STR(x)            STR_(x)
/* COPY data is sent in pieces of this size, so an interrupt is seen quickly. */
#define COPY_PIECE (256u << 10)

typedef struct job {
    int table;   /* COPY into this table, or -1 */
    hg_buf data; /* CSV rows */
    uint64_t rows;
    char *sql; /* or run these statements */
} job;

typedef struct loader {
    hg_engine *g;
    const hg_loadopts *o;
    hg_diag *d;
    char live[64], stage[128];
    char qlive[80], qstage[160]; /* the same as quoted identifiers */
    long long gen;
    PGconn *ctl;
    int nconns;
    PGconn **conns;
    PGcancel **cancels;
    pthread_t *th;
    int started;
    /* job queue */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    job *q;
    int qcap, qhead, qlen, busy, closed;
    int failed;
    char error[4096];
    /* per table */
    hg_buf *acc;
    uint64_t *accrows;
    uint64_t *loaded; /* rows the server confirmed (under mu) */
    hg_tableout *outs;
    EVP_MD_CTX **md;
    /* progress */
    double t0, t_load, t_keys;
    uint64_t persons_done, persons_total;
    const char **names;    /* per table */
    uint64_t *produced;    /* per table: rows produced (for events) */
    uint64_t *loaded_snap; /* per table: rows confirmed (a copy taken under mu) */
    int keys_done, keys_total;
} loader;

/* ---- messages ---- */

#define logf_(L, ...) hg_tell(&(L)->o->run, HG_EV_LOG, "load", __VA_ARGS__)

/* libpq messages end in a newline and may span lines; one line reads better in a log. */
static void pq_msg(char *out, size_t n, const char *msg)
{
    snprintf(out, n, "%s", msg && *msg ? msg : "(no message from the server)");
    for (char *p = out; *p; p++)
        if (*p == '\n' || *p == '\t') *p = ' ';
    size_t l = strlen(out);
    while (l && out[l - 1] == ' ') out[--l] = '\0';
}

static void fail(loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(loader *L, const char *fmt, ...)
{
    pthread_mutex_lock(&L->mu);
    if (!L->failed) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(L->error, sizeof L->error, fmt, ap);
        va_end(ap);
        L->failed = 1;
    }
    pthread_cond_broadcast(&L->cv);
    pthread_mutex_unlock(&L->mu);
}

/* The status of a run that stopped: interrupted, or a failure already recorded. */
static int stopped(loader *L)
{
    return hg_cancelled(&L->o->run) ? HG_ERR_INTERRUPTED : HG_ERR_RUNTIME;
}

static int failed(loader *L)
{
    pthread_mutex_lock(&L->mu);
    int f = L->failed;
    pthread_mutex_unlock(&L->mu);
    return f;
}

/* ---- checks without a server ---- */

/* Whether name is one of the schemas hicgen makes for the live schema live (any live schema
 * when live is NULL): "<live>_gen_<N>" (a kept generation) or "<live>_loading_<N>" (staging);
 * N goes into gen. Names read back from the database are used only if they pass. */
static int generation_of(const char *name, const char *live, long long *gen)
{
    static const char *const tags[] = {"_gen_", "_loading_"};
    size_t n = strlen(name);
    for (int t = 0; t < 2; t++) {
        const char *tag = tags[t];
        size_t tl = strlen(tag);
        for (size_t i = 1; i + tl < n; i++) {
            if (strncmp(name + i, tag, tl) != 0) continue;
            if (live && (strlen(live) != i || strncmp(name, live, i) != 0)) continue;
            const char *num = name + i + tl;
            size_t k = 0;
            while (num[k] >= '0' && num[k] <= '9') k++;
            if (k == 0 || k > 18 || num[k] || num[0] == '0') continue;
            *gen = atoll(num);
            return 1;
        }
    }
    return 0;
}

int hg_load_check_schema(const char *name, char *err, size_t errn)
{
    size_t n = strlen(name);
    int ok = n > 0 && n <= 32 && name[0] >= 'a' && name[0] <= 'z';
    for (size_t i = 0; ok && i < n; i++)
        ok = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
             name[i] == '_';
    if (!ok) {
        snprintf(err, errn,
                 "'%s' is not usable: a schema name here is 1-32 lower-case letters, digits and "
                 "_, starting with a letter",
                 name);
        return -1;
    }
    if (!strncmp(name, "pg_", 3) || !strcmp(name, "public") ||
        !strcmp(name, "information_schema") || !strcmp(name, "hicgen_meta") ||
        hg_sql_reserved(name)) {
        snprintf(err, errn,
                 "'%s' is reserved (system schema, public, hicgen's own hicgen_meta, or a word "
                 "PostgreSQL reserves); choose another --schema",
                 name);
        return -1;
    }
    long long gen;
    if (generation_of(name, NULL, &gen)) {
        snprintf(err, errn,
                 "'%s' has the form of hicgen's own schema names (NAME_gen_N for kept "
                 "generations, NAME_loading_N while loading); choose another --schema",
                 name);
        return -1;
    }
    return 0;
}

int hg_load_check_conninfo(const char *conninfo, char *err, size_t errn)
{
    if (!conninfo || !*conninfo) return 0;
    char *msg = NULL;
    PQconninfoOption *opts = PQconninfoParse(conninfo, &msg);
    if (!opts) {
        char m[1024];
        pq_msg(m, sizeof m, msg ? msg : "out of memory");
        snprintf(err, errn, "not a valid conninfo string or URI: %s", m);
        PQfreemem(msg);
        return -1;
    }
    int pw = 0;
    for (PQconninfoOption *p = opts; p->keyword; p++)
        if (!strcmp(p->keyword, "password") && p->val && *p->val) pw = 1;
    PQconninfoFree(opts);
    if (pw) {
        snprintf(err, errn,
                 "contains a password, which every user of this machine could read in the "
                 "process list; put it in ~/.pgpass (or PGPASSFILE) instead");
        return -1;
    }
    return 0;
}

/* ---- connections ---- */

/* One statement, or one with text parameters, whose failure is only described in m (the
 * caller decides what it means). Returns 0 or -1. */
static int params_quiet(PGconn *c, const char *sql, int nparams, const char *const *params, char *m,
                        size_t mn)
{
    PGresult *r = PQexecParams(c, sql, nparams, NULL, params, NULL, NULL, 0);
    int st = PQresultStatus(r), rc = 0;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        pq_msg(m, mn, PQerrorMessage(c));
        rc = -1;
    }
    PQclear(r);
    return rc;
}

static int exec_quiet(PGconn *c, const char *sql, char *m, size_t mn)
{
    return params_quiet(c, sql, 0, NULL, m, mn);
}

static void noop_notice(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

static PGconn *connect_db(loader *L, const char *role)
{
    const char *keys[] = {"dbname", "fallback_application_name", NULL};
    char app[64];
    snprintf(app, sizeof app, "hicgen load %s", role);
    const char *vals[] = {L->o->conninfo && *L->o->conninfo ? L->o->conninfo : NULL, app, NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        char m[2048];
        pq_msg(m, sizeof m, c ? PQerrorMessage(c) : "out of memory");
        fail(L, "cannot connect to the database: %s (check --db, the PG* variables and ~/.pgpass)",
             m);
        if (c) PQfinish(c);
        return NULL;
    }
    /* the server's notices (NOTICE: ... does not exist, skipping) are noise here */
    PQsetNoticeProcessor(c, noop_notice, NULL);
    /* the data and the DDL are UTF-8, and string literals are read the standard way whatever
     * the server's or the role's defaults (a backslash is then never an escape) */
    char m[2048];
    if (PQsetClientEncoding(c, "UTF8") != 0 ||
        exec_quiet(c, "SET standard_conforming_strings = on", m, sizeof m)) {
        if (PQsetClientEncoding(c, "UTF8") != 0) pq_msg(m, sizeof m, PQerrorMessage(c));
        fail(L, "cannot set up the session: %s", m);
        PQfinish(c);
        return NULL;
    }
    return c;
}

/* Runs statements (no result rows wanted). Returns 0, or -1 with the failure recorded. */
static int exec(loader *L, PGconn *c, const char *what, const char *sql)
{
    PGresult *r = PQexec(c, sql);
    int st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        char m[2048];
        pq_msg(m, sizeof m, PQerrorMessage(c));
        fail(L, "%s: %s", what, m);
        PQclear(r);
        return -1;
    }
    PQclear(r);
    return 0;
}

/* A statement with text parameters; the first value of its result (if any) is copied into
 * out when out is not NULL. Returns 0, or -1 with the failure recorded. */
static int query1(loader *L, PGconn *c, const char *what, const char *sql, int nparams,
                  const char *const *params, char *out, size_t outn)
{
    PGresult *r = PQexecParams(c, sql, nparams, NULL, params, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
        char m[2048];
        pq_msg(m, sizeof m, PQerrorMessage(c));
        fail(L, "%s: %s", what, m);
        PQclear(r);
        return -1;
    }
    if (out) snprintf(out, outn, "%s", PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "");
    PQclear(r);
    return 0;
}

/* ---- loader threads ---- */

static int run_copy(loader *L, PGconn *c, const job *j)
{
    const char *tname = L->g->specs.tables[j->table].name;
    char sql[256], m[2048];
    snprintf(sql, sizeof sql, "COPY %s FROM STDIN (FORMAT csv)", tname);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        pq_msg(m, sizeof m, PQerrorMessage(c));
        fail(L, "table %s: COPY did not start: %s", tname, m);
        PQclear(r);
        return -1;
    }
    PQclear(r);
    int ok = 1;
    for (size_t off = 0; off < j->data.len && ok; off += COPY_PIECE) {
        if (hg_cancelled(&L->o->run) || failed(L)) {
            PQputCopyEnd(c, "hicgen load stopped");
            ok = 0;
            break;
        }
        size_t n = j->data.len - off < COPY_PIECE ? j->data.len - off : COPY_PIECE;
        if (PQputCopyData(c, j->data.p + off, (int)n) != 1) ok = 0;
    }
    if (ok && PQputCopyEnd(c, NULL) != 1) ok = 0;
    int rc = ok ? 0 : -1;
    while ((r = PQgetResult(c))) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK)
            rc = -1;
        else if (strtoull(PQcmdTuples(r), NULL, 10) != j->rows) {
            fail(L, "table %s: the server took %s rows of %llu", tname, PQcmdTuples(r),
                 (unsigned long long)j->rows);
            rc = -1;
        }
        PQclear(r);
    }
    if (rc && !hg_cancelled(&L->o->run)) {
        pq_msg(m, sizeof m, PQerrorMessage(c));
        fail(L, "table %s: COPY failed: %s", tname, m);
    }
    return rc;
}

typedef struct thread_arg {
    loader *L;
    int i;
} thread_arg;

static void *loader_thread(void *arg)
{
    thread_arg *a = arg;
    loader *L = a->L;
    PGconn *c = L->conns[a->i];
    for (;;) {
        pthread_mutex_lock(&L->mu);
        while (!L->qlen && !L->closed && !L->failed) pthread_cond_wait(&L->cv, &L->mu);
        if (L->failed || !L->qlen) {
            pthread_mutex_unlock(&L->mu);
            break;
        }
        job j = L->q[L->qhead];
        L->qhead = (L->qhead + 1) % L->qcap;
        L->qlen--;
        L->busy++;
        pthread_cond_broadcast(&L->cv);
        pthread_mutex_unlock(&L->mu);

        int rc;
        if (j.table >= 0)
            rc = run_copy(L, c, &j);
        else
            rc = exec(L, c, "adding keys and indexes", j.sql);
        pthread_mutex_lock(&L->mu);
        L->busy--;
        if (!rc && j.table >= 0) L->loaded[j.table] += j.rows;
        if (!rc && j.table < 0) L->keys_done++;
        pthread_cond_broadcast(&L->cv);
        pthread_mutex_unlock(&L->mu);
        hg_buf_free(&j.data);
        free(j.sql);
        if (rc) break;
    }
    free(a);
    return NULL;
}

/* Cancels whatever the loader connections are doing (an index build, a COPY). */
static void cancel_all(loader *L)
{
    char buf[256];
    for (int i = 0; i < L->nconns; i++)
        if (L->cancels[i]) PQcancel(L->cancels[i], buf, sizeof buf);
}

/* Queues a job, waiting while the queue is full. Returns 0, or -1 on failure or interrupt
 * (the job is then freed). */
static int enqueue(loader *L, job *j)
{
    pthread_mutex_lock(&L->mu);
    while (L->qlen == L->qcap && !L->failed && !hg_cancelled(&L->o->run)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 200000000;
        if (ts.tv_nsec >= 1000000000) ts.tv_sec++, ts.tv_nsec -= 1000000000;
        pthread_cond_timedwait(&L->cv, &L->mu, &ts);
    }
    if (L->failed || hg_cancelled(&L->o->run)) {
        pthread_mutex_unlock(&L->mu);
        hg_buf_free(&j->data);
        free(j->sql);
        return -1;
    }
    L->q[(L->qhead + L->qlen) % L->qcap] = *j;
    L->qlen++;
    pthread_cond_broadcast(&L->cv);
    pthread_mutex_unlock(&L->mu);
    return 0;
}

/* Waits until every queued job is done. Returns 0, or -1 on failure or interrupt (running
 * statements are then cancelled). */
static int drain(loader *L, void (*show)(loader *))
{
    pthread_mutex_lock(&L->mu);
    while ((L->qlen || L->busy) && !L->failed && !hg_cancelled(&L->o->run)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 200000000;
        if (ts.tv_nsec >= 1000000000) ts.tv_sec++, ts.tv_nsec -= 1000000000;
        pthread_cond_timedwait(&L->cv, &L->mu, &ts);
        if (show) {
            pthread_mutex_unlock(&L->mu);
            show(L);
            pthread_mutex_lock(&L->mu);
        }
    }
    int rc = L->failed || hg_cancelled(&L->o->run) ? -1 : 0;
    pthread_mutex_unlock(&L->mu);
    if (rc) cancel_all(L);
    return rc;
}

static int flush_table(loader *L, int t)
{
    if (!L->accrows[t]) return 0;
    job j = {.table = t, .data = L->acc[t], .rows = L->accrows[t]};
    memset(&L->acc[t], 0, sizeof L->acc[t]);
    L->accrows[t] = 0;
    return enqueue(L, &j);
}

/* ---- progress ---- */

/* Reports the load's progress: persons generated, and rows produced and confirmed per table.
 * The caller's display decides how often to draw. */
static void show_progress(loader *L)
{
    const hg_specset *s = &L->g->specs;
    pthread_mutex_lock(&L->mu);
    memcpy(L->loaded_snap, L->loaded, (size_t)s->ntables * sizeof *L->loaded_snap);
    pthread_mutex_unlock(&L->mu);
    for (int i = 0; i < s->ntables; i++) L->produced[i] = L->outs[i].rows;
    hg_event ev = {.kind = HG_EV_PROGRESS,
                   .phase = "load",
                   .done = L->persons_done,
                   .total = L->persons_total,
                   .elapsed = hg_now() - L->t0,
                   .ntables = s->ntables,
                   .table = L->names,
                   .produced = L->produced,
                   .loaded = L->loaded_snap};
    hg_notify(&L->o->run, &ev);
}

static void show_keys(loader *L)
{
    pthread_mutex_lock(&L->mu);
    int done = L->keys_done;
    pthread_mutex_unlock(&L->mu);
    hg_event ev = {.kind = HG_EV_PROGRESS,
                   .phase = "keys",
                   .done = (uint64_t)done,
                   .total = (uint64_t)L->keys_total,
                   .elapsed = hg_now() - L->t0};
    hg_notify(&L->o->run, &ev);
}

/* ---- the sink ---- */

static int sink_part(void *ctx, int t, const hg_buf *data, uint64_t rows)
{
    loader *L = ctx;
    hg_buf_put(&L->acc[t], data->p, data->len);
    L->accrows[t] += rows;
    L->outs[t].rows += rows;
    L->outs[t].bytes += data->len;
    EVP_DigestUpdate(L->md[t], data->p, data->len);
    if (L->acc[t].len >= COPY_BATCH) return flush_table(L, t);
    return failed(L) ? -1 : 0;
}

static void sink_tick(void *ctx, uint64_t done, uint64_t total)
{
    loader *L = ctx;
    L->persons_done = done;
    L->persons_total = total;
    show_progress(L);
}

/* ---- the protocol ---- */

static const char META_SQL[] =
    "SELECT pg_advisory_xact_lock(hashtext('hicgen meta'));\n"
    "CREATE SCHEMA IF NOT EXISTS hicgen_meta;\n"
    "CREATE TABLE IF NOT EXISTS hicgen_meta.generations (\n"
    "    generation bigserial PRIMARY KEY,\n"
    "    live_schema text NOT NULL,\n"
    "    schema_name text NOT NULL,\n"
    "    status text NOT NULL CHECK (status IN ('loading', 'live', 'kept', 'dropped', "
    "'failed')),\n"
    "    version text NOT NULL,\n"
    "    persons bigint NOT NULL,\n"
    "    seed numeric NOT NULL,\n"
    "    started_at timestamptz NOT NULL DEFAULT now(),\n"
    "    finished_at timestamptz,\n"
    "    rows bigint,\n"
    "    seconds double precision,\n"
    "    message text,\n"
    "    manifest jsonb);\n"
    "COMMENT ON TABLE hicgen_meta.generations IS 'hicgen load: one row per run. status: loading "
    "(running, or abandoned until the next run cleans it), live, kept (an old generation), "
    "dropped, failed';\n";

/* Drops the schemas of the generations of this live schema that have status `from` (newest
 * first, skipping the first `skip`), setting their status with `set`. Errors go to err (a
 * message naming the schema); returns the number of failures. */
static int drop_generations(loader *L, const char *from, int skip, const char *set,
                            const char *done, char *err, size_t errn)
{
    char sk[16];
    snprintf(sk, sizeof sk, "%d", skip);
    const char *p[3] = {L->live, from, sk};
    PGresult *r = PQexecParams(L->ctl,
                               "SELECT generation, schema_name FROM hicgen_meta.generations "
                               "WHERE live_schema = $1 AND status = $2 ORDER BY generation DESC "
                               "OFFSET $3::int",
                               3, NULL, p, NULL, NULL, 0);
    char m[2048];
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        pq_msg(m, sizeof m, PQerrorMessage(L->ctl));
        snprintf(err, errn, "reading hicgen_meta.generations: %s", m);
        PQclear(r);
        return 1;
    }
    int bad = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        const char *gen = PQgetvalue(r, i, 0), *name = PQgetvalue(r, i, 1);
        long long g;
        char qname[160], drop[256], upd[512];
        /* a row hicgen did not write (anyone with INSERT on the table could add one) names
         * nothing hicgen drops: only its own schema names of this live schema are used */
        if (!generation_of(name, L->live, &g) || hg_sql_quote_ident(qname, sizeof qname, name)) {
            /* (an empty name: a run that stopped before it named its staging schema) */
            if (*name)
                hg_tell(&L->o->run, HG_EV_WARNING, "load",
                        "hicgen_meta.generations row %s names schema '%.80s', which is not one "
                        "hicgen makes for %s: the schema is left alone and the row marked failed",
                        gen, name, L->live);
            const char *gp[1] = {gen};
            params_quiet(L->ctl,
                         "UPDATE hicgen_meta.generations SET status = 'failed', finished_at = "
                         "coalesce(finished_at, now()), message = 'no schema of hicgen''s to "
                         "drop: left alone' WHERE generation = $1::bigint",
                         1, gp, m, sizeof m);
            continue;
        }
        snprintf(drop, sizeof drop, "DROP SCHEMA IF EXISTS %s CASCADE", qname);
        snprintf(upd, sizeof upd,
                 "UPDATE hicgen_meta.generations SET %s WHERE generation = $1::bigint", set);
        const char *gp[1] = {gen};
        int ok = !exec_quiet(L->ctl, "BEGIN", m, sizeof m) &&
                 !exec_quiet(L->ctl, "SET LOCAL lock_timeout = '" STR(DROP_LOCK_TIMEOUT) " s'", m,
                             sizeof m) &&
                 !exec_quiet(L->ctl, drop, m, sizeof m) &&
                 !params_quiet(L->ctl, upd, 1, gp, m, sizeof m) &&
                 !exec_quiet(L->ctl, "COMMIT", m, sizeof m);
        if (!ok) {
            snprintf(err, errn, "cannot drop %s: %s", name, m);
            PQclear(PQexec(L->ctl, "ROLLBACK"));
            bad++;
        } else
            logf_(L, "dropped %s, %s", name, done);
    }
    PQclear(r);
    return bad;
}

/* Drops staging schemas of runs that died without cleaning up (killed, server restarted).
 * Safe: we hold the advisory lock, so no other run of this live schema is active. */
static int clean_abandoned(loader *L)
{
    char err[2600];
    if (!drop_generations(L, "loading", 0,
                          "status = 'failed', finished_at = coalesce(finished_at, now()), "
                          "message = coalesce(message, 'abandoned: the run stopped before "
                          "finishing')",
                          "left by an earlier run that did not finish", err, sizeof err))
        return 0;
    fail(L, "removing an abandoned staging schema: %s", err);
    return -1;
}

/* The live schema, if it exists, must be one of ours: its generation number, 0 when there is
 * none, -1 when it is not ours (nothing the user had is touched). */
static long long live_generation(loader *L)
{
    const char *p[1] = {L->live};
    char v[64];
    if (query1(L, L->ctl, "inspecting the live schema",
               "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) "
               "THEN '0' WHEN to_regclass(quote_ident($1) || '.hicgen_manifest') IS NULL THEN "
               "'-1' ELSE '?' END",
               1, p, v, sizeof v))
        return -2;
    if (strcmp(v, "?")) return atoll(v);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT max(generation) FROM %s.hicgen_manifest", L->qlive);
    if (query1(L, L->ctl, "reading the live schema's hicgen_manifest", sql, 0, NULL, v, sizeof v))
        return -2;
    return *v ? atoll(v) : -1;
}

static int create_stage(loader *L)
{
    hg_buf b = {0};
    hg_buf_printf(&b, "BEGIN;\nCREATE SCHEMA %s;\nSET LOCAL search_path TO %s;\n", L->qstage,
                  L->qstage);
    hg_write_schema(&b, &L->g->specs);
    hg_buf_puts(&b,
                "CREATE TABLE hicgen_manifest (\n    generation bigint PRIMARY KEY,\n"
                "    version text NOT NULL,\n    loaded_at timestamptz NOT NULL,\n"
                "    rows bigint NOT NULL,\n    manifest jsonb NOT NULL);\n"
                "COMMENT ON TABLE hicgen_manifest IS 'hicgen: what this schema holds: FICTITIOUS "
                "data; the manifest lists the options, inputs (SHA-256) and every table''s rows "
                "and the SHA-256 of its CSV form';\nCOMMIT;\n");
    int rc = exec(L, L->ctl, "creating the staging schema", b.p);
    hg_buf_free(&b);
    return rc;
}

static int open_loaders(loader *L)
{
    L->conns = hg_xcalloc((size_t)L->nconns, sizeof *L->conns);
    L->cancels = hg_xcalloc((size_t)L->nconns, sizeof *L->cancels);
    L->th = hg_xcalloc((size_t)L->nconns, sizeof *L->th);
    char sql[200];
    snprintf(sql, sizeof sql, "SET search_path TO %s", L->qstage);
    for (int i = 0; i < L->nconns; i++) {
        if (!(L->conns[i] = connect_db(L, "copy"))) return -1;
        L->cancels[i] = PQgetCancel(L->conns[i]);
        if (exec(L, L->conns[i], "setting the search path", sql)) return -1;
    }
    for (; L->started < L->nconns; L->started++) {
        thread_arg *a = hg_xmalloc(sizeof *a);
        a->L = L;
        a->i = L->started;
        if (pthread_create(&L->th[L->started], NULL, loader_thread, a) != 0) {
            free(a);
            fail(L, "cannot start loader threads");
            return -1;
        }
    }
    return 0;
}

static void stop_loaders(loader *L)
{
    pthread_mutex_lock(&L->mu);
    L->closed = 1;
    pthread_cond_broadcast(&L->cv);
    pthread_mutex_unlock(&L->mu);
    for (int i = 0; i < L->started; i++) pthread_join(L->th[i], NULL);
    L->started = 0;
    while (L->qlen) {
        job *j = &L->q[L->qhead];
        hg_buf_free(&j->data);
        free(j->sql);
        L->qhead = (L->qhead + 1) % L->qcap;
        L->qlen--;
    }
}

/* Keys, indexes and ANALYZE of every table, largest first, spread over the connections. */
static int add_keys(loader *L)
{
    const hg_specset *s = &L->g->specs;
    int *order = hg_xmalloc((size_t)s->ntables * sizeof *order);
    for (int i = 0; i < s->ntables; i++) order[i] = i;
    for (int i = 1; i < s->ntables; i++)
        for (int k = i; k > 0 && L->outs[order[k]].bytes > L->outs[order[k - 1]].bytes; k--) {
            int x = order[k];
            order[k] = order[k - 1];
            order[k - 1] = x;
        }
    L->keys_total = s->ntables;
    int rc = 0;
    for (int i = 0; i < s->ntables && !rc; i++) {
        hg_buf b = {0};
        hg_write_keys(&b, &s->tables[order[i]]);
        hg_buf_printf(&b, "ANALYZE %s;\n", s->tables[order[i]].name);
        job j = {.table = -1, .sql = b.p};
        rc = enqueue(L, &j);
    }
    free(order);
    if (!rc) rc = drain(L, show_keys);
    return rc;
}

static int swap_in(loader *L, long long oldgen, const hg_buf *manifest, uint64_t rows, double secs)
{
    char gen[32], rowss[32], sec[32], old[96], qold[128], ogen[32];
    snprintf(gen, sizeof gen, "%lld", L->gen);
    snprintf(ogen, sizeof ogen, "%lld", oldgen);
    snprintf(rowss, sizeof rowss, "%llu", (unsigned long long)rows);
    snprintf(sec, sizeof sec, "%.3f", secs);
    snprintf(old, sizeof old, "%s_gen_%lld", L->live, oldgen);
    hg_sql_quote_ident(qold, sizeof qold, old);
    hg_buf b = {0};
    hg_buf_printf(&b,
                  "INSERT INTO %s.hicgen_manifest VALUES ($1::bigint, '" HICGEN_VERSION
                  "', now(), $2::bigint, $3::jsonb)",
                  L->qstage);
    const char *p[5] = {gen, rowss, manifest->p, sec, L->live};
    int rc = exec(L, L->ctl, "starting the swap", "BEGIN");
    if (!rc) rc = query1(L, L->ctl, "recording the manifest", b.p, 3, p, NULL, 0);
    hg_buf_clear(&b);
    if (!rc && oldgen > 0) {
        hg_buf_printf(&b, "ALTER SCHEMA %s RENAME TO %s", L->qlive, qold);
        rc = exec(L, L->ctl, "moving the live schema aside", b.p);
        hg_buf_clear(&b);
        const char *kp[2] = {old, ogen};
        if (!rc)
            rc = query1(L, L->ctl, "moving the live schema aside",
                        "UPDATE hicgen_meta.generations SET status = 'kept', schema_name = $1 "
                        "WHERE generation = $2::bigint",
                        2, kp, NULL, 0);
    }
    if (!rc) {
        hg_buf_printf(&b, "ALTER SCHEMA %s RENAME TO %s", L->qstage, L->qlive);
        rc = exec(L, L->ctl, "renaming the new schema into place", b.p);
    }
    if (!rc)
        rc = query1(L, L->ctl, "recording the generation",
                    "UPDATE hicgen_meta.generations SET status = 'live', schema_name = $5, "
                    "finished_at = now(), rows = $2::bigint, seconds = $4::double precision, "
                    "manifest = $3::jsonb WHERE generation = $1::bigint",
                    5, p, NULL, 0);
    /* the instant readers switch: nothing before this COMMIT is visible to them */
    if (!rc && hg_cancelled(&L->o->run)) rc = -1;
    if (!rc) rc = exec(L, L->ctl, "committing the swap", "COMMIT");
    if (rc) PQclear(PQexec(L->ctl, "ROLLBACK"));
    hg_buf_free(&b);
    return rc;
}

/* Drops old generations beyond --keep. A failure here is reported, but the new data is live. */
static void drop_old(loader *L)
{
    char err[2600], done[64];
    snprintf(done, sizeof done, "an old generation beyond --keep %d", L->o->keep);
    if (drop_generations(L, "kept", L->o->keep - 1, "status = 'dropped'", done, err, sizeof err))
        hg_tell(&L->o->run, HG_EV_WARNING, "load", "%s", err);
}

/* After a failure: the live schema was never touched; remove the staging schema and record
 * the failure. The control connection may be gone (terminated, server restarted): one new
 * connection is tried; if that fails too, the next run removes the staging schema. */
static void cleanup_failed(loader *L, const char *why)
{
    if (!L->gen) return;
    if (L->ctl && PQstatus(L->ctl) == CONNECTION_OK && PQtransactionStatus(L->ctl) != PQTRANS_IDLE)
        PQclear(PQexec(L->ctl, "ROLLBACK"));
    if (L->ctl && PQstatus(L->ctl) != CONNECTION_OK) PQreset(L->ctl);
    int ok = L->ctl && PQstatus(L->ctl) == CONNECTION_OK;
    char sql[256], gen[32];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE", L->qstage);
    snprintf(gen, sizeof gen, "%lld", L->gen);
    const char *p[2] = {gen, why};
    /* the run has already failed: these record nothing over its first error */
    ok = ok && !exec(L, L->ctl, "cleaning up", "BEGIN") && !exec(L, L->ctl, "cleaning up", sql) &&
         !query1(L, L->ctl, "cleaning up",
                 "UPDATE hicgen_meta.generations SET status = 'failed', finished_at = now(), "
                 "message = $2 WHERE generation = $1::bigint",
                 2, p, NULL, 0) &&
         !exec(L, L->ctl, "cleaning up", "COMMIT");
    if (!ok)
        hg_tell(&L->o->run, HG_EV_WARNING, "load",
                "the staging schema %s could not be removed now; the next run removes it. The "
                "live schema %s is unchanged.",
                L->stage, L->live);
    else
        logf_(L, "removed the staging schema %s; the live schema %s is unchanged", L->stage,
              L->live);
}

static void summary(loader *L, double total)
{
    const hg_specset *s = &L->g->specs;
    uint64_t *bytes = hg_xcalloc((size_t)s->ntables + 1, sizeof *bytes);
    for (int t = 0; t < s->ntables; t++) {
        L->produced[t] = L->outs[t].rows;
        bytes[t] = L->outs[t].bytes;
    }
    hg_summary sum = {.where = L->live,
                      .ntables = s->ntables,
                      .table = L->names,
                      .rows = L->produced,
                      .bytes = bytes,
                      .seconds = total,
                      .load_seconds = L->t_load - L->t0,
                      .keys_seconds = L->t_keys - L->t_load,
                      .generation = L->gen};
    hg_event ev = {.kind = HG_EV_SUMMARY, .phase = "load", .summary = &sum};
    hg_notify(&L->o->run, &ev);
    free(bytes);
}

/* Takes the advisory lock, creates hicgen_meta, removes what an abandoned run left and checks
 * the live schema is ours. Returns HG_OK, or an HG_* status with the failure recorded; *oldgen
 * gets the live generation (0 when there is none). */
static int prepare(loader *L, long long *oldgen)
{
    if (!(L->ctl = connect_db(L, "control"))) return HG_ERR_RUNTIME;
    logf_(L, "connected to %s:%s database %s as %s", PQhost(L->ctl), PQport(L->ctl), PQdb(L->ctl),
          PQuser(L->ctl));
    char v[64];
    const char *lp[1] = {L->live};
    if (query1(L, L->ctl, "taking the advisory lock",
               "SELECT pg_try_advisory_lock(hashtext('hicgen load'), hashtext($1))", 1, lp, v,
               sizeof v))
        return HG_ERR_RUNTIME;
    if (strcmp(v, "t")) {
        fail(L,
             "another hicgen load into schema %s is running on this database; nothing was "
             "changed (try again when it has finished)",
             L->live);
        return HG_ERR_BUSY;
    }
    if (exec(L, L->ctl, "creating hicgen_meta", "BEGIN") ||
        exec(L, L->ctl, "creating hicgen_meta", META_SQL) ||
        exec(L, L->ctl, "creating hicgen_meta", "COMMIT"))
        return HG_ERR_RUNTIME;
    if (clean_abandoned(L)) return HG_ERR_RUNTIME;
    *oldgen = live_generation(L);
    if (*oldgen == -2) return HG_ERR_RUNTIME;
    if (*oldgen == -1) {
        fail(L,
             "schema %s exists but was not made by hicgen load (it has no hicgen_manifest "
             "table); it is left alone: choose another --schema, or drop it yourself",
             L->live);
        return HG_ERR_INPUT;
    }
    return HG_OK;
}

/* Registers the run in hicgen_meta.generations and creates its staging schema. */
static int register_run(loader *L)
{
    char persons[32], seed[32], v[64];
    snprintf(persons, sizeof persons, "%llu", (unsigned long long)L->o->ds.persons);
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)L->o->ds.seed);
    const char *ip[3] = {L->live, persons, seed};
    if (query1(L, L->ctl, "registering the run",
               "INSERT INTO hicgen_meta.generations (live_schema, schema_name, status, version, "
               "persons, seed) VALUES ($1, '', 'loading', '" HICGEN_VERSION
               "', $2::bigint, $3::numeric) RETURNING generation",
               3, ip, v, sizeof v))
        return HG_ERR_RUNTIME;
    L->gen = atoll(v);
    snprintf(L->stage, sizeof L->stage, "%s_loading_%lld", L->live, L->gen);
    hg_sql_quote_ident(L->qstage, sizeof L->qstage, L->stage);
    const char *sp[2] = {L->stage, v};
    if (query1(L, L->ctl, "registering the run",
               "UPDATE hicgen_meta.generations SET schema_name = $1 WHERE generation = "
               "$2::bigint",
               2, sp, NULL, 0))
        return HG_ERR_RUNTIME;
    if (create_stage(L)) return HG_ERR_RUNTIME;
    logf_(L, "loading generation %lld into %s with %d connections", L->gen, L->stage, L->nconns);
    return HG_OK;
}

/* Generates and COPYs every table into the staging schema. */
static int copy_all(loader *L)
{
    const hg_specset *s = &L->g->specs;
    int nt = s->ntables;
    /* each table's SHA-256 covers its CSV form with the header, as `generate` writes it */
    hg_buf hdr = {0};
    for (int t = 0; t < nt; t++) {
        hg_table_file(L->outs[t].name, sizeof L->outs[t].name, &s->tables[t], 0);
        hg_buf_clear(&hdr);
        hg_csv_header(&hdr, &s->tables[t]);
        EVP_DigestUpdate(L->md[t], hdr.p, hdr.len);
        L->outs[t].bytes = hdr.len;
    }
    hg_buf_free(&hdr);
    hg_sink sink = {.part = sink_part, .tick = sink_tick, .ctx = L};
    int st = hg_produce(L->g, &L->o->ds, &L->o->run, &sink, L->d);
    for (int t = 0; t < nt && !st; t++)
        if (flush_table(L, t)) st = stopped(L);
    if (!st && drain(L, show_progress)) st = stopped(L);
    if (st) {
        cancel_all(L);
        return st;
    }
    L->persons_done = L->persons_total;
    show_progress(L);
    return HG_OK;
}

static int run(loader *L)
{
    const hg_specset *s = &L->g->specs;
    int nt = s->ntables;
    long long oldgen = 0;
    int st = prepare(L, &oldgen);
    if (!st) st = register_run(L);
    if (!st && open_loaders(L)) st = HG_ERR_RUNTIME;
    if (!st) st = copy_all(L);
    if (st) return st;
    L->t_load = hg_now();
    uint64_t rows = 0;
    for (int t = 0; t < nt; t++) rows += L->outs[t].rows;
    logf_(L, "%llu rows loaded in %.1f s; adding keys and indexes, then ANALYZE",
          (unsigned long long)rows, L->t_load - L->t0);
    if (add_keys(L)) return stopped(L);
    L->t_keys = hg_now();
    stop_loaders(L);
    for (int t = 0; t < nt; t++) {
        unsigned char dg[32];
        unsigned len;
        EVP_DigestFinal_ex(L->md[t], dg, &len);
        hg_hex(dg, 32, L->outs[t].sha256);
    }
    /* the manifest of the same data written by `generate`: the whole, not gzipped */
    hg_dataset whole = L->o->ds;
    whole.shard_k = whole.shard_n = 1;
    hg_buf man = {0};
    hg_write_manifest(&man, L->g, &whole, 0, L->outs);
    int rc = swap_in(L, oldgen, &man, rows, hg_now() - L->t0);
    hg_buf_free(&man);
    if (rc) return stopped(L);
    if (oldgen > 0)
        logf_(L, "generation %lld is live as schema %s; the previous one is now %s_gen_%lld",
              L->gen, L->live, L->live, oldgen);
    else
        logf_(L, "generation %lld is live as schema %s", L->gen, L->live);
    drop_old(L);
    summary(L, hg_now() - L->t0);
    return HG_OK;
}

int hg_load(hg_engine *g, const hg_loadopts *o, hg_diag *d)
{
    char err[1024];
    if (hg_load_check_schema(o->schema, err, sizeof err)) {
        hg_diag_err(d, "option --schema", "%s", err);
        return HG_ERR_INPUT;
    }
    if (hg_load_check_conninfo(o->conninfo, err, sizeof err)) {
        hg_diag_err(d, "option --db", "%s", err);
        return HG_ERR_INPUT;
    }
    loader L;
    memset(&L, 0, sizeof L);
    L.g = g;
    L.o = o;
    L.d = d;
    L.t0 = hg_now();
    snprintf(L.live, sizeof L.live, "%s", o->schema);
    hg_sql_quote_ident(L.qlive, sizeof L.qlive, L.live);
    L.nconns = o->jobs > 0 ? o->jobs : 1;
    L.qcap = 2 * L.nconns;
    L.q = hg_xcalloc((size_t)L.qcap, sizeof *L.q);
    pthread_mutex_init(&L.mu, NULL);
    pthread_cond_init(&L.cv, NULL);
    int nt = g->specs.ntables;
    L.acc = hg_xcalloc((size_t)nt, sizeof *L.acc);
    L.accrows = hg_xcalloc((size_t)nt, sizeof *L.accrows);
    L.loaded = hg_xcalloc((size_t)nt, sizeof *L.loaded);
    L.loaded_snap = hg_xcalloc((size_t)nt, sizeof *L.loaded_snap);
    L.produced = hg_xcalloc((size_t)nt, sizeof *L.produced);
    L.names = hg_xcalloc((size_t)nt, sizeof *L.names);
    L.outs = hg_xcalloc((size_t)nt, sizeof *L.outs);
    L.md = hg_xcalloc((size_t)nt, sizeof *L.md);
    for (int t = 0; t < nt; t++) {
        L.names[t] = g->specs.tables[t].name;
        L.md[t] = EVP_MD_CTX_new();
        if (!L.md[t]) hg_oom("SHA-256 context", 0);
        EVP_DigestInit_ex(L.md[t], EVP_sha256(), NULL);
    }

    int st = run(&L);
    if (hg_cancelled(&o->run) && st != HG_OK) st = HG_ERR_INTERRUPTED;
    stop_loaders(&L);
    if (st != HG_OK) {
        const char *why = st == HG_ERR_INTERRUPTED ? "interrupted" : L.error;
        if (st == HG_ERR_INTERRUPTED)
            hg_diag_err(d, "load", "interrupted; the live schema %s is unchanged", L.live);
        else if (L.error[0])
            hg_diag_err(d, "load", "%s%s", L.error, L.gen ? "; the live schema is unchanged" : "");
        cleanup_failed(&L, why);
    }
    for (int i = 0; i < L.nconns && L.conns; i++) {
        if (L.cancels[i]) PQfreeCancel(L.cancels[i]);
        if (L.conns[i]) PQfinish(L.conns[i]);
    }
    if (L.ctl) PQfinish(L.ctl); /* also releases the advisory lock */
    free(L.conns);
    free(L.cancels);
    free(L.th);
    for (int t = 0; t < nt; t++) {
        hg_buf_free(&L.acc[t]);
        EVP_MD_CTX_free(L.md[t]);
    }
    free(L.acc);
    free(L.accrows);
    free(L.loaded);
    free(L.loaded_snap);
    free(L.produced);
    free(L.names);
    free(L.outs);
    free(L.md);
    free(L.q);
    pthread_mutex_destroy(&L.mu);
    pthread_cond_destroy(&L.cv);
    return st;
}
