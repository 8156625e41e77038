#include "tender/engine/diagnostic.hpp"

namespace tender {

const char* to_string(DiagCode code) {
  switch (code) {
    case DiagCode::malformed:
      return "malformed";
    case DiagCode::refused:
      return "refused";
    case DiagCode::missing:
      return "missing";
    case DiagCode::invalid:
      return "invalid";
    case DiagCode::duplicate:
      return "duplicate";
    case DiagCode::reference:
      return "reference";
    case DiagCode::inconsistent:
      return "inconsistent";
  }
  return "invalid";
}

std::string to_string(const Diagnostic& d) {
  std::string out = d.place.file.empty() ? std::string("<input>") : d.place.file;
  if (!d.place.sheet.empty()) {
    out += ':';
    out += d.place.sheet;
    if (!d.place.cell.empty()) {
      out += '!';
      out += d.place.cell;
    }
  } else if (d.place.line > 0) {
    out += ':';
    out += std::to_string(d.place.line);
  }
  out += ": error: ";
  out += d.message;
  return out;
}

std::string cell_ref(int col, int row) {
  std::string letters;
  for (int c = col; c > 0; c = (c - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return letters + std::to_string(row);
}

}  // namespace tender
