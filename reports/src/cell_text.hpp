// Text for a spreadsheet cell, shared by the workbooks reports write.
#pragma once

#include <string>

namespace tender::reports {

// Text safe for a plain string cell: valid UTF-8 with only the characters XML
// allows (others, and invalid bytes, become U+FFFD), a literal "_xHHHH_" kept
// literal (its underscore escaped as "_x005F_", since spreadsheets read the
// escape as a character), and at most 32,767 UTF-16 units, Excel's limit
// (longer text is cut and ends with "…").
std::string cell_text(const std::string& raw);

}  // namespace tender::reports
