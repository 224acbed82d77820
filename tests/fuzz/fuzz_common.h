/* fuzz_common.h - a scratch book folder shared by the libFuzzer harnesses. */
#ifndef AC_FUZZ_COMMON_H
#define AC_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* The book folder of this process: created on first use under $TMPDIR (or
 * /tmp) with book_yml as book.yml, an empty articles/ folder and the fixtures'
 * images in images/; removed again at exit. Aborts when it cannot be made. */
const char *ac_fuzz_book(const char *book_yml);

/* Writes articles/NAME as prefix followed by data[0..size), replacing it. */
void ac_fuzz_write_article(const char *name, const char *prefix, const uint8_t *data,
			   size_t size);

/* Aborts with a message: an oracle violation the fuzzer should report. */
void ac_fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
