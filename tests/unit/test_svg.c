/* test_svg.c - unit tests for SVG figures: what editors write is accepted,
 * what reaches outside the figure is refused, the cleaned figure. */
#define _DEFAULT_SOURCE /* mkstemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "base/buf.h"
#include "doc/doc.h"
#include "doc/svgcheck.h"
#include "layout/picture.h"
#include "render/svgpass.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" " \
		 "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\">"
/* A whole 1x1 grey PNG, and one whose header claims 100,000 x 100,000. */
#define PNG_1X1 "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg=="
#define PNG_HUGE "iVBORw0KGgoAAAANSUhEUgABhqAAAYagCAAAAACNOVQUAAAACUlEQVR4nGMAAAABAAFe/335AAAAAElFTkSuQmCC"

static const char *problem(const char *svg)
{
	return ac_svg_problem(svg, strlen(svg));
}

static void doctype_external_only(void **state)
{
	(void)state;
	assert_null(problem("<?xml version=\"1.0\" standalone=\"no\"?>\n"
			    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n"
			    " \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n" SVG_OPEN
			    "<rect width=\"5\" height=\"5\"/></svg>"));
	assert_null(problem("<!DOCTYPE svg SYSTEM 'svg11.dtd'>" SVG_OPEN "</svg>"));
	/* An internal subset, even empty, and entities are refused. */
	assert_non_null(problem("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
				"\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n"
				"  <!ENTITY e \"text\">\n]>" SVG_OPEN "<text>&e;</text></svg>"));
	assert_non_null(problem("<!DOCTYPE svg []>" SVG_OPEN "</svg>"));
	assert_non_null(problem("<!DOCTYPE svg SYSTEM \"a>[b\" [<!ENTITY e 'x'>]>" SVG_OPEN "</svg>"));
	assert_non_null(problem("<!DOCTYPE svg SYSTEM \"unclosed>" SVG_OPEN "</svg>"));
	/* With an external DTD, an undeclared entity stays a reference: refused. */
	assert_non_null(problem("<!DOCTYPE svg SYSTEM \"../../x.dtd\">" SVG_OPEN "<text>&e;</text></svg>"));
}

static void editor_metadata_accepted(void **state)
{
	(void)state;
	assert_null(problem(
		"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
		" xmlns:cc=\"http://creativecommons.org/ns#\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
		" xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\""
		" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" sodipodi:docname=\"a.svg\">"
		"<sodipodi:namedview id=\"base\" inkscape:zoom=\"2\"/>"
		"<metadata><rdf:RDF><cc:Work rdf:about=\"\"><dc:format>image/svg+xml</dc:format>"
		"<dc:type rdf:resource=\"http://purl.org/dc/dcmitype/StillImage\"/>"
		"<cc:license rdf:resource=\"http://creativecommons.org/licenses/by/4.0/\"/>"
		"</cc:Work></rdf:RDF></metadata>"
		"<g inkscape:label=\"Layer 1\" inkscape:groupmode=\"layer\"><rect width=\"5\" height=\"5\"/></g></svg>"));
}

