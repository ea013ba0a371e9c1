// Autodiscovery (see discovery.h for the design). Probes are plain GET and
// OPTIONS requests on fresh sessions, with Host and User-Agent, cached by
// path, so a path shared by several variables is fetched once. The order is
// fixed: every case default first, then (only if some default failed) a
// breadth-first walk of same-origin links from the run's URL, then a choice
// per variable. Scores make "best candidate" explicit: -1 for a response
// that cannot serve the role at all, higher for each property the role
// wants; a default is replaced only by a candidate scoring higher.
// Bounds: at most max_probes pages are fetched, each at most the transport's
// max_content_bytes; the link scan over one is a single forward pass with no
// recursion (AttributeValues), linear in its bytes, and copies each link once.
#include "harness/runner/discovery.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <set>

namespace httpconform::runner {
namespace {

using Clock = std::chrono::steady_clock;

enum class Role { kStatic, kWeak, kMissing, kProtected, kReadonly, kRedirect };

struct VarRole {
  const char* name;
  Role role;
  int redirect = 0;  // kRedirect: the status wanted; 0: any of 301, 302, 307, 308.
};

// The order matters only for the order of notes. Redirects: the ones a
// directory requested without its trailing slash gets (303 answers a POST
// and 300 lists choices: no static server sends those for a path).
constexpr VarRole kVars[] = {
    {"resource", Role::kStatic},           {"data", Role::kStatic},
    {"second", Role::kStatic},             {"weak", Role::kWeak},
    {"readonly", Role::kReadonly},         {"missing", Role::kMissing},
    {"protected", Role::kProtected},       {"redirect", Role::kRedirect},
    {"redirect_301", Role::kRedirect, 301}, {"redirect_302", Role::kRedirect, 302},
    {"redirect_307", Role::kRedirect, 307}, {"redirect_308", Role::kRedirect, 308},
};

// Enough content for the range cases to ask for distinct sub-ranges.
constexpr std::uint64_t kMinRangeContent = 20;

// Directories tried for a redirect, at most.
constexpr std::size_t kMaxDirectoryProbes = 3;

struct Probe {
  bool answered = false;  // A response came back.
  int status = 0;
  core::Fields fields;
  bool html = false;  // HTML by Content-Type, or by sniffing without one.
  // Kept only while its links may still be walked (a 200 HTML page not yet
  // walked), with its share of the run's content budget.
  std::string content;
  std::shared_ptr<core::ContentLease> lease;
  std::uint64_t size = 0;
  std::string error;
};

bool LooksLikeHtml(const Probe& p) {
  const core::Field* type = core::FindField(p.fields, "Content-Type");
  if (type) return type->value.find("html") != std::string::npos;
  return p.content.find("<a ") != std::string::npos || p.content.find("<A ") != std::string::npos;
}

bool Walkable(const Probe& p) { return p.answered && p.status == 200 && p.html; }

// Content nobody will read again: its memory and budget go back at once.
void DropContent(Probe* p) {
  p->content.clear();
  p->content.shrink_to_fit();
  p->lease.reset();
}

// A probe judged for a role.
struct Verdict {
  int score = -1;
  bool keep_as_default = false;  // Good enough that a default is kept.
  std::string why;               // What was seen, for the note.
};

bool ListHasToken(const core::Fields& fields, const char* name, const char* token) {
  for (const std::string& m : core::FieldListMembers(fields, name)) {
    if (core::EqualsIgnoreCase(m, token)) return true;
  }
  return false;
}

std::string Seen(const Probe& p) {
  if (!p.answered) return p.error.empty() ? "no response" : p.error;
  return std::to_string(p.status);
}

Verdict Judge(const VarRole& var, const Probe& p) {
  Verdict v;
  if (!p.answered) {
    v.why = Seen(p);
    return v;
  }
  const core::Field* etag = core::FindField(p.fields, "ETag");
  switch (var.role) {
    case Role::kStatic: {
      if (p.status != 200) break;
      const bool has_etag = etag != nullptr;
      const bool has_lm = core::FindField(p.fields, "Last-Modified") != nullptr;
      const bool ranges = ListHasToken(p.fields, "Accept-Ranges", "bytes");
      const bool big = p.size >= kMinRangeContent;
      v.score = has_etag + has_lm + ranges + big;
      v.keep_as_default = has_etag && has_lm && ranges;
      v.why = "200";
      v.why += has_etag ? ", ETag" : ", no ETag";
      v.why += has_lm ? ", Last-Modified" : ", no Last-Modified";
      v.why += ranges ? ", Accept-Ranges: bytes" : ", no Accept-Ranges: bytes";
      v.why += ", " + std::to_string(p.size) + " bytes";
      return v;
    }
    case Role::kWeak:
      if (p.status != 200) break;
      v.score = etag && etag->value.compare(0, 2, "W/") == 0 ? 1 : 0;
      v.keep_as_default = v.score == 1;
      v.why = etag ? "200, ETag " + etag->value : "200, no ETag";
      return v;
    case Role::kMissing:
      v.score = p.status == 404 || p.status == 410 ? 1 : -1;
      v.keep_as_default = v.score == 1;
      v.why = std::to_string(p.status);
      return v;
    case Role::kProtected: {
      const bool challenged =
          p.status == 401 && core::FindField(p.fields, "WWW-Authenticate") != nullptr;
      v.score = challenged ? 1 : -1;
      v.keep_as_default = challenged;
      v.why = std::to_string(p.status) + (challenged ? " with WWW-Authenticate" : "");
      return v;
    }
    case Role::kReadonly:
      // Existence is what the 405 cases need first; whether the server
      // refuses a method there is theirs to find out (they skip otherwise).
      v.score = p.status == 200 ? 1 : -1;
      v.keep_as_default = v.score == 1;
      v.why = std::to_string(p.status);
      return v;
    case Role::kRedirect: {
      // The status alone: whether the redirect says where (Location) is
      // what the redirect cases check.
      const int s = p.status;
      const bool wanted =
          var.redirect != 0 ? s == var.redirect : (s == 301 || s == 302 || s == 307 || s == 308);
      v.score = wanted ? 1 : -1;
      v.keep_as_default = wanted;
      const core::Field* location = core::FindField(p.fields, "Location");
      v.why = std::to_string(s) + (location ? ", Location: " + location->value : "");
      return v;
    }
  }
  v.why = std::to_string(p.status);
  return v;
}

// The directories above `path` ("/a/b/c.txt": "/a/b", "/a"), without their
// trailing slash: a server that serves a directory redirects such a request
// to the slash form (a 301 or 308 mostly), the one redirect a static server
// is sure to have.
std::vector<std::string> SlashlessDirectories(const std::string& path) {
  std::vector<std::string> out;
  std::string dir = path.substr(0, path.find('?'));
  for (std::size_t slash = dir.rfind('/'); slash != std::string::npos && slash > 0;
       slash = dir.rfind('/')) {
    dir.resize(slash);
    out.push_back(dir);
  }
  return out;
}

const char* RoleWants(Role role) {
  switch (role) {
    case Role::kStatic:
      return "a 200 with ETag, Last-Modified, Accept-Ranges: bytes and >= 20 bytes";
    case Role::kWeak:
      return "a 200 with a weak ETag";
    case Role::kMissing:
      return "a 404 or 410";
    case Role::kProtected:
      return "a 401 with WWW-Authenticate";
    case Role::kReadonly:
      return "an existing resource (200)";
    case Role::kRedirect:
      return "a redirect of a directory requested without its trailing slash";
  }
  return "";
}

// Sends probes within the budgets, caching by method and path.
class Prober {
 public:
  Prober(const transport::Target& target, transport::Transport& transport,
         const DiscoveryOptions& options)
      : target_(target),
        transport_(transport),
        options_(options),
        deadline_(Clock::now() + std::chrono::milliseconds(options.budget_ms)) {}

