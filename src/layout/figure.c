/* figure.c - figures: pictures (loaded once per flow) scaled to the measure, with captions. */
#include "flow_internal.h"

#include <ctype.h>
#include <string.h>

const ac_image *flow_figure_image(const ac_article *a, xmlNodePtr n)
{
	const char *src = NULL;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (flow_is(c, "img"))
			src = flow_prop(c, "src");
	const ac_image *im = NULL;
	for (size_t i = 0; src && i < a->nimages; i++)
		if (!strcmp(a->images[i].book_path, src))
			im = &a->images[i];
	return im;
}

/* The picture of image im, loaded once per flow (perhaps ahead: preload.h). */
static const ac_picture *picture_for(ac_flow *f, const ac_image *im)
{
	for (size_t i = 0; i < f->npics; i++)
		if (!strcmp(f->pics[i].path, im->book_path))
			return f->pics[i].pic;
	int line = f->line > 0 ? f->line : 1;
	const ac_picture *pic = ac_preload_take(f->preload, im->real_path, f->a->path, line, f->d);
	if (!pic)
		pic = ac_picture_load(im->real_path, im->media_type, f->a->path, line, f->d);
	/* Sized: an SVG figure's parsed tree is let go past the budget. */
	if (pic)
		ac_picture_svg_trim(pic);
	f->pics = ac_xrealloc(f->pics, (f->npics + 1) * sizeof *f->pics);
	f->pics[f->npics].pic = pic;
	f->pics[f->npics].path = ac_xstrdup(im->book_path);
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
bool flow_picture_figure(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !flow_is(c, "img") && !flow_is(c, "figcaption"))
			return false;
		if (c->type == XML_TEXT_NODE)
			for (const xmlChar *s = c->content; s && *s; s++)
				if (!isspace(*s))
					return false;
	}
	return true;
}

void flow_figure(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	const ac_theme *t = f->t;
	xmlNodePtr img = NULL, cap = NULL;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (flow_is(c, "img"))
			img = c;
		if (flow_is(c, "figcaption"))
			cap = c;
	}
	const ac_image *im = flow_figure_image(f->a, n);
	const ac_picture *pic = im ? picture_for(f, im) : NULL;
	flow_vspace(out, t->space_between * 1.5);
	ac_vitem box;
	memset(&box, 0, sizeof box);
	box.kind = AC_V_BOX;
	box.floats = true;
	box.chapter = -1;
	box.role = AC_ROLE_FIGURE;
	box.block = ++f->block;
	box.line = box.lines = 1;
	/* The picture is the Figure element, with the image's alt text; the
	 * caption is a Caption beside it (cairo marks content only in
	 * elements without children). */
	const char *alt = img ? flow_prop(img, "alt") : NULL;
	ac_snode *fig = ac_vlist_node(out, "Figure", alt);
	fig->leaf = true;
	box.sn = fig;
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
		style st = flow_base_style(f);
		st.role = AC_FACE_BODY_ITALIC;
		st.size = t->small;
		st.color = t->muted;
		para p = {0};
		flow_add_inline(f, &p, cap, st, ALIGN_CENTER);
		flow_set_para(f, &p, ALIGN_CENTER, 0, t->small_leading, &tmp, true);
		flow_para_free(&p);
		y += t->small * 0.6;
		ac_snode *caption = ac_vlist_node(out, "Caption", NULL);
		caption->leaf = true;
		ac_vitem_op(&box, AC_OP_STRUCT)->node = caption;
		y += merge_into(&box, &tmp, 0, y);
		ac_vlist_free(&tmp);
	}
	/* The space below belongs to the figure, so it travels with it. */
	y += t->space_between * 1.5;
	box.height = y;
	flow_dest_before(out, flow_prop(n, "id"));
	ac_vitem *dst = ac_vlist_push(out, AC_V_BOX, y);
	*dst = box;
	dst->src = n;
	dst->src_off = AC_SRC_BEFORE;
	/* A page may break right after the figure. */
	ac_vlist_push(out, AC_V_GLUE, 0);
	f->no_indent = true;
}
