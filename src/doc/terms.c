/* terms.c - the back-of-book index: terms from the front matter, found as
 * whole words in each article's prose and marked with anchors. */
#include "terms.h"

#include "../base/buf.h"
#include "../base/strmap.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- terms as written ---- */

typedef struct {
	char *primary, *secondary, *match;
} term;

static char *trim_n(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return ac_xstrndup(s, n);
}

static void term_free(term *t)
{
	free(t->primary);
	free(t->secondary);
	free(t->match);
}

/* "Primary!secondary|matched text": the first '|' ends the entry, the first
 * '!' before it starts the sub-entry. Returns NULL, or what is wrong. */
static const char *parse_term(const char *s, term *out)
{
	memset(out, 0, sizeof *out);
	const char *bar = strchr(s, '|');
	size_t entry_len = bar ? (size_t)(bar - s) : strlen(s);
	const char *bang = memchr(s, '!', entry_len);
	out->primary = trim_n(s, bang ? (size_t)(bang - s) : entry_len);
	if (bang)
		out->secondary = trim_n(bang + 1, entry_len - (size_t)(bang + 1 - s));
	if (bar)
		out->match = trim_n(bar + 1, strlen(bar + 1));
	if (!*out->primary)
		return "has no term before '!' or '|'";
	if (out->secondary && !*out->secondary)
		return "has nothing after '!' (write 'Primary!secondary')";
	if (out->match && !*out->match)
		return "has nothing after '|' (write 'Term|matched text')";
	if (!out->match)
		out->match = ac_xstrdup(out->secondary ? out->secondary : out->primary);
	return NULL;
}

/* ---- sorting ---- */

/* Case and accents folded away: "Élan" sorts with "elan". */
static char *fold(const char *s)
{
	char *nfkd = g_utf8_normalize(s, -1, G_NORMALIZE_NFKD);
	if (!nfkd)
		return ac_xstrdup(s);
	ac_buf b = AC_BUF_INIT;
	ac_buf_add(&b, "", 0);
	for (const char *p = nfkd; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (g_unichar_ismark(c))
			continue;
		ac_buf_add(&b, p, (size_t)(g_utf8_next_char(p) - p));
	}
	g_free(nfkd);
	char *folded = g_utf8_casefold(ac_buf_str(&b), -1);
	ac_buf_free(&b);
	char *out = ac_xstrdup(folded);
	g_free(folded);
	return out;
}

static char *sort_key(const char *primary, const char *secondary)
{
	char *p = fold(primary);
	char *s = secondary ? fold(secondary) : NULL;
	/* A main entry comes before its sub-entries: "\x01" sorts before any
	 * character of a term. */
	char *key = ac_xasprintf("%s\x01%s", p, s ? s : "");
	free(p);
	free(s);
	return key;
}

static int cmp_entries(const void *x, const void *y)
{
	const ac_term_entry *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	c = strcmp(a->primary, b->primary);
	if (c)
		return c;
	if (!a->secondary || !b->secondary)
		return (a->secondary != NULL) - (b->secondary != NULL);
	return strcmp(a->secondary, b->secondary);
}

void ac_terms_letter(const ac_term_entry *e, char out[64])
{
	gunichar c = g_utf8_get_char(e->key);
	if (c && c != 1 && g_unichar_isalpha(c)) {
		int n = g_unichar_to_utf8(g_unichar_toupper(c), out);
		out[n] = '\0';
	} else {
		snprintf(out, 64, "Symbols and numbers");
	}
}

/* ---- collecting entries ---- */

typedef struct {
	ac_terms *t;
	size_t cap;
	ac_strmap index; /* folded primary "\x01" folded secondary → entry number */
} builder;

static size_t entry_for(builder *bd, const char *primary, const char *secondary)
{
	char *key = sort_key(primary, secondary);
	const char *at = ac_strmap_get(&bd->index, key);
	if (at) {
		free(key);
		return (size_t)strtoul(at, NULL, 10);
	}
	ac_terms *t = bd->t;
	if (t->count == bd->cap) {
		bd->cap = bd->cap ? bd->cap * 2 : 64;
		t->entries = ac_xrealloc(t->entries, bd->cap * sizeof *t->entries);
	}
	ac_term_entry *e = &t->entries[t->count];
	memset(e, 0, sizeof *e);
	e->primary = ac_xstrdup(primary);
	e->secondary = secondary ? ac_xstrdup(secondary) : NULL;
	e->key = key;
	char num[24];
	snprintf(num, sizeof num, "%zu", t->count);
	ac_strmap_set(&bd->index, key, num);
	return t->count++;
}

