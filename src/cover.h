/* cover.h - the book cover, drawn once with cairo from the book's metadata. */
#ifndef AC_COVER_H
#define AC_COVER_H

#include "base/buf.h"
#include "base/diag.h"
#include "book/book.h"

#include <cairo.h>

/* Draws the cover on cr over a w × h area (any cairo surface: PNG or PDF).
 * Fonts are loaded from fonts_dir only. Returns 0, or -1 after reporting. */
int ac_cover_draw(cairo_t *cr, double w, double h, const ac_book *b,
		  const char *fonts_dir, ac_diags *d);

/* Renders the cover as a 1600 × 2400 PNG into png. Returns 0 or -1. */
int ac_cover_png(const ac_book *b, const char *fonts_dir, ac_buf *png, ac_diags *d);

#endif
