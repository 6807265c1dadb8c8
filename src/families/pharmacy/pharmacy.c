/* hicgen — 調剤 receipts. One receipt per person × month × pharmacy × insurance spell; one
 * 受付 per prescription; one 剤 (SH + CZ, with its IY drugs) per regimen and form. */
#include "families/pharmacy/pharmacy.h"

#include <stdio.h>
#include <string.h>
#include "families/claims.h"
#include "hicgen/date.h"
#include "families/med/med.h"
#include "hicgen/records.h"
#include "hicgen/rng.h"
#include "hicgen/streams.h"

/* The pharmacy filling prescription i: mostly the one next to the prescriber (門前), else the
 * person's usual pharmacy. */
static int pharmacy_for(const hg_model *m, uint64_t seed, const hg_person *p, const hg_rx *rx,
                        gsl_rng *r, int i)
{
    hg_rng_stream(r, seed, p->idx, hg_stream(HG_S_PHARMACY) + (uint64_t)i);
    uint64_t h;
    if (gsl_rng_uniform(r) < m->gate_pharmacy_share)
        h = hg_mix64((uint64_t)p->pref * 1000003ULL + (uint64_t)rx->hospital * 100003ULL +
                     (uint64_t)rx->inst);
    else
        h = hg_mix64(p->idx ^ hg_stream(HG_S_USUAL_PHARMACY));
    return 1 + (int)(h % (uint64_t)m->pharmacies_per_pref);
}

static const char *const form_code[] = {"", "1", "3", "5"}; /* 内服, 屯服, 外用 (剤形コード) */

