// svgforms.cc - the SVG figures' pages made form XObjects of the handbook
// (see svgforms.hh).
#include "svgforms.hh"

extern "C" {
#include "svgpass.h"
}

#include <qpdf/Buffer.hh>

#include <cstdio>
#include <stdexcept>

namespace {

// The figures' objects a form needs, numbered anew in the handbook: each
// one met is given the next number and queued to be written.
struct Importer {
	int next;
	std::map<QPDFObjGen, int> ids;
	std::vector<QPDFObjectHandle> queue;

	int id_of(QPDFObjectHandle o)
	{
		auto found = ids.find(o.getObjGen());
		if (found != ids.end())
			return found->second;
		ids[o.getObjGen()] = next;
		queue.push_back(o);
		return next++;
	}

	// o's value as PDF text, references renumbered.
	void value(QPDFObjectHandle o, std::string &out, bool top = false)
	{
		if (o.isIndirect() && !top) {
			out += std::to_string(id_of(o)) + " 0 R";
		} else if (o.isArray()) {
			out += '[';
			for (QPDFObjectHandle &e : o.getArrayAsVector()) {
				out += ' ';
				value(e, out);
			}
			out += " ]";
		} else if (o.isDictionary()) {
			out += "<<";
			for (auto &kv : o.getDictAsMap()) {
				out += ' ' + QPDFObjectHandle::newName(kv.first).unparse() + ' ';
				value(kv.second, out);
			}
			out += " >>";
		} else if (o.isStream()) {
			throw std::runtime_error("a direct stream in the SVG figures");
		} else {
			// An indirect number or string (top) is written as its value.
			out += o.unparseResolved();
		}
	}

	// o (indirect) as the object numbered id: a stream with its data as
	// it is (still encoded), its length given directly.
	std::string object(int id, QPDFObjectHandle o)
	{
		std::string out = std::to_string(id) + " 0 obj\n";
		if (!o.isStream()) {
			value(o, out, true);
			return out + "\nendobj\n";
		}
		QPDFObjectHandle dict = o.getDict().shallowCopy();
		std::shared_ptr<Buffer> data = o.getRawStreamData();
		dict.replaceKey("/Length", QPDFObjectHandle::newInteger((long long)data->getSize()));
		value(dict, out);
		out += "\nstream\n";
		out.append((const char *)data->getBuffer(), data->getSize());
		return out + "\nendstream\nendobj\n";
	}
};

// A number as PDF writes it: no exponent, no trailing zeros.
std::string real(double v)
{
	char s[64];
	snprintf(s, sizeof s, "%.15f", v);
	std::string r = s;
	while (!r.empty() && r.back() == '0')
		r.pop_back();
	if (!r.empty() && r.back() == '.')
		r.pop_back();
	return r;
}

// The form XObject numbered id drawing page (of the figures' PDF) with the
// figure's box (left, bottom, width, height) on it in the unit square, as
// the image it replaces was drawn.
std::string form(int id, QPDFObjectHandle page, const double box[4], Importer &im)
{
	double x = box[0], y = box[1], w = box[2], h = box[3];
	if (!(w > 0) || !(h > 0))
		throw std::runtime_error("an SVG figure has no area");
	// librsvg does not clip a figure to its box: neither does the form
	// (the largest page there is, 200 inches, around it).
	const double far = 14400;
	std::string out = std::to_string(id) + " 0 obj\n<< /Type /XObject /Subtype /Form /BBox [ " +
			  real(x - far) + ' ' + real(y - far) + ' ' + real(x + w + far) + ' ' +
			  real(y + h + far) + " ] /Matrix [ " + real(1 / w) + " 0 0 " + real(1 / h) +
			  ' ' + real(-x / w) + ' ' + real(-y / h) + " ] /Resources ";
	QPDFObjectHandle res = page.getKey("/Resources");
	if (res.isDictionary())
		im.value(res, out);
	else
		out += "<< >>";
	// cairo writes one content stream a page, deflated: kept as it is.
	// Several are joined, decoded.
	QPDFObjectHandle contents = page.getKey("/Contents");
	std::string data;
	if (contents.isStream()) {
		std::shared_ptr<Buffer> raw = contents.getRawStreamData();
		data.assign((const char *)raw->getBuffer(), raw->getSize());
		QPDFObjectHandle dict = contents.getDict();
		for (const char *key : {"/Filter", "/DecodeParms"})
			if (dict.hasKey(key)) {
				out += std::string(" ") + key + ' ';
				im.value(dict.getKey(key), out);
			}
	} else if (contents.isArray()) {
		for (QPDFObjectHandle &c : contents.getArrayAsVector()) {
			if (!c.isStream())
				continue;
			std::shared_ptr<Buffer> d = c.getStreamData(qpdf_dl_generalized);
			data.append((const char *)d->getBuffer(), d->getSize());
			data += '\n';
		}
	}
	out += " /Length " + std::to_string(data.size()) + " >>\nstream\n";
	out += data;
	return out + "\nendstream\nendobj\n";
}

} // namespace

namespace pdfwrite {

void svg_forms(const Objects &objs, const ac_buf *pdf, const ac_buf *figures, size_t stand_ins,
	       int first_id, std::map<int, std::string> &replaced,
	       std::vector<std::pair<int, std::string>> &added)
{
	QPDF side;
	side.setSuppressWarnings(true);
	side.processMemoryFile("figures.pdf", figures->ptr, figures->len);
	std::vector<QPDFObjectHandle> const &pages = side.getAllPages();
	Importer im{first_id, {}, {}};
	size_t found = 0;
	for (size_t i = 0; i < objs.at.size(); i++) {
		double box[4];
		long page = ac_svgpass_page_of(pdf->ptr + objs.at[i].first, objs.len(i), box);
		if (page == -1)
			continue;
		if (page < 0)
			throw std::runtime_error("an SVG figure's stand-in is not as cairo was expected "
						 "to write it");
		if ((size_t)page >= pages.size())
			throw std::runtime_error("an SVG figure's stand-in names a page the figures do not have");
		int id = objs.at[i].second;
		replaced[id] = form(id, pages[(size_t)page], box, im);
		found++;
	}
	// cairo leaves out what falls wholly outside its page (so would the
	// figure drawn in place): fewer may be found than were made, but none
	// of several means cairo wrote them otherwise than expected.
	if (found > stand_ins || (stand_ins && !found))
		throw std::runtime_error(std::to_string(stand_ins) + " SVG figures drawn, " +
					 std::to_string(found) + " found in cairo's file");
	// The objects the forms need, and those these need, in the order met.
	for (size_t i = 0; i < im.queue.size(); i++) {
		QPDFObjectHandle o = im.queue[i];
		added.emplace_back(im.ids[o.getObjGen()], im.object(im.ids[o.getObjGen()], o));
	}
	if (side.anyWarnings())
		throw std::runtime_error(std::string("qpdf, on the SVG figures: ") +
					 side.getWarnings().front().what());
}

} // namespace pdfwrite
