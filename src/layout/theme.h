/* theme.h - the print theme: page geometry, fonts, sizes and colours. */
#ifndef AC_THEME_H
#define AC_THEME_H

#include "../base/diag.h"
#include "../highlight/highlight.h"

#include <stdbool.h>

typedef struct {
	float r, g, b;
} ac_rgb;

typedef enum {
	AC_FACE_BODY,
	AC_FACE_BODY_BOLD,
	AC_FACE_BODY_ITALIC,
	AC_FACE_BODY_BOLD_ITALIC,
	AC_FACE_HEADING,
	AC_FACE_HEADING_BOLD,
	AC_FACE_MONO,
	AC_FACE_MONO_BOLD,
	AC_FACE_MONO_ITALIC, /* comments in code; the regular mono face unless the theme names one */
	AC_FACE_COUNT
} ac_face_role;

#define AC_MAX_FALLBACKS 4

/* The kinds of GitHub's alerts (> [!NOTE] …), each with a colour. */
typedef enum {
	AC_ALERT_NOTE,
	AC_ALERT_TIP,
	AC_ALERT_IMPORTANT,
	AC_ALERT_WARNING,
	AC_ALERT_CAUTION,
	AC_ALERT_COUNT
} ac_alert_kind;
/* "note", "tip", …: the class markdown-alert-NAME and the colour alert-NAME. */
extern const char *const ac_alert_names[AC_ALERT_COUNT];

typedef struct {
	double page_w, page_h; /* points */
	double top, bottom, inner, outer;
	char *page_size; /* "a4", "letter", "6x9" */
	char *faces[AC_FACE_COUNT]; /* font file names in fonts/ */
	char *fallbacks[AC_MAX_FALLBACKS];
	int nfallbacks;
	double body, leading, code, code_leading, small, small_leading;
	double h1, h2, h3, h4;
	double indent, space_before_heading, space_after_heading, space_between;
	ac_rgb text, heading, link, rule, code_bg, muted;
	ac_rgb alert[AC_ALERT_COUNT]; /* an alert's rule and title */
	bool code_highlight;	 /* code-highlight: false sets code in one colour */
	ac_rgb tok[AC_TOK_COUNT]; /* code-colours: a colour per token class */
} ac_theme;

/* Reads styles/NAME/print.yml; page_size (NULL: the theme's) picks the page.
 * Returns 0, or -1 after reporting to d. Free with ac_theme_free. */
int ac_theme_load(ac_theme *t, const char *path, const char *page_size, ac_diags *d);
void ac_theme_free(ac_theme *t);

#endif