  // The cached or new probe, or nullptr when the budget is spent.
  const Probe* Get(const std::string& path) { return Fetch("GET", path); }
  const Probe* Options(const std::string& path) { return Fetch("OPTIONS", path); }
  const Probe* Cached(const std::string& path) const {
    auto it = cache_.find("GET " + path);
    return it == cache_.end() ? nullptr : &it->second;
  }
  bool Exhausted() const {
    return silent_ || sent_ >= options_.max_probes || Clock::now() >= deadline_ ||
           (options_.stop != nullptr && options_.stop->load());
  }
  int sent() const { return sent_; }
  // Probes that may still be sent.
  int left() const { return Exhausted() ? 0 : options_.max_probes - sent_; }
  // The links of a walkable GET probe, once: its content is dropped after.
  std::vector<std::string> TakeLinks(const std::string& path) {
    auto it = cache_.find("GET " + path);
    if (it == cache_.end() || !Walkable(it->second)) return {};
    std::vector<std::string> links = ExtractSameOriginLinks(it->second.content, path, target_);
    DropContent(&it->second);
    return links;
  }
  // Every probe sent waited out its deadline without a byte.
  bool AllSilent() const { return sent_ > 0 && silent_ && heard_ == 0; }
  // GET paths in the order they were first probed.
  const std::vector<std::string>& order() const { return order_; }

