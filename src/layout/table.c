/* table.c - tables: cells measured, column widths shared out, rows set as boxes. */
#include "flow_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A table row and its cells, in order. */
typedef struct {
	xmlNodePtr tr;
	xmlNodePtr *cells;
	size_t n;
} trow;

static void collect_rows(xmlNodePtr n, trow **rows, size_t *count, size_t *cap)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (flow_is(c, "tr")) {
			if (*count == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				*rows = ac_xrealloc(*rows, *cap * sizeof **rows);
			}
			trow *r = &(*rows)[(*count)++];
			r->tr = c;
			r->cells = NULL;
			r->n = 0;
			size_t capc = 0;
			for (xmlNodePtr d = c->children; d; d = d->next) {
				if (!flow_is(d, "td") && !flow_is(d, "th"))
					continue;
				if (r->n == capc) {
					capc = capc ? capc * 2 : 8;
					r->cells = ac_xrealloc(r->cells, capc * sizeof *r->cells);
				}
				r->cells[r->n++] = d;
			}
		} else if (flow_is(c, "thead") || flow_is(c, "tbody") || flow_is(c, "tfoot")) {
			collect_rows(c, rows, count, cap);
		}
	}
}

static align cell_align(xmlNodePtr c)
{
	const char *cls = flow_prop(c, "class");
	if (cls && strstr(cls, "align-center"))
		return ALIGN_CENTER;
	if (cls && strstr(cls, "align-right"))
		return ALIGN_RIGHT;
	return ALIGN_LEFT;
}

/* What a column needs, padding included: its natural width (every cell on
 * one line), its widest word, and its widest piece between any two break
 * points (hyphenation points, breaks inside identifiers and URLs). */
typedef struct {
	double nat, word, piece;
} col_need;

static void measure_cell(ac_flow *f, xmlNodePtr cell, style st, col_need *need)
{
	para p = {0};
	flow_add_inline(f, &p, cell, st, ALIGN_LEFT);
	double line = 0, word = 0, piece = 0;
	for (size_t i = 0; i < p.n; i++) {
		const ac_item *it = &p.items[i];
		if (it->kind == AC_BOX) {
			line += it->width;
			word += it->width;
			piece += it->width;
			continue;
		}
		if (it->kind == AC_GLUE) {
			line += it->width;
			continue;
		}
		/* Ragged text breaks between words with penalty 0; inside words
		 * (hyphens, identifiers) with a positive penalty. */
		if (it->penalty < AC_INF_PENALTY && piece + it->width > need->piece)
			need->piece = piece + it->width;
		if (it->penalty < AC_INF_PENALTY)
			piece = 0;
		if (it->penalty <= 0) {
			if (word > need->word)
				need->word = word;
			word = 0;
		}
		if (it->penalty <= -AC_INF_PENALTY) {
			if (line > need->nat)
				need->nat = line;
			line = 0;
		}
	}
	if (piece > need->piece)
		need->piece = piece;
	if (word > need->word)
		need->word = word;
	if (line > need->nat)
		need->nat = line;
	flow_para_free(&p);
}

/* Widths for the k columns cols sharing avail. Natural widths when they fit;
 * else every column gets its widest word and the room left goes to the
 * columns that wrap, in proportion to what they lack (as CSS's automatic
 * table layout does); else the same from the widest pieces, hyphenating. */
static void column_widths(const col_need *need, const size_t *cols, size_t k, double avail,
			  double *width)
{
	double nat = 0, word = 0, piece = 0;
	for (size_t i = 0; i < k; i++) {
		nat += need[cols[i]].nat;
		word += need[cols[i]].word;
		piece += need[cols[i]].piece;
	}
	for (size_t i = 0; i < k; i++) {
		const col_need *c = &need[cols[i]];
		if (nat <= avail)
			width[i] = c->nat;
		else if (word <= avail)
			width[i] = c->word + (avail - word) * (c->nat - c->word) / (nat - word);
		else if (piece <= avail)
			width[i] = c->piece + (avail - piece) * (c->word - c->piece) / (word - piece);
		else
			width[i] = avail * c->piece / piece;
	}
}

/* Sets rows as table rows over the k columns cols of the given widths. */
/* A cell's lines, set at its column's measure, waiting for their row. */
typedef struct {
	ac_vlist lines;
	double x;   /* where the cell's text starts in the row */
	int *part;  /* per line: the part of the row it is set in */
	double *y;  /* per line: its top in that part */
	const ac_snode *node; /* its TD or TH element, or NULL */
} row_cell;

