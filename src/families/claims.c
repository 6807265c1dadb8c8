/* hicgen — helpers shared by all claim families. */
#include "families/claims.h"
#include "hicgen/hash.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include "hicgen/buf.h"
#include "hicgen/date.h"
#include "hicgen/rng.h"

HG_FIELD_TABLE(HG_REC_MED_IR, IR);
HG_FIELD_TABLE(HG_REC_MED_RE, RE);
HG_FIELD_TABLE(HG_REC_MED_HO, HO);
HG_FIELD_TABLE(HG_REC_MED_KO, KO);
HG_FIELD_TABLE(HG_REC_MED_SY, SY);
HG_FIELD_TABLE(HG_REC_MED_DETAIL, DT);
HG_FIELD_TABLE(HG_REC_MED_TO, TO);
HG_FIELD_TABLE(HG_REC_MED_CO, CO);

void hg_inst_get(const hg_model *m, uint64_t seed, int pref, int kind, int inst, hg_inst *out)
{
    /* clinic, hospital, pharmacy, dental: 1,000 numbers of each kind per 郡市区, so every
     * institution a dataset can have (hg_inst_count) has its own code */
    static const int base_no[] = {0, 5000, 7000, 8000};
    int gun = 1 + inst / 1000 % 99;
    int no = base_no[kind] + inst % 1000;
    /* formatted by hand: this runs for every receipt, and snprintf was a tenth of the time */
    char base[7];
    hg_utoa(base, (uint64_t)(gun % 100), 2);
    hg_utoa(base + 2, (uint64_t)(no % 10000), 4);
    base[6] = '\0';
    memcpy(out->org, base, 6);
    out->org[6] = (char)('0' + hg_insurer_check_digit(base));
    out->org[7] = '\0';
    char what[48] = "inst:";
    size_t n = 5;
    n += (size_t)hg_utoa(what + n, (uint64_t)pref, 2);
    what[n++] = ':';
    n += (size_t)hg_utoa(what + n, (uint64_t)kind, 1);
    what[n++] = ':';
    memcpy(what + n, out->org, 8);
    hg_anon_code(seed, what, out->anon, 7);
    uint64_t h = hg_mix64(hg_hash_str(what));
    /* 院外 or not by a Weyl sequence over the institution numbers (fractional parts of
     * multiples of the golden ratio, offset per prefecture and kind), not a hash: a small
     * dataset has one clinic of a department per prefecture, and hashed flags left 28.4 % of
     * the drug-receiving 入院外 receipts of a 30,000-person dataset 院内 against 23.9 % at
     * 100,000 (share 0.77), so its 調剤 receipts of people 75 or more came out 8 % lower.
     * The sequence keeps the share of any run of consecutive numbers within a few per cent. */
    out->outside_rx = hg_inst_spread(pref, kind, inst, 0) < m->pp.outside_rx_share;
    out->beds = 0;
    if (kind == HG_INST_HOSPITAL) {
        /* the band by its share, then a size within it */
        double w = hg_fixed_u(h ^ 0xbeefULL);
        for (int b = 0; b < m->pp.nbeds && !out->beds; b++) {
            if (w < m->pp.beds[b][2] || b == m->pp.nbeds - 1) {
                int lo = (int)m->pp.beds[b][0], hi = (int)m->pp.beds[b][1];
                out->beds = lo + (int)((h >> 8) % (uint64_t)(hi - lo + 1));
            }
            w -= m->pp.beds[b][2];
        }
    }
    double v = hg_fixed_u(h);
    out->dpc = kind == HG_INST_HOSPITAL && v < m->pp.dpc_hospital_share;
    /* 医療機関別係数: uniform in the range of population.yaml, in steps of 0.0001 */
    int64_t lo = llround(m->pp.coef[0] * 1e4), hi = llround(m->pp.coef[1] * 1e4);
    out->coef_1e4 =
        (int)(lo + (int64_t)((hg_mix64(h ^ 0x5bd1e995ULL) >> 11) % (uint64_t)(hi - lo + 1)));
}

double hg_inst_spread(int pref, int kind, int inst, uint64_t salt)
{
    uint64_t weyl = (uint64_t)inst * 0x9e3779b97f4a7c15ULL +
                    (uint64_t)pref * 0x6a09e667f3bcc909ULL +
                    (uint64_t)kind * 0xbb67ae8584caa73bULL + salt * 0x3c6ef372fe94f82bULL;
    return (double)(weyl >> 11) * 0x1.0p-53;
}

