/* picture.h - figures for the page: SVG (as vectors), PNG and JPEG. */
#ifndef AC_PICTURE_H
#define AC_PICTURE_H

#include "../base/diag.h"

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct ac_picture ac_picture;

/* Loads an image file checked by the doc stage. Of a PNG, JPEG or GIF only
 * the header is read (its size): the pixels are decoded when the picture is
 * drawn and released once the page is written, so that memory does not grow
 * with the number of pictures; a picture over a budget of pixels is refused
 * here. SVG is parsed here, from memory with no base URL, so it cannot reach
 * other files. Returns NULL after reporting against where (PATH) and line;
 * a picture that fails to decode when drawn is reported there, later, into
 * the same d. */
ac_picture *ac_picture_load(const char *real_path, const char *media_type,
			    const char *where, int line, ac_diags *d);
void ac_picture_free(ac_picture *p);

/* Where a failure to decode p when it is drawn is reported from now on: a
 * picture loaded elsewhere (preload.h) given its figure's place. */
void ac_picture_place(ac_picture *p, const char *where, int line, ac_diags *d);

/* Makes SVG text use only the fonts in fonts_dir: fontconfig, which librsvg
 * asks for fonts, gets a configuration of that folder alone. Call once,
 * before the first picture is drawn. Returns 0 or -1. */
int ac_picture_use_fonts(const char *fonts_dir);

/* Whether p is an SVG figure (drawn as vectors, no pixels to decode). */
bool ac_picture_is_svg(const ac_picture *p);

/* An SVG figure is parsed when loaded (for its size and to report a bad
 * one at its line) and its parsed tree kept as a cache until it is drawn:
 * some fifty times the size of its text, so that a book of many large
 * figures would otherwise hold them all. The cache is let go by
 * ac_picture_svg_release (after the figure's last drawing) or, once the
 * figures held parsed in the whole process pass a budget (1 MB of their
 * text), by ac_picture_svg_trim (after it is sized or drawn); a figure let
 * go is parsed again from its file when drawn. One thread at a time may
 * draw, release or trim a given figure. */
void ac_picture_svg_release(const ac_picture *p);
void ac_picture_svg_trim(const ac_picture *p);

/* The text of the SVG figure p held parsed now (bytes), or 0. */
size_t ac_picture_svg_held(const ac_picture *p);

/* Draws the SVG figure p into the w × h box at (x, y), parsing it again if
 * it was let go. Returns 0; -1 with *why (to free) saying why it cannot be
 * drawn (its file is gone, or its cleaned text changed since it was
 * loaded); 1 with *why when librsvg drew only part of it (a warning).
 * Nothing is reported here, so that any thread may call it. */
int ac_picture_svg_draw(const ac_picture *p, cairo_t *cr, double x, double y, double w, double h,
			char **why);

/* Where p is reported: PATH (with *line), or NULL. */
const char *ac_picture_where(const ac_picture *p, int *line);

/* Whether the SVG figure p may hold hyperlinks: librsvg makes them links
 * of the PDF page it draws on, so p must be drawn in place. */
bool ac_picture_svg_has_links(const ac_picture *p);

/* Natural size in points. */
void ac_picture_size(const ac_picture *p, double *w, double *h);

/* The decoded pixels of a PNG, JPEG or GIF picture, for ac_picture_draw:
 * a new image surface the caller destroys (a JPEG's carries the original
 * file for the PDF to embed as it is), or NULL for SVG or on failure. Safe
 * to call on another thread than the one drawing. */
cairo_surface_t *ac_picture_pixels(const ac_picture *p);

/* Draws the picture scaled into the w × h box at (x, y). pixels: what
 * ac_picture_pixels gave for it, or a stand-in for an SVG figure drawn
 * elsewhere (svgpass.h), borrowed; NULL to decode or draw it here. The
 * same file drawn several times is embedded once in a PDF. */
void ac_picture_draw(const ac_picture *p, cairo_t *cr, double x, double y, double w, double h,
		     cairo_surface_t *pixels);

#endif
