/* picture.h - figures for the page: SVG (as vectors), PNG and JPEG. */
#ifndef AC_PICTURE_H
#define AC_PICTURE_H

#include "../base/diag.h"

#include <cairo.h>

typedef struct ac_picture ac_picture;

/* Loads an image file checked by the doc stage. Pixel images over a budget of
 * pixels are refused before decoding; SVG is read from memory with no base
 * URL, so it cannot reach other files. Returns NULL after reporting against
 * where (PATH) and line. */
ac_picture *ac_picture_load(const char *real_path, const char *media_type,
			    const char *where, int line, ac_diags *d);
void ac_picture_free(ac_picture *p);

/* Makes SVG text use only the fonts in fonts_dir: fontconfig, which librsvg
 * asks for fonts, gets a configuration of that folder alone. Call once,
 * before the first picture is drawn. Returns 0 or -1. */
int ac_picture_use_fonts(const char *fonts_dir);

/* Natural size in points. */
void ac_picture_size(const ac_picture *p, double *w, double *h);

/* Draws the picture scaled into the w × h box at (x, y). */
void ac_picture_draw(const ac_picture *p, cairo_t *cr, double x, double y, double w, double h);

#endif
