/* svgcheck.h - refuses SVG figures that could reach outside the book or
 * blow up when drawn: entities, XInclude, scripts, external references. */
#ifndef AC_SVGCHECK_H
#define AC_SVGCHECK_H

#include <stddef.h>

/* Checks the SVG text; returns NULL when it is safe to copy into the EPUB and
 * draw into the PDF, else a static description of the first problem. */
const char *ac_svg_problem(const char *data, size_t len);

#endif
