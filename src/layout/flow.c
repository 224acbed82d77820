/* flow.c - walks an article's XHTML tree and sets it: paragraphs through
 * Knuth–Plass, headings ragged, code in monospace with wrapped lines, lists,
 * quotes, tables, figures and notes, as boxes of a vertical list. */
#include "flow.h"

#include "../base/buf.h"
#include "linebreak.h"

#include <glib.h>

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FRAGMENT_HYPHENS 16
#define KEEP_CODE_LINES 12
#define MAX_DEPTH 40
#define MAX_RATIO 6 /* the most a justified line's spaces stretch: 4 times */
#define MAX_MISSING_LISTED 8    /* characters named in one warning */
#define MAX_MISSING_WARNINGS 20 /* warnings about them per file, then a summary */

typedef enum {
	ALIGN_JUSTIFY = AC_ALIGN_JUSTIFY,
	ALIGN_LEFT = AC_ALIGN_LEFT,
	ALIGN_CENTER = AC_ALIGN_CENTER,
	ALIGN_RIGHT = AC_ALIGN_RIGHT
} align;

typedef struct {
	ac_face_role role;
	double size;
	ac_rgb color;
	bool plain; /* code: no ligatures, no hyphenation */
	const char *link; /* borrowed from the document */
	double rise;
	bool strike;
} style;

typedef struct {
	const ac_shaped *shaped;
	style st;
	int line; /* source line, for diagnostics */
} frag;

/* A paragraph being built: Knuth–Plass items plus the fragments boxes draw. */
typedef struct {
	ac_item *items;
	size_t n, cap;
	frag *frags;
	size_t nf, capf;
	bool space_pending;
	double max_size; /* the largest font size used: sets the leading */
} para;

typedef struct {
	const ac_picture *pic;
	char *path;
} pic_entry;

struct ac_flow {
	const ac_theme *t;
	ac_fonts *fonts;
	ac_hyphenator *hy;
	ac_diags *d;
	const ac_book *b;
	const ac_article *a;
	/* Where the text being set comes from, for diagnostics: path NULL
	 * reports nothing. line follows the text through its soft breaks. */
	const char *path;
	int line;
	size_t *src_lines; /* offsets of the lines of a->body, built on demand */
	size_t nsrc_lines;
	double width;
	/* Block context. */
	double left, right;
	double bars[8];
	int nbars;
	const ac_shaped *marker;
	style marker_style;
	bool no_indent; /* the next paragraph follows a heading or a block */
	int depth;
	int list_depth;
	/* Pictures, loaded once. */
	pic_entry *pics;
	size_t npics;
	uint32_t *missing; /* a hash set: characters already reported for missing_path */
	size_t nmissing, capmissing;
	const char *missing_path;
	size_t nwarned;       /* warnings about them in that file */
	size_t missing_more;  /* and characters not listed, from missing_more_line on */
	int missing_more_line;
	const ac_tag_index *tags;
	ac_role role; /* what set_para's lines are part of */
	int level;    /* and, for headings, their level */
	int block;    /* serial number of the last block set */
};

ac_flow *ac_flow_new(const ac_theme *t, ac_fonts *fonts, ac_hyphenator *hy, ac_diags *d)
{
	ac_flow *f = ac_xcalloc(1, sizeof *f);
	f->role = AC_ROLE_PARA;
	f->t = t;
	f->fonts = fonts;
	f->hy = hy;
	f->d = d;
	f->width = t->page_w - t->inner - t->outer;
	return f;
}

static void missing_flush(ac_flow *f);

void ac_flow_free(ac_flow *f)
{
	if (!f)
		return;
	missing_flush(f);
	for (size_t i = 0; i < f->npics; i++) {
		ac_picture_free((ac_picture *)f->pics[i].pic);
		free(f->pics[i].path);
	}
	free(f->pics);
	free(f->missing);
	free(f->src_lines);
	free(f);
}

double ac_flow_width(const ac_flow *f)
{
	return f->width;
}

static style base_style(const ac_flow *f)
{
	style s = {AC_FACE_BODY, f->t->body, f->t->text, false, NULL, 0, false};
	return s;
}

/* Adds cp to the characters reported for the current file; false when it
 * was there already. */
static bool missing_add(ac_flow *f, uint32_t cp)
{
	if ((f->nmissing + 1) * 2 > f->capmissing) {
		size_t cap = f->capmissing ? f->capmissing * 2 : 64;
		uint32_t *set = ac_xcalloc(cap, sizeof *set);
		for (size_t i = 0; i < f->capmissing; i++) {
			uint32_t v = f->missing[i];
			if (!v)
				continue;
			size_t j = (v * 2654435761u) & (cap - 1);
			while (set[j])
				j = (j + 1) & (cap - 1);
			set[j] = v;
		}
		free(f->missing);
		f->missing = set;
		f->capmissing = cap;
	}
	size_t j = (cp * 2654435761u) & (f->capmissing - 1);
	while (f->missing[j]) {
		if (f->missing[j] == cp)
			return false;
		j = (j + 1) & (f->capmissing - 1);
	}
	f->missing[j] = cp;
	f->nmissing++;
	return true;
}

/* The summary of the characters not listed one by one in the last file. */
static void missing_flush(ac_flow *f)
{
	if (f->missing_more && f->missing_path)
		ac_warn(f->d, f->missing_path, f->missing_more_line,
			"no bundled font has %zu more characters from this line on; they print as boxes",
			f->missing_more);
	f->missing_more = 0;
	f->nwarned = 0;
	f->nmissing = 0;
	if (f->missing)
		memset(f->missing, 0, f->capmissing * sizeof *f->missing);
	f->missing_path = NULL;
}

/* Character code points in a diagnostic: with the character itself, unless
 * it is invisible or reorders text (format characters). */
static void add_code_point(ac_buf *b, uint32_t cp)
{
	ac_buf_printf(b, "U+%04X", cp);
	bool invisible = (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
			 (cp >= 0x2060 && cp <= 0x206f) || (cp >= 0xfe00 && cp <= 0xfe0f) ||
			 (cp >= 0xfff0 && cp <= 0xffff) || cp >= 0xe0000 || cp == 0xad ||
			 (cp >= 0x80 && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff);
	if (invisible || cp < 0x80)
		return;
	char u[8];
	u[g_unichar_to_utf8((gunichar)cp, u)] = '\0';
	ac_buf_printf(b, " (%s)", u);
}

/* Warns about the characters of s that no bundled font has, each once per
 * file, at the line where it first occurs. A file with many of them (text in
 * a script the fonts lack) gets MAX_MISSING_WARNINGS warnings and a summary. */
static void report_missing(ac_flow *f, const style *st, const char *s, size_t n)
{
	if (!f->missing_path || strcmp(f->missing_path, f->path)) {
		missing_flush(f);
		f->missing_path = f->path;
	}
	uint32_t cps[256];
	size_t k = ac_fonts_missing(f->fonts, st->role, s, n, cps, sizeof cps / sizeof *cps);
	int line = f->line > 0 ? f->line : 1;
	ac_buf msg = AC_BUF_INIT;
	size_t fresh = 0, more = 0;
	for (size_t i = 0; i < k; i++) {
		if (!missing_add(f, cps[i]))
			continue;
		if (f->nwarned >= MAX_MISSING_WARNINGS) {
			if (!f->missing_more)
				f->missing_more_line = line;
			f->missing_more++;
			continue;
		}
		if (fresh == MAX_MISSING_LISTED) {
			more++;
			continue;
		}
		if (fresh)
			ac_buf_adds(&msg, ", ");
		add_code_point(&msg, cps[i]);
		fresh++;
	}
	if (fresh == 1)
		ac_warn(f->d, f->path, line,
			"no bundled font has the character %s; it prints as a box", ac_buf_str(&msg));
	else if (more)
		ac_warn(f->d, f->path, line,
			"no bundled font has the characters %s and %zu more; they print as boxes",
			ac_buf_str(&msg), more);
	else if (fresh)
		ac_warn(f->d, f->path, line, "no bundled font has the characters %s; they print as boxes",
			ac_buf_str(&msg));
	if (fresh)
		f->nwarned++;
	ac_buf_free(&msg);
}

static const ac_shaped *shape(ac_flow *f, const style *st, const char *s, size_t n)
{
	const ac_shaped *sh = ac_shape(f->fonts, st->role, st->plain, s, n);
	if (sh->missing && f->path)
		report_missing(f, st, s, n);
	return sh;
}

/* ---- paragraph items ---- */

static ac_item *push_item(para *p, ac_item_kind kind)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->items = ac_xrealloc(p->items, p->cap * sizeof *p->items);
	}
	ac_item *it = &p->items[p->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->data = -1;
	return it;
}

static int push_frag(const ac_flow *f, para *p, const ac_shaped *sh, const style *st)
{
	if (p->nf == p->capf) {
		p->capf = p->capf ? p->capf * 2 : 64;
		p->frags = ac_xrealloc(p->frags, p->capf * sizeof *p->frags);
	}
	p->frags[p->nf].shaped = sh;
	p->frags[p->nf].st = *st;
	p->frags[p->nf].line = f->line;
	if (st->size > p->max_size)
		p->max_size = st->size;
	return (int)p->nf++;
}

