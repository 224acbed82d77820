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
	AC_OP_DEST,    /* a named destination at (x, y) */
	AC_OP_STRUCT   /* what follows in the box belongs to node (NULL: to the box's) */
} ac_op_kind;

/* A structure element of the tagged PDF that holds boxes: a list, an item's
 * body, a table row, a figure. Boxes name the innermost one they are in
 * (ac_vitem's sn); the device adds the element of the box's own block (P,
 * Hn, Code, Note) inside it unless the node is a leaf, which holds content
 * itself (a table cell, a list item's label, a figure). Nodes belong to the
 * list they were made in. */
typedef struct ac_snode ac_snode;
struct ac_snode {
	const ac_snode *parent; /* NULL: a child of the document */
	const char *type;       /* a standard structure type ("L", "TD"); static */
	char *alt;              /* figures: the alternative text (owned), or NULL */
	bool leaf;
	char scope;             /* TH: 'C' heads its column, 'R' its row */
};

/* A drawing operation. A thousand-article book holds about two million of
 * them until the last page is drawn, so they are kept small: single
 * precision (a hundred-thousandth of a point on a page is plenty) and the
 * fields of each kind sharing their place. */
typedef struct {
	unsigned char kind;  /* ac_op_kind */
	float x, y, w, h;    /* relative to the box's top-left corner */
	float size;          /* glyphs: the font size */
	float stroke;        /* rules: the line width */
	ac_rgb color;
	union {
		struct {
			const ac_run *run; /* glyphs: borrowed from the shaping cache */
			const char *text;  /* glyphs: the text the run stands for (borrowed) */
		};
		const ac_picture *pic;  /* pictures: borrowed */
		const ac_snode *node;   /* structure: borrowed from the list */
		char *target;           /* links and destinations: target or name; owned */
	};
} ac_op;

/* src_off of a box that begins with the element src itself. */
#define AC_SRC_BEFORE 0xffffffffu

typedef enum { AC_V_BOX, AC_V_GLUE, AC_V_PENALTY } ac_vkind;

/* What a box is part of, for tests that check the page breaking rules. */
typedef enum {
	AC_ROLE_OTHER,
	AC_ROLE_PARA,
	AC_ROLE_HEADING,
	AC_ROLE_CODE,
	AC_ROLE_ROW,
	AC_ROLE_FIGURE,
	AC_ROLE_NOTE /* a footnote's line, or the rule or mark above notes */
} ac_role;

typedef struct {
	double height;  /* box height, or glue size */
	double penalty; /* penalty: >= AC_INF_PENALTY never break, <= -AC_INF_PENALTY always */
	ac_op *ops;
	unsigned nops, capops;
	int chapter;    /* the chapter index a forced break starts, or -1 */
	int block;      /* boxes: serial number of their paragraph or block */
	int line, lines; /* boxes: line number in the block (from 1) and count */
	/* Boxes: where their text starts in the article's XHTML (borrowed, for
	 * the EPUB's page-break markers): a text node and the byte offset of the
	 * word that opens the box, or an element the box begins with (src_off
	 * AC_SRC_BEFORE); NULL for boxes of no article text. */
	const void *src;
	unsigned src_off;
	unsigned char kind;  /* ac_vkind */
	unsigned char role;  /* boxes: what they belong to (ac_role) */
	unsigned char level; /* headings: 1 (chapter title) to 6 */
	bool odd;       /* a forced break that must start an odd page */
	bool floats;    /* a figure that may move to the next page */
	bool header;    /* a table's header row: repeated atop the pages the table goes on to */
	const ac_snode *sn;    /* boxes: the structure element they are in, or NULL */
	unsigned short nnotes; /* boxes: footnotes referred to from this box … */
	unsigned note;         /* … the first of them, in the list's notes */
} ac_vitem;

/* A footnote: an insertion that travels with the box referring to it (as in
 * TeX). Its lines and space are items note_items[first .. first + count);
 * cont is the box that heads its continuation on a following page. */
typedef struct {
	size_t first, count;
	size_t cont;
} ac_vnote;

typedef struct {
	ac_vitem *items;
	size_t count, cap;
	/* Footnotes, outside the main list; note_rule (when there are notes) is
	 * the item of note_items drawn above the notes of a page, with the
	 * space between it and the text. */
	ac_vitem *note_items;
	size_t nnote_items, capnote_items;
	ac_vnote *notes;
	size_t nnotes, capnotes;
	size_t note_rule;
	double note_gap; /* space between two notes */
	/* Structure elements made for the list's boxes; node is the one boxes
	 * pushed now go into (ac_vlist_push sets their sn). */
	ac_snode **nodes;
	size_t nnodes, capnodes;
	const ac_snode *node;
} ac_vlist;

ac_vitem *ac_vlist_push(ac_vlist *v, ac_vkind kind, double height);
ac_op *ac_vitem_op(ac_vitem *it, ac_op_kind kind);
/* Appends an item to the list's note items (as ac_vlist_push does to its
 * items); the returned pointer lasts until the next such call. */
ac_vitem *ac_vlist_push_note_item(ac_vlist *v, ac_vkind kind, double height);
/* Gives back the room reserved for more operations in items from on: a long
 * book keeps its boxes until the last page is drawn. */
void ac_vlist_trim(ac_vlist *v, size_t from);
/* Gives back the room reserved for more items and notes: a list that is
 * complete (its items may then not move: call it before pointing at them). */
void ac_vlist_shrink(ac_vlist *v);
/* Frees the drawing operations of items from on and of the notes (their
 * sizes stay). */
void ac_vlist_drop_ops(ac_vlist *v, size_t from);
void ac_vlist_free(ac_vlist *v);
/* Makes a structure element of type (static) inside the current one, owned
 * by v; alt (copied, may be NULL) is a figure's alternative text. */
ac_snode *ac_vlist_node(ac_vlist *v, const char *type, const char *alt);
/* Makes node (a child of the current element) the current one, and goes
 * back to its parent. */
void ac_vlist_enter(ac_vlist *v, const ac_snode *node);
void ac_vlist_leave(ac_vlist *v);
/* Moves the structure elements of src (whose boxes moved to dst) to dst. */
void ac_vlist_adopt_nodes(ac_vlist *dst, ac_vlist *src);

#endif
