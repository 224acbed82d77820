/* svgcost.h - what drawing an SVG figure amounts to once its references
 * (<use>, href="#…", url(#…)) are followed. */
#ifndef AC_SVGCOST_H
#define AC_SVGCOST_H

#include <glib.h>
#include <libxml/tree.h>

/* Returns NULL when drawing root stays within max_nodes elements and
 * max_pixels pixels of data: pictures (pictures: <image> node → its pixels,
 * may be NULL), else a static description: a reference cycle, or too much. */
const char *ac_svg_cost_problem(xmlNodePtr root, GHashTable *pictures, uint64_t max_nodes,
				uint64_t max_pixels);

#endif
