/* repair.h - an article's XHTML tree brought to the content models of EPUB 3
 * (HTML5): block content out of paragraphs and inline elements, list items,
 * table parts, captions and summaries where they belong. */
#ifndef AC_REPAIR_H
#define AC_REPAIR_H

#include "../base/diag.h"

#include <libxml/tree.h>

/* Restructures the elements below root (the article's <article>, in the
 * XHTML namespace, made of the allowlist's elements) so that each sits where
 * its parent's content model allows it. Every character of text stays, in
 * reading order; an element holding an id is never removed (it is renamed
 * where it cannot stay), so pointers to such elements stay valid, and clones
 * made by splitting carry no id. New elements take the line of the element
 * they come from. At most one warning per kind of repair goes to d, at the
 * first place it was needed (path: the article's). The walk is iterative. */
void ac_doc_repair(xmlNodePtr root, const char *path, ac_diags *d);

#endif
