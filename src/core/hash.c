/* hicgen — SHA-256 through OpenSSL's EVP interface, and FNV-1a. */
#include "hicgen/hash.h"

#include <stdio.h>
#include <openssl/evp.h>
#include "hicgen/alloc.h"

void hg_hex(const unsigned char *md, unsigned n, char *out)
{
    static const char h[] = "0123456789abcdef";
    for (unsigned i = 0; i < n; i++) {
        out[2 * i] = h[md[i] >> 4];
        out[2 * i + 1] = h[md[i] & 15];
    }
    out[2 * n] = '\0';
}

void hg_sha256_hex(const void *data, size_t n, char out[65])
{
    unsigned char md[32];
    unsigned int len = 0;
    if (!EVP_Digest(data, n, md, &len, EVP_sha256(), NULL)) hg_oom("SHA-256", n);
    hg_hex(md, 32, out);
}

int hg_sha256_file(const char *path, char out[65])
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    if (!md) hg_oom("SHA-256 context", 0);
    EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) EVP_DigestUpdate(md, buf, n);
    int err = ferror(f);
    fclose(f);
    unsigned char dg[32];
    unsigned len;
    EVP_DigestFinal_ex(md, dg, &len);
    EVP_MD_CTX_free(md);
    hg_hex(dg, 32, out);
    return err ? -1 : 0;
}

uint64_t hg_hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
    }
    return h;
}
