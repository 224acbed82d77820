/* trace.c - the trace device: what would be drawn, as text, for tests. */
#include "device.h"

#include "../base/buf.h"

#include <stdlib.h>

typedef struct {
	ac_device base;
	ac_buf *out;
	int page;
} trace_dev;

static void t_begin(ac_device *dev, double w, double h, const double frame[4],
		    const char *label)
{
	trace_dev *t = (trace_dev *)dev;
	ac_buf_printf(t->out, "page %d %s %.1fx%.1f frame %.2f %.2f %.2f %.2f\n", ++t->page,
		      label ? label : "-", w, h, frame[0], frame[1], frame[2], frame[3]);
}

static void t_draw(ac_device *dev, const ac_op *op, double dx, double dy)
{
	trace_dev *t = (trace_dev *)dev;
	double x = op->x + dx, y = op->y + dy;
	switch (op->kind) {
	case AC_OP_GLYPHS:
		ac_buf_printf(t->out, "text %.2f %.2f %.2f %s %.1f \"%.*s\"\n", x, y,
			      op->run->width * op->size, op->run->font->file, op->size,
			      (int)op->run->text_len, op->text + op->run->text_start);
		break;
	case AC_OP_RECT:
		ac_buf_printf(t->out, "rect %.2f %.2f %.2f %.2f\n", x, y, op->w, op->h);
		break;
	case AC_OP_RULE:
		ac_buf_printf(t->out, "rule %.2f %.2f %.2f %.2f\n", x, y, op->w, op->h);
		break;
	case AC_OP_PICTURE:
		ac_buf_printf(t->out, "picture %.2f %.2f %.2f %.2f\n", x, y, op->w, op->h);
		break;
	case AC_OP_LINK:
		ac_buf_printf(t->out, "link %.2f %.2f %.2f %.2f %s\n", x, y, op->w, op->h, op->target);
		break;
	case AC_OP_DEST:
		ac_buf_printf(t->out, "dest %.2f %.2f %s\n", x, y, op->target);
		break;
	case AC_OP_STRUCT: /* the trace shows what is drawn, not its structure */
		break;
	}
}

static void t_end(ac_device *dev)
{
	(void)dev;
}

static void t_custom(ac_device *dev, void (*fn)(void *ctx, void *cr), void *ctx)
{
	trace_dev *t = (trace_dev *)dev;
	(void)fn;
	(void)ctx;
	ac_buf_adds(t->out, "custom\n");
}

static void t_mark(ac_device *dev, const ac_vitem *box, double y)
{
	static const char *const roles[] = {"other", "para", "heading", "code", "row", "figure", "note"};
	trace_dev *t = (trace_dev *)dev;
	if (!box || box->kind != AC_V_BOX || box->height <= 0)
		return;
	ac_buf_printf(t->out, "box %.2f %.2f %s %d %d/%d\n", y, box->height,
		      box->header ? "header" : roles[box->role], box->block, box->line, box->lines);
}

static int t_outline(ac_device *dev, int parent, const char *title, const char *dest)
{
	trace_dev *t = (trace_dev *)dev;
	ac_buf_printf(t->out, "outline %d \"%s\" %s\n", parent, title, dest);
	return parent + 1;
}

static int t_finish(ac_device *dev)
{
	(void)dev;
	return 0;
}

static void t_free(ac_device *dev)
{
	free(dev);
}

ac_device *ac_trace_device_new(ac_buf *out)
{
	trace_dev *t = ac_xcalloc(1, sizeof *t);
	t->out = out;
	t->base.begin_page = t_begin;
	t->base.draw = t_draw;
	t->base.end_page = t_end;
	t->base.outline = t_outline;
	t->base.mark = t_mark;
	t->base.custom = t_custom;
	t->base.finish = t_finish;
	t->base.free = t_free;
	return &t->base;
}
