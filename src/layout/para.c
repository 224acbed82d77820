/* para.c - inline text to Knuth–Plass items, lines to boxes; missing glyphs, overfull lines. */
#include "flow_internal.h"

#include <glib.h>

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FRAGMENT_HYPHENS 16
#define MAX_RATIO 6 /* the most a justified line's spaces stretch: 4 times */
#define MAX_MISSING_LISTED 8    /* characters named in one warning */
#define MAX_MISSING_WARNINGS 20 /* warnings about them per file, then a summary */

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
void flow_missing_flush(ac_flow *f)
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
		flow_missing_flush(f);
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

const ac_shaped *flow_shape(ac_flow *f, const style *st, const char *s, size_t n)
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

static int push_frag(ac_flow *f, para *p, const ac_shaped *sh, const style *st)
{
	if (p->nf == p->capf) {
		p->capf = p->capf ? p->capf * 2 : 64;
		p->frags = ac_xrealloc(p->frags, p->capf * sizeof *p->frags);
		p->srcs = ac_xrealloc(p->srcs, p->capf * sizeof *p->srcs);
	}
	p->frags[p->nf].shaped = sh;
	p->frags[p->nf].st = *st;
	p->frags[p->nf].line = f->line;
	p->srcs[p->nf].node = f->src_node;
	p->srcs[p->nf].off = f->word_off;
	p->srcs[p->nf].dest = f->pending_dest;
	f->pending_dest = NULL;
	if (st->size > p->max_size)
		p->max_size = st->size;
	return (int)p->nf++;
}

void flow_para_free(para *p)
{
	free(p->items);
	free(p->frags);
	free(p->srcs);
	memset(p, 0, sizeof *p);
}

static void add_break(para *p, double penalty, double width, bool flagged, int data,
		      const style *st, align al);

static void add_box(ac_flow *f, para *p, const style *st, const char *s, size_t n, align al)
{
	const ac_shaped *sh = flow_shape(f, st, s, n);
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
			const ac_shaped *piece = flow_shape(f, st, s + start, i - start);
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
				const ac_shaped *cut = flow_shape(f, st, s + start, end - start);
				ac_item *b = push_item(p, AC_BOX);
				b->width = cut->width * st->size;
				b->data = push_frag(f, p, cut, st);
				if (end < n)
					add_break(p, 500, 0, false, -1, st, al);
				start = end;
				if (start < n && i == n) {
					const ac_shaped *rest = flow_shape(f, st, s + start, n - start);
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
		const ac_shaped *hy = flow_shape(f, st, "-", 1);
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
		/* Quotes and punctuation at either end are not part of the word
		 * to hyphenate; letters of any script are. */
		size_t lead = 0;
		size_t wlen = ac_hyphen_trim(s + start, n - start, &lead);
		np = wlen ? ac_hyphenate(f->hy, s + start + lead, wlen, pts, MAX_FRAGMENT_HYPHENS) : 0;
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
	const ac_shaped *sp = flow_shape(f, &sp_style, " ", 1);
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

void flow_add_text(ac_flow *f, para *p, const style *st, const char *s, align al)
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
		/* Every piece of the word (hyphenated, cut) points at its start:
		 * a page-break marker never goes inside a word. */
		f->word_off = f->src_text && s == f->src_text ? (unsigned)i : AC_SRC_BEFORE;
		add_word(f, p, st, s + i, j - i, al);
		i = j;
	}
}

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
void flow_add_node(ac_flow *f, para *p, xmlNodePtr c, style st, align al)
{
	{
		if (c->type == XML_TEXT_NODE) {
			f->src_node = c;
			f->src_text = (const char *)c->content;
			flow_add_text(f, p, &st, (const char *)c->content, al);
			f->src_node = NULL;
			f->src_text = NULL;
			return;
		}
		if (c->type != XML_ELEMENT_NODE)
			return;
		if (flow_is_block(c)) {
			/* Blocks where one paragraph is set (a table cell, a
			 * caption): their text on lines of their own. */
			end_line(p);
			flow_add_inline(f, p, c, st, al);
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
		const char *id = flow_prop(c, "id");
		if (id)
			f->pending_dest = id;
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
			const char *href = flow_prop(c, "href");
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
			const char *alt = flow_prop(c, "alt");
			if (alt && *alt) {
				s.role = AC_FACE_BODY_ITALIC;
				char *t = ac_xasprintf("[%s]", alt);
				f->src_node = c;
				flow_add_text(f, p, &s, t, al);
				f->src_node = NULL;
				free(t);
			}
			return;
		}
		flow_add_inline(f, p, c, s, al);
	}
}

