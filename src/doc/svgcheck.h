/* svgcheck.h - SVG figures as editors write them: refused when they could
 * reach outside the book or blow up when drawn (entities, XInclude, scripts,
 * external references), and cleaned of what only their editor reads. */
#ifndef AC_SVGCHECK_H
#define AC_SVGCHECK_H

#include "../base/buf.h"

#include <stddef.h>

/* Checks the SVG text; returns NULL when it is safe to copy into the EPUB and
 * draw into the PDF, else a static description of the first problem.
 * Accepted: a DOCTYPE with only an external identifier (never loaded), editor
 * data (RDF metadata, sodipodi:, inkscape: …), hyperlinks on <a> to http(s)
 * and mailto addresses, base64 PNG, JPEG and GIF data: pictures on <image>
 * (checked like image files, one budget per figure). */
const char *ac_svg_problem(const char *data, size_t len);

/* The same check; when the SVG is safe, appends to out the figure as the
 * EPUB and librsvg get it, UTF-8, without DOCTYPE, <metadata>, editor
 * elements and attributes and the namespace declarations nothing uses any
 * more, and returns NULL. The same input always gives the same bytes. */
const char *ac_svg_clean(const char *data, size_t len, ac_buf *out);

#endif
