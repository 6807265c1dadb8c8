/* hicgen — DPC receipts: per-day 包括 points by 入院期間 with the hospital's coefficient, the
 * DPC records (BU 分類, SB 傷病名 roles, KK 患者基礎, HH 包括評価, GT 合計) and the coding data
 * (CD: every 包括 item, one row per item per day). */
#include <string.h>
#include "families/med/med_internal.h"
#include "hicgen/date.h"
#include "hicgen/deaths.h"
#include "hicgen/model.h"

void med_dpc_include(ctx *c, int last)
{
    int n = c->rc.nunits;
    for (int i = 0; i < n; i++) {
        unit *u = &c->rc.u[i];
        /* 初診料, and what the fee rules leave outside the 包括 (手術, 麻酔, リハビリテーション:
         * med.yaml inpatient.dpc_outside_idents; a 処置 of dpc_outside_procedure_points or
         * more; the 加算 of wards.csv with dpc 1), are billed besides it */
        const hg_med_params *mp = &c->md->mp;
        /* and the 特定保険医療材料 of those acts (a 処置's by its own points) */
        int act = u->rec == REC_SI || u->rec == REC_TO;
        int pts = u->rec == REC_TO ? u->act_points : u->score;
        int outside = u->outside || (u->rec == REC_SI && u->ident == 11) ||
                      (act && u->ident == 40 && pts >= mp->dpc_outside_proc_points);
        /* the drugs of those parts too (the blood of a 輸血, billed under 手術) */
        for (int j = 0; j < mp->ndpc_outside && (act || u->rec == REC_IY); j++)
            outside |= u->ident == mp->dpc_outside[j];
        if (outside) {
            u->incl = 0;
            continue;
        }
        int after = 0;
        for (int d = last; d < 31; d++) after += u->days[d];
        u->incl = after < u->times || !after;
        if (after && after < u->times) med_split_unit(&c->rc, i, last + 1)->incl = 0;
    }
}

void med_dpc_points(const ctx *c, const hg_dpc *x, const hg_stay *st, int d0, int d1, int coef,
                    dpc_calc *out)
{
    memset(out, 0, sizeof *out);
    for (int d = d0; d <= d1; d++) {
        int k = hg_days(c->ym * 100 + d) - hg_days(st->admit) + 1;
        if (k > c->dpc_last) break; /* after 入院期間III (or a transfer): 出来高 */
        out->days[k <= x->days[0] ? 0 : k <= x->days[1] ? 1 : 2]++;
    }
    for (int i = 0; i < 3; i++) out->sbttl_sum += (int64_t)x->points[i] * out->days[i];
    out->ttl = (out->sbttl_sum * coef + 5000) / 10000;
}

