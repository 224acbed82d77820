/* flow.c - walks an article's XHTML tree and sets it as boxes of a vertical
 * list: dispatches each block to its kind's file (para.c, code.c, figure.c,
 * list.c, table.c, notes.c, opener.c); sets paragraphs, headings and rules;
 * the public ac_flow_* calls. */
#include "flow_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 40

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

void ac_flow_free(ac_flow *f)
{
	if (!f)
		return;
	flow_missing_flush(f);
	ac_preload_free(f->preload);
	for (size_t i = 0; i < f->npics; i++) {
		ac_picture_free((ac_picture *)f->pics[i].pic);
		free(f->pics[i].path);
	}
	free(f->pics);
	free(f->missing);
	free(f->src_lines);
	free(f->note_sections);
	free(f);
}

double ac_flow_width(const ac_flow *f)
{
	return f->width;
}

double ac_flow_set_width(ac_flow *f, double width)
{
	double old = f->width;
	f->width = width;
	return old;
}

style flow_base_style(const ac_flow *f)
{
	style s = {AC_FACE_BODY, f->t->body, f->t->text, false, NULL, 0, false};
	return s;
}

bool flow_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

bool flow_has_class(xmlNodePtr n, const char *name)
{
	const char *cls = n ? flow_prop(n, "class") : NULL;
	size_t len = strlen(name);
	for (const char *p = cls; p && (p = strstr(p, name)); p += len)
		if ((p == cls || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return true;
	return false;
}

const char *flow_prop(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children)
			return (const char *)a->children->content;
	return NULL;
}

bool flow_is_block(xmlNodePtr n)
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

void flow_vspace(ac_vlist *out, double h)
{
	if (out->count && out->items[out->count - 1].kind == AC_V_GLUE) {
		ac_vitem *g = &out->items[out->count - 1];
		if (g->height < h)
			g->height = h;
		return;
	}
	ac_vlist_push(out, AC_V_GLUE, h);
}

void flow_keep_with_next(ac_vlist *out)
{
	ac_vlist_push(out, AC_V_PENALTY, 0)->penalty = AC_INF_PENALTY;
}

void flow_keep_with_previous(ac_vlist *out)
{
	ac_vitem *last = out->count ? &out->items[out->count - 1] : NULL;
	if (!last || last->kind != AC_V_GLUE) {
		flow_keep_with_next(out);
		return;
	}
	/* A space after a box is a place to break: a penalty takes its place,
	 * the space after it. */
	double h = last->height;
	last->kind = AC_V_PENALTY;
	last->height = 0;
	last->penalty = AC_INF_PENALTY;
	ac_vlist_push(out, AC_V_GLUE, h);
	flow_keep_with_next(out);
}

/* Puts a destination for an element's id at the top of the next box. */
void flow_dest_before(ac_vlist *out, const char *id)
{
	if (!id)
		return;
	ac_vitem *b = ac_vlist_push(out, AC_V_BOX, 0);
	ac_op *op = ac_vitem_op(b, AC_OP_DEST);
	op->target = ac_xstrdup(id);
	flow_keep_with_next(out);
}

/* ---- blocks ---- */

/* Makes n's source line the current one (when the doc stage recorded it);
 * returns the line to restore afterwards. */
int flow_enter_line(ac_flow *f, xmlNodePtr n)
{
	int saved = f->line;
	if (n->line > 0 && n->line < 65535)
		f->line = n->line;
	return saved;
}

/* The next node after n under root in document order, or NULL. */
static xmlNodePtr next_in(xmlNodePtr root, xmlNodePtr n)
{
	if (n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n != root && !n->next)
		n = n->parent;
	return n == root ? NULL : n->next;
}

static bool is_text(xmlNodePtr n)
{
	return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

void flow_text_cursor_init(flow_text_cursor *c, xmlNodePtr root)
{
	c->root = root;
	c->node = root->children ? root->children : NULL;
	c->base = 0;
	while (c->node && !is_text(c->node))
		c->node = next_in(root, c->node);
}

void flow_text_seek(flow_text_cursor *c, size_t off, const void **src, unsigned *src_off)
{
	while (c->node) {
		size_t len = c->node->content ? strlen((const char *)c->node->content) : 0;
		if (off < c->base + len) {
			*src = c->node;
			*src_off = (unsigned)(off - c->base);
			return;
		}
		c->base += len;
		do
			c->node = next_in(c->root, c->node);
		while (c->node && !is_text(c->node));
	}
	*src = c->root;
	*src_off = AC_SRC_BEFORE;
}

void flow_paragraph(ac_flow *f, xmlNodePtr n, ac_vlist *out, style st, align al,
		    double leading)
{
	para p = {0};
	flow_add_inline(f, &p, n, st, al);
	/* A first-line indent marks a new paragraph in running text; inside lists
	 * and notes paragraphs start flush. */
	double indent = (!f->no_indent && al == ALIGN_JUSTIFY && !f->nmarkers && !f->list_depth)
				? f->t->indent
				: 0;
	flow_dest_before(out, flow_prop(n, "id"));
	flow_set_para(f, &p, al, indent, leading, out, false);
	flow_para_free(&p);
	f->no_indent = false;
}

static void flow_heading(ac_flow *f, xmlNodePtr n, int level, ac_vlist *out)
{
	const ac_theme *t = f->t;
	style st = flow_base_style(f);
	st.role = level <= 3 ? AC_FACE_HEADING_BOLD : AC_FACE_BODY_BOLD_ITALIC;
	st.size = level == 1 ? t->h1 : level == 2 ? t->h2 : level == 3 ? t->h3 : t->h4;
	st.color = t->heading;
	flow_vspace(out, t->space_before_heading * (level == 2 ? 1.3 : 1));
	flow_dest_before(out, flow_prop(n, "id"));
	para p = {0};
	flow_add_inline(f, &p, n, st, ALIGN_LEFT);
	f->role = AC_ROLE_HEADING;
	f->level = level;
	flow_set_para(f, &p, ALIGN_LEFT, 0, st.size * 1.25, out, true);
	f->role = AC_ROLE_PARA;
	flow_para_free(&p);
	/* A heading never ends a page: keep it with what follows. */
	flow_keep_with_next(out);
	ac_vlist_push(out, AC_V_GLUE, t->space_after_heading);
	flow_keep_with_next(out);
	f->no_indent = true;
}

static void flow_rule(ac_flow *f, ac_vlist *out)
{
	/* A rule right under a heading (a section with no text) passes the
	 * heading's keep on to what follows, so that the heading does not end
	 * a page with only the rule under it. */
	bool kept = false;
	for (size_t i = out->count; i-- > 0 && out->items[i].kind != AC_V_BOX;)
		if (out->items[i].kind == AC_V_PENALTY && out->items[i].penalty >= AC_INF_PENALTY)
			kept = true;
	flow_vspace(out, f->t->space_between);
	ac_vitem *b = ac_vlist_push(out, AC_V_BOX, f->t->leading);
	ac_op *op = ac_vitem_op(b, AC_OP_RULE);
	double avail = f->width - f->left - f->right;
	op->x = f->left + avail * 0.35;
	op->y = f->t->leading / 2;
	op->w = avail * 0.3;
	op->stroke = 0.5;
	op->color = f->t->rule;
	if (kept)
		flow_keep_with_next(out);
	flow_vspace(out, f->t->space_between);
	f->no_indent = true;
}

void flow_block(ac_flow *f, xmlNodePtr c, ac_vlist *out)
{
	const char *name = (const char *)c->name;
	int saved_line = flow_enter_line(f, c);
	if (f->depth > MAX_DEPTH) {
		/* Deeper than any real book: the content, without its structure. */
		if (flow_is(c, "p") || (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]))
			flow_paragraph(f, c, out, flow_base_style(f), ALIGN_JUSTIFY, f->t->leading);
		else
			flow_blocks(f, c, out);
		f->line = saved_line;
		return;
	}
	f->depth++;
	if (!strcmp(name, "p")) {
		flow_paragraph(f, c, out, flow_base_style(f), ALIGN_JUSTIFY, f->t->leading);
	} else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
		flow_heading(f, c, name[1] - '0', out);
	} else if (!strcmp(name, "pre")) {
		flow_code(f, c, out);
	} else if (!strcmp(name, "ul") || !strcmp(name, "ol")) {
		flow_list(f, c, out, !strcmp(name, "ol"));
	} else if (!strcmp(name, "blockquote")) {
		flow_quote(f, c, out);
	} else if (!strcmp(name, "figure") && flow_has_class(c, "listing")) {
		flow_listing(f, c, out);
	} else if (!strcmp(name, "div") && flow_alert_kind(c) >= 0) {
		flow_alert(f, c, (ac_alert_kind)flow_alert_kind(c), out);
	} else if (!strcmp(name, "table")) {
		flow_table(f, c, out);
	} else if (!strcmp(name, "figure") && flow_picture_figure(c)) {
		flow_figure(f, c, out);
	} else if (!strcmp(name, "hr")) {
		flow_rule(f, out);
	} else if (!strcmp(name, "section") && flow_prop(c, "class") &&
		   !strcmp(flow_prop(c, "class"), "footnotes")) {
		flow_notes(f, c);
	} else if (!strcmp(name, "details")) {
		flow_vspace(out, f->t->space_between * 0.5);
		flow_blocks(f, c, out);
		flow_vspace(out, f->t->space_between * 0.5);
		f->no_indent = true;
	} else if (!strcmp(name, "dt") || !strcmp(name, "summary")) {
		/* A details' summary is its bold lead line; print shows the
		 * details always. */
		style st = flow_base_style(f);
		st.role = AC_FACE_BODY_BOLD;
		f->no_indent = true;
		flow_paragraph(f, c, out, st, ALIGN_LEFT, f->t->leading);
		flow_keep_with_next(out);
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

void flow_blocks(ac_flow *f, xmlNodePtr parent, ac_vlist *out)
{
	flow_blocks_from(f, parent->children, NULL, out);
}

void flow_blocks_from(ac_flow *f, xmlNodePtr c, xmlNodePtr end, ac_vlist *out)
{
	while (c != end) {
		if (flow_is_block(c)) {
			flow_block(f, c, out);
			c = c->next;
			continue;
		}
		/* Gather inline siblings into one anonymous paragraph. */
		xmlNodePtr first = c;
		bool text = false;
		while (c != end && !flow_is_block(c)) {
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
		style st = flow_base_style(f);
		for (xmlNodePtr k = first; k != c; k = k->next)
			flow_add_node(f, &p, k, st, ALIGN_JUSTIFY);
		double indent = 0;
		flow_set_para(f, &p, ALIGN_JUSTIFY, indent, f->t->leading, out, false);
		flow_para_free(&p);
		f->no_indent = false;
	}
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
	f->nmarkers = 0;
	f->depth = 0;
	f->path = a->path;
	f->line = 1;
	flow_opener(f, b, a, chapter, out);
	f->no_indent = true;
	f->line = a->body_line;
	xmlNodePtr root = a->doc ? xmlDocGetRootElement(a->doc) : NULL;
	size_t from = out->count;
	f->nnote_sections = 0;
	if (root)
		flow_blocks(f, root, out);
	flow_footnotes(f, out, from);
	flow_missing_flush(f);
	/* What follows (contents, index) repeats what was checked here. */
	f->path = NULL;
	f->line = 0;
}

void ac_flow_set_origin(ac_flow *f, const char *path, int line)
{
	f->path = path;
	f->line = line;
}

void ac_flow_preload(ac_flow *f, const ac_book *b)
{
	ac_preload_free(f->preload);
	f->preload = b ? ac_preload_new(b) : NULL;
}

void ac_flow_set_tags(ac_flow *f, const ac_tag_index *tags)
{
	f->tags = tags;
}

void ac_flow_text(ac_flow *f, ac_vlist *out, const char *text, ac_face_role role,
		  double size, ac_rgb color, ac_align al, double leading, const char *link)
{
	style st = flow_base_style(f);
	st.role = role;
	st.size = size;
	st.color = color;
	st.link = link;
	para p = {0};
	flow_add_text(f, &p, &st, text, (align)al);
	flow_set_para(f, &p, (align)al, 0, leading, out, true);
	flow_para_free(&p);
}

void ac_flow_leader_line(ac_flow *f, ac_vlist *out, const char *text, ac_face_role role,
			 double size, double indent, const char *note, const char *number,
			 double leading, const char *link)
{
	style st = flow_base_style(f);
	st.role = role;
	st.size = size;
	ac_vitem *box = ac_vlist_push(out, AC_V_BOX, leading);
	double base = leading * 0.76;
	const ac_shaped *t = flow_shape(f, &st, text, strlen(text));
	const ac_shaped *n = flow_shape(f, &st, number, strlen(number));
	double right = f->width;
	double nw = n->width * size, tw = t->width * size;
	frag ft = {t, st, 0}, fn = {n, st, 0};
	flow_draw_frag(f, box, &ft, indent, base);
	flow_draw_frag(f, box, &fn, right - nw, base);
	if (note) {
		style ns = st;
		ns.role = AC_FACE_HEADING;
		ns.size = f->t->small;
		ns.color = f->t->muted;
		const ac_shaped *n2 = flow_shape(f, &ns, note, strlen(note));
		frag fnote = {n2, ns, 0};
		flow_draw_frag(f, box, &fnote, indent + tw + size * 0.8, base);
		tw += size * 0.8 + n2->width * ns.size;
	}
	/* Dot leaders on a fixed grid, so that columns of dots line up. */
	style ds = st;
	ds.color = f->t->muted;
	const ac_shaped *dot = flow_shape(f, &ds, ".", 1);
	double step = size * 0.55;
	double from = indent + tw + size * 0.6, to = right - nw - size * 0.6;
	for (double x = ceil(from / step) * step; x + dot->width * size <= to; x += step) {
		frag fd = {dot, ds, 0};
		flow_draw_frag(f, box, &fd, x, base);
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
	flow_keep_with_next(out);
}

void ac_flow_dest(ac_vlist *out, const char *name)
{
	flow_dest_before(out, name);
}

void ac_flow_break(ac_vlist *out, bool odd, int chapter)
{
	ac_vitem *brk = ac_vlist_push(out, AC_V_PENALTY, 0);
	brk->penalty = -AC_INF_PENALTY;
	brk->odd = odd;
	brk->chapter = chapter;
}
