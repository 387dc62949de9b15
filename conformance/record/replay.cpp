#include "conformance/record/replay.hpp"

#include "conformance/fixture/document_reader.hpp"

namespace push::conformance {

result<std::vector<fixture>> replay_cases(recording const& rec) {
    std::vector<fixture> out;
    for (auto const& c : rec.cases) {
        document_reader rd(c.file);
        fixture f;
        f.id = c.id;
        f.area = c.id.substr(0, c.id.find('/'));
        f.file = c.file;
        f.rules = c.rules;
        f.description = c.description;
        f.profile = c.profile;
        f.app = c.app;
        f.has_app = !c.app.empty();
        for (std::size_t i = 0; i < c.exchanges.size(); ++i) {
            auto p = child_pointer(child_pointer("/exchanges", i), "request");
            auto r = read_request(rd, c.exchanges[i].request, p, false);
            if (!r)
                return r.error();
            // No expectation: the recorded answer is compared instead.
            auto s = make_step(rd, step::kind::request, std::move(*r), json::object(), p);
            if (!s)
                return s.error();
            f.steps.push_back(std::move(*s));
        }
        out.push_back(std::move(f));
    }
    return out;
}

target_run recorded_run(recording const& rec) {
    target_run run{"recording", rec.target, {}};
    for (auto const& c : rec.cases) {
        case_result r;
        r.id = c.id;
        r.area = c.id.substr(0, c.id.find('/'));
        r.rules = c.rules;
        r.description = c.description;
        r.file = c.file;
        for (auto const& x : c.exchanges) {
            step_outcome s;
            s.status = x.status;
            s.headers = x.headers;
            s.body = x.body;
            s.raw_body = x.raw_body;
            r.steps.push_back(std::move(s));
        }
        r.status = r.steps.empty() ? 0 : r.steps.back().status;
        run.results.push_back(std::move(r));
    }
    return run;
}

result<recording> select_recorded(recording rec, std::vector<std::string> const& prefixes) {
    if (prefixes.empty())
        return rec;
    std::vector<bool> used(prefixes.size(), false);
    std::vector<recorded_case> kept;
    for (auto& c : rec.cases) {
        bool take = false;
        for (std::size_t i = 0; i < prefixes.size(); ++i)
            if (c.id.rfind(prefixes[i], 0) == 0)
                take = used[i] = true;
        if (take)
            kept.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < prefixes.size(); ++i)
        if (!used[i])
            return fail("no recorded case id starts with '" + prefixes[i] + "'");
    rec.cases = std::move(kept);
    return rec;
}

} // namespace push::conformance
