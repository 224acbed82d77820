/* cairo_runs.c - what cairo's PDF surface costs per call and per change of
 * colour: draws PAGES pages of 60 code lines each (a tinted band, then the
 * line), in one of five ways, into a PDF it throws away. Not part of the
 * build or of the tests; run it under callgrind and compare the totals:
 *
 *   cc -O2 -Wall -Wextra -o cairo_runs bench/cairo_runs.c $(pkg-config --cflags --libs cairo)
 *   for w in 0 1 2 3 4; do valgrind --tool=callgrind --callgrind-out-file=/dev/null \
 *       ./cairo_runs $w 30 2>&1 | grep Collected; done
 *
 * WAY: 0 each line in one call, one colour (code-highlight: false);
 *      1 each line as eight runs, each in its own colour, as autochitect's
 *        PDF device drew them before it kept patterns and scaled fonts
 *        (cairo_set_source_rgb, cairo_set_font_face; the first run bold);
 *      2 as 1, with one pattern per colour and one scaled font per face
 *        (cairo_set_source, cairo_set_scaled_font), as the device does now;
 *      3 the eight runs in one colour, eight calls (the cost of a call);
 *      4 as 2, without clusters (cairo_show_glyphs: no ActualText).
 * (1 - 3) / (7 * lines) is the cost of a change of colour, (3 - 0) / (7 *
 * lines) that of a call. A run holding a space is one cluster, as the
 * device makes it, which cairo writes as an ActualText span. */
#include <cairo-pdf.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NRUNS = 8, LINES = 60 };

static const char *const runs[NRUNS] = {"    let ", "s = ", "String", "::", "from", "(", "\"hello\"", ");"};
static const double colours[NRUNS][3] = {
	{0.545098, 0.101961, 0.290196}, {0.105882, 0.105882, 0.105882}, {0, 0.407843, 0.478431},
	{0.105882, 0.105882, 0.105882}, {0.121569, 0.309804, 0.627451}, {0.105882, 0.105882, 0.105882},
	{0.113725, 0.419608, 0.180392}, {0.105882, 0.105882, 0.105882},
};

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

/* Shows text at (x, y) with sf's glyphs; a text holding a space as one
 * cluster, else a cluster per glyph. Returns the pen's x after it. */
static double show(cairo_t *cr, cairo_scaled_font_t *sf, const char *text, double x, double y,
		   int clusters)
{
	cairo_glyph_t *g = NULL;
	cairo_text_cluster_t *c = NULL;
	int ng = 0, nc = 0;
	cairo_text_cluster_flags_t flags;
	cairo_scaled_font_text_to_glyphs(sf, x, y, text, -1, &g, &ng, &c, &nc, &flags);
	cairo_text_cluster_t one = {(int)strlen(text), ng};
	if (!clusters)
		cairo_show_glyphs(cr, g, ng);
	else if (strchr(text, ' '))
		cairo_show_text_glyphs(cr, text, -1, g, ng, &one, 1, flags);
	else
		cairo_show_text_glyphs(cr, text, -1, g, ng, c, nc, flags);
	cairo_text_extents_t e;
	cairo_scaled_font_glyph_extents(sf, g, ng, &e);
	cairo_glyph_free(g);
	cairo_text_cluster_free(c);
	return x + e.x_advance;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: cairo_runs WAY PAGES\n");
		return 2;
	}
	int way = atoi(argv[1]), pages = atoi(argv[2]);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(discard, NULL, 595.0001, 842.0001);
	cairo_t *cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", "");
	cairo_select_font_face(cr, "DejaVu Sans Mono", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, 8.4);
	cairo_font_face_t *bold = cairo_font_face_reference(cairo_get_font_face(cr));
	cairo_scaled_font_t *sbold = cairo_scaled_font_reference(cairo_get_scaled_font(cr));
	cairo_select_font_face(cr, "DejaVu Sans Mono", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_font_face_t *regular = cairo_font_face_reference(cairo_get_font_face(cr));
	cairo_scaled_font_t *sregular = cairo_scaled_font_reference(cairo_get_scaled_font(cr));
	cairo_pattern_t *inks[NRUNS];
	for (int k = 0; k < NRUNS; k++)
		inks[k] = cairo_pattern_create_rgb(colours[k][0], colours[k][1], colours[k][2]);
	for (int p = 0; p < pages; p++) {
		for (int l = 0; l < LINES; l++) {
			double y = 40 + l * 11, x = 60;
			cairo_set_source_rgb(cr, 0.95, 0.95, 0.93);
			cairo_rectangle(cr, 56, y - 8, 470, 11);
			cairo_fill(cr);
			if (way == 0) {
				char line[128] = "";
				for (int k = 0; k < NRUNS; k++)
					strcat(line, runs[k]);
				cairo_set_source(cr, inks[1]);
				show(cr, sregular, line, x, y, 1);
				continue;
			}
			for (int k = 0; k < NRUNS; k++) {
				cairo_scaled_font_t *sf = k == 0 && way != 3 ? sbold : sregular;
				if (way == 1) {
					cairo_set_font_face(cr, k == 0 ? bold : regular);
					cairo_set_font_size(cr, 8.4);
					cairo_set_source_rgb(cr, colours[k][0], colours[k][1], colours[k][2]);
				} else {
					cairo_set_scaled_font(cr, sf);
					cairo_set_source(cr, inks[way == 3 ? 1 : k]);
				}
				x = show(cr, sf, runs[k], x, y, way != 4);
			}
		}
		cairo_show_page(cr);
	}
	cairo_tag_end(cr, "Document");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	int rc = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? 0 : 1;
	cairo_surface_destroy(s);
	for (int k = 0; k < NRUNS; k++)
		cairo_pattern_destroy(inks[k]);
	cairo_scaled_font_destroy(sbold);
	cairo_scaled_font_destroy(sregular);
	cairo_font_face_destroy(bold);
	cairo_font_face_destroy(regular);
	return rc;
}
