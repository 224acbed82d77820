/* ids.c - ids unique in the whole book, and GitHub-style heading anchors. */
#include "ids.h"

#include "../base/buf.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ac_idset_free(ac_idset *s)
{
	ac_strmap_free(&s->ids);
	ac_strmap_free(&s->next);
}

/* "page-" or "ix-" and digits: the names of the EPUB's page-break markers,
 * given out after the layout, and of the index's anchors (terms.h). */
static bool reserved(const char *id)
{
	const char *num = !strncmp(id, "page-", 5) ? id + 5 : !strncmp(id, "ix-", 3) ? id + 3 : NULL;
	return num && *num && num[strspn(num, "0123456789")] == '\0';
}

static bool taken(const ac_idset *s, const char *id)
{
	return ac_strmap_has(&s->ids, id) || reserved(id);
}

char *ac_idset_claim(ac_idset *s, const char *base)
{
	/* An id must not start with a digit or '-' so that it is also a valid
	 * XML name for readers that treat it as one. */
	char *root = isalpha((unsigned char)base[0]) ? ac_xstrdup(base)
						     : ac_xasprintf("s-%s", base[0] ? base : "id");
	char *id = ac_xstrdup(root);
	if (taken(s, id)) {
		/* Suffixes continue where the last claim of this root stopped, so
		 * that thousands of equal headings cost linear time. */
		const char *from = ac_strmap_get(&s->next, root);
		long n = from ? atol(from) : 2;
		do {
			free(id);
			id = ac_xasprintf("%s-%ld", root, n++);
		} while (taken(s, id));
		char num[24];
		snprintf(num, sizeof num, "%ld", n);
		ac_strmap_set(&s->next, root, num);
	}
	ac_strmap_add(&s->ids, id, NULL);
	free(root);
	return id;
}

char *ac_github_anchor(const char *text)
{
	ac_buf b = AC_BUF_INIT;
	ac_buf_add(&b, "", 0);
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p >= 0x80 || isalnum(*p) || *p == '-' || *p == '_')
			ac_buf_addc(&b, (char)tolower(*p));
		else if (*p == ' ')
			ac_buf_addc(&b, '-');
	}
	return ac_buf_detach(&b);
}