static void para_free(para *p)
{
	free(p->items);
	free(p->frags);
	memset(p, 0, sizeof *p);
}

static void add_break(para *p, double penalty, double width, bool flagged, int data,
		      const style *st, align al);

static void add_box(ac_flow *f, para *p, const style *st, const char *s, size_t n, align al)
{
	const ac_shaped *sh = shape(f, st, s, n);
	double w = sh->width * st->size;
	double avail = f->width - f->left - f->right;
	if (w > avail && n > 1) {
		/* Wider than the line: cut into pieces that fit, with break points
		 * between them, so that nothing runs into the margin. */
		size_t start = 0;
		for (size_t i = 1; i <= n; i++) {
			bool boundary = i == n || ((unsigned char)s[i] & 0xc0) != 0x80;
			if (!boundary)
				continue;
			const ac_shaped *piece = shape(f, st, s + start, i - start);
			if (piece->width * st->size > avail * 0.95 || i == n) {
				size_t end = i;
				if (i != n && i - start > 1) {
					/* back off one character */
					end = i - 1;
					while (end > start && ((unsigned char)s[end] & 0xc0) == 0x80)
						end--;
				}
				if (end <= start)
					end = i;
				const ac_shaped *cut = shape(f, st, s + start, end - start);
				ac_item *b = push_item(p, AC_BOX);
				b->width = cut->width * st->size;
				b->data = push_frag(f, p, cut, st);
				if (end < n)
					add_break(p, 500, 0, false, -1, st, al);
				start = end;
				if (start < n && i == n) {
					const ac_shaped *rest = shape(f, st, s + start, n - start);
					ac_item *r = push_item(p, AC_BOX);
					r->width = rest->width * st->size;
					r->data = push_frag(f, p, rest, st);
					start = n;
				}
			}
		}
		return;
	}
	ac_item *b = push_item(p, AC_BOX);
	b->width = w;
	b->data = push_frag(f, p, sh, st);
}

static void add_penalty(para *p, double penalty, double width, bool flagged, int data);

/* A break opportunity inside a word. Ragged text needs stretch at every
 * break: the glue pair carries it to the line's end, as between words. */
static void add_break(para *p, double penalty, double width, bool flagged, int data,
		      const style *st, align al)
{
	if (al == ALIGN_JUSTIFY) {
		add_penalty(p, penalty, width, flagged, data);
		return;
	}
	ac_item *g1 = push_item(p, AC_GLUE);
	g1->stretch = st->size * 3;
	add_penalty(p, penalty, width, flagged, data);
	ac_item *g2 = push_item(p, AC_GLUE);
	g2->stretch = -st->size * 3;
}

static void add_penalty(para *p, double penalty, double width, bool flagged, int data)
{
	ac_item *it = push_item(p, AC_PENALTY);
	it->penalty = penalty;
	it->width = width;
	it->flagged = flagged;
	it->data = data;
}

static bool url_like(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++)
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return true;
	return n > 4 && !strncmp(s, "www.", 4);
}

/* Adds s as boxes split at the hyphenation points pts (offsets into s), each
 * split a flagged break that draws a hyphen. */
static void add_pieces(ac_flow *f, para *p, const style *st, const char *s, size_t n,
		       const size_t *pts, size_t np, align al)
{
	size_t prev = 0;
	for (size_t k = 0; k < np; k++) {
		add_box(f, p, st, s + prev, pts[k] - prev, al);
		const ac_shaped *hy = shape(f, st, "-", 1);
		add_break(p, 50, hy->width * st->size, true, push_frag(f, p, hy, st), st, al);
		prev = pts[k];
	}
	add_box(f, p, st, s + prev, n - prev, al);
}

/* Adds one word: hyphenation points for prose, break points after '/', '.',
 * '_' and the like for URLs and identifiers, after '-' for compounds. */
static void add_word(ac_flow *f, para *p, const style *st, const char *s, size_t n, align al)
{
	bool url = url_like(s, n);
	bool ident = st->plain || url;
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool brk = false;
		if (c == '-' && i > 0 && i + 1 < n && !ident)
			brk = true; /* compound word: break after its hyphen */
		else if (ident && i + 1 < n && i > 0 && n > 12 &&
			 (c == '/' || c == '.' || c == '_' || c == '-' || c == ':' || c == '(' ||
			  c == ',' || c == '=' || c == '&' || c == '?'))
			brk = true;
		if (!brk)
			continue;
		size_t end = i + 1;
		if (!ident) {
			/* Hyphenate the part before the hyphen too. */
			size_t pts[MAX_FRAGMENT_HYPHENS];
			size_t np = ac_hyphenate(f->hy, s + start, i - start, pts, MAX_FRAGMENT_HYPHENS);
			add_pieces(f, p, st, s + start, end - start, pts, np, al);
			add_break(p, 50, 0, true, -1, st, al);
		} else {
			add_box(f, p, st, s + start, end - start, al);
			add_break(p, 100, 0, false, -1, st, al);
		}
		start = end;
	}
	if (start >= n)
		return;
	size_t pts[MAX_FRAGMENT_HYPHENS];
	size_t np = 0;
	if (!ident && st->role != AC_FACE_HEADING_BOLD && st->role != AC_FACE_HEADING) {
		/* Trailing punctuation is not part of the word to hyphenate. */
		size_t wlen = n - start;
		while (wlen && !isalpha((unsigned char)s[start + wlen - 1]))
			wlen--;
		size_t lead = 0;
		while (lead < wlen && !isalpha((unsigned char)s[start + lead]))
			lead++;
		np = ac_hyphenate(f->hy, s + start + lead, wlen - lead, pts, MAX_FRAGMENT_HYPHENS);
		for (size_t k = 0; k < np; k++)
			pts[k] += lead;
	}
	add_pieces(f, p, st, s + start, n - start, pts, np, al);
}

static void add_space(ac_flow *f, para *p, const style *st, align al)
{
	/* A space takes the width of the surrounding text's face: code spans
	 * and other faces do not widen the gap before them. */
	style sp_style = *st;
	if (st->role == AC_FACE_MONO || st->role == AC_FACE_MONO_BOLD) {
		sp_style.role = AC_FACE_BODY;
		sp_style.size = st->size / 0.88;
	}
	const ac_shaped *sp = shape(f, &sp_style, " ", 1);
	double w = sp->width * sp_style.size;
	if (al == ALIGN_JUSTIFY) {
		ac_item *g = push_item(p, AC_GLUE);
		g->width = w;
		g->stretch = w / 2;
		g->shrink = w / 3;
	} else {
		/* Ragged: a break costs nothing, and the stretch moves to the line's
		 * end (glue 0+3em, penalty 0, glue w-3em). */
		double em = st->size * 3;
		ac_item *g1 = push_item(p, AC_GLUE);
		g1->stretch = em;
		add_penalty(p, 0, 0, false, -1);
		ac_item *g2 = push_item(p, AC_GLUE);
		g2->width = w;
		g2->stretch = -em;
	}
}

static void add_text(ac_flow *f, para *p, const style *st, const char *s, align al)
{
	size_t n = strlen(s);
	size_t i = 0;
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
			/* A soft break in the XHTML is a line break of the source. */
			if (s[i] == '\n' && f->line > 0)
				f->line++;
			p->space_pending = true;
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r')
			j++;
		if (p->space_pending && p->n)
			add_space(f, p, st, al);
		p->space_pending = false;
		add_word(f, p, st, s + i, j - i, al);
		i = j;
	}
}

static bool is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static const char *prop(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children)
			return (const char *)a->children->content;
	return NULL;
}

static bool is_block(xmlNodePtr n)
{
	static const char *const blocks[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ul",
					     "ol", "li", "blockquote", "table", "figure", "hr",
					     "section", "div", "dl", "dt", "dd", "aside", "details",
					     "summary", NULL};
	if (!n || n->type != XML_ELEMENT_NODE)
		return false;
	for (int i = 0; blocks[i]; i++)
		if (!strcmp((const char *)n->name, blocks[i]))
			return true;
	return false;
}

static void add_inline(ac_flow *f, para *p, xmlNodePtr n, style st, align al);

/* Ends the line unless nothing or a forced break comes before. */
static void end_line(para *p)
{
	if (!p->n || (p->items[p->n - 1].kind == AC_PENALTY &&
		      p->items[p->n - 1].penalty <= -AC_INF_PENALTY))
		return;
	ac_item *g = push_item(p, AC_GLUE);
	g->stretch = AC_INF_STRETCH;
	add_penalty(p, -AC_INF_PENALTY, 0, false, -1);
	p->space_pending = false;
}

