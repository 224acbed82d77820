/* pdf.c - the cairo PDF device: glyph runs with their text, rules, pictures,
 * links, named destinations, outline, metadata and page labels. */
#include "device.h"

#include "../base/buf.h"
#include "prefetch.h"

#include <cairo-pdf.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

/* cairo 1.16 compresses every stream of the PDF (page contents, fonts, the
 * pixels of PNG pictures) through zlib's deflateInit at the default level,
 * 6, and has no setting for it. This definition of deflateInit's entry
 * point takes the place of zlib's for the whole program: a call that asks
 * for the default level gets level 1, five times faster on the pixels of
 * screenshots for 45 % more bytes, with the same content (deflate is
 * lossless; the bytes are the same on every run). Everything else asks
 * zlib through deflateInit2 (libpng, libzip) and is left as it was. */
int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	if (level == Z_DEFAULT_COMPRESSION)
		level = 1;
	return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
			     stream_size);
}

/* Glyph runs waiting to be shown in one call: same font, size, colour and
 * baseline (a line of text, usually). */
typedef struct {
	const ac_font *font;
	double size, y;
	ac_rgb color;
	cairo_glyph_t *glyphs;
	size_t nglyphs, capglyphs;
	cairo_text_cluster_t *clusters;
	size_t nclusters, capclusters;
	ac_buf text;
} batch;

/* The sources and scaled fonts the pages use, made once: cairo 1.16 makes
 * a new pattern for every cairo_set_source_rgb that changes the colour, and
 * looks its font map up (hashing face, matrix and options) for every change
 * of face, unless cairo_set_scaled_font hands it the scaled font it used
 * just before. A code line changes colour, and often face, at each token. */
enum { NINKS = 32, NSCALED = 16 };

typedef struct {
	ac_rgb color;
	cairo_pattern_t *pattern;
} ink;

typedef struct {
	const ac_font *font;
	double size;
	cairo_scaled_font_t *scaled;
} scaled;

typedef struct {
	ac_device base;
	cairo_surface_t *surface;
	cairo_t *cr;
	ac_buf *out;
	bool started;
	batch pend;
	ink inks[NINKS];
	size_t ninks;
	scaled fonts[NSCALED];
	size_t nfonts;
	ac_prefetch *prefetch; /* pixels of the coming pictures, or NULL */
	char tag[8];  /* the open structure element ("P", "H2"), or "" */
	int tag_block; /* the block it belongs to */
} pdf_dev;

static void close_tag(pdf_dev *p);

/* Sets the colour c as the source, from the patterns made so far (the
 * first NINKS colours; any others are made each time). */
static void set_color(pdf_dev *p, ac_rgb c)
{
	for (size_t i = 0; i < p->ninks; i++) {
		ac_rgb k = p->inks[i].color;
		if (k.r == c.r && k.g == c.g && k.b == c.b) {
			cairo_set_source(p->cr, p->inks[i].pattern);
			return;
		}
	}
	if (p->ninks == NINKS) {
		cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
		return;
	}
	ink *k = &p->inks[p->ninks++];
	k->color = c;
	k->pattern = cairo_pattern_create_rgb(c.r, c.g, c.b);
	cairo_set_source(p->cr, k->pattern);
}

/* Sets font at size: the scaled font cairo made for them the first time
 * (at the page's identity matrix, where all text is drawn). */
static void set_font(pdf_dev *p, const ac_font *font, double size)
{
	for (size_t i = 0; i < p->nfonts; i++) {
		if (p->fonts[i].font == font && p->fonts[i].size == size) {
			cairo_set_scaled_font(p->cr, p->fonts[i].scaled);
			return;
		}
	}
	cairo_set_font_face(p->cr, font->cairo);
	cairo_set_font_size(p->cr, size);
	if (p->nfonts == NSCALED)
		return;
	scaled *f = &p->fonts[p->nfonts++];
	f->font = font;
	f->size = size;
	f->scaled = cairo_scaled_font_reference(cairo_get_scaled_font(p->cr));
}

