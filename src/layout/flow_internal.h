/* flow_internal.h - what the flow's files share: the flow, paragraphs, styles, helpers. */
#ifndef AC_FLOW_INTERNAL_H
#define AC_FLOW_INTERNAL_H

#include "../base/buf.h"
#include "flow.h"
#include "linebreak.h"
#include "preload.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* Where a fragment's word starts in the XHTML, as ac_vitem's src and src_off. */
typedef struct {
	xmlNodePtr node;
	unsigned off;
	const char *dest; /* the id of an inline element that starts here, or NULL */
} frag_src;

/* A paragraph being built: Knuth–Plass items plus the fragments boxes draw. */
typedef struct {
	ac_item *items;
	size_t n, cap;
	frag *frags;
	frag_src *srcs; /* one per fragment */
	size_t nf, capf;
	bool space_pending;
	double max_size; /* the largest font size used: sets the leading */
} para;

typedef struct {
	const ac_picture *pic;
	char *path;
} pic_entry;

#define FLOW_MAX_MARKERS 8

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
	struct {
		double x, w;
		ac_rgb color;
	} bars[8]; /* the rules left of quoted lines, outermost first */
	int nbars;
	/* List and note markers waiting for the next line, outermost first: an
	 * item whose first block is another list (or a quote holding one)
	 * shows every number on that line, each hanging left of where its item
	 * starts, so that none sits on a quote's rule. */
	struct {
		const ac_shaped *shaped;
		style st;
		double left; /* where the item's text starts */
		const ac_snode *lbl; /* the structure element it is drawn in, or NULL */
	} markers[FLOW_MAX_MARKERS];
	int nmarkers;
	bool no_indent; /* the next paragraph follows a heading or a block */
	int depth;
	int list_depth;
	/* Pictures, loaded once; perhaps ahead, on a thread of their own. */
	ac_preload *preload;
	pic_entry *pics;
	size_t npics;
	uint32_t *missing; /* a hash set: characters already reported for missing_path */
	size_t nmissing, capmissing;
	const char *missing_path;
	size_t nwarned;       /* warnings about them in that file */
	size_t missing_more;  /* and characters not listed, from missing_more_line on */
	int missing_more_line;
	const ac_tag_index *tags;
	ac_role role; /* what flow_set_para's lines are part of */
	int level;    /* and, for headings, their level */
	int block;    /* serial number of the last block set */
	/* The chapter's notes sections, set when its text is. */
	xmlNodePtr *note_sections;
	size_t nnote_sections, capnote_sections;
	/* The XHTML the text being added comes from: a text node and its
	 * content, or an element that stands for generated text (src_text
	 * NULL); NULL: no article text. word_off: where the word being added
	 * starts, as ac_vitem's src_off. */
	xmlNodePtr src_node;
	const char *src_text;
	unsigned word_off;
	/* The id of an inline element (an index anchor, a note reference)
	 * waiting for the next fragment: a destination where it is set. */
	const char *pending_dest;
};

/* flow.c: the block dispatcher and what every block kind uses. */
style flow_base_style(const ac_flow *f);
bool flow_is(xmlNodePtr n, const char *name);
/* The value of n's attribute name (borrowed from the document), or NULL. */
const char *flow_prop(xmlNodePtr n, const char *name);
bool flow_is_block(xmlNodePtr n);
/* Vertical space of h, merged with space just before (the larger wins). */
void flow_vspace(ac_vlist *out, double h);
void flow_keep_with_next(ac_vlist *out);
void flow_dest_before(ac_vlist *out, const char *id);
int flow_enter_line(ac_flow *f, xmlNodePtr n);
/* Sets block c (an element flow_is_block accepts) by its kind. */
void flow_block(ac_flow *f, xmlNodePtr c, ac_vlist *out);
/* Finds byte offsets of an element's text content (xmlNodeGetContent's)
 * in the text nodes under it, for ac_vitem's src and src_off; offsets are
 * sought in increasing order. */
typedef struct {
	xmlNodePtr root, node; /* node: the text node being looked at, or NULL */
	size_t base;           /* the offset of node's first byte */
} flow_text_cursor;
void flow_text_cursor_init(flow_text_cursor *c, xmlNodePtr root);
/* Sets *src and *src_off to where off is (root itself, before it, when off
 * is past the text). */
