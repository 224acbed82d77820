/* test_epub.c - unit tests for the EPUB writer's pure helpers: entry names, URLs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "epub/internal.h"

#include <stdlib.h>
#include <string.h>

static void media_paths(void **state)
{
	(void)state;
	/* Names that need no escaping keep their name. */
	char *s = epub_media_path("images/raft-log_2.v1.png");
	assert_string_equal(s, "media/images/raft-log_2.v1.png");
	free(s);
	s = epub_media_path("images/-dash.svg");
	assert_string_equal(s, "media/images/-dash.svg");
	free(s);
	/* Others: slug, hash of the whole path, extension in lower case. */
	static const char *const odd[] = {"images/with space.SVG", "images/hash#mark.svg",
					  "images/question?mark.svg", "images/quote\"double.svg",
					  "images/\xc3\xbcn\xc3\xaf.svg", "my figs/a b.png",
					  "images/%41.svg", "images/...png"};
	char *names[sizeof odd / sizeof *odd];
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
		names[i] = epub_media_path(odd[i]);
		const char *n = names[i];
		assert_int_equal(strncmp(n, "media/", 6), 0);
		assert_int_equal(strspn(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					   "0123456789-._/"),
				 strlen(n));
		assert_true(n[strlen(n) - 1] != '.');
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(names[j], n);
	}
	assert_int_equal(strncmp(names[0], "media/images/with-space-", 24), 0);
	assert_string_equal(names[0] + strlen(names[0]) - 4, ".svg");
	assert_int_equal(strncmp(names[5], "media/my-figs/a-b-", 18), 0);
	/* Stable from run to run. */
	s = epub_media_path(odd[1]);
	assert_string_equal(s, names[1]);
	free(s);
	for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
		free(names[i]);
}

static void url_encoding(void **state)
{
	(void)state;
	char *s = epub_url_encode("media/a b#c.svg");
	assert_string_equal(s, "media/a%20b%23c.svg");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(media_paths),
		cmocka_unit_test(url_encoding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