/* One inline node (text or element) into p, with style st. */
static void add_node(ac_flow *f, para *p, xmlNodePtr c, style st, align al)
{
	{
		if (c->type == XML_TEXT_NODE) {
			add_text(f, p, &st, (const char *)c->content, al);
			return;
		}
		if (c->type != XML_ELEMENT_NODE)
			return;
		if (is_block(c)) {
			/* Blocks where one paragraph is set (a table cell, a
			 * caption): their text on lines of their own. */
			end_line(p);
			add_inline(f, p, c, st, al);
			bool more = false;
			for (xmlNodePtr k = c->next; k && !more; k = k->next)
				more = k->type == XML_ELEMENT_NODE ||
				       (k->type == XML_TEXT_NODE && k->content &&
					k->content[strspn((const char *)k->content, " \t\r\n")]);
			if (more)
				end_line(p);
			return;
		}
		const char *name = (const char *)c->name;
		style s = st;
		if (!strcmp(name, "em") || !strcmp(name, "i") || !strcmp(name, "cite") ||
		    !strcmp(name, "var")) {
			s.role = st.role == AC_FACE_BODY_BOLD ? AC_FACE_BODY_BOLD_ITALIC
				 : st.role == AC_FACE_BODY    ? AC_FACE_BODY_ITALIC
							      : st.role;
		} else if (!strcmp(name, "strong") || !strcmp(name, "b")) {
			s.role = st.role == AC_FACE_BODY_ITALIC ? AC_FACE_BODY_BOLD_ITALIC
				 : st.role == AC_FACE_BODY	? AC_FACE_BODY_BOLD
				 : st.role == AC_FACE_MONO	? AC_FACE_MONO_BOLD
				 : st.role == AC_FACE_HEADING	? AC_FACE_HEADING_BOLD
								: st.role;
		} else if (!strcmp(name, "code") || !strcmp(name, "kbd") || !strcmp(name, "samp")) {
			s.role = AC_FACE_MONO;
			s.plain = true;
			s.size = st.size * 0.88;
		} else if (!strcmp(name, "a")) {
			const char *href = prop(c, "href");
			if (href) {
				s.link = href;
				s.color = f->t->link;
			}
		} else if (!strcmp(name, "sup") || !strcmp(name, "sub")) {
			s.size = st.size * 0.7;
			s.rise = !strcmp(name, "sup") ? st.size * 0.35 : -st.size * 0.15;
		} else if (!strcmp(name, "del") || !strcmp(name, "s")) {
			s.strike = true;
		} else if (!strcmp(name, "br")) {
			/* A forced line break inside the paragraph. */
			ac_item *g = push_item(p, AC_GLUE);
			g->stretch = AC_INF_STRETCH;
			add_penalty(p, -AC_INF_PENALTY, 0, false, -1);
			p->space_pending = false;
			return;
		} else if (!strcmp(name, "img")) {
			/* Inline pictures print as their alternative text. */
			const char *alt = prop(c, "alt");
			if (alt && *alt) {
				s.role = AC_FACE_BODY_ITALIC;
				char *t = ac_xasprintf("[%s]", alt);
				add_text(f, p, &s, t, al);
				free(t);
			}
			return;
		}
		add_inline(f, p, c, s, al);
	}
}

/* The inline content of n into p, with style st. */
static void add_inline(ac_flow *f, para *p, xmlNodePtr n, style st, align al)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		add_node(f, p, c, st, al);
}

/* ---- lines to boxes ---- */

/* Turns a link href into a PDF target: "#id" for places in the book. */
static char *link_target(const char *href)
{
	if (href[0] == '#')
		return ac_xstrdup(href);
	const char *hash = strchr(href, '#');
	const char *dot = strstr(href, ".xhtml");
	if (dot && !strchr(href, ':')) {
		if (hash)
			return ac_xasprintf("#%s", hash + 1);
		return ac_xasprintf("#ch-%.*s", (int)(dot - href), href);
	}
	return ac_xstrdup(href);
}

static void draw_frag(ac_flow *f, ac_vitem *box, const frag *fr, double x, double base)
{
	double fx = x;
	for (size_t r = 0; r < fr->shaped->nruns; r++) {
		const ac_run *run = &fr->shaped->runs[r];
		ac_op *op = ac_vitem_op(box, AC_OP_GLYPHS);
		op->x = fx;
		op->y = base - fr->st.rise;
		op->run = run;
		op->text = fr->shaped->text;
		op->size = fr->st.size;
		op->color = fr->st.color;
		fx += run->width * fr->st.size;
	}
	double w = fr->shaped->width * fr->st.size;
	if (fr->st.strike) {
		ac_op *op = ac_vitem_op(box, AC_OP_RULE);
		op->x = x;
		op->y = base - fr->st.size * 0.28;
		op->w = w;
		op->stroke = fr->st.size * 0.06;
		op->color = fr->st.color;
	}
	if (fr->st.link) {
		ac_op *op = ac_vitem_op(box, AC_OP_LINK);
		op->x = x;
		op->y = base - fr->st.size * 0.8;
		op->w = w;
		op->h = fr->st.size * 1.05;
		op->target = link_target(fr->st.link);
	}
	(void)f;
}

static bool same_style(const style *a, const style *b)
{
	return a->role == b->role && a->size == b->size && a->link == b->link &&
	       a->rise == b->rise && a->strike == b->strike && a->plain == b->plain &&
	       a->color.r == b->color.r && a->color.g == b->color.g && a->color.b == b->color.b;
}

/* Adds the block context's decorations (quote bars, list marker) to a line. */
static void decorate(ac_flow *f, ac_vitem *box, double base)
{
	for (int i = 0; i < f->nbars; i++) {
		ac_op *op = ac_vitem_op(box, AC_OP_RECT);
		op->x = f->bars[i];
		op->y = 0;
		op->w = 1.2;
		op->h = box->height;
		op->color = f->t->rule;
	}
	if (f->marker) {
		frag fr = {f->marker, f->marker_style, 0};
		double w = f->marker->width * f->marker_style.size;
		draw_frag(f, box, &fr, f->left - w - f->t->body * 0.45, base);
		f->marker = NULL;
	}
}

/* Warns about the first line that runs into the margin, at its source line. */
static void report_overfull(ac_flow *f, const para *p, const ac_break *br, size_t nb)
{
	size_t start = 0;
	for (size_t li = 0; li < nb; li++) {
		if (br[li].ratio >= -1) {
			start = br[li].at + 1;
			continue;
		}
		ac_buf ctx = AC_BUF_INIT;
		int line = 0;
		bool gap = false;
		for (size_t i = start; i < br[li].at && ctx.len < 40; i++) {
			const ac_item *it = &p->items[i];
			if (it->kind == AC_GLUE && it->width > 0) {
				gap = ctx.len > 0;
			} else if (it->kind == AC_BOX) {
				const frag *fr = &p->frags[it->data];
				if (!line)
					line = fr->line;
				if (gap)
					ac_buf_addc(&ctx, ' ');
				/* At most 40 bytes, cut at a character boundary. */
				size_t n = fr->shaped->len, room = 40 - ctx.len;
				if (n > room) {
					n = room;
					while (n && ((unsigned char)fr->shaped->text[n] & 0xc0) == 0x80)
						n--;
				}
				ac_buf_add(&ctx, fr->shaped->text, n);
				gap = false;
			}
		}
		ac_warn(f->d, f->path, line > 0 ? line : f->line > 0 ? f->line : 1,
			"the line starting '%s' could not be made to fit the measure",
			ac_buf_str(&ctx));
		ac_buf_free(&ctx);
		return;
	}
}

/* Breaks the paragraph and pushes one box per line to out; penalties between
 * lines keep at least two lines together at each end (no widows/orphans). */
