/* hicgen — tar member headers (see tar.h). */
#include "tar.h"

#include <stdio.h>
#include <string.h>

static void octal(char *field, size_t width, unsigned long long v)
{
    snprintf(field, width, "%0*llo", (int)width - 1, v);
}

/* One 512-byte ustar header block with its checksum. */
static void ustar(unsigned char *h, const char *name, uint64_t size, char type, int mode,
                  long long mtime)
{
    memset(h, 0, 512);
    memcpy(h, name, strlen(name));
    octal((char *)h + 100, 8, (unsigned)mode & 07777u);
    octal((char *)h + 108, 8, 0);
    octal((char *)h + 116, 8, 0);
    if (size <= HG_TAR_USTAR_MAX)
        octal((char *)h + 124, 12, size);
    else {
        /* GNU base-256: a leading 0x80, then the size big-endian in the remaining 11 bytes */
        h[124] = 0x80;
        for (int i = 0; i < 8; i++) h[135 - i] = (unsigned char)(size >> (8 * i));
    }
    octal((char *)h + 136, 12, (unsigned long long)mtime);
    memset(h + 148, ' ', 8);
    h[156] = (unsigned char)type;
    memcpy(h + 257, "ustar", 6);
    memcpy(h + 263, "00", 2);
    memcpy(h + 265, "root", 4);
    memcpy(h + 297, "root", 4);
    unsigned sum = 0;
    for (int i = 0; i < 512; i++) sum += h[i];
    snprintf((char *)h + 148, 8, "%06o", sum);
    h[155] = ' ';
}

size_t hg_tar_header(unsigned char out[HG_TAR_HEADER_MAX], const char *name, uint64_t size, int dir,
                     long long mtime)
{
    if (strlen(name) >= 100) return 0;
    if (size <= HG_TAR_USTAR_MAX) {
        ustar(out, name, size, dir ? '5' : '0', dir ? 0755 : 0644, mtime);
        return 512;
    }
    /* a pax record is "LEN size=N\n" where LEN counts the whole record, its own digits too */
    char rec[64], body[40];
    snprintf(body, sizeof body, " size=%llu\n", (unsigned long long)size);
    size_t len = strlen(body) + 1;
    while ((size_t)snprintf(rec, sizeof rec, "%zu%s", len, body) != len) len++;
    char pname[100];
    snprintf(pname, sizeof pname, "PaxHeaders/%.88s", name);
    ustar(out, pname, len, 'x', 0644, mtime);
    memset(out + 512, 0, 512);
    memcpy(out + 512, rec, len);
    ustar(out + 1024, name, size, '0', 0644, mtime);
    return 1536;
}
