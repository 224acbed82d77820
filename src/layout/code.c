/* code.c - code blocks: monospace lines wrapped with a mark, on a tinted band. */
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

void flow_code(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	const ac_theme *t = f->t;
	style st = flow_base_style(f);
	st.role = AC_FACE_MONO;
	st.plain = true;
	st.size = t->code;
	xmlChar *content = xmlNodeGetContent(n);
	const char *s = content ? (const char *)content : "";
	size_t len = strlen(s);
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
	ac_buf line = AC_BUF_INIT;
	int first_line = code_first_line(f, f->line);
	flow_text_cursor cur;
	flow_text_cursor_init(&cur, n);
	for (int src = 0; i <= len; src++) {
		/* Every piece of a wrapped line points at the line's start. */
		const void *at = NULL;
		unsigned at_off = 0;
		flow_text_seek(&cur, i, &at, &at_off);
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
			if (take) {
				frag fr = {flow_shape(f, &st, ls + pos, take), st, 0};
				flow_draw_frag(f, box, &fr, x, base);
			}
			flow_decorate(f, box, base);
			pos += take;
			first = false;
		} while (pos < ll);
		i = j + 1;
	}
	ac_buf_free(&line);
	xmlFree(content);
	flow_vspace(out, t->space_between);
	flow_dest_before(out, flow_prop(n, "id"));
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
	flow_vspace(out, t->space_between);
	f->no_indent = true;
}
