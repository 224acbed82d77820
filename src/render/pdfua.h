/* pdfua.h - what cairo cannot write into a tagged PDF, added as the file
 * it wrote is written again (read with qpdf): attributes of structure
 * elements, artifacts, the document's language, viewer preferences and XMP
 * metadata (PDF/UA-1). */
#ifndef AC_PDFUA_H
#define AC_PDFUA_H

#include "../base/buf.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The structure type the device draws artifacts in (pdf.c, begin_artifact). */
#define AC_PDF_ARTIFACT_TAG "Private"

/* A structure element as the device began it: elements come in the order
 * of their cairo_tag_begin calls, which is the structure tree's order
 * (Link elements, which cairo makes of links, left out). */
typedef struct {
	const char *type; /* the structure type, as written in the tree */
	char *alt;        /* a figure's alternative text (owned), or NULL */
	char scope;       /* TH: 'C' column, 'R' row; else 0 */
	int parent;       /* the index of its parent element, or -1 (the tree's root) */
	int rank;         /* its place among its parent's elements (Links counted) */
	int kids;         /* how many elements were begun inside it */
} ac_pdf_elem;

struct ac_svgpass;

typedef struct {
	const char *lang; /* BCP 47, e.g. "en-US" */
	const char *title, *author, *subject, *keywords, *creator;
	long long epoch; /* creation and modification time */
	/* The SVG figures drawn beside the pages (svgpass.h), waited for when
	 * they are needed, or NULL. */
	struct ac_svgpass *figures;
} ac_pdfua_info;

/* Writes the PDF in pdf (as cairo wrote it, with the elements elems[0..n)
 * in its structure tree) again, replacing it: each element gets its
 * attributes (Alt, the Scope of a header cell), the content of the
 * AC_PDF_ARTIFACT_TAG elements becomes /Artifact and those elements leave
 * the tree, and the catalog gets /Lang, /MarkInfo, /ViewerPreferences
 * /DisplayDocTitle and an XMP stream saying PDF/UA-1; the stand-ins of SVG
 * figures become the figures (svgforms.hh); the other objects are
 * copied, dictionaries and arrays into object streams. The same input gives
 * the same bytes. Returns 0, or -1 with the reason in err (pdf is then
 * unchanged). */
int ac_pdfua_finish(ac_buf *pdf, const ac_pdfua_info *info, const ac_pdf_elem *elems, size_t n,
		    ac_buf *err);

#ifdef __cplusplus
}
#endif

#endif
