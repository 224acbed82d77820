/* highlight.c - tree-sitter parses a code block, its highlights.scm query names the nodes, each byte gets a class. */
#include "highlight.h"

#include "../base/buf.h"
#include "../base/files.h"
#include "grammar_table.h"

#include <glib.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_QUERY_BYTES (4 << 20)
#define AC_HIGHLIGHT_SPARE 8

static const char *const tok_names[AC_TOK_COUNT] = {
	[AC_TOK_KEYWORD] = "keyword",	  [AC_TOK_STRING] = "string",	    [AC_TOK_ESCAPE] = "escape",
	[AC_TOK_COMMENT] = "comment",	  [AC_TOK_FUNCTION] = "function",   [AC_TOK_TYPE] = "type",
	[AC_TOK_NUMBER] = "number",	  [AC_TOK_CONSTANT] = "constant",   [AC_TOK_BUILTIN] = "builtin",
	[AC_TOK_PROPERTY] = "property",	  [AC_TOK_ATTRIBUTE] = "attribute", [AC_TOK_TAG] = "tag",
	[AC_TOK_OPERATOR] = "operator",	  [AC_TOK_PROMPT] = "prompt",
};

const char *ac_tok_name(ac_tok t)
{
	return t > AC_TOK_NONE && t < AC_TOK_COUNT ? tok_names[t] : NULL;
}

ac_tok ac_tok_from_class(const char *cls)
{
	if (!cls || strncmp(cls, "tok-", 4))
		return AC_TOK_NONE;
	for (int t = AC_TOK_NONE + 1; t < AC_TOK_COUNT; t++)
		if (!strcmp(cls + 4, tok_names[t]))
			return (ac_tok)t;
	return AC_TOK_NONE;
}

/* Capture names as the grammars' queries use them (tree-sitter's and
 * Neovim's conventions), most specific first; a name matches an entry equal
 * to it or to one of its dotted prefixes. */
static const struct {
	const char *name;
	ac_tok tok;
} capture_map[] = {
	{"string.escape", AC_TOK_ESCAPE},
	{"escape", AC_TOK_ESCAPE},
	{"string", AC_TOK_STRING},
	{"character", AC_TOK_STRING},
	{"comment", AC_TOK_COMMENT},
	{"keyword", AC_TOK_KEYWORD},
	{"conditional", AC_TOK_KEYWORD},
	{"repeat", AC_TOK_KEYWORD},
	{"include", AC_TOK_KEYWORD},
	{"exception", AC_TOK_KEYWORD},
	{"storageclass", AC_TOK_KEYWORD},
	{"preproc", AC_TOK_KEYWORD},
	{"function.builtin", AC_TOK_BUILTIN},
	{"function", AC_TOK_FUNCTION},
	{"method", AC_TOK_FUNCTION},
	{"constructor", AC_TOK_TYPE},
	{"type", AC_TOK_TYPE},
	{"module", AC_TOK_TYPE},
	{"namespace", AC_TOK_TYPE},
	{"number", AC_TOK_NUMBER},
	{"float", AC_TOK_NUMBER},
	{"constant.numeric", AC_TOK_NUMBER},
	{"boolean", AC_TOK_CONSTANT},
	{"constant", AC_TOK_CONSTANT},
	{"variable.builtin", AC_TOK_BUILTIN},
	{"variable.member", AC_TOK_PROPERTY},
	{"property", AC_TOK_PROPERTY},
	{"field", AC_TOK_PROPERTY},
	{"tag.attribute", AC_TOK_ATTRIBUTE},
	{"attribute", AC_TOK_ATTRIBUTE},
	{"label", AC_TOK_ATTRIBUTE},
	{"tag", AC_TOK_TAG},
	{"operator", AC_TOK_OPERATOR},
};

