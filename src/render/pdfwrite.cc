// pdfwrite.cc - cairo's PDF written again (see pdfwrite.hh).
#include "pdfwrite.hh"

extern "C" {
#include "pngpass.h"
}
#include "pdfua.h"

#include <qpdf/Buffer.hh>

#include <libdeflate.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>
#include <stdexcept>
#include <string_view>

namespace {

using pdfwrite::Content;
using pdfwrite::Objects;

// Where the file's last cross-reference section starts.
size_t last_startxref(const ac_buf *pdf)
{
	size_t from = pdf->len > 1024 ? pdf->len - 1024 : 0;
	const char *found = nullptr;
	for (const char *s = pdf->ptr + from;
	     (s = (const char *)memmem(s, pdf->ptr + pdf->len - s, "startxref", 9)); s += 9)
		found = s;
	if (!found)
		throw std::runtime_error("cairo's file has no startxref");
	return strtoul(found + 9, nullptr, 10);
}

// Marks the content of the artifacts' elements as /Artifact: each
// "/Private << /MCID n >> BDC" cairo wrote becomes "/Artifact BMC". Returns
// whether there was any.
bool mark_artifacts(std::string &content)
{
	static const char tag[] = "/" AC_PDF_ARTIFACT_TAG " << /MCID ";
	std::string out;
	size_t from = 0, at;
	while ((at = content.find(tag, from)) != std::string::npos) {
		size_t end = content.find("BDC", at);
		if (end == std::string::npos)
			break;
		out.append(content, from, at - from);
		out += "/Artifact BMC";
		from = end + 3;
	}
	if (!from)
		return false;
	out.append(content, from, std::string::npos);
	content.swap(out);
	return true;
}

// The data of stream s, decoded by qpdf (for a page content cairo did not
// write as mark_content expects).
std::string decoded(QPDFObjectHandle s)
{
	std::shared_ptr<Buffer> data = s.getStreamData(qpdf_dl_generalized);
	return std::string(reinterpret_cast<const char *>(data->getBuffer()), data->getSize());
}

// The pages' content streams, by object number.
std::map<int, QPDFObjectHandle> page_contents(QPDF &q)
{
	std::map<int, QPDFObjectHandle> out;
	for (QPDFObjectHandle page : q.getAllPages()) {
		QPDFObjectHandle c = page.getKey("/Contents");
		std::vector<QPDFObjectHandle> streams;
		if (c.isArray())
			streams = c.getArrayAsVector();
		else
			streams.push_back(c);
		for (QPDFObjectHandle &s : streams)
			if (s.isStream() && s.getGeneration() == 0)
				out[s.getObjectID()] = s;
	}
	return out;
}

std::string deflated(struct libdeflate_compressor *z, const std::string &data)
{
	std::string packed(libdeflate_zlib_compress_bound(z, data.size()), '\0');
	size_t n = libdeflate_zlib_compress(z, data.data(), data.size(), &packed[0], packed.size());
	if (!n)
		throw std::runtime_error("cannot deflate");
	packed.resize(n);
	return packed;
}

// The object of a content stream with data (decoded) and its artifacts
// marked, deflated at a fast level; "" when there is no artifact.
std::string content_object(int id, std::string &data, struct libdeflate_compressor *z)
{
	if (!mark_artifacts(data))
		return std::string();
	std::string packed = deflated(z, data);
	return std::to_string(id) + " 0 obj\n<< /Length " + std::to_string(packed.size()) +
	       " /Filter /FlateDecode >>\nstream\n" + packed + "\nendstream\nendobj\n";
}

// Marks c's artifacts from its bytes alone, when cairo wrote it as it does
// ("<< ... /Filter /FlateDecode ... >>\nstream\nDATA\nendstream"): no
// qpdf, so that it can run beside the work on the structure tree. Returns
// whether c was as expected (else it is left for decoded()).
bool mark_content(Content &c, struct libdeflate_compressor *z, struct libdeflate_decompressor *unz)
{
	const char *start = (const char *)memmem(c.text, c.len, ">>\nstream\n", 10);
	if (!start)
		return false;
	std::string dict(c.text, start - c.text);
	if (dict.find("/FlateDecode") == std::string::npos || dict.find("/DecodeParms") != std::string::npos)
		return false;
	const char *data = start + 10, *end = nullptr;
	for (const char *s = data; (s = (const char *)memmem(s, c.text + c.len - s, "endstream", 9)); s += 9)
		end = s;
	if (!end)
		return false;
	std::string out((end - data) * 4 + 4096, '\0');
	for (;;) {
		size_t in = 0, got = 0;
		enum libdeflate_result r = libdeflate_zlib_decompress_ex(unz, data, end - data, &out[0],
									out.size(), &in, &got);
		if (r == LIBDEFLATE_SUCCESS) {
			out.resize(got);
			break;
		}
		if (r != LIBDEFLATE_INSUFFICIENT_SPACE)
			return false;
		out.resize(out.size() * 2);
	}
	c.made = content_object(c.id, out, z);
	c.done = true;
	return true;
}


// The value of an object written "N 0 obj VALUE endobj" (by cairo, or by
// finish() for one it changed), when it can go into an object stream: a
// dictionary or an array, not a stream (anything that mentions "stream" is
// left as it is). The value is a view into p[0, n).
bool packable(const char *p, size_t n, std::string_view &value)
{
	const char *end = p + n;
	const char *obj = (const char *)memmem(p, std::min<size_t>(n, 32), " obj", 4);
	if (!obj)
		return false;
	const char *v = obj + 4;
	while (v < end && isspace((unsigned char)*v))
		v++;
	if (v + 1 >= end || !((v[0] == '<' && v[1] == '<') || v[0] == '['))
		return false;
	// "endobj" is at the end, after white space.
	const char *e = end;
	while (e > v && isspace((unsigned char)e[-1]))
		e--;
	if (e - v < 6 || memcmp(e - 6, "endobj", 6) != 0)
		return false;
	e -= 6;
	if (memmem(v, e - v, "stream", 6))
		return false;
	while (e > v && isspace((unsigned char)e[-1]))
		e--;
	value = std::string_view(v, e - v);
	return true;
}

// Where each object is: in the file at an offset (type 1), or the index-th
// of object stream number stm (type 2); type 0: none.
struct Place {
	int type = 0;
	size_t offset = 0;
	int stm = 0, index = 0;
};

// How many small objects go into one object stream.
const size_t PACK = 200;


// Appends the objects in values as object streams numbered from *next.
void write_object_streams(std::vector<std::pair<int, std::string_view>> const &values, int *next,
			  std::vector<Place> &place, ac_buf *out)
{
	struct libdeflate_compressor *z = libdeflate_alloc_compressor(6);
	if (!z)
		throw std::runtime_error("out of memory");
	try {
		std::string head, body;
		for (size_t from = 0; from < values.size(); from += PACK) {
			size_t to = std::min(values.size(), from + PACK);
			head.clear();
			body.clear();
			int stm = (*next)++;
			for (size_t i = from; i < to; i++) {
				char number[48];
				int k = snprintf(number, sizeof number, "%d %zu ", values[i].first,
						 body.size());
				head.append(number, (size_t)k);
				body += values[i].second;
				body += '\n';
				place[values[i].first] = {2, 0, stm, (int)(i - from)};
			}
			size_t first = head.size();
			head += body;
			std::string packed = deflated(z, head);
			if ((size_t)stm >= place.size())
				place.resize(stm + 1);
			place[stm] = {1, out->len, 0, 0};
			ac_buf_printf(out,
				      "%d 0 obj\n<< /Type /ObjStm /N %zu /First %zu /Length %zu "
				      "/Filter /FlateDecode >>\nstream\n",
				      stm, to - from, first, packed.size());
			ac_buf_add(out, packed.data(), packed.size());
			ac_buf_adds(out, "\nendstream\nendobj\n");
		}
	} catch (...) {
		libdeflate_free_compressor(z);
		throw;
	}
	libdeflate_free_compressor(z);
}

// Appends the cross-reference stream (object number id) that ends the file.
void write_xref_stream(const std::string &trailer, std::vector<Place> &place, int id, ac_buf *out)
{
	size_t at = out->len;
	if (at > 0xffffffffu)
		throw std::runtime_error("the PDF is over 4 GB");
	place.resize(id + 1);
	place[id] = {1, at, 0, 0};
	std::string rows;
	for (const Place &p : place) {
		unsigned long long a = p.type == 1 ? p.offset : p.type == 2 ? (unsigned)p.stm : 0;
		unsigned b = p.type == 2 ? (unsigned)p.index : p.type == 1 ? 0 : 0xffff;
		rows += (char)p.type;
		for (int k = 3; k >= 0; k--)
			rows += (char)((a >> (8 * k)) & 0xff);
		rows += (char)((b >> 8) & 0xff);
		rows += (char)(b & 0xff);
	}
	struct libdeflate_compressor *z = libdeflate_alloc_compressor(6);
	if (!z)
		throw std::runtime_error("out of memory");
	std::string packed;
	try {
		packed = deflated(z, rows);
	} catch (...) {
		libdeflate_free_compressor(z);
		throw;
	}
	libdeflate_free_compressor(z);
	std::string dict = trailer;
	size_t close = dict.rfind(">>");
	if (close == std::string::npos)
		throw std::runtime_error("cairo's trailer is not a dictionary");
	dict.insert(close, "/Size " + std::to_string(place.size()) +
			       " /Type /XRef /W [ 1 4 2 ] /Filter /FlateDecode /Length " +
			       std::to_string(packed.size()) + " ");
	ac_buf_printf(out, "%d 0 obj\n%s\nstream\n", id, dict.c_str());
	ac_buf_add(out, packed.data(), packed.size());
	ac_buf_printf(out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", at);
}

} // namespace

namespace pdfwrite {

// Marks the artifacts of every content in cs that mark_content can take.
void mark_contents(std::vector<Content> &cs)
{
	struct libdeflate_compressor *z = libdeflate_alloc_compressor(1);
	struct libdeflate_decompressor *unz = libdeflate_alloc_decompressor();
	try {
		if (!z || !unz)
			throw std::runtime_error("out of memory");
		for (Content &c : cs)
			mark_content(c, z, unz);
	} catch (...) {
		libdeflate_free_compressor(z);
		libdeflate_free_decompressor(unz);
		throw;
	}
	libdeflate_free_compressor(z);
	libdeflate_free_decompressor(unz);
}

Objects objects_of(QPDF &q, const ac_buf *pdf)
{
	Objects o;
	for (auto const &e : q.getXRefTable())
		if (e.second.getType() == 1 && e.first.getGen() == 0)
			o.at.emplace_back((size_t)e.second.getOffset(), e.first.getObj());
	if (o.at.empty())
		throw std::runtime_error("cairo's file has no objects");
	std::sort(o.at.begin(), o.at.end());
	o.xref = last_startxref(pdf);
	if (o.xref > pdf->len || o.at.back().first >= o.xref)
		throw std::runtime_error("cairo's cross-reference table is not after its objects");
	o.index();
	return o;
}

void Objects::index()
{
	by_number.clear();
	sorted.clear();
	int top = 0;
	for (auto const &a : at)
		top = std::max(top, a.second);
	if (top >= 0 && (size_t)top <= 2 * at.size() + 16) {
		by_number.resize((size_t)top + 1);
		for (size_t i = 0; i < at.size(); i++)
			if (at[i].second >= 0)
				by_number[(size_t)at[i].second] = i + 1;
	} else {
		for (size_t i = 0; i < at.size(); i++)
			sorted.emplace_back(at[i].second, i);
		std::sort(sorted.begin(), sorted.end());
	}
}

bool Objects::find(int id, size_t *i) const
{
	if (id < 0)
		return false;
	if (!by_number.empty()) {
		if ((size_t)id >= by_number.size() || !by_number[(size_t)id])
			return false;
		*i = by_number[(size_t)id] - 1;
		return true;
	}
	auto it = std::lower_bound(sorted.begin(), sorted.end(), std::make_pair(id, (size_t)0));
	if (it == sorted.end() || it->first != id)
		return false;
	*i = it->second;
	return true;
}

// Writes the file again into out: cairo's objects in their order, but for
// those replaced; its dictionaries and arrays (structure elements,
// annotations, names: a third of a tagged file, as plain text) packed into
// compressed object streams after them, with a cross-reference stream;
// streams copied as they are, but for the pages' content (artifacts marked,
// in contents) and the PNG pictures cairo carried as fax images
// (pngpass.h). trailer: cairo's, without /Size, /Prev and /XRefStm.
void rewrite(const Objects &objs, const ac_buf *pdf, std::map<int, std::string> &replaced,
	     std::vector<std::pair<int, std::string>> const &added,
	     std::vector<Content> const &contents, const std::string &trailer, ac_buf *out)
{
	std::map<int, const Content *> content;
	for (const Content &c : contents)
		content[c.id] = &c;
	int size = 0;
	for (auto const &a : objs.at)
		size = std::max(size, a.second + 1);
	for (auto const &a : added)
		size = std::max(size, a.first + 1);
	std::vector<Place> place(size);
	int next = size; // the number of the next object made here
	std::vector<std::pair<int, std::string_view>> values; // to pack: views of the texts
	std::map<int, std::string> lengths;              // of PNG images made again
	ac_buf_reserve(out, pdf->len);
	ac_buf_add(out, pdf->ptr, objs.at[0].first);
	for (size_t i = 0; i < objs.at.size(); i++) {
		int id = objs.at[i].second;
		const char *text = pdf->ptr + objs.at[i].first;
		size_t len = objs.len(i);
		auto r = replaced.find(id);
		if (r != replaced.end()) {
			text = r->second.data();
			len = r->second.size();
		}
		auto l = lengths.find(id);
		if (l != lengths.end()) {
			text = l->second.data();
			len = l->second.size();
		}
		auto c = content.find(id);
		if (c != content.end() && r == replaced.end() && !c->second->made.empty()) {
			text = c->second->made.data();
			len = c->second->made.size();
		}
		std::string_view value;
		if (packable(text, len, value)) {
			values.emplace_back(id, value);
			continue;
		}
		place[id] = {1, out->len, 0, 0};
		ac_pngpass_made made;
		if (ac_pngpass_object(text, len, next, out, &made)) {
			// A PNG carried through cairo (pngpass.h): its length
			// object, written after it, changes too; its soft mask is
			// a new object.
			lengths[made.length_id] = std::to_string(made.length_id) + " 0 obj\n   " +
						  std::to_string(made.length) + "\nendobj\n";
			if (made.mask_at) {
				place.push_back({1, made.mask_at, 0, 0});
				next++;
			}
		} else {
			ac_buf_add(out, text, len);
		}
	}
	for (auto const &a : added) {
		place[a.first] = {1, out->len, 0, 0};
		ac_buf_add(out, a.second.data(), a.second.size());
	}
	write_object_streams(values, &next, place, out);
	write_xref_stream(trailer, place, next, out);
}

std::vector<Content> contents_of(QPDF &q, const Objects &objs, const ac_buf *pdf)
{
	std::vector<Content> out;
	for (auto const &h : page_contents(q)) {
		size_t i;
		if (objs.find(h.first, &i))
			out.push_back({h.first, pdf->ptr + objs.at[i].first, objs.len(i), h.second,
				       false, std::string()});
	}
	return out;
}

void finish_contents(std::vector<Content> &cs)
{
	struct libdeflate_compressor *z = libdeflate_alloc_compressor(1);
	if (!z)
		throw std::runtime_error("out of memory");
	try {
		for (Content &c : cs) {
			if (!c.done) {
				std::string data = decoded(c.stream);
				c.made = content_object(c.id, data, z);
				c.done = true;
			}
			c.stream = QPDFObjectHandle();
		}
	} catch (...) {
		libdeflate_free_compressor(z);
		throw;
	}
	libdeflate_free_compressor(z);
}

std::string nulled(const char *text, size_t len, int id, const std::set<int> &nulls)
{
	const char *p = text, *end = text + len;
	std::string head = std::to_string(id) + " 0 obj";
	if (len < head.size() || memcmp(p, head.data(), head.size()) != 0)
		return std::string();
	p += head.size();
	// Tokens are parted by white space: "N G R" or "null", then "]".
	auto blank = [&] {
		const char *from = p;
		while (p < end && isspace((unsigned char)*p))
			p++;
		return p > from;
	};
	auto number = [&](long *v) {
		*v = 0;
		const char *from = p;
		while (p < end && isdigit((unsigned char)*p) && *v <= 0x7fffffff)
			*v = *v * 10 + (*p++ - '0');
		return p > from && *v <= 0x7fffffff;
	};
	if (!blank() || p == end || *p++ != '[')
		return std::string();
	std::vector<std::string> items; // as qpdf writes them
	for (;;) {
		if (!blank() || p == end)
			return std::string();
		if (*p == ']')
			break;
		long n, g;
		if (end - p >= 4 && !memcmp(p, "null", 4)) {
			p += 4;
			items.emplace_back("null");
		} else if (number(&n) && blank() && number(&g) && blank() && p < end && *p++ == 'R') {
			items.push_back(std::to_string(n) + " " + std::to_string(g) + " R");
		} else {
			return std::string();
		}
	}
	p++;
	if (!blank() || end - p < 6 || memcmp(p, "endobj", 6) != 0)
		return std::string();
	if (nulls.empty() || *nulls.rbegin() >= (int)items.size() || *nulls.begin() < 0)
		return std::string();
	// Written as qpdf would unparse it.
	std::string out = head + "\n[ ";
	out.reserve(len + 4 * nulls.size());
	for (size_t i = 0; i < items.size(); i++) {
		out += nulls.count((int)i) ? "null" : items[i];
		out += " ";
	}
	out += "]\nendobj\n";
	return out;
}

std::string trailer_of(QPDF &q)
{
	QPDFObjectHandle t = q.getTrailer().shallowCopy();
	t.removeKey("/Size");
	t.removeKey("/Prev");
	t.removeKey("/XRefStm");
	return t.unparseResolved();
}

} // namespace pdfwrite
