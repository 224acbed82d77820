/* code.c - code blocks: monospace lines wrapped with a mark, on a tinted band, tokens in the theme's colours. */
#include "flow_internal.h"

#include <string.h>

#define KEEP_CODE_LINES 12

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

/* The text of a code block and, per byte, its token class, from the tok-
 * spans the converter wrapped around its tokens. */
static void code_text(xmlNodePtr n, ac_tok tok, ac_buf *text, ac_buf *cls)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
			size_t len = strlen((const char *)c->content);
			ac_buf_add(text, c->content, len);
			for (size_t i = 0; i < len; i++)
				ac_buf_addc(cls, (char)tok);
		} else if (c->type == XML_ELEMENT_NODE) {
			ac_tok inner = ac_tok_from_class(flow_prop(c, "class"));
			code_text(c, inner != AC_TOK_NONE ? inner : tok, text, cls);
		}
	}
}

/* How a token class is set: the theme's colour; keywords (and escapes and
 * prompts) bold, comments italic, so that greyscale print keeps them apart. */
static style token_style(const ac_theme *t, style st, ac_tok tok)
{
	if (tok == AC_TOK_NONE)
		return st;
	st.color = t->tok[tok];
	if (tok == AC_TOK_KEYWORD || tok == AC_TOK_ESCAPE || tok == AC_TOK_PROMPT)
		st.role = AC_FACE_MONO_BOLD;
	else if (tok == AC_TOK_COMMENT)
		st.role = AC_FACE_MONO_ITALIC;
	return st;
}

static bool same_ink(const style *a, const style *b)
{
	return a->role == b->role && a->color.r == b->color.r && a->color.g == b->color.g &&
	       a->color.b == b->color.b;
}