ac_tok ac_tok_from_capture(const char *capture)
{
	for (size_t i = 0; i < sizeof capture_map / sizeof *capture_map; i++) {
		size_t n = strlen(capture_map[i].name);
		if (!strncmp(capture, capture_map[i].name, n) && (capture[n] == '\0' || capture[n] == '.'))
			return capture_map[i].tok;
	}
	return AC_TOK_NONE; /* variable, punctuation, embedded, spell ... */
}

/* ---- languages ---- */

/* Fence names of shell sessions: prompt lines are commands, the rest output. */
static const char console_names[] = ",console,shell-session,shellsession,sh-session,terminal,";

static bool listed(const char *list, const char *word, size_t n)
{
	for (const char *p = list; (p = strchr(p, ',')) && p[1]; p++)
		if (!strncasecmp(p + 1, word, n) && p[1 + n] == ',')
			return true;
	return false;
}

const char *ac_highlight_language(const char *info)
{
	if (!info)
		return NULL;
	/* The first word; mdBook adds attributes after a comma ("rust,ignore"),
	 * others after a space or in braces. */
	size_t n = strcspn(info, " \t,{");
	if (n == 0 || n > 32)
		return NULL;
	if (listed(console_names, info, n))
		return "console";
	for (size_t i = 0; i < ac_grammar_count; i++) {
		const ac_grammar *g = &ac_grammar_table[i];
		if ((strlen(g->name) == n && !strncasecmp(g->name, info, n)) || listed(g->aliases, info, n))
			return g->name;
	}
	return NULL;
}

/* ---- queries, loaded once per language per run ---- */

typedef enum { PRED_EQ, PRED_MATCH, PRED_ANY_OF } pred_kind;

/* One text predicate of a pattern: #eq?, #match?, #any-of? and their #not-. */
typedef struct {
	pred_kind kind;
	bool negate;
	uint32_t capture;
	bool other_is_capture; /* #eq? @a @b */
	uint32_t other;
	const char *text; /* borrowed from the query */
	GRegex *re;
	const char **words;
	size_t nwords;
} pred;

typedef struct {
	pthread_mutex_t lock; /* languages load in parallel, each once */
	int state;	      /* 0 not tried, 1 loaded, -1 failed */
	bool told;
	char *why;
	TSQuery *query;
	unsigned char *capture_tok; /* per capture id */
	size_t *first_pred;	    /* per pattern, into preds; npatterns + 1 entries */
	pred *preds;
	size_t npreds;
	/* Parsers and query cursors not in use, kept for the next block (a
	 * thread takes one under the lock and gives it back after). */
	TSParser *parsers[AC_HIGHLIGHT_SPARE];
	TSQueryCursor *cursors[AC_HIGHLIGHT_SPARE];
	int nspare;
} lang_state;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; /* queries_dir, states */
static char *queries_dir;
static lang_state *states; /* parallel to ac_grammar_table */

void ac_highlight_setup(const char *data_dir)
{
	pthread_mutex_lock(&lock);
	if (!queries_dir)
		queries_dir = ac_xasprintf("%s/grammars/queries", data_dir);
	pthread_mutex_unlock(&lock);
}

static void free_state(lang_state *s)
{
	for (size_t i = 0; i < s->npreds; i++) {
		if (s->preds[i].re)
			g_regex_unref(s->preds[i].re);
		free(s->preds[i].words);
	}
	free(s->preds);
	free(s->first_pred);
	free(s->capture_tok);
	for (int i = 0; i < s->nspare; i++) {
		ts_parser_delete(s->parsers[i]);
		ts_query_cursor_delete(s->cursors[i]);
	}
	if (s->query)
		ts_query_delete(s->query);
	free(s->why);
	pthread_mutex_t keep = s->lock;
	memset(s, 0, sizeof *s);
	s->lock = keep;
}

void ac_highlight_cleanup(void)
{
	pthread_mutex_lock(&lock);
	if (states)
		for (size_t i = 0; i < ac_grammar_count; i++) {
			free_state(&states[i]);
			pthread_mutex_destroy(&states[i].lock);
		}
	free(states);
	states = NULL;
	free(queries_dir);
	queries_dir = NULL;
	pthread_mutex_unlock(&lock);
}

