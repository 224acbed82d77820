// pdfua.cc - what cairo cannot write into a tagged PDF, added as the file it
// wrote is written again (read with qpdf, only the objects that change
// parsed): structure attributes, artifacts out of the tree, language,
// viewer preferences and XMP metadata; small objects into object streams.
extern "C" {
#include "../base/buf.h"
#include "pngpass.h"
}
#include "pdfua.h"

// qpdf 11: its std::shared_ptr interfaces only, no PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <libdeflate.h>
#include <libxml/entities.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <exception>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

// The indirect objects changed, to be written in place of cairo's.
struct Changes {
	std::vector<QPDFObjectHandle> objects;
	std::set<QPDFObjGen> seen;

	void add(QPDFObjectHandle o)
	{
		if (o.isIndirect() && seen.insert(o.getObjGen()).second)
			objects.push_back(o);
	}
};

typedef std::vector<std::pair<QPDFObjGen, int>> Marks; // (page, MCID)

// Notes the marked content of an artifact's element: MCIDs on page pg, or
// marked-content references naming their page.
void marked_content(QPDFObjectHandle pg, QPDFObjectHandle k, Marks &out)
{
	if (k.isArray()) {
		for (int i = 0; i < k.getArrayNItems(); i++)
			marked_content(pg, k.getArrayItem(i), out);
	} else if (k.isInteger() && pg.isIndirect()) {
		out.emplace_back(pg.getObjGen(), k.getIntValueAsInt());
	} else if (k.isDictionary() && k.getKey("/MCID").isInteger()) {
		QPDFObjectHandle on = k.hasKey("/Pg") ? k.getKey("/Pg") : pg;
		if (on.isIndirect())
			out.emplace_back(on.getObjGen(), k.getKey("/MCID").getIntValueAsInt());
	}
}

// Gives element e the attributes the device recorded for it: a figure's
// alternative text, a header cell's scope.
void set_attributes(QPDFObjectHandle e, const ac_pdf_elem &want, Changes &changes)
{
	if (want.alt && *want.alt) {
		e.replaceKey("/Alt", QPDFObjectHandle::newUnicodeString(want.alt));
		changes.add(e);
	}
	if (want.scope) {
		QPDFObjectHandle a = QPDFObjectHandle::newDictionary();
		a.replaceKey("/O", QPDFObjectHandle::newName("/Table"));
		a.replaceKey("/Scope", QPDFObjectHandle::newName(want.scope == 'R' ? "/Row" : "/Column"));
		e.replaceKey("/A", a);
		changes.add(e);
	}
}

bool needed(const ac_pdf_elem &e)
{
	return (e.alt && *e.alt) || e.scope || !strcmp(e.type, AC_PDF_ARTIFACT_TAG);
}

// Finds the elements the pass changes without reading the others (a
// thousand-article book has a hundred thousand): each is reached from the
// root through its parents, as the rank-th element in its parent's /K.
// Each one reached is checked (its /S, its /P); any surprise returns false
// before anything is changed, and the whole tree is walked instead.
struct Finder {
	QPDFObjectHandle tree;
	const ac_pdf_elem *elems;
	std::vector<QPDFObjectHandle> found;
	std::map<int, std::vector<QPDFObjectHandle>> kids; // by parent (-1: the root)

	struct Surprise {};

	Finder(QPDFObjectHandle t, const ac_pdf_elem *e, size_t n) : tree(t), elems(e), found(n) {}

	QPDFObjectHandle holder(int i) { return i < 0 ? tree : get((size_t)i); }

	std::vector<QPDFObjectHandle> &kids_of(int parent)
	{
		auto it = kids.find(parent);
		if (it != kids.end())
			return it->second;
		std::vector<QPDFObjectHandle> v;
		QPDFObjectHandle k = holder(parent).getKey("/K");
		if (k.isArray()) {
			for (QPDFObjectHandle &o : k.getArrayAsVector())
				if (o.isIndirect())
					v.push_back(o);
		} else if (k.isIndirect()) {
			v.push_back(k);
		}
		return kids[parent] = std::move(v);
	}

