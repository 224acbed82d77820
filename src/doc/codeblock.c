/* codeblock.c - a code block's text into tok- spans, from src/highlight/'s classes. */
#include "codeblock.h"

#include "../highlight/highlight.h"

#include <stdlib.h>
#include <string.h>

/* The fence name in class="language-X ..." (cmark writes language-INFO). */
static const char *fence_language(xmlNodePtr code)
{
	xmlChar *cls = xmlGetProp(code, BAD_CAST "class");
	const char *lang = NULL;
	if (cls) {
		const char *s = strstr((const char *)cls, "language-");
		if (s && (s == (const char *)cls || s[-1] == ' '))
			lang = ac_highlight_language(s + 9);
		xmlFree(cls);
	}
	return lang;
}

void ac_doc_highlight(xmlNodePtr code, const char *path, int line, uint64_t *spent, ac_diags *d)
{
	xmlNodePtr text = code->children;
	if (!text || text->next || text->type != XML_TEXT_NODE || !text->content)
		return;
	const char *lang = fence_language(code);
	if (!lang)
		return;
	const char *s = (const char *)text->content;
	size_t len = strlen(s);
	if (*spent == UINT64_MAX)
		return; /* over the article's budget, said once */
	uint64_t cost = len <= AC_HIGHLIGHT_MAX_BYTES ? (uint64_t)len * len : 0;
	if (*spent + cost > AC_HIGHLIGHT_ARTICLE_BUDGET) {
		ac_warn(d, path, line, "this and later code blocks of the article are not highlighted: "
				       "together they are too long to parse");
		*spent = UINT64_MAX;
		return;
	}
	*spent += cost;
	unsigned char *cls = malloc(len ? len : 1);
	if (!cls)
		abort();
	char *why = NULL;
	if (ac_highlight(lang, s, len, cls, &why) != 0) {
		if (why)
			ac_warn(d, path, line, "code in %s is not highlighted: %s", lang, why);
		free(why);
		free(cls);
		return;
	}
	xmlUnlinkNode(text);
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && cls[j] == cls[i])
			j++;
		xmlNodePtr run = xmlNewDocTextLen(code->doc, BAD_CAST(s + i), (int)(j - i));
		const char *name = ac_tok_name((ac_tok)cls[i]);
		if (name) {
			xmlNodePtr span = xmlNewDocNode(code->doc, code->ns, BAD_CAST "span", NULL);
			span->line = code->line;
			char klass[32] = "tok-";
			strncat(klass, name, sizeof klass - 5);
			xmlNewProp(span, BAD_CAST "class", BAD_CAST klass);
			xmlAddChild(span, run);
			xmlAddChild(code, span);
		} else {
			xmlAddChild(code, run);
		}
		i = j;
	}
	xmlFreeNode(text);
	free(cls);
}
