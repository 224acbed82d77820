/* pdf.c - the cairo PDF device: glyph runs with their text, rules, pictures,
 * links, named destinations, outline, metadata and page labels. */
#include "device.h"

#include "../base/buf.h"
#include "pdfua.h"
#include "prefetch.h"
#include "svgpass.h"

#include <cairo-pdf.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AC_PDF_MAX_DEPTH 64

/* An operation of a box, waiting for the end of its page. */
typedef struct {
	const ac_vitem *box;
	const ac_op *op;
	double dx, dy;
} pending;

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
	ac_svgpass *svgpass;   /* where SVG figures are drawn beside (borrowed), or NULL */
	/* The page's text, drawn when the page ends (see pdf_mark). */
	pending *pend_ops;
	size_t npend, cappend;
	const ac_vitem *box; /* the box being drawn, or NULL: page furniture */
	const ac_vitem *last; /* the last box drawn in its place in the flow */
	bool doc_open;        /* the Document element is begun */
	bool in_artifact;     /* an artifact is begun (see begin_artifact) */
	int graft_base;       /* open containers a graft goes into, or -1 */
	/* Open structure elements below the document, outermost first, and
	 * the element of a block open inside them (leaf, of block leaf_block). */
	const ac_snode *open[AC_PDF_MAX_DEPTH];
	bool open_leaf[AC_PDF_MAX_DEPTH]; /* their leaf flags (the last are
					   * ended once the boxes are gone) */
	int nopen;
	const char *leaf;
	int leaf_block;
	pending *links; /* links met inside an element that holds content */
	size_t nlinks, caplinks;
	const ac_vitem **seen_headers; /* table header rows already tagged */
	size_t nseen, capseen;
	ac_pdf_elem *elems; /* every structure element begun, in order */
	size_t nelems, capelems;
	int tags[AC_PDF_MAX_DEPTH + 4]; /* the elements begun and not ended */
	int ntags;
	int root_kids; /* elements begun outside every other */
} pdf_dev;

static void begin_elem(pdf_dev *p, const char *type, const char *alt, char scope);

/* The device and the document's metadata. */
typedef struct {
	pdf_dev dev;
	ac_pdf_meta meta;
} pdf_with_meta;

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

static void draw_op(pdf_dev *p, const ac_op *op, double dx, double dy)
{
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
		/* The pixels go once cairo has them: it keeps a snapshot until
		 * the page is written (of pixels it allocated, it takes the
		 * memory over; a stand-in's single pixel, it copies). */
		cairo_surface_t *px = NULL;
		if (!ac_picture_is_svg(op->pic)) {
			px = ac_prefetch_take(p->prefetch, op->pic);
		} else if (p->svgpass && !ac_picture_svg_has_links(op->pic)) {
			/* Never in place then: the thread may be drawing the same
			 * figure. A figure with no area shows nothing either way.
			 * (A figure with links is drawn in place: librsvg makes
			 * them links of the page it draws on.) */
			if (op->w > 0 && op->h > 0)
				px = ac_svgpass_stand_in(p->svgpass, op->pic, x, y, op->w, op->h);
			if (!px)
				break;
		}
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
		/* cairo makes it a Link element inside the open one. */
		if (p->ntags)
			p->elems[p->tags[p->ntags - 1]].kids++;
		else
			p->root_kids++;
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
	case AC_OP_STRUCT:
		break;
	}
}

/* Begins a tag of type (a static string) and records it for
 * ac_pdfua_finish, which gives it the attributes cairo cannot write. */
static void begin_tag(pdf_dev *p, const char *type, const char *alt, char scope)
{
	flush(p);
	/* The structure root, begun with the first element inside it: cairo
	 * would put what is drawn before (the cover) into it while it has no
	 * children, under a marked-content id the tree does not list. It also
	 * writes link annotations correctly only inside a structure tree. */
	if (!p->doc_open) {
		p->doc_open = true;
		begin_tag(p, "Document", NULL, 0);
	}
	if (p->nelems == p->capelems) {
		p->capelems = p->capelems ? p->capelems * 2 : 256;
		p->elems = ac_xrealloc(p->elems, p->capelems * sizeof *p->elems);
	}
	ac_pdf_elem *e = &p->elems[p->nelems];
	e->type = type;
	e->alt = alt ? ac_xstrdup(alt) : NULL;
	e->scope = scope;
	e->parent = p->ntags ? p->tags[p->ntags - 1] : -1;
	e->rank = e->parent < 0 ? p->root_kids++ : p->elems[e->parent].kids++;
	e->kids = 0;
	p->tags[p->ntags++] = (int)p->nelems++;
	cairo_tag_begin(p->cr, type, "");
}