 private:
  const Probe* Fetch(const std::string& method, const std::string& path) {
    const std::string key = method + " " + path;
    auto it = cache_.find(key);
    if (it != cache_.end()) return &it->second;
    if (Exhausted()) return nullptr;
    ++sent_;
    Probe probe;
    transport::OutgoingRequest req;
    req.method = method;
    req.target = path;
    req.headers = {{"Host", target_.authority}, {"User-Agent", options_.user_agent}};
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    req.timeout_ms = static_cast<int>(
        std::max<long long>(1, std::min<long long>(options_.request_timeout_ms, left.count())));
    std::unique_ptr<transport::Session> session = transport_.OpenSession();
    core::Expected<transport::Exchange> ex = session->Send(req);
    // Any byte, or a close, is a sign of life, even when it makes no response.
    if (ex && (!ex->received.empty() || ex->connection_closed)) ++heard_;
    if (!ex) {
      probe.error = ex.error().message;
    } else if (ex->response && !ex->response->head.version.empty()) {
      probe.answered = true;
      probe.status = ex->response->head.status;
      probe.fields = ex->response->head.fields;
      probe.content = std::move(ex->response->content);  // Moved: one copy per exchange.
      probe.lease = std::move(ex->content_lease);
      probe.size = ex->response->content_size;
      probe.html = LooksLikeHtml(probe);
      if (method != "GET" || !Walkable(probe)) DropContent(&probe);
    } else {
      // Bytes without a status line are no answer either (RFC 9112 §4).
      probe.error = ex->timed_out       ? "timeout"
                    : ex->response      ? "not HTTP: no status line"
                    : ex->error.empty() ? "no response"
                                        : ex->error;
      // Nothing at all before the deadline: more probes would only wait too.
      silent_ = ex->timed_out;
    }
    if (method == "GET") order_.push_back(path);
    return &cache_.emplace(key, std::move(probe)).first->second;
  }

  const transport::Target& target_;
  transport::Transport& transport_;
  const DiscoveryOptions& options_;
  const Clock::time_point deadline_;
  int sent_ = 0;
  int heard_ = 0;  // Probes that got a byte back, or saw the connection close.
  bool silent_ = false;
  std::map<std::string, Probe> cache_;
  std::vector<std::string> order_;
};

// Removes "." and ".." segments (RFC 3986 §5.2.4, simplified: the input is
// always an absolute path here).
std::string RemoveDotSegments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 1;
  bool trailing_slash = false;
  while (i <= path.size()) {
    std::size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    std::string seg = path.substr(i, slash - i);
    trailing_slash = slash < path.size() && slash + 1 == path.size();
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing_slash = true;
    } else if (seg == ".") {
      trailing_slash = true;
    } else if (!seg.empty() || slash == path.size()) {
      out.push_back(seg);
    }
    i = slash + 1;
  }
  std::string joined;
  for (const std::string& s : out) joined += "/" + s;
  if (joined.empty() || (trailing_slash && joined.back() != '/')) joined += "/";
  return joined;
}

std::string DefaultPort(const std::string& scheme) { return scheme == "https" ? "443" : "80"; }

bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether `doc` has `name` (lowercase) at `i`, in any case.
bool NameAt(std::string_view doc, std::size_t i, std::string_view name) {
  if (doc.size() - i < name.size()) return false;
  for (std::size_t k = 0; k < name.size(); ++k) {
    if (Lower(doc[i + k]) != name[k]) return false;
  }
  return true;
}