/* Deals a cell's lines out to the parts of its row: as many as fit in first,
 * then in budget each (a part is never taller than a page). used[k] grows to
 * the height of part k. Returns how many parts the cell fills. */
static int deal_lines(row_cell *c, double first, double budget, double *used)
{
	c->part = ac_xcalloc(c->lines.count + 1, sizeof *c->part);
	c->y = ac_xcalloc(c->lines.count + 1, sizeof *c->y);
	int k = 0;
	double y = 0, room = first;
	for (size_t i = 0; i < c->lines.count; i++) {
		const ac_vitem *it = &c->lines.items[i];
		if (it->kind == AC_V_BOX && y > 0 && y + it->height > room + 0.01) {
			k++;
			y = 0;
			room = budget;
		}
		c->part[i] = k;
		c->y[i] = y;
		if (it->kind == AC_V_GLUE && y == 0 && k > 0)
			continue; /* space vanishes at the top of a part */
		if (it->kind != AC_V_PENALTY)
			y += it->height;
		if (it->kind == AC_V_BOX && y > used[k])
			used[k] = y;
	}
	return k + 1;
}

/* Moves the ops of a cell's lines dealt to part k into row, top at y0. */
static void move_part(ac_vitem *row, row_cell *c, int k, double y0)
{
	bool opened = false;
	for (size_t i = 0; i < c->lines.count; i++) {
		ac_vitem *it = &c->lines.items[i];
		if (it->kind != AC_V_BOX || c->part[i] != k)
			continue;
		if (!opened && c->node && it->nops) {
			ac_vitem_op(row, AC_OP_STRUCT)->node = c->node;
			opened = true;
		}
		for (size_t j = 0; j < it->nops; j++) {
			ac_op *op = ac_vitem_op(row, it->ops[j].kind);
			*op = it->ops[j];
			op->x += c->x;
			op->y += y0 + c->y[i];
			it->ops[j].target = NULL;
		}
	}
	if (opened)
		ac_vitem_op(row, AC_OP_STRUCT)->node = NULL;
}

/* A row (part) begins, for the EPUB's page breaks, where its first cell
 * with text in that part begins. */
static void row_source(ac_vitem *row, const row_cell *cells, size_t k, int part)
{
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < cells[i].lines.count; j++) {
			const ac_vitem *it = &cells[i].lines.items[j];
			if (it->kind == AC_V_BOX && cells[i].part[j] == part && it->src) {
				row->src = it->src;
				row->src_off = it->src_off;
				return;
			}
		}
}

/* Sets rows[0..nrows) of a table (the columns cols[0..k), of widths width)
 * as boxes. A row is one box; a row taller than a page is set in parts,
 * broken between the lines of its cells, so that nothing runs off the page. */
