/* pngpass.h - a PNG's compressed pixels into the PDF as they are.
 *
 * cairo 1.16 embeds a PNG picture as pixels it deflates again, after the
 * decoder has inflated them: both passes cost more than the rest of a page.
 * A PDF image can hold most PNGs' data unchanged (the deflated rows with
 * their PNG filters, /FlateDecode with /Predictor 15), but cairo has no way
 * to be given it. It passes other formats through, though: the data of a
 * CCITT fax image is written as it is with the parameters it is given. So a
 * PNG travels through cairo as the "fax" data of an image surface whose own
 * pixels are never drawn (the carrier: a short header naming the colours,
 * the depth and the palette, then the PNG's IDAT data), and the PDF/UA pass
 * (pdfua.cc) turns every such image back into the PNG's own. A PNG with an
 * alpha channel is decoded and its colour and alpha deflated apart (a PDF
 * image and its soft mask) when the carrier is made: on the thread that
 * prepares pictures, not by cairo on the one that draws. */
#ifndef AC_PNGPASS_H
#define AC_PNGPASS_H

#include "../base/buf.h"

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

/* A surface standing in for a picture whose data cairo writes as it is (a
 * JPEG, a carrier): attached to it, that data gives the PDF image its size,
 * so the stand-in is a single pixel, drawn scaled to the picture's box.
 * (The picture's own size would cost its pixels: cairo copies a surface it
 * has drawn when the surface is destroyed.) NULL on failure. */
cairo_surface_t *ac_stand_in_surface(void);

/* Paints surface s (a stand-in or pixels) in the unit of cr's user space
 * its size makes: the source set, and painted. */
void ac_stand_in_paint(cairo_t *cr, cairo_surface_t *s);

/* A stand-in whose "fax" data, written as it is into the PDF image, is
 * data[0, len) (released with release(closure) once cairo is done with
 * it), with the fax parameters Columns and Rows (the image's size) and id
 * as cairo's unique id (copied: the same id is the same image). NULL on
 * failure, the data released. */
cairo_surface_t *ac_fax_stand_in(const unsigned char *data, size_t len, void (*release)(void *),
				 void *closure, unsigned long columns, unsigned long rows,
				 const char *id);

/* The "fax" data of the object text[0, len) if it is a fax image as cairo
 * writes it ("N 0 obj\n<< ... /Filter /CCITTFaxDecode ... >>\nstream\nDATA
 * \nendstream\nendobj\n"): DATA, its length in *data_len; else NULL. */
const char *ac_fax_data(const char *text, size_t len, size_t *data_len);

/* For the PNG file in data (whole, read from path): a stand-in carrying
 * the PNG's compressed data for the PDF; the caller destroys it. NULL when
 * the PNG cannot pass: with *why NULL for a kind left to the decoder
 * (interlaced, 16 bits a sample, a transparent colour), else saying what
 * is damaged (a critical chunk failing its checksum, pixel data that does
 * not inflate to the size the header gives). */
cairo_surface_t *ac_pngpass_surface(const ac_buf *data, const char *path, const char **why);

/* What ac_pngpass_object made of a carrier. */
typedef struct {
	int length_id;  /* the object holding the image stream's length */
	size_t length;  /* its new value */
	size_t mask_at; /* where the soft mask object starts in out, or 0 */
} ac_pngpass_made;

/* If the object text[0, len) ("N 0 obj ... endobj", as cairo writes it) is
 * a carrier, appends the image object it stands for to out, followed by
 * its soft mask as object number mask_id if it has one (see made), and
 * returns true; else returns false and appends nothing. */
bool ac_pngpass_object(const char *text, size_t len, int mask_id, ac_buf *out,
		       ac_pngpass_made *made);

#endif
