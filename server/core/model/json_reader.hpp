// The one reader of JSON objects in the emulator: /push.json and tag bodies, control-API bodies,
// the config file and the device seed file. Typed reads of members with the JSON path in every
// error, and the list of members nobody read.
#pragma once

#include "core/model/error.hpp"
#include "core/model/json.hpp"
#include "core/model/profile.hpp"

#include <boost/container/small_vector.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace push::core {

/// How a reader treats what a body leaves out or adds.
enum class read_mode {
    /// The public API [D-11]: `null`, `""` and `[]` mean "not set" (body/unset-values); unknown
    /// members are ignored and listed (body/unknown-fields). Errors are the public API's codes.
    tolerant,
    /// The control API, the config file and the seed file: `null` means "not set" and an
    /// unknown member is an error. Every error is 400/1002 emulator/control.
    exact,
};

/// What every reader of one document shares: profile, mode and the unknown fields seen so far.
struct read_context {
    core::profile profile = profile::lenient;
    read_mode mode = read_mode::tolerant;
    std::vector<std::string> ignored_fields;
    /// Other X-Emulator-Warnings lines of the public API: what was accepted only by the
    /// lenient profile ([D-13], [D-14]).
    std::vector<std::string> warnings{};
    /// A member was present with a value that means "not set" (body/unset-values).
    bool saw_unset = false;
    /// A lenient coercion was applied (body/lenient-coercions).
    bool coerced = false;
};

/// `null`, `""` and `[]` mean "not set" [D-11] (body/unset-values).
bool is_unset(json::value const& v) noexcept;

/// "a.b" from "a" and "b"; "b" when the parent is the document itself.
std::string member_path(std::string_view parent, std::string_view key);
/// "a.b[3]".
std::string element_path(std::string_view array_path, std::size_t index);

/// The value as an int64 when it is a JSON integer that fits; nullopt otherwise.
std::optional<std::int64_t> as_int64(json::value const& v) noexcept;
/// "https://" (scheme case-insensitive) followed by at least one character.
bool is_https_url(std::string_view s) noexcept;

/// Reads the members of one JSON object. The first error wins: after it every read is a no-op,
/// so a parser reads all its members in a row and checks `ok()` once. Every member a read asks
/// for counts as known; `finish()` deals with the others as the mode says. JSON paths are built
/// only for an error or an unknown member: reading a valid document allocates nothing here.
class object_reader {
public:
    /// A reader of a document, or of a part of one named `root` ("" for a request body,
    /// "apps[0]" in a config file); `root` must outlive the reader.
    object_reader(json::object const& object, std::string_view root, read_context& ctx);
    /// A reader of the object at member `key` of the one `parent` reads.
    object_reader(json::object const& object, object_reader& parent, std::string_view key);

    /// The JSON path of this object ("notification.ios"; "" for a body).
    std::string path() const;
    std::string path_of(std::string_view key) const { return member_path(path(), key); }
    read_context& context() noexcept { return ctx_; }
    bool ok() const noexcept { return !error_; }
    api_error const& error() const noexcept { return *error_; }
    /// Records an error unless one is already recorded.
    void fail(api_error e);
    /// Records the error for a bad value of member `key`: `path_of(key) + " " + what`, under
    /// `rule` in the tolerant mode (code 1002, or 1005 when `over_limit` [D-4]).
    void fail_member(std::string_view key, std::string_view what, std::string_view rule,
                     bool over_limit = false);

    /// The member as sent (nullptr when absent), marked known.
    json::value const* raw(std::string_view key);
    /// The member, or nullptr when absent, not set (as the mode says) or after an error.
    json::value const* find(std::string_view key);

    /// A string member of at most `max_bytes` bytes; anything else than a string fails with
    /// `rule`.
    void read_string(std::string_view key, std::optional<std::string>& out, std::string_view rule,
                     std::size_t max_bytes = std::numeric_limits<std::size_t>::max());
    /// A required, non-empty string member of at most `max_bytes` bytes.
    void require_string(std::string_view key, std::string& out, std::string_view rule,
                        std::size_t max_bytes = std::numeric_limits<std::size_t>::max());
    /// A string member whose value is one of `allowed` (case-sensitive).
    void read_string_in(std::string_view key, std::optional<std::string>& out,
                        std::initializer_list<std::string_view> allowed, std::string_view rule);
    /// A string member holding an https:// URL.
    void read_https_url(std::string_view key, std::optional<std::string>& out,
                        std::string_view rule);
    /// A boolean member.
    void read_bool(std::string_view key, std::optional<bool>& out, std::string_view rule);
    /// An integer member; a non-integer fails with `type_rule`, an integer outside int64 with
    /// `range_rule`.
    void read_int(std::string_view key, std::optional<std::int64_t>& out,
                  std::string_view type_rule, std::string_view range_rule);
    /// An integer member within [min, max].
    void read_int_range(std::string_view key, std::optional<std::int64_t>& out, std::int64_t min,
                        std::int64_t max, std::string_view rule);
    /// An integer member whose value is one of `allowed`.
    void read_int_in(std::string_view key, std::optional<int>& out,
                     std::initializer_list<int> allowed, std::string_view rule);
    /// An array of non-empty strings with at most `max_count` entries.
    void read_strings(std::string_view key, std::vector<std::string>& out, std::size_t max_count,
                      std::string_view type_rule, std::string_view count_rule);
    /// An object member, or nullptr when absent or not set. Strict rejects `[]` for it
    /// (body/unset-values); any other non-object fails with `type_rule`.
    json::object const* find_object(std::string_view key, std::string_view type_rule);
    /// An object member kept as compact JSON text (`extras`: its members are not checked).
    void read_extras(std::string_view key, std::optional<std::string>& out,
                     std::string_view type_rule);

    /// A nested object read by `parse(reader, value)` into `out`; `parse` records its errors
    /// on the child reader, which is finished here.
    template <class T, class Parse>
    void read_child(std::string_view key, std::optional<T>& out, std::string_view type_rule,
                    Parse parse) {
        if (json::object const* child = find_object(key, type_rule))
            read_object(*child, key, out.emplace(), parse);
        if (!ok())
            out.reset();
    }
    /// The object `child` (member `key`) read by `parse(reader, value)` into `value`.
    template <class T, class Parse>
    void read_object(json::object const& child, std::string_view key, T& value, Parse parse) {
        object_reader r(child, *this, key);
        parse(r, value);
        if (auto done = r.finish(); !done)
            fail(done.error());
    }

    /// On success, deals with the members no read asked for: listed as ignored fields
    /// (tolerant) or refused (exact); returns the first error otherwise.
    api_result<void> finish();
    /// finish(), then `value` on success.
    template <class T> api_result<T> finish(T value) {
        if (auto f = finish(); !f)
            return f.error();
        return value;
    }

private:
    json::object const& object_;
    object_reader const* parent_ = nullptr;
    std::string_view name_; // the root's path, or the member key under the parent
    read_context& ctx_;
    boost::container::small_vector<std::string_view, 16> known_;
    std::optional<api_error> error_;
};

} // namespace push::core