static void add_hit(ac_term_entry *e, size_t seq, int anchor)
{
	if (e->nhits == e->caphits) {
		e->caphits = e->caphits ? e->caphits * 2 : 8;
		e->hits = ac_xrealloc(e->hits, e->caphits * sizeof *e->hits);
	}
	e->hits[e->nhits++] = (ac_term_hit){seq, anchor, 0};
}

/* ---- finding the words ---- */

/* Elements whose text is not prose for the index. */
static bool skipped(xmlNodePtr n)
{
	static const char *const names[] = {"pre", "code", "kbd", "samp", "h1", "h2", "h3",
					    "h4", "h5", "h6", "script", "style", "svg", "math"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (!strcmp((const char *)n->name, names[i]))
			return true;
	return false;
}

typedef struct {
	xmlNodePtr *nodes;
	size_t count, cap;
} node_list;

static void prose_text(xmlNodePtr n, node_list *out)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content && *c->content) {
			if (out->count == out->cap) {
				out->cap = out->cap ? out->cap * 2 : 256;
				out->nodes = ac_xrealloc(out->nodes, out->cap * sizeof *out->nodes);
			}
			out->nodes[out->count++] = c;
		} else if (c->type == XML_ELEMENT_NODE && !skipped(c)) {
			prose_text(c, out);
		}
	}
}

/* A word of a term as a pattern: typewriter apostrophes and quotes also
 * match the typographic ones Markdown's smart punctuation makes of them
 * ("Little's law" is "Little’s law" in the text). */
static void add_word_pattern(ac_buf *pat, const char *w, size_t len)
{
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && w[i] != '\'' && w[i] != '"')
			continue;
		if (i > start) {
			char *esc = g_regex_escape_string(w + start, (gint)(i - start));
			ac_buf_adds(pat, esc);
			g_free(esc);
		}
		if (i < len)
			ac_buf_adds(pat, w[i] == '\'' ? "['\u2018\u2019]" : "[\"\u201c\u201d]");
		start = i + 1;
	}
}

/* Whole words, case-insensitive, any white space between the words. */
static GRegex *term_regex(const char *match)
{
	ac_buf pat = AC_BUF_INIT;
	ac_buf_adds(&pat, "(?<![\\p{L}\\p{N}_])");
	const char *p = match;
	bool first = true;
	while (*p) {
		size_t sp = strspn(p, " \t\r\n");
		p += sp;
		if (!*p)
			break;
		size_t len = strcspn(p, " \t\r\n");
		if (!first)
			ac_buf_adds(&pat, "\\s+");
		add_word_pattern(&pat, p, len);
		first = false;
		p += len;
	}
	ac_buf_adds(&pat, "(?![\\p{L}\\p{N}_])");
	GRegex *re = g_regex_new(ac_buf_str(&pat), G_REGEX_CASELESS, 0, NULL);
	ac_buf_free(&pat);
	return re;
}

typedef struct {
	size_t off;
	size_t term; /* in the article's list */
} match;

/* What a text must hold, in ASCII lower case, for the term to be in it:
 * the matched text's first word up to a quote (quotes match several
 * characters), or NULL when that is not plain ASCII (then every text is
 * searched). Most texts hold none of an article's terms: a substring
 * search rules them out at a fraction of the regular expression's cost. */
static char *ascii_needle(const char *words)
{
	size_t n = strcspn(words, " \t\r\n'\"");
	if (!n)
		return NULL;
	char *needle = ac_xstrndup(words, n);
	for (char *p = needle; *p; p++) {
		if ((unsigned char)*p >= 0x80) {
			free(needle);
			return NULL;
		}
		*p = (char)g_ascii_tolower(*p);
	}
	return needle;
}

/* Whether the words at [s, e) of text are part of an address written out
 * ("https://raft.github.io/raft.pdf"), which is not prose. */
static bool in_address(const char *text, size_t s, size_t e)
{
	while (s > 0 && !g_ascii_isspace(text[s - 1]))
		s--;
	while (text[e] && !g_ascii_isspace(text[e]))
		e++;
	for (size_t i = s; i + 3 <= e; i++)
		if (!memcmp(text + i, "://", 3))
			return true;
	return e - s > 4 && !g_ascii_strncasecmp(text + s, "www.", 4);
}

static int cmp_match(const void *x, const void *y)
{
	const match *a = x, *b = y;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return a->term < b->term ? -1 : a->term > b->term;
}

