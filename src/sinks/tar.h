/* hicgen — tar member headers for the package archive: POSIX ustar, with a pax extended header
 * for a size of 8 GiB or more (the ustar size field holds 11 octal digits). */
#ifndef HICGEN_TAR_H
#define HICGEN_TAR_H

#include <stddef.h>
#include <stdint.h>

/* The largest size the ustar size field holds (8 GiB - 1). */
#define HG_TAR_USTAR_MAX 077777777777ULL
/* Room for the longest header: pax header block, its one data block, ustar header. */
#define HG_TAR_HEADER_MAX 1536

/* The header blocks of one member (owner 0:0, mode 0644 or 0755, the given mtime) into out:
 * 512 bytes, or 1536 when the size needs a pax "size" record (the ustar size field then also
 * carries it in GNU base-256 form). Returns the number of bytes, or 0 when name does not fit
 * (99 bytes at most). */
size_t hg_tar_header(unsigned char out[HG_TAR_HEADER_MAX], const char *name, uint64_t size, int dir,
                     long long mtime);

#endif