/* Ends the element begun last. */
static void end_tag(pdf_dev *p)
{
	flush(p);
	cairo_tag_end(p->cr, p->elems[p->tags[--p->ntags]].type);
}

static void end_artifact(pdf_dev *p)
{
	if (p->in_artifact) {
		end_tag(p);
		p->in_artifact = false;
	}
}

/* What is drawn outside the book's text (running heads, folios, rules,
 * shades, repeated header rows, the cover) is an artifact. cairo 1.16
 * writes no artifacts and accepts only the standard structure types as
 * tags, so it goes into a Private element, whose content cairo marks
 * "/Private << /MCID n >> BDC"; ac_pdfua_finish makes that marked content
 * /Artifact and takes the Private elements out of the structure tree. */
static void begin_artifact(pdf_dev *p)
{
	if (!p->in_artifact) {
		begin_tag(p, AC_PDF_ARTIFACT_TAG, NULL, 0);
		p->in_artifact = true;
	}
}

/* Begins structure element type, ending the artifact drawn before. */
static void begin_elem(pdf_dev *p, const char *type, const char *alt, char scope)
{
	end_artifact(p);
	begin_tag(p, type, alt, scope);
}

/* Links met inside an element that holds content are drawn once it ends:
 * cairo 1.16 makes each link a Link element, and marks content only in
 * elements without children, so a link inside a paragraph would leave
 * the paragraph's text untagged. */
static void draw_links(pdf_dev *p)
{
	for (size_t i = 0; i < p->nlinks; i++)
		draw_op(p, p->links[i].op, p->links[i].dx, p->links[i].dy);
	p->nlinks = 0;
}

static void close_leaf(pdf_dev *p)
{
	if (p->leaf) {
		end_tag(p);
		p->leaf = NULL;
		draw_links(p);
	}
}

/* Ends the open elements after the first keep. */
static void close_to(pdf_dev *p, int keep)
{
	end_artifact(p);
	close_leaf(p);
	while (p->nopen > keep) {
		end_tag(p);
		if (p->open_leaf[--p->nopen])
			draw_links(p);
	}
}

/* Ends what holds content (the block's element, a cell), keeping the
 * containers (a table, a list) open: page furniture, a repeated header
 * row and the end of a page are drawn outside every element that cairo
 * marks. */
static void close_content(pdf_dev *p)
{
	close_leaf(p);
	int keep = p->nopen;
	while (keep > 0 && p->open_leaf[keep - 1])
		keep--;
	close_to(p, keep);
}

/* The element of a box's own block, inside its node: P, H1…H6, Code;
 * NULL when the node holds the content itself (a cell, a figure) or the
 * box is a table row (its cells are nodes). */