void ac_terms_anchor_id(int anchor, char out[24])
{
	snprintf(out, 24, "ix-%d", anchor);
}

int ac_terms_anchor_of(const char *id)
{
	if (strncmp(id, "ix-", 3) || !id[3] || id[3 + strspn(id + 3, "0123456789")])
		return -1;
	if (strlen(id + 3) > 9)
		return -1;
	return atoi(id + 3);
}

/* Links n in after cur. xmlAddNextSibling would merge a text node into a
 * text neighbour, which is the opposite of splitting one. */
static void link_after(xmlNodePtr cur, xmlNodePtr n)
{
	n->parent = cur->parent;
	n->doc = cur->doc;
	n->prev = cur;
	n->next = cur->next;
	if (cur->next)
		cur->next->prev = n;
	else if (cur->parent)
		cur->parent->last = n;
	cur->next = n;
}

/* Puts an empty <span id="ix-N"/> before byte off of text node n. */
static void put_anchor(xmlNodePtr n, size_t off, int anchor)
{
	xmlNodePtr span = xmlNewDocNode(n->doc, n->parent->ns, BAD_CAST "span", NULL);
	char id[24];
	ac_terms_anchor_id(anchor, id);
	xmlNewProp(span, BAD_CAST "id", BAD_CAST id);
	span->line = n->parent->line;
	if (off == 0) {
		if (n->prev)
			link_after(n->prev, span);
		else
			xmlAddPrevSibling(n, span); /* an element: nothing to merge */
		return;
	}
	xmlChar *whole = xmlStrdup(n->content);
	size_t len = strlen((const char *)whole);
	xmlNodePtr tail = xmlNewDocTextLen(n->doc, whole + off, (int)(len - off));
	xmlNodeSetContentLen(n, whole, (int)off);
	xmlFree(whole);
	link_after(n, span);
	link_after(span, tail);
}

