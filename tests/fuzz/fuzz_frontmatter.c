/* fuzz_frontmatter.c - libFuzzer: one whole article file (front matter and
 * body) through ac_book_load (UTF-8 checks, front matter split, libyaml,
 * field validation, ordering by topic). */
#include "book/book.h"
#include "base/diag.h"
#include "fuzz_common.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Topic order, so that the fuzzed topic and tags reach the part builder. */
static const char book_yml[] = "title: Fuzz Book\n"
			       "author: [Ann Fuzz]\n"
			       "language: en\n"
			       "order: topic\n"
			       "topics: [Networking, Storage]\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = ac_fuzz_book(book_yml);
	ac_fuzz_write_article("a.md", NULL, data, size);
	/* Drafts too: a draft that is dropped goes down its own free path, so
	 * alternate on the input's first byte. */
	ac_load_opts opts = {size && (data[0] & 1), size && (data[0] & 2), -1, false};
	ac_diags d;
	ac_diags_init(&d);
	ac_book *b = ac_book_load(dir, &opts, &d);
	if (!b)
		ac_fuzz_fail("ac_book_load returned NULL for a readable book folder");
	if (b->narticles > 1)
		ac_fuzz_fail("one article file gave %zu articles", b->narticles);
	if (b->nseq != b->narticles)
		ac_fuzz_fail("%zu articles but %zu in book order", b->narticles, b->nseq);
	for (size_t i = 0; i < b->narticles; i++) {
		const ac_article *a = &b->articles[i];
		if (!a->title || !a->date || !a->topic || !a->body || !a->slug)
			ac_fuzz_fail("article with a NULL required field");
	}
	if (getenv("AC_FUZZ_VERBOSE"))
		ac_diags_print(&d, stderr, 0);
	ac_book_free(b);
	ac_diags_free(&d);
	return 0;
}
