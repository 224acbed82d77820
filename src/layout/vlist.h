/* vlist.h - what the flow produces and the pages consume: a vertical list of
 * boxes (lines, rows, figures) with the drawing operations inside them. */
#ifndef AC_VLIST_H
#define AC_VLIST_H

#include "font.h"
#include "picture.h"
#include "theme.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
	AC_OP_GLYPHS,  /* a glyph run at (x, y = baseline) */
	AC_OP_RECT,    /* a filled rectangle */
	AC_OP_RULE,    /* a stroked line from (x, y) to (x + w, y + h) */
	AC_OP_PICTURE, /* a figure scaled into (x, y, w, h) */
	AC_OP_LINK,    /* a link area; target "#dest" or a URI */
	AC_OP_DEST     /* a named destination at (x, y) */
} ac_op_kind;

typedef struct {
	ac_op_kind kind;
	double x, y, w, h; /* relative to the box's top-left corner */
	const ac_run *run; /* glyphs: borrowed from the shaping cache */
	const char *text;  /* glyphs: the text the run stands for (borrowed) */
	double size;
	ac_rgb color;
	double stroke;           /* rule width */
	const ac_picture *pic;   /* borrowed */
	char *target;            /* link target or destination name; owned */
} ac_op;

typedef enum { AC_V_BOX, AC_V_GLUE, AC_V_PENALTY } ac_vkind;

/* What a box is part of, for tests that check the page breaking rules. */
typedef enum {
	AC_ROLE_OTHER,
	AC_ROLE_PARA,
	AC_ROLE_HEADING,
	AC_ROLE_CODE,
	AC_ROLE_ROW,
	AC_ROLE_FIGURE
} ac_role;

typedef struct {
	ac_vkind kind;
	double height;  /* box height, or glue size */
	double penalty; /* penalty: >= AC_INF_PENALTY never break, <= -AC_INF_PENALTY always */
	bool odd;       /* a forced break that must start an odd page */
	bool floats;    /* a figure that may move to the next page */
	int chapter;    /* the chapter index a forced break starts, or -1 */
	ac_role role;   /* boxes: what they belong to */
	int block;      /* boxes: serial number of their paragraph or block */
	int line, lines; /* boxes: line number in the block (from 1) and count */
	int level;      /* headings: 1 (chapter title) to 6 */
	ac_op *ops;
	size_t nops, capops;
} ac_vitem;

typedef struct {
	ac_vitem *items;
	size_t count, cap;
} ac_vlist;

ac_vitem *ac_vlist_push(ac_vlist *v, ac_vkind kind, double height);
ac_op *ac_vitem_op(ac_vitem *it, ac_op_kind kind);
void ac_vlist_free(ac_vlist *v);

#endif
