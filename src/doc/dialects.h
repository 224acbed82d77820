/* dialects.h - what other Markdown tools write beyond CommonMark and GFM,
 * read into cmark's tree before it is rendered: GitHub's alerts and
 * mdBook's listings. */
#ifndef AC_DIALECTS_H
#define AC_DIALECTS_H

#include "../base/diag.h"
#include "../book/book.h"

#include <cmark-gfm.h>

/* Rewrites doc, the tree of a's body, in place:
 * - a quote whose first line is [!NOTE], [!TIP], [!IMPORTANT], [!WARNING]
 *   or [!CAUTION] alone (any case), with something after it, becomes
 *   GitHub's alert: <div class="markdown-alert markdown-alert-note"> opening
 *   with <p class="markdown-alert-title">Note</p>;
 * - an HTML block that is one <Listing number="1-2" file-name="src/main.rs"
 *   caption="Markdown"> tag, with its </Listing> block further on, becomes
 *   what mdBook's listing preprocessor makes of it: <figure class="listing"
 *   id="listing-1-2">, <p class="listing-file-name">Filename: src/main.rs</p>
 *   first and <figcaption>Listing 1-2: caption</figcaption> last, both tags
 *   in the same container; the caption is rendered as Markdown when it is
 *   one short paragraph, else set as text with a warning in d.
 * Anything else is left as it is. */
void ac_dialects_apply(cmark_node *doc, const ac_article *a, ac_diags *d);

#endif
