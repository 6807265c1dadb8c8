/* hicgen — deterministic random streams.
 *
 * Every draw comes from a stream keyed by (seed, person index, purpose). A stream is a GSL
 * generator of our own type (xoshiro256**, seeded through splitmix64) so that all of GSL's
 * gsl_ran_* distributions work on it, while creating one costs a few multiplications: we can
 * afford a fresh stream per person and purpose, which is what makes output independent of the
 * thread count, the shard count and the order of work. */
#ifndef HICGEN_RNG_H
#define HICGEN_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

extern const gsl_rng_type *hg_rng_type;

/* A purpose is the 64-bit hash of a name: the model's are declared in streams.h; a spec column's
 * is the hash of "table.column" (hg_hash_str). */
/* The key of stream (seed, person, purpose). */
uint64_t hg_stream_key(uint64_t seed, uint64_t person, uint64_t purpose);
/* A new generator of hicgen's type; free with gsl_rng_free. */
gsl_rng *hg_rng_alloc(void);
/* Restarts r as stream (seed, person, purpose). */
void hg_rng_stream(gsl_rng *r, uint64_t seed, uint64_t person, uint64_t purpose);
/* splitmix64 finaliser: a good 64-bit mixing function. */
uint64_t hg_mix64(uint64_t x);
/* A uniform number in [0, 1) fixed for a key (53 bits of hg_mix64(key)): the same institution,
 * person or condition always gets the same answer, whatever the random streams draw. */
double hg_fixed_u(uint64_t key);

#endif
