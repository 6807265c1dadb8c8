/* hicgen — 公費 on claims (see kohi.h). */
#include "families/kohi.h"

#include <stdio.h>
#include <string.h>
#include "families/claims.h"
#include "hicgen/date.h"
#include "hicgen/rng.h"

/* Does the prefecture write its child subsidy on receipts? Fixed per prefecture. */
static int local_prefecture(const hg_model *m, int pref)
{
    return hg_fixed_u(0x6b6f6869ULL * 1000003ULL + (uint64_t)pref) < m->pp.kohi_local[2];
}

unsigned hg_kohi_of(const hg_model *m, uint64_t seed, const hg_person *p, const hg_spell *s,
                    int cond, int32_t ymd, int care)
{
    unsigned mask = 0;
    if (s->type == HG_INS_SEIHO) {
        mask |= 1u << m->kohi_seiho;
    } else if (local_prefecture(m, p->pref) &&
               hg_school_year_until(p->birth, (int)m->pp.kohi_local[1], ymd)) {
        const double *k = m->pp.kohi[m->kohi_local];
        if (care != HG_CARE_IN || k[4]) mask |= 1u << m->kohi_local;
    }
    if (cond >= 0 && m->conds[cond].kohi >= 0) {
        const hg_condition *c = &m->conds[cond];
        const double *k = m->pp.kohi[c->kohi];
        int age = hg_age(p->birth, ymd);
        int setting_ok = care == HG_CARE_DENTAL ? k[5] != 0 : care == HG_CARE_IN ? k[4] != 0 : 1;
        /* the same patients hold the certificate for as long as they have the condition */
        uint64_t h = hg_mix64(seed ^ 0x4b4f4849ULL) ^ p->idx * 0x9e3779b97f4a7c15ULL;
        if (setting_ok && age >= c->kohi_min_age && age <= c->kohi_max_age &&
            hg_fixed_u(h ^ (uint64_t)cond << 48) < c->kohi_uptake)
            mask |= 1u << c->kohi;
    }
    return mask;
}

void hg_payers_of(const hg_model *m, const hg_spell *s, unsigned progs, hg_payers *out)
{
    memset(out, 0, sizeof *out);
    out->ins = s->type != HG_INS_SEIHO;
    int order[32], n = 0;
    for (int i = 0; i < m->pp.nkohi; i++)
        if (progs >> i & 1u) {
            /* insertion by the programme's order on a receipt */
            int j = n++;
            while (j > 0 && m->pp.kohi[order[j - 1]][1] > m->pp.kohi[i][1]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
    for (int i = 0; i < n && out->n < HG_MAX_KOHI; i++) {
        /* 生活保護 pays what nothing else does: it stays even when a third 公費 is left off */
        if (out->n == HG_MAX_KOHI - 1 && i < n - 1 && order[n - 1] == m->kohi_seiho) continue;
        out->prog[out->n++] = order[i];
        out->mask |= 1u << order[i];
    }
}

const char *hg_burd_div(const hg_payers *py, unsigned progs)
{
    static const char *const with_ins[] = {"1", "2", "3", "4"};
    static const char *const without[] = {"5", "5", "6", "7"};
    int b = 0;
    for (int j = 0; j < py->n; j++)
        if (progs >> py->prog[j] & 1u) b |= 1 << j;
    return py->ins ? with_ins[b] : without[b];
}

char hg_payers_digit(const hg_payers *py)
{
    int n = py->ins + py->n;
    return (char)('0' + (n < 1 ? 1 : n));
}

void hg_kohi_defrayer(const hg_model *m, const hg_person *p, const hg_spell *s, int prog,
                      char out[9])
{
    if (prog == m->kohi_seiho && s->defrayer[0]) {
        memcpy(out, s->defrayer, 9);
        return;
    }
    /* 実施機関: the prefecture (001) for national programmes, a municipality for the local
     * one (fictitious numbering, like the insurers') */
    int inst = prog == m->kohi_local ? 1 + (int)(hg_mix64(p->idx ^ 0x6c6f63ULL) % 60) : 1;
    char base[16];
    snprintf(base, sizeof base, "%02d%02d%03d", (int)m->pp.kohi[prog][0] % 100, p->pref % 100,
             inst % 1000);
    snprintf(out, 9, "%.7s%d", base, hg_insurer_check_digit(base));
}

void hg_ko_amounts(const hg_model *m, const hg_person *p, const hg_spell *s, const hg_payers *py,
                   int32_t ymd, int64_t burden, const int64_t *covered, const int64_t *first,
                   hg_ko_amount *out)
{
    int copay = hg_person_copay(m, p, s, ymd);
    int64_t owed = burden;
    for (int j = 0; j < py->n; j++) {
        const double *k = m->pp.kohi[py->prog[j]];
        if (!py->ins) {
            out[j].pub = first[j] * 10;
            out[j].patient = 0;
            continue;
        }
        int pct = (int)k[2] < copay ? (int)k[2] : copay;
        int64_t pat = hg_burden(covered[j], pct);
        if (k[3] > 0 && pat > (int64_t)k[3]) pat = (int64_t)k[3];
        int64_t pub = hg_burden(covered[j], copay) - pat;
        if (pub > owed) pub = owed;
        if (pub < 0) pub = 0;
        owed -= pub;
        out[j].pub = pub;
        out[j].patient = pat;
    }
}
