/* hicgen — the persons register (hicgen_persons): one row per simulated person, so that rates
 * have their denominators. The NDB has no such table (researchers use population statistics);
 * here every person of the dataset is known: sex, birth month, prefecture, insurer type at the
 * start of the period and month of death. It links to every other table by id5. */
#include "families/persons/persons.h"

#include <string.h>
#include "hicgen/deaths.h"
#include "hicgen/family.h"
#include "hicgen/history.h"

// clang-format off
#define HG_REC_PERSON(X, P)                                                                      \
    X(P, person, INT) X(P, id5, STR) X(P, sex_div, STR) X(P, birth, DATE) X(P, tdfk, STR)        \
    X(P, insurer_type, STR) X(P, death, DATE) X(P, death_cause, STR) X(P, death_icd10, STR)       \
    X(P, death_place, STR)
// clang-format on
HG_FIELD_ENUM(HG_REC_PERSON, PS);
HG_FIELD_TABLE(HG_REC_PERSON, PS);

#define PERSON_KINDS(X) X(K_PERSON, "person", PS)
enum { PERSON_KINDS(HG_X_KIND_ENUM) K__N };
static const hg_reckind person_kinds[K__N] = {PERSON_KINDS(HG_X_KIND)};

/* The insurer type names of hg_instype, as written in insurer_type. */
static const char *const ins_names[] = {"kokuho", "kyokai", "kumiai", "kyosai", "kouki", "seiho"};

static int persons_load(void **state, const hg_model *m, const hg_model_paths *p, hg_diag *d)
{
    (void)m, (void)p, (void)d;
    *state = NULL;
    return 0;
}

static void persons_free(void *state)
{
    (void)state;
}

static void persons_emit(const hg_fx *fx, const hg_person *p)
{
    hg_value v[PS__N];
    char tdfk[3] = {(char)('0' + p->pref / 10), (char)('0' + p->pref % 10), '\0'};
    v[PS_person] = hg_vint((int64_t)p->idx);
    v[PS_id5] = hg_vstr(p->id5);
    v[PS_sex_div] = hg_vstr(p->sex == HG_SEX_M ? "1" : "2");
    v[PS_birth] = hg_vdate(p->birth);
    v[PS_tdfk] = hg_vstr(tdfk);
    int t = p->nspells ? p->spells[0].type : -1;
    v[PS_insurer_type] = t >= 0 && t < (int)(sizeof ins_names / sizeof *ins_names)
                             ? hg_vstr(ins_names[t])
                             : hg_vnull();
    v[PS_death] = p->death ? hg_vdate(p->death) : hg_vnull();
    const hg_dcause *dc = p->death && p->death_cause >= 0 ? &fx->m->dcauses[p->death_cause] : NULL;
    v[PS_death_cause] = dc ? hg_vstr(dc->id) : hg_vnull();
    v[PS_death_icd10] = dc && dc->icd10[0] ? hg_vstr(dc->icd10) : hg_vnull();
    v[PS_death_place] = dc ? hg_vstr(hg_dplace_codes[hg_death_place_final(p, fx->h->facility_from,
                                                                          fx->h->facility_kind)])
                           : hg_vnull();
    hg_fx_emit(fx, K_PERSON, v);
}

const hg_family hg_family_persons = {
    .name = "persons",
    .title = "persons register (denominators)",
    .kinds = person_kinds,
    .nkinds = K__N,
    .load = persons_load,
    .free = persons_free,
    .reads = HG_HIST_RESIDENCE,
    .emit = persons_emit,
};
