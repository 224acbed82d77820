/* svgpass.h - SVG figures drawn beside the pages, into a PDF of their own.
 *
 * librsvg lays out every text of a figure with Pango and fontconfig: drawn
 * where they stand, the 28 figures of book/ took over half the time spent
 * drawing its pages, on the thread that draws them. They cannot be drawn
 * ahead into a cairo recording surface (librsvg then sets their text as
 * outlines, not as text), but they can into a PDF surface of their own, on
 * a second thread, a page for each figure drawn: queued by the layout as
 * soon as a chapter is broken into pages, so that they are drawn while the
 * rest of the book is laid out and its pages drawn. The pages draw a
 * stand-in instead, a one-pixel image whose "fax" data names the figure's
 * page and where the figure is on it (like the PNG carriers of pngpass.h),
 * and the PDF/UA pass (pdfua.cc, svgforms.cc) makes each such image a form
 * XObject holding that page's content, with its fonts and other resources.
 *
 * The figure sits on its page at the fraction of a point it has on the
 * handbook's page: Pango rounds the positions of glyphs to 1/1024 of a
 * unit of the space it draws in, so that the glyphs land exactly where
 * they would have, drawn in place. */
#ifndef AC_SVGPASS_H
#define AC_SVGPASS_H

#include "../base/buf.h"
#include "../base/diag.h"
#include "../layout/picture.h"

#include <cairo.h>
#include <stddef.h>

typedef struct ac_svgpass ac_svgpass;

/* Starts the thread that draws the figures as they come. NULL when no
 * thread can be started (the figures are then drawn in place). */
ac_svgpass *ac_svgpass_new(void);

/* Queues the SVG figure pic, to be drawn into the w × h box at (x, y) of a
 * page (points, y down), ahead of the page: as soon as its place is known
 * (the layout, once a chapter is broken into pages). Nothing when w or h is
 * not positive. */
void ac_svgpass_queue(ac_svgpass *sp, const ac_picture *pic, double x, double y, double w,
		      double h);

/* The stand-in to paint scaled to the w × h box (w, h > 0) at (x, y) of
 * the page being drawn, in place of the SVG figure pic (the caller destroys
 * it): the figure queued for that box in the order queued, else queued now.
 * NULL when cairo cannot make one: the figures' PDF then fails too
 * (ac_svgpass_pdf), so that the figure is never left out without a word. */
cairo_surface_t *ac_svgpass_stand_in(ac_svgpass *sp, const ac_picture *pic, double x, double y,
				     double w, double h);

/* Waits for every figure queued to be drawn; their PDF (owned by sp; empty
 * when none was queued), or NULL when cairo could not make it or a
 * stand-in. Nothing may be queued after. */
const ac_buf *ac_svgpass_pdf(ac_svgpass *sp);

/* Waits for the figures; whether one of them could not be drawn (its file
 * gone or changed since it was laid out): ac_svgpass_pdf is then NULL. */
bool ac_svgpass_figure_failed(ac_svgpass *sp);

/* Waits for the figures and moves what there is to say about them into d,
 * at each figure's line: an error for one that could not be drawn, a
 * warning for one librsvg drew only part of. Returns how many errors. */
size_t ac_svgpass_report(ac_svgpass *sp, ac_diags *d);

/* How many stand-ins were made (cairo writes those that are on their
 * page). */
size_t ac_svgpass_stand_ins(const ac_svgpass *sp);

void ac_svgpass_free(ac_svgpass *sp);

/* If the object text[0, len) ("N 0 obj ... endobj", as cairo writes it)
 * is a stand-in, the page of the figures' PDF it stands for, with in box
 * the figure's place on that page (left, bottom, width, height, in PDF
 * space); -1 when it is no stand-in, -2 when it is one that does not read
 * as cairo was expected to write it. */
long ac_svgpass_page_of(const char *text, size_t len, double box[4]);

#endif