// The values of the href and src attributes of `doc`, in order: "href" or
// "src" in any case, optional white space, "=", optional white space, then a
// value in double or single quotes, or unquoted up to white space, '>' or a
// quote. One forward pass, no recursion, linear in the document: a value
// found moves the scan past it, a failed attempt moves it on one byte, and a
// search for a closing quote fails at most once per kind of quote (an opening
// quote after the failed one would have closed it).
std::vector<std::string_view> AttributeValues(std::string_view doc) {
  std::vector<std::string_view> values;
  std::size_t i = 0;
  while (i < doc.size()) {
    const std::size_t name = NameAt(doc, i, "href") ? 4 : NameAt(doc, i, "src") ? 3 : 0;
    if (name == 0) {
      ++i;
      continue;
    }
    std::size_t j = i + name;
    while (j < doc.size() && IsHtmlSpace(doc[j])) ++j;
    if (j == doc.size() || doc[j] != '=') {
      ++i;
      continue;
    }
    ++j;
    while (j < doc.size() && IsHtmlSpace(doc[j])) ++j;
    if (j < doc.size() && (doc[j] == '"' || doc[j] == '\'')) {
      const std::size_t close = doc.find(doc[j], j + 1);
      if (close == std::string_view::npos) {
        ++i;
        continue;
      }
      values.push_back(doc.substr(j + 1, close - j - 1));
      i = close + 1;
      continue;
    }
    std::size_t end = j;
    while (end < doc.size() && !IsHtmlSpace(doc[end]) && doc[end] != '>' && doc[end] != '"' &&
           doc[end] != '\'') {
      ++end;
    }
    if (end == j) {
      ++i;
      continue;
    }
    values.push_back(doc.substr(j, end - j));
    i = end;
  }
  return values;
}

// The length of a URI scheme and its ":" at the start of `link`
// ([A-Za-z][A-Za-z0-9+.-]*":"), or 0.
std::size_t SchemeLength(std::string_view link) {
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (link.empty() || !alpha(link[0])) return 0;
  std::size_t i = 1;
  while (i < link.size() && (alpha(link[i]) || (link[i] >= '0' && link[i] <= '9') ||
                             link[i] == '+' || link[i] == '.' || link[i] == '-')) {
    ++i;
  }
  return i < link.size() && link[i] == ':' ? i + 1 : 0;
}

// What discovery says about one variable, gathered before it is written.
struct VarNotes {
  std::vector<std::string> kept;      // "PATH (why)" of defaults good as they are.
  std::vector<std::string> replaced;  // "default A (why) replaced by B (why)".
  std::set<std::string> targets;      // The B's.
  std::vector<std::pair<std::string, std::string>> unimproved;  // (default, "PATH (why)").
};

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

std::vector<std::string> DiscoverableVars() {
  std::vector<std::string> names;
  for (const VarRole& v : kVars) names.push_back(v.name);
  return names;
}

std::vector<std::string> ExtractSameOriginLinks(std::string_view html, const std::string& page_path,
                                                const transport::Target& target) {
  std::vector<std::string> links;
  std::set<std::string> seen;
  for (std::string_view value : AttributeValues(html)) {
    std::string link(value.substr(0, value.find('#')));
    if (link.empty()) continue;
    std::string path;
    if (link.compare(0, 2, "//") == 0) link = target.scheme + ":" + link;
    if (const std::size_t scheme = SchemeLength(link); scheme > 0) {
      // Absolute URI: same origin only (scheme, host and port).
      if (!core::EqualsIgnoreCase(link.substr(0, scheme - 1), target.scheme) ||
          link.compare(scheme, 2, "//") != 0) {
        continue;
      }
      const std::size_t start = scheme + 2;
      std::size_t end = link.find_first_of("/?", start);
      if (end == std::string::npos) end = link.size();
      std::string authority = link.substr(start, end - start);
      if (authority.find('@') != std::string::npos) continue;  // Userinfo: not ours.
      std::size_t colon = authority.rfind(':');
      std::string host = authority, port = DefaultPort(target.scheme);
      if (colon != std::string::npos && authority.find(']', colon) == std::string::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
      }
      if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
      if (!core::EqualsIgnoreCase(host, target.host) || port != std::to_string(target.port)) {
        continue;
      }
      path = end == link.size() ? "/" : link.substr(end);
      if (path[0] == '?') path = "/" + path;
    } else if (link[0] == '/') {
      path = link;
    } else if (link[0] == '?') {
      path = page_path.substr(0, page_path.find('?')) + link;
    } else {
      std::string dir = page_path.substr(0, page_path.find('?'));
      dir = dir.substr(0, dir.rfind('/') + 1);
      path = dir + link;
    }
    std::size_t q = path.find('?');
    std::string query = q == std::string::npos ? "" : path.substr(q);
    path = RemoveDotSegments(path.substr(0, q)) + query;
    if (seen.insert(path).second) links.push_back(path);
  }
  return links;
}

