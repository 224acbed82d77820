/* picture.c - loads and draws figures: librsvg for SVG; a JPEG, and most
 * PNGs, embedded in the PDF as the file has them; other pictures decoded
 * with gdk-pixbuf. */
#include "picture.h"

#include "../base/buf.h"
#include "../base/files.h"
#include "../doc/svgcheck.h"
#include "../render/pngpass.h"

#include <fontconfig/fontconfig.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <librsvg/rsvg.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#define MAX_PIXELS (40u * 1000 * 1000)
#define MAX_SIDE 8192
#define MAX_IMAGE_BYTES ((size_t)32 << 20)

/* How much SVG source all the parsed SVG figures of the process hold
 * between them (their cleaned text: librsvg's tree of a figure takes some
 * fifty times as much), and how much of it may be held by figures waiting
 * to be drawn before each is let go once sized, and parsed again when drawn
 * (ac_picture_svg_trim). */
static atomic_size_t svg_held;
#define SVG_HELD_MAX ((size_t)1024 << 10)

struct ac_picture {
	RsvgHandle *svg;  /* SVG: parsed, or NULL when let go (parsed again to draw) */
	bool is_svg;
	size_t svg_bytes; /* SVG: its cleaned text, held parsed while svg is */
	char svg_sum[65]; /* SVG: the SHA-256 of that text, to know it again */
	bool svg_links;   /* SVG: may hold hyperlinks (<a> elements) */
	char *path;       /* the file: PNG, JPEG, GIF decoded, SVG parsed again, when drawn */
	char *media_type;
	char *where;      /* where a failure to decode is reported */
	int line;
	ac_diags *d;      /* borrowed */
	double w, h;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reads the pixel size from a JPEG's SOF marker without decoding. */
static int jpeg_size(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h)
{
	size_t i = 2;
	while (i + 9 < n) {
		if (p[i] != 0xff)
			return -1;
		unsigned m = p[i + 1];
		size_t len = (size_t)p[i + 2] << 8 | p[i + 3];
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			*h = (uint32_t)p[i + 5] << 8 | p[i + 6];
			*w = (uint32_t)p[i + 7] << 8 | p[i + 8];
			return 0;
		}
		i += 2 + len;
	}
	return -1;
}

static void free_buf(void *data)
{
	ac_buf *b = data;
	ac_buf_free(b);
	free(b);
}

/* Whether the SVG text s[0, n) may hold an <a> element, with or without a
 * namespace prefix (one in a comment counts too). */
static bool has_links(const char *s, size_t n)
{
	for (const char *p = memchr(s, '<', n); p; p = memchr(p + 1, '<', (size_t)(s + n - p - 1))) {
		const char *q = p + 1, *end = s + n;
		while (q < end && (isalnum((unsigned char)*q) || *q == '_' || *q == '-' || *q == '.'))
			q++;
		const char *name = p + 1;
		if (q < end && *q == ':')
			name = ++q;
		if (name < end && *name == 'a' && name + 1 < end &&
		    (isspace((unsigned char)name[1]) || name[1] == '>' || name[1] == '/'))
			return true;
	}
	return false;
}

/* Parses the SVG data: librsvg draws the figure as the EPUB has it,
 * checked again on these bytes, no DOCTYPE left to resolve, no editor data.
 * Returns the handle, or NULL with *why (to free) saying why. */
static RsvgHandle *parse_svg(const ac_buf *data, bool *links, size_t *bytes, char sum[65],
			     char **why)
{
	ac_buf clean = AC_BUF_INIT;
	const char *bad = ac_svg_clean(data->ptr ? data->ptr : "", data->len, &clean);
	if (bad) {
		ac_buf_free(&clean);
		*why = ac_xasprintf("SVG figure cannot be drawn: %s", bad);
		return NULL;
	}
	*links = has_links(clean.ptr ? clean.ptr : "", clean.len);
	*bytes = clean.len;
	ac_sha256_hex(clean.ptr ? clean.ptr : "", clean.len, sum);
	GError *err = NULL;
	GInputStream *in = g_memory_input_stream_new_from_data(clean.ptr, (gssize)clean.len, NULL);
	/* No base file: references to other files cannot resolve (data:
	 * pictures, checked above, always do). */
	RsvgHandle *h = rsvg_handle_new_from_stream_sync(in, NULL, RSVG_HANDLE_FLAGS_NONE, NULL, &err);
	g_object_unref(in);
	ac_buf_free(&clean);
	if (!h) {
		*why = ac_xasprintf("SVG figure cannot be read: %s", err ? err->message : "?");
		if (err)
			g_error_free(err);
		return NULL;
	}
	/* CSS's 96 pixels to the inch (librsvg assumes 90), so that "2in"
	 * prints two inches wide. */
	rsvg_handle_set_dpi(h, 96);
	atomic_fetch_add(&svg_held, *bytes);
	return h;
}