void hg_rcp_cls(char out[5], char table, const hg_model *m, const hg_person *p, const hg_spell *s,
                const hg_payers *py, int32_t ymd, int inpatient)
{
    int copay = hg_person_copay(m, p, s, ymd);
    int age = hg_age(p->birth, ymd);
    char d2 = !py->ins ? '2' : s->type == HG_INS_KOUKI ? '3' : '1';
    int d4;
    if (s->type == HG_INS_KOUKI || (age >= 70 && s->type != HG_INS_SEIHO))
        d4 = copay == 30 ? 9 : 7;
    else if (hg_preschool(p->birth, ymd))
        d4 = 3;
    else if (s->family)
        d4 = 5;
    else
        d4 = 1;
    if (!inpatient) d4 = (d4 + 1) % 10; /* 調剤 is always the 入院外 (even) form */
    out[0] = table;
    out[1] = d2;
    out[2] = hg_payers_digit(py);
    out[3] = (char)('0' + d4);
    out[4] = '\0';
}

void hg_seq2(char *out, size_t n, uint64_t seed, char family, uint64_t person, int month, int k)
{
    /* 128 bits keyed by the dataset's seed: unique in practice (the chance of a collision among
     * 10^10 receipts is below 10^-18) and, without the seed's secret arithmetic, it tells
     * nothing of the person, the month or the family */
    uint64_t a = hg_mix64(seed ^ 0x5e92a0c3d1f7b46bULL);
    a = hg_mix64(a ^ person);
    a = hg_mix64(a ^ ((uint64_t)(unsigned char)family << 40 | (uint64_t)(unsigned)month << 16 |
                      (uint64_t)(unsigned)k));
    uint64_t b = hg_mix64(a ^ 0x9e3779b97f4a7c15ULL);
    static const char hex[] = "0123456789abcdef";
    char t[32];
    for (int i = 0; i < 16; i++) {
        t[15 - i] = hex[a >> (4 * i) & 15];
        t[31 - i] = hex[b >> (4 * i) & 15];
    }
    if (n == 0) return;
    size_t w = n - 1 < 32 ? n - 1 : 32; /* truncated to the caller's n, like snprintf */
    memcpy(out, t, w);
    out[w] = '\0';
}

void hg_common(hg_value *v, int seq1, const char *seq2, const char *rec, int ko, int32_t ym,
               uint64_t person)
{
    v[0] = hg_vint(seq1); /* the common fields come first in every kind, in this order */
    v[1] = hg_vstr(seq2);
    v[2] = hg_vint(ko);
    v[3] = hg_vstr(rec);
    v[4] = hg_vdate(ym * 100 + 1);
    v[5] = hg_vdate(hg_ym_add(ym, 2) * 100 + 1);
    v[6] = hg_vint((int64_t)person);
}

int64_t hg_burden(int64_t points, int copay)
{
    return (points * 10 * copay / 100 + 5) / 10 * 10;
}