static void data_pictures(void **state)
{
	(void)state;
	assert_null(problem(SVG_OPEN "<image width=\"5\" height=\"5\" xlink:href=\"data:image/png;base64,"
				     PNG_1X1 "\"/></svg>"));
	/* Line breaks in the base64, as Inkscape 0.92 writes it. */
	assert_null(problem(SVG_OPEN "<image href=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB&#10;"
				     "CAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==\"/></svg>"));
	/* A bad header, a PNG said to be a JPEG, a gigantic size, no base64. */
	assert_non_null(problem(SVG_OPEN "<image href=\"data:image/png;base64,AAAAAAAAAAAAAAAAAAAAAAAA\"/></svg>"));
	assert_non_null(problem(SVG_OPEN "<image href=\"data:image/jpeg;base64," PNG_1X1 "\"/></svg>"));
	assert_non_null(problem(SVG_OPEN "<image href=\"data:image/png;base64," PNG_HUGE "\"/></svg>"));
	assert_non_null(problem(SVG_OPEN "<image href=\"data:image/png,%89PNG\"/></svg>"));
	assert_non_null(problem(SVG_OPEN "<image href=\"data:image/svg+xml;base64,PHN2Zy8+\"/></svg>"));
	assert_non_null(problem(SVG_OPEN "<image href=\"data:image/png;base64,!!" PNG_1X1 "\"/></svg>"));
	/* data: is for pictures on <image> only. */
	assert_non_null(problem(SVG_OPEN "<use href=\"data:image/png;base64," PNG_1X1 "\"/></svg>"));
	/* Painted through a pattern that uses a picture in <defs> (Figma). */
	assert_null(problem(SVG_OPEN "<rect width=\"9\" height=\"9\" fill=\"url(#p)\"/><defs>"
				     "<pattern id=\"p\" width=\"1\" height=\"1\"><use xlink:href=\"#i\"/></pattern>"
				     "<image id=\"i\" xlink:href=\"data:image/png;base64," PNG_1X1 "\"/></defs></svg>"));
	/* More pictures than one figure's budget. */
	ac_buf many = AC_BUF_INIT;
	ac_buf_adds(&many, SVG_OPEN);
	for (int i = 0; i < 1001; i++)
		ac_buf_adds(&many, "<image href=\"data:image/png;base64," PNG_1X1 "\"/>");
	ac_buf_adds(&many, "</svg>");
	assert_non_null(ac_svg_problem(many.ptr, many.len));
	ac_buf_free(&many);
}

static void references_refused(void **state)
{
	(void)state;
	assert_non_null(problem(SVG_OPEN "<image href=\"x.png\"/></svg>"));
	assert_non_null(problem(SVG_OPEN "<image xlink:href=\"../../secret\"/></svg>"));
	assert_non_null(problem(SVG_OPEN "<image xlink:href=\"file:///etc/passwd\"/></svg>"));
	assert_non_null(problem(SVG_OPEN "<image href=\"https://example.org/a.png\"/></svg>"));
	assert_non_null(problem(SVG_OPEN "<use href=\"http://example.org/s.svg#a\"/></svg>"));
	assert_non_null(problem(SVG_OPEN "<filter><feImage href=\"a.png\"/></filter></svg>"));
	assert_non_null(problem(SVG_OPEN "<style>@import url(a.css);</style></svg>"));
	assert_non_null(problem(SVG_OPEN "<rect style=\"fill:url(file:///x#p)\"/></svg>"));
	assert_non_null(problem("<?xml-stylesheet href=\"http://example.org/a.css\"?>" SVG_OPEN "</svg>"));
	/* Editor attributes that name files are removed, not followed. */
	assert_null(problem("<svg xmlns=\"http://www.w3.org/2000/svg\" "
			    "xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\">"
			    "<rect sodipodi:absref=\"/home/a/x.png\" width=\"1\" height=\"1\"/></svg>"));
}

static void hyperlinks(void **state)
{
	(void)state;
	assert_null(problem(SVG_OPEN "<a xlink:href=\"https://raft.github.io/\"><text>a</text></a></svg>"));
	assert_null(problem(SVG_OPEN "<a href=\"mailto:ada@example.org\"><text>a</text></a></svg>"));
	assert_null(problem(SVG_OPEN "<a href=\"#top\"><text id=\"top\">a</text></a></svg>"));
	assert_non_null(problem(SVG_OPEN "<a href=\"javascript:alert(1)\"><text>a</text></a></svg>"));
	assert_non_null(problem(SVG_OPEN "<a xlink:href=\" JavaScript:alert(1)\"><text>a</text></a></svg>"));
	assert_non_null(problem(SVG_OPEN "<a href=\"java&#9;script:alert(1)\"><text>a</text></a></svg>"));
	assert_non_null(problem(SVG_OPEN "<a href=\"file:///etc/passwd\"><text>a</text></a></svg>"));
	assert_non_null(problem(SVG_OPEN "<a href=\"other.svg\"><text>a</text></a></svg>"));
}

