/* codeblock.h - syntax highlighting of a converted code block as tok- spans. */
#ifndef AC_CODEBLOCK_H
#define AC_CODEBLOCK_H

#include "../base/diag.h"

#include <libxml/tree.h>
#include <stdint.h>

/* What an article may spend on highlighting: the sum of the squares of its
 * highlighted blocks' lengths (the worst case of parsing grows with the
 * square), here 32 kB squared: four blocks of the longest size, any number
 * of ordinary ones (the programming book's costliest chapter: 2% of it). */
#define AC_HIGHLIGHT_ARTICLE_BUDGET ((uint64_t)32768 * 32768)

/* If code (a <code> inside <pre>) names a language tree-sitter knows in its
 * class (language-X) and holds only text, replaces that text with the same
 * text in runs, those of a token class wrapped in <span class="tok-NAME">.
 * The text is unchanged byte for byte. *spent (start at 0 per article)
 * counts against AC_HIGHLIGHT_ARTICLE_BUDGET; past it, and for a block that
 * cannot be highlighted, the code stays plain with a warning at path:line
 * (a language whose queries cannot load: once per run). */
void ac_doc_highlight(xmlNodePtr code, const char *path, int line, uint64_t *spent, ac_diags *d);

#endif