static bool word_byte(char c)
{
	return c == '_' || (unsigned char)c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* Where a piece of a wrapped line begins in the source line s[i..j), pos
 * being its offset in the line with tabs expanded (4 columns): at the start
 * of the word it falls in, so that a page-break marker there is never inside
 * a word. */
static size_t piece_source(const char *s, size_t i, size_t j, size_t pos)
{
	size_t k = i, at = 0, col = 0;
	while (k < j && at < pos) {
		if (s[k] == '\t') {
			do
				at++;
			while (++col % 4);
		} else {
			at++;
			if (((unsigned char)s[k] & 0xc0) != 0x80)
				col++;
		}
		k++;
	}
	while (k > i && k < j && word_byte(s[k]) && word_byte(s[k - 1]))
		k--;
	return k;
}

/* Draws text[0..n) of one output line from x, a run per change of face or
 * colour (token classes the theme sets alike share a run). inks: the style
 * of each token class. Spaces show no ink, so they join the run beside them:
 * fewer runs, fewer changes of colour and face in the PDF (a mono face's
 * space is as wide in bold). */
static void draw_tokens(ac_flow *f, ac_vitem *box, const style *inks, const char *text, const unsigned char *cls,
			size_t n, double x, double base)
{
	for (size_t a = 0; a < n;) {
		size_t b = a;
		while (b < n && text[b] == ' ')
			b++;
		const style *rs = &inks[b < n ? cls[b] : cls[a]];
		while (b < n && (text[b] == ' ' || same_ink(rs, &inks[cls[b]])))
			b++;
		frag fr = {flow_shape(f, rs, text + a, b - a), *rs, 0};
		flow_draw_frag(f, box, &fr, x, base);
		x += fr.shaped->width * rs->size;
		a = b;
	}
}

void flow_code(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	const ac_theme *t = f->t;
	style st = flow_base_style(f);
	st.role = AC_FACE_MONO;
	st.plain = true;
	st.size = t->code;
	style inks[AC_TOK_COUNT];
	for (int k = 0; k < AC_TOK_COUNT; k++)
		inks[k] = token_style(t, st, (ac_tok)k);
	ac_buf text = AC_BUF_INIT, classes = AC_BUF_INIT;
	code_text(n, AC_TOK_NONE, &text, &classes);
	const char *s = ac_buf_str(&text);
	size_t len = text.len;
	if (!t->code_highlight && len)
		memset(classes.ptr, AC_TOK_NONE, len);
	if (len && s[len - 1] == '\n')
		len--;
	const ac_shaped *m = flow_shape(f, &st, "M", 1);
	double cw = m->width * st.size;
	double pad = t->body * 0.5;
	double avail = f->width - f->left - f->right - 2 * pad;
	size_t cols = cw > 0 ? (size_t)(avail / cw) : 80;
	if (cols < 8)
		cols = 8;
	/* Count output lines first, to decide whether the block may split. */
	ac_vlist lines = {0};
	const ac_shaped *mark = flow_shape(f, &st, "\xe2\x86\xaa", 3); /* ↪ */
	size_t i = 0;
	ac_buf line = AC_BUF_INIT, line_cls = AC_BUF_INIT;
	int first_line = code_first_line(f, f->line);
	flow_text_cursor cur;
	flow_text_cursor_init(&cur, n);
	for (int src = 0; i <= len; src++) {
		/* A line's first piece points at its start, the pieces it wraps
		 * into at the word they begin in. */
		const void *at = NULL;
		unsigned at_off = 0;
		flow_text_seek(&cur, i, &at, &at_off);
		if (first_line > 0)
			f->line = first_line + src;
		size_t j = i;
		while (j < len && s[j] != '\n')
			j++;
		/* Expand tabs to 4 columns, count columns by code points; each
		 * byte keeps its token class. */
		ac_buf_reset(&line);
		ac_buf_reset(&line_cls);
		ac_buf_add(&line, "", 0);
		ac_buf_add(&line_cls, "", 0);
		size_t col = 0;
		for (size_t k = i; k < j; k++) {
			char c = classes.ptr[k];
			if (s[k] == '\t') {
				do {
					ac_buf_addc(&line, ' ');
					ac_buf_addc(&line_cls, c);
				} while (++col % 4);
				continue;
			}
			ac_buf_addc(&line, s[k]);
			ac_buf_addc(&line_cls, c);
			if (((unsigned char)s[k] & 0xc0) != 0x80)
				col++;
		}
		/* Wrap into pieces of cols columns; continuation lines start with a mark. */
		const char *ls = ac_buf_str(&line);
		const unsigned char *lc = (const unsigned char *)ac_buf_str(&line_cls);
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
			if (!first)
				flow_text_seek(&cur, piece_source(s, i, j, pos), &at, &at_off);
			box->src = at;
			box->src_off = at_off;
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
				flow_draw_frag(f, box, &mf, x, base);
				x += 2 * cw;
			}
			draw_tokens(f, box, inks, ls + pos, lc + pos, take, x, base);
			flow_decorate(f, box, base);
			pos += take;
			first = false;
		} while (pos < ll);
		i = j + 1;
	}
	ac_buf_free(&line);
	ac_buf_free(&line_cls);
	ac_buf_free(&text);
	ac_buf_free(&classes);
	flow_vspace(out, t->space_between);
	flow_dest_before(out, flow_prop(n, "id"));
	/* A little padding above and below, drawn as part of the first/last line. */
	size_t nl = lines.count;
	int block = ++f->block;
	for (size_t k = 0; k < nl; k++) {
		ac_vitem *src = &lines.items[k];
		ac_vitem *box = ac_vlist_push(out, AC_V_BOX, src->height);
		*box = *src;
		box->sn = out->node;
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
	flow_vspace(out, t->space_between);
	f->no_indent = true;
}

/* A line of small text in the muted colour, set flush left: a listing's
 * file name or caption. */
static void listing_note(ac_flow *f, xmlNodePtr n, ac_face_role role, ac_vlist *out)
{
	const ac_theme *t = f->t;
	style st = flow_base_style(f);
	st.role = role;
	st.size = t->small;
	st.color = t->muted;
	f->no_indent = true;
	flow_paragraph(f, n, out, st, ALIGN_LEFT, t->small_leading);
}

void flow_listing(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	const ac_theme *t = f->t;
	flow_vspace(out, t->space_between);
	flow_dest_before(out, flow_prop(n, "id"));
	ac_vlist_enter(out, ac_vlist_node(out, "Div", NULL));
	xmlNodePtr c = n->children, run = c;
	for (; c; c = c->next) {
		bool name = flow_is(c, "p") && flow_has_class(c, "listing-file-name");
		if (!name && !flow_is(c, "figcaption"))
			continue;
		flow_blocks_from(f, run, c, out);
		if (name) {
			/* The file name heads the code. */
			listing_note(f, c, AC_FACE_BODY, out);
			flow_keep_with_next(out);
		} else {
			/* The caption ends it, never alone at the top of a page.
			 * A P: PDF/UA-1 wants a Caption only in a table, list
			 * or figure, and a Figure alternative text. */
			flow_keep_with_previous(out);
			listing_note(f, c, AC_FACE_BODY_ITALIC, out);
		}
		run = c->next;
	}
	flow_blocks_from(f, run, NULL, out);
	ac_vlist_leave(out);
	flow_vspace(out, t->space_between);
	f->no_indent = true;
}