static void set_para(ac_flow *f, para *p, align al, double indent, double leading,
		     ac_vlist *out, bool keep_all)
{
	if (!p->n)
		return;
	ac_item *g = push_item(p, AC_GLUE);
	g->stretch = al == ALIGN_JUSTIFY ? AC_INF_STRETCH : AC_INF_STRETCH;
	add_penalty(p, -AC_INF_PENALTY, 0, false, -1);
	double avail = f->width - f->left - f->right;
	double widths[2] = {avail - indent, avail};
	ac_break_params bp = {al == ALIGN_JUSTIFY ? 2.0 : 50.0, 10, 3000, 3000,
			      f->t->body * 1.5};
	size_t nb = 0;
	bool overfull = false;
	ac_break *br = ac_break_lines(p->items, p->n, widths, 2, &bp, &nb, &overfull);
	if (overfull && f->path)
		report_overfull(f, p, br, nb);
	if (p->max_size > 0 && leading < p->max_size * 1.2)
		leading = p->max_size * 1.2;
	int block = ++f->block;
	size_t start = 0;
	for (size_t li = 0; li < nb; li++) {
		size_t end = br[li].at;
		bool last = li + 1 == nb;
		ac_vitem *box = ac_vlist_push(out, AC_V_BOX, leading);
		box->role = f->role;
		box->level = f->level;
		box->block = block;
		box->line = (int)li + 1;
		box->lines = (int)nb;
		double base = leading * 0.76;
		/* Marker and quote bars first: text extraction reads them first. */
		decorate(f, box, base);
		/* Skip what vanishes at the start of a line. */
		while (start < end && p->items[start].kind != AC_BOX)
			start++;
		/* Natural width, for centring, and the glue's give, for justifying. */
		double natural = 0, stretch = 0, shrink = 0;
		for (size_t i = start; i < end; i++) {
			const ac_item *it = &p->items[i];
			if (it->kind == AC_PENALTY)
				continue;
			natural += it->width;
			if (it->kind == AC_GLUE) {
				stretch += it->stretch;
				shrink += it->shrink;
			}
		}
		double lw = widths[li == 0 ? 0 : 1];
		/* The line's own adjustment ratio: the breaker's may count the
		 * emergency stretch, which no glue here provides. A line that would
		 * need its spaces stretched beyond MAX_RATIO (next to a line that
		 * cannot fit) is set flush left instead; so is the last line. */
		double ratio = 0;
		if (al == ALIGN_JUSTIFY) {
			double pw = p->items[end].kind == AC_PENALTY ? p->items[end].width : 0;
			double gap = lw - natural - pw;
			if (gap > 0)
				ratio = stretch > 0 && !last ? gap / stretch : 0;
			else
				ratio = shrink > 0 ? fmax(gap / shrink, -1) : 0;
			if (ratio > MAX_RATIO)
				ratio = 0;
		}
		double x = f->left + (li == 0 ? indent : 0);
		if (al == ALIGN_CENTER)
			x += (lw - natural) / 2;
		else if (al == ALIGN_RIGHT)
			x += lw - natural;
		for (size_t i = start; i < end; i++) {
			const ac_item *it = &p->items[i];
			if (it->kind == AC_BOX) {
				/* Pieces of one word (split at hyphenation points that did
				 * not become breaks) are shaped again as a whole, so that
				 * kerning and ligatures across them survive. */
				const frag *fr = &p->frags[it->data];
				double w = it->width;
				size_t j = i + 1;
				ac_buf word = AC_BUF_INIT;
				ac_buf_add(&word, fr->shaped->text, fr->shaped->len);
				while (j < end) {
					/* Skip an unused break inside the word: a penalty, and
					 * in ragged text the empty glue around it. */
					size_t k = j;
					while (k < end && (p->items[k].kind == AC_PENALTY ||
							   (p->items[k].kind == AC_GLUE &&
							    p->items[k].width == 0)))
						k++;
					if (k > j && k < end && p->items[k].kind == AC_BOX &&
					    p->items[j].kind != AC_BOX)
						j = k;
					const ac_item *nx = &p->items[j];
					if (nx->kind != AC_BOX || !same_style(&p->frags[nx->data].st, &fr->st))
						break;
					const ac_shaped *piece = p->frags[nx->data].shaped;
					ac_buf_add(&word, piece->text, piece->len);
					w += nx->width;
					j++;
				}
				if (j > i + 1) {
					frag whole = {shape(f, &fr->st, word.ptr, word.len), fr->st, fr->line};
					draw_frag(f, box, &whole, x, base);
				} else {
					draw_frag(f, box, fr, x, base);
				}
				ac_buf_free(&word);
				x += w;
				i = j - 1;
			} else if (it->kind == AC_GLUE) {
				double w = it->width;
				if (al == ALIGN_JUSTIFY)
					w += ratio > 0 ? ratio * it->stretch : ratio * it->shrink;
				x += w;
			}
		}
		const ac_item *at = &p->items[end];
		if (at->kind == AC_PENALTY && at->width > 0 && at->data >= 0)
			draw_frag(f, box, &p->frags[at->data], x, base);
		if (!last) {
			/* Breaking after line li leaves li+1 lines above and nb-li-1 below. */
			bool allowed = !keep_all && li >= 1 && nb - li - 1 >= 2;
			ac_vlist_push(out, AC_V_PENALTY, 0)->penalty = allowed ? 0 : AC_INF_PENALTY;
		}
		start = end + 1;
	}
	free(br);
}

static void vspace(ac_vlist *out, double h)
{
	if (out->count && out->items[out->count - 1].kind == AC_V_GLUE) {
		ac_vitem *g = &out->items[out->count - 1];
		if (g->height < h)
			g->height = h;
		return;
	}
	ac_vlist_push(out, AC_V_GLUE, h);
}

static void keep_with_next(ac_vlist *out)
{
	ac_vlist_push(out, AC_V_PENALTY, 0)->penalty = AC_INF_PENALTY;
}

/* Puts a destination for an element's id at the top of the next box. */
static void dest_before(ac_vlist *out, const char *id)
{
	if (!id)
		return;
	ac_vitem *b = ac_vlist_push(out, AC_V_BOX, 0);
	ac_op *op = ac_vitem_op(b, AC_OP_DEST);
	op->target = ac_xstrdup(id);
	keep_with_next(out);
}

/* ---- blocks ---- */

/* Makes n's source line the current one (when the doc stage recorded it);
 * returns the line to restore afterwards. */
static int enter_line(ac_flow *f, xmlNodePtr n)
{
	int saved = f->line;
	if (n->line > 0 && n->line < 65535)
		f->line = n->line;
	return saved;
}

static void flow_blocks(ac_flow *f, xmlNodePtr parent, ac_vlist *out);

static void flow_paragraph(ac_flow *f, xmlNodePtr n, ac_vlist *out, style st, align al,
			   double leading)
{
	para p = {0};
	add_inline(f, &p, n, st, al);
	/* A first-line indent marks a new paragraph in running text; inside lists
	 * and notes paragraphs start flush. */
	double indent = (!f->no_indent && al == ALIGN_JUSTIFY && !f->marker && !f->list_depth)
				? f->t->indent
				: 0;
	dest_before(out, prop(n, "id"));
	set_para(f, &p, al, indent, leading, out, false);
	para_free(&p);
	f->no_indent = false;
}

static void flow_heading(ac_flow *f, xmlNodePtr n, int level, ac_vlist *out)
{
	const ac_theme *t = f->t;
	style st = base_style(f);
	st.role = level <= 3 ? AC_FACE_HEADING_BOLD : AC_FACE_BODY_BOLD_ITALIC;
	st.size = level == 1 ? t->h1 : level == 2 ? t->h2 : level == 3 ? t->h3 : t->h4;
	st.color = t->heading;
	vspace(out, t->space_before_heading * (level == 2 ? 1.3 : 1));
	dest_before(out, prop(n, "id"));
	para p = {0};
	add_inline(f, &p, n, st, ALIGN_LEFT);
	f->role = AC_ROLE_HEADING;
	f->level = level;
	set_para(f, &p, ALIGN_LEFT, 0, st.size * 1.25, out, true);
	f->role = AC_ROLE_PARA;
	para_free(&p);
	/* A heading never ends a page: keep it with what follows. */
	keep_with_next(out);
	ac_vlist_push(out, AC_V_GLUE, t->space_after_heading);
	keep_with_next(out);
	f->no_indent = true;
}

/* Line line of the article's file (from its body), or NULL; *len excludes
 * the newline. */
static const char *source_line(ac_flow *f, int line, size_t *len)
{
	if (!f->a || !f->a->body || line < f->a->body_line)
		return NULL;
	const char *body = f->a->body;
	if (!f->src_lines) {
		size_t cap = 64;
		f->src_lines = ac_xrealloc(NULL, cap * sizeof *f->src_lines);
		f->src_lines[f->nsrc_lines++] = 0;
		for (size_t i = 0; body[i]; i++) {
			if (body[i] != '\n' || !body[i + 1])
				continue;
			if (f->nsrc_lines == cap) {
				cap *= 2;
				f->src_lines = ac_xrealloc(f->src_lines, cap * sizeof *f->src_lines);
			}
			f->src_lines[f->nsrc_lines++] = i + 1;
		}
	}
	size_t k = (size_t)(line - f->a->body_line);
	if (k >= f->nsrc_lines)
		return NULL;
	const char *s = body + f->src_lines[k];
	const char *eol = strchr(s, '\n');
	*len = eol ? (size_t)(eol - s) : strlen(s);
	return s;
}

/* The source line of a code block's first line of code: after the fence for
 * a fenced block. */
static int code_first_line(ac_flow *f, int line)
{
	size_t len = 0;
	const char *s = line > 0 ? source_line(f, line, &len) : NULL;
	if (!s)
		return line;
	for (size_t i = 0; i + 2 < len; i++)
		if ((s[i] == '`' || s[i] == '~') && s[i + 1] == s[i] && s[i + 2] == s[i])
			return line + 1;
	return line;
}