/* Reads the predicates of one pattern: steps are NAME ARG... DONE. Those
 * that do not test text (#set!, #is?, #is-not? about local scopes) hold. */
static int read_predicates(lang_state *s, uint32_t pattern, size_t *cap, char **why)
{
	uint32_t nsteps = 0;
	const TSQueryPredicateStep *st = ts_query_predicates_for_pattern(s->query, pattern, &nsteps);
	for (uint32_t i = 0; i < nsteps;) {
		uint32_t end = i;
		while (end < nsteps && st[end].type != TSQueryPredicateStepTypeDone)
			end++;
		uint32_t len = 0;
		const char *name = st[i].type == TSQueryPredicateStepTypeString
					   ? ts_query_string_value_for_id(s->query, st[i].value_id, &len)
					   : "";
		bool negate = !strncmp(name, "not-", 4);
		const char *base = negate ? name + 4 : name;
		pred p = {0};
		p.negate = negate;
		if (!strcmp(base, "eq?"))
			p.kind = PRED_EQ;
		else if (!strcmp(base, "match?"))
			p.kind = PRED_MATCH;
		else if (!strcmp(base, "any-of?"))
			p.kind = PRED_ANY_OF;
		else {
			i = end + 1;
			continue;
		}
		if (end - i < 3 || st[i + 1].type != TSQueryPredicateStepTypeCapture) {
			*why = ac_xasprintf("#%s in pattern %u needs a capture and a value", name, pattern);
			return -1;
		}
		p.capture = st[i + 1].value_id;
		if (p.kind == PRED_ANY_OF) {
			p.nwords = end - i - 2;
			p.words = ac_xcalloc(p.nwords, sizeof *p.words);
			for (size_t k = 0; k < p.nwords; k++)
				p.words[k] = ts_query_string_value_for_id(s->query, st[i + 2 + k].value_id, &len);
		} else if (st[i + 2].type == TSQueryPredicateStepTypeCapture) {
			p.other_is_capture = true;
			p.other = st[i + 2].value_id;
		} else {
			p.text = ts_query_string_value_for_id(s->query, st[i + 2].value_id, &len);
			if (p.kind == PRED_MATCH) {
				GError *err = NULL;
				/* Not G_REGEX_OPTIMIZE: PCRE2 would compile each to
				 * machine code, which valgrind cannot follow (every
				 * Rust block was a report), for patterns as short as
				 * ^[A-Z] matched against one identifier at a time. */
				p.re = g_regex_new(p.text, 0, 0, &err);
				if (!p.re) {
					*why = ac_xasprintf("bad regular expression \"%s\": %s", p.text,
							    err ? err->message : "?");
					g_clear_error(&err);
					return -1;
				}
			}
		}
		if (s->npreds == *cap) {
			*cap = *cap ? 2 * *cap : 16;
			s->preds = ac_xrealloc(s->preds, *cap * sizeof *s->preds);
		}
		s->preds[s->npreds++] = p;
		i = end + 1;
	}
	return 0;
}