void flow_text_seek(flow_text_cursor *c, size_t off, const void **src, unsigned *src_off);
/* Flows the children of parent (flow_blocks_from: first and the siblings
 * after it, up to end or the last if end is NULL): block children as
 * blocks, runs of inline content (a tight list item's text) as paragraphs. */
void flow_blocks(ac_flow *f, xmlNodePtr parent, ac_vlist *out);
void flow_blocks_from(ac_flow *f, xmlNodePtr first, xmlNodePtr end, ac_vlist *out);
/* Forbids a page break between the last box and the next one, across the
 * space between them. */
void flow_keep_with_previous(ac_vlist *out);
/* Whether n's class attribute holds the class name. */
bool flow_has_class(xmlNodePtr n, const char *name);
/* n: mdBook's listing, <figure class="listing"> (doc/dialects.h). */
void flow_listing(ac_flow *f, xmlNodePtr n, ac_vlist *out);
void flow_paragraph(ac_flow *f, xmlNodePtr n, ac_vlist *out, style st, align al,
		    double leading);

/* para.c: inline text to Knuth–Plass items, and items to lines. */
/* Shapes s (not NUL-terminated) in st's face, reporting characters no font
 * has; the result is borrowed from the shaping cache. */
const ac_shaped *flow_shape(ac_flow *f, const style *st, const char *s, size_t n);
/* Sets the marker of an item whose text starts at f->left on its first line
 * (after those of the items it is the first block of), inside structure
 * element lbl (NULL: the line's own); returns how many markers were
 * pending before, for flow_drop_markers after the item. */
int flow_push_marker(ac_flow *f, const ac_shaped *marker, style st, const ac_snode *lbl);
/* Forgets the markers pushed since there were n (an item that set no line). */
void flow_drop_markers(ac_flow *f, int n);
void flow_para_free(para *p);
void flow_add_text(ac_flow *f, para *p, const style *st, const char *s, align al);
void flow_add_node(ac_flow *f, para *p, xmlNodePtr c, style st, align al);
void flow_add_inline(ac_flow *f, para *p, xmlNodePtr n, style st, align al);
void flow_draw_frag(ac_flow *f, ac_vitem *box, const frag *fr, double x, double base);
void flow_decorate(ac_flow *f, ac_vitem *box, double base);
/* Breaks p into lines pushed to out as boxes; keep_all: no page break
 * between them. p keeps its items: the caller still frees it. */
void flow_set_para(ac_flow *f, para *p, align al, double indent, double leading,
		   ac_vlist *out, bool keep_all);
/* Summarises and forgets the characters reported missing for the last file. */
void flow_missing_flush(ac_flow *f);

/* One file per block kind. */
void flow_code(ac_flow *f, xmlNodePtr n, ac_vlist *out);
bool flow_picture_figure(xmlNodePtr n);
/* The image of article a that figure n shows (its last <img>), or NULL:
 * what flow_figure sets, and what preload.c loads ahead for it. */
const ac_image *flow_figure_image(const ac_article *a, xmlNodePtr n);
void flow_figure(ac_flow *f, xmlNodePtr n, ac_vlist *out);
void flow_list(ac_flow *f, xmlNodePtr n, ac_vlist *out, bool ordered);
void flow_quote(ac_flow *f, xmlNodePtr n, ac_vlist *out);
/* n: a GitHub alert, <div class="markdown-alert markdown-alert-KIND">. */
void flow_alert(ac_flow *f, xmlNodePtr n, ac_alert_kind kind, ac_vlist *out);
/* The kind of alert n is, or -1 when it is none. */
int flow_alert_kind(xmlNodePtr n);
void flow_table(ac_flow *f, xmlNodePtr n, ac_vlist *out);
/* Remembers a notes section (<section class="footnotes">) of the chapter. */
void flow_notes(ac_flow *f, xmlNodePtr n);
/* Makes each note of the remembered sections an insertion (ac_vnote) of
 * the first box of out from index from that links to it; sets the notes
 * no box links to at the end of out, as endnotes. */
void flow_footnotes(ac_flow *f, ac_vlist *out, size_t from);
/* The chapter opener: a break to an odd page, title, date, tags, summary. */
void flow_opener(ac_flow *f, const ac_book *b, const ac_article *a, int chapter,
		 ac_vlist *out);

#endif