static ac_picture *load_svg(const ac_buf *data, const char *real_path, const char *where,
			    int line, ac_diags *d)
{
	bool links = false;
	size_t bytes = 0;
	char sum[65];
	char *why = NULL;
	RsvgHandle *h = parse_svg(data, &links, &bytes, sum, &why);
	if (!h) {
		ac_error(d, where, line, "%s", why);
		free(why);
		return NULL;
	}
	ac_picture *p = ac_xcalloc(1, sizeof *p);
	p->svg = h;
	p->is_svg = true;
	p->svg_bytes = bytes;
	memcpy(p->svg_sum, sum, sizeof sum);
	p->svg_links = links;
	p->path = ac_xstrdup(real_path);
	p->where = ac_xstrdup(where);
	p->line = line;
	p->d = d;
	gdouble w = 0, hh = 0;
	gboolean has_w, has_h, has_vb;
	RsvgLength lw, lh;
	RsvgRectangle vb;
	rsvg_handle_get_intrinsic_dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
	if (rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh) && w > 0 && hh > 0) {
		/* Width and height in absolute units. */
	} else if (has_vb && vb.width > 0 && vb.height > 0) {
		/* Only a viewBox (Graphviz 12 writes no width and height): its
		 * units, as CSS pixels. */
		w = vb.width;
		hh = vb.height;
	} else {
		RsvgRectangle ink, logical;
		rsvg_handle_get_geometry_for_element(h, NULL, &ink, &logical, NULL);
		w = logical.width > 0 ? logical.width : 400;
		hh = logical.height > 0 ? logical.height : 300;
	}
	/* CSS pixels (96 per inch) to points. */
	p->w = w * 0.75;
	p->h = hh * 0.75;
	return p;
}

/* Reads the pixel size from the header of a PNG, JPEG or GIF file. */
static const char *header_size(const ac_buf *data, const char *media_type, uint32_t *w,
			       uint32_t *h)
{
	const unsigned char *u = (const unsigned char *)data->ptr;
	if (!strcmp(media_type, "image/png")) {
		if (data->len < 24 || be32(u + 12) != 0x49484452u)
			return "PNG figure is truncated or malformed";
		*w = be32(u + 16);
		*h = be32(u + 20);
	} else if (!strcmp(media_type, "image/jpeg")) {
		if (jpeg_size(u, data->len, w, h) != 0)
			return "JPEG figure is truncated or malformed";
	} else if (!strcmp(media_type, "image/gif")) {
		if (data->len < 10)
			return "GIF figure is truncated";
		*w = (uint32_t)u[6] | (uint32_t)u[7] << 8;
		*h = (uint32_t)u[8] | (uint32_t)u[9] << 8;
	} else {
		return "figure of an unknown type";
	}
	return NULL;
}

ac_picture *ac_picture_load(const char *real_path, const char *media_type,
			    const char *where, int line, ac_diags *d)
{
	ac_buf data = AC_BUF_INIT;
	ac_picture *p = NULL;
	if (ac_read_file(real_path, MAX_IMAGE_BYTES, &data) != 0) {
		ac_error(d, where, line, "cannot read figure %s: %s", real_path, strerror(errno));
		goto done;
	}
	if (!strcmp(media_type, "image/svg+xml")) {
		p = load_svg(&data, real_path, where, line, d);
		goto done;
	}
	/* The layout needs only the size: the pixels are decoded when the
	 * page that shows them is drawn (ac_picture_pixels). */
	uint32_t w = 0, h = 0;
	const char *why = header_size(&data, media_type, &w, &h);
	if (why) {
		ac_error(d, where, line, "%s", why);
		goto done;
	}
	if (!w || !h || (uint64_t)w * h > MAX_PIXELS) {
		ac_error(d, where, line, "figure of %ux%u pixels is empty or larger than %u pixels",
			 w, h, MAX_PIXELS);
		goto done;
	}
	/* What the decoder will make of it: sides over MAX_SIDE scaled down. */
	double pw = w, ph = h;
	if (w > MAX_SIDE || h > MAX_SIDE) {
		double k = (double)MAX_SIDE / (w > h ? w : h);
		pw = (int)(w * k) > 0 ? (int)(w * k) : 1;
		ph = (int)(h * k) > 0 ? (int)(h * k) : 1;
	}
	p = ac_xcalloc(1, sizeof *p);
	p->path = ac_xstrdup(real_path);
	p->media_type = ac_xstrdup(media_type);
	p->where = ac_xstrdup(where);
	p->line = line;
	p->d = d;
	/* 150 pixels per inch as the natural print size. */
	p->w = pw * 72.0 / 150;
	p->h = ph * 72.0 / 150;
done:
	ac_buf_free(&data);
	return p;
}

