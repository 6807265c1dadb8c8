/* hicgen — 医科・DPC family: loading its parameters (specs/model/med.yaml) and the DPC master
 * (masters/med/dpc.csv). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families/med/med.h"
#include "hicgen/alloc.h"
#include "hicgen/num.h"

#define MED(path, type, ...) HG_P_##type(path, hg_med, __VA_ARGS__)
static const hg_param med_params[] = {
    MED("acute_revisits.mean", NUM, mp.revisit_mean, 0, 5),
    MED("acute_revisits.max", INT, mp.max_revisits, 0, 31),
    MED("acute_revisits.after_days", INT, mp.revisit_after, 1, 60),
    MED("acute_revisits.spread_days", INT, mp.revisit_spread, 1, 60),
    MED("acute_revisits.spacing_days", INT, mp.revisit_spacing, 1, 60),
    MED("prescriptions.acute_days", INT, mp.acute_rx_days, 1, 90),
    MED("prescriptions.days_per_month", INT, mp.rx_days_per_month, 1, 31),
    MED("prescriptions.max_days", INT, mp.max_rx_days, 1, 365),
    MED("chronic_mgmt_per_month", INT, mp.chronic_mgmt_per_month, 0, 31),
    MED("inpatient.meal_yen", INT, mp.meal_yen, 0, 10000),
    MED("inpatient.meals_per_day", INT, mp.meals_per_day, 0, 3),
    MED("inpatient.test_every_days", INT, mp.test_every_days, 1, 365),
    MED("inpatient.injection_days", INT, mp.injection_days, 0, 365),
    MED("inpatient.discharge_rx_days", INT, mp.discharge_rx_days, 1, 365),
    MED("paediatrics_dept", INT, mp.paediatrics_dept, 1, 99),
    MED("paediatrics_until_age", INT, mp.paediatrics_until, 0, 20),
    MED("facility_outpatient_keep", PROB, mp.facility_keep),
    MED("codes.first_visit", CUSTOM, codes.first_visit, hg_p_act_code),
    MED("codes.revisit", CUSTOM, codes.revisit, hg_p_act_code),
    MED("codes.outpatient_mgmt_add", CUSTOM, codes.mgmt_add, hg_p_act_code),
    MED("codes.chronic_mgmt", CUSTOM, codes.chronic_mgmt, hg_p_act_code),
    MED("codes.rx_slip", CUSTOM, codes.rx_slip, hg_p_act_code),
    MED("codes.rx_fee", CUSTOM, codes.rx_fee, hg_p_act_code),
    MED("codes.dispense_fee", CUSTOM, codes.dispense_fee, hg_p_act_code),
    MED("codes.drug_info", CUSTOM, codes.drug_info, hg_p_act_code),
    MED("codes.blood_draw", CUSTOM, codes.blood_draw, hg_p_act_code),
    MED("codes.inpatient_basic", CUSTOM, codes.inpatient_basic, hg_p_act_code),
    MED("codes.suspected_modifier", CUSTOM, codes.suspected_modifier, hg_p_modifier_code),
    MED("codes.free_comment", INT, codes.free_comment, 800000000, 899999999),
};

/* A whole number in [lo, hi] in a cell of the DPC master, or -1 after reporting. */
static int cell_int(const hg_mtab *t, int row, const char *col, int lo, int hi, hg_diag *d)
{
    const char *s = hg_mtab_cell(t, row, hg_mtab_col(t, col));
    long long v;
    if (hg_parse_int(s, &v) || v < lo || v > hi) {
        hg_diag_at(d, t->file, t->lines[row], 0, "%s '%s' must be a whole number from %d to %d",
                   col, s, lo, hi);
        return -1;
    }
    return (int)v;
}

/* masters/med/dpc.csv: one DPC code per condition that DPC hospitals bill per day. */
static void load_dpc(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "med", "dpc.csv");
    static const char *const req[] = {"dpc_cd", "name",    "cond",    "mdc_cd",  "days1", "days2",
                                      "days3",  "points1", "points2", "points3", NULL};
    if (hg_mtab_load(&md->dpc_tab, "dpc", path, req, 1, d)) return;
    hg_mtab *t = &md->dpc_tab;
    int cc = hg_mtab_col(t, "cond");
    static const char *const dn[] = {"days1", "days2", "days3"};
    static const char *const pn[] = {"points1", "points2", "points3"};
    md->dpc = hg_xcalloc((size_t)t->nrows + 1, sizeof *md->dpc);
    for (int r = 0; r < t->nrows; r++) {
        const char *code = hg_mtab_cell(t, r, 0);
        int k = hg_model_cond(m, hg_mtab_cell(t, r, cc));
        if (strlen(code) != 14) {
            hg_diag_at(d, t->file, t->lines[r], 0, "診断群分類番号 '%s' must have 14 characters",
                       code);
            continue;
        }
        if (k < 0) {
            hg_diag_at(d, t->file, t->lines[r], 0, "'%s' is not in conditions.csv",
                       hg_mtab_cell(t, r, cc));
            continue;
        }
        if (md->cond_dpc[k] >= 0) {
            hg_diag_at(d, t->file, t->lines[r], 0, "condition %s has two DPC codes",
                       m->conds[k].id);
            continue;
        }
        hg_dpc *x = &md->dpc[md->ndpc];
        x->row = r;
        int bad = 0;
        for (int i = 0; i < 3; i++) {
            x->days[i] = cell_int(t, r, dn[i], 1, 999, d);
            x->points[i] = cell_int(t, r, pn[i], 1, 100000, d);
            bad |= x->days[i] < 0 || x->points[i] < 0;
        }
        if (!bad && !(x->days[0] < x->days[1] && x->days[1] < x->days[2])) {
            hg_diag_at(d, t->file, t->lines[r], 0, "days1 < days2 < days3 (入院期間 I, II, III)");
            bad = 1;
        }
        if (!bad) md->cond_dpc[k] = md->ndpc++;
    }
}

int hg_med_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    hg_med *md = hg_xcalloc(1, sizeof *md);
    *state = md;
    int before = d->nerrors;
    char path[4096];
    hg_path(path, sizeof path, p->specs_dir, "model", "med.yaml");
    hg_bind_file(path, "med", med_params, sizeof med_params / sizeof med_params[0], md, m, d);
    md->cond_dpc = hg_xcalloc((size_t)m->nconds + 1, sizeof *md->cond_dpc);
    for (int k = 0; k < m->nconds; k++) md->cond_dpc[k] = -1;
    load_dpc(md, m, p->masters_dir, d);
    return d->nerrors == before ? 0 : -1;
}

void hg_med_free(void *state)
{
    hg_med *md = state;
    if (!md) return;
    hg_mtab_free(&md->dpc_tab);
    free(md->dpc);
    free(md->cond_dpc);
    free(md);
}

int hg_med_masters(void *state, hg_mtab **out, int max)
{
    hg_med *md = state;
    if (max < 1 || !md->dpc_tab.kind.name) return 0;
    out[0] = &md->dpc_tab;
    return 1;
}
