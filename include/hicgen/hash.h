/* hicgen — hashing: SHA-256 (hashed NDB identifiers, checksums of files and tables) and a
 * 64-bit string hash (FNV-1a) for keyed, reproducible choices and hash tables. */
#ifndef HICGEN_HASH_H
#define HICGEN_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Lower-case hex of md[0..n) into out (2n+1 bytes). */
void hg_hex(const unsigned char *md, unsigned n, char *out);
/* Lower-case hex SHA-256 of data into out[65]. */
void hg_sha256_hex(const void *data, size_t n, char out[65]);
/* SHA-256 (hex) of a file. Returns 0 or -1. */
int hg_sha256_file(const char *path, char out[65]);
/* FNV-1a of a NUL-terminated string: stable across versions and platforms. */
uint64_t hg_hash_str(const char *s);

#endif