static void flush(pdf_dev *p)
{
	batch *b = &p->pend;
	if (!b->nglyphs) {
		b->font = NULL;
		return;
	}
	cairo_t *cr = p->cr;
	set_font(p, b->font, b->size);
	set_color(p, b->color);
	cairo_show_text_glyphs(cr, b->text.ptr, (int)b->text.len, b->glyphs, (int)b->nglyphs,
			       b->clusters, (int)b->nclusters, 0);
	b->nglyphs = b->nclusters = 0;
	ac_buf_reset(&b->text);
	b->font = NULL;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	ac_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Quotes a string for cairo's tag attributes: '…' with \ and ' escaped. */
static void quoted(ac_buf *b, const char *s)
{
	ac_buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			ac_buf_addc(b, '\\');
		ac_buf_addc(b, *s);
	}
	ac_buf_addc(b, '\'');
}

/* cairo 1.16 leaves the structure tree out of documents whose page size is a
 * whole number of points (US Letter, 6 × 9 in), and then writes link
 * annotations that point at missing objects. A ten-thousandth of a point
 * more avoids that and changes nothing on paper. */
static double page_dim(double v)
{
	return v == floor(v) ? v + 0.0001 : v;
}

static void pdf_begin(ac_device *dev, double w, double h, const double frame[4],
		      const char *label)
{
	(void)frame;
	pdf_dev *p = (pdf_dev *)dev;
	w = page_dim(w);
	h = page_dim(h);
	if (!p->started) {
		p->surface = cairo_pdf_surface_create_for_stream(to_buf, p->out, w, h);
		p->cr = cairo_create(p->surface);
		p->started = true;
		/* A structure root: the document is tagged, and cairo 1.16 writes
		 * link annotations correctly only inside a structure tree. */
		cairo_tag_begin(p->cr, "Document", "");
	} else {
		cairo_pdf_surface_set_size(p->surface, w, h);
	}
	if (label)
		cairo_pdf_surface_set_page_label(p->surface, label);
}

/* Appends one cluster for each group of glyphs HarfBuzz shaped from the same
 * characters. Single glyphs then map to their text through the font's
 * ToUnicode table, which keeps the content stream plain; cairo marks only
 * the rare many-glyph clusters with ActualText. A run that holds spaces (a
 * line of code) becomes one cluster, so that copying it keeps its
 * indentation; so does a run whose clusters do not advance (right to
 * left). */
static void add_clusters(batch *b, const ac_run *r, const char *text)
{
	size_t n = r->count, end = r->text_start + r->text_len;
	bool forward = !memchr(text + r->text_start, ' ', r->text_len);
	for (size_t i = 1; i < n && forward; i++)
		forward = r->glyphs[i].cluster >= r->glyphs[i - 1].cluster;
	forward = forward && r->glyphs[0].cluster == r->text_start &&
		  r->glyphs[n - 1].cluster < end;
	if (b->nclusters + n > b->capclusters) {
		b->capclusters = (b->nclusters + n) * 2;
		b->clusters = ac_xrealloc(b->clusters, b->capclusters * sizeof *b->clusters);
	}
	if (!forward) {
		b->clusters[b->nclusters].num_bytes = (int)r->text_len;
		b->clusters[b->nclusters].num_glyphs = (int)n;
		b->nclusters++;
		return;
	}
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && r->glyphs[j].cluster == r->glyphs[i].cluster)
			j++;
		size_t next = j < n ? r->glyphs[j].cluster : end;
		b->clusters[b->nclusters].num_bytes = (int)(next - r->glyphs[i].cluster);
		b->clusters[b->nclusters].num_glyphs = (int)(j - i);
		b->nclusters++;
		i = j;
	}
}

