/* device.h - where finished pages go: the cairo PDF device or a text trace. */
#ifndef AC_DEVICE_H
#define AC_DEVICE_H

#include "../base/buf.h"
#include "../layout/vlist.h"

typedef struct ac_device ac_device;

struct ac_device {
	/* frame: the text block (left, top, right, bottom) in page coordinates. */
	void (*begin_page)(ac_device *dev, double w, double h, const double frame[4],
			   const char *label);
	/* Draws op translated by (dx, dy): page coordinates, y down. */
	void (*draw)(ac_device *dev, const ac_op *op, double dx, double dy);
	void (*end_page)(ac_device *dev);
	/* Notes a placed box of the text block, top at y (page coordinates),
	 * before its operations are drawn: the trace records it, the PDF device
	 * opens and closes structure elements (P, H1…H6) with it. box NULL: what
	 * follows is not part of the text (running heads, folios). */
	void (*mark)(ac_device *dev, const ac_vitem *box, double y);
	/* Lets fn draw directly on the page (the cover): fn gets the cairo
	 * context of a drawing device, or NULL on a device that only records. */
	void (*custom)(ac_device *dev, void (*fn)(void *ctx, void *cr), void *ctx);
	/* Optional (may be NULL): the pictures the pages will draw, in the
	 * order they will be drawn (borrowed until free), so that a device
	 * can prepare them ahead. Called before the first page. */
	void (*pictures)(ac_device *dev, const ac_picture *const *order, size_t n);
	/* Adds an outline entry; returns its id for children (0 = top). */
	int (*outline)(ac_device *dev, int parent, const char *title, const char *dest);
	/* Finishes the document; returns 0 or -1. */
	int (*finish)(ac_device *dev);
	void (*free)(ac_device *dev);
};

typedef struct ac_svgpass ac_svgpass; /* svgpass.h */

typedef struct {
	const char *title, *author, *subject, *keywords, *creator;
	const char *lang; /* the book's language (BCP 47) */
	long long epoch;
	ac_buf *error; /* why finish failed, when it does */
	/* Where SVG figures are drawn, beside the pages (borrowed; may hold
	 * figures queued ahead), or NULL: drawn in place. */
	ac_svgpass *figures;
} ac_pdf_meta;

/* The PDF device writes the document into out when finished: tagged, with
 * what PDF/UA-1 asks that cairo cannot write added (pdfua.h). */
ac_device *ac_pdf_device_new(const ac_pdf_meta *meta, ac_buf *out);
/* The trace device writes one line per page and per operation into out. */
ac_device *ac_trace_device_new(ac_buf *out);

#endif
