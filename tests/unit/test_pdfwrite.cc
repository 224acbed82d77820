// test_pdfwrite.cc - unit tests for the final pass's work on cairo's text:
// a page's array of the parent tree with some of its items made null.
#include "render/pdfwrite.hh"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

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
	// Tokens not parted by white space, as qpdf would read them otherwise.
	assert_true(nulled("12 0 obj\n[ nullnull ]\nendobj\n", 12, {0}).empty());
	assert_true(nulled("12 0 obj\n[ 40 0R ]\nendobj\n", 12, {0}).empty());
	assert_true(nulled("12 0 obj\n[ 40 0 R41 0 R ]\nendobj\n", 12, {0}).empty());
	assert_true(nulled("12 0 obj[ 40 0 R ]\nendobj\n", 12, {0}).empty());
	assert_true(nulled("12 0 obj\n[ 99999999999 0 R ]\nendobj\n", 12, {0}).empty());
}

// What the final pass wrote before, through qpdf: the array parsed, its
// items made null, unparsed. The text path must give the same bytes.
std::string by_qpdf(const std::string &array, int id, std::set<int> const &nulls)
{
	QPDF q;
	q.emptyPDF();
	QPDFObjectHandle a = QPDFObjectHandle::parse(&q, array);
	for (int i : nulls)
		a.setArrayItem(i, QPDFObjectHandle::newNull());
	return std::to_string(id) + " 0 obj\n" + a.unparseResolved() + "\nendobj\n";
}

void as_qpdf_writes(void **)
{
	const char *arrays[] = {
		"[\n  40 0 R\n  41 0 R\n  42 0 R\n  7 0 R\n]",
		"[ 40 0 R null 42 0 R ]",
		"[\n  040 0 R\n\t41  0  R\n  12 3 R\n]",
		"[ 1 0 R ]",
	};
	for (const char *a : arrays) {
		std::set<int> nulls = {0};
		std::string text = std::string("12 0 obj\n") + a + "\nendobj\n";
		std::string mine = nulled(text, 12, nulls);
		assert_false(mine.empty());
		assert_string_equal(mine.c_str(), by_qpdf(a, 12, nulls).c_str());
	}
}

// cairo's objects found by number: numbered one after the other, or not.
void objects_found(void **)
{
	for (int far : {0, 1}) {
		pdfwrite::Objects o;
		o.at = {{9, 3}, {20, 1}, {35, far ? 1000000 : 4}, {50, 2}};
		o.xref = 60;
		o.index();
		assert_int_equal(o.by_number.empty(), far);
		size_t i = 99;
		assert_true(o.find(3, &i));
		assert_int_equal(i, 0);
		assert_true(o.find(2, &i));
		assert_int_equal(i, 3);
		assert_true(o.find(far ? 1000000 : 4, &i));
		assert_int_equal(i, 2);
		assert_int_equal(o.len(2), 15);
		assert_false(o.find(5, &i));
		assert_false(o.find(0, &i));
		assert_false(o.find(-1, &i));
		assert_false(o.find(far ? 4 : 1000000, &i));
	}
}

} // namespace

int main()
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cairo_array),
		cmocka_unit_test(other_shapes),
		cmocka_unit_test(as_qpdf_writes),
		cmocka_unit_test(objects_found),
	};
	return cmocka_run_group_tests(tests, nullptr, nullptr);
}
