/* libFuzzer harness: the CSV tokenizer alone, over UTF-8 and over Shift_JIS (the first byte
 * chooses), reading every record and asking for every field's column — the layer under both
 * master readers, where quoting, line breaks and byte columns are handled. */
#include <stdint.h>
#include <string.h>
#include "hicgen/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) return 0;
    hg_diag d;
    hg_diag_init(&d, NULL);
    hg_csv c;
    const char *enc = data[0] & 1 ? "CP932" : NULL;
    if (hg_csv_open_bytes(&c, "fuzz.csv", (const char *)data + 1, size - 1, enc, &d) == 0) {
        int r, n = 0;
        while ((r = hg_csv_next(&c, &d)) != 0 && n++ < 100000) {
            if (r < 0) continue;
            for (int i = 0; i < c.nfields; i++) {
                /* every field is a NUL-terminated string with a column on its line */
                if (strlen(c.fields[i]) > c.len || c.cols[i] < 1) __builtin_trap();
            }
        }
        hg_csv_close(&c);
    }
    hg_diag_free(&d);
    return 0;
}
