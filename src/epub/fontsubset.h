/* fontsubset.h - cuts embedded fonts down to the characters the book uses. */
#ifndef AC_FONTSUBSET_H
#define AC_FONTSUBSET_H

#include "../base/buf.h"

#include <hb.h>

/* Adds every code point of the UTF-8 text to set. */
void ac_codepoints_add(hb_set_t *set, const char *utf8, size_t len);

/* Replaces font (TrueType/OpenType bytes) by its subset for the code points in
 * set, keeping the layout tables (kerning, ligatures). Returns 0, or -1 and
 * leaves font unchanged when the font cannot be subset. */
int ac_font_subset(ac_buf *font, const hb_set_t *set);

#endif