	QPDFObjectHandle get(size_t i)
	{
		if (found[i].isInitialized())
			return found[i];
		const ac_pdf_elem &want = elems[i];
		std::vector<QPDFObjectHandle> &v = kids_of(want.parent);
		if (want.rank < 0 || (size_t)want.rank >= v.size())
			throw Surprise();
		QPDFObjectHandle e = v[(size_t)want.rank];
		QPDFObjectHandle s = e.getKey("/S");
		if (!s.isName() || s.getName() != std::string("/") + want.type)
			throw Surprise();
		if (want.parent >= 0 && e.getKey("/P").getObjGen() != get((size_t)want.parent).getObjGen())
			throw Surprise();
		return found[i] = e;
	}
};

bool find_fast(QPDFObjectHandle tree, const ac_pdf_elem *elems, size_t n, Changes &changes,
	       Marks &artifacts)
{
	Finder f(tree, elems, n);
	try {
		for (size_t i = 0; i < n; i++)
			if (needed(elems[i]))
				f.get(i);
	} catch (Finder::Surprise &) {
		return false;
	}
	std::map<int, std::set<QPDFObjGen>> drop; // by parent
	for (size_t i = 0; i < n; i++) {
		if (!needed(elems[i]))
			continue;
		if (!strcmp(elems[i].type, AC_PDF_ARTIFACT_TAG)) {
			marked_content(f.found[i].getKey("/Pg"), f.found[i].getKey("/K"), artifacts);
			drop[elems[i].parent].insert(f.found[i].getObjGen());
		} else {
			set_attributes(f.found[i], elems[i], changes);
		}
	}
	for (auto const &d : drop) {
		QPDFObjectHandle holder = f.holder(d.first), k = holder.getKey("/K");
		if (!k.isArray()) {
			holder.replaceKey("/K", QPDFObjectHandle::newArray());
			changes.add(holder);
			continue;
		}
		std::vector<QPDFObjectHandle> kept;
		for (QPDFObjectHandle &o : k.getArrayAsVector())
			if (!o.isIndirect() || !d.second.count(o.getObjGen()))
				kept.push_back(o);
		k.setArrayFromVector(kept);
		changes.add(k.isIndirect() ? k : holder);
	}
	return true;
}

// Walks the structure tree in document order, giving each element the
// attributes the device recorded for it in the same order, and takes the
// elements that hold artifacts (see pdf.c, begin_artifact) out of it: out
// of their parent's /K and out of the parent tree, so that their marked
// content, made /Artifact, belongs to no element.
struct Walk {
	const ac_pdf_elem *elems;
	size_t n, next = 0;
	Changes &changes;
	Marks artifacts;
	std::string error;

	Walk(const ac_pdf_elem *e, size_t count, Changes &c) : elems(e), n(count), changes(c) {}

	// The kids in k (the /K of holder, or of the tree's root).
	void kids(QPDFObjectHandle holder, QPDFObjectHandle k)
	{
		if (k.isArray()) {
			std::vector<QPDFObjectHandle> all = k.getArrayAsVector(), kept;
			for (QPDFObjectHandle &o : all)
				if (!kid(o))
					kept.push_back(o);
			if (kept.size() != all.size()) {
				k.setArrayFromVector(kept);
				changes.add(k.isIndirect() ? k : holder);
			}
		} else if (kid(k)) {
			holder.replaceKey("/K", QPDFObjectHandle::newArray());
			changes.add(holder);
		}
	}

	// Returns whether k is an artifact, to be dropped from its parent.
	bool kid(QPDFObjectHandle k)
	{
		if (!k.isDictionary() || !k.hasKey("/S"))
			return false; // a marked-content or object reference, or an MCID
		QPDFObjectHandle s = k.getKey("/S");
		if (s.isName() && s.getName() == "/Link") {
			kids(k, k.getKey("/K")); // cairo's own, not among the device's
			return false;
		}
		return element(k);
	}

	bool element(QPDFObjectHandle e)
	{
		if (!error.empty())
			return false;
		if (next >= n) {
			error = "the structure tree has more elements than were tagged";
			return false;
		}
		const ac_pdf_elem &want = elems[next++];
		QPDFObjectHandle s = e.getKey("/S");
		if (!s.isName() || s.getName() != std::string("/") + want.type) {
			error = std::string("structure element ") + std::to_string(next) + " is " +
				(s.isName() ? s.getName() : "unnamed") + ", not /" + want.type;
			return false;
		}
		if (!strcmp(want.type, AC_PDF_ARTIFACT_TAG)) {
			marked_content(e.getKey("/Pg"), e.getKey("/K"), artifacts);
			return true;
		}
		set_attributes(e, want, changes);
		kids(e, e.getKey("/K"));
		return false;
	}
};

