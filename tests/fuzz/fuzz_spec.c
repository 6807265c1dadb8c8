/* libFuzzer harness: a table spec (YAML text) through the parser, the binder (against a record
 * kind with a field of every value kind) and the emitter (a few rows of fixed values), then
 * schema.sql. Any input must end in an error message or in output, never in a crash, a leak
 * or undefined behaviour. Seed corpus: specs/tables. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hicgen/emit.h"
#include "hicgen/engine.h"
#include "hicgen/spec.h"

static const hg_field fields[] = {
    {"i", HG_V_INT}, {"s", HG_V_STR}, {"dt", HG_V_DATE}, {"dec", HG_V_DEC}, {"big", HG_V_INT},
};
static const hg_reckind demo = {"demo", 5, fields};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    hg_diag d;
    hg_diag_init(&d, NULL);
    hg_specset s = {0};
    hg_registry r = {0};
    hg_registry_add(&r, &demo);
    if (hg_spec_parse(&s, "fuzz.yaml", text, &d) == 0 && hg_spec_bind(&s, &r, &d) == 0) {
        hg_emitter e;
        hg_emitter_init(&e, &s, r.nkinds, 1);
        hg_value v[5] = {hg_vint(42), hg_vstr("テキスト,\"q\""), hg_vdate(20220401),
                         hg_vdec(12345, 3), hg_vint(40000)};
        for (uint64_t p = 0; p < 3; p++) {
            hg_emitter_person(&e, p);
            hg_emit(&e, 0, v);
            v[0] = hg_vnull();
        }
        hg_emitter_free(&e);
        hg_buf b = {0};
        hg_write_schema(&b, &s);
        hg_write_load(&b, &s, 1);
        hg_buf_free(&b);
    }
    hg_spec_free(&s);
    hg_registry_free(&r);
    hg_diag_free(&d);
    free(text);
    return 0;
}
