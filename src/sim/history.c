/* hicgen — the per-person history shared between record families (see history.h). */
#include "hicgen/history.h"

#include <stdlib.h>
#include <string.h>
#include "hicgen/alloc.h"

void hg_history_reset(hg_history *h)
{
    h->facility_from = 0;
    h->facility_kind = 0;
    h->nrx = h->nrx_items = h->ndrugs = h->ncare = 0;
}

void hg_history_free(hg_history *h)
{
    free(h->rx);
    free(h->rx_items);
    free(h->drugs);
    free(h->care);
    memset(h, 0, sizeof *h);
}

hg_rx *hg_history_rx(hg_history *h, int32_t date, int hospital, int inst)
{
    hg_vec_reserve_((void **)&h->rx, &h->rx_cap, h->nrx + 1, sizeof *h->rx);
    hg_rx *rx = &h->rx[h->nrx++];
    *rx = (hg_rx){.date = date, .hospital = hospital, .inst = inst, .first = h->nrx_items};
    return rx;
}

void hg_history_rx_item(hg_history *h, hg_rx_item item)
{
    hg_vec_reserve_((void **)&h->rx_items, &h->rx_items_cap, h->nrx_items + 1, sizeof *h->rx_items);
    h->rx_items[h->nrx_items++] = item;
    h->rx[h->nrx - 1].nitems++;
}

void hg_history_drug(hg_history *h, int32_t ym, int med_row)
{
    if (h->ndrugs && h->drugs[h->ndrugs - 1].ym == ym && h->drugs[h->ndrugs - 1].med_row == med_row)
        return;
    hg_vec_reserve_((void **)&h->drugs, &h->drugs_cap, h->ndrugs + 1, sizeof *h->drugs);
    h->drugs[h->ndrugs++] = (hg_drug_claim){ym, med_row};
}

void hg_history_care(hg_history *h, int32_t from, int32_t to, int level)
{
    hg_vec_reserve_((void **)&h->care, &h->care_cap, h->ncare + 1, sizeof *h->care);
    h->care[h->ncare++] = (hg_care_span){from, to, level};
}

int hg_history_care_level(const hg_history *h, int32_t ymd)
{
    int level = 0;
    for (int i = 0; i < h->ncare; i++)
        if (h->care[i].from <= ymd && ymd <= h->care[i].to) level = h->care[i].level;
    return level;
}
