#include "conformance/target/target.hpp"

namespace push::conformance {

result<credentials> find_credentials(std::optional<std::string> const& key_flag,
                                     std::optional<std::string> const& secret_flag,
                                     std::function<char const*(char const*)> const& getenv) {
    auto pick = [&](std::optional<std::string> const& flag, char const* env) {
        if (flag && !flag->empty())
            return *flag;
        char const* v = getenv(env);
        return v ? std::string(v) : std::string();
    };
    auto key = pick(key_flag, "PUSH_APP_KEY");
    auto secret = pick(secret_flag, "PUSH_APP_SECRET");
    std::string missing;
    if (key.empty())
        missing += " PUSH_APP_KEY (or --app-key)";
    if (secret.empty())
        missing += " PUSH_APP_SECRET (or --app-secret)";
    if (!missing.empty())
        return fail("missing:" + missing);
    return credentials{key, secret};
}

} // namespace push::conformance
