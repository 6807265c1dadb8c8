/* libFuzzer harness: an official master (Shift_JIS CSV, no header) through the conversion to
 * UTF-8, the CSV reader and the official loader, with the layout of the 医薬品 master of
 * specs/official_masters.yaml (the widest). Seed corpus: tests/fixtures/official. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/master.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const cols[] = {"medicine_cd", "msn_kanj", "unit_kanj",        "nnp_price",
                                       "generic",     "dsg_frm",  "drug_price_std_cd"};
    static const int pos[] = {2, 4, 9, 11, 16, 27, 31};
    hg_diag d;
    hg_diag_init(&d, NULL);
    hg_mtab m;
    if (hg_mtab_load_official_bytes(&m, "medicine", "y_fuzz.csv", (const char *)data, size, 7, cols,
                                    pos, 0, "Y", &d) == 0) {
        double v;
        for (int r = 0; r < m.nrows && r < 64; r++) hg_mtab_num(&m, r, 3, 0, 1e9, &v, &d);
    }
    hg_mtab_free(&m);
    hg_diag_free(&d);
    return 0;
}