static void pdf_draw(ac_device *dev, const ac_op *op, double dx, double dy)
{
	pdf_dev *p = (pdf_dev *)dev;
	cairo_t *cr = p->cr;
	double x = op->x + dx, y = op->y + dy;
	if (op->kind != AC_OP_GLYPHS)
		flush(p);
	switch (op->kind) {
	case AC_OP_GLYPHS: {
		const ac_run *r = op->run;
		if (!r->count)
			break;
		batch *b = &p->pend;
		if (b->font && (b->font != r->font || b->size != op->size ||
				b->color.r != op->color.r || b->color.g != op->color.g ||
				b->color.b != op->color.b))
			flush(p);
		b->font = r->font;
		b->size = op->size;
		b->y = y;
		b->color = op->color;
		if (b->nglyphs + r->count > b->capglyphs) {
			b->capglyphs = (b->nglyphs + r->count) * 2;
			b->glyphs = ac_xrealloc(b->glyphs, b->capglyphs * sizeof *b->glyphs);
		}
		double pen = x;
		for (size_t i = 0; i < r->count; i++) {
			cairo_glyph_t *g = &b->glyphs[b->nglyphs++];
			g->index = r->glyphs[i].id;
			g->x = pen + r->glyphs[i].dx * op->size;
			g->y = y - r->glyphs[i].dy * op->size;
			pen += r->glyphs[i].advance * op->size;
		}
		add_clusters(b, r, op->text);
		ac_buf_add(&b->text, op->text + r->text_start, r->text_len);
		break;
	}
	case AC_OP_RECT:
		set_color(p, op->color);
		cairo_rectangle(cr, x, y, op->w, op->h);
		cairo_fill(cr);
		break;
	case AC_OP_RULE:
		set_color(p, op->color);
		cairo_set_line_width(cr, op->stroke > 0 ? op->stroke : 0.5);
		cairo_move_to(cr, x, y);
		cairo_line_to(cr, x + op->w, y + op->h);
		cairo_stroke(cr);
		break;
	case AC_OP_PICTURE:
	{
		/* The pixels go once cairo has them: it keeps its own until the
		 * page is written. */
		cairo_surface_t *px = ac_prefetch_take(p->prefetch, op->pic);
		ac_picture_draw(op->pic, cr, x, y, op->w, op->h, px);
		if (px)
			cairo_surface_destroy(px);
		break;
	}
	case AC_OP_LINK: {
		ac_buf a = AC_BUF_INIT;
		ac_buf_printf(&a, "rect=[%.2f %.2f %.2f %.2f] ", x, y, op->w, op->h);
		if (op->target[0] == '#') {
			ac_buf_adds(&a, "dest=");
			quoted(&a, op->target + 1);
		} else {
			ac_buf_adds(&a, "uri=");
			quoted(&a, op->target);
		}
		cairo_tag_begin(cr, CAIRO_TAG_LINK, ac_buf_str(&a));
		cairo_tag_end(cr, CAIRO_TAG_LINK);
		ac_buf_free(&a);
		break;
	}
	case AC_OP_DEST: {
		ac_buf a = AC_BUF_INIT;
		ac_buf_adds(&a, "name=");
		quoted(&a, op->target);
		ac_buf_printf(&a, " x=%.2f y=%.2f", x, y);
		cairo_tag_begin(cr, CAIRO_TAG_DEST, ac_buf_str(&a));
		cairo_tag_end(cr, CAIRO_TAG_DEST);
		ac_buf_free(&a);
		break;
	}
	}
}

static void pdf_end(ac_device *dev)
{
	pdf_dev *p = (pdf_dev *)dev;
	close_tag(p);
	flush(p);
	cairo_show_page(p->cr);
}

static void pdf_custom(ac_device *dev, void (*fn)(void *ctx, void *cr), void *ctx)
{
	pdf_dev *p = (pdf_dev *)dev;
	flush(p);
	cairo_save(p->cr);
	fn(ctx, p->cr);
	cairo_restore(p->cr);
}

static void close_tag(pdf_dev *p)
{
	if (!p->tag[0])
		return;
	flush(p);
	cairo_tag_end(p->cr, p->tag);
	p->tag[0] = '\0';
}

/* Paragraphs and headings become structure elements; a paragraph that
 * continues on the next page becomes a second element there. */