static int load(const ac_grammar *g, const char *dir, lang_state *s)
{
	char *path = ac_xasprintf("%s/%s.scm", dir, g->name);
	ac_buf text = AC_BUF_INIT;
	int rc = -1;
	if (ac_read_file(path, MAX_QUERY_BYTES, &text) != 0) {
		s->why = ac_xasprintf("cannot read %s", path);
		goto out;
	}
	uint32_t err_at = 0;
	TSQueryError err = TSQueryErrorNone;
	s->query = ts_query_new(g->language(), text.ptr ? text.ptr : "", (uint32_t)text.len, &err_at, &err);
	if (!s->query) {
		s->why = ac_xasprintf("%s: the query does not fit the grammar (error %d at byte %u)", path,
				      (int)err, err_at);
		goto out;
	}
	uint32_t ncaptures = ts_query_capture_count(s->query);
	s->capture_tok = ac_xcalloc(ncaptures ? ncaptures : 1, 1);
	for (uint32_t i = 0; i < ncaptures; i++) {
		uint32_t len = 0;
		const char *name = ts_query_capture_name_for_id(s->query, i, &len);
		s->capture_tok[i] = (unsigned char)(name[0] == '_' ? AC_TOK_NONE : ac_tok_from_capture(name));
	}
	uint32_t npatterns = ts_query_pattern_count(s->query);
	s->first_pred = ac_xcalloc(npatterns + 1, sizeof *s->first_pred);
	size_t cap = 0;
	for (uint32_t p = 0; p < npatterns; p++) {
		s->first_pred[p] = s->npreds;
		char *why = NULL;
		if (read_predicates(s, p, &cap, &why) != 0) {
			s->why = ac_xasprintf("%s: %s", path, why);
			free(why);
			goto out;
		}
	}
	s->first_pred[npatterns] = s->npreds;
	/* A pattern whose captures all reduce to no class (punctuation,
	 * variables, parameters) cannot colour a byte: off, so that the query
	 * cursor does not match every bracket and comma for nothing. */
	for (uint32_t p = 0; p < npatterns; p++) {
		bool colours = false;
		for (uint32_t i = 0; i < ncaptures && !colours; i++)
			colours = s->capture_tok[i] != AC_TOK_NONE &&
				  ts_query_capture_quantifier_for_id(s->query, p, i) != TSQuantifierZero;
		if (!colours)
			ts_query_disable_pattern(s->query, p);
	}
	rc = 0;
out:
	ac_buf_free(&text);
	free(path);
	return rc;
}

/* The loaded state of grammar i, or NULL (the reason in *why, once). */
static lang_state *state_of(size_t i, char **why)
{
	pthread_mutex_lock(&lock);
	if (!states) {
		states = ac_xcalloc(ac_grammar_count, sizeof *states);
		for (size_t k = 0; k < ac_grammar_count; k++)
			pthread_mutex_init(&states[k].lock, NULL);
	}
	lang_state *s = &states[i];
	/* Without ac_highlight_setup (tests), the queries of the source tree. */
	char *dir = ac_xstrdup(queries_dir ? queries_dir : AC_SOURCE_DIR "/grammars/queries");
	pthread_mutex_unlock(&lock);
	pthread_mutex_lock(&s->lock);
	if (s->state == 0) {
		if (load(&ac_grammar_table[i], dir, s) == 0) {
			s->state = 1;
		} else {
			char *reason = s->why;
			s->why = NULL;
			free_state(s);
			s->why = reason;
			s->state = -1;
		}
	}
	if (s->state < 0 && !s->told) {
		s->told = true;
		*why = ac_xstrdup(s->why);
	}
	bool ok = s->state > 0;
	pthread_mutex_unlock(&s->lock);
	free(dir);
	return ok ? s : NULL;
}

/* ---- one block ---- */

typedef struct {
	uint32_t start, end;
	uint32_t pattern;
	unsigned char tok;
} span;

static bool capture_text(const TSQueryMatch *m, uint32_t id, const char *code, const char **s, size_t *n)
{
	for (uint16_t i = 0; i < m->capture_count; i++) {
		if (m->captures[i].index != id)
			continue;
		uint32_t a = ts_node_start_byte(m->captures[i].node), b = ts_node_end_byte(m->captures[i].node);
		*s = code + a;
		*n = b - a;
		return true;
	}
	return false;
}

