// The registry of error codes. A new code is one row here (and docs/errors.md regenerated):
// test_error_registry finds codes used in core/, wasm/src, wasm/js and the CLI that have no
// row, and docs that disagree with the table.
#include "ticketbridge/error_codes.hpp"

namespace tb {

namespace {

using R = Remedy;

const std::vector<ErrorRoom> kRooms = {
    {"config", "Configuration (`ConfigError`, `path` = JSON pointer into the config)"},
    {"render", "Rendering (`RenderError`)"},
    {"outcome", "Escalation outcomes (`Failed.code`; the Test panel's `error` for the same failures)"},
    {"preview", "Output tab and Test panel"},
    {"host", "Host mistakes (`EscalationError`; `ConfigError` for `CONFIG_NOT_LOADED`)"},
    {"categories", "Categories (`CategoryError`)"},
    {"redaction", "Transcript redaction (`TicketbridgeError`)"},
    {"jsonata", "JSONata (`JsonataError`)"},
    {"loading", "Loading the engine (`TicketbridgeError`)"},
    {"store", "Stores (`StoreError`)"},
    {"cli", "Command line (printed as `{\"error\": {code, message, path?}}` on stderr)"},
};

const std::vector<ErrorCodeInfo> kCodes = {
    // Configuration: the admin's document.
    {"CONFIG_INVALID_JSON", "config", R::Admin, "the configuration is not JSON (the message gives the `position`, never the text there: often a pasted secret)"},
    {"CONFIG_INVALID_UTF8", "config", R::Admin, "the configuration is not valid UTF-8"},
    {"CONFIG_TOO_DEEP", "config", R::Admin, "the configuration nests deeper than 256 levels"},
    {"CONFIG_TOO_LARGE", "config", R::Admin, "the configuration is over 1 MiB"},
    {"CONFIG_MISSING_FIELD", "config", R::Admin, "a required field is absent"},
    {"CONFIG_INVALID_TYPE", "config", R::Admin, "a field has the wrong type (also inside `escalation.redaction`)"},
    {"CONFIG_INVALID_VALUE", "config", R::Admin, "a field is out of range or not one of the allowed values"},
    {"CONFIG_UNKNOWN_FIELD", "config", R::Admin, "a field no reader knows (often misspelt)"},
    {"CONFIG_INVALID_URL", "config", R::Admin, "a URL is not absolute https (http only for a loopback test ITSM), carries `user:password@`, or has a bad host, port, space, control character or backslash"},
    {"CONFIG_INSECURE_URL", "config", R::Admin, "plain http where only https is allowed (always for the fallback URL)"},
    {"CONFIG_SECRET_TOO_SHORT", "config", R::Admin, "a password, token, API key or client secret is shorter than 8 characters"},
    {"CONFIG_SECRET_NOT_SENDABLE", "config", R::Admin, "a bearer token or API key holds a line break, control character or character beyond Latin-1 (often a pasted newline)"},
    {"CONFIG_UNKNOWN_CREDENTIAL", "config", R::Admin, "an API call names a credential that is not defined"},
    {"CONFIG_UNKNOWN_API_CALL", "config", R::Admin, "the escalation (or a host's call) names an API call that is not defined"},
    {"CONFIG_UNKNOWN_PARAMETER", "config", R::Admin, "a `{{placeholder}}` or a mapping names no parameter of the call"},
    {"CONFIG_UNMAPPED_PARAMETER", "config", R::Admin, "a required parameter has neither a mapping nor a default"},
    {"CONFIG_DUPLICATE_PARAMETER", "config", R::Admin, "a parameter is declared twice"},
    {"CONFIG_INVALID_PAYLOAD", "config", R::Admin, "the payload template would not be valid JSON whatever the values"},
    {"CONFIG_TEMPLATE_SYNTAX", "config", R::Admin, "a malformed `{{...}}` (with `position`)"},
    {"CONFIG_INVALID_OUTPUT", "config", R::Admin, "an output expression, or a credential's `errorMessage`, is not valid JSONata (with `position`, `token`)"},
    {"CONFIG_MISSING_OUTPUT", "config", R::Admin, "the escalation's call lacks the `ticketId` or `ticketNumber` output"},
    {"CONFIG_FORBIDDEN_HEADER", "config", R::Admin, "a custom header sets Authorization or what the HTTP client sets (Host, Cookie, Content-Length, ...); an API key's header is not Content-Type"},
    {"CONFIG_TOO_MANY_HEADERS", "config", R::Admin, "more than 5 custom headers on a call"},
    {"CONFIG_TOO_MANY_OUTPUTS", "config", R::Admin, "more than 5 outputs on a call"},

    // Rendering a call's request.
    {"TEMPLATE_MISSING_VALUE", "render", R::Admin, "a required parameter has no value (`path` = `/<parameter>`; the message names what it needed)"},
    {"TEMPLATE_INVALID_HEADER_VALUE", "render", R::Admin, "a header value would carry a line break, control character or character beyond Latin-1, which fetch() refuses"},
    {"TEMPLATE_TOO_LARGE", "render", R::Admin, "the rendered text would pass 4 MiB"},
    {"TEMPLATE_INVALID_JSON", "render", R::Bug, "the rendered payload is not JSON (an internal invariant)"},
    {"TEMPLATE_SYNTAX", "render", R::Admin, "a malformed `{{...}}` in a template given outside a configuration (with `position`)"},

    // How an escalation ended (and what the Test panel reports for the same failure).
    {"ITSM_UNREACHABLE", "outcome", R::Retried, "could not connect to the ITSM (nothing was sent)"},
    {"ITSM_BLOCKED", "outcome", R::ItsmAdmin, "in a page: the browser refused a cross-origin request (no CORS headers for this origin); see hosting.md"},
    {"ITSM_RATE_LIMITED", "outcome", R::Retried, "HTTP 429: the ITSM refused for now (`Retry-After` honoured)"},
    {"ITSM_UNAVAILABLE", "outcome", R::Retried, "HTTP 503: the ITSM is unavailable for now (`Retry-After` honoured)"},
    {"ITSM_TIMEOUT", "outcome", R::RetriedAfterLookup, "no answer in time (or HTTP 408): the request may have been processed"},
    {"ITSM_CONNECTION_LOST", "outcome", R::RetriedAfterLookup, "the connection dropped after sending (reset, network): the request may have been processed"},
    {"ITSM_SERVER_ERROR", "outcome", R::RetriedAfterLookup, "HTTP 500/502/504: the request may have been processed"},
    {"ITSM_RESPONSE_NOT_JSON", "outcome", R::RetriedAfterLookup, "a 2xx whose body is not JSON (e.g. a hibernating instance)"},
    {"ITSM_RESPONSE_TOO_LARGE", "outcome", R::RetriedAfterLookup, "a 2xx whose body is over 2 MB"},
    {"ITSM_BAD_REQUEST", "outcome", R::Admin, "HTTP 400: the ITSM rejected the request (the message quotes its explanation)"},
    {"ITSM_FORBIDDEN", "outcome", R::ItsmAdmin, "HTTP 403: the credential may not do this"},
    {"ITSM_NOT_FOUND", "outcome", R::Admin, "HTTP 404: the ITSM does not know the resource"},
    {"ITSM_REJECTED", "outcome", R::Admin, "another 4xx: the ITSM rejected the request"},
    {"ITSM_UNEXPECTED_STATUS", "outcome", R::ItsmAdmin, "a status outside 2xx, 4xx and 5xx"},
    {"ITSM_UNAUTHORIZED", "outcome", R::RetriedWithNewToken, "HTTP 401: credentials rejected (retried once with a fresh OAuth2 token, else the admin fixes them)"},
    {"TOKEN_RESPONSE_INVALID", "outcome", R::Admin, "the OAuth2 token endpoint's answer has no token"},
    {"TOKEN_REQUEST_FAILED", "outcome", R::Admin, "Test panel: the token endpoint gave no token (the message says its HTTP status or transport error)"},
    {"OUTPUT_MISSING", "outcome", R::RetriedAfterLookup, "the outputs did not yield non-empty `ticketId` and `ticketNumber` (create: a lookup first; lookup: not retried)"},
    {"OUTPUT_EVALUATION_FAILED", "outcome", R::RetriedAfterLookup, "an output expression failed (`D1012` in the reason: it ran past `outputTimeLimitMs`)"},
    {"CONVERSATION_INVALID_JSON", "outcome", R::Host, "the conversation is not JSON (`escalate()` fails with the fallback URL; `Escalation.start()` throws)"},
    {"CONVERSATION_TOO_LARGE", "outcome", R::Host, "the conversation is over 1 MiB"},
    {"CONVERSATION_TOO_DEEP", "outcome", R::Host, "the conversation nests deeper than 256 levels"},
    {"CONVERSATION_INVALID_UTF8", "outcome", R::Host, "the conversation is not valid UTF-8 (a lone surrogate is not this: it becomes U+FFFD)"},
    {"CONVERSATION_INVALID", "outcome", R::Host, "the conversation is JSON but not a conversation (`undefined`, wrong shape)"},
    {"RETRIES_EXHAUSTED", "outcome", R::Retried, "attempts used up with no other cause recorded"},
    {"STORE_UNAVAILABLE", "outcome", R::Operator, "the host's store failed and no lookup call is configured, so a ticket another instance made cannot be ruled out (also thrown by stores)"},

    // The Output tab's preview and the Test panel.
    {"RESPONSE_NOT_JSON", "preview", R::Author, "the response body the outputs ran over is not JSON (with `position`)"},
    {"RESPONSE_TOO_LARGE", "preview", R::Host, "a response body (or the response document a host hands in) is over its limit (2 MB body)"},
    {"PARAMS_INVALID_JSON", "preview", R::Host, "the parameter values are not JSON"},
    {"PARAMS_TOO_LARGE", "preview", R::Host, "the parameter values are over 1 MiB"},
    {"PARAMS_TOO_DEEP", "preview", R::Host, "the parameter values nest deeper than 256 levels"},
    {"PARAMS_INVALID_UTF8", "preview", R::Host, "the parameter values are not valid UTF-8"},

    // The host drove a call wrongly. They change nothing: the machine stays where it was.
    {"PROTOCOL_UNEXPECTED_EVENT", "host", R::Host, "an event the machine (or the Test panel's flow) does not expect now"},
    {"PROTOCOL_UNKNOWN_REQUEST", "host", R::Host, "a response to a request that is not pending"},
    {"PROTOCOL_NOT_STARTED", "host", R::Host, "an event before start()"},
    {"PROTOCOL_ALREADY_STARTED", "host", R::Host, "start() on a machine (or Test panel flow) that is already running"},
    {"PROTOCOL_OTHER_CONVERSATION", "host", R::Host, "start() with another conversation than the one the machine escalates"},
    {"PROTOCOL_INTERNAL", "host", R::Bug, "the machine reached a state its table does not allow (an internal invariant)"},
    {"ESCALATION_NOT_CONFIGURED", "host", R::Admin, "the configuration has no `escalation` section"},
    {"CONFIG_NOT_LOADED", "host", R::Host, "a call on a configuration object whose load failed"},
    {"OBJECT_FREED", "host", R::Host, "a call on an `Escalation` after its `dispose()` (its WebAssembly side is freed)"},
    {"SNAPSHOT_INVALID", "host", R::Host, "a snapshot that does not restore (also tampered numbers: counts, times, backoffs and deadlines out of range)"},
    {"SNAPSHOT_INVALID_JSON", "host", R::Host, "a snapshot that is not JSON"},
    {"SNAPSHOT_TOO_LARGE", "host", R::Host, "a snapshot over 8 MiB"},
    {"SNAPSHOT_TOO_DEEP", "host", R::Host, "a snapshot nesting deeper than 256 levels"},
    {"SNAPSHOT_INVALID_UTF8", "host", R::Host, "a snapshot that is not valid UTF-8"},
    {"RESPONSE_INVALID", "host", R::Host, "a response handed to receive() that is not {requestId, status, headers, body, error?}"},
    {"RESPONSE_INVALID_JSON", "host", R::Host, "a response handed to receive() that is not JSON"},
    {"RESPONSE_TOO_DEEP", "host", R::Host, "a response document nesting deeper than 256 levels"},
    {"RESPONSE_INVALID_UTF8", "host", R::Host, "a response document that is not valid UTF-8"},
    {"OPTIONS_INVALID", "host", R::Host, "an option of a call has the wrong type or value, or is unknown (start options), with `path` naming it"},
    {"OPTIONS_INVALID_JSON", "host", R::Host, "the options are not JSON"},
    {"OPTIONS_TOO_LARGE", "host", R::Host, "the options are over 1 MiB"},
    {"OPTIONS_TOO_DEEP", "host", R::Host, "the options nest deeper than 256 levels"},
    {"OPTIONS_INVALID_UTF8", "host", R::Host, "the options are not valid UTF-8"},

    // Categories.
    {"CATEGORY_LIST_EMPTY", "categories", R::Admin, "no list has been imported"},
    {"CATEGORY_NOT_FOUND", "categories", R::Host, "a proposed pair is not on the list (the message names the closest pairs)"},
    {"CSV_REJECTED", "categories", R::Admin, "`new Categories(csv)`: the file was rejected (the first problem, and the whole `report`)"},
    {"CSV_FILE_TOO_LARGE", "categories", R::Admin, "the file is over 1 MiB (`maxBytes`); nothing is read"},
    {"CSV_INVALID_UTF8", "categories", R::Admin, "a field is not valid UTF-8 (`line`, `column` of the field)"},
    {"CSV_MISSING_HEADER", "categories", R::Admin, "the file is empty, or its first row names neither column"},
    {"CSV_MISSING_COLUMN", "categories", R::Admin, "the header names one of the two columns only"},
    {"CSV_DUPLICATE_COLUMN", "categories", R::Admin, "a column is named twice"},
    {"CSV_EXTRA_COLUMN", "categories", R::Admin, "(warning) a column other than the two; it is ignored"},
    {"CSV_FIELD_COUNT", "categories", R::Admin, "a row lacks a field, or has more non-empty fields than the header (usually an unquoted comma)"},
    {"CSV_UNTERMINATED_QUOTE", "categories", R::Admin, "a quoted field never ends"},
    {"CSV_MALFORMED_QUOTE", "categories", R::Admin, "text after a field's closing quote"},
    {"CSV_CONTROL_CHARACTER", "categories", R::Admin, "a line break, control, bidirectional or zero-width character in a name"},
    {"CSV_EMPTY_FIELD", "categories", R::Admin, "category or sub_category is empty or only spaces"},
    {"CSV_FIELD_TOO_LONG", "categories", R::Admin, "category or sub_category is over 100 characters"},
    {"CSV_DUPLICATE_ROW", "categories", R::Admin, "the pair repeats an earlier row (ignoring case and white space)"},
    {"CSV_INCONSISTENT_CATEGORY", "categories", R::Admin, "(warning) a category spelt differently from its first appearance"},
    {"CSV_FORMULA_REJECTED", "categories", R::Admin, "a value starts with `=`, `+`, `-` or `@`: a spreadsheet would run it (the default policy)"},
    {"CSV_FORMULA_NEUTRALISED", "categories", R::Admin, "(warning) the same cell with `formulas: \"neutralise\"`: imported with a leading `'`"},
    {"CSV_NO_ROWS", "categories", R::Admin, "a header but no data rows"},
    {"CSV_TOO_MANY_ROWS", "categories", R::Admin, "more than 1,000 data rows (`maxRows`)"},
    {"CSV_TOO_MANY_PROBLEMS", "categories", R::Admin, "(warning) the listing stopped at `maxProblems`"},
    {"SYNONYMS_INVALID", "categories", R::Admin, "a line of the synonym table is malformed (with `line`)"},
    {"SYNONYMS_INVALID_UTF8", "categories", R::Admin, "the synonym table is not valid UTF-8"},
    {"SYNONYMS_TOO_LARGE", "categories", R::Admin, "the synonym table is over 256 KiB"},

    // Transcript redaction on its own (inside a configuration the same problems are CONFIG_*).
    {"REDACTION_INVALID_TYPE", "redaction", R::Host, "an option has the wrong type"},
    {"REDACTION_INVALID_VALUE", "redaction", R::Host, "an option is out of range (too many terms, a term too short or long)"},
    {"REDACTION_UNKNOWN_FIELD", "redaction", R::Host, "an unknown option or placeholder"},

    // The JSONata engine: the reference implementation's codes by family, then the engine's own.
    {"S0xxx", "jsonata", R::Author, "syntax errors, with `position` and `token` (the reference implementation's codes)"},
    {"T0xxx", "jsonata", R::Author, "type errors in a function's arguments (signature checks)"},
    {"T1xxx", "jsonata", R::Author, "type errors in function calls and lambdas"},
    {"T2xxx", "jsonata", R::Author, "type errors in operators and paths, with `value` holding the offending value"},
    {"D1xxx", "jsonata", R::Author, "evaluation errors; `D1011`/`D1012` are the depth and time guards"},
    {"D2xxx", "jsonata", R::Author, "evaluation errors in operators; `D2014`/`D2015` are the size guards"},
    {"D3xxx", "jsonata", R::Author, "errors raised by built-in functions"},
    {"U1xxx", "jsonata", R::Author, "`U1001`: recursion too deep for the stack"},
    {"JSONATA_INVALID_JSON", "jsonata", R::Author, "the input or bindings text is not JSON"},
    {"JSONATA_INVALID_UTF8", "jsonata", R::Author, "the expression, input or bindings are not valid UTF-8"},
    {"JSONATA_TOO_DEEP", "jsonata", R::Author, "the input nests too deeply"},
    {"JSONATA_TOO_LARGE", "jsonata", R::Author, "the expression or input is over the engine's size limit"},
    {"JSONATA_BAD_BINDINGS", "jsonata", R::Host, "the bindings are not a JSON object"},
    {"JSONATA_MEMORY_LIMIT", "jsonata", R::Author, "an evaluation (or the WebAssembly module, for an input) ran out of memory"},
    {"JSONATA_NOT_COMPILED", "jsonata", R::Host, "evaluate() on an expression that did not compile"},
    {"JSONATA_NO_CLOCK", "jsonata", R::Host, "`$now()`/`$millis()` or a time limit with no clock given"},
    {"JSONATA_NO_RANDOM", "jsonata", R::Host, "`$random()` or `$shuffle()` with no randomness given"},
    {"JSONATA_HOST_FUNCTIONS", "jsonata", R::Bug, "the façade's list of lent functions is malformed"},
    {"JSONATA_HOST_ERROR", "jsonata", R::Author, "a function the host lent threw (the drop-in rethrows what it threw)"},
    {"JSONATA_HOST_ANSWER", "jsonata", R::Author, "a lent function's answer has no JSON form"},
    {"JSONATA_ASYNC_FUNCTION", "jsonata", R::Author, "a lent function returned a Promise: functions called from the engine answer synchronously"},
    {"REGEX_SYNTAX", "jsonata", R::Author, "a regular expression is malformed (with `position`)"},
    {"REGEX_UNSUPPORTED", "jsonata", R::Author, "a regular expression uses a feature the engine does not implement"},
    {"REGEX_STEP_LIMIT", "jsonata", R::Author, "a match took too many steps (catastrophic backtracking)"},
    {"REGEX_MEMORY_LIMIT", "jsonata", R::Author, "a regular expression needs more memory than its limit"},
    {"PICTURE_RUNTIME_ERROR", "jsonata", R::Author, "a date or number picture failed where JavaScript throws (the message is JavaScript's)"},
    {"PICTURES_NOT_LOADED", "jsonata", R::Host, "an evaluation reached `$formatNumber`, `$formatInteger`, `$parseInteger`, `$fromMillis`, `$toMillis` or `$now` (or `new Escalation()` got a configuration that names one) before the pictures module was loaded: `await loadPictures()` or `init({ pictures: true })` (docs/hosting.md)"},
    {"PICTURES_MALFORMED", "jsonata", R::Bug, "the engine and the pictures module could not read each other's messages (files of two versions)"},
    {"PICTURES_INTERNAL", "jsonata", R::Bug, "the pictures module failed (a trap, or a call of a host function it never makes); it is not called again"},

    // Loading the engine (the JS package).
    {"NOT_INITIALISED", "loading", R::Host, "a function was called before `await init()` settled"},
    {"WASM_NOT_FOUND", "loading", R::Operator, "no `.wasm` where init() looked (the message and `path` name it)"},
    {"WASM_LOAD_FAILED", "loading", R::Operator, "fetching the `.wasm` failed (network, HTTP status: both in the message)"},
    {"WASM_INVALID", "loading", R::Operator, "what was fetched or given is not WebAssembly (e.g. an HTML page served in its place)"},
    {"WASM_INSTANTIATE_FAILED", "loading", R::Operator, "a WebAssembly module that is not this engine's (or of another version)"},
    {"WASM_JSONATA_ONLY", "loading", R::Host, "the main entry's `init()` after `ticketbridge/jsonata` alone had loaded the JSONata-only engine (the main entry imported later, dynamically); import `ticketbridge` before the drop-in's first `evaluate` (docs/hosting.md)"},
    {"INIT_OPTIONS_INVALID", "loading", R::Host, "`init({ wasm })` got something other than bytes, a URL or string, a Response or a Module"},

    // Snapshot stores.
    {"STORE_INVALID_LOCATION", "store", R::Host, "`fileStore` got a URL or no folder; `redisStore` no `redis://`/`rediss://` URL (nothing is created)"},
    {"STORE_INVALID_LEASE", "store", R::Host, "`claim()` with a lease that is not a positive number of milliseconds"},
    {"STORE_FULL", "store", R::Operator, "the browser's storage quota or the disk is exhausted"},
    {"STORE_CLAIM_TIMEOUT", "store", R::Operator, "(outcome `storeError` only) another instance held the conversation longer than `waitLimitMs`"},

    // The CLI's own.
    {"USAGE", "cli", R::Host, "an unknown command or option, or a missing value (exit status 2, usage printed)"},
    {"PRESET_UNKNOWN", "cli", R::Operator, "`preset <name>` with a name that is not a preset; the message lists the names (`preset list`)"},
    {"FILE_UNREADABLE", "cli", R::Operator, "a file named on the command line cannot be read (`path` names it)"},
    {"FILE_INVALID_JSON", "cli", R::Operator, "a JSON file named on the command line is not JSON"},
    {"INTERNAL", "cli", R::Bug, "a failure without a code of its own (the message is the exception's)"},
};

// "S0xxx" matches S0 followed by three digits.
bool matches(std::string_view pattern, std::string_view code) {
  if (pattern.size() != code.size()) return false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == 'x' ? !(code[i] >= '0' && code[i] <= '9') : pattern[i] != code[i]) return false;
  }
  return true;
}

}  // namespace