static void emit_receipt(const hg_model *m, uint64_t seed, const hg_person *p, int mi, int32_t ym,
                         int k, const hg_spell *s, int pharmacy, const hg_rx *const *rxs, int n,
                         hg_emitter *e)
{
    char seq2[40];
    hg_seq2(seq2, sizeof seq2, 'P', p->idx, mi, k);
    int seiho = s->type == HG_INS_SEIHO, ko = seiho, seq1 = 1;
    const char *burd = seiho ? "5" : "1";
    hg_inst ph, pr;
    hg_inst_get(m, seed, p->pref, HG_INST_PHARMACY, pharmacy, &ph);
    hg_inst_get(m, seed, p->pref, rxs[0]->hospital ? HG_INST_HOSPITAL : HG_INST_CLINIC,
                rxs[0]->inst, &pr);
    int32_t first_day = rxs[0]->date;
    char tdfk[3] = {(char)('0' + p->pref / 10), (char)('0' + p->pref % 10), '\0'};
    hg_value v[HG_MAX_FIELDS];

    /* totals first: HO carries them */
    int64_t total = 0;
    for (int i = 0; i < n; i++) {
        total += m->dspng_points[m->codes.pha_basic] + m->dspng_points[m->codes.pha_history_mgmt];
        int internal = 0;
        for (int j = 0; j < rxs[i]->nitems; j++) {
            const hg_rx_item *it = &rxs[i]->items[j];
            const hg_disp_fee *f = hg_disp_fee_for(m, it->form, it->qty);
            int64_t unit = hg_drug_points(hg_regimen_yen(m, it->cond, it->regimen, it->form));
            total += unit * it->qty;
            if (f && (it->form != 1 || internal++ < m->max_internal_fees))
                total += f->base + (int64_t)f->per_day * (it->qty - f->days_from + 1);
        }
    }

    memset(v, 0, sizeof v);
    hg_common(v, seq1++, seq2, "YK", ko, ym, p->idx);
    v[YK_exam_pay_inst] = hg_vstr(hg_payer(s));
    v[YK_tdfk] = hg_vstr(tdfk);
    v[YK_score_list] = hg_vstr("4");
    v[YK_drgst_cd_org] = hg_vstr(ph.org);
    v[YK_drgst_cd] = hg_vstr(ph.anon);
    v[YK_req_ym] = hg_vdate(hg_ym_add(ym, 1) * 100 + 1);
    v[YK_ori_snd_div] = hg_vint(hg_payer(s)[0] - '0');
    hg_emit(e, HG_K_PHA_YK, v);

    memset(v, 0, sizeof v);
    hg_common(v, seq1++, seq2, "RE", ko, ym, p->idx);
    const hg_name *nm = hg_person_name(p, first_day);
    int age = hg_age(p->birth, ym * 100 + 1);
    char b5[4], b10[4], cls[5];
    hg_age_bands(age, b5, b10);
    hg_rcp_cls(cls, '4', p, s, first_day, 0);
    v[PRE_age] = hg_vint(age);
    v[PRE_id1] = hg_vstr(s->id1);
    v[PRE_id1n] = hg_vstr(s->id1n);
    v[PRE_id2] = hg_vstr(nm->id2);
    v[PRE_id5] = hg_vstr(p->id5);
    v[PRE_rcp_no] = hg_vint((int64_t)(p->idx % 999999) + 1);
    v[PRE_rcp_cls] = hg_vstr(cls);
    v[PRE_sex_div] = hg_vstr(p->sex == HG_SEX_M ? "1" : "2");
    v[PRE_birth] = hg_vdate(p->birth);
    v[PRE_presc_tdfk] = hg_vstr(tdfk);
    v[PRE_presc_score_list] = hg_vstr("1");
    v[PRE_presc_inst_org] = hg_vstr(pr.org);
    v[PRE_presc_inst] = hg_vstr(pr.anon);
    v[PRE_age_band5] = hg_vstr(b5);
    v[PRE_age_band10] = hg_vstr(b10);
    v[PRE_copay_pct] = hg_vint(hg_person_copay(p, s, first_day));
    hg_emit(e, HG_K_PHA_RE, v);

    memset(v, 0, sizeof v);
    if (!seiho) {
        hg_common(v, seq1++, seq2, "HO", ko, ym, p->idx);
        v[PHO_insurer_no_org] = hg_vstr(s->insurer_no);
        v[PHO_insurer_no] = hg_vstr(s->insurer_anon);
        v[PHO_rcptn_times] = hg_vint(n);
        v[PHO_total_score] = hg_vint(total);
        v[PHO_burden] = hg_vint(hg_burden(total, hg_person_copay(p, s, first_day)));
        hg_emit(e, HG_K_PHA_HO, v);
    } else {
        hg_common(v, seq1++, seq2, "KO", ko, ym, p->idx);
        v[PKO_defrayer_no] = hg_vstr(s->defrayer);
        v[PKO_rcptn_times] = hg_vint(n);
        v[PKO_total_score] = hg_vint(total);
        v[PKO_pub_money] = hg_vint(total * 10);
        hg_emit(e, HG_K_PHA_KO, v);
    }

    int no = 0;
    for (int i = 0; i < n; i++) {
        const hg_rx *rx = rxs[i];
        int internal = 0;
        for (int j = 0; j < rx->nitems; j++) {
            const hg_rx_item *it = &rx->items[j];
            const hg_condition *cd = &m->conds[it->cond];
            int64_t unit = hg_drug_points(hg_regimen_yen(m, it->cond, it->regimen, it->form));
            const hg_regimen_drug *first = NULL;
            for (int d = 0; d < cd->reg_len[it->regimen]; d++)
                if (m->regdrugs[cd->reg_first[it->regimen] + d].form == it->form && !first)
                    first = &m->regdrugs[cd->reg_first[it->regimen] + d];
            char nos[3] = {(char)('0' + (no + 1) / 10 % 10), (char)('0' + (no + 1) % 10), '\0'};
            no++;
            memset(v, 0, sizeof v);
            hg_common(v, seq1++, seq2, "SH", ko, ym, p->idx);
            v[SH_no] = hg_vstr(nos);
            v[SH_dsg_frm_cd] = hg_vstr(form_code[it->form]);
            v[SH_drctn_use_cd] =
                first && first->direction[0] ? hg_vstr(first->direction) : hg_vnull();
            v[SH_unit_score] = hg_vint(unit);
            v[SH_prspt_no] = hg_vint(i + 1);
            v[SH_prspt_sub_no] = hg_vint(j + 1);
            hg_emit(e, HG_K_PHA_SH, v);

            const hg_disp_fee *f = hg_disp_fee_for(m, it->form, it->qty);
            int paid = f && (it->form != 1 || internal++ < m->max_internal_fees);
            memset(v, 0, sizeof v);
            hg_common(v, seq1++, seq2, "CZ", ko, ym, p->idx);
            v[CZ_prspt_date] = hg_vdate(rx->date);
            v[CZ_dspng_date] = hg_vdate(rx->date);
            v[CZ_rcptn_time] = hg_vint(i + 1);
            v[CZ_dspng_amnt] = hg_vint(it->qty);
            v[CZ_burd_div] = hg_vstr(burd);
            v[CZ_dsc_cd] = paid ? hg_vstr(hg_mtab_cell(&m->dspng_act, f->act_row, 0)) : hg_vnull();
            v[CZ_dsc_score] =
                paid ? hg_vint(f->base + (int64_t)f->per_day * (it->qty - f->days_from + 1))
                     : hg_vnull();
            v[CZ_drc_score] = hg_vint(unit * it->qty);
            v[CZ_prspt_no] = hg_vint(i + 1);
            v[CZ_prspt_sub_no] = hg_vint(j + 1);
            hg_emit(e, HG_K_PHA_CZ, v);

            for (int d = 0; d < cd->reg_len[it->regimen]; d++) {
                const hg_regimen_drug *g = &m->regdrugs[cd->reg_first[it->regimen] + d];
                if (g->form != it->form) continue;
                memset(v, 0, sizeof v);
                hg_common(v, seq1++, seq2, "IY", ko, ym, p->idx);
                v[PIY_burd_div] = hg_vstr(burd);
                v[PIY_medicine_cd] = hg_vstr(hg_mtab_cell(&m->medicine, g->med_row, 0));
                v[PIY_use_amnt] = hg_vdec(g->amount_1e5, 5);
                v[PIY_prspt_no] = hg_vint(i + 1);
                v[PIY_prspt_sub_no] = hg_vint(j + 1);
                hg_emit(e, HG_K_PHA_IY, v);
            }
        }
        memset(v, 0, sizeof v);
        hg_common(v, seq1++, seq2, "KI", ko, ym, p->idx);
        v[KI_rcptn_time] = hg_vint(i + 1);
        v[KI_burd_div] = hg_vstr(burd);
        v[KI_dbc_cd] = hg_vstr(hg_mtab_cell(&m->dspng_act, m->codes.pha_basic, 0));
        v[KI_dbc_score] = hg_vint(m->dspng_points[m->codes.pha_basic]);
        v[KI_pmc01_cd] = hg_vstr(hg_mtab_cell(&m->dspng_act, m->codes.pha_history_mgmt, 0));
        v[KI_pmc01_times] = hg_vint(1);
        v[KI_pmc01_score] = hg_vint(m->dspng_points[m->codes.pha_history_mgmt]);
        hg_emit(e, HG_K_PHA_KI, v);
    }
}

