#pragma once
// Readers for each section of the configuration document; each records its problems in
// the Reader and returns nullopt when the item cannot be used.
#include <optional>
#include <string>

#include "config/config_reader.hpp"
#include "ticketbridge/config.hpp"

namespace tb::config_detail {

std::optional<Credential> read_credential(Reader& r, const std::string& name, const json& node,
                                          const std::string& path);
std::optional<ApiCall> read_api_call(Reader& r, const std::string& name, const json& node,
                                     const std::string& path);
/// Reads the escalation tab; `cfg` must already hold the credentials and API calls.
std::optional<EscalationSettings> read_escalation(Reader& r, const json& node, const std::string& path,
                                                  const Config& cfg);

}  // namespace tb::config_detail
