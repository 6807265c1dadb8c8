/* hicgen — the family table: every record family, in the order a person's families run (all
 * life-course hooks first, then all emitters). The order is a declaration of data flow: 医科
 * writes the prescriptions and drug claims that 調剤 and 特定健診 read; 介護's life hook writes
 * the care-facility residence that 医科 reads. hg_families_check verifies it at load. */
#include "hicgen/family.h"

#include <string.h>
#include "families/checkup/checkup.h"
#include "families/dental/dental.h"
#include "families/kaigo/kaigo.h"
#include "families/med/med.h"
#include "families/persons/persons.h"
#include "families/pharmacy/pharmacy.h"

const hg_family *const hg_families[] = {
    &hg_family_med, /* 医科・DPC: writes HG_HIST_RX, HG_HIST_DRUGS (院内); reads RESIDENCE, CARE */
    &hg_family_pharmacy, /* 調剤: reads HG_HIST_RX; writes HG_HIST_DRUGS (院外, filled) */
    &hg_family_checkup,  /* 特定健診・保健指導: reads HG_HIST_DRUGS */
    &hg_family_dental,   /* 歯科 */
    &hg_family_kaigo,    /* 介護: its life hook writes HG_HIST_RESIDENCE, HG_HIST_CARE */
    &hg_family_persons,  /* the persons register (denominators) */
};
const int hg_nfamilies = sizeof hg_families / sizeof hg_families[0];

int hg_families_check(const hg_family *const *fs, int n, hg_diag *d)
{
    unsigned by_life = 0, written = 0;
    int bad = 0;
    for (int i = 0; i < n; i++) by_life |= fs[i]->life_writes;
    for (int i = 0; i < n; i++) {
        unsigned missing = fs[i]->reads & ~(by_life | written);
        if (missing) {
            hg_diag_err(d, "family table",
                        "family '%s' reads history 0x%x that no life hook and no earlier family "
                        "writes; reorder src/families/families.c",
                        fs[i]->name, missing);
            bad = 1;
        }
        written |= fs[i]->writes;
        for (int j = 0; j < i; j++)
            if (!strcmp(fs[j]->name, fs[i]->name)) {
                hg_diag_err(d, "family table", "two families named '%s'", fs[i]->name);
                bad = 1;
            }
    }
    return bad ? -1 : 0;
}
