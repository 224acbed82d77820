// pdfwrite.hh - cairo's PDF written again by the PDF/UA pass (pdfua.cc):
// its objects in their order, the changed ones replaced, the pages'
// contents with their artifacts marked, the PNGs cairo carried made again
// (pngpass.h), small objects packed into object streams, a cross-reference
// stream at the end.
#ifndef AC_PDFWRITE_HH
#define AC_PDFWRITE_HH

extern "C" {
#include "../base/buf.h"
}

// qpdf 11: its std::shared_ptr interfaces only, no PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace pdfwrite {

// cairo's objects in its file's order (offset, number), and where its
// cross-reference table starts, after them.
struct Objects {
	std::vector<std::pair<size_t, int>> at;
	size_t xref = 0;
	// Where each object is in at: by number (index + 1, 0: none), as cairo
	// numbers them one after the other; else (numbers far apart) a list
	// of (number, index) sorted by number.
	std::vector<size_t> by_number;
	std::vector<std::pair<int, size_t>> sorted;

	size_t len(size_t i) const
	{
		return (i + 1 < at.size() ? at[i + 1].first : xref) - at[i].first;
	}

	// Makes by_number or sorted from at.
	void index();

	// Where in at object number id is; false when it is not there.
	bool find(int id, size_t *i) const;
};

Objects objects_of(QPDF &q, const ac_buf *pdf);

// A page's content stream, as cairo wrote it, and as it is written again.
struct Content {
	int id;
	const char *text; // "N 0 obj ... endobj" in cairo's file
	size_t len;
	QPDFObjectHandle stream; // for finish_contents
	bool done = false;       // made is final: the object again, or "" to copy it
	std::string made;
};

// The pages' content streams of the file q read.
std::vector<Content> contents_of(QPDF &q, const Objects &objs, const ac_buf *pdf);

// Marks the artifacts of every content in cs that cairo wrote as expected,
// from the file's bytes alone (no qpdf: it may run on another thread than
// the one using q).
void mark_contents(std::vector<Content> &cs);

// Marks the rest (decoded by qpdf) and lets go of the contents' handles.
void finish_contents(std::vector<Content> &cs);

// The array object text[0, len) as cairo writes a page's array of the
// parent tree ("N 0 obj\n[\n  a 0 R\n ...]\nendobj", N being id), with its
// items at the indexes in nulls made null, written as qpdf would unparse it
// ("N 0 obj\n[ a 0 R null ... ]\nendobj\n"); "" when it does not read so,
// or an index is not in it.
std::string nulled(const char *text, size_t len, int id, const std::set<int> &nulls);

// cairo's trailer without /Size, /Prev and /XRefStm.
std::string trailer_of(QPDF &q);

// Writes the file again into out: cairo's objects in their order, but for
// those replaced (by number: "N 0 obj ... endobj"); its dictionaries and
// arrays (structure elements, annotations, names: a third of a tagged
// file, as plain text) packed into compressed object streams after them,
// then the objects added, and a cross-reference stream; streams copied as
// they are, but for the pages' contents (as marked) and the PNG pictures
// cairo carried as fax images (pngpass.h).
void rewrite(const Objects &objs, const ac_buf *pdf, std::map<int, std::string> &replaced,
	     std::vector<std::pair<int, std::string>> const &added,
	     std::vector<Content> const &contents, const std::string &trailer, ac_buf *out);

} // namespace pdfwrite

#endif