/* One article: its terms found, anchored, and added to the entries. */
static void find_in_article(builder *bd, ac_article *a, size_t seq, ac_diags *d)
{
	ac_terms *t = bd->t;
	t->first_anchor[seq] = t->nanchors;
	size_t n = a->nindex;
	size_t *entry = ac_xcalloc(n, sizeof *entry);
	GRegex **re = ac_xcalloc(n, sizeof *re);
	size_t *found = ac_xcalloc(n, sizeof *found);
	bool *use = ac_xcalloc(n, sizeof *use);
	char **needle = ac_xcalloc(n, sizeof *needle);
	for (size_t i = 0; i < n; i++) {
		term tm;
		const char *why = parse_term(a->index[i], &tm);
		if (why) {
			ac_error(d, a->path, a->index_lines[i], "index term '%s' %s", a->index[i], why);
			term_free(&tm);
			continue;
		}
		entry[i] = entry_for(bd, tm.primary, tm.secondary);
		if (tm.secondary)
			entry_for(bd, tm.primary, NULL); /* the heading of its sub-entries */
		use[i] = true;
		for (size_t k = 0; k < i; k++)
			if (use[k] && entry[k] == entry[i])
				use[i] = false; /* named twice: once is enough */
		re[i] = use[i] ? term_regex(tm.match) : NULL;
		needle[i] = use[i] ? ascii_needle(tm.match) : NULL;
		if (use[i] && !re[i]) {
			ac_error(d, a->path, a->index_lines[i],
				 "index term '%s' cannot be searched for", a->index[i]);
			use[i] = false;
		}
		term_free(&tm);
	}
	node_list texts = {0};
	if (a->doc && xmlDocGetRootElement(a->doc))
		prose_text(xmlDocGetRootElement(a->doc), &texts);
	match *ms = NULL;
	size_t nms = 0, capms = 0;
	ac_buf lower = AC_BUF_INIT;
	for (size_t k = 0; k < texts.count; k++) {
		xmlNodePtr node = texts.nodes[k];
		const char *text = (const char *)node->content;
		nms = 0;
		ac_buf_reset(&lower);
		ac_buf_adds(&lower, text);
		for (char *p = lower.ptr; *p; p++)
			*p = (char)g_ascii_tolower(*p);
		for (size_t i = 0; i < n; i++) {
			if (!use[i] || (needle[i] && !strstr(lower.ptr, needle[i])))
				continue;
			GMatchInfo *mi = NULL;
			g_regex_match(re[i], text, 0, &mi);
			while (g_match_info_matches(mi)) {
				gint s = 0, e = 0;
				g_match_info_fetch_pos(mi, 0, &s, &e);
				if (in_address(text, (size_t)s, (size_t)e)) {
					g_match_info_next(mi, NULL);
					continue;
				}
				if (nms == capms) {
					capms = capms ? capms * 2 : 16;
					ms = ac_xrealloc(ms, capms * sizeof *ms);
				}
				ms[nms++] = (match){(size_t)s, i};
				g_match_info_next(mi, NULL);
			}
			g_match_info_free(mi);
		}
		if (!nms)
			continue;
		qsort(ms, nms, sizeof *ms, cmp_match);
		/* One anchor per place, numbered in text order; put in from the
		 * end so that the offsets before stay true. */
		size_t places = 0;
		for (size_t m = 0; m < nms; m++)
			if (m == 0 || ms[m].off != ms[m - 1].off)
				places++;
		int base = t->nanchors;
		t->nanchors += (int)places;
		int anchor = base - 1;
		for (size_t m = 0; m < nms; m++) {
			if (m == 0 || ms[m].off != ms[m - 1].off)
				anchor++;
			add_hit(&t->entries[entry[ms[m].term]], seq, anchor);
			found[ms[m].term]++;
		}
		for (size_t m = nms; m-- > 0;) {
			if (m == 0 || ms[m].off != ms[m - 1].off) {
				put_anchor(node, ms[m].off, anchor);
				anchor--;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (use[i] && !found[i]) {
			ac_warn(d, a->path, a->index_lines[i],
				"index term '%s' is not in the article's text (headings and code do "
				"not count); the index points at the chapter's first page",
				a->index[i]);
			add_hit(&t->entries[entry[i]], seq, -1);
		}
		if (re[i])
			g_regex_unref(re[i]);
		free(needle[i]);
	}
	t->end_anchor[seq] = t->nanchors;
	ac_buf_free(&lower);
	free(needle);
	free(ms);
	free(texts.nodes);
	free(entry);
	free(re);
	free(found);
	free(use);
}

static int cmp_hits(const void *x, const void *y)
{
	const ac_term_hit *a = x, *b = y;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	/* No anchor (the chapter's start) first; then text order. */
	return (a->anchor > b->anchor) - (a->anchor < b->anchor);
}

ac_terms *ac_terms_find(ac_book *b, ac_diags *d)
{
	bool any = false;
	for (size_t i = 0; i < b->nseq && !any; i++)
		any = b->seq[i]->nindex > 0;
	if (!any)
		return NULL;
	ac_terms *t = ac_xcalloc(1, sizeof *t);
	t->narticles = b->nseq;
	t->first_anchor = ac_xcalloc(b->nseq + 1, sizeof *t->first_anchor);
	t->end_anchor = ac_xcalloc(b->nseq + 1, sizeof *t->end_anchor);
	t->refs = ac_xcalloc(b->nseq + 1, sizeof *t->refs);
	t->nrefs = ac_xcalloc(b->nseq + 1, sizeof *t->nrefs);
	builder bd = {t, 0, AC_STRMAP_INIT};
	/* File-name order, as ids are given out: anchors do not change with
	 * --order. */
	for (size_t i = 0; i < b->narticles; i++) {
		ac_article *a = &b->articles[i];
		size_t seq = b->nseq;
		for (size_t k = 0; k < b->nseq; k++)
			if (b->seq[k] == a)
				seq = k;
		if (seq == b->nseq || !a->nindex)
			continue;
		find_in_article(&bd, a, seq, d);
	}
	ac_strmap_free(&bd.index);
	for (size_t i = 0; i < t->count; i++)
		if (t->entries[i].nhits > 1)
			qsort(t->entries[i].hits, t->entries[i].nhits, sizeof *t->entries[i].hits,
			      cmp_hits);
	if (t->count)
		qsort(t->entries, t->count, sizeof *t->entries, cmp_entries);
	t->anchor_page = ac_xcalloc((size_t)t->nanchors + 1, sizeof *t->anchor_page);
	/* Each article's anchors and their entries, for pruning. */
	for (size_t i = 0; i < t->count; i++)
		for (size_t k = 0; k < t->entries[i].nhits; k++)
			t->nrefs[t->entries[i].hits[k].seq] += t->entries[i].hits[k].anchor >= 0;
	for (size_t s = 0; s < b->nseq; s++) {
		t->refs[s] = ac_xcalloc(t->nrefs[s] + 1, sizeof **t->refs);
		t->nrefs[s] = 0;
	}
	for (size_t i = 0; i < t->count; i++)
		for (size_t k = 0; k < t->entries[i].nhits; k++) {
			const ac_term_hit *h = &t->entries[i].hits[k];
			if (h->anchor >= 0)
				t->refs[h->seq][t->nrefs[h->seq]++] = (ac_term_ref){i, h->anchor};
		}
	return t;
}

void ac_terms_free(ac_terms *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->count; i++) {
		free(t->entries[i].primary);
		free(t->entries[i].secondary);
		free(t->entries[i].key);
		free(t->entries[i].hits);
		free(t->entries[i].ranges);
	}
	free(t->entries);
	free(t->anchor_page);
	for (size_t s = 0; s < t->narticles; s++)
		free(t->refs[s]);
	free(t->refs);
	free(t->nrefs);
	free(t->first_anchor);
	free(t->end_anchor);
	free(t);
}

/* ---- after the layout ---- */

static int cmp_by_page(const void *x, const void *y)
{
	const ac_term_hit *a = x, *b = y;
	if (a->page != b->page)
		return a->page < b->page ? -1 : 1;
	return cmp_hits(a, b);
}

void ac_terms_settle(ac_terms *t, const int *chapter_page)
{
	for (size_t i = 0; i < t->count; i++) {
		ac_term_entry *e = &t->entries[i];
		for (size_t k = 0; k < e->nhits; k++) {
			ac_term_hit *h = &e->hits[k];
			int page = h->anchor >= 0 ? t->anchor_page[h->anchor] : 0;
			h->page = page > 0 ? page : chapter_page[h->seq];
		}
		if (e->nhits > 1)
			qsort(e->hits, e->nhits, sizeof *e->hits, cmp_by_page);
		free(e->ranges);
		e->ranges = ac_xcalloc(e->nhits + 1, sizeof *e->ranges);
		e->nranges = 0;
		for (size_t k = 0; k < e->nhits; k++) {
			const ac_term_hit *h = &e->hits[k];
			ac_term_range *r = e->nranges ? &e->ranges[e->nranges - 1] : NULL;
			if (r && h->page == r->last)
				continue; /* the page has its locator */
			if (r && h->page == r->last + 1) {
				r->last = h->page;
				r->to = h;
				continue;
			}
			e->ranges[e->nranges++] = (ac_term_range){h->page, h->page, h, h};
		}
	}
}

static void prune_in(xmlNodePtr n, int lo, int hi, const bool *keep)
{
	xmlNodePtr c = n->children;
	while (c) {
		xmlNodePtr next = c->next;
		if (c->type == XML_ELEMENT_NODE) {
			if (!c->children && !strcmp((const char *)c->name, "span")) {
				xmlChar *id = xmlGetProp(c, BAD_CAST "id");
				int k = id ? ac_terms_anchor_of((const char *)id) : -1;
				xmlFree(id);
				if (k >= lo && k < hi && !keep[k - lo]) {
					xmlUnlinkNode(c);
					xmlFreeNode(c);
				}
			} else {
				prune_in(c, lo, hi, keep);
			}
		}
		c = next;
	}
}

typedef struct {
	size_t entry;
	int page, anchor;
} placed_ref;

static int cmp_placed(const void *x, const void *y)
{
	const placed_ref *a = x, *b = y;
	if (a->entry != b->entry)
		return a->entry < b->entry ? -1 : 1;
	if (a->page != b->page)
		return a->page < b->page ? -1 : 1;
	return (a->anchor > b->anchor) - (a->anchor < b->anchor);
}

void ac_terms_prune(const ac_terms *t, ac_article *a, size_t seq)
{
	if (!t || seq >= t->narticles || !a->doc || !xmlDocGetRootElement(a->doc))
		return;
	int lo = t->first_anchor[seq], hi = t->end_anchor[seq];
	if (hi <= lo)
		return;
	size_t n = t->nrefs[seq];
	placed_ref *p = ac_xcalloc(n + 1, sizeof *p);
	for (size_t i = 0; i < n; i++)
		p[i] = (placed_ref){t->refs[seq][i].entry, t->anchor_page[t->refs[seq][i].anchor],
				    t->refs[seq][i].anchor};
	qsort(p, n, sizeof *p, cmp_placed);
	bool *keep = ac_xcalloc((size_t)(hi - lo), sizeof *keep);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || p[i].entry != p[i - 1].entry || p[i].page != p[i - 1].page)
			keep[p[i].anchor - lo] = true;
	prune_in(xmlDocGetRootElement(a->doc), lo, hi, keep);
	free(keep);
	free(p);
}
