// pdfua.cc - what cairo cannot write into a tagged PDF, added as the file it
// wrote is written again (read with qpdf, only the objects that change
// parsed): structure attributes, artifacts out of the tree, language,
// viewer preferences and XMP metadata. The writing is pdfwrite.cc's.
#include "pdfwrite.hh"

#include "pdfua.h"
#include "svgforms.hh"
extern "C" {
#include "svgpass.h"
}

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

using pdfwrite::Content;
using pdfwrite::Objects;

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

// A value of the parent tree (a page's array: the element of each of its
// MCIDs) and the indirect object that holds it.
typedef std::pair<QPDFObjectHandle, QPDFObjectHandle> Held;

// The parent tree's values by key, as qpdf holds them: not resolved, so
// that the pages' arrays (hundreds of thousands of entries in a real book)
// are not parsed unless they must be.
void parent_values(QPDFObjectHandle node, std::map<int, Held> &out, int depth = 0)
{
	if (!node.isDictionary() || depth > 32)
		return;
	QPDFObjectHandle nums = node.getKey("/Nums");
	if (nums.isArray()) {
		for (int i = 0; i + 1 < nums.getArrayNItems(); i += 2) {
			QPDFObjectHandle key = nums.getArrayItem(i), v = nums.getArrayItem(i + 1);
			if (key.isInteger())
				out[key.getIntValueAsInt()] = {v, v.isIndirect() ? v : node};
		}
	}
	QPDFObjectHandle kids = node.getKey("/Kids");
	if (kids.isArray())
		for (int i = 0; i < kids.getArrayNItems(); i++)
			parent_values(kids.getArrayItem(i), out, depth + 1);
}

// Takes the artifacts' MCIDs out of the parent tree: null, no element. A
// page's array as cairo writes it is changed as text, into replaced, without
// qpdf parsing it; any other is changed through qpdf.
void drop_from_parent_tree(QPDF &q, QPDFObjectHandle tree, const Marks &artifacts,
			   const Objects &objs, const ac_buf *pdf,
			   std::map<int, std::string> &replaced, Changes &changes)
{
	if (artifacts.empty())
		return;
	std::map<int, Held> values;
	parent_values(tree.getKey("/ParentTree"), values);
	std::map<int, std::set<int>> by_key; // the MCIDs to drop, by parent tree key
	for (auto const &a : artifacts) {
		QPDFObjectHandle key = q.getObject(a.first).getKey("/StructParents");
		if (!key.isInteger())
			throw std::runtime_error("an artifact's page has no /StructParents");
		if (!values.count(key.getIntValueAsInt()) || a.second < 0)
			throw std::runtime_error("an artifact's MCID is not in the parent tree");
		by_key[key.getIntValueAsInt()].insert(a.second);
	}
	for (auto const &k : by_key) {
		QPDFObjectHandle v = values[k.first].first;
		size_t i;
		if (v.isIndirect() && v.getGeneration() == 0) {
			if (objs.find(v.getObjectID(), &i)) {
				std::string text = pdfwrite::nulled(pdf->ptr + objs.at[i].first,
								    objs.len(i), v.getObjectID(),
								    k.second);
				if (!text.empty()) {
					replaced[v.getObjectID()] = std::move(text);
					continue;
				}
			}
		}
		if (!v.isArray())
			throw std::runtime_error("an artifact's page has no array in the parent tree");
		for (int mcid : k.second) {
			if (mcid >= v.getArrayNItems())
				throw std::runtime_error("an artifact's MCID is not in the parent tree");
			v.setArrayItem(mcid, QPDFObjectHandle::newNull());
		}
		changes.add(values[k.first].second);
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
	Objects objs = pdfwrite::objects_of(q, pdf);
	std::vector<Content> contents = pdfwrite::contents_of(q, objs, pdf);
	// The pages' contents are marked on a second thread while this one
	// works on the structure tree.
	std::exception_ptr marking;
	std::thread marker([&contents, &marking] {
		try {
			pdfwrite::mark_contents(contents);
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
	drop_from_parent_tree(q, tree, artifacts, objs, pdf, replaced, changes);

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
	if (info->figures) {
		const ac_buf *figures = ac_svgpass_pdf(info->figures);
		if (!figures)
			throw std::runtime_error(ac_svgpass_figure_failed(info->figures)
							 ? "an SVG figure could not be drawn"
							 : "cairo could not draw the SVG figures");
		size_t made = ac_svgpass_stand_ins(info->figures);
		if (made)
			pdfwrite::svg_forms(objs, pdf, figures, made, meta_id + 1, replaced, added);
	}
	marker.join();
	if (marking)
		std::rethrow_exception(marking);
	pdfwrite::finish_contents(contents);
	trailer_text = pdfwrite::trailer_of(q);
	if (q.anyWarnings())
		throw std::runtime_error(std::string("qpdf: ") + q.getWarnings().front().what());
	}
	// qpdf's objects are let go on a second thread (a tenth of a second
	// for a thousand articles) while the file is written.
	std::thread reaper([q = std::move(qp)]() mutable { q.reset(); });
	Joined reaper_joined{reaper};
	pdfwrite::rewrite(objs, pdf, replaced, added, contents, trailer_text, out);
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