static const char *block_elem(const ac_vitem *box)
{
	static const char *const h[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
	if (box->sn && box->sn->leaf)
		return NULL;
	switch (box->role) {
	case AC_ROLE_PARA:
	case AC_ROLE_OTHER: /* contents and index lines */
		return "P";
	case AC_ROLE_HEADING:
		return h[box->level >= 1 && box->level <= 6 ? box->level - 1 : 0];
	case AC_ROLE_CODE:
		return "Code";
	case AC_ROLE_NOTE: /* in its Note */
		return box->sn ? "P" : "Note";
	default:
		return NULL;
	}
}

/* How many open elements are containers (the rest hold content). */
static int containers(const pdf_dev *p)
{
	int keep = p->nopen;
	while (keep > 0 && p->open_leaf[keep - 1])
		keep--;
	return keep;
}

/* Makes node (and inside it leaf, of block) the open element: ends what is
 * open below their common ancestor, begins the rest. base >= 0: node's
 * ancestors go inside the first base open elements (a graft, see
 * draw_text); -1: they are the whole path. */
static void open_at(pdf_dev *p, const ac_snode *node, const char *leaf, int block, int base)
{
	const ac_snode *path[AC_PDF_MAX_DEPTH];
	/* A node already inside those containers (a figure that floated
	 * within its list) keeps its own path. */
	for (const ac_snode *n = node; n && base > 0; n = n->parent)
		for (int k = 0; k < base; k++)
			if (p->open[k] == n)
				base = -1;
	int depth = base > 0 ? base : 0;
	for (int i = 0; i < depth; i++)
		path[i] = p->open[i];
	int up = 0;
	for (const ac_snode *n = node; n; n = n->parent)
		up++;
	int skip = depth + up > AC_PDF_MAX_DEPTH ? depth + up - AC_PDF_MAX_DEPTH : 0;
	int i = depth + up - skip;
	for (const ac_snode *n = node; n; n = n->parent) {
		if (skip) {
			skip--;
			continue;
		}
		path[--i] = n;
	}
	depth += up;
	if (depth > AC_PDF_MAX_DEPTH)
		depth = AC_PDF_MAX_DEPTH;
	int common = 0;
	while (common < depth && common < p->nopen && p->open[common] == path[common])
		common++;
	if (common == depth && common == p->nopen &&
	    (leaf ? p->leaf && p->leaf_block == block : !p->leaf))
		return;
	close_to(p, common);
	for (; common < depth; common++) {
		const ac_snode *n = path[common];
		begin_elem(p, n->type, n->alt, n->scope);
		p->open_leaf[p->nopen] = n->leaf;
		p->open[p->nopen++] = n;
	}
	if (leaf) {
		begin_elem(p, leaf, NULL, 0);
		p->leaf = leaf;
		p->leaf_block = block;
	}
}

static bool seen_header(pdf_dev *p, const ac_vitem *box)
{
	for (size_t i = 0; i < p->nseen; i++)
		if (p->seen_headers[i] == box)
			return true;
	if (p->nseen == p->capseen) {
		p->capseen = p->capseen ? p->capseen * 2 : 16;
		p->seen_headers = ac_xrealloc(p->seen_headers, p->capseen * sizeof *p->seen_headers);
	}
	p->seen_headers[p->nseen++] = box;
	return false;
}

static void queue_link(pdf_dev *p, const pending *e)
{
	if (p->nlinks == p->caplinks) {
		p->caplinks = p->caplinks ? p->caplinks * 2 : 16;
		p->links = ac_xrealloc(p->links, p->caplinks * sizeof *p->links);
	}
	p->links[p->nlinks++] = *e;
}

/* Draws the page's text in order, each operation inside the structure
 * elements of its box, or of the node an AC_OP_STRUCT before it names. */
static void draw_text(pdf_dev *p)
{
	const ac_vitem *box = NULL;
	const ac_snode *over = NULL;
	bool artifact = false, moved = false;
	for (size_t i = 0; i < p->npend; i++) {
		const pending *e = &p->pend_ops[i];
		const ac_op *op = e->op;
		if (e->box != box) {
			/* A figure that floated past text after it (blocks are
			 * numbered in flow order) is drawn among that text: it
			 * joins its elements. */
			moved = p->last && e->box->floats && e->box->block < p->last->block;
			box = e->box;
			if (!moved)
				p->last = box;
			over = NULL;
			/* A header row repeated atop a page is drawn again, not read
			 * again. */
			artifact = box->header && seen_header(p, box);
		}
		if (op->kind == AC_OP_STRUCT) {
			over = op->node;
			continue;
		}
		if (artifact) {
			close_content(p);
			begin_artifact(p);
		} else if (op->kind == AC_OP_LINK) {
			queue_link(p, e);
			if (!p->leaf && !(p->nopen && p->open_leaf[p->nopen - 1]))
				draw_links(p);
			continue;
		} else {
			/* Notes at the foot of the page and figures that floated
			 * go into the containers open where they are drawn (the
			 * list or table the page ends in, which then stays one
			 * element over the page break). */
			bool grafted = box->role == AC_ROLE_NOTE || moved;
			if (grafted && p->graft_base < 0)
				p->graft_base = containers(p);
			else if (!grafted)
				p->graft_base = -1;
			if (over)
				open_at(p, over, NULL, -1, p->graft_base);
			else
				open_at(p, box->sn, block_elem(box), box->block, p->graft_base);
		}
		draw_op(p, op, e->dx, e->dy);
	}
	p->npend = 0;
	close_content(p);
}

static void pdf_end(ac_device *dev)
{
	pdf_dev *p = (pdf_dev *)dev;
	flush(p);
	end_artifact(p);
	draw_text(p);
	flush(p);
	cairo_show_page(p->cr);
}

static void pdf_custom(ac_device *dev, void (*fn)(void *ctx, void *cr), void *ctx)
{
	pdf_dev *p = (pdf_dev *)dev;
	flush(p);
	begin_artifact(p);
	cairo_save(p->cr);
	fn(ctx, p->cr);
	cairo_restore(p->cr);
}

/* The boxes of the text are tagged; what is drawn outside them (running
 * heads, folios) and the rules and backgrounds inside them are not, and
 * become artifacts (ac_pdfua_finish). cairo puts the operations drawn
 * while an element is open into it, so the text waits for the end of the
 * page and the rest is drawn at once: rules and shades under the text, as
 * before. */
static void pdf_mark(ac_device *dev, const ac_vitem *box, double y)
{
	pdf_dev *p = (pdf_dev *)dev;
	(void)y;
	p->box = box && box->kind == AC_V_BOX ? box : NULL;
}

static void pdf_draw(ac_device *dev, const ac_op *op, double dx, double dy)
{
	pdf_dev *p = (pdf_dev *)dev;
	bool text = p->box && op->kind != AC_OP_DEST &&
		    ((op->kind != AC_OP_RECT && op->kind != AC_OP_RULE) ||
		     p->box->role == AC_ROLE_FIGURE);
	if (!text) {
		if (op->kind != AC_OP_GLYPHS)
			flush(p);
		/* A link in an artifact would give it a Link child, and cairo
		 * would no longer mark its content. */
		if (op->kind == AC_OP_LINK || op->kind == AC_OP_DEST)
			end_artifact(p);
		else
			begin_artifact(p);
		draw_op(p, op, dx, dy);
		return;
	}
	if (p->npend == p->cappend) {
		p->cappend = p->cappend ? p->cappend * 2 : 1024;
		p->pend_ops = ac_xrealloc(p->pend_ops, p->cappend * sizeof *p->pend_ops);
	}
	p->pend_ops[p->npend++] = (pending){p->box, op, dx, dy};
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
	close_to(p, 0);
	flush(p);
	if (!p->doc_open)
		begin_elem(p, "Document", NULL, 0);
	end_tag(p);
	cairo_destroy(p->cr);
	p->cr = NULL;
	cairo_surface_finish(p->surface);
	int rc = cairo_surface_status(p->surface) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(p->surface);
	p->surface = NULL;
	pdf_with_meta *pm = (pdf_with_meta *)p;
	if (rc)
		ac_buf_adds(pm->meta.error, "cairo could not write it");
	ac_pdfua_info info = {pm->meta.lang,	 pm->meta.title,   pm->meta.author,
			      pm->meta.subject,	 pm->meta.keywords, pm->meta.creator,
			      pm->meta.epoch,	 p->svgpass};
	if (!rc)
		rc = ac_pdfua_finish(p->out, &info, p->elems, p->nelems, pm->meta.error);

	return rc;
}

static void pdf_free(ac_device *dev)
{
	pdf_dev *p = (pdf_dev *)dev;
	ac_prefetch_free(p->prefetch);
	free(p->pend.glyphs);
	free(p->pend.clusters);
	ac_buf_free(&p->pend.text);
	free(p->pend_ops);
	free(p->links);
	free(p->seen_headers);
	for (size_t i = 0; i < p->nelems; i++)
		free(p->elems[i].alt);
	free(p->elems);
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
	pm->dev.graft_base = -1;
	pm->dev.svgpass = meta->figures;
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
