/* font.c - loads fonts (FreeType for cairo, HarfBuzz for shaping) and caches
 * shaped words. */
#include "font.h"

#include "../base/buf.h"
#include "../base/files.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ot.h>

#include <stdlib.h>
#include <string.h>

typedef struct {
	uint64_t hash;
	int key; /* role * 2 + plain */
	ac_shaped *value;
} slot;

struct ac_fonts {
	ac_font faces[AC_FACE_COUNT];
	ac_font fallbacks[AC_MAX_FALLBACKS];
	int nfallbacks;
	slot *slots;
	size_t cap, count;
	hb_buffer_t *buf;
};

static const cairo_user_data_key_t ft_key;

static void done_face(void *face)
{
	FT_Library lib = ((FT_Face)face)->glyph->library;
	FT_Done_Face((FT_Face)face);
	FT_Done_FreeType(lib);
}

static int load(ac_font *f, const char *dir, const char *file, ac_diags *d)
{
	char *path = ac_path_join(dir, file);
	int rc = -1;
	FT_Library lib = NULL;
	FT_Face face = NULL;
	hb_blob_t *blob = hb_blob_create_from_file(path);
	if (!blob || hb_blob_get_length(blob) == 0) {
		ac_error(d, path, 0, "cannot read the font");
		goto fail;
	}
	if (FT_Init_FreeType(&lib) != 0 || FT_New_Face(lib, path, 0, &face) != 0) {
		ac_error(d, path, 0, "cannot load the font");
		goto fail;
	}
	hb_face_t *hface = hb_face_create(blob, 0);
	f->hb = hb_font_create(hface);
	f->upem = hb_face_get_upem(hface);
	hb_font_set_scale(f->hb, (int)f->upem, (int)f->upem);
	hb_ot_font_set_funcs(f->hb);
	hb_face_destroy(hface);
	hb_font_extents_t ext;
	hb_font_get_h_extents(f->hb, &ext);
	f->ascent = ext.ascender / f->upem;
	f->descent = -ext.descender / f->upem;
	f->cairo = cairo_ft_font_face_create_for_ft_face(face, 0);
	cairo_font_face_set_user_data(f->cairo, &ft_key, face, done_face);
	face = NULL;
	lib = NULL;
	f->file = ac_xstrdup(file);
	rc = 0;
fail:
	if (face)
		FT_Done_Face(face);
	if (lib)
		FT_Done_FreeType(lib);
	hb_blob_destroy(blob);
	free(path);
	return rc;
}

static void unload(ac_font *f)
{
	if (f->hb)
		hb_font_destroy(f->hb);
	if (f->cairo)
		cairo_font_face_destroy(f->cairo);
	free(f->file);
	memset(f, 0, sizeof *f);
}

ac_fonts *ac_fonts_new(const ac_theme *t, const char *fonts_dir, ac_diags *d)
{
	ac_fonts *f = ac_xcalloc(1, sizeof *f);
	int bad = 0;
	for (int i = 0; i < AC_FACE_COUNT; i++)
		bad |= load(&f->faces[i], fonts_dir, t->faces[i], d);
	for (int i = 0; i < t->nfallbacks; i++)
		if (load(&f->fallbacks[f->nfallbacks], fonts_dir, t->fallbacks[i], d) == 0)
			f->nfallbacks++;
	if (bad) {
		ac_fonts_free(f);
		return NULL;
	}
	f->buf = hb_buffer_create();
	f->cap = 4096;
	f->slots = ac_xcalloc(f->cap, sizeof *f->slots);
	return f;
}

static void shaped_free(ac_shaped *s)
{
	for (size_t i = 0; i < s->nruns; i++)
		free(s->runs[i].glyphs);
	free(s->runs);
	free(s->text);
	free(s);
}

void ac_fonts_free(ac_fonts *f)
{
	if (!f)
		return;
	for (int i = 0; i < AC_FACE_COUNT; i++)
		unload(&f->faces[i]);
	for (int i = 0; i < f->nfallbacks; i++)
		unload(&f->fallbacks[i]);
	for (size_t i = 0; i < f->cap; i++)
		if (f->slots && f->slots[i].value)
			shaped_free(f->slots[i].value);
	free(f->slots);
	if (f->buf)
		hb_buffer_destroy(f->buf);
	free(f);
}

void ac_fonts_forget(ac_fonts *f)
{
	for (size_t i = 0; i < f->cap; i++)
		if (f->slots[i].value) {
			shaped_free(f->slots[i].value);
			f->slots[i].value = NULL;
		}
	f->count = 0;
}

const ac_font *ac_fonts_face(const ac_fonts *f, ac_face_role role)
{
	return &f->faces[role];
}

size_t ac_fonts_cache_size(const ac_fonts *f)
{
	return f->count;
}

static uint64_t fnv(const char *s, size_t n, int key)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)key;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h ? h : 1;
}

/* Decodes one UTF-8 code point (input is valid UTF-8); returns its length. */
static size_t utf8_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (p[0] < 0x80 || n < 2) {
		*cp = p[0];
		return 1;
	}
	if (p[0] < 0xe0) {
		*cp = ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
		return 2;
	}
	if (p[0] < 0xf0 || n < 4) {
		*cp = n < 3 ? 0xfffd : ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
		return n < 3 ? n : 3;
	}
	*cp = ((p[0] & 0x07u) << 18) | ((p[1] & 0x3fu) << 12) | ((p[2] & 0x3fu) << 6) |
	      (p[3] & 0x3fu);
	return 4;
}

