/* hicgen — 特定保険医療材料 (masters/med/materials.csv): the devices that follow an act — the
 * stents of a PCI, the implants of a joint replacement, the circuits of a bypass, the catheter
 * of 留置カテーテル設置. Each is billed as a TO line with its count of the act's billing, the
 * unit's points the price ÷ 10 rounded (点数表 手術 第3節: 材料価格を10円で除して得た点数).
 * The counts are national means per act (NDB Open Data, see the file's sources); their draw is
 * hashed from the person, day, act and material, so that adding materials leaves every other
 * draw of the simulation as it was. Alternatives (one dialyser a session) share one draw. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "families/med/med_internal.h"
#include "hicgen/alloc.h"
#include "hicgen/mrow.h"
#include "hicgen/rng.h"

enum { MAT_MAX_LINES = 48 }; /* materials of one act (the 人工心肺 has 41) */

static int by_act(const void *a, const void *b)
{
    const int *x = a, *y = b;
    return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0]) : (x[1] > y[1]) - (x[1] < y[1]);
}

void med_materials_load(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "med", "materials.csv");
    static const char *const req[] = {"act", "material", "per_act", "alt", "source", NULL};
    if (hg_mtab_load(&md->mat_tab, "materials", path, req, 0, d)) return;
    const hg_mtab *t = &md->mat_tab;
    int nacts = m->prac_act.nrows;
    md->mat = hg_xcalloc((size_t)t->nrows + 1, sizeof *md->mat);
    md->mat_first = hg_xcalloc((size_t)nacts + 1, sizeof *md->mat_first);
    md->mat_n = hg_xcalloc((size_t)nacts + 1, sizeof *md->mat_n);
    int unit = hg_mtab_col(&m->spcfc_dev, "unit_cd");
    md->mat_unit_col = unit;
    /* [act row, file row] pairs, sorted: each act's materials contiguous, in file order */
    int(*order)[2] = hg_xcalloc((size_t)t->nrows + 1, sizeof *order);
    int n = 0;
    for (int r = 0; r < t->nrows; r++) {
        int act = hg_row_code(t, r, "act", &m->prac_act, "診療行為", d);
        int dev = hg_row_code(t, r, "material", &m->spcfc_dev, "特定器材", d);
        double per = hg_row_num(t, r, "per_act", 0, 100, -1, d);
        if (act < 0 || dev < 0 || per < 0) continue;
        double uc = 0; /* the unit is written from the master (receipt.c); checked here */
        if (hg_mtab_num(&m->spcfc_dev, dev, unit, 0, 999, &uc, d)) continue;
        for (int i = 0; i < n; i++)
            if (order[i][0] == act && md->mat[order[i][1]].dev_row == dev)
                hg_diag_at(d, t->file, t->lines[r], 2, "material %s is listed twice for act %s",
                           hg_row_cell(t, r, "material"), hg_row_cell(t, r, "act"));
        md->mat[r] = (med_material){dev, per, -1}; /* its price: m->dev_price_1e2 */
        order[n][0] = act, order[n][1] = r;
        n++;
    }
    qsort(order, (size_t)n, sizeof *order, by_act);
    med_material *sorted = hg_xcalloc((size_t)n + 1, sizeof *sorted);
    for (int i = 0; i < n; i++) {
        int act = order[i][0];
        if (!md->mat_n[act]) md->mat_first[act] = i;
        if (++md->mat_n[act] > MAT_MAX_LINES)
            hg_diag_at(d, t->file, t->lines[order[i][1]], 1, "act %s has more than %d materials",
                       hg_mtab_key(&m->prac_act, act), MAT_MAX_LINES);
        sorted[i] = md->mat[order[i][1]];
        /* alternatives: the same label among the act's materials (its first leads) */
        const char *label = hg_row_cell(t, order[i][1], "alt");
        for (int j = md->mat_first[act]; label[0] && j <= i && sorted[i].alt < 0; j++)
            if (!strcmp(hg_row_cell(t, order[j][1], "alt"), label))
                sorted[i].alt = j - md->mat_first[act];
        if (sorted[i].alt >= 0) {
            double sum = 0;
            for (int j = md->mat_first[act] + sorted[i].alt; j <= i; j++)
                if (sorted[j].alt == sorted[i].alt) sum += sorted[j].per;
            if (sum > 1 + 1e-9 && sum - sorted[i].per <= 1 + 1e-9) /* once, where it passes 1 */
                hg_diag_at(d, t->file, t->lines[order[i][1]], hg_mtab_col(t, "per_act") + 1,
                           "the per_act of alternatives '%s' of act %s add up to %g, above 1",
                           label, hg_mtab_key(&m->prac_act, act), sum);
        }
    }
    free(md->mat);
    free(order);
    md->mat = sorted;
}

void med_materials_free(hg_med *md)
{
    hg_mtab_free(&md->mat_tab);
    free(md->mat);
    free(md->mat_first);
    free(md->mat_n);
}

void med_add_materials(ctx *c, int ident, int act_row, int day, int count)
{
    const hg_med *md = c->md;
    if (!md->mat_n || act_row < 0 || !md->mat_n[act_row] || count <= 0) return;
    int rows[MAT_MAX_LINES];
    int64_t amounts[MAT_MAX_LINES], yen_1e2 = 0;
    int n = 0;
    const med_material *mat = &md->mat[md->mat_first[act_row]];
    for (int i = 0; i < md->mat_n[act_row] && i < MAT_MAX_LINES; i++) {
        const med_material *x = &mat[i];
        /* alternatives share their first's draw, each taking the band after those before it */
        int lead = x->alt >= 0 ? x->alt : i;
        double lo = 0;
        for (int j = lead; j < i && x->alt >= 0; j++)
            if (mat[j].alt == x->alt) lo += mat[j].per;
        int64_t q = 0;
        for (int k = 0; k < count; k++) {
            uint64_t key = hg_mix64(c->p->idx * 0x9e3779b97f4a7c15ULL ^
                                    (uint64_t)(c->ym * 100 + day) << 20 ^ (uint64_t)act_row << 4 ^
                                    (uint64_t)lead << 40 ^ (uint64_t)k << 52 ^ 0x746f6d6174ULL);
            double u = hg_fixed_u(key), whole = floor(x->per);
            q += x->alt >= 0 ? (u >= lo && u < lo + x->per) : (int64_t)whole + (u < x->per - whole);
        }
        if (!q) continue;
        rows[n] = x->dev_row;
        amounts[n++] = q * 100000;
        yen_1e2 += c->m->dev_price_1e2[x->dev_row] * q;
    }
    /* 材料価格 ÷ 10 yen, rounded half up */
    if (n) med_add_to_unit(c, ident, act_row, rows, amounts, n, (int)((yen_1e2 + 500) / 1000), day);
}
