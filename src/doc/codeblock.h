/* codeblock.h - syntax highlighting of a converted code block as tok- spans. */
#ifndef AC_CODEBLOCK_H
#define AC_CODEBLOCK_H

#include "../base/diag.h"

#include <libxml/tree.h>

/* If code (a <code> inside <pre>) names a language tree-sitter knows in its
 * class (language-X) and holds only text, replaces that text with the same
 * text in runs, those of a token class wrapped in <span class="tok-NAME">.
 * The text is unchanged byte for byte. A language whose highlighting cannot
 * load is reported once per run at path:line, its code left plain. */
void ac_doc_highlight(xmlNodePtr code, const char *path, int line, ac_diags *d);

#endif
