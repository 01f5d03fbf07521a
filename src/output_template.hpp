// User output templates (--format): fmt-style named fields such as '{id}\t{deadline}'.
#pragma once

#include "fields.hpp"
#include "zone.hpp"

#include <string>
#include <string_view>

namespace sla {

class OutputTemplate {
 public:
  // Returns the template `text` for the fields of `set`. Backslash escapes \t, \n and \\ are
  // expanded. Throws InputError quoting the template if a field name is unknown (listing the
  // known ones), a brace is unbalanced, or a format spec is invalid.
  static OutputTemplate parse(std::string_view text, FieldSet set);

  // Returns the template `text` for the fields `names`, as parse does; `sample` gives a value
  // of every field's type for a trial fill.
  static OutputTemplate parse(std::string_view text, const std::vector<std::string_view>& names,
                              const FieldVisit& sample);

  // Appends the template filled with `record`'s fields, then "\n". Null fields are empty.
  // Throws InputError if a format spec does not fit this record's value (say a numeric spec
  // on an empty field).
  void append(std::string& out, const Record& record, const Zone& display) const;

  // Appends the template filled with the fields `visit` gives, then "\n".
  void append(std::string& out, const FieldVisit& visit) const;

 private:
  OutputTemplate() = default;
  std::string text_;
};

}  // namespace sla