const std::vector<ErrorRoom>& error_rooms() { return kRooms; }
const std::vector<ErrorCodeInfo>& error_codes() { return kCodes; }

const ErrorCodeInfo* find_error_code(std::string_view code) {
  for (const auto& c : kCodes)
    if (c.code == code) return &c;
  for (const auto& c : kCodes)
    if (c.code.find('x') != std::string_view::npos && matches(c.code, code)) return &c;
  return nullptr;
}

std::string_view remedy_text(Remedy remedy) {
  switch (remedy) {
    case R::Retried: return "retried";
    case R::RetriedAfterLookup: return "retried after a lookup";
    case R::RetriedWithNewToken: return "retried once with a new token";
    case R::Admin: return "admin";
    case R::ItsmAdmin: return "ITSM admin";
    case R::Host: return "host developer";
    case R::Author: return "author of the expression or input";
    case R::Operator: return "operator";
    case R::Bug: break;
  }
  return "bug: report it";
}

std::string error_codes_markdown() {
  std::string out;
  for (const ErrorRoom& room : kRooms) {
    out += "### " + std::string(room.heading) + "\n\n| code | who acts | meaning |\n|---|---|---|\n";
    for (const ErrorCodeInfo& c : kCodes) {
      if (c.room != room.key) continue;
      out += "| `" + std::string(c.code) + "` | " + std::string(remedy_text(c.remedy)) + " | " + std::string(c.meaning) + " |\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace tb