static void flow_code(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	const ac_theme *t = f->t;
	style st = base_style(f);
	st.role = AC_FACE_MONO;
	st.plain = true;
	st.size = t->code;
	xmlChar *content = xmlNodeGetContent(n);
	const char *s = content ? (const char *)content : "";
	size_t len = strlen(s);
	if (len && s[len - 1] == '\n')
		len--;
	const ac_shaped *m = shape(f, &st, "M", 1);
	double cw = m->width * st.size;
	double pad = t->body * 0.5;
	double avail = f->width - f->left - f->right - 2 * pad;
	size_t cols = cw > 0 ? (size_t)(avail / cw) : 80;
	if (cols < 8)
		cols = 8;
	/* Count output lines first, to decide whether the block may split. */
	ac_vlist lines = {0};
	const ac_shaped *mark = shape(f, &st, "\xe2\x86\xaa", 3); /* ↪ */
	size_t i = 0;
	ac_buf line = AC_BUF_INIT;
	int first_line = code_first_line(f, f->line);
	for (int src = 0; i <= len; src++) {
		if (first_line > 0)
			f->line = first_line + src;
		size_t j = i;
		while (j < len && s[j] != '\n')
			j++;
		/* Expand tabs to 4 columns, count columns by code points. */
		ac_buf_reset(&line);
		ac_buf_add(&line, "", 0);
		size_t col = 0;
		for (size_t k = i; k < j; k++) {
			if (s[k] == '\t') {
				do
					ac_buf_addc(&line, ' ');
				while (++col % 4);
				continue;
			}
			ac_buf_addc(&line, s[k]);
			if (((unsigned char)s[k] & 0xc0) != 0x80)
				col++;
		}
		/* Wrap into pieces of cols columns; continuation lines start with a mark. */
		const char *ls = ac_buf_str(&line);
		size_t ll = line.len, pos = 0;
		bool first = true;
		do {
			size_t take = 0, c = 0, limit = first ? cols : cols - 2;
			while (pos + take < ll && c < limit) {
				take++;
				while (pos + take < ll && ((unsigned char)ls[pos + take] & 0xc0) == 0x80)
					take++;
				c++;
			}
			ac_vitem *box = ac_vlist_push(&lines, AC_V_BOX, t->code_leading);
			ac_op *bg = ac_vitem_op(box, AC_OP_RECT);
			bg->x = f->left;
			bg->w = f->width - f->left - f->right;
			bg->h = t->code_leading;
			bg->color = t->code_bg;
			double base = t->code_leading * 0.74;
			double x = f->left + pad;
			if (!first) {
				frag mf = {mark, st, 0};
				mf.st.color = t->muted;
				draw_frag(f, box, &mf, x, base);
				x += 2 * cw;
			}
			if (take) {
				frag fr = {shape(f, &st, ls + pos, take), st, 0};
				draw_frag(f, box, &fr, x, base);
			}
			decorate(f, box, base);
			pos += take;
			first = false;
		} while (pos < ll);
		i = j + 1;
	}
	ac_buf_free(&line);
	xmlFree(content);
	vspace(out, t->space_between);
	dest_before(out, prop(n, "id"));
	/* A little padding above and below, drawn as part of the first/last line. */
	size_t nl = lines.count;
	int block = ++f->block;
	for (size_t k = 0; k < nl; k++) {
		ac_vitem *src = &lines.items[k];
		ac_vitem *box = ac_vlist_push(out, AC_V_BOX, src->height);
		*box = *src;
		box->role = AC_ROLE_CODE;
		box->block = block;
		box->line = (int)k + 1;
		box->lines = (int)nl;
		src->ops = NULL;
		src->nops = 0;
		if (k + 1 < nl) {
			/* Short blocks stay whole; long ones keep two lines at each end. */
			bool allowed = nl > KEEP_CODE_LINES && k >= 1 && nl - k - 1 >= 2;
			ac_vlist_push(out, AC_V_PENALTY, 0)->penalty = allowed ? 0 : AC_INF_PENALTY;
		}
	}
	ac_vlist_free(&lines);
	vspace(out, t->space_between);
	f->no_indent = true;
}

static const ac_picture *picture_for(ac_flow *f, const char *src)
{
	for (size_t i = 0; i < f->npics; i++)
		if (!strcmp(f->pics[i].path, src))
			return f->pics[i].pic;
	const ac_image *im = NULL;
	for (size_t i = 0; i < f->a->nimages; i++)
		if (!strcmp(f->a->images[i].book_path, src))
			im = &f->a->images[i];
	if (!im)
		return NULL;
	const ac_picture *pic = ac_picture_load(im->real_path, im->media_type, f->a->path,
						f->line > 0 ? f->line : 1, f->d);
	f->pics = ac_xrealloc(f->pics, (f->npics + 1) * sizeof *f->pics);
	f->pics[f->npics].pic = pic;
	f->pics[f->npics].path = ac_xstrdup(src);
	f->npics++;
	return pic;
}

/* Merges the boxes of a small vertical list into one box, at offset y. */
static double merge_into(ac_vitem *dst, ac_vlist *src, double dx, double y0)
{
	double y = y0;
	for (size_t i = 0; i < src->count; i++) {
		ac_vitem *it = &src->items[i];
		if (it->kind == AC_V_GLUE) {
			y += it->height;
			continue;
		}
		if (it->kind != AC_V_BOX)
			continue;
		for (size_t k = 0; k < it->nops; k++) {
			ac_op *op = ac_vitem_op(dst, it->ops[k].kind);
			*op = it->ops[k];
			op->x += dx;
			op->y += y;
			it->ops[k].target = NULL;
		}
		y += it->height;
	}
	return y - y0;
}

/* A figure of pictures and a caption. Other figures (raw HTML may hold any
 * blocks in one) flow as blocks, so that none of their text is lost. */
static bool picture_figure(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !is(c, "img") && !is(c, "figcaption"))
			return false;
		if (c->type == XML_TEXT_NODE)
			for (const xmlChar *s = c->content; s && *s; s++)
				if (!isspace(*s))
					return false;
	}
	return true;
}

static void flow_figure(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	const ac_theme *t = f->t;
	xmlNodePtr img = NULL, cap = NULL;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is(c, "img"))
			img = c;
		if (is(c, "figcaption"))
			cap = c;
	}
	const ac_picture *pic = img && prop(img, "src") ? picture_for(f, prop(img, "src")) : NULL;
	vspace(out, t->space_between * 1.5);
	ac_vitem box;
	memset(&box, 0, sizeof box);
	box.kind = AC_V_BOX;
	box.floats = true;
	box.chapter = -1;
	box.role = AC_ROLE_FIGURE;
	box.block = ++f->block;
	box.line = box.lines = 1;
	double avail = f->width - f->left - f->right;
	double text_h = t->page_h - t->top - t->bottom;
	double y = 0;
	if (pic) {
		double w, h;
		ac_picture_size(pic, &w, &h);
		double scale = 1;
		if (w > avail)
			scale = avail / w;
		if (h * scale > text_h * 0.6)
			scale = text_h * 0.6 / h;
		ac_op *op = ac_vitem_op(&box, AC_OP_PICTURE);
		op->pic = pic;
		op->w = w * scale;
		op->h = h * scale;
		op->x = f->left + (avail - op->w) / 2;
		op->y = 0;
		y = op->h;
	}
	if (cap) {
		ac_vlist tmp = {0};
		style st = base_style(f);
		st.role = AC_FACE_BODY_ITALIC;
		st.size = t->small;
		st.color = t->muted;
		para p = {0};
		add_inline(f, &p, cap, st, ALIGN_CENTER);
		set_para(f, &p, ALIGN_CENTER, 0, t->small_leading, &tmp, true);
		para_free(&p);
		y += t->small * 0.6;
		y += merge_into(&box, &tmp, 0, y);
		ac_vlist_free(&tmp);
	}
	/* The space below belongs to the figure, so it travels with it. */
	y += t->space_between * 1.5;
	box.height = y;
	dest_before(out, prop(n, "id"));
	ac_vitem *dst = ac_vlist_push(out, AC_V_BOX, y);
	*dst = box;
	/* A page may break right after the figure. */
	ac_vlist_push(out, AC_V_GLUE, 0);
	f->no_indent = true;
}

static void flow_rule(ac_flow *f, ac_vlist *out)
{
	vspace(out, f->t->space_between);
	ac_vitem *b = ac_vlist_push(out, AC_V_BOX, f->t->leading);
	ac_op *op = ac_vitem_op(b, AC_OP_RULE);
	double avail = f->width - f->left - f->right;
	op->x = f->left + avail * 0.35;
	op->y = f->t->leading / 2;
	op->w = avail * 0.3;
	op->stroke = 0.5;
	op->color = f->t->rule;
	vspace(out, f->t->space_between);
	f->no_indent = true;
}

static void flow_list(ac_flow *f, xmlNodePtr n, ac_vlist *out, bool ordered)
{
	const ac_theme *t = f->t;
	int num = 1;
	const char *start = prop(n, "start");
	if (start)
		num = atoi(start);
	double indent = f->left < f->width / 3 ? t->body * 1.6 : 0;
	vspace(out, t->space_between * 0.5);
	f->left += indent;
	f->list_depth++;
	for (xmlNodePtr li = n->children; li; li = li->next) {
		if (!is(li, "li"))
			continue;
		style ms = base_style(f);
		char label[32];
		if (ordered)
			snprintf(label, sizeof label, "%d.", num++);
		else
			snprintf(label, sizeof label, "%s",
				 (f->list_depth - 1) % 2 ? "\xe2\x80\x93" : "\xe2\x80\xa2");
		/* A task list item shows its check box, not a bullet. */
		xmlNodePtr first = li->children;
		while (first && first->type == XML_TEXT_NODE)
			first = first->next;
		if (first && first->type == XML_ELEMENT_NODE && is(first, "p")) {
			first = first->children;
			while (first && first->type == XML_TEXT_NODE)
				first = first->next;
		}
		bool task = first && is(first, "span") && prop(first, "class") &&
			    strstr(prop(first, "class"), "task");
		f->marker = task ? NULL : shape(f, &ms, label, strlen(label));
		f->marker_style = ms;
		dest_before(out, prop(li, "id"));
		f->no_indent = true;
		int saved_line = enter_line(f, li);
		flow_blocks(f, li, out);
		f->line = saved_line;
		f->marker = NULL;
		vspace(out, t->space_between * 0.3);
	}
	f->left -= indent;
	f->list_depth--;
	vspace(out, t->space_between * 0.5);
	f->no_indent = true;
}

