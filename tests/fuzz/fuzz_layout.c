/* fuzz_layout.c - libFuzzer: an article body through loading, conversion and
 * the whole PDF layout (line breaking, hyphenation, pagination, tables,
 * pictures, contents, index, cairo PDF output and the text trace). */
#include "book/book.h"
#include "base/buf.h"
#include "base/diag.h"
#include "doc/doc.h"
#include "layout/handbook.h"
#include "fuzz_common.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef AC_FUZZ_SOURCE_DIR
#define AC_FUZZ_SOURCE_DIR "."
#endif
#ifndef AC_FUZZ_HYPHEN_DICT
#define AC_FUZZ_HYPHEN_DICT "/usr/share/hyphen/hyph_en_US.dic"
#endif

/* Topic order with parts, so that part openers are laid out too. */
static const char book_yml[] = "title: Fuzz Book\n"
			       "subtitle: Laid out\n"
			       "author: [Ann Fuzz, Bo Fuzz]\n"
			       "language: en\n"
			       "publisher: Fuzz Press\n"
			       "rights: CC0\n"
			       "order: topic\n"
			       "topics: [Systems, Networking]\n";

static const char front[] = "---\n"
			    "title: \"Alpha & Omega\"\n"
			    "date: 2026-01-05\n"
			    "tags: [Systems, Storage]\n"
			    "summary: Fuzzed.\n"
			    "---\n";

static const char other[] = "---\n"
			    "title: Beta\n"
			    "date: 2026-02-10\n"
			    "tags: [Networking]\n"
			    "---\n"
			    "# Details\n\n"
			    "Back to [alpha](a.md#overview).\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = ac_fuzz_book(book_yml);
	static int once;
	if (!once) {
		ac_fuzz_write_article("b.md", other, NULL, 0);
		once = 1;
	}
	ac_fuzz_write_article("a.md", front, data, size);
	ac_load_opts opts = {false, false, -1, false};
	ac_diags d;
	ac_diags_init(&d);
	ac_book *b = ac_book_load(dir, &opts, &d);
	if (!b)
		ac_fuzz_fail("ac_book_load returned NULL for a readable book folder");
	b->epoch = 1767571200; /* as `build` would: the newest date */
	/* As `build` does: layout only for a book without errors. */
	if (!d.errors)
		ac_doc_convert_book(b, &d);
	if (!d.errors) {
		/* Theme, fonts and patterns are loaded once for all inputs. */
		static const ac_handbook_resources r = {AC_FUZZ_SOURCE_DIR "/styles/default/print.yml",
							AC_FUZZ_SOURCE_DIR "/fonts", AC_FUZZ_HYPHEN_DICT,
							NULL, "autochitect fuzz", NULL, NULL, false, NULL, NULL, NULL,
							true};
		static ac_handbook_kit *kit;
		if (!kit) {
			ac_diags kd;
			ac_diags_init(&kd);
			kit = ac_handbook_kit_new(&r, &kd);
			if (!kit || kd.errors)
				ac_fuzz_fail("cannot load the theme, fonts and patterns");
			ac_diags_free(&kd);
		}
		ac_buf pdf = AC_BUF_INIT, trace = AC_BUF_INIT;
		int rc = ac_handbook_write_with(kit, b, &r, &pdf, &trace, &d);
		if (rc == 0 && (pdf.len < 5 || memcmp(pdf.ptr, "%PDF-", 5) != 0))
			ac_fuzz_fail("ac_handbook_write succeeded without a PDF");
		if (rc == 0 && !trace.len)
			ac_fuzz_fail("ac_handbook_write succeeded without a trace");
		if (getenv("AC_FUZZ_VERBOSE"))
			fprintf(stderr, "ac_fuzz: layout rc=%d, PDF %zu bytes, trace %zu bytes\n", rc, pdf.len, trace.len);
		ac_buf_free(&pdf);
		ac_buf_free(&trace);
	}
	if (getenv("AC_FUZZ_VERBOSE"))
		ac_diags_print(&d, stderr, 0);
	ac_book_free(b);
	ac_diags_free(&d);
	return 0;
}