/* The components of the frame cairo finds in a JPEG (its own search for
 * the start of frame, step by step), or 0 when it would find none. */
static unsigned cairo_jpeg_components(const unsigned char *d, size_t n, uint32_t w, uint32_t h)
{
	const unsigned char *p = d, *end = d + n;
	while (p + 1 < end) {
		if (*p++ != 0xff)
			return 0;
		unsigned m = *p;
		if (m == 0xff || m == 0x01 || m == 0xd8 || m == 0xd9 || (m >= 0xd0 && m <= 0xd7)) {
			p++; /* fill byte, TEM, SOI, EOI, RSTn: no length */
		} else if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			if (p + 9 > end)
				return 0;
			bool same = ((uint32_t)p[6] << 8 | p[7]) == w && ((uint32_t)p[4] << 8 | p[5]) == h;
			return same ? p[8] : 0;
		} else {
			if (p + 3 > end)
				return 0;
			p += 1 + ((size_t)p[1] << 8 | p[2]);
		}
	}
	return 0;
}

/* A stand-in for the JPEG's pixels: cairo writes the JPEG attached to it. */
static cairo_surface_t *jpeg_stand_in(ac_buf *data, const ac_picture *p)
{
	uint32_t w = 0, h = 0;
	const unsigned char *u = (const unsigned char *)data->ptr;
	if (jpeg_size(u, data->len, &w, &h) != 0 || !w || !h || w > MAX_SIDE || h > MAX_SIDE)
		return NULL;
	unsigned c = cairo_jpeg_components(u, data->len, w, h);
	if (c != 1 && c != 3 && c != 4)
		return NULL;
	cairo_surface_t *s = ac_stand_in_surface();
	if (!s)
		return NULL;
	ac_buf *keep = ac_xcalloc(1, sizeof *keep);
	*keep = *data;
	if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, (unsigned char *)keep->ptr,
					keep->len, free_buf, keep) != CAIRO_STATUS_SUCCESS) {
		free(keep);
		cairo_surface_destroy(s);
		return NULL;
	}
	*data = (ac_buf)AC_BUF_INIT;
	cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *)p->path,
				    strlen(p->path), NULL, NULL);
	return s;
}

/* The picture as a cairo image surface: a JPEG, and a PNG that can pass
 * into the PDF as it is (pngpass.h), without decoding; any other picture
 * decoded with gdk-pixbuf. Returns NULL and sets *why on failure. Touches
 * nothing shared: safe on any thread. */