static bool holds(const pred *p, const TSQueryMatch *m, const char *code)
{
	const char *s = NULL, *o = NULL;
	size_t n = 0, on = 0;
	if (!capture_text(m, p->capture, code, &s, &n))
		return true; /* an optional capture that did not match */
	bool r = false;
	switch (p->kind) {
	case PRED_EQ:
		if (p->other_is_capture) {
			if (!capture_text(m, p->other, code, &o, &on))
				return true;
		} else {
			o = p->text;
			on = strlen(o);
		}
		r = n == on && !memcmp(s, o, n);
		break;
	case PRED_MATCH:
		r = g_regex_match_full(p->re, s, (gssize)n, 0, 0, NULL, NULL);
		break;
	case PRED_ANY_OF:
		for (size_t k = 0; k < p->nwords && !r; k++)
			r = strlen(p->words[k]) == n && !memcmp(s, p->words[k], n);
		break;
	}
	return r != p->negate;
}

static int by_position(const void *pa, const void *pb)
{
	const span *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1; /* outer nodes first */
	return a->pattern > b->pattern ? -1 : a->pattern < b->pattern; /* later patterns first */
}

/* Work allowed per block, counted in tree-sitter's progress checks (one per
 * hundred parser or query steps): a fixed part plus a part per kilobyte,
 * ten times what real code needs (the programming book's blocks: at most 28
 * checks per kilobyte, 22 in all). A block over it is set plain with a
 * warning. Counting steps, not time, keeps the output the same on every
 * machine. */
#define BUDGET_BASE 2000
#define BUDGET_PER_KB 400
#define QUERY_COST_BASE 250000
#define QUERY_COST_PER_BYTE 256

typedef struct {
	uint64_t used, limit;
} budget;

typedef struct {
	const char *s;
	uint32_t len;
} text_source;

static const char *read_text(void *payload, uint32_t at, TSPoint where, uint32_t *n)
{
	(void)where;
	const text_source *src = payload;
	*n = at < src->len ? src->len - at : 0;
	return at < src->len ? src->s + at : "";
}

static bool parse_over(TSParseState *st)
{
	budget *b = st->payload;
	return ++b->used > b->limit;
}

static bool query_over(TSQueryCursorState *st)
{
	budget *b = st->payload;
	return ++b->used > b->limit;
}

/* What running a query over a tree will cost, in node visits: tree-sitter's
 * query cursor walks up from each node to its first visible ancestor, and
 * along its later siblings up to the next named one. Error recovery can leave
 * thousands of anonymous tokens side by side (60,000 unclosed brackets: a
 * minute of work); such a tree is refused before the query runs. */
static uint64_t query_cost(TSNode root)
{
	enum { DEEP = 256 };
	TSTreeCursor c = ts_tree_cursor_new(root);
	uint64_t cost = 0, depth = 0, run[DEEP] = {0};
	for (;;) {
		uint64_t *r = &run[depth < DEEP ? depth : DEEP - 1];
		*r = ts_node_is_named(ts_tree_cursor_current_node(&c)) ? 0 : *r + 1;
		cost += depth + *r;
		if (ts_tree_cursor_goto_first_child(&c)) {
			depth++;
			run[depth < DEEP ? depth : DEEP - 1] = 0;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (!ts_tree_cursor_goto_parent(&c))
				goto done;
			depth--;
		}
	}
done:
	ts_tree_cursor_delete(&c);
	return cost;
}

/* Nested nodes paint over the nodes around them (an escape inside a string).
 * Of the patterns naming the same node, the last in the query wins: the
 * grammars' queries put general patterns first ((identifier) @variable) and
 * refine them below (a called identifier is a @function), and a language
 * built on another lists the base's queries first (cpp after c). Captures
 * that reduce to no class are left out, so they never hide a class. */