static void flow_quote(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	/* Deep nesting stops indenting at a third of the measure. */
	double in = f->left < f->width / 3 ? f->t->body * 1.4 : 0;
	vspace(out, f->t->space_between);
	bool bar = f->nbars < 8 && in > 0;
	if (bar)
		f->bars[f->nbars++] = f->left + in * 0.3;
	f->left += in;
	f->right += in * 0.5;
	f->no_indent = true;
	flow_blocks(f, n, out);
	f->left -= in;
	f->right -= in * 0.5;
	if (bar)
		f->nbars--;
	vspace(out, f->t->space_between);
	f->no_indent = true;
}

/* A table row and its cells, in order. */
typedef struct {
	xmlNodePtr tr;
	xmlNodePtr *cells;
	size_t n;
} trow;

static void collect_rows(xmlNodePtr n, trow **rows, size_t *count, size_t *cap)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is(c, "tr")) {
			if (*count == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				*rows = ac_xrealloc(*rows, *cap * sizeof **rows);
			}
			trow *r = &(*rows)[(*count)++];
			r->tr = c;
			r->cells = NULL;
			r->n = 0;
			size_t capc = 0;
			for (xmlNodePtr d = c->children; d; d = d->next) {
				if (!is(d, "td") && !is(d, "th"))
					continue;
				if (r->n == capc) {
					capc = capc ? capc * 2 : 8;
					r->cells = ac_xrealloc(r->cells, capc * sizeof *r->cells);
				}
				r->cells[r->n++] = d;
			}
		} else if (is(c, "thead") || is(c, "tbody") || is(c, "tfoot")) {
			collect_rows(c, rows, count, cap);
		}
	}
}

static align cell_align(xmlNodePtr c)
{
	const char *cls = prop(c, "class");
	if (cls && strstr(cls, "align-center"))
		return ALIGN_CENTER;
	if (cls && strstr(cls, "align-right"))
		return ALIGN_RIGHT;
	return ALIGN_LEFT;
}

/* What a column needs, padding included: its natural width (every cell on
 * one line), its widest word, and its widest piece between any two break
 * points (hyphenation points, breaks inside identifiers and URLs). */
typedef struct {
	double nat, word, piece;
} col_need;

static void measure_cell(ac_flow *f, xmlNodePtr cell, style st, col_need *need)
{
	para p = {0};
	add_inline(f, &p, cell, st, ALIGN_LEFT);
	double line = 0, word = 0, piece = 0;
	for (size_t i = 0; i < p.n; i++) {
		const ac_item *it = &p.items[i];
		if (it->kind == AC_BOX) {
			line += it->width;
			word += it->width;
			piece += it->width;
			continue;
		}
		if (it->kind == AC_GLUE) {
			line += it->width;
			continue;
		}
		/* Ragged text breaks between words with penalty 0; inside words
		 * (hyphens, identifiers) with a positive penalty. */
		if (it->penalty < AC_INF_PENALTY && piece + it->width > need->piece)
			need->piece = piece + it->width;
		if (it->penalty < AC_INF_PENALTY)
			piece = 0;
		if (it->penalty <= 0) {
			if (word > need->word)
				need->word = word;
			word = 0;
		}
		if (it->penalty <= -AC_INF_PENALTY) {
			if (line > need->nat)
				need->nat = line;
			line = 0;
		}
	}
	if (piece > need->piece)
		need->piece = piece;
	if (word > need->word)
		need->word = word;
	if (line > need->nat)
		need->nat = line;
	para_free(&p);
}

/* Widths for the k columns cols sharing avail. Natural widths when they fit;
 * else every column gets its widest word and the room left goes to the
 * columns that wrap, in proportion to what they lack (as CSS's automatic
 * table layout does); else the same from the widest pieces, hyphenating. */
static void column_widths(const col_need *need, const size_t *cols, size_t k, double avail,
			  double *width)
{
	double nat = 0, word = 0, piece = 0;
	for (size_t i = 0; i < k; i++) {
		nat += need[cols[i]].nat;
		word += need[cols[i]].word;
		piece += need[cols[i]].piece;
	}
	for (size_t i = 0; i < k; i++) {
		const col_need *c = &need[cols[i]];
		if (nat <= avail)
			width[i] = c->nat;
		else if (word <= avail)
			width[i] = c->word + (avail - word) * (c->nat - c->word) / (nat - word);
		else if (piece <= avail)
			width[i] = c->piece + (avail - piece) * (c->word - c->piece) / (word - piece);
		else
			width[i] = avail * c->piece / piece;
	}
}

/* Sets rows as table rows over the k columns cols of the given widths. */
/* A cell's lines, set at its column's measure, waiting for their row. */
typedef struct {
	ac_vlist lines;
	double x;   /* where the cell's text starts in the row */
	int *part;  /* per line: the part of the row it is set in */
	double *y;  /* per line: its top in that part */
} row_cell;

/* Deals a cell's lines out to the parts of its row: as many as fit in first,
 * then in budget each (a part is never taller than a page). used[k] grows to
 * the height of part k. Returns how many parts the cell fills. */
static int deal_lines(row_cell *c, double first, double budget, double *used)
{
	c->part = ac_xcalloc(c->lines.count + 1, sizeof *c->part);
	c->y = ac_xcalloc(c->lines.count + 1, sizeof *c->y);
	int k = 0;
	double y = 0, room = first;
	for (size_t i = 0; i < c->lines.count; i++) {
		const ac_vitem *it = &c->lines.items[i];
		if (it->kind == AC_V_BOX && y > 0 && y + it->height > room + 0.01) {
			k++;
			y = 0;
			room = budget;
		}
		c->part[i] = k;
		c->y[i] = y;
		if (it->kind == AC_V_GLUE && y == 0 && k > 0)
			continue; /* space vanishes at the top of a part */
		if (it->kind != AC_V_PENALTY)
			y += it->height;
		if (it->kind == AC_V_BOX && y > used[k])
			used[k] = y;
	}
	return k + 1;
}

/* Moves the ops of a cell's lines dealt to part k into row, top at y0. */
static void move_part(ac_vitem *row, row_cell *c, int k, double y0)
{
	for (size_t i = 0; i < c->lines.count; i++) {
		ac_vitem *it = &c->lines.items[i];
		if (it->kind != AC_V_BOX || c->part[i] != k)
			continue;
		for (size_t j = 0; j < it->nops; j++) {
			ac_op *op = ac_vitem_op(row, it->ops[j].kind);
			*op = it->ops[j];
			op->x += c->x;
			op->y += y0 + c->y[i];
			it->ops[j].target = NULL;
		}
	}
}

/* Sets rows[0..nrows) of a table (the columns cols[0..k), of widths width)
 * as boxes. A row is one box; a row taller than a page is set in parts,
 * broken between the lines of its cells, so that nothing runs off the page. */
static void table_part(ac_flow *f, const trow *rows, size_t nrows, const size_t *cols, size_t k,
		       const double *width, double pad, ac_vlist *out)
{
	const ac_theme *t = f->t;
	style st = base_style(f);
	st.size = t->small;
	double table_w = 0;
	for (size_t i = 0; i < k; i++)
		table_w += width[i];
	double save_left = f->left, save_right = f->right;
	int nb = f->nbars;
	int table_block = ++f->block;
	/* The tallest part of a row: a page, less the row's padding. */
	double budget = t->page_h - t->top - t->bottom - pad * 1.2 - 1;
	row_cell *cells = ac_xcalloc(k ? k : 1, sizeof *cells);
	double kept_h = 0; /* the row before, when it must share a page with this one */
	double header_h = 0; /* the header row, repeated above the parts of rows */
	for (size_t r = 0; r < nrows; r++) {
		int saved_row = enter_line(f, rows[r].tr);
		bool head = false, all_head = true;
		size_t nlines = 1;
		double x = save_left;
		for (size_t i = 0; i < k; i++) {
			xmlNodePtr cell = cols[i] < rows[r].n ? rows[r].cells[cols[i]] : NULL;
			cells[i] = (row_cell){.x = x + pad};
			x += width[i];
			if (!cell)
				continue;
			int saved_cell = enter_line(f, cell);
			head |= is(cell, "th");
			all_head &= is(cell, "th");
			style cs = st;
			if (is(cell, "th"))
				cs.role = AC_FACE_BODY_BOLD;
			/* The cell's measure: its column less the padding. */
			f->left = 0;
			f->right = f->width - (width[i] - 2 * pad);
			f->nbars = 0;
			para p = {0};
			add_inline(f, &p, cell, cs, cell_align(cell));
			set_para(f, &p, cell_align(cell), 0, t->small_leading, &cells[i].lines, true);
			para_free(&p);
			f->nbars = nb;
			nlines += cells[i].lines.count;
			f->line = saved_cell;
		}
		f->line = saved_row;
		f->left = save_left;
		f->right = save_right;
		double *used = ac_xcalloc(nlines, sizeof *used);
		int nparts = 1;
		/* A header row of its own cells only is repeated on every page
		 * the table goes on to. */
		bool header = r == 0 && head && all_head;
		double above = kept_h > header_h ? kept_h : header_h;
		double first = budget - above > budget / 2 ? budget - above : budget;
		double rest = budget - header_h > budget / 2 ? budget - header_h : budget;
		for (size_t i = 0; i < k; i++) {
			int n = deal_lines(&cells[i], first, rest, used);
			if (n > nparts)
				nparts = n;
		}
		double height = 0;
		for (int part = 0; part < nparts; part++) {
			ac_vitem row;
			memset(&row, 0, sizeof row);
			row.kind = AC_V_BOX;
			row.chapter = -1;
			for (size_t i = 0; i < k; i++)
				move_part(&row, &cells[i], part, pad * 0.6);
			row.height = used[part] + pad * 1.2;
			height = row.height;
			if (part == nparts - 1) {
				ac_op *rule = ac_vitem_op(&row, AC_OP_RULE);
				rule->x = save_left;
				rule->y = row.height;
				rule->w = table_w;
				rule->stroke = head ? 0.8 : 0.35;
				rule->color = head ? t->text : t->rule;
			}
			if (r == 0 && part == 0) {
				ac_op *top = ac_vitem_op(&row, AC_OP_RULE);
				top->x = save_left;
				top->y = 0;
				top->w = table_w;
				top->stroke = 0.8;
				top->color = t->text;
			}
			decorate(f, &row, t->small_leading * 0.76);
			row.role = AC_ROLE_ROW;
			row.header = header && nparts == 1;
			row.block = table_block;
			row.line = (int)r + 1;
			row.lines = (int)nrows;
			*ac_vlist_push(out, AC_V_BOX, row.height) = row;
			/* The parts of a row that does not fit a page may break. */
			if (part + 1 < nparts)
				ac_vlist_push(out, AC_V_PENALTY, 0)->penalty = 0;
		}
		free(used);
		for (size_t i = 0; i < k; i++) {
			ac_vlist_free(&cells[i].lines);
			free(cells[i].part);
			free(cells[i].y);
		}
		/* Rows are never split otherwise; the header stays with the
		 * first row. */
		bool keep = head || r == 0;
		kept_h = keep ? height : 0;
		if (header && nparts == 1)
			header_h = height;
		if (r + 1 < nrows)
			ac_vlist_push(out, AC_V_PENALTY, 0)->penalty = keep ? AC_INF_PENALTY : 0;
	}
	free(cells);
	f->left = save_left;
	f->right = save_right;
}

