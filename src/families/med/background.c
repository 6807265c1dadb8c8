/* hicgen — 医科: the background of practice. The condition catalogue bills what a condition's
 * pathway calls for; real outpatient receipts also carry the imaging, tests, injections,
 * procedures, rehabilitation and minor surgery of everything the catalogue does not model
 * (masters/med/background_acts.csv, per visit-day), and inpatient ones the 医学管理, tests,
 * imaging and 処置 of a hospital day (masters/med/inpatient_acts.csv, per hospital day): both
 * drawn as families/bgacts.h says. */
#include "families/med/med_internal.h"

enum { BG_MAX_ROWS = 64 }; /* one visit-day's acts with their companions */

void med_background_load(hg_med *md, const hg_model *m, const char *masters_dir, hg_diag *d)
{
    char path[4096];
    hg_path(path, sizeof path, masters_dir, "med", "background_acts.csv");
    hg_bgacts_load(&md->bg, path, &m->prac_act, "診療行為", d);
    hg_path(path, sizeof path, masters_dir, "med", "inpatient_acts.csv");
    hg_bgacts_load(&md->inbg, path, &m->prac_act, "診療行為", d);
}

void med_background_free(hg_med *md)
{
    hg_bgacts_free(&md->bg);
    hg_bgacts_free(&md->inbg);
}

void med_background_acts(ctx *c, int age, int inpatient, int *nacts)
{
    int rows[BG_MAX_ROWS];
    int n = hg_bgacts_draw(inpatient ? &c->md->inbg : &c->md->bg, c->r, age, rows, BG_MAX_ROWS);
    for (int i = 0; i < n; i++) med_add_act(c, rows[i], nacts);
}
