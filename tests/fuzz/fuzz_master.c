/* libFuzzer harness: a project master (UTF-8 CSV with a header) through the CSV reader, the
 * master loader (header, required columns, keys, typing of columns by content) and the
 * number reader of every cell. Seed corpus: masters/ (every CSV at any depth). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/master.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    hg_diag d;
    hg_diag_init(&d, NULL);
    hg_mtab m;
    static const char *const req[] = {"code", NULL};
    /* required columns only when the header has them: both paths are exercised */
    const char *const *q = strstr(text, "code") ? req : NULL;
    if (hg_mtab_load_text(&m, "fuzz", "fuzz.csv", text, q, size % 2, &d) == 0) {
        for (int r = 0; r < m.nrows && r < 64; r++)
            for (int c = 0; c < m.ncols; c++) {
                double v;
                hg_mtab_num(&m, r, c, -1e9, 1e9, &v, &d);
            }
        if (m.nrows) hg_mtab_find(&m, hg_mtab_key(&m, 0));
    }
    hg_mtab_free(&m);
    hg_diag_free(&d);
    free(text);
    return 0;
}