static int highlight_with(lang_state *s, const TSLanguage *language, const char *code, size_t len,
			  unsigned char *cls)
{
	int rc = -1;
	uint64_t limit = BUDGET_BASE + BUDGET_PER_KB * (uint64_t)len / 1024;
	budget pb = {0, limit}, qb = {0, limit};
	TSParser *parser = NULL;
	TSQueryCursor *cur = NULL;
	pthread_mutex_lock(&s->lock);
	if (s->nspare > 0) {
		s->nspare--;
		parser = s->parsers[s->nspare];
		cur = s->cursors[s->nspare];
	}
	pthread_mutex_unlock(&s->lock);
	if (!parser) {
		parser = ts_parser_new();
		ts_parser_set_language(parser, language);
		cur = ts_query_cursor_new();
	}
	text_source src = {code, (uint32_t)len};
	TSInput input = {.payload = &src, .read = read_text, .encoding = TSInputEncodingUTF8};
	TSTree *tree = ts_parser_parse_with_options(parser, NULL, input,
						    (TSParseOptions){.payload = &pb, .progress_callback = parse_over});
	if (!tree)
		goto out;
	/* Real code costs under 5 visits per byte (the programming book's 885
	 * blocks: 4.9 at most); 256 leaves room for any of it. */
	if (query_cost(ts_tree_root_node(tree)) > QUERY_COST_BASE + QUERY_COST_PER_BYTE * (uint64_t)len) {
		ts_tree_delete(tree);
		goto out;
	}
	TSQueryCursorOptions qopt = {.payload = &qb, .progress_callback = query_over};
	ts_query_cursor_exec_with_options(cur, s->query, ts_tree_root_node(tree), &qopt);
	span *spans = NULL;
	size_t nspans = 0, cap = 0;
	TSQueryMatch m;
	while (ts_query_cursor_next_match(cur, &m)) {
		bool ok = true;
		for (size_t k = s->first_pred[m.pattern_index]; ok && k < s->first_pred[m.pattern_index + 1]; k++)
			ok = holds(&s->preds[k], &m, code);
		if (!ok)
			continue;
		for (uint16_t i = 0; i < m.capture_count; i++) {
			unsigned char tok = s->capture_tok[m.captures[i].index];
			uint32_t a = ts_node_start_byte(m.captures[i].node), b = ts_node_end_byte(m.captures[i].node);
			if (tok == AC_TOK_NONE || a >= b || b > len)
				continue;
			if (nspans == cap) {
				cap = cap ? 2 * cap : 64;
				spans = ac_xrealloc(spans, cap * sizeof *spans);
			}
			spans[nspans++] = (span){a, b, m.pattern_index, tok};
		}
	}
	if (qb.used > qb.limit) {
		free(spans);
		ts_tree_delete(tree);
		goto out;
	}
	if (nspans)
		qsort(spans, nspans, sizeof *spans, by_position);
	for (size_t i = 0; i < nspans; i++) {
		if (i > 0 && spans[i].start == spans[i - 1].start && spans[i].end == spans[i - 1].end)
			continue;
		memset(cls + spans[i].start, spans[i].tok, spans[i].end - spans[i].start);
	}
	free(spans);
	ts_tree_delete(tree);
	rc = 0;
out:
	ts_parser_reset(parser);
	pthread_mutex_lock(&s->lock);
	if (s->nspare < AC_HIGHLIGHT_SPARE) {
		s->parsers[s->nspare] = parser;
		s->cursors[s->nspare] = cur;
		s->nspare++;
		parser = NULL;
	}
	pthread_mutex_unlock(&s->lock);
	if (parser) {
		ts_parser_delete(parser);
		ts_query_cursor_delete(cur);
	}
	return rc;
}

static int highlight_grammar(const char *lang, const char *code, size_t len, unsigned char *cls, char **why)
{
	for (size_t i = 0; i < ac_grammar_count; i++) {
		if (strcmp(ac_grammar_table[i].name, lang))
			continue;
		lang_state *s = state_of(i, why);
		if (!s)
			return -1;
		if (highlight_with(s, ac_grammar_table[i].language(), code, len, cls) != 0) {
			*why = ac_xstrdup("parsing it would cost too much (unbalanced brackets?); it is set plain");
			return -1;
		}
		return 0;
	}
	return -1;
}

/* Length of the shell prompt a console line starts with ("$ ", "# ", "% ",
 * Windows' "> "), or 0 for output. */
static size_t prompt_len(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == '$' || s[0] == '#' || s[0] == '%' || s[0] == '>') && (n == 1 || s[1] == ' '))
		return n == 1 ? 1 : 2;
	return 0;
}

