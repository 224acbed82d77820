/* font.h - bundled fonts loaded with FreeType, shaped with HarfBuzz, cached. */
#ifndef AC_FONT_H
#define AC_FONT_H

#include "../base/diag.h"
#include "theme.h"

#include <cairo.h>
#include <hb.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ac_font {
	char *file;
	hb_font_t *hb;             /* scale = units per em */
	cairo_font_face_t *cairo;  /* owns its FreeType face */
	double upem;
	double ascent, descent;    /* in ems; descent positive */
} ac_font;

/* One glyph, in ems of the font size. */
typedef struct {
	uint32_t id;
	uint32_t cluster;  /* byte offset in the shaped text of its characters */
	double advance, dx, dy;
} ac_glyph;

/* A run of glyphs from one font: part of a shaped piece of text. */
typedef struct {
	const ac_font *font;
	ac_glyph *glyphs;
	size_t count;
	size_t text_start, text_len; /* the bytes of the text this run covers */
	double width;                /* ems */
} ac_run;

/* A shaped piece of text (usually one word). */
typedef struct {
	char *text;
	size_t len;
	ac_run *runs;
	size_t nruns;
	double width;      /* ems */
	uint32_t missing;  /* a code point no bundled font has, or 0 */
} ac_shaped;

typedef struct ac_fonts ac_fonts;

/* Loads the theme's faces and fallbacks from fonts_dir (never the system's).
 * Returns NULL after reporting. */
ac_fonts *ac_fonts_new(const ac_theme *t, const char *fonts_dir, ac_diags *d);
void ac_fonts_free(ac_fonts *f);
/* Empties the shaping cache: what ac_shape returned is no longer valid. */
void ac_fonts_forget(ac_fonts *f);

const ac_font *ac_fonts_face(const ac_fonts *f, ac_face_role role);

/* Shapes text with the face for role, falling back per character to the
 * theme's fallback faces. Kerning and ligatures on unless plain is set (code).
 * The result is cached and borrowed: valid until ac_fonts_free. */
const ac_shaped *ac_shape(ac_fonts *f, ac_face_role role, bool plain, const char *text,
			  size_t len);

/* The distinct code points of text that neither the face for role nor any
 * fallback has, in order of appearance, at most max of them into out.
 * Returns their count. */
size_t ac_fonts_missing(const ac_fonts *f, ac_face_role role, const char *text, size_t len,
			uint32_t *out, size_t max);

/* Statistics of the cache, for benchmarks. */
size_t ac_fonts_cache_size(const ac_fonts *f);

#endif