void med_dpc_records(ctx *c, const hg_stay *st, const hg_dpc *x, const dpc_calc *dc,
                     int32_t seg_end, const char *seq2, int ko, const char *burd, int *seq1)
{
    const hg_model *m = c->m;
    const hg_person *p = c->p;
    hg_value v[HG_MAX_FIELDS];
    memset(v, 0, sizeof v);
    hg_common(v, (*seq1)++, seq2, "BU", ko, c->ym, p->idx);
    v[BU_dpc_cd] = hg_vstr(hg_mtab_key(&c->md->dpc_tab, x->row));
    v[BU_this_hostz] = hg_vdate(st->admit);
    int out_now = st->discharge <= seg_end;
    int cause = med_stay_disease(c, st);
    /* a death: of the stay's cause (転帰 6 死亡) or of another (7, e.g. a long-stay patient's
     * pneumonia), that cause's 傷病名 the 死因 */
    int died = out_now && st->died && p->death_cause >= 0;
    const hg_dcause *why = died ? &m->dcauses[p->death_cause] : NULL;
    int own = why && (hg_death_in_stay_of(m, p->death_cause, st->cond) || why->skwd_row < 0);
    int death_row = !why ? -1 : own ? m->cdis[cause].row : why->skwd_row;
    v[BU_this_dschg] = out_now ? hg_vdate(st->discharge) : hg_vnull();
    v[BU_dpc_outcm] = out_now ? hg_vstr(!st->died ? "1" : own || !why ? "6" : "7") : hg_vnull();
    int name = c->md->skwd_name_col;
    v[BU_cause_death] =
        death_row >= 0 && name >= 0 ? hg_vstr(hg_mtab_cell(&m->skwd, death_row, name)) : hg_vnull();
    hg_fx_emit(c->fx, K_DPC_BU, v);
    /* 傷病 roles: 主傷病, 入院の契機, 医療資源を最も投入 = the cause; 併存 = other conditions; a
     * death of another cause adds it as 入院後発症 */
    int icd = m->skwd_icd_col;
    int roles[8], rows[8], n = 0;
    static const int cause_roles[] = {1, 11, 21};
    for (int i = 0; i < 3; i++) roles[n] = cause_roles[i], rows[n++] = m->cdis[cause].row;
    for (int k = 0; k < m->nconds && n < 7; k++)
        if (k != st->cond && m->conds[k].kind != HG_COND_ACUTE && hg_person_has(p, k, st->admit))
            roles[n] = 41 + (n - 3), rows[n++] = m->cdis[p->conds[k].dis].row;
    if (why && !own) roles[n] = 51, rows[n++] = death_row;
    for (int i = 0; i < n; i++) {
        char role[3] = {(char)('0' + roles[i] / 10), (char)('0' + roles[i] % 10), '\0'};
        memset(v, 0, sizeof v);
        hg_common(v, (*seq1)++, seq2, "SB", ko, c->ym, p->idx);
        v[SB_skwd_name_cd] = hg_vstr(hg_mtab_key(&m->skwd, rows[i]));
        v[SB_sspct_dss_flg] = hg_vint(0);
        v[SB_icd10] = icd >= 0 ? hg_vstr(hg_mtab_cell(&m->skwd, rows[i], icd)) : hg_vnull();
        v[SB_skwd_div] = hg_vstr(role);
        v[SB_cause_death] = death_row >= 0 && rows[i] == death_row ? hg_vstr("1") : hg_vnull();
        hg_fx_emit(c->fx, K_DPC_SB, v);
    }
    memset(v, 0, sizeof v);
    hg_common(v, (*seq1)++, seq2, "KK", ko, c->ym, p->idx);
    v[KK_plan_emgcy] = hg_vstr(m->conds[st->cond].kind == HG_COND_ACUTE ? "2" : "1");
    int32_t last = 0;
    for (int i = 0; i < p->nstays; i++)
        if (p->stays[i].discharge < st->admit && p->stays[i].discharge > last)
            last = p->stays[i].discharge;
    v[KK_last_dschg] = last ? hg_vdate(last) : hg_vnull();
    v[KK_hostz_age] = hg_vint(hg_age(p->birth, st->admit));
    hg_fx_emit(c->fx, K_DPC_KK, v);
    for (int i = 0; i < 3; i++) {
        if (!dc->days[i]) continue;
        memset(v, 0, sizeof v);
        hg_common(v, (*seq1)++, seq2, "HH", ko, c->ym, p->idx);
        v[HH_burd_div] = hg_vstr(burd);
        v[HH_prd_div] = hg_vint(i + 1);
        v[HH_prd_score] = hg_vint(x->points[i]);
        v[HH_prd_days] = hg_vint(dc->days[i]);
        v[HH_sbttl] = hg_vint((int64_t)x->points[i] * dc->days[i]);
        hg_fx_emit(c->fx, K_DPC_HH, v);
    }
    memset(v, 0, sizeof v);
    hg_common(v, (*seq1)++, seq2, "GT", ko, c->ym, p->idx);
    v[GT_burd_div] = hg_vstr(burd);
    v[GT_sbttl_sum] = hg_vint(dc->sbttl_sum);
    v[GT_evalu] = hg_vint(dc->ttl);
    v[GT_adjst] = hg_vint(0);
    v[GT_ttl] = hg_vint(dc->ttl);
    hg_fx_emit(c->fx, K_DPC_GT, v);
}

/* DPC coding data: every 包括 item, one row per item per day. */
void med_dpc_coding(ctx *c, const char *seq2, int ko, int *seq1)
{
    const hg_model *m = c->m;
    hg_value v[HG_MAX_FIELDS];
    int order = 0;
    for (int i = 0; i < c->rc.nunits; i++) {
        const unit *u = &c->rc.u[i];
        if (!u->incl || u->rec == REC_CO) continue;
        order++;
        char ident[3] = {(char)('0' + u->ident / 10 % 10), (char)('0' + u->ident % 10), '\0'};
        for (int d = 0; d < 31; d++) {
            if (!u->days[d]) continue;
            for (int j = 0; j < u->n; j++) {
                const line *ln = &c->rc.l[u->first + j];
                int si = u->rec == REC_SI, to = u->rec == REC_TO;
                memset(v, 0, sizeof v);
                hg_common(v, (*seq1)++, seq2, "CD", ko, c->ym, c->p->idx);
                v[CDR_oprtn_date] = hg_vdate(c->ym * 100 + d + 1);
                v[CDR_prac_ident] = hg_vstr(ident);
                v[CDR_order_no] = hg_vint(order);
                v[CDR_detl_no] = hg_vint(j + 1);
                const hg_mtab *mt = si ? &m->prac_act : to ? &m->spcfc_dev : &m->medicine;
                v[CDR_code] = hg_vstr(hg_mtab_key(mt, ln->row));
                v[CDR_use_amnt] = si ? hg_vnull() : hg_vdec(ln->amount_1e5, 5);
                v[CDR_times] = hg_vint(u->days[d]);
                hg_fx_emit(c->fx, K_DPC_CD, v);
            }
        }
    }
}