/* A shell session: the commands after the prompts are highlighted together
 * as one bash script (a command may continue over lines), the output not. */
static int highlight_console(const char *code, size_t len, unsigned char *cls, char **why)
{
	ac_buf script = AC_BUF_INIT;
	size_t *where = NULL; /* script byte -> code byte */
	size_t cap = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && code[j] != '\n')
			j++;
		size_t p = prompt_len(code + i, j - i);
		if (p) {
			memset(cls + i, AC_TOK_PROMPT, p);
			for (size_t k = i + p; k <= j; k++) { /* the newline too */
				if (script.len == cap) {
					cap = cap ? 2 * cap : 256;
					where = ac_xrealloc(where, cap * sizeof *where);
				}
				where[script.len] = k;
				ac_buf_addc(&script, k < len ? code[k] : '\n');
			}
		}
		i = j + 1;
	}
	int rc = 0;
	if (script.len) {
		unsigned char *sc = ac_xcalloc(script.len, 1);
		rc = highlight_grammar("bash", script.ptr, script.len, sc, why);
		for (size_t k = 0; k < script.len; k++)
			if (where[k] < len)
				cls[where[k]] = sc[k];
		free(sc);
	}
	free(where);
	ac_buf_free(&script);
	return rc;
}

/* rustdoc and mdBook hide the lines of a Rust block that begin with "# " or
 * are "#" alone (setup code a reader need not see); the book shows them as
 * written. The marker is not Rust: left in, it sends the parser into error
 * recovery at every such line (382 of the programming book's 655 Rust blocks
 * have one), which doubles the work and colours the code around it wrongly.
 * Like rustdoc, the marker may be indented.
 * Returns a copy of code[0..len) with each marker blanked out, so that every
 * byte keeps its offset, or NULL when the block has none. An attribute
 * ("#[derive", "#!") is no marker. */
static char *blank_hidden_markers(const char *code, size_t len)
{
	char *copy = NULL;
	for (size_t i = 0; i < len;) {
		size_t k = i;
		while (k < len && (code[k] == ' ' || code[k] == '\t'))
			k++;
		if (k < len && code[k] == '#' && (k + 1 == len || code[k + 1] == ' ' || code[k + 1] == '\n')) {
			if (!copy) {
				copy = ac_xrealloc(NULL, len);
				memcpy(copy, code, len);
			}
			copy[k] = ' ';
		}
		const char *eol = memchr(code + i, '\n', len - i);
		i = eol ? (size_t)(eol - code) + 1 : len;
	}
	return copy;
}

/* A Rust block: parsed with its hidden-line markers blanked out, the markers
 * set plain. */
static int highlight_rust(const char *code, size_t len, unsigned char *cls, char **why)
{
	char *blanked = blank_hidden_markers(code, len);
	int rc = highlight_grammar("rust", blanked ? blanked : code, len, cls, why);
	if (blanked)
		for (size_t i = 0; i < len; i++)
			if (blanked[i] != code[i])
				cls[i] = AC_TOK_NONE;
	free(blanked);
	return rc;
}

int ac_highlight(const char *lang, const char *code, size_t len, unsigned char *cls, char **why)
{
	memset(cls, AC_TOK_NONE, len);
	if (!lang || len == 0)
		return len == 0 ? 0 : -1;
	if (len > AC_HIGHLIGHT_MAX_BYTES) {
		*why = ac_xasprintf("it is longer than %d kB; it is set plain", AC_HIGHLIGHT_MAX_BYTES / 1024);
		return -1;
	}
	int rc = !strcmp(lang, "console") ? highlight_console(code, len, cls, why)
		 : !strcmp(lang, "rust")  ? highlight_rust(code, len, cls, why)
					  : highlight_grammar(lang, code, len, cls, why);
	if (rc != 0)
		memset(cls, AC_TOK_NONE, len);
	return rc;
}