// A parent tree array (one per page: the element of each MCID) and the
// indirect object that holds it.
typedef std::pair<QPDFObjectHandle, QPDFObjectHandle> HeldArray;

// The parent tree's arrays, by key.
void parent_arrays(QPDFObjectHandle node, std::map<int, HeldArray> &out, int depth = 0)
{
	if (!node.isDictionary() || depth > 32)
		return;
	QPDFObjectHandle nums = node.getKey("/Nums");
	if (nums.isArray()) {
		for (int i = 0; i + 1 < nums.getArrayNItems(); i += 2) {
			QPDFObjectHandle key = nums.getArrayItem(i), v = nums.getArrayItem(i + 1);
			if (key.isInteger() && v.isArray())
				out[key.getIntValueAsInt()] = {v, v.isIndirect() ? v : node};
		}
	}
	QPDFObjectHandle kids = node.getKey("/Kids");
	if (kids.isArray())
		for (int i = 0; i < kids.getArrayNItems(); i++)
			parent_arrays(kids.getArrayItem(i), out, depth + 1);
}

// Takes the artifacts' MCIDs out of the parent tree: null, no element.
void drop_from_parent_tree(QPDF &q, QPDFObjectHandle tree, const Marks &artifacts,
			   Changes &changes)
{
	if (artifacts.empty())
		return;
	std::map<int, HeldArray> arrays;
	parent_arrays(tree.getKey("/ParentTree"), arrays);
	for (auto const &a : artifacts) {
		QPDFObjectHandle key = q.getObject(a.first).getKey("/StructParents");
		if (!key.isInteger())
			throw std::runtime_error("an artifact's page has no /StructParents");
		auto found = arrays.find(key.getIntValueAsInt());
		if (found == arrays.end() || a.second < 0 ||
		    a.second >= found->second.first.getArrayNItems())
			throw std::runtime_error("an artifact's MCID is not in the parent tree");
		found->second.first.setArrayItem(a.second, QPDFObjectHandle::newNull());
		changes.add(found->second.second);
	}
}

// s with XML's special characters as entities (libxml2's escaping).
std::string xml_escaped(const char *s)
{
	if (!s)
		return "";
	xmlChar *e = xmlEncodeSpecialChars(nullptr, reinterpret_cast<const xmlChar *>(s));
	if (!e)
		throw std::runtime_error("out of memory");
	std::string out(reinterpret_cast<const char *>(e));
	xmlFree(e);
	return out;
}

std::string xmp(const ac_pdfua_info *info, const std::string &producer)
{
	time_t t = (time_t)info->epoch;
	struct tm tm;
	gmtime_r(&t, &tm);
	char date[32];
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	std::string x =
	    "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	    "<pdfuaid:part>1</pdfuaid:part>\n";
	x += "<dc:format>application/pdf</dc:format>\n";
	x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escaped(info->title) +
	     "</rdf:li></rdf:Alt></dc:title>\n";
	if (info->author)
		x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escaped(info->author) +
		     "</rdf:li></rdf:Seq></dc:creator>\n";
	if (info->subject)
		x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
		     xml_escaped(info->subject) + "</rdf:li></rdf:Alt></dc:description>\n";
	x += "<dc:language><rdf:Bag><rdf:li>" + xml_escaped(info->lang) +
	     "</rdf:li></rdf:Bag></dc:language>\n";
	if (info->keywords)
		x += "<pdf:Keywords>" + xml_escaped(info->keywords) + "</pdf:Keywords>\n";
	if (!producer.empty())
		x += "<pdf:Producer>" + xml_escaped(producer.c_str()) + "</pdf:Producer>\n";
	if (info->creator)
		x += "<xmp:CreatorTool>" + xml_escaped(info->creator) + "</xmp:CreatorTool>\n";
	x += std::string("<xmp:CreateDate>") + date + "</xmp:CreateDate>\n";
	x += std::string("<xmp:ModifyDate>") + date + "</xmp:ModifyDate>\n";
	x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n";
	return x;
}

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

// A page's content stream, as cairo wrote it, and as it is written again.
struct Content {
	int id;
	const char *text; // "N 0 obj ... endobj" in cairo's file
	size_t len;
	bool done = false; // made is final: the object again, or "" to copy it
	std::string made;
};

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

