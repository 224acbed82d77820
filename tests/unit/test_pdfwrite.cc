// test_pdfwrite.cc - unit tests for the final pass's work on cairo's text:
// a page's array of the parent tree with some of its items made null.
#include "render/pdfwrite.hh"

#include <string>

// cmocka's macros last: they would rename what the C++ headers declare.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
extern "C" {
#include <cmocka.h>
}

namespace {

std::string nulled(const std::string &text, int id, std::set<int> const &nulls)
{
	return pdfwrite::nulled(text.data(), text.size(), id, nulls);
}

// As cairo writes it (cairo-pdf-interchange.c), to qpdf's form.
void cairo_array(void **)
{
	std::string text = "12 0 obj\n[\n  40 0 R\n  41 0 R\n  42 0 R\n  7 0 R\n]\nendobj\n";
	assert_string_equal(nulled(text, 12, {1, 3}).c_str(),
			    "12 0 obj\n[ 40 0 R null 42 0 R null ]\nendobj\n");
	assert_string_equal(nulled(text, 12, {0}).c_str(),
			    "12 0 obj\n[ null 41 0 R 42 0 R 7 0 R ]\nendobj\n");
	// Made again: what is null already stays so.
	std::string again = nulled(text, 12, {1});
	assert_string_equal(nulled(again, 12, {2}).c_str(),
			    "12 0 obj\n[ 40 0 R null null 7 0 R ]\nendobj\n");
}

// Anything else is left to qpdf: "".
void other_shapes(void **)
{
	std::string text = "12 0 obj\n[\n  40 0 R\n  41 0 R\n]\nendobj\n";
	assert_true(nulled(text, 13, {0}).empty());          // another object
	assert_true(nulled(text, 1, {0}).empty());           // "1" is a prefix of "12"
	assert_true(nulled(text, 12, {2}).empty());          // no such item
	assert_true(nulled(text, 12, {-1}).empty());
	assert_true(nulled(text, 12, {}).empty());
	assert_true(nulled("12 0 obj\n[ 40 0 R [ 1 ] ]\nendobj\n", 12, {0}).empty());
	assert_true(nulled("12 0 obj\n[ 40 R ]\nendobj\n", 12, {0}).empty());
	assert_true(nulled("12 0 obj\n[ 40 0 R\nendobj\n", 12, {0}).empty());
	assert_true(nulled("12 0 obj\n[ 40 0 R ]\n", 12, {0}).empty());
	assert_true(nulled("12 0 obj\n<< /Nums [ 0 40 0 R ] >>\nendobj\n", 12, {0}).empty());
	assert_true(nulled("12 0 obj\n[ 4", 12, {0}).empty());
	assert_true(nulled("", 12, {0}).empty());
}

} // namespace

int main()
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cairo_array),
		cmocka_unit_test(other_shapes),
	};
	return cmocka_run_group_tests(tests, nullptr, nullptr);
}