static void table_part(ac_flow *f, const trow *rows, size_t nrows, const size_t *cols, size_t k,
		       const double *width, double pad, ac_vlist *out)
{
	const ac_theme *t = f->t;
	style st = flow_base_style(f);
	st.size = t->small;
	double table_w = 0;
	for (size_t i = 0; i < k; i++)
		table_w += width[i];
	double save_left = f->left, save_right = f->right;
	int nb = f->nbars;
	int table_block = ++f->block;
	/* The tallest part of a row: a page, less the row's padding. */
	double budget = t->page_h - t->top - t->bottom - pad * 1.2 - 1;
	row_cell *cells = ac_xcalloc(k ? k : 1, sizeof *cells);
	double kept_h = 0; /* the row before, when it must share a page with this one */
	double header_h = 0; /* the header row, repeated above the parts of rows */
	ac_snode *thead = NULL, *tbody = NULL;
	for (size_t r = 0; r < nrows; r++) {
		int saved_row = flow_enter_line(f, rows[r].tr);
		bool head = false, all_head = true;
		size_t nlines = 1;
		double x = save_left;
		for (size_t i = 0; i < k; i++) {
			xmlNodePtr cell = cols[i] < rows[r].n ? rows[r].cells[cols[i]] : NULL;
			cells[i] = (row_cell){.x = x + pad};
			x += width[i];
			if (!cell)
				continue;
			int saved_cell = flow_enter_line(f, cell);
			head |= flow_is(cell, "th");
			all_head &= flow_is(cell, "th");
			style cs = st;
			if (flow_is(cell, "th"))
				cs.role = AC_FACE_BODY_BOLD;
			/* The cell's measure: its column less the padding. */
			f->left = 0;
			f->right = f->width - (width[i] - 2 * pad);
			f->nbars = 0;
			para p = {0};
			flow_add_inline(f, &p, cell, cs, cell_align(cell));
			flow_set_para(f, &p, cell_align(cell), 0, t->small_leading, &cells[i].lines, true);
			flow_para_free(&p);
			f->nbars = nb;
			nlines += cells[i].lines.count;
			f->line = saved_cell;
		}
		f->line = saved_row;
		f->left = save_left;
		f->right = save_right;
		/* Structure: the header row in THead, the others in TBody; a TH
		 * heads its column in the header row, its row elsewhere. */
		bool in_head = r == 0 && head && all_head;
		ac_snode **group = in_head ? &thead : &tbody;
		if (!*group)
			*group = ac_vlist_node(out, in_head ? "THead" : "TBody", NULL);
		ac_vlist_enter(out, *group);
		ac_vlist_enter(out, ac_vlist_node(out, "TR", NULL));
		for (size_t i = 0; i < k; i++) {
			xmlNodePtr cell = cols[i] < rows[r].n ? rows[r].cells[cols[i]] : NULL;
			if (!cell)
				continue;
			bool th = flow_is(cell, "th");
			ac_snode *sn = ac_vlist_node(out, th ? "TH" : "TD", NULL);
			sn->leaf = true;
			sn->scope = !th ? 0 : in_head ? 'C' : 'R';
			cells[i].node = sn;
		}
		double *used = ac_xcalloc(nlines, sizeof *used);
		int nparts = 1;
		/* A header row of its own cells only is repeated on every page
		 * the table goes on to. */
		bool header = r == 0 && head && all_head;
		double above = kept_h > header_h ? kept_h : header_h;
		double first = budget - above > budget / 2 ? budget - above : budget;
		double rest = budget - header_h > budget / 2 ? budget - header_h : budget;
		for (size_t i = 0; i < k; i++) {
			int n = deal_lines(&cells[i], first, rest, used);
			if (n > nparts)
				nparts = n;
		}
		double height = 0;
		for (int part = 0; part < nparts; part++) {
			ac_vitem row;
			memset(&row, 0, sizeof row);
			row.kind = AC_V_BOX;
			row.chapter = -1;
			for (size_t i = 0; i < k; i++)
				move_part(&row, &cells[i], part, pad * 0.6);
			row_source(&row, cells, k, part);
			row.height = used[part] + pad * 1.2;
			height = row.height;
			if (part == nparts - 1) {
				ac_op *rule = ac_vitem_op(&row, AC_OP_RULE);
				rule->x = save_left;
				rule->y = row.height;
				rule->w = table_w;
				rule->stroke = head ? 0.8 : 0.35;
				rule->color = head ? t->text : t->rule;
			}
			if (r == 0 && part == 0) {
				ac_op *top = ac_vitem_op(&row, AC_OP_RULE);
				top->x = save_left;
				top->y = 0;
				top->w = table_w;
				top->stroke = 0.8;
				top->color = t->text;
			}
			flow_decorate(f, &row, t->small_leading * 0.76);
			row.role = AC_ROLE_ROW;
			row.header = header && nparts == 1;
			row.block = table_block;
			row.sn = out->node;
			row.line = (int)r + 1;
			row.lines = (int)nrows;
			*ac_vlist_push(out, AC_V_BOX, row.height) = row;
			/* The parts of a row that does not fit a page may break. */
			if (part + 1 < nparts)
				ac_vlist_push(out, AC_V_PENALTY, 0)->penalty = 0;
		}
		free(used);
		ac_vlist_leave(out);
		ac_vlist_leave(out);
		for (size_t i = 0; i < k; i++) {
			ac_vlist_free(&cells[i].lines);
			free(cells[i].part);
			free(cells[i].y);
		}
		/* Rows are never split otherwise; the header stays with the
		 * first row. */
		bool keep = head || r == 0;
		kept_h = keep ? height : 0;
		if (header && nparts == 1)
			header_h = height;
		if (r + 1 < nrows)
			ac_vlist_push(out, AC_V_PENALTY, 0)->penalty = keep ? AC_INF_PENALTY : 0;
	}
	free(cells);
	f->left = save_left;
	f->right = save_right;
}

/* A table: columns sized by what their cells need. A table too wide for the
 * measure even with every cell wrapped and hyphenated is set in parts of as
 * many whole columns as fit, each part repeating a narrow first column (the
 * rows' labels), with a warning at the table's line. */