static cairo_surface_t *decode(const ac_picture *p, char **why)
{
	ac_buf data = AC_BUF_INIT;
	cairo_surface_t *s = NULL;
	GdkPixbuf *pb = NULL;
	if (ac_read_file(p->path, MAX_IMAGE_BYTES, &data) != 0) {
		*why = ac_xasprintf("cannot read figure %s: %s", p->path, strerror(errno));
		goto done;
	}
	if (!strcmp(p->media_type, "image/jpeg")) {
		s = jpeg_stand_in(&data, p);
	} else if (!strcmp(p->media_type, "image/png")) {
		/* gdk-pixbuf draws what it can of a damaged PNG, and says nothing. */
		const char *damaged = NULL;
		s = ac_pngpass_surface(&data, p->path, &damaged);
		if (damaged) {
			*why = ac_xasprintf("figure cannot be decoded: %s", damaged);
			goto done;
		}
	}
	if (s)
		goto done;
	GError *err = NULL;
	GInputStream *in = g_memory_input_stream_new_from_data(data.ptr, (gssize)data.len, NULL);
	pb = gdk_pixbuf_new_from_stream(in, NULL, &err);
	g_object_unref(in);
	if (!pb) {
		*why = ac_xasprintf("figure cannot be decoded: %s", err ? err->message : "?");
		if (err)
			g_error_free(err);
		goto done;
	}
	int pw = gdk_pixbuf_get_width(pb), ph = gdk_pixbuf_get_height(pb);
	/* cairo's image surfaces stop at 32767 pixels a side: a longer picture
	 * is scaled down (print resolution never needs that many). */
	if (pw > MAX_SIDE || ph > MAX_SIDE) {
		double k = (double)MAX_SIDE / (pw > ph ? pw : ph);
		int nw = (int)(pw * k), nh = (int)(ph * k);
		GdkPixbuf *small = gdk_pixbuf_scale_simple(pb, nw > 0 ? nw : 1, nh > 0 ? nh : 1,
							   GDK_INTERP_BILINEAR);
		if (!small) {
			*why = ac_xasprintf("figure of %dx%d pixels cannot be scaled", pw, ph);
			goto done;
		}
		g_object_unref(pb);
		pb = small;
		pw = gdk_pixbuf_get_width(pb);
		ph = gdk_pixbuf_get_height(pb);
	}
	int nch = gdk_pixbuf_get_n_channels(pb), stride = gdk_pixbuf_get_rowstride(pb);
	bool alpha = gdk_pixbuf_get_has_alpha(pb);
	const guchar *px = gdk_pixbuf_read_pixels(pb);
	s = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, pw, ph);
	unsigned char *dst = cairo_image_surface_get_data(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || !dst) {
		cairo_surface_destroy(s);
		s = NULL;
		*why = ac_xasprintf("figure of %dx%d pixels cannot be drawn", pw, ph);
		goto done;
	}
	int dstride = cairo_image_surface_get_stride(s);
	cairo_surface_flush(s);
	for (int y = 0; y < ph; y++) {
		uint32_t *row = (uint32_t *)(void *)(dst + (size_t)y * (size_t)dstride);
		const guchar *src = px + (size_t)y * (size_t)stride;
		if (!alpha) {
			for (int x = 0; x < pw; x++, src += nch)
				row[x] = 0xffu << 24 | (uint32_t)src[0] << 16 | (uint32_t)src[1] << 8 | src[2];
			continue;
		}
		/* cairo's pixels are premultiplied by their alpha. */
		for (int x = 0; x < pw; x++, src += nch) {
			uint32_t a = src[3];
			uint32_t r = src[0] * a / 255, g = src[1] * a / 255, b = src[2] * a / 255;
			row[x] = a << 24 | r << 16 | g << 8 | b;
		}
	}
	cairo_surface_mark_dirty(s);
	/* The same file drawn again, on any page, is the same image in the
	 * PDF: cairo embeds it once. */
	cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *)p->path,
				    strlen(p->path), NULL, NULL);
	if (!strcmp(p->media_type, "image/jpeg")) {
		/* Let the PDF carry the original JPEG instead of re-encoded pixels. */
		ac_buf *keep = ac_xcalloc(1, sizeof *keep);
		*keep = data;
		data = (ac_buf)AC_BUF_INIT;
		cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, (unsigned char *)keep->ptr,
					    keep->len, free_buf, keep);
	}
done:
	if (pb)
		g_object_unref(pb);
	ac_buf_free(&data);
	return s;
}

cairo_surface_t *ac_picture_pixels(const ac_picture *p)
{
	if (p->is_svg)
		return NULL;
	char *why = NULL;
	cairo_surface_t *s = decode(p, &why);
	free(why);
	return s;
}

int ac_picture_use_fonts(const char *fonts_dir)
{
	FcConfig *c = FcConfigCreate();
	if (!c)
		return -1;
	/* Font by font: adding the folder would make fontconfig want a cache. */
	DIR *dp = opendir(fonts_dir);
	struct dirent *e;
	int added = 0;
	while (dp && (e = readdir(dp))) {
		const char *dot = strrchr(e->d_name, '.');
		if (!dot || (strcmp(dot, ".ttf") && strcmp(dot, ".otf")))
			continue;
		char *path = ac_path_join(fonts_dir, e->d_name);
		added += FcConfigAppFontAddFile(c, (const FcChar8 *)path) ? 1 : 0;
		free(path);
	}
	if (dp)
		closedir(dp);
	if (!added || !FcConfigSetCurrent(c)) {
		FcConfigDestroy(c);
		return -1;
	}
	/* The current configuration holds its own reference now. */
	FcConfigDestroy(c);
	return 0;
}

void ac_picture_place(ac_picture *p, const char *where, int line, ac_diags *d)
{
	free(p->where);
	p->where = where ? ac_xstrdup(where) : NULL;
	p->line = line;
	p->d = d;
}