static void clean_output(void **state)
{
	(void)state;
	const char *in =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
		"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n"
		" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:svg=\"http://www.w3.org/2000/svg\""
		" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
		" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
		" xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\""
		" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\""
		" width=\"10\" height=\"10\" inkscape:version=\"1.0\" xml:base=\"file:///etc/\">\n"
		"  <sodipodi:namedview id=\"base\"/>\n"
		"  <metadata><rdf:RDF/></metadata>\n"
		"  <g inkscape:label=\"Layer\"><rect width=\"5\" height=\"5\" sodipodi:nodetypes=\"cc\"/>"
		"<image width=\"5\" height=\"5\" xlink:href=\"data:image/png;base64," PNG_1X1 "\"/></g>\n"
		"</svg>\n";
	ac_buf out = AC_BUF_INIT, again = AC_BUF_INIT;
	assert_null(ac_svg_clean(in, strlen(in), &out));
	const char *s = ac_buf_str(&out);
	assert_null(strstr(s, "DOCTYPE"));
	assert_null(strstr(s, "metadata"));
	assert_null(strstr(s, "sodipodi"));
	assert_null(strstr(s, "inkscape"));
	assert_null(strstr(s, "rdf"));
	assert_null(strstr(s, "xmlns:svg"));
	assert_null(strstr(s, "xml:base"));
	assert_non_null(strstr(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
	assert_non_null(strstr(s, "<rect width=\"5\" height=\"5\"/>"));
	assert_non_null(strstr(s, "xlink:href=\"data:image/png;base64," PNG_1X1 "\""));
	assert_non_null(strstr(s, "xmlns:xlink=\"http://www.w3.org/1999/xlink\""));
	/* The cleaned figure is clean: cleaning it again changes nothing. */
	assert_null(ac_svg_clean(out.ptr, out.len, &again));
	assert_string_equal(ac_buf_str(&again), s);
	ac_buf_free(&again);
	/* White space between words stays where editor data is removed. */
	const char *text = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
			   "xmlns:i=\"http://ns.adobe.com/AdobeIllustrator/10.0/\">"
			   "<text><tspan>b</tspan> <i:x/><tspan>c</tspan></text></svg>";
	ac_buf_reset(&again);
	assert_null(ac_svg_clean(text, strlen(text), &again));
	assert_non_null(strstr(ac_buf_str(&again), "<tspan>b</tspan> <tspan>c</tspan>"));
	ac_buf_free(&again);
	/* A refused figure writes nothing. */
	const char *bad = "<!DOCTYPE svg [<!ENTITY e 'x'>]><svg/>";
	assert_non_null(ac_svg_clean(bad, strlen(bad), &again));
	assert_int_equal(again.len, 0);
	ac_buf_free(&again);
	ac_buf_free(&out);
}

/* draw.io writes labels as HTML in a <foreignObject> inside a <switch>, with
 * an SVG <text> after it: the fallback is kept, the HTML goes. */
static void switch_fallback(void **state)
{
	(void)state;
	const char *drawio =
		SVG_OPEN "<switch><foreignObject requiredFeatures="
		"\"http://www.w3.org/TR/SVG11/feature#Extensibility\" width=\"9\" height=\"9\">"
		"<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>x()</script>label</div>"
		"</foreignObject><text x=\"1\" y=\"5\">label</text></switch></svg>";
	assert_null(problem(drawio));
	ac_buf out = AC_BUF_INIT;
	assert_null(ac_svg_clean(drawio, strlen(drawio), &out));
	assert_null(strstr(ac_buf_str(&out), "foreignObject"));
	assert_null(strstr(ac_buf_str(&out), "script"));
	assert_non_null(strstr(ac_buf_str(&out), "<text x=\"1\" y=\"5\">label</text>"));
	ac_buf_free(&out);
	/* Without a fallback, or outside a <switch>, it is refused as before. */
	assert_non_null(problem(SVG_OPEN "<switch><foreignObject width=\"9\" height=\"9\">"
				"<div xmlns=\"http://www.w3.org/1999/xhtml\">x</div>"
				"</foreignObject></switch></svg>"));
	assert_non_null(problem(SVG_OPEN "<foreignObject width=\"9\" height=\"9\"/>"
				"<text>x</text></svg>"));
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The print size of a figure: width and height, else the viewBox (Graphviz
 * 12 writes only that), as CSS pixels. */
static void print_size(void **state)
{
	(void)state;
	static const char *const svgs[][2] = {
		{"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\"/>", "150x75"},
		{"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0.00 0.00 400.00 120.00\">"
		 "<rect width=\"400\" height=\"120\"/></svg>", "300x90"},
		{"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2in\" height=\"1in\""
		 " viewBox=\"0 0 10 5\"/>", "144x72"},
	};
	char path[] = "/tmp/ac-test-svg-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	for (size_t i = 0; i < sizeof svgs / sizeof *svgs; i++) {
		write_file(path, svgs[i][0]);
		ac_diags d;
		ac_diags_init(&d);
		ac_picture *p = ac_picture_load(path, "image/svg+xml", "x.svg", 1, &d);
		assert_non_null(p);
		double w, h;
		ac_picture_size(p, &w, &h);
		char got[32];
		snprintf(got, sizeof got, "%.0fx%.0f", w, h);
		assert_string_equal(got, svgs[i][1]);
		ac_picture_free(p);
		ac_diags_free(&d);
	}
	close(fd);
	unlink(path);
}

/* The figure drawn into a 10 x 10 image: its pixels (to free). */
static unsigned char *drawn(const ac_picture *p, int *rc, char **why)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(s);
	*rc = ac_picture_svg_draw(p, cr, 0, 0, 10, 10, why);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	size_t n = (size_t)cairo_image_surface_get_stride(s) * 10;
	unsigned char *px = malloc(n);
	memcpy(px, cairo_image_surface_get_data(s), n);
	cairo_surface_destroy(s);
	return px;
}

/* A figure's parsed tree let go is parsed again from its file when the
 * figure is drawn, to the same pixels; a file gone or changed since the
 * figure was laid out is said, never drawn as it is now. */
static void let_go_and_parsed_again(void **state)
{
	(void)state;
	const char *svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
			  "<rect x=\"2\" y=\"3\" width=\"5\" height=\"4\" fill=\"#c00\"/></svg>";
	char path[] = "/tmp/ac-test-svg-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	write_file(path, svg);
	ac_diags d;
	ac_diags_init(&d);
	ac_picture *p = ac_picture_load(path, "image/svg+xml", "x.md", 7, &d);
	assert_non_null(p);
	size_t held = ac_picture_svg_held(p);
	assert_true(held > 0);
	int rc = -1;
	char *why = NULL;
	unsigned char *first = drawn(p, &rc, &why);
	assert_int_equal(rc, 0);
	ac_picture_svg_release(p);
	assert_int_equal(ac_picture_svg_held(p), 0);
	unsigned char *again = drawn(p, &rc, &why);
	assert_int_equal(rc, 0);
	assert_int_equal(ac_picture_svg_held(p), held);
	size_t n = (size_t)cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, 10) * 10;
	assert_memory_equal(first, again, n);
	assert_true(memchr(first, 0xcc, n) || memchr(first, 0xc0, n)); /* the red is there */
	free(first);
	free(again);

	/* Changed since it was laid out, even to the same length: refused,
	 * with why. */
	ac_picture_svg_release(p);
	write_file(path, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
			 "<rect x=\"2\" y=\"3\" width=\"5\" height=\"4\" fill=\"#0c0\"/></svg>");
	free(drawn(p, &rc, &why));
	assert_int_equal(rc, -1);
	assert_non_null(strstr(why, "changed while the book was built"));
	free(why);
	why = NULL;
	assert_int_equal(ac_picture_svg_held(p), 0);
	/* Drawn in place, the failure is reported at the figure's line. */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
	cairo_t *cr = cairo_create(s);
	ac_picture_draw(p, cr, 0, 0, 10, 10, NULL);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].path, "x.md");
	assert_int_equal(d.items[0].line, 7);
	assert_non_null(strstr(d.items[0].message, "changed while the book was built"));
	int line = 0;
	assert_string_equal(ac_picture_where(p, &line), "x.md");
	assert_int_equal(line, 7);

	/* Gone. */
	unlink(path);
	free(drawn(p, &rc, &why));
	assert_int_equal(rc, -1);
	assert_non_null(strstr(why, "cannot read figure"));
	free(why);
	ac_picture_free(p);
	ac_diags_free(&d);
}