// The value of an object written "N 0 obj VALUE endobj" (by cairo, or by
// finish() for one it changed), when it can go into an object stream: a
// dictionary or an array, not a stream (anything that mentions "stream" is
// left as it is).
bool packable(const char *p, size_t n, std::string &value)
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
	const char *e = nullptr;
	for (const char *s = v; (s = (const char *)memmem(s, end - s, "endobj", 6)); s += 6)
		e = s;
	if (!e || memmem(v, e - v, "stream", 6))
		return false;
	while (e > v && isspace((unsigned char)e[-1]))
		e--;
	value.assign(v, e - v);
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
void write_object_streams(std::vector<std::pair<int, std::string>> const &values, int *next,
			  std::vector<Place> &place, ac_buf *out)
{
	struct libdeflate_compressor *z = libdeflate_alloc_compressor(6);
	if (!z)
		throw std::runtime_error("out of memory");
	try {
		for (size_t from = 0; from < values.size(); from += PACK) {
			size_t to = std::min(values.size(), from + PACK);
			std::string head, body;
			int stm = (*next)++;
			for (size_t i = from; i < to; i++) {
				head += std::to_string(values[i].first) + " " +
					std::to_string(body.size()) + " ";
				body += values[i].second + "\n";
				place[values[i].first] = {2, 0, stm, (int)(i - from)};
			}
			std::string packed = deflated(z, head + body);
			if ((size_t)stm >= place.size())
				place.resize(stm + 1);
			place[stm] = {1, out->len, 0, 0};
			ac_buf_printf(out,
				      "%d 0 obj\n<< /Type /ObjStm /N %zu /First %zu /Length %zu "
				      "/Filter /FlateDecode >>\nstream\n",
				      stm, to - from, head.size(), packed.size());
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

// cairo's objects in its file's order (offset, number), and where its
// cross-reference table starts, after them.
struct Objects {
	std::vector<std::pair<size_t, int>> at;
	size_t xref = 0;

	size_t len(size_t i) const
	{
		return (i + 1 < at.size() ? at[i + 1].first : xref) - at[i].first;
	}
};

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
	return o;
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
	std::vector<std::pair<int, std::string>> values; // to pack
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
		std::string value;
		if (packable(text, len, value)) {
			values.emplace_back(id, std::move(value));
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

// Joins a thread when the scope ends, however it ends.
struct Joined {
	std::thread &t;
	~Joined()
	{
		if (t.joinable())
			t.join();
	}
};

void finish(const ac_buf *pdf, const ac_pdfua_info *info, const ac_pdf_elem *elems, size_t n,
	    ac_buf *out)
{
	auto qp = std::make_unique<QPDF>();
	QPDF &q = *qp;
	q.setSuppressWarnings(true);
	q.processMemoryFile("handbook.pdf", pdf->ptr, pdf->len);
	Objects objs = objects_of(q, pdf);
	std::map<int, size_t> index;
	for (size_t i = 0; i < objs.at.size(); i++)
		index[objs.at[i].second] = i;
	std::map<int, QPDFObjectHandle> handles = page_contents(q);
	std::vector<Content> contents;
	for (auto const &h : handles) {
		auto i = index.find(h.first);
		if (i != index.end())
			contents.push_back({h.first, pdf->ptr + objs.at[i->second].first,
					    objs.len(i->second), false, std::string()});
	}
	// The pages' contents are marked on a second thread while this one
	// works on the structure tree.
	std::exception_ptr marking;
	std::thread marker([&contents, &marking] {
		try {
			mark_contents(contents);
		} catch (...) {
			marking = std::current_exception();
		}
	});
	Joined marker_joined{marker};
	std::map<int, std::string> replaced;
	std::vector<std::pair<int, std::string>> added;
	std::string trailer_text;
	{ // every handle into q goes at the end of this block
	Changes changes;
	QPDFObjectHandle root = q.getRoot();
	QPDFObjectHandle tree = root.getKey("/StructTreeRoot");
	if (!tree.isDictionary())
		throw std::runtime_error("cairo wrote no structure tree");
	Marks artifacts;
	if (!find_fast(tree, elems, n, changes, artifacts)) {
		Walk w(elems, n, changes);
		w.kids(tree, tree.getKey("/K"));
		if (w.error.empty() && w.next != n)
			w.error = "the structure tree has " + std::to_string(w.next) +
				  " elements, not " + std::to_string(n);
		if (!w.error.empty())
			throw std::runtime_error(w.error);
		artifacts.swap(w.artifacts);
	}
	drop_from_parent_tree(q, tree, artifacts, changes);

	root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(info->lang));
	QPDFObjectHandle mark = QPDFObjectHandle::newDictionary();
	mark.replaceKey("/Marked", QPDFObjectHandle::newBool(true));
	root.replaceKey("/MarkInfo", mark);
	QPDFObjectHandle prefs = QPDFObjectHandle::newDictionary();
	prefs.replaceKey("/DisplayDocTitle", QPDFObjectHandle::newBool(true));
	root.replaceKey("/ViewerPreferences", prefs);
	std::string producer;
	QPDFObjectHandle docinfo = q.getTrailer().getKey("/Info");
	if (docinfo.isDictionary() && docinfo.getKey("/Producer").isString())
		producer = docinfo.getKey("/Producer").getUTF8Value();
	std::string xml = xmp(info, producer);
	// The metadata stream takes the next object number (qpdf would count
	// every object of the file, parsing them all, to give it one).
	QPDFObjectHandle trailer = q.getTrailer();
	if (!trailer.getKey("/Size").isInteger())
		throw std::runtime_error("cairo's trailer has no /Size");
	int meta_id = trailer.getKey("/Size").getIntValueAsInt();
	root.removeKey("/Metadata");
	std::string catalog = root.unparseResolved();
	size_t close = catalog.rfind(">>");
	if (close == std::string::npos)
		throw std::runtime_error("the catalog is not a dictionary");
	catalog.insert(close, "/Metadata " + std::to_string(meta_id) + " 0 R ");

	for (QPDFObjectHandle &o : changes.objects) {
		if (o.getGeneration() != 0 || o.isStream())
			throw std::runtime_error("a changed object is a stream or has a generation");
		replaced[o.getObjectID()] = std::to_string(o.getObjectID()) + " 0 obj\n" +
					    o.unparseResolved() + "\nendobj\n";
	}
	if (!root.isIndirect() || root.getGeneration() != 0)
		throw std::runtime_error("the catalog is not an object of its own");
	replaced[root.getObjectID()] =
	    std::to_string(root.getObjectID()) + " 0 obj\n" + catalog + "\nendobj\n";
	char head[96];
	snprintf(head, sizeof head, "%d 0 obj\n<< /Type /Metadata /Subtype /XML /Length %zu >>\nstream\n",
		 meta_id, xml.size());
	added.emplace_back(meta_id, head + xml + "\nendstream\nendobj\n");
	marker.join();
	if (marking)
		std::rethrow_exception(marking);
	for (Content &c : contents)
		if (!c.done) {
			std::string data = decoded(handles[c.id]);
			struct libdeflate_compressor *z = libdeflate_alloc_compressor(1);
			if (!z)
				throw std::runtime_error("out of memory");
			c.made = content_object(c.id, data, z);
			libdeflate_free_compressor(z);
		}
	handles.clear();
	QPDFObjectHandle t = q.getTrailer().shallowCopy();
	t.removeKey("/Size");
	t.removeKey("/Prev");
	t.removeKey("/XRefStm");
	trailer_text = t.unparseResolved();
	if (q.anyWarnings())
		throw std::runtime_error(std::string("qpdf: ") + q.getWarnings().front().what());
	}
	// qpdf's objects are let go on a second thread (a tenth of a second
	// for a thousand articles) while the file is written.
	std::thread reaper([q = std::move(qp)]() mutable { q.reset(); });
	Joined reaper_joined{reaper};
	rewrite(objs, pdf, replaced, added, contents, trailer_text, out);
}

} // namespace

extern "C" int ac_pdfua_finish(ac_buf *pdf, const ac_pdfua_info *info, const ac_pdf_elem *elems,
			       size_t n, ac_buf *err)
{
	ac_buf out = AC_BUF_INIT;
	try {
		finish(pdf, info, elems, n, &out);
	} catch (std::exception &e) {
		ac_buf_free(&out);
		ac_buf_adds(err, e.what());
		return -1;
	}
	ac_buf_free(pdf);
	*pdf = out;
	return 0;
}
