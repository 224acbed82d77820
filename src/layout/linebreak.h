/* linebreak.h - Knuth–Plass total-fit line breaking over box/glue/penalty items. */
#ifndef AC_LINEBREAK_H
#define AC_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

#define AC_INF_PENALTY 10000.0
#define AC_INF_STRETCH 1e6

typedef enum { AC_BOX, AC_GLUE, AC_PENALTY } ac_item_kind;

typedef struct {
	ac_item_kind kind;
	double width;
	double stretch, shrink; /* glue */
	double penalty;         /* penalty; >= AC_INF_PENALTY: never; <= -AC_INF_PENALTY: always */
	bool flagged;           /* a hyphen: two in a row cost extra */
	int data;               /* the caller's index */
} ac_item;

typedef struct {
	double tolerance;        /* largest adjustment ratio accepted, e.g. 2 (TeX 200) */
	double line_penalty;     /* added to every line's badness, e.g. 10 */
	double flagged_demerits; /* two hyphenated lines in a row, e.g. 3000 */
	double fitness_demerits; /* adjacent lines of very different tightness, e.g. 3000 */
	double emergency_stretch; /* added stretch per line in the last pass (points) */
} ac_break_params;

typedef struct {
	size_t at;     /* index of the item the line ends at (glue or penalty) */
	double ratio;  /* adjustment ratio of the line ending here */
} ac_break;

/* Breaks items into lines whose widths are widths[0], widths[1], …, the last
 * repeating. The list must end with a forced break. Tries the tolerance first,
 * then again with emergency stretch, then accepts overfull lines. Returns the
 * breaks (caller frees) and their count; *overfull is set when a line could not
 * be made to fit. */
ac_break *ac_break_lines(const ac_item *items, size_t n, const double *widths,
			 size_t nwidths, const ac_break_params *p, size_t *count, bool *overfull);

#endif
