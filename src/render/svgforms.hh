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
// numbered from first_id on. figures: the figures' PDF. Throws
// std::runtime_error when a stand-in names a page figures does not have.
void svg_forms(const Objects &objs, const ac_buf *pdf, const ac_buf *figures, int first_id,
	       std::map<int, std::string> &replaced,
	       std::vector<std::pair<int, std::string>> &added);

} // namespace pdfwrite

#endif