void hg_patient_cost(const hg_model *m, const hg_person *p, const hg_spell *s, int32_t ymd,
                     int inpatient, int64_t points, hg_cost *out)
{
    int copay = hg_person_copay(m, p, s, ymd);
    memset(out, 0, sizeof *out);
    out->burden = hg_burden(points, copay);
    if (s->type == HG_INS_SEIHO || copay == 0) return;
    /* the person's 所得区分: a row of the group for their age and co-payment */
    int age = hg_age(p->birth, ymd), group = age < 70 ? 0 : copay == 30 ? 1 : 2;
    const hg_popparams *pp = &m->pp;
    double u = p->income_u, tot = 0;
    for (int i = 0; i < pp->nkougaku; i++)
        if ((int)pp->kougaku[i][0] == group) tot += pp->kougaku[i][1];
    const double *row = NULL;
    for (int i = 0; i < pp->nkougaku && !row; i++) {
        if ((int)pp->kougaku[i][0] != group) continue;
        double share = tot > 0 ? pp->kougaku[i][1] / tot : 0;
        if (u < share) row = pp->kougaku[i];
        u -= share;
    }
    if (!row) { /* rounding at the very end of the shares: the group's last row */
        for (int i = 0; i < pp->nkougaku; i++)
            if ((int)pp->kougaku[i][0] == group) row = pp->kougaku[i];
        if (!row) return;
    }
    int64_t yen = points * 10, limit = (int64_t)row[2];
    if (row[4] > 0 && yen > (int64_t)row[3])
        limit += ((yen - (int64_t)row[3]) * (int64_t)row[4] + 500) / 1000;
    if (!inpatient && row[5] > 0) limit = (int64_t)row[5];
    /* 後期 2割 配慮措置: outpatient care costs at most the 1割 burden plus the month's ceiling */
    const double *tr = pp->kouki_20_transition;
    if (!inpatient && s->type == HG_INS_KOUKI && copay == 20 && ymd / 100 >= (int)tr[0] &&
        ymd / 100 <= (int)tr[1]) {
        int64_t eased = hg_burden(points, 10) + (int64_t)tr[2];
        if (eased < limit) limit = eased;
    }
    int capped = out->burden > limit;
    if (capped) out->burden = limit;
    if (!capped && !inpatient) return;
    int tokki = (int)row[6];
    /* 後期 一般 from the 2割 start: 区キ (1割) or 区カ (2割) instead of 区エ */
    if (s->type == HG_INS_KOUKI && group == 2 && (int)row[7] == 0 && ymd / 100 >= pp->kouki_20_from)
        tokki = (int)pp->kouki_tokki[copay == 20 ? 1 : 0];
    tokki = (tokki % 100 + 100) % 100; /* two digits (the load bounds the values) */
    out->tokki[0] = (char)('0' + tokki / 10);
    out->tokki[1] = (char)('0' + tokki % 10);
    out->tokki[2] = '\0';
    if (inpatient && row[7] > 0) {
        out->std_burd[0] = (char)('0' + (int)row[7] % 10);
        out->std_burd[1] = '\0';
    }
}

void hg_age_bands(int age, char b5[4], char b10[4])
{
    unsigned a = age < 0 ? 0 : (unsigned)age;
    b5[0] = (char)('0' + a / 5 * 5 / 100 % 10);
    b5[1] = (char)('0' + a / 5 * 5 / 10 % 10);
    b5[2] = (char)('0' + a / 5 * 5 % 10);
    b5[3] = '\0';
    b10[0] = (char)('0' + a / 10 * 10 / 100 % 10);
    b10[1] = (char)('0' + a / 10 * 10 / 10 % 10);
    b10[2] = (char)('0' + a / 10 * 10 % 10);
    b10[3] = '\0';
}

const char *hg_payer(const hg_spell *s)
{
    return s->type == HG_INS_KOKUHO || s->type == HG_INS_KOUKI ? "2" : "1";
}

void hg_emit_ir(const hg_fx *fx, int kind, int seq1, const char *seq2, int ko, int32_t ym,
                const hg_person *p, const hg_spell *s, const hg_inst *in, const char *score_list)
{
    hg_value v[HG_MAX_FIELDS];
    char tdfk[3] = {(char)('0' + p->pref / 10), (char)('0' + p->pref % 10), '\0'};
    memset(v, 0, sizeof v);
    hg_common(v, seq1, seq2, "IR", ko, ym, p->idx);
    const char *pay = hg_payer(s);
    v[IR_exam_pay_inst] = hg_vstr(pay);
    v[IR_tdfk] = hg_vstr(tdfk);
    v[IR_score_list] = hg_vstr(score_list);
    v[IR_medi_inst_cd_org] = hg_vstr(in->org);
    v[IR_medi_inst_cd] = hg_vstr(in->anon);
    v[IR_req_ym] = hg_vdate(hg_ym_add(ym, 1) * 100 + 1);
    v[IR_ori_snd_div] = hg_vint(pay[0] - '0');
    hg_fx_emit(fx, kind, v);
}

void hg_kohi_lines_add(hg_kohi_lines *kl, const hg_payers *py, unsigned progs, int64_t points,
                       unsigned days)
{
    int firstj = -1;
    for (int j = 0; j < py->n; j++)
        if (progs >> py->prog[j] & 1u) {
            kl->covered[j] += points;
            kl->days[j] |= days;
            if (firstj < 0) firstj = j;
        }
    if (firstj >= 0) kl->first[firstj] += points;
}