/* The figures' thread lets go of a figure's parsed tree after its last
 * drawing, parses again one let go before, and says where a figure that
 * cannot be drawn any more is. */
static void figures_thread(void **state)
{
	(void)state;
	char path[] = "/tmp/ac-test-svg-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	write_file(path, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
			 "<rect width=\"5\" height=\"4\"/></svg>");
	ac_diags d;
	ac_diags_init(&d);
	ac_picture *p = ac_picture_load(path, "image/svg+xml", "x.md", 9, &d);
	assert_non_null(p);
	ac_picture *q = ac_picture_load(path, "image/svg+xml", "y.md", 4, &d);
	assert_non_null(q);
	ac_picture_svg_release(q); /* parsed again to be drawn */
	ac_svgpass *sp = ac_svgpass_new();
	assert_non_null(sp);
	ac_svgpass_queue(sp, p, 10.5, 20.25, 30, 20);
	ac_svgpass_queue(sp, q, 10.5, 20.25, 30, 20);
	ac_svgpass_queue(sp, p, 40, 60, 30, 20);
	const ac_buf *pdf = ac_svgpass_pdf(sp);
	assert_non_null(pdf);
	assert_true(pdf->len > 0);
	assert_false(ac_svgpass_figure_failed(sp));
	assert_int_equal(ac_svgpass_report(sp, &d), 0);
	assert_int_equal(ac_picture_svg_held(p), 0);
	assert_int_equal(ac_picture_svg_held(q), 0);
	ac_svgpass_free(sp);

	assert_int_equal(d.count, 0);

	/* Changed on disk since it was laid out, though not in length (a
	 * colour): no PDF, and an error at the figure's line. */
	write_file(path, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
			 "<rect width=\"5\" height=\"7\"/></svg>");
	sp = ac_svgpass_new();
	assert_non_null(sp);
	ac_svgpass_queue(sp, p, 10.5, 20.25, 30, 20);
	assert_null(ac_svgpass_pdf(sp));
	assert_true(ac_svgpass_figure_failed(sp));
	assert_int_equal(ac_svgpass_report(sp, &d), 1);
	ac_svgpass_free(sp);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].path, "x.md");
	assert_int_equal(d.items[0].line, 9);
	assert_non_null(strstr(d.items[0].message, "changed while the book was built"));
	ac_picture_free(p);
	ac_picture_free(q);
	ac_diags_free(&d);
	unlink(path);
}

int main(void)
{
	ac_doc_setup();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(doctype_external_only), cmocka_unit_test(editor_metadata_accepted),
		cmocka_unit_test(data_pictures),	 cmocka_unit_test(references_refused),
		cmocka_unit_test(hyperlinks),		 cmocka_unit_test(clean_output),
		cmocka_unit_test(switch_fallback),	 cmocka_unit_test(print_size),
		cmocka_unit_test(let_go_and_parsed_again), cmocka_unit_test(figures_thread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