/* The inline content of n into p, with style st. */
void flow_add_inline(ac_flow *f, para *p, xmlNodePtr n, style st, align al)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		flow_add_node(f, p, c, st, al);
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

void flow_draw_frag(ac_flow *f, ac_vitem *box, const frag *fr, double x, double base)
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

/* A destination at x on the line, for an inline element's id. */
static void add_dest(ac_vitem *box, const char *id, double x)
{
	if (!id)
		return;
	ac_op *op = ac_vitem_op(box, AC_OP_DEST);
	op->x = x;
	op->y = 0;
	op->target = ac_xstrdup(id);
}

static bool same_style(const style *a, const style *b)
{
	return a->role == b->role && a->size == b->size && a->link == b->link &&
	       a->rise == b->rise && a->strike == b->strike && a->plain == b->plain &&
	       a->color.r == b->color.r && a->color.g == b->color.g && a->color.b == b->color.b;
}

/* Adds the block context's decorations (quote bars, list marker) to a line. */
void flow_decorate(ac_flow *f, ac_vitem *box, double base)
{
	for (int i = 0; i < f->nbars; i++) {
		ac_op *op = ac_vitem_op(box, AC_OP_RECT);
		op->x = f->bars[i].x;
		op->y = 0;
		op->w = f->bars[i].w;
		op->h = box->height;
		op->color = f->bars[i].color;
	}
	for (int i = 0; i < f->nmarkers; i++) {
		frag fr = {f->markers[i].shaped, f->markers[i].st, 0};
		double w = fr.shaped->width * fr.st.size;
		if (f->markers[i].lbl)
			ac_vitem_op(box, AC_OP_STRUCT)->node = f->markers[i].lbl;
		flow_draw_frag(f, box, &fr, f->markers[i].left - w - f->t->body * 0.45, base);
		if (f->markers[i].lbl)
			ac_vitem_op(box, AC_OP_STRUCT)->node = NULL;
	}
	f->nmarkers = 0;
}

int flow_push_marker(ac_flow *f, const ac_shaped *marker, style st, const ac_snode *lbl)
{
	int before = f->nmarkers;
	/* Past FLOW_MAX_MARKERS items opening one another on one line, the
	 * innermost number takes the last place. */
	int k = f->nmarkers < FLOW_MAX_MARKERS ? f->nmarkers++ : FLOW_MAX_MARKERS - 1;
	f->markers[k].shaped = marker;
	f->markers[k].st = st;
	f->markers[k].left = f->left;
	f->markers[k].lbl = lbl;
	return before;
}

void flow_drop_markers(ac_flow *f, int n)
{
	if (f->nmarkers > n)
		f->nmarkers = n;
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
void flow_set_para(ac_flow *f, para *p, align al, double indent, double leading,
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
		flow_decorate(f, box, base);
		/* Skip what vanishes at the start of a line. */
		while (start < end && p->items[start].kind != AC_BOX)
			start++;
		if (start < end && p->items[start].data >= 0) {
			box->src = p->srcs[p->items[start].data].node;
			box->src_off = p->srcs[p->items[start].data].off;
		}
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
				add_dest(box, p->srcs[it->data].dest, x);
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
					add_dest(box, p->srcs[nx->data].dest, x + w);
					ac_buf_add(&word, piece->text, piece->len);
					w += nx->width;
					j++;
				}
				if (j > i + 1) {
					frag whole = {flow_shape(f, &fr->st, word.ptr, word.len), fr->st, fr->line};
					flow_draw_frag(f, box, &whole, x, base);
				} else {
					flow_draw_frag(f, box, fr, x, base);
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
			flow_draw_frag(f, box, &p->frags[at->data], x, base);
		if (!last) {
			/* Breaking after line li leaves li+1 lines above and nb-li-1 below. */
			bool allowed = !keep_all && li >= 1 && nb - li - 1 >= 2;
			ac_vlist_push(out, AC_V_PENALTY, 0)->penalty = allowed ? 0 : AC_INF_PENALTY;
		}
		start = end + 1;
	}
	free(br);
	f->pending_dest = NULL; /* an id after the paragraph's last word */
}