void ac_picture_free(ac_picture *p)
{
	if (!p)
		return;
	ac_picture_svg_release(p);
	free(p->path);
	free(p->media_type);
	free(p->where);
	free(p);
}

bool ac_picture_is_svg(const ac_picture *p)
{
	return p->is_svg;
}

void ac_picture_svg_release(const ac_picture *cp)
{
	ac_picture *p = (ac_picture *)cp; /* the parsed tree is a cache (picture.h) */
	if (!p->svg)
		return;
	g_object_unref(p->svg);
	p->svg = NULL;
	atomic_fetch_sub(&svg_held, p->svg_bytes);
}

size_t ac_picture_svg_held(const ac_picture *p)
{
	return p->svg ? p->svg_bytes : 0;
}

void ac_picture_svg_trim(const ac_picture *p)
{
	if (p->svg && atomic_load(&svg_held) > SVG_HELD_MAX)
		ac_picture_svg_release(p);
}

/* Parses the SVG figure p again, from its file, if it was let go; NULL
 * with *why (to free) when it cannot be. */
static RsvgHandle *parsed(const ac_picture *cp, char **why)
{
	ac_picture *p = (ac_picture *)cp; /* the parsed tree is a cache (picture.h) */
	if (p->svg)
		return p->svg;
	ac_buf data = AC_BUF_INIT;
	if (ac_read_file(p->path, MAX_IMAGE_BYTES, &data) != 0) {
		*why = ac_xasprintf("cannot read figure %s again: %s", p->path, strerror(errno));
		ac_buf_free(&data);
		return NULL;
	}
	bool links = false;
	size_t bytes = 0;
	char sum[65];
	RsvgHandle *h = parse_svg(&data, &links, &bytes, sum, why);
	ac_buf_free(&data);
	/* The file changed since it was laid out: drawn as it is now, the
	 * PDF would show another figure than the EPUB, perhaps overflowing
	 * its box. */
	if (h && strcmp(sum, p->svg_sum) != 0) {
		g_object_unref(h);
		atomic_fetch_sub(&svg_held, bytes);
		*why = ac_xasprintf("SVG figure %s changed while the book was built", p->path);
		return NULL;
	}
	p->svg = h;
	return h;
}

int ac_picture_svg_draw(const ac_picture *p, cairo_t *cr, double x, double y, double w, double h,
			char **why)
{
	RsvgHandle *svg = parsed(p, why);
	if (!svg)
		return -1;
	cairo_save(cr);
	RsvgRectangle vp = {x, y, w, h};
	GError *err = NULL;
	bool drawn = rsvg_handle_render_document(svg, cr, &vp, &err);
	cairo_restore(cr);
	if (!drawn) {
		*why = ac_xasprintf("librsvg could not draw all of SVG figure %s: %s", p->path,
				    err ? err->message : "?");
		if (err)
			g_error_free(err);
		return 1;
	}
	return 0;
}

const char *ac_picture_where(const ac_picture *p, int *line)
{
	*line = p->line;
	return p->where;
}

bool ac_picture_svg_has_links(const ac_picture *p)
{
	return p->svg_links;
}

void ac_picture_size(const ac_picture *p, double *w, double *h)
{
	*w = p->w;
	*h = p->h;
}

void ac_picture_draw(const ac_picture *p, cairo_t *cr, double x, double y, double w, double h,
		     cairo_surface_t *pixels)
{
	if (p->is_svg && !pixels) {
		char *why = NULL;
		int rc = ac_picture_svg_draw(p, cr, x, y, w, h, &why);
		if (rc < 0)
			ac_error(p->d, p->where, p->line, "%s", why);
		else if (rc > 0)
			ac_warn(p->d, p->where, p->line, "%s", why);
		free(why);
		/* Kept parsed for another page within the budget. */
		ac_picture_svg_trim(p);
		return;
	}
	cairo_surface_t *own = NULL;
	if (!pixels) {
		char *why = NULL;
		pixels = own = decode(p, &why);
		if (!pixels) {
			ac_error(p->d, p->where, p->line, "%s", why);
			free(why);
			return;
		}
	}
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, w / cairo_image_surface_get_width(pixels),
		    h / cairo_image_surface_get_height(pixels));
	ac_stand_in_paint(cr, pixels);
	cairo_restore(cr);
	/* cairo holds what it needs until the page is written. */
	if (own)
		cairo_surface_destroy(own);
}
