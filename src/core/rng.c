/* hicgen — xoshiro256** as a GSL generator type, keyed streams. */
#include "hicgen/rng.h"

#include "hicgen/alloc.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
    uint64_t s[4];
} xoshiro_state;

uint64_t hg_mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t next64(xoshiro_state *st)
{
    uint64_t *s = st->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void xo_set(void *vstate, unsigned long seed)
{
    xoshiro_state *st = vstate;
    uint64_t x = (uint64_t)seed;
    /* splitmix64 sequence fills the state; it is never all-zero */
    for (int i = 0; i < 4; i++) {
        x += 0x9e3779b97f4a7c15ULL;
        st->s[i] = hg_mix64(x);
    }
}

/* GSL wants [min, max] in unsigned long; we hand out the high 32 bits, which are the best. */
static unsigned long xo_get(void *vstate)
{
    return (unsigned long)(next64(vstate) >> 32);
}

static double xo_get_double(void *vstate)
{
    return (double)(next64(vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
    "hicgen-xoshiro256**", 0xffffffffUL, 0, sizeof(xoshiro_state), xo_set, xo_get, xo_get_double};
const gsl_rng_type *hg_rng_type = &xoshiro_type;

uint64_t hg_stream_key(uint64_t seed, uint64_t person, uint64_t purpose)
{
    return hg_mix64(hg_mix64(hg_mix64(seed) ^ person) ^ purpose);
}

gsl_rng *hg_rng_alloc(void)
{
    gsl_rng *r = gsl_rng_alloc(hg_rng_type);
    if (!r) hg_oom("random generator", sizeof(gsl_rng));
    return r;
}

void hg_rng_stream(gsl_rng *r, uint64_t seed, uint64_t person, uint64_t purpose)
{
    xo_set(r->state, (unsigned long)hg_stream_key(seed, person, purpose));
}

double hg_fixed_u(uint64_t key)
{
    return (double)(hg_mix64(key) >> 11) * 0x1.0p-53;
}
