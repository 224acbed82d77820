/* repair.c - the article's XHTML tree brought to the HTML5 content models
 * that EPUBCheck checks, keeping all text in reading order. */
#include "repair.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* The kinds of repair; each is warned about once per article. */
typedef enum {
	R_HOIST,    /* a block moved out of a paragraph or inline element */
	R_LINES,    /* a block set as lines of text inside an inline element */
	R_FLATTEN,  /* a block set as lines inside a heading, summary or pre */
	R_WRAP,     /* list items, terms, rows or cells given their container */
	R_ADOPT,    /* content directly in a list, table or row moved into an item */
	R_LINK,     /* a link inside a link unwrapped */
	R_PLACE,    /* caption, figcaption, summary, table parts out of place */
	R_RESTRICT, /* headings and sections where a cell or term forbids them */
	R_TERMS,    /* a term or definition without its partner */
	R_KINDS
} repair_kind;

typedef struct {
	const char *path;
	ac_diags *d;
	unsigned warned; /* one bit per repair_kind */
	size_t budget;	 /* repairs left: a guard, never reached by real input */
} repairer;

static bool in_set(const char *const *set, const char *name)
{
	for (; *set; set++)
		if (!strcmp(*set, name))
			return true;
	return false;
}

static const char *name_of(xmlNodePtr n)
{
	return n && n->type == XML_ELEMENT_NODE ? (const char *)n->name : "";
}