/* A table: columns sized by what their cells need. A table too wide for the
 * measure even with every cell wrapped and hyphenated is set in parts of as
 * many whole columns as fit, each part repeating a narrow first column (the
 * rows' labels), with a warning at the table's line. */
static void flow_table(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	const ac_theme *t = f->t;
	trow *rows = NULL;
	size_t nrows = 0, caprows = 0;
	collect_rows(n, &rows, &nrows, &caprows);
	/* The caption (first, once repaired) sits above the table. */
	xmlNodePtr caption = n->children;
	while (caption && caption->type != XML_ELEMENT_NODE)
		caption = caption->next;
	if (is(caption, "caption")) {
		vspace(out, t->space_between);
		f->no_indent = true;
		flow_blocks(f, caption, out);
		keep_with_next(out);
	}
	size_t ncols = 0;
	for (size_t r = 0; r < nrows; r++)
		if (rows[r].n > ncols)
			ncols = rows[r].n;
	col_need *need = NULL;
	size_t *cols = NULL;
	double *width = NULL;
	if (!ncols)
		goto done;
	double avail = f->width - f->left - f->right;
	double pad = t->small * 0.5;
	need = ac_xcalloc(ncols, sizeof *need);
	style st = base_style(f);
	st.size = t->small;
	for (size_t r = 0; r < nrows; r++) {
		int saved_row = enter_line(f, rows[r].tr);
		for (size_t c = 0; c < rows[r].n; c++) {
			int saved_cell = enter_line(f, rows[r].cells[c]);
			style ms = st;
			if (is(rows[r].cells[c], "th"))
				ms.role = AC_FACE_BODY_BOLD;
			measure_cell(f, rows[r].cells[c], ms, &need[c]);
			f->line = saved_cell;
		}
		f->line = saved_row;
	}
	/* A single word wider than half the measure is cut rather than given
	 * a column that starves the others. */
	double sum_piece = 0;
	for (size_t c = 0; c < ncols; c++) {
		col_need *cn = &need[c];
		cn->piece = fmin(cn->piece + 2 * pad, avail / 2);
		cn->word = fmax(fmin(cn->word + 2 * pad, avail / 2), cn->piece);
		cn->nat = fmax(cn->nat + 2 * pad, cn->word);
		sum_piece += cn->piece;
	}
	cols = ac_xcalloc(ncols + 1, sizeof *cols);
	width = ac_xcalloc(ncols + 1, sizeof *width);
	vspace(out, t->space_between);
	dest_before(out, prop(n, "id"));
	if (sum_piece <= avail) {
		for (size_t c = 0; c < ncols; c++)
			cols[c] = c;
		column_widths(need, cols, ncols, avail, width);
		table_part(f, rows, nrows, cols, ncols, width, pad, out);
	} else {
		/* Parts of whole columns that fit without hyphenating: as many
		 * parts as filling each in turn takes, then balanced. */
		bool repeat = ncols > 2 && need[0].word <= avail / 3;
		size_t from = repeat ? 1 : 0, parts = 0, goal = 0;
		for (int pass = 0; pass < 2; pass++) {
			if (pass)
				goal = parts;
			parts = 0;
			for (size_t c = from; c < ncols; parts++) {
				size_t k = 0;
				double used = 0;
				if (repeat) {
					cols[k++] = 0;
					used = need[0].word;
				}
				size_t first = k;
				size_t left = goal > parts ? goal - parts : 1;
				size_t most = pass ? (ncols - c + left - 1) / left : ncols;
				while (c < ncols && k - first < most &&
				       (k == first || used + need[c].word <= avail)) {
					used += need[c].word;
					cols[k++] = c++;
				}
				if (!pass)
					continue;
				if (parts)
					vspace(out, t->space_between);
				column_widths(need, cols, k, avail, width);
				table_part(f, rows, nrows, cols, k, width, pad, out);
			}
		}
		if (f->path)
			ac_warn(f->d, f->path, f->line > 0 ? f->line : 1,
				"a table of %zu columns is too wide for the page: it is set in %zu parts%s",
				ncols, parts, repeat ? ", each starting with the first column" : "");
	}
	vspace(out, t->space_between);
	f->no_indent = true;
done:
	for (size_t r = 0; r < nrows; r++)
		free(rows[r].cells);
	free(rows);
	free(need);
	free(cols);
	free(width);
}

static void flow_notes(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	const ac_theme *t = f->t;
	vspace(out, t->space_between * 2);
	ac_vitem *b = ac_vlist_push(out, AC_V_BOX, t->small_leading);
	ac_op *op = ac_vitem_op(b, AC_OP_RULE);
	op->x = f->left;
	op->y = t->small_leading / 2;
	op->w = (f->width - f->left) * 0.3;
	op->stroke = 0.5;
	op->color = t->rule;
	keep_with_next(out);
	int num = 1;
	for (xmlNodePtr ol = n->children; ol; ol = ol->next) {
		if (!is(ol, "ol"))
			continue;
		for (xmlNodePtr li = ol->children; li; li = li->next) {
			if (!is(li, "li"))
				continue;
			style st = base_style(f);
			st.size = t->small;
			char label[16];
			snprintf(label, sizeof label, "%d.", num++);
			f->marker = shape(f, &st, label, strlen(label));
			f->marker_style = st;
			f->left += t->body * 1.6;
			dest_before(out, prop(li, "id"));
			for (xmlNodePtr c = li->children; c; c = c->next) {
				if (!is(c, "p"))
					continue;
				f->no_indent = true;
				int saved_line = enter_line(f, c);
				flow_paragraph(f, c, out, st, ALIGN_JUSTIFY, t->small_leading);
				f->line = saved_line;
			}
			f->marker = NULL;
			f->left -= t->body * 1.6;
			vspace(out, t->space_between * 0.3);
		}
	}
}

static void flow_block(ac_flow *f, xmlNodePtr c, ac_vlist *out)
{
	const char *name = (const char *)c->name;
	int saved_line = enter_line(f, c);
	if (f->depth > MAX_DEPTH) {
		/* Deeper than any real book: the content, without its structure. */
		if (is(c, "p") || (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]))
			flow_paragraph(f, c, out, base_style(f), ALIGN_JUSTIFY, f->t->leading);
		else
			flow_blocks(f, c, out);
		f->line = saved_line;
		return;
	}
	f->depth++;
	if (!strcmp(name, "p")) {
		flow_paragraph(f, c, out, base_style(f), ALIGN_JUSTIFY, f->t->leading);
	} else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
		flow_heading(f, c, name[1] - '0', out);
	} else if (!strcmp(name, "pre")) {
		flow_code(f, c, out);
	} else if (!strcmp(name, "ul") || !strcmp(name, "ol")) {
		flow_list(f, c, out, !strcmp(name, "ol"));
	} else if (!strcmp(name, "blockquote")) {
		flow_quote(f, c, out);
	} else if (!strcmp(name, "table")) {
		flow_table(f, c, out);
	} else if (!strcmp(name, "figure") && picture_figure(c)) {
		flow_figure(f, c, out);
	} else if (!strcmp(name, "hr")) {
		flow_rule(f, out);
	} else if (!strcmp(name, "section") && prop(c, "class") &&
		   !strcmp(prop(c, "class"), "footnotes")) {
		flow_notes(f, c, out);
	} else if (!strcmp(name, "details")) {
		vspace(out, f->t->space_between * 0.5);
		flow_blocks(f, c, out);
		vspace(out, f->t->space_between * 0.5);
		f->no_indent = true;
	} else if (!strcmp(name, "dt") || !strcmp(name, "summary")) {
		/* A details' summary is its bold lead line; print shows the
		 * details always. */
		style st = base_style(f);
		st.role = AC_FACE_BODY_BOLD;
		f->no_indent = true;
		flow_paragraph(f, c, out, st, ALIGN_LEFT, f->t->leading);
		keep_with_next(out);
	} else if (!strcmp(name, "dd")) {
		f->left += f->t->body * 1.6;
		f->no_indent = true;
		flow_blocks(f, c, out);
		f->left -= f->t->body * 1.6;
	} else {
		flow_blocks(f, c, out); /* div, section, li, dl, aside … */
	}
	f->depth--;
	f->line = saved_line;
}

