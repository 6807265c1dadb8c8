/* hicgen — JSON strings. */
#include "hicgen/json.h"

void hg_json_str(hg_buf *b, const char *s)
{
    hg_buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            hg_buf_printf(b, "\\%c", c);
        else if (c < 0x20)
            hg_buf_printf(b, "\\u%04x", c);
        else
            hg_buf_putc(b, (char)c);
    }
    hg_buf_putc(b, '"');
}