DiscoveryResult Discover(const std::vector<core::Case>& cases, const transport::Target& target,
                         transport::Transport& transport,
                         const std::map<std::string, std::string>& given,
                         const DiscoveryOptions& options) {
  DiscoveryResult result;
  // Which discoverable variables the cases use, with their distinct defaults
  // ("" for a null default), skipping those --var sets.
  std::map<std::string, std::vector<std::string>> defaults;
  for (const core::Case& c : cases) {
    for (const auto& [name, value] : c.vars) {
      if (given.count(name)) continue;
      bool known = false;
      for (const VarRole& v : kVars) known = known || name == v.name;
      if (!known) continue;
      std::vector<std::string>& list = defaults[name];
      const std::string d = value.value_or("");
      if (std::find(list.begin(), list.end(), d) == list.end()) list.push_back(d);
    }
  }
  if (defaults.empty()) return result;

  Prober prober(target, transport, options);
  // 1. Every default, judged for its role.
  struct Pending {
    const VarRole* var;
    std::string def;
    Verdict verdict;
  };
  std::vector<Pending> failing;
  std::map<std::string, VarNotes> notes;
  for (const VarRole& v : kVars) {
    auto it = defaults.find(v.name);
    if (it == defaults.end()) continue;
    std::vector<std::string> kept;
    for (const std::string& d : it->second) {
      Verdict verdict;
      if (!d.empty()) {
        const Probe* p = prober.Get(d);
        if (!p) {
          result.notes.push_back(std::string("discovery: ") + v.name + ": probe budget spent; " +
                                 "default " + d + " not checked");
          continue;
        }
        verdict = Judge(v, *p);
      } else {
        verdict.why = "no default";
      }
      if (verdict.keep_as_default) {
        kept.push_back(d + " (" + verdict.why + ")");
      } else {
        failing.push_back({&v, d, verdict});
      }
    }
    if (!kept.empty()) notes[v.name].kept = kept;
  }

  // Redirects: the slash-less form of the directories of resources found so
  // far, the case defaults first (before a link walk spends the budget).
  const bool wants_redirect = std::any_of(failing.begin(), failing.end(), [](const Pending& f) {
    return f.var->role == Role::kRedirect;
  });
  std::set<std::string> directories;
  auto probe_directories = [&] {
    if (!wants_redirect) return;
    const std::vector<std::string> probed = prober.order();  // Get() appends to it.
    for (const std::string& path : probed) {
      const Probe* p = prober.Cached(path);
      if (p == nullptr || !p->answered || p->status != 200) continue;
      for (const std::string& dir : SlashlessDirectories(path)) {
        if (directories.size() >= kMaxDirectoryProbes || prober.Exhausted()) return;
        if (directories.insert(dir).second) prober.Get(dir);
      }
    }
  };
  probe_directories();

  // 2. Only if a default failed: walk same-origin links from the run's URL.
  if (!failing.empty()) {
    std::deque<std::string> queue{target.base_path};
    std::set<std::string> queued{target.base_path};
    while (!queue.empty() && !prober.Exhausted()) {
      std::string path = queue.front();
      queue.pop_front();
      if (!prober.Get(path)) continue;
      // Only the first links not yet probed that the probes left can reach
      // are queued: a page of 100,000 links costs no more than one of 20.
      int reachable = prober.left();
      for (const std::string& queued_path : queue) reachable -= !prober.Cached(queued_path);
      for (const std::string& link : prober.TakeLinks(path)) {
        if (reachable <= 0) break;
        if (!queued.insert(link).second) continue;
        queue.push_back(link);
        reachable -= !prober.Cached(link);
      }
    }
  }

  probe_directories();

  // 3. A replacement per failing default: the best-scoring probed path.
  std::string missing_choice;
  for (const Pending& f : failing) {
    const std::string shown = f.def.empty() ? "(none)" : f.def;
    std::string best;
    Verdict best_verdict;
    for (const std::string& path : prober.order()) {
      const Probe* p = prober.Cached(path);
      Verdict v = Judge(*f.var, *p);
      if (v.score > best_verdict.score) {
        best = path;
        best_verdict = v;
      }
    }
    if (f.var->role == Role::kMissing && best_verdict.score < 1) {
      // Links lead to things that exist; make up a path that should not.
      if (missing_choice.empty()) missing_choice = "/httpconform-discovery-no-such-resource";
      if (const Probe* p = prober.Get(missing_choice)) {
        Verdict v = Judge(*f.var, *p);
        if (v.score > best_verdict.score) {
          best = missing_choice;
          best_verdict = v;
        }
      }
    }
    // A static resource may improve in part (validators without ranges beat a
    // 404: the cases then skip for the precise reason); every other role
    // needs the real thing, or the cases would test something else.
    const bool good_enough =
        f.var->role == Role::kStatic ? best_verdict.score >= 0 : best_verdict.keep_as_default;
    VarNotes& n = notes[f.var->name];
    if (!best.empty() && best_verdict.score > f.verdict.score && good_enough) {
      result.replaced_defaults[f.var->name][f.def] = best;
      n.replaced.push_back("default " + shown + " (" + f.verdict.why + ") replaced by " + best +
                           " (" + best_verdict.why + ")");
      n.targets.insert(best);
    } else {
      n.unimproved.push_back({f.def, shown + " (" + f.verdict.why + ")"});
    }
  }
  // One line per variable, each default named once: a default that is
  // itself the replacement of another is "the best candidate", not a
  // contradicting "no better candidate".
  for (const VarRole& v : kVars) {
    auto it = notes.find(v.name);
    if (it == notes.end()) continue;
    const VarNotes& n = it->second;
    std::vector<std::string> parts;
    if (!n.kept.empty()) parts.push_back("kept default " + Join(n.kept));
    parts.insert(parts.end(), n.replaced.begin(), n.replaced.end());
    std::vector<std::string> keep;
    for (const auto& [def, shown] : n.unimproved) {
      if (n.targets.count(def)) {
        parts.push_back("default " + shown + " kept: it is that best candidate");
      } else {
        keep.push_back(shown);
      }
    }
    if (!keep.empty()) {
      parts.push_back(std::string("no better candidate (") + RoleWants(v.role) + ") among " +
                      std::to_string(prober.order().size()) + " paths probed; cases keep default " +
                      Join(keep));
    }
    std::string line;
    for (const std::string& p : parts) line += (line.empty() ? "" : "; ") + p;
    result.notes.push_back(std::string("discovery: ") + v.name + ": " + line);
  }
  // What a person could try with --var: the probed paths that fit each role.
  for (const auto& entry : defaults) {
    const std::string& name = entry.first;
    const VarRole* var = nullptr;
    for (const VarRole& v : kVars) var = name == v.name ? &v : var;
    std::vector<std::pair<int, std::string>> fits;
    for (const std::string& path : prober.order()) {
      const Verdict v = Judge(*var, *prober.Cached(path));
      if (v.score >= 0) fits.emplace_back(v.score, path + " (" + v.why + ")");
    }
    std::stable_sort(fits.begin(), fits.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < fits.size() && i < 3; ++i) {
      result.candidates[name].push_back(fits[i].second);
    }
  }

  // 4. What the server says it allows, for people reading the report.
  std::string allow_path;
  for (const char* name : {"readonly", "resource"}) {
    auto it = result.replaced_defaults.find(name);
    if (it != result.replaced_defaults.end() && !it->second.empty()) {
      allow_path = it->second.begin()->second;
    } else if (defaults.count(name) && !defaults[name].front().empty()) {
      allow_path = defaults[name].front();
    }
    if (!allow_path.empty()) break;
  }
  if (!allow_path.empty()) {
    if (const Probe* p = prober.Options(allow_path)) {
      const core::Field* allow = p->answered ? core::FindField(p->fields, "Allow") : nullptr;
      result.notes.push_back("discovery: OPTIONS " + allow_path + " -> " + Seen(*p) +
                             (allow ? ", Allow: " + allow->value : ", no Allow"));
    }
  }
  result.probes = prober.sent();
  result.silent = prober.AllSilent();
  result.notes.push_back("discovery: " + std::to_string(result.probes) +
                         " probe(s) sent (at most " + std::to_string(options.max_probes) +
                         "); --var overrides, --no-discover "
                         "turns discovery off");
  return result;
}

}  // namespace httpconform::runner