/* Flows the children of parent: block children as blocks, runs of inline
 * content (a tight list item's text) as paragraphs. */
static void flow_blocks(ac_flow *f, xmlNodePtr parent, ac_vlist *out)
{
	xmlNodePtr c = parent->children;
	while (c) {
		if (is_block(c)) {
			flow_block(f, c, out);
			c = c->next;
			continue;
		}
		/* Gather inline siblings into one anonymous paragraph. */
		xmlNodePtr first = c;
		bool text = false;
		while (c && !is_block(c)) {
			if (c->type == XML_ELEMENT_NODE)
				text = true;
			else if (c->type == XML_TEXT_NODE)
				for (const xmlChar *s = c->content; s && *s; s++)
					text |= !isspace(*s);
			c = c->next;
		}
		if (!text)
			continue;
		para p = {0};
		style st = base_style(f);
		for (xmlNodePtr k = first; k != c; k = k->next)
			add_node(f, &p, k, st, ALIGN_JUSTIFY);
		double indent = 0;
		set_para(f, &p, ALIGN_JUSTIFY, indent, f->t->leading, out, false);
		para_free(&p);
		f->no_indent = false;
	}
}

static void opener(ac_flow *f, const ac_book *b, const ac_article *a, int chapter,
		   ac_vlist *out)
{
	const ac_theme *t = f->t;
	ac_vitem *brk = ac_vlist_push(out, AC_V_PENALTY, 0);
	brk->penalty = -AC_INF_PENALTY;
	brk->odd = true;
	brk->chapter = chapter;
	ac_vlist_push(out, AC_V_GLUE, t->leading * 4);
	char *id = ac_xasprintf("ch-%s", a->slug);
	dest_before(out, id);
	free(id);
	style st = base_style(f);
	st.role = AC_FACE_HEADING_BOLD;
	st.size = t->h1;
	st.color = t->heading;
	para p = {0};
	f->line = a->title_line;
	add_text(f, &p, &st, a->title, ALIGN_LEFT);
	f->line = 1; /* the rest of the front matter */
	f->role = AC_ROLE_HEADING;
	f->level = 1;
	set_para(f, &p, ALIGN_LEFT, 0, t->h1 * 1.2, out, true);
	f->role = AC_ROLE_PARA;
	para_free(&p);
	keep_with_next(out);
	ac_vlist_push(out, AC_V_GLUE, t->leading * 0.5);
	keep_with_next(out);
	style ms = base_style(f);
	ms.role = AC_FACE_HEADING;
	ms.size = t->small;
	ms.color = t->muted;
	char *date = ac_long_date(a->date);
	p = (para){0};
	add_text(f, &p, &ms, date, ALIGN_LEFT);
	free(date);
	set_para(f, &p, ALIGN_LEFT, 0, t->small_leading * 1.2, out, true);
	para_free(&p);
	keep_with_next(out);
	if (a->ntags) {
		/* Each tag links to its entry in the tag index. */
		p = (para){0};
		for (size_t i = 0; i < a->ntags; i++) {
			const ac_tag *tag = f->tags ? ac_tags_lookup(f->tags, a->tags[i]) : NULL;
			style ts = ms;
			ts.link = tag ? tag->href : NULL;
			char *word = ac_xasprintf("#%s", a->tags[i]);
			if (i)
				p.space_pending = true;
			add_text(f, &p, &ts, word, ALIGN_LEFT);
			free(word);
		}
		set_para(f, &p, ALIGN_LEFT, 0, t->small_leading * 1.2, out, true);
		para_free(&p);
		keep_with_next(out);
	}
	if (a->summary && *a->summary) {
		ac_vlist_push(out, AC_V_GLUE, t->leading * 0.6);
		keep_with_next(out);
		style ss = base_style(f);
		ss.role = AC_FACE_BODY_ITALIC;
		p = (para){0};
		add_text(f, &p, &ss, a->summary, ALIGN_LEFT);
		set_para(f, &p, ALIGN_LEFT, 0, t->leading, out, true);
		para_free(&p);
	}
	keep_with_next(out);
	ac_vitem *rule = ac_vlist_push(out, AC_V_BOX, t->leading * 1.5);
	ac_op *op = ac_vitem_op(rule, AC_OP_RULE);
	op->x = 0;
	op->y = t->leading * 0.75;
	op->w = f->width * 0.25;
	op->stroke = 0.8;
	op->color = t->rule;
	keep_with_next(out);
	(void)b;
}

void ac_flow_article(ac_flow *f, const ac_book *b, const ac_article *a, int chapter,
		     ac_vlist *out)
{
	f->b = b;
	f->a = a;
	free(f->src_lines);
	f->src_lines = NULL;
	f->nsrc_lines = 0;
	f->left = f->right = 0;
	f->nbars = 0;
	f->marker = NULL;
	f->depth = 0;
	f->path = a->path;
	f->line = 1;
	opener(f, b, a, chapter, out);
	f->no_indent = true;
	f->line = a->body_line;
	xmlNodePtr root = a->doc ? xmlDocGetRootElement(a->doc) : NULL;
	if (root)
		flow_blocks(f, root, out);
	missing_flush(f);
	/* What follows (contents, index) repeats what was checked here. */
	f->path = NULL;
	f->line = 0;
}

void ac_flow_set_origin(ac_flow *f, const char *path, int line)
{
	f->path = path;
	f->line = line;
}

void ac_flow_set_tags(ac_flow *f, const ac_tag_index *tags)
{
	f->tags = tags;
}

void ac_flow_text(ac_flow *f, ac_vlist *out, const char *text, ac_face_role role,
		  double size, ac_rgb color, ac_align al, double leading, const char *link)
{
	style st = base_style(f);
	st.role = role;
	st.size = size;
	st.color = color;
	st.link = link;
	para p = {0};
	add_text(f, &p, &st, text, (align)al);
	set_para(f, &p, (align)al, 0, leading, out, true);
	para_free(&p);
}

void ac_flow_leader_line(ac_flow *f, ac_vlist *out, const char *text, ac_face_role role,
			 double size, double indent, const char *note, const char *number,
			 double leading, const char *link)
{
	style st = base_style(f);
	st.role = role;
	st.size = size;
	ac_vitem *box = ac_vlist_push(out, AC_V_BOX, leading);
	double base = leading * 0.76;
	const ac_shaped *t = shape(f, &st, text, strlen(text));
	const ac_shaped *n = shape(f, &st, number, strlen(number));
	double right = f->width;
	double nw = n->width * size, tw = t->width * size;
	frag ft = {t, st, 0}, fn = {n, st, 0};
	draw_frag(f, box, &ft, indent, base);
	draw_frag(f, box, &fn, right - nw, base);
	if (note) {
		style ns = st;
		ns.role = AC_FACE_HEADING;
		ns.size = f->t->small;
		ns.color = f->t->muted;
		const ac_shaped *n2 = shape(f, &ns, note, strlen(note));
		frag fnote = {n2, ns, 0};
		draw_frag(f, box, &fnote, indent + tw + size * 0.8, base);
		tw += size * 0.8 + n2->width * ns.size;
	}
	/* Dot leaders on a fixed grid, so that columns of dots line up. */
	style ds = st;
	ds.color = f->t->muted;
	const ac_shaped *dot = shape(f, &ds, ".", 1);
	double step = size * 0.55;
	double from = indent + tw + size * 0.6, to = right - nw - size * 0.6;
	for (double x = ceil(from / step) * step; x + dot->width * size <= to; x += step) {
		frag fd = {dot, ds, 0};
		draw_frag(f, box, &fd, x, base);
	}
	if (link) {
		ac_op *op = ac_vitem_op(box, AC_OP_LINK);
		op->x = indent;
		op->y = 0;
		op->w = right - indent;
		op->h = leading;
		op->target = ac_xstrdup(link);
	}
}

void ac_flow_space(ac_vlist *out, double h)
{
	ac_vlist_push(out, AC_V_GLUE, h);
}

void ac_flow_keep(ac_vlist *out)
{
	keep_with_next(out);
}

void ac_flow_dest(ac_vlist *out, const char *name)
{
	dest_before(out, name);
}

void ac_flow_break(ac_vlist *out, bool odd, int chapter)
{
	ac_vitem *brk = ac_vlist_push(out, AC_V_PENALTY, 0);
	brk->penalty = -AC_INF_PENALTY;
	brk->odd = odd;
	brk->chapter = chapter;
}