static bool named(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static bool is_heading(const char *name)
{
	return strlen(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

/* Phrasing content: the elements that may sit in a paragraph. (<a>, <ins>
 * and <del> are transparent in HTML5; the book treats them as phrasing, so
 * that no block hides inside a link, in the EPUB or in the PDF.) */
static const char *const phrasing[] = {"a",   "abbr", "b",	"br",	  "cite", "code",
				       "del", "em",   "i",	"img",	  "ins",  "kbd",
				       "mark", "q",   "s",	"samp",	  "small", "span",
				       "strong", "sub", "sup",	"u",	  "var",  "wbr", NULL};

/* Blocks that hold phrasing content only and are never split around a block
 * (there would be two headings, two summaries): what they hold is set as
 * lines. */
static const char *const text_blocks[] = {"h1", "h2", "h3", "h4", "h5", "h6", "pre",
					  "summary", NULL};

/* The containers of items: who may sit in them, and what holds the rest. */
typedef struct {
	const char *container;
	const char *const *items;
	const char *holder;
} item_rule;

static const char *const li_items[] = {"li", NULL};
static const char *const dl_items[] = {"dt", "dd", NULL};
static const char *const tr_items[] = {"td", "th", NULL};
static const char *const section_items[] = {"tr", NULL};
static const char *const table_items[] = {"caption", "thead", "tbody", "tfoot", "tr", NULL};

static const item_rule item_rules[] = {
	{"ul", li_items, "li"},		{"ol", li_items, "li"},
	{"dl", dl_items, "dd"},		{"tr", tr_items, "td"},
	{"thead", section_items, "tr"}, {"tbody", section_items, "tr"},
	{"tfoot", section_items, "tr"}, {"table", table_items, "tr"},
};

static const item_rule *items_of(xmlNodePtr p)
{
	for (size_t i = 0; i < sizeof item_rules / sizeof *item_rules; i++)
		if (named(p, item_rules[i].container))
			return &item_rules[i];
	return NULL;
}

/* Items outside their container: the container that wraps a run of them. */
typedef struct {
	const char *item;
	const char *wrapper;
	const char *const *run;
} wrap_rule;

static const char *const table_run[] = {"tr", "thead", "tbody", "tfoot", NULL};
static const wrap_rule wrap_rules[] = {
	{"li", "ul", li_items},	      {"dt", "dl", dl_items},	   {"dd", "dl", dl_items},
	{"td", "tr", tr_items},	      {"th", "tr", tr_items},	   {"tr", "table", table_run},
	{"thead", "table", table_run}, {"tbody", "table", table_run}, {"tfoot", "table", table_run},
};

static bool is_text(xmlNodePtr n)
{
	return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

static bool is_blank(xmlNodePtr n)
{
	if (!is_text(n))
		return false;
	for (const xmlChar *s = n->content; s && *s; s++)
		if (!isspace(*s))
			return false;
	return true;
}

static bool is_phrasing(xmlNodePtr n)
{
	return is_text(n) || (n->type == XML_ELEMENT_NODE && in_set(phrasing, name_of(n)));
}

/* Holds phrasing content only. */
static bool phrasing_only(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && (is_phrasing(n) || named(n, "p") ||
					       in_set(text_blocks, name_of(n)));
}

static bool has_ancestor(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr up = n->parent; up && up->type == XML_ELEMENT_NODE; up = up->parent)
		if (named(up, name))
			return true;
	return false;
}

static int line_of(xmlNodePtr n)
{
	if (n && n->type != XML_ELEMENT_NODE)
		n = n->parent;
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (n->line > 0 && n->line < 65535)
			return n->line;
	return 0;
}

static void warn(repairer *r, repair_kind k, xmlNodePtr n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The first repair of each kind is reported, at its line. */
static void warn(repairer *r, repair_kind k, xmlNodePtr n, const char *fmt, ...)
{
	if (r->warned & (1u << k))
		return;
	r->warned |= 1u << k;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ac_warn(r->d, r->path, line_of(n), "%s", msg);
}

/* ---- moving nodes without libxml2's merging of adjacent text nodes, which
 * would free nodes the walk still holds ---- */

static void put_before(xmlNodePtr ref, xmlNodePtr n)
{
	xmlUnlinkNode(n);
	n->parent = ref->parent;
	n->prev = ref->prev;
	n->next = ref;
	if (ref->prev)
		ref->prev->next = n;
	else
		ref->parent->children = n;
	ref->prev = n;
}

static void put_after(xmlNodePtr ref, xmlNodePtr n)
{
	xmlUnlinkNode(n);
	n->parent = ref->parent;
	n->prev = ref;
	n->next = ref->next;
	if (ref->next)
		ref->next->prev = n;
	else
		ref->parent->last = n;
	ref->next = n;
}

static void put_last(xmlNodePtr parent, xmlNodePtr n)
{
	xmlUnlinkNode(n);
	n->parent = parent;
	n->next = NULL;
	n->prev = parent->last;
	if (parent->last)
		parent->last->next = n;
	else
		parent->children = n;
	parent->last = n;
}

/* Moves from and the siblings after it to the end of parent. */
static void move_rest(xmlNodePtr from, xmlNodePtr parent)
{
	for (xmlNodePtr x = from, nx; x; x = nx) {
		nx = x->next;
		put_last(parent, x);
	}
}

static xmlNodePtr new_like(xmlNodePtr like, const char *name)
{
	xmlNodePtr e = xmlNewDocNode(like->doc, like->type == XML_ELEMENT_NODE ? like->ns : like->parent->ns,
				     BAD_CAST name, NULL);
	e->line = (unsigned short)line_of(like);
	return e;
}

/* A shallow copy of element e without its id, put right after e. (It is
 * linked before its attributes are copied, so that they find the namespaces
 * declared above instead of declaring them again.) */
static xmlNodePtr clone_after(xmlNodePtr e)
{
	xmlNodePtr c = xmlNewDocNode(e->doc, e->ns, e->name, NULL);
	put_after(e, c);
	c->properties = xmlCopyPropList(c, e->properties);
	xmlUnsetProp(c, BAD_CAST "id");
	c->line = e->line;
	return c;
}

/* Renames e, keeping only the attributes every element takes. */
static void rename_to(xmlNodePtr e, const char *name)
{
	static const char *const global[] = {"id", "class", "title", "lang", "dir", NULL};
	xmlNodeSetName(e, BAD_CAST name);
	for (xmlAttrPtr a = e->properties, na; a; a = na) {
		na = a->next;
		if (a->ns || !in_set(global, (const char *)a->name))
			xmlRemoveProp(a);
	}
}

/* The next node of the walk after n's subtree, or NULL at the end. */
static xmlNodePtr after_subtree(xmlNodePtr n, xmlNodePtr root)
{
	while (n && n != root && !n->next)
		n = n->parent;
	return n && n != root ? n->next : NULL;
}

/* Whether text or an element other than <br> sits beside n. */
static bool content_beside(xmlNodePtr n, bool before)
{
	for (xmlNodePtr x = before ? n->prev : n->next; x; x = before ? x->prev : x->next) {
		if (is_blank(x))
			continue;
		return is_text(x) || (x->type == XML_ELEMENT_NODE && !named(x, "br"));
	}
	return false;
}

/* Sets block n as lines of text where it stands: a <br/> between it and the
 * content around it, the element itself gone (renamed to <span> when it
 * holds an id). Sets *again to where the walk goes on. */
static void set_as_lines(xmlNodePtr n, xmlNodePtr root, xmlNodePtr *again)
{
	bool before = content_beside(n, true), after = content_beside(n, false);
	if (before && (n->children || after))
		put_before(n, new_like(n, "br"));
	if (after && n->children)
		put_after(n, new_like(n, "br"));
	if (xmlHasProp(n, BAD_CAST "id")) {
		rename_to(n, "span");
		*again = n;
		return;
	}
	xmlNodePtr first = n->children;
	while (n->children)
		put_before(n, n->children);
	*again = first ? first : after_subtree(n, root);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Block n inside phrasing-only elements up to top (whose parent takes
 * blocks): the elements are split around n, which moves out of them as the
 * HTML parser does (<p>a<div>b</div>c</p> becomes <p>a</p><div>b</div><p>c</p>).
 * A block that holds phrasing content itself keeps the inline elements it
 * left (a link, emphasis) around its content. */
static void hoist(xmlNodePtr n, xmlNodePtr top)
{
	xmlNodePtr dest = top->parent; /* top itself may go */
	if (n->children && (named(n, "p") || is_heading(name_of(n)) || named(n, "pre"))) {
		for (xmlNodePtr up = n->parent; up != dest; up = up->parent) {
			if (!is_phrasing(up))
				continue;
			xmlNodePtr w = clone_after(up);
			move_rest(n->children, w);
			put_last(n, w);
		}
	}
	while (n->parent != dest) {
		xmlNodePtr p = n->parent;
		if (n->next) {
			bool blank = true;
			for (xmlNodePtr x = n->next; x && blank; x = x->next)
				blank = is_blank(x);
			xmlNodePtr rest = clone_after(p);
			move_rest(n->next, rest);
			if (blank) {
				xmlUnlinkNode(rest);
				xmlFreeNode(rest);
			}
		}
		put_after(p, n);
		bool empty = !xmlHasProp(p, BAD_CAST "id");
		for (xmlNodePtr x = p->children; x && empty; x = x->next)
			empty = is_blank(x);
		if (empty) {
			xmlUnlinkNode(p);
			xmlFreeNode(p);
		}
	}
}

/* n, an element that is not phrasing content, inside a phrasing-only
 * element. */
static void block_in_phrasing(repairer *r, xmlNodePtr n, xmlNodePtr root, xmlNodePtr *again)
{
	xmlNodePtr top = n->parent;
	while (top->parent && top->parent->type == XML_ELEMENT_NODE && phrasing_only(top->parent))
		top = top->parent;
	const char *nn = name_of(n), *pn = name_of(n->parent), *tn = name_of(top);
	if (in_set(text_blocks, tn)) {
		warn(r, R_FLATTEN, n, "<%s> inside <%s> set as lines of text: a <%s> holds text only",
		     nn, pn, tn);
		set_as_lines(n, root, again);
	} else if (!named(top, "p") && (named(n, "p") || named(n, "div"))) {
		warn(r, R_LINES, n,
		     "<%s> inside <%s> set as lines of text: an inline element cannot hold paragraphs", nn, pn);
		set_as_lines(n, root, again);
	} else {
		warn(r, R_HOIST, n,
		     "<%s> inside <%s> moved out of it, the <%s> split around it: a paragraph or inline element cannot hold blocks",
		     nn, pn, tn);
		hoist(n, top);
		*again = n;
	}
}

/* Whether the table has a head, body or foot. */
static bool has_sections(xmlNodePtr t)
{
	for (xmlNodePtr x = t->children; x; x = x->next)
		if (named(x, "thead") || named(x, "tbody") || named(x, "tfoot"))
			return true;
	return false;
}

static xmlNodePtr prev_element(xmlNodePtr n)
{
	xmlNodePtr x = n->prev;
	while (x && x->type != XML_ELEMENT_NODE)
		x = x->prev;
	return x;
}

/* n directly in a container of items that does not take it: it joins the
 * item before it (with the blank text between them), or a new item. */
static void adopt(repairer *r, const item_rule *rule, xmlNodePtr n, xmlNodePtr *again)
{
	xmlNodePtr prev = prev_element(n);
	warn(r, R_ADOPT, n, "%s%s%s directly inside <%s> moved into a <%s>",
	     is_text(n) ? "text" : "<", is_text(n) ? "" : name_of(n), is_text(n) ? "" : ">",
	     name_of(n->parent), rule->holder);
	/* Content after a term is a definition. */
	if (prev && in_set(rule->items, name_of(prev)) && !named(prev, "dt")) {
		/* The white space between them goes too: it parts words. */
		while (prev->next != n)
			put_last(prev, prev->next);
		put_last(prev, n);
		*again = n;
	} else {
		/* A new row in a table of sections goes in a section. */
		bool body = named(n->parent, "table") && has_sections(n->parent);
		xmlNodePtr item = new_like(n, body ? "tbody" : rule->holder);
		put_before(n, item);
		put_last(item, n);
		*again = item;
	}
}

/* The first child of p that is not blank text. */
static xmlNodePtr first_content(xmlNodePtr p)
{
	xmlNodePtr x = p->children;
	while (x && is_blank(x))
		x = x->next;
	return x;
}

static xmlNodePtr last_content(xmlNodePtr p)
{
	xmlNodePtr x = p->last;
	while (x && is_blank(x))
		x = x->prev;
	return x;
}

/* The order a table's children keep: caption first, a head before the
 * bodies and rows, a foot last. Children before n are in order already, so
 * each check looks at the element before n only. Returns whether n was
 * changed. */
static bool table_order(repairer *r, xmlNodePtr n, xmlNodePtr *again)
{
	xmlNodePtr t = n->parent, prev = prev_element(n);
	if (named(n, "caption")) {
		if (first_content(t) == n)
			return false;
		/* Moved to the start it would change the reading order: it is
		 * kept as text of the cell before it. */
		warn(r, R_PLACE, n, "<caption> that is not the first child of its <table> kept as a <div>");
		rename_to(n, "div");
		*again = n;
		return true;
	}
	xmlNodePtr late = named(n, "thead") && prev && !named(prev, "caption") ? n
			  : named(prev, "tfoot")				  ? prev
										  : NULL;
	if (late) {
		warn(r, R_PLACE, late, "<%s> out of place in its <table> kept as a <tbody>",
		     name_of(late));
		rename_to(late, "tbody");
		*again = n;
		return true;
	}
	return false;
}

/* A table holds rows or sections, not both: runs of rows beside sections
 * are wrapped in a <tbody>. */
static void group_rows(repairer *r, xmlNodePtr t)
{
	if (!has_sections(t))
		return;
	for (xmlNodePtr x = t->children; x; x = x->next) {
		if (!named(x, "tr"))
			continue;
		warn(r, R_WRAP, x, "<tr> beside table sections wrapped in a <tbody>");
		xmlNodePtr body = new_like(x, "tbody");
		put_before(x, body);
		for (xmlNodePtr y = x, ny; y && (named(y, "tr") || is_blank(y)); y = ny) {
			ny = y->next;
			put_last(body, y);
		}
		x = body;
	}
}

/* A list of terms holds groups of terms followed by definitions: a
 * definition without a term before it gets an empty term, a term without a
 * definition after it an empty definition. Returns whether n was changed. */
static bool dl_order(repairer *r, xmlNodePtr n, xmlNodePtr *again)
{
	bool dt = named(n, "dt");
	xmlNodePtr x = dt ? n->next : n->prev;
	while (x && x->type != XML_ELEMENT_NODE)
		x = dt ? x->next : x->prev;
	if (x)
		return false;
	warn(r, R_TERMS, n, "<%s> without a <%s> %s it: an empty one added", name_of(n),
	     dt ? "dd" : "dt", dt ? "after" : "before");
	xmlNodePtr e = new_like(n, dt ? "dd" : "dt");
	if (dt)
		put_after(n, e);
	else
		put_before(n, e);
	*again = dt ? NULL : e;
	return !dt;
}

/* Checks n where it stands. Returns false when it may stay as it is; else
 * repairs it and sets *again to the node the walk checks next (NULL: the
 * end). */
static bool repair_node(repairer *r, xmlNodePtr n, xmlNodePtr root, xmlNodePtr *again)
{
	xmlNodePtr p = n->parent;
	const item_rule *rule = items_of(p);
	if (rule) {
		if (is_blank(n) || (n->type != XML_ELEMENT_NODE && !is_text(n)))
			return false;
		if (n->type == XML_ELEMENT_NODE && in_set(rule->items, name_of(n)))
			return named(p, "table")  ? table_order(r, n, again)
			       : named(p, "dl") ? dl_order(r, n, again)
						: false;
		adopt(r, rule, n, again);
		return true;
	}
	if (n->type != XML_ELEMENT_NODE)
		return false;
	const char *nn = name_of(n);
	/* A caption holds no table parts: they are set as lines. */
	static const char *const tableish[] = {"table", "thead", "tbody", "tfoot", "tr",
					       "td",    "th",    "caption", NULL};
	if (in_set(tableish, nn) && has_ancestor(n, "caption")) {
		warn(r, R_RESTRICT, n, "<%s> inside a <%s> set as lines of text", nn, "caption");
		set_as_lines(n, root, again);
		return true;
	}
	for (size_t i = 0; i < sizeof wrap_rules / sizeof *wrap_rules; i++) {
		if (strcmp(wrap_rules[i].item, nn))
			continue;
		if (phrasing_only(p)) {
			block_in_phrasing(r, n, root, again);
			return true;
		}
		const wrap_rule *w = &wrap_rules[i];
		warn(r, R_WRAP, n, "<%s> outside a <%s> wrapped in one", nn, w->wrapper);
		xmlNodePtr box = new_like(n, w->wrapper);
		put_before(n, box);
		for (xmlNodePtr x = n, nx; x && (in_set(w->run, name_of(x)) || is_blank(x)); x = nx) {
			nx = x->next;
			put_last(box, x);
		}
		*again = box;
		return true;
	}
	/* Captions, figure captions and summaries are such only in their place;
	 * elsewhere they are kept as <div>. */
	if (named(n, "caption") || named(n, "figcaption") || named(n, "summary")) {
		const char *home = named(n, "caption") ? "table" : named(n, "figcaption") ? "figure"
											   : "details";
		if (named(p, home)) {
			if (named(n, "figcaption") &&
			    (first_content(p) == n ||
			     (last_content(p) == n && !named(first_content(p), "figcaption"))))
				return false;
			if (named(n, "summary") && first_content(p) == n)
				return false;
		}
		warn(r, R_PLACE, n, "<%s> out of place (not where its <%s> takes it) kept as a <%s>",
		     nn, home, "div");
		rename_to(n, "div");
		*again = n;
		return true;
	}
	if (named(n, "details") && !named(first_content(n), "summary")) {
		warn(r, R_PLACE, n, "<details> that does not start with a <summary> kept as a <div>");
		rename_to(n, "div");
		*again = n;
		return true;
	}
	if (named(n, "a") && has_ancestor(n, "a")) {
		warn(r, R_LINK, n, "a link inside a link unwrapped, its text kept");
		if (xmlHasProp(n, BAD_CAST "id")) {
			rename_to(n, "span");
			*again = n;
		} else {
			xmlNodePtr first = n->children;
			while (n->children)
				put_before(n, n->children);
			*again = first ? first : after_subtree(n, root);
			xmlUnlinkNode(n);
			xmlFreeNode(n);
		}
		return true;
	}
	if (phrasing_only(p)) {
		if (is_phrasing(n))
			return false;
		block_in_phrasing(r, n, root, again);
		return true;
	}
	/* Terms and header cells hold no headings or sections. */
	if ((is_heading(nn) || named(n, "section") || named(n, "aside")) &&
	    (has_ancestor(n, "dt") || has_ancestor(n, "th"))) {
		const char *to = is_heading(nn) ? "p" : "div";
		warn(r, R_RESTRICT, n, "<%s> inside a term or header cell kept as a <%s>", nn, to);
		rename_to(n, to);
		*again = n;
		return true;
	}
	if (named(n, "table"))
		group_rows(r, n);
	return false;
}

static size_t count_nodes(xmlNodePtr root)
{
	size_t count = 0;
	for (xmlNodePtr n = root->children; n;) {
		count++;
		n = n->children ? n->children : after_subtree(n, root);
	}
	return count;
}

void ac_doc_repair(xmlNodePtr root, const char *path, ac_diags *d)
{
	repairer r = {.path = path, .d = d};
	/* Each repair settles a node for good or moves it to a place that does
	 * not send it back; a few repairs per node are the most real input
	 * needs. */
	r.budget = 8 * count_nodes(root) + 64;
	xmlNodePtr n = root->children;
	while (n) {
		xmlNodePtr again = NULL;
		if (r.budget > 0 && repair_node(&r, n, root, &again)) {
			r.budget--;
			n = again;
			continue;
		}
		n = n->type == XML_ELEMENT_NODE && n->children ? n->children : after_subtree(n, root);
	}
}
