// svgforms.hh - the SVG figures drawn beside the pages (svgpass.h) put in
// the handbook by the PDF/UA pass: each stand-in image cairo wrote for one
// becomes a form XObject holding the figure's page, its fonts and other
// resources added as new objects.
#ifndef AC_SVGFORMS_HH
#define AC_SVGFORMS_HH

#include "pdfwrite.hh"

namespace pdfwrite {

// For every stand-in among the objects of pdf (svgpass.h), the form that
// replaces it in replaced; the objects the forms need appended to added,
// numbered from first_id on. figures: the figures' PDF; stand_ins: how
// many stand-ins were made. Throws std::runtime_error when a stand-in
// does not read right or names a page figures does not have, or when none
// is found of those made (cairo wrote them otherwise: the figures would be
// lost).
void svg_forms(const Objects &objs, const ac_buf *pdf, const ac_buf *figures, size_t stand_ins,
	       int first_id, std::map<int, std::string> &replaced,
	       std::vector<std::pair<int, std::string>> &added);

} // namespace pdfwrite

#endif