void flow_table(ac_flow *f, xmlNodePtr n, ac_vlist *out)
{
	const ac_theme *t = f->t;
	trow *rows = NULL;
	size_t nrows = 0, caprows = 0;
	collect_rows(n, &rows, &nrows, &caprows);
	/* The caption (first, once repaired) sits above the table. */
	xmlNodePtr caption = n->children;
	while (caption && caption->type != XML_ELEMENT_NODE)
		caption = caption->next;
	ac_vlist_enter(out, ac_vlist_node(out, "Table", NULL));
	if (flow_is(caption, "caption")) {
		flow_vspace(out, t->space_between);
		f->no_indent = true;
		ac_vlist_enter(out, ac_vlist_node(out, "Caption", NULL));
		flow_blocks(f, caption, out);
		ac_vlist_leave(out);
		flow_keep_with_next(out);
	}
	size_t ncols = 0;
	for (size_t r = 0; r < nrows; r++)
		if (rows[r].n > ncols)
			ncols = rows[r].n;
	col_need *need = NULL;
	size_t *cols = NULL;
	double *width = NULL;
	if (!ncols)
		goto done;
	double avail = f->width - f->left - f->right;
	double pad = t->small * 0.5;
	need = ac_xcalloc(ncols, sizeof *need);
	style st = flow_base_style(f);
	st.size = t->small;
	for (size_t r = 0; r < nrows; r++) {
		int saved_row = flow_enter_line(f, rows[r].tr);
		for (size_t c = 0; c < rows[r].n; c++) {
			int saved_cell = flow_enter_line(f, rows[r].cells[c]);
			style ms = st;
			if (flow_is(rows[r].cells[c], "th"))
				ms.role = AC_FACE_BODY_BOLD;
			measure_cell(f, rows[r].cells[c], ms, &need[c]);
			f->line = saved_cell;
		}
		f->line = saved_row;
	}
	/* A single word wider than half the measure is cut rather than given
	 * a column that starves the others. */
	double sum_piece = 0;
	for (size_t c = 0; c < ncols; c++) {
		col_need *cn = &need[c];
		cn->piece = fmin(cn->piece + 2 * pad, avail / 2);
		cn->word = fmax(fmin(cn->word + 2 * pad, avail / 2), cn->piece);
		cn->nat = fmax(cn->nat + 2 * pad, cn->word);
		sum_piece += cn->piece;
	}
	cols = ac_xcalloc(ncols + 1, sizeof *cols);
	width = ac_xcalloc(ncols + 1, sizeof *width);
	flow_vspace(out, t->space_between);
	flow_dest_before(out, flow_prop(n, "id"));
	if (sum_piece <= avail) {
		for (size_t c = 0; c < ncols; c++)
			cols[c] = c;
		column_widths(need, cols, ncols, avail, width);
		table_part(f, rows, nrows, cols, ncols, width, pad, out);
	} else {
		/* Parts of whole columns that fit without hyphenating: as many
		 * parts as filling each in turn takes, then balanced. */
		bool repeat = ncols > 2 && need[0].word <= avail / 3;
		size_t from = repeat ? 1 : 0, parts = 0, goal = 0;
		for (int pass = 0; pass < 2; pass++) {
			if (pass)
				goal = parts;
			parts = 0;
			for (size_t c = from; c < ncols; parts++) {
				size_t k = 0;
				double used = 0;
				if (repeat) {
					cols[k++] = 0;
					used = need[0].word;
				}
				size_t first = k;
				size_t left = goal > parts ? goal - parts : 1;
				size_t most = pass ? (ncols - c + left - 1) / left : ncols;
				while (c < ncols && k - first < most &&
				       (k == first || used + need[c].word <= avail)) {
					used += need[c].word;
					cols[k++] = c++;
				}
				if (!pass)
					continue;
				if (parts)
					flow_vspace(out, t->space_between);
				column_widths(need, cols, k, avail, width);
				table_part(f, rows, nrows, cols, k, width, pad, out);
			}
		}
		if (f->path)
			ac_warn(f->d, f->path, f->line > 0 ? f->line : 1,
				"a table of %zu columns is too wide for the page: it is set in %zu parts%s",
				ncols, parts, repeat ? ", each starting with the first column" : "");
	}
	flow_vspace(out, t->space_between);
	f->no_indent = true;
done:
	ac_vlist_leave(out);
	for (size_t r = 0; r < nrows; r++)
		free(rows[r].cells);
	free(rows);
	free(need);
	free(cols);
	free(width);
}
