// policy.xml -> Policy, and the compiled-in default policy.
#include <map>

#include "default_policy.hpp"
#include "tender/importers/parse.hpp"
#include "xml_util.hpp"

namespace tender::importers {
namespace {

constexpr std::string_view kPolicyNs = "urn:tender-engine:policy:1";

std::map<std::string, double Policy::*> thresholds() {
  return {{"turnover-multiple", &Policy::turnover_multiple},
          {"cashflow-months", &Policy::cashflow_months},
          {"payment-days", &Policy::payment_days},
          {"insurance-multiple", &Policy::insurance_multiple},
          {"lot-value", &Policy::lot_value},
          {"min-days", &Policy::min_days},
          {"max-price-weight", &Policy::max_price_weight},
          {"min-social-value", &Policy::min_social_value}};
}

}  // namespace

Result<Policy> parse_policy(const SourceFile& file) {
  Diagnostics diags;
  XmlFile x(file.bytes, file.path, diags);
  if (!x.ok()) return diags;
  const auto root = x.root("policy", kPolicyNs);
  if (!root) return diags;
  Policy p;
  p.source = file.path;
  const auto fields = thresholds();
  for (const auto& n : root.children()) {
    if (n.type() != pugi::node_element) continue;
    const std::string name(local_name(n.name()));
    const auto it = fields.find(name);
    if (it == fields.end()) {
      x.error(n, DiagCode::invalid, "unknown policy threshold <" + name + ">");
      continue;
    }
    const auto v = x.number(n, "value", true);
    if (v && *v < 0) x.error(n, DiagCode::invalid, "<" + name + "> must not be negative");
    if (v) p.*(it->second) = *v;
  }
  if (!diags.empty()) return diags;
  return p;
}

const std::string& default_policy_xml() {
  static const std::string xml = generated::kDefaultPolicyXml;
  return xml;
}

Policy default_policy() {
  const SourceFile file{"data/policy/default.xml", default_policy_xml(), {}};
  auto p = parse_policy(file);
  // The shipped file is tested (importers tests); fall back to the spec's
  // defaults rather than fail if it were ever broken.
  Policy out = p ? p.value() : Policy{};
  out.source = "built-in default (data/policy/default.xml)";
  return out;
}

}  // namespace tender::importers
