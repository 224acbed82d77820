// pdfua.cc - the PDF/UA pass over the file cairo wrote: structure attributes,
// artifacts, language, viewer preferences and XMP metadata (with qpdf).
extern "C" {
#include "../base/buf.h"
}
#include "pdfua.h"

// qpdf 11: its std::shared_ptr interfaces only, no PointerHolder.
#define POINTERHOLDER_TRANSITION 4

#include <qpdf/Buffer.hh>
#include <qpdf/Pipeline.hh>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <cstring>
#include <ctime>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

typedef QPDFTokenizer::Token Token;

// Marks what a page draws outside every marked-content sequence as
// /Artifact (running heads, folios, rules, shades: the device draws the
// text of the book inside structure elements only). A wrapper opens before
// the operands of an operator that paints (or of a marked-content sequence
// that is no element, cairo's /Span /ActualText) and closes before the next
// BT, ET, q, Q or marked-content sequence at its level, so that it nests
// with text objects and the graphics state as a tagged sequence does.
class ArtifactFilter : public QPDFObjectHandle::TokenFilter {
      public:
	void handleToken(Token const &t) override
	{
		if (t.getType() != QPDFTokenizer::tt_word) {
			if (t.getType() == QPDFTokenizer::tt_name) {
				if (first_name.empty())
					first_name = t.getValue();
				mcid |= t.getValue() == "/MCID";
			}
			pending += t.getRawValue();
			return;
		}
		std::string const &op = t.getValue();
		if (op == "BDC" || op == "BMC") {
			bool marked = first_name == "/Artifact" || (op == "BDC" && mcid);
			if (marked)
				close_at_level();
			else if (!marked_depth && !in_art)
				open();
			stack.push_back(marked);
			marked_depth += marked;
		} else if (op == "EMC") {
			close_at_level();
			if (!stack.empty()) {
				marked_depth -= stack.back();
				stack.pop_back();
			}
		} else if (op == "BT" || op == "ET" || op == "q" || op == "Q") {
			close_at_level();
		} else if (!marked_depth && !in_art && paints(op)) {
			open();
		}
		pending += t.getRawValue();
		write(pending);
		pending.clear();
		first_name.clear();
		mcid = false;
	}

	void handleEOF() override
	{
		write(pending);
		pending.clear();
		if (in_art)
			write("\nEMC\n");
		in_art = false;
	}

      private:
	std::string pending;    // the operands (and spaces) of the next operator
	std::string first_name; // their first name (a sequence's tag)
	bool mcid = false;      // whether they hold /MCID
	std::vector<bool> stack; // open sequences: an element or artifact?
	int marked_depth = 0;   // how many of them are
	bool in_art = false;
	size_t art_level = 0;

	static bool paints(std::string const &op)
	{
		switch (op.size()) {
		case 1:
			return op[0] == 'm' || op[0] == '\'' || op[0] == '"';
		case 2:
			return op == "re" || op == "Tj" || op == "TJ" || op == "Do" || op == "sh" ||
			       op == "BI";
		default:
			return false;
		}
	}
	void open()
	{
		write("\n/Artifact BMC\n");
		in_art = true;
		art_level = stack.size();
	}
	void close_at_level()
	{
		if (in_art && stack.size() == art_level) {
			write("\nEMC\n");
			in_art = false;
		}
	}
};

// Gives the structure elements, walked in document order, the attributes
// the device recorded for them in the same order.
struct Walk {
	const ac_pdf_elem *elems;
	size_t n, next;
	std::string error;

	Walk(const ac_pdf_elem *e, size_t count) : elems(e), n(count), next(0) {}

	void element(QPDFObjectHandle e)
	{
		if (!error.empty())
			return;
		if (next >= n) {
			error = "the structure tree has more elements than were tagged";
			return;
		}
		const ac_pdf_elem &want = elems[next++];
		QPDFObjectHandle s = e.getKey("/S");
		if (!s.isName() || s.getName() != std::string("/") + want.type) {
			error = std::string("structure element ") + std::to_string(next) + " is " +
				(s.isName() ? s.getName() : "unnamed") + ", not /" + want.type;
			return;
		}
		if (want.alt && *want.alt)
			e.replaceKey("/Alt", QPDFObjectHandle::newUnicodeString(want.alt));
		if (want.scope) {
			QPDFObjectHandle a = QPDFObjectHandle::newDictionary();
			a.replaceKey("/O", QPDFObjectHandle::newName("/Table"));
			a.replaceKey("/Scope",
				     QPDFObjectHandle::newName(want.scope == 'R' ? "/Row" : "/Column"));
			e.replaceKey("/A", a);
		}
		kids(e.getKey("/K"));
	}