static bool has_glyph(const ac_font *f, uint32_t cp)
{
	hb_codepoint_t g;
	return hb_font_get_nominal_glyph(f->hb, cp, &g);
}

/* Marks, joiners and variation selectors follow the character before them. */
static bool clings(uint32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || cp == 0x200d || cp == 0x200c ||
	       (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	       (cp >= 0x20d0 && cp <= 0x20ff);
}

static void shape_run(ac_fonts *f, const ac_font *font, bool plain, ac_shaped *s,
		      size_t start, size_t len)
{
	static const hb_feature_t off[] = {
		{HB_TAG('l', 'i', 'g', 'a'), 0, 0, (unsigned)-1},
		{HB_TAG('c', 'l', 'i', 'g'), 0, 0, (unsigned)-1},
		{HB_TAG('c', 'a', 'l', 't'), 0, 0, (unsigned)-1},
		{HB_TAG('k', 'e', 'r', 'n'), 0, 0, (unsigned)-1},
	};
	hb_buffer_clear_contents(f->buf);
	hb_buffer_add_utf8(f->buf, s->text, (int)s->len, (unsigned)start, (int)len);
	hb_buffer_guess_segment_properties(f->buf);
	/* Text runs left to right here; right-to-left scripts are shaped in
	 * their own direction by HarfBuzz's guess. */
	hb_shape(font->hb, f->buf, plain ? off : NULL, plain ? 4 : 0);
	unsigned n = 0;
	hb_glyph_info_t *info = hb_buffer_get_glyph_infos(f->buf, &n);
	hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(f->buf, NULL);
	s->runs = ac_xrealloc(s->runs, (s->nruns + 1) * sizeof *s->runs);
	ac_run *r = &s->runs[s->nruns++];
	r->font = font;
	r->glyphs = ac_xcalloc(n ? n : 1, sizeof *r->glyphs);
	r->count = n;
	r->text_start = start;
	r->text_len = len;
	r->width = 0;
	for (unsigned i = 0; i < n; i++) {
		r->glyphs[i].id = info[i].codepoint;
		r->glyphs[i].cluster = info[i].cluster;
		r->glyphs[i].advance = pos[i].x_advance / font->upem;
		r->glyphs[i].dx = pos[i].x_offset / font->upem;
		r->glyphs[i].dy = pos[i].y_offset / font->upem;
		r->width += r->glyphs[i].advance;
	}
	s->width += r->width;
}

static ac_shaped *shape_new(ac_fonts *f, ac_face_role role, bool plain, const char *text,
			    size_t len)
{
	ac_shaped *s = ac_xcalloc(1, sizeof *s);
	s->text = ac_xstrndup(text, len);
	s->len = len;
	const ac_font *primary = &f->faces[role];
	/* Split into runs by the first font that has each character. */
	size_t run_start = 0;
	const ac_font *run_font = NULL;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t step = utf8_next(text + i, len - i, &cp);
		const ac_font *pick = primary;
		if (run_font && clings(cp)) {
			pick = run_font;
		} else if (!has_glyph(primary, cp) && cp >= 0x20) {
			pick = NULL;
			for (int k = 0; k < f->nfallbacks && !pick; k++)
				if (has_glyph(&f->fallbacks[k], cp))
					pick = &f->fallbacks[k];
			if (!pick) {
				if (!s->missing)
					s->missing = cp;
				pick = primary;
			}
		}
		if (run_font && pick != run_font) {
			shape_run(f, run_font, plain, s, run_start, i - run_start);
			run_start = i;
		}
		run_font = pick;
		i += step;
	}
	if (run_font)
		shape_run(f, run_font, plain, s, run_start, len - run_start);
	return s;
}

size_t ac_fonts_missing(const ac_fonts *f, ac_face_role role, const char *text, size_t len,
			uint32_t *out, size_t max)
{
	const ac_font *primary = &f->faces[role];
	size_t n = 0;
	for (size_t i = 0; i < len && n < max;) {
		uint32_t cp;
		i += utf8_next(text + i, len - i, &cp);
		if (cp < 0x20 || clings(cp) || has_glyph(primary, cp))
			continue;
		bool found = false;
		for (int k = 0; k < f->nfallbacks && !found; k++)
			found = has_glyph(&f->fallbacks[k], cp);
		for (size_t k = 0; k < n && !found; k++)
			found = out[k] == cp;
		if (!found)
			out[n++] = cp;
	}
	return n;
}

static void grow(ac_fonts *f)
{
	size_t cap = f->cap * 2;
	slot *slots = ac_xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < f->cap; i++) {
		if (!f->slots[i].value)
			continue;
		size_t j = f->slots[i].hash & (cap - 1);
		while (slots[j].value)
			j = (j + 1) & (cap - 1);
		slots[j] = f->slots[i];
	}
	free(f->slots);
	f->slots = slots;
	f->cap = cap;
}

const ac_shaped *ac_shape(ac_fonts *f, ac_face_role role, bool plain, const char *text,
			  size_t len)
{
	int key = (int)role * 2 + (plain ? 1 : 0);
	uint64_t h = fnv(text, len, key);
	size_t j = h & (f->cap - 1);
	while (f->slots[j].value) {
		slot *sl = &f->slots[j];
		if (sl->hash == h && sl->key == key && sl->value->len == len &&
		    !memcmp(sl->value->text, text, len))
			return sl->value;
		j = (j + 1) & (f->cap - 1);
	}
	ac_shaped *s = shape_new(f, role, plain, text, len);
	f->slots[j].hash = h;
	f->slots[j].key = key;
	f->slots[j].value = s;
	if (++f->count * 2 > f->cap)
		grow(f);
	return s;
}
