// Builds workbooks in memory for the importer tests, so each test shows
// exactly which XML a writer quirk looks like.
#pragma once

#include <zip.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace tender::importers::testing {

struct Member {
  std::string name;
  std::string content;
};

// Builds a zip in memory from `members` and returns its bytes.
inline std::string make_zip(const std::vector<Member>& members) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  REQUIRE(buffer != nullptr);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  REQUIRE(archive != nullptr);
  zip_source_keep(buffer);
  for (const Member& m : members) {
    zip_source_t* data = zip_source_buffer(archive, m.content.data(), m.content.size(), 0);
    REQUIRE(data != nullptr);
    REQUIRE(zip_file_add(archive, m.name.c_str(), data, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(archive) == 0);
  REQUIRE(zip_source_open(buffer) == 0);
  REQUIRE(zip_source_seek(buffer, 0, SEEK_END) == 0);
  const zip_int64_t size = zip_source_tell(buffer);
  REQUIRE(zip_source_seek(buffer, 0, SEEK_SET) == 0);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  REQUIRE(zip_source_read(buffer, bytes.data(), bytes.size()) == size);
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

// Namespaces and relationship types, as functions (no static strings).
inline std::string main_ns() {
  return "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
}
inline std::string rel_ns() {
  return "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
}
inline std::string pkg_rel_ns() {
  return "http://schemas.openxmlformats.org/package/2006/relationships";
}
inline std::string worksheet_type() {
  return rel_ns() + "/worksheet";
}
inline std::string shared_strings_type() {
  return rel_ns() + "/sharedStrings";
}

inline std::string worksheet(const std::string& sheet_data) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"" +
         main_ns() + "\" xmlns:r=\"" + rel_ns() + "\"><sheetData>" + sheet_data +
         "</sheetData></worksheet>";
}

inline std::string shared_strings(const std::string& items) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + main_ns() + "\">" + items +
         "</sst>";
}

inline std::string workbook_xml(const std::vector<std::string>& names) {
  std::string sheets;
  for (std::size_t i = 0; i < names.size(); ++i) {
    sheets += "<sheet name=\"" + names[i] + "\" sheetId=\"" + std::to_string(i + 1) +
              "\" r:id=\"rId" + std::to_string(i + 1) + "\"/>";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + main_ns() +
         "\" xmlns:r=\"" + rel_ns() + "\"><sheets>" + sheets + "</sheets></workbook>";
}

inline std::string rels_xml(const std::vector<std::string>& sheet_targets, bool with_shared) {
  std::string rels;
  for (std::size_t i = 0; i < sheet_targets.size(); ++i) {
    rels += "<Relationship Id=\"rId" + std::to_string(i + 1) + "\" Type=\"" + worksheet_type() +
            "\" Target=\"" + sheet_targets[i] + "\"/>";
  }
  if (with_shared) {
    rels += "<Relationship Id=\"rIdS\" Type=\"" + shared_strings_type() +
            "\" Target=\"sharedStrings.xml\"/>";
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" + pkg_rel_ns() +
         "\">" + rels + "</Relationships>";
}

// A workbook whose sheets are `sheets` (name, sheetData content) in order,
// with the shared strings `sst_items` when not empty.
inline std::string make_workbook(const std::vector<std::pair<std::string, std::string>>& sheets,
                                 const std::string& sst_items = {}) {
  std::vector<std::string> names, targets;
  std::vector<Member> members;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string target = "worksheets/sheet" + std::to_string(i + 1) + ".xml";
    names.push_back(sheets[i].first);
    targets.push_back(target);
    members.push_back({"xl/" + target, worksheet(sheets[i].second)});
  }
  members.push_back({"xl/workbook.xml", workbook_xml(names)});
  members.push_back({"xl/_rels/workbook.xml.rels", rels_xml(targets, !sst_items.empty())});
  if (!sst_items.empty()) members.push_back({"xl/sharedStrings.xml", shared_strings(sst_items)});
  return make_zip(members);
}

// An inline-string cell and a number cell, for building rows by hand.
inline std::string text_cell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}
inline std::string number_cell(const std::string& ref, const std::string& value) {
  return "<c r=\"" + ref + "\"><v>" + value + "</v></c>";
}

}  // namespace tender::importers::testing