	void kids(QPDFObjectHandle k)
	{
		if (k.isArray()) {
			for (int i = 0; i < k.getArrayNItems(); i++)
				kid(k.getArrayItem(i));
		} else {
			kid(k);
		}
	}

	void kid(QPDFObjectHandle k)
	{
		if (!k.isDictionary() || !k.hasKey("/S"))
			return; // a marked-content or object reference, or an MCID
		QPDFObjectHandle s = k.getKey("/S");
		if (s.isName() && s.getName() == "/Link")
			kids(k.getKey("/K")); // cairo's own, not among the device's
		else
			element(k);
	}
};

// Where QPDFWriter writes: straight into a buffer of ours.
class BufPipeline : public Pipeline {
      public:
	explicit BufPipeline(ac_buf *b) : Pipeline("ac_buf", nullptr), buf(b) {}
	void write(unsigned char const *data, size_t len) override { ac_buf_add(buf, data, len); }
	void finish() override {}

      private:
	ac_buf *buf;
};

std::string xml_escaped(const char *s)
{
	std::string out;
	for (; s && *s; s++) {
		switch (*s) {
		case '<': out += "&lt;"; break;
		case '>': out += "&gt;"; break;
		case '&': out += "&amp;"; break;
		case '"': out += "&quot;"; break;
		default: out += *s;
		}
	}
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

void finish(QPDF &q, const ac_pdfua_info *info, const ac_pdf_elem *elems, size_t n)
{
	QPDFObjectHandle root = q.getRoot();
	QPDFObjectHandle tree = root.getKey("/StructTreeRoot");
	if (!tree.isDictionary())
		throw std::runtime_error("cairo wrote no structure tree");
	Walk w(elems, n);
	w.kids(tree.getKey("/K"));
	if (w.error.empty() && w.next != n)
		w.error = "the structure tree has " + std::to_string(w.next) + " elements, not " +
			  std::to_string(n);
	if (!w.error.empty())
		throw std::runtime_error(w.error);

	for (QPDFPageObjectHelper &page : QPDFPageDocumentHelper(q).getAllPages()) {
		ArtifactFilter filter;
		Pl_Buffer out("artifacts");
		page.filterContents(&filter, &out);
		std::unique_ptr<Buffer> data(out.getBuffer());
		std::string content(reinterpret_cast<char const *>(data->getBuffer()), data->getSize());
		page.getObjectHandle().replaceKey("/Contents", QPDFObjectHandle::newStream(&q, content));
	}

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
	QPDFObjectHandle meta = QPDFObjectHandle::newStream(&q, xmp(info, producer));
	meta.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
	meta.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
	root.replaceKey("/Metadata", meta);
}

// Writes the finished file into out (which the caller frees).
void rewrite(const ac_buf *pdf, const ac_pdfua_info *info, const ac_pdf_elem *elems, size_t n,
	     ac_buf *out)
{
	QPDF q;
	q.setSuppressWarnings(true);
	q.processMemoryFile("handbook.pdf", pdf->ptr, pdf->len);
	finish(q, info, elems, n);
	if (q.anyWarnings())
		throw std::runtime_error(std::string("qpdf: ") + q.getWarnings().front().what());
	BufPipeline to(out);
	QPDFWriter wr(q);
	wr.setOutputPipeline(&to);
	wr.setDeterministicID(true);
	wr.setDecodeLevel(qpdf_dl_none);
	wr.setMinimumPDFVersion("1.7");
	wr.write();
}

} // namespace

extern "C" int ac_pdfua_finish(ac_buf *pdf, const ac_pdfua_info *info, const ac_pdf_elem *elems,
			       size_t n, ac_buf *err)
{
	ac_buf out = AC_BUF_INIT;
	try {
		rewrite(pdf, info, elems, n, &out);
	} catch (std::exception &e) {
		ac_buf_free(&out);
		ac_buf_adds(err, e.what());
		return -1;
	}
	ac_buf_free(pdf);
	*pdf = out;
	return 0;
}
