/* hicgen — one member of a zip archive (see zip.h). The layout follows PKWARE's APPNOTE: the
 * end-of-central-directory record at the end of the file points to the central directory,
 * whose entries point to each member's local header, followed by its data. */
#include "hicgen/zip.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "hicgen/alloc.h"

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

/* Reads the whole file (archives of masters are a few MiB). */
static unsigned char *slurp(const char *path, size_t max, size_t *n, hg_diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        hg_diag_at(d, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    hg_buf b = {0};
    char tmp[65536];
    size_t got;
    while ((got = fread(tmp, 1, sizeof tmp, f)) > 0 && b.len <= max) hg_buf_put(&b, tmp, got);
    int err = ferror(f);
    fclose(f);
    if (err || b.len > max) {
        hg_diag_at(d, path, 0, 0, err ? "cannot read" : "larger than the masters allowed");
        hg_buf_free(&b);
        return NULL;
    }
    *n = b.len;
    return (unsigned char *)b.p;
}

static int has_suffix(const char *name, size_t len, const char *const *suffixes)
{
    if (!suffixes) return 1;
    for (const char *const *s = suffixes; *s; s++) {
        size_t sl = strlen(*s);
        if (len >= sl && !strncasecmp(name + len - sl, *s, sl)) return 1;
    }
    return 0;
}

/* Inflates (or copies) one member's data into out. */
static int extract(const unsigned char *z, size_t zn, size_t local, uint32_t method, uint32_t csize,
                   uint32_t usize, size_t max, hg_buf *out)
{
    if (local + 30 > zn || le32(z + local) != 0x04034b50) return -1;
    size_t data = local + 30 + le16(z + local + 26) + le16(z + local + 28);
    if (data > zn || csize > zn - data || usize > max) return -1;
    hg_buf_clear(out);
    if (method == 0) {
        hg_buf_put(out, (const char *)z + data, csize);
        return csize == usize ? 0 : -1;
    }
    if (method != 8) return -1;
    hg_buf_reserve(out, (size_t)usize + 1);
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit2(&s, -MAX_WBITS) != Z_OK) return -1;
    s.next_in = (Bytef *)(uintptr_t)(z + data);
    s.avail_in = csize;
    s.next_out = (Bytef *)out->p;
    s.avail_out = usize;
    int rc = inflate(&s, Z_FINISH);
    size_t got = (size_t)usize - s.avail_out;
    inflateEnd(&s);
    if (rc != Z_STREAM_END || got != usize) return -1;
    out->len = got;
    out->p[got] = '\0';
    return 0;
}

int hg_zip_read(const char *path, const char *const *suffixes, size_t max_bytes, hg_buf *out,
                char **member, hg_diag *d)
{
    size_t zn;
    unsigned char *z = slurp(path, max_bytes, &zn, d);
    if (!z) return -1;
    /* the end-of-central-directory record: 22 bytes plus a comment of at most 65535 */
    size_t eocd = 0;
    int found = 0;
    for (size_t i = zn >= 22 ? zn - 22 : 0; zn >= 22; i--) {
        if (le32(z + i) == 0x06054b50) {
            eocd = i;
            found = 1;
            break;
        }
        if (i == 0 || zn - i > 22 + 65535) break;
    }
    if (!found) {
        hg_diag_at(d, path, 0, 0, "not a zip archive (no end of central directory)");
        free(z);
        return -1;
    }
    uint32_t entries = le16(z + eocd + 10), cdoff = le32(z + eocd + 16);
    size_t at = cdoff;
    int rc = -1, matched = 0;
    for (uint32_t e = 0; e < entries && at + 46 <= zn && le32(z + at) == 0x02014b50; e++) {
        uint32_t flags = le16(z + at + 8), method = le16(z + at + 10);
        uint32_t csize = le32(z + at + 20), usize = le32(z + at + 24);
        uint32_t nlen = le16(z + at + 28), xlen = le16(z + at + 30), clen = le16(z + at + 32);
        uint32_t local = le32(z + at + 42);
        const char *name = (const char *)z + at + 46;
        if (at + 46 + nlen > zn) break;
        at += 46 + (size_t)nlen + xlen + clen;
        if (!nlen || name[nlen - 1] == '/' || !has_suffix(name, nlen, suffixes)) continue;
        matched = 1;
        if (flags & 1) {
            hg_diag_at(d, path, 0, 0, "member %.*s is encrypted; extract it first", (int)nlen,
                       name);
            break;
        }
        if (csize == 0xFFFFFFFFu || usize == 0xFFFFFFFFu) {
            hg_diag_at(d, path, 0, 0, "member %.*s needs zip64; extract it first", (int)nlen, name);
            break;
        }
        if (extract(z, zn, local, method, csize, usize, max_bytes, out) != 0) {
            hg_diag_at(d, path, 0, 0,
                       "member %.*s cannot be read (compression method %u, or damaged); "
                       "extract it first",
                       (int)nlen, name, (unsigned)method);
            break;
        }
        if (member) {
            *member = hg_xmalloc(nlen + 1);
            memcpy(*member, name, nlen);
            (*member)[nlen] = '\0';
        }
        rc = 0;
        break;
    }
    if (rc && !matched) hg_diag_at(d, path, 0, 0, "no .csv or .txt member in the archive");
    free(z);
    return rc;
}