#define MAX_MONTH_RX 64

void hg_pha_person(const hg_model *m, const hg_period *per, uint64_t seed, const hg_person *p,
                   const hg_rx_log *rx, gsl_rng *r, hg_emitter *e)
{
    int i = 0;
    while (i < rx->n) {
        /* the prescriptions of one month */
        int32_t ym = rx->rx[i].date / 100;
        int j = i;
        while (j < rx->n && rx->rx[j].date / 100 == ym) j++;
        int n = j - i < MAX_MONTH_RX ? j - i : MAX_MONTH_RX;
        int ph[MAX_MONTH_RX], done[MAX_MONTH_RX];
        const hg_spell *sp[MAX_MONTH_RX];
        for (int a = 0; a < n; a++) {
            ph[a] = pharmacy_for(m, seed, p, &rx->rx[i + a], r, i + a);
            sp[a] = hg_person_spell(p, rx->rx[i + a].date);
            done[a] = sp[a] == NULL;
        }
        int mi = (ym / 100 - per->start_ym / 100) * 12 + ym % 100 - per->start_ym % 100;
        int k = 0;
        for (int a = 0; a < n; a++) {
            if (done[a]) continue;
            /* one receipt per pharmacy, prescribing institution and insurance spell, as the
             * pharmacy bills them */
            const hg_rx *group[MAX_MONTH_RX];
            const hg_rx *ra = &rx->rx[i + a];
            int g = 0;
            for (int b = a; b < n; b++)
                if (!done[b] && ph[b] == ph[a] && sp[b] == sp[a] &&
                    rx->rx[i + b].hospital == ra->hospital && rx->rx[i + b].inst == ra->inst) {
                    group[g++] = &rx->rx[i + b];
                    done[b] = 1;
                }
            emit_receipt(m, seed, p, mi, ym, k++, sp[a], ph[a], group, g, e);
        }
        i = j;
    }
}