void hg_emit_payers(const hg_fx *fx, int ho_kind, int ko_kind, int *seq1, const char *seq2,
                    int32_t ym, const hg_person *p, const hg_spell *s, const hg_pay_rec *pr)
{
    const hg_payers *py = pr->py;
    hg_value v[HG_MAX_FIELDS];
    int ko = py->n > 0;
    /* 一部負担金: 10-yen units, rounded half up, capped by 高額療養費 */
    hg_cost cost = {0};
    if (py->ins) hg_patient_cost(fx->m, p, s, pr->first_day, pr->inpatient, pr->total, &cost);
    int64_t meal_price = (int64_t)pr->meals * pr->meal_yen;
    if (py->ins) {
        memset(v, 0, sizeof v);
        hg_common(v, (*seq1)++, seq2, "HO", ko, ym, p->idx);
        v[HO_insurer_no_org] = hg_vstr(s->insurer_no);
        v[HO_insurer_no] = hg_vstr(s->insurer_anon);
        v[HO_prac_true_days] = hg_vint(pr->true_days);
        v[HO_total_score] = hg_vint(pr->total);
        v[HO_meal_times] = pr->meals ? hg_vint(pr->meals) : hg_vnull();
        v[HO_meal_price] = pr->meals ? hg_vint(meal_price) : hg_vnull();
        v[HO_burden] = hg_vint(cost.burden);
        hg_fx_emit(fx, ho_kind, v);
    }
    hg_ko_amount amt[HG_MAX_KOHI];
    hg_ko_amounts(fx->m, p, s, py, pr->first_day, cost.burden, pr->kl->covered, pr->kl->first, amt);
    for (int j = 0; j < py->n; j++) {
        char defrayer[9];
        hg_kohi_defrayer(fx->m, p, s, py->prog[j], defrayer);
        /* meals go with the 公費 that pays for the stay's lines first (生活保護 alone: all) */
        int meals = pr->meals && (j == 0 || !py->ins) ? pr->meals : 0;
        memset(v, 0, sizeof v);
        hg_common(v, (*seq1)++, seq2, "KO", ko, ym, p->idx);
        v[KO_defrayer_no] = hg_vstr(defrayer);
        v[KO_prac_true_days] = hg_vint(__builtin_popcount(pr->kl->days[j]));
        v[KO_total_score] = hg_vint(pr->kl->covered[j]);
        v[KO_pub_money] = hg_vint(amt[j].pub);
        if (py->ins) v[pr->inpatient ? KO_hostz_burd : KO_outpt_burd] = hg_vint(amt[j].patient);
        v[KO_meal_times] = meals ? hg_vint(meals) : hg_vnull();
        v[KO_meal_price] = meals ? hg_vint(meal_price) : hg_vnull();
        hg_fx_emit(fx, ko_kind, v);
    }
}

int hg_drug_points(int64_t yen_1e7)
{
    const int64_t unit = 10000000;
    if (yen_1e7 <= 15 * unit) return 1;
    return 1 + (int)((yen_1e7 - 15 * unit + 10 * unit - 1) / (10 * unit));
}

void hg_re_identity(hg_value *v, int at, int bands, hg_re_id *id, char table, const hg_model *m,
                    const hg_person *p, const hg_spell *s, const hg_payers *py, int32_t ym,
                    int32_t first_day, int inpatient, int64_t points)
{
    const hg_name *nm = hg_person_name(p, first_day);
    int age = hg_age(p->birth, ym * 100 + 1);
    hg_age_bands(age, id->b5, id->b10);
    hg_rcp_cls(id->cls, table, m, p, s, py, first_day, inpatient);
    /* the order every RE kind shares after the common fields */
    v[at + 0] = hg_vint(age);
    v[at + 1] = hg_vstr(s->id1);
    v[at + 2] = hg_vstr(s->id1n);
    v[at + 3] = hg_vstr(nm->id2);
    v[at + 4] = hg_vstr(p->id5);
    v[at + 5] = hg_vint((int64_t)(p->idx % 999999) + 1);
    v[at + 6] = hg_vstr(id->cls);
    v[at + 7] = hg_vstr(p->sex == HG_SEX_M ? "1" : "2");
    v[at + 8] = hg_vdate(p->birth);
    v[bands + 0] = hg_vstr(id->b5);
    v[bands + 1] = hg_vstr(id->b10);
    v[bands + 2] = hg_vint(hg_person_copay(m, p, s, first_day));
    hg_cost cost;
    hg_patient_cost(m, p, s, first_day, inpatient, points, &cost);
    memcpy(id->tokki, cost.tokki, sizeof id->tokki);
    memcpy(id->std_burd, cost.std_burd, sizeof id->std_burd);
    v[bands + 3] = id->tokki[0] ? hg_vstr(id->tokki) : hg_vnull();
    v[bands + 4] = id->std_burd[0] ? hg_vstr(id->std_burd) : hg_vnull();
}