static void pdf_mark(ac_device *dev, const ac_vitem *box, double y)
{
	pdf_dev *p = (pdf_dev *)dev;
	(void)y;
	if (!box || box->kind != AC_V_BOX || box->height <= 0) {
		if (!box)
			close_tag(p);
		return;
	}
	if (p->tag[0] && box->block == p->tag_block)
		return;
	close_tag(p);
	if (box->role == AC_ROLE_PARA)
		snprintf(p->tag, sizeof p->tag, "P");
	else if (box->role == AC_ROLE_HEADING)
		snprintf(p->tag, sizeof p->tag, "H%d", box->level >= 1 && box->level <= 6 ? box->level : 1);
	else if (box->role == AC_ROLE_NOTE)
		snprintf(p->tag, sizeof p->tag, "Note");
	else
		return;
	flush(p);
	p->tag_block = box->block;
	cairo_tag_begin(p->cr, p->tag, "");
}

static void pdf_pictures(ac_device *dev, const ac_picture *const *order, size_t n)
{
	pdf_dev *p = (pdf_dev *)dev;
	ac_prefetch_free(p->prefetch);
	p->prefetch = ac_prefetch_new(order, n);
}

static int pdf_outline(ac_device *dev, int parent, const char *title, const char *dest)
{
	pdf_dev *p = (pdf_dev *)dev;
	if (!p->started)
		return 0;
	ac_buf a = AC_BUF_INIT;
	ac_buf_adds(&a, "dest=");
	quoted(&a, dest);
	int id = cairo_pdf_surface_add_outline(p->surface, parent, title, ac_buf_str(&a), 0);
	ac_buf_free(&a);
	return id;
}

static int pdf_finish(ac_device *dev)
{
	pdf_dev *p = (pdf_dev *)dev;
	if (!p->started)
		return -1;
	ac_prefetch_free(p->prefetch);
	p->prefetch = NULL;
	cairo_tag_end(p->cr, "Document");
	cairo_destroy(p->cr);
	p->cr = NULL;
	cairo_surface_finish(p->surface);
	int rc = cairo_surface_status(p->surface) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(p->surface);
	p->surface = NULL;
	return rc;
}

static void pdf_free(ac_device *dev)
{
	pdf_dev *p = (pdf_dev *)dev;
	ac_prefetch_free(p->prefetch);
	free(p->pend.glyphs);
	free(p->pend.clusters);
	ac_buf_free(&p->pend.text);
	for (size_t i = 0; i < p->ninks; i++)
		cairo_pattern_destroy(p->inks[i].pattern);
	for (size_t i = 0; i < p->nfonts; i++)
		cairo_scaled_font_destroy(p->fonts[i].scaled);
	if (p->cr)
		cairo_destroy(p->cr);
	if (p->surface)
		cairo_surface_destroy(p->surface);
	free(p);
}

static void set_meta(pdf_dev *p, const ac_pdf_meta *m)
{
	if (m->title)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, m->title);
	if (m->author)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, m->author);
	if (m->subject)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_SUBJECT, m->subject);
	if (m->keywords)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_KEYWORDS, m->keywords);
	if (m->creator)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, m->creator);
	time_t t = (time_t)m->epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	char date[32];
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
}

typedef struct {
	pdf_dev dev;
	ac_pdf_meta meta;
} pdf_with_meta;

static void pdf_begin_meta(ac_device *dev, double w, double h, const double frame[4],
			   const char *label)
{
	pdf_with_meta *pm = (pdf_with_meta *)dev;
	bool first = !pm->dev.started;
	pdf_begin(dev, w, h, frame, label);
	if (first)
		set_meta(&pm->dev, &pm->meta);
}

ac_device *ac_pdf_device_new(const ac_pdf_meta *meta, ac_buf *out)
{
	pdf_with_meta *pm = ac_xcalloc(1, sizeof *pm);
	pm->meta = *meta;
	pm->dev.out = out;
	ac_device *d = &pm->dev.base;
	d->begin_page = pdf_begin_meta;
	d->draw = pdf_draw;
	d->end_page = pdf_end;
	d->pictures = pdf_pictures;
	d->outline = pdf_outline;
	d->mark = pdf_mark;
	d->custom = pdf_custom;
	d->finish = pdf_finish;
	d->free = pdf_free;
	return d;
}
