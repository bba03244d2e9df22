// SPDX-License-Identifier: EUPL-1.2
// The crisis log RPCs (CrisisService, LedgerService) against a real server with the demo data:
// read access per crisis, exactly-once appends (also across a restart), reading, search,
// actions, handover, exports that verify offline, checkpoints and proofs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/crisis/entry_codec.h"
#include "common/crisis/export.h"
#include "common/ledger/checkpoint.h"
#include "common/ledger/note.h"
#include "common/ledger/verify.h"
#include "paraat/v1/audit.grpc.pb.h"
#include "paraat/v1/auth.grpc.pb.h"
#include "paraat/v1/crisis.grpc.pb.h"
#include "paraat/v1/ledger.grpc.pb.h"
#include "proto/convert/convert.h"
#include "proto/convert/crisis_convert.h"
#include "server/storage/database.h"
#include "tests/support/test_server.h"

namespace paraat {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using testing::TestServer;

constexpr int64_t kDemo = 1;          // "Opvang vluchtelingen": beuningen, heumen, wijchen
constexpr int64_t kDemoEntries = 20;  // 1 opened, 5 14 11 decisions, 6 7 16 actions, 15 corrects 14

std::vector<int64_t> Seqs(const google::protobuf::RepeatedPtrField<v1::Entry>& entries) {
  std::vector<int64_t> out;
  for (const auto& e : entries) out.push_back(e.seq());
  return out;
}

ledger::Hash HashOf(const std::string& bytes) { return ledger::HashFromBytes(bytes).value(); }

class CrisisServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = TestServer::StartDemo();
    Connect();
    officer_ = server_->LoginAs("officer");          // h.devries, scoped to wijchen
    coordinator_ = server_->LoginAs("coordinator");  // m.gerritsen, regional
    admin_ = server_->LoginAs("administrator");      // n.arts, regional
  }

  void Connect() {
    crises_ = v1::CrisisService::NewStub(server_->channel());
    ledger_ = v1::LedgerService::NewStub(server_->channel());
  }

  grpc::Status Open(const std::string& token, const std::string& title,
                    std::vector<std::string> municipalities, v1::OpenCrisisResponse* resp,
                    const std::string& key = "", std::optional<absl::Time> began = std::nullopt) {
    v1::OpenCrisisRequest req;
    req.set_title(title);
    req.set_type("openbare orde");
    for (const auto& m : municipalities) req.add_municipalities(m);
    req.set_grip("1");
    req.set_text("Eerste beeld");
    req.set_idempotency_key(key.empty() ? absl::StrCat("open-", ++keys_) : key);
    if (began) convert::ToProto(*began, req.mutable_event_time());
    auto ctx = TestServer::Context(token);
    return crises_->OpenCrisis(ctx.get(), req, resp);
  }

  int64_t OpenOrDie(const std::string& title, std::vector<std::string> municipalities,
                    std::optional<absl::Time> began = std::nullopt) {
    v1::OpenCrisisResponse resp;
    grpc::Status s = Open(coordinator_, title, std::move(municipalities), &resp, "", began);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.crisis().id();
  }

  static v1::AppendEntryRequest Request(int64_t crisis, v1::EntryKind kind, const std::string& text,
                                        const std::string& key) {
    v1::AppendEntryRequest req;
    req.set_crisis(crisis);
    req.set_kind(kind);
    req.set_text(text);
    req.set_idempotency_key(key);
    return req;
  }

  grpc::Status Append(const std::string& token, const v1::AppendEntryRequest& req,
                      v1::AppendEntryResponse* resp) {
    auto ctx = TestServer::Context(token);
    return crises_->AppendEntry(ctx.get(), req, resp);
  }

  v1::Entry AppendOrDie(const v1::AppendEntryRequest& req, const std::string& token = "") {
    v1::AppendEntryResponse resp;
    grpc::Status s = Append(token.empty() ? coordinator_ : token, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp.entry();
  }

  v1::Entry Log(int64_t crisis, v1::EntryKind kind, const std::string& text) {
    return AppendOrDie(Request(crisis, kind, text, absl::StrCat("k-", ++keys_)));
  }

  grpc::Status List(const std::string& token, int64_t crisis, v1::ListEntriesResponse* resp,
                    const v1::EntryFilter& filter = {}, int page_size = 0, int64_t after = 0) {
    v1::ListEntriesRequest req;
    req.set_crisis(crisis);
    req.set_page_size(page_size);
    req.set_after_seq(after);
    *req.mutable_filter() = filter;
    auto ctx = TestServer::Context(token);
    return crises_->ListEntries(ctx.get(), req, resp);
  }

  std::vector<v1::Entry> AllEntries(int64_t crisis) {
    v1::ListEntriesResponse resp;
    grpc::Status s = List(coordinator_, crisis, &resp, {}, 1000);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {resp.entries().begin(), resp.entries().end()};
  }

  grpc::Status Search(int64_t crisis, const std::string& query, v1::ListEntriesResponse* resp,
                      int page_size = 0, const std::string& token = "") {
    v1::SearchEntriesRequest req;
    req.set_crisis(crisis);
    req.set_query(query);
    req.set_page_size(page_size);
    auto ctx = TestServer::Context(token.empty() ? officer_ : token);
    return crises_->SearchEntries(ctx.get(), req, resp);
  }

  v1::Crisis Get(int64_t id) {
    v1::GetCrisisRequest req;
    req.set_id(id);
    v1::Crisis resp;
    auto ctx = TestServer::Context(coordinator_);
    EXPECT_TRUE(crises_->GetCrisis(ctx.get(), req, &resp).ok());
    return resp;
  }

  grpc::Status Checkpoint(int64_t crisis, v1::GetCheckpointResponse* resp,
                          const std::string& token = "") {
    v1::GetCheckpointRequest req;
    req.set_crisis(crisis);
    auto ctx = TestServer::Context(token.empty() ? coordinator_ : token);
    return ledger_->GetCheckpoint(ctx.get(), req, resp);
  }

  // Polls GetCheckpoint (at most `limit`) until it covers `size` entries.
  std::optional<v1::GetCheckpointResponse> WaitForCheckpoint(int64_t crisis, uint64_t size,
                                                             absl::Duration limit = absl::Seconds(2)) {
    const absl::Time deadline = absl::Now() + limit;
    while (true) {
      v1::GetCheckpointResponse resp;
      if (Checkpoint(crisis, &resp).ok() && resp.tree_size() >= size) return resp;
      if (absl::Now() > deadline) return std::nullopt;
      absl::SleepFor(absl::Milliseconds(10));
    }
  }

  std::string VerifierKey() {
    v1::GetPublicKeyResponse resp;
    auto ctx = TestServer::Context(officer_);
    EXPECT_TRUE(ledger_->GetPublicKey(ctx.get(), v1::GetPublicKeyRequest(), &resp).ok());
    return resp.verifier_key();
  }

  // A coordinator scoped to druten (c.peters), made by the administrator.
  std::string DrutenCoordinator() {
    return server_->LoginNewAccount("c.druten", "c.peters", v1::ROLE_COORDINATOR, "druten");
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<v1::CrisisService::Stub> crises_;
  std::unique_ptr<v1::LedgerService::Stub> ledger_;
  std::string officer_, coordinator_, admin_;
  int keys_ = 0;
};

// A municipal administrator reads what the accounts of their municipality did, but nothing of
// a crisis they may not read: its records would tell its title and its entries.
TEST_F(CrisisServiceTest, AMunicipalAdministratorsAuditLeavesOutCrisesTheyMayNotRead) {
  const std::string wadmin =
      server_->LoginNewAccount("w.admin", "g.smits", v1::ROLE_ADMINISTRATOR, "wijchen");

  // The regional coordinator (a person of Wijchen) opens a crisis of Druten only, and logs in
  // the demo crisis, which concerns Wijchen too.
  const int64_t druten = OpenOrDie("Geheim Druten", {"druten"});
  Log(druten, v1::ENTRY_KIND_SITUATION, "Alleen voor Druten");
  Log(kDemo, v1::ENTRY_KIND_SITUATION, "Rustig in Wijchen");

  auto audit = v1::AuditService::NewStub(server_->channel());
  std::vector<std::string> objects;
  for (int64_t after = 0;;) {
    v1::ListAuditRequest req;
    req.set_after_id(after);
    req.set_page_size(1000);
    v1::ListAuditResponse resp;
    auto ctx = TestServer::Context(wadmin);
    grpc::Status st = audit->ListAudit(ctx.get(), req, &resp);
    ASSERT_TRUE(st.ok()) << st.error_message();
    for (const auto& r : resp.records()) {
      objects.push_back(r.object());
      EXPECT_EQ(r.after_json().find("Geheim Druten"), std::string::npos) << r.DebugString();
    }
    if (resp.next_after_id() == 0 || resp.records_size() == 0) break;
    after = resp.next_after_id();
  }
  const std::string demo = absl::StrCat("crisis/", kDemo);
  EXPECT_NE(std::find(objects.begin(), objects.end(), demo), objects.end());
  EXPECT_EQ(std::find(objects.begin(), objects.end(), absl::StrCat("crisis/", druten)),
            objects.end());
}

TEST_F(CrisisServiceTest, TheDemoCrisisIsThere) {
  const v1::Crisis c = Get(kDemo);
  EXPECT_EQ(c.title(), "Opvang vluchtelingen");
  EXPECT_EQ(c.entries(), kDemoEntries);
  EXPECT_EQ(c.grip(), "outside");
  EXPECT_TRUE(c.open());
  EXPECT_THAT(c.municipalities(), ElementsAre("beuningen", "heumen", "wijchen"));
  const std::vector<v1::Entry> all = AllEntries(kDemo);
  ASSERT_EQ(all.size(), static_cast<size_t>(kDemoEntries));
  EXPECT_EQ(all[0].kind(), v1::ENTRY_KIND_OPENED);
  EXPECT_EQ(all[4].kind(), v1::ENTRY_KIND_DECISION);
  EXPECT_EQ(all[5].kind(), v1::ENTRY_KIND_ACTION);
  EXPECT_EQ(all[14].kind(), v1::ENTRY_KIND_CORRECTION);
  EXPECT_EQ(all[14].corrects(), 14);
}

TEST_F(CrisisServiceTest, ReadAccessIsPerCrisis) {
  const int64_t druten = OpenOrDie("Stikstofprotest", {"druten"});
  const int64_t wijchen = OpenOrDie("Hoogwater Maas", {"wijchen"});
  ASSERT_EQ(druten, 2);
  ASSERT_EQ(wijchen, 3);

  auto list = [&](const std::string& token) {
    v1::ListCrisesRequest req;
    v1::ListCrisesResponse resp;
    auto ctx = TestServer::Context(token);
    EXPECT_TRUE(crises_->ListCrises(ctx.get(), req, &resp).ok());
    std::set<int64_t> ids;
    for (const auto& c : resp.crises()) ids.insert(c.id());
    return ids;
  };
  EXPECT_EQ(list(officer_), (std::set<int64_t>{kDemo, wijchen}));
  EXPECT_EQ(list(coordinator_), (std::set<int64_t>{kDemo, druten, wijchen}));
  EXPECT_EQ(list(admin_), (std::set<int64_t>{kDemo, druten, wijchen}));

  // Every read of the druten crisis is refused for the wijchen officer, with the same message.
  const std::string denied = "crisis 2 does not concern municipality 'wijchen'; officer may not read it";
  struct Read {
    std::string name;
    std::function<grpc::Status(int64_t crisis, const std::string& token)> call;
  };
  const std::vector<Read> reads = {
      {"GetCrisis",
       [&](int64_t id, const std::string& token) {
         v1::GetCrisisRequest req;
         req.set_id(id);
         v1::Crisis resp;
         auto ctx = TestServer::Context(token);
         return crises_->GetCrisis(ctx.get(), req, &resp);
       }},
      {"ListEntries",
       [&](int64_t id, const std::string& token) {
         v1::ListEntriesResponse resp;
         return List(token, id, &resp);
       }},
      {"SearchEntries",
       [&](int64_t id, const std::string& token) {
         v1::ListEntriesResponse resp;
         return Search(id, "beeld", &resp, 0, token);
       }},
      {"ListActions",
       [&](int64_t id, const std::string& token) {
         v1::ListActionsRequest req;
         req.set_crisis(id);
         v1::ListActionsResponse resp;
         auto ctx = TestServer::Context(token);
         return crises_->ListActions(ctx.get(), req, &resp);
       }},
      {"GetHandover",
       [&](int64_t id, const std::string& token) {
         v1::GetHandoverRequest req;
         req.set_crisis(id);
         v1::GetHandoverResponse resp;
         auto ctx = TestServer::Context(token);
         return crises_->GetHandover(ctx.get(), req, &resp);
       }},
      {"ExportCrisis",
       [&](int64_t id, const std::string& token) {
         v1::ExportCrisisRequest req;
         req.set_crisis(id);
         v1::ExportCrisisResponse resp;
         auto ctx = TestServer::Context(token);
         return crises_->ExportCrisis(ctx.get(), req, &resp);
       }},
      {"GetCheckpoint",
       [&](int64_t id, const std::string& token) {
         v1::GetCheckpointResponse resp;
         return Checkpoint(id, &resp, token);
       }},
      {"GetInclusionProof",
       [&](int64_t id, const std::string& token) {
         v1::GetInclusionProofRequest req;
         req.set_crisis(id);
         req.set_seq(1);
         req.set_tree_size(1);
         v1::GetInclusionProofResponse resp;
         auto ctx = TestServer::Context(token);
         return ledger_->GetInclusionProof(ctx.get(), req, &resp);
       }},
      {"GetConsistencyProof",
       [&](int64_t id, const std::string& token) {
         v1::GetConsistencyProofRequest req;
         req.set_crisis(id);
         req.set_from_size(1);
         req.set_to_size(1);
         v1::GetConsistencyProofResponse resp;
         auto ctx = TestServer::Context(token);
         return ledger_->GetConsistencyProof(ctx.get(), req, &resp);
       }},
  };
  ASSERT_TRUE(WaitForCheckpoint(druten, 1).has_value());
  ASSERT_TRUE(WaitForCheckpoint(wijchen, 1).has_value());
  for (const Read& r : reads) {
    grpc::Status s = r.call(druten, officer_);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED) << r.name;
    EXPECT_EQ(s.error_message(), denied) << r.name;
    s = r.call(wijchen, officer_);
    EXPECT_TRUE(s.ok()) << r.name << ": " << s.error_message();
    s = r.call(druten, coordinator_);
    EXPECT_TRUE(s.ok()) << r.name << ": " << s.error_message();
    s = r.call(99, coordinator_);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << r.name;
    EXPECT_EQ(s.error_message(), "unknown crisis 99") << r.name;
  }
}

TEST_F(CrisisServiceTest, OpeningACrisisChecksItsFields) {
  v1::OpenCrisisResponse resp;
  ASSERT_TRUE(Open(coordinator_, "Stikstofprotest", {"wijchen", "druten", "wijchen"}, &resp).ok());
  EXPECT_EQ(resp.crisis().id(), 2);
  EXPECT_EQ(resp.crisis().entries(), 1);
  EXPECT_EQ(resp.crisis().grip(), "1");
  EXPECT_EQ(resp.crisis().opened_by(), "coordinator");
  EXPECT_THAT(resp.crisis().municipalities(), ElementsAre("druten", "wijchen"));
  EXPECT_EQ(resp.entry().seq(), 1);
  EXPECT_EQ(resp.entry().kind(), v1::ENTRY_KIND_OPENED);
  EXPECT_EQ(resp.entry().title(), "Stikstofprotest");
  EXPECT_EQ(resp.entry().text(), "Eerste beeld");

  struct Case {
    std::string token;
    std::string title;
    std::vector<std::string> municipalities;
    grpc::StatusCode code;
    std::string message;
  };
  const std::vector<Case> cases = {
      {officer_, "Brand", {"wijchen"}, grpc::StatusCode::PERMISSION_DENIED,
       "opening a crisis needs the role coordinator or higher; the account 'officer' has the role officer"},
      {coordinator_, " ", {"wijchen"}, grpc::StatusCode::INVALID_ARGUMENT, "title is empty"},
      {coordinator_, std::string(201, 't'), {"wijchen"}, grpc::StatusCode::INVALID_ARGUMENT,
       "title is 201 bytes long; at most 200"},
      {coordinator_, "Brand", {}, grpc::StatusCode::INVALID_ARGUMENT,
       "municipalities: name at least one affected municipality"},
      {coordinator_, "Brand", {"atlantis"}, grpc::StatusCode::NOT_FOUND,
       "unknown municipality 'atlantis'"},
  };
  for (const Case& c : cases) {
    v1::OpenCrisisResponse r;
    grpc::Status s = Open(c.token, c.title, c.municipalities, &r);
    EXPECT_EQ(s.error_code(), c.code) << c.message;
    EXPECT_EQ(s.error_message(), c.message);
  }
  // A retry of the open returns the same crisis; nothing was opened by the refusals.
  v1::OpenCrisisResponse again;
  ASSERT_TRUE(Open(coordinator_, "Brandweer", {"heumen"}, &again, "open-twice").ok());
  v1::OpenCrisisResponse retry;
  ASSERT_TRUE(Open(coordinator_, "Brandweer", {"heumen"}, &retry, "open-twice").ok());
  EXPECT_EQ(retry.crisis().id(), again.crisis().id());
  EXPECT_EQ(again.crisis().id(), 3);
  v1::OpenCrisisResponse other;
  grpc::Status s = Open(coordinator_, "Iets anders", {"heumen"}, &other, "open-twice");
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
}

TEST_F(CrisisServiceTest, CoordinatorsWriteOfficersDoNot) {
  v1::AppendEntryResponse resp;
  grpc::Status s = Append(officer_, Request(kDemo, v1::ENTRY_KIND_SITUATION, "Rustig", "o-1"), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(), "writing to a crisis log needs the role coordinator or higher; the account 'officer' has the role officer (an officer may update the status of an action they own)");
  // Nor update an action someone else owns (#7 is i.verhoeven's; the officer is h.devries).
  v1::AppendEntryRequest other = Request(kDemo, v1::ENTRY_KIND_ACTION_UPDATE, "Klaar", "o-2");
  other.set_action_ref(7);
  other.set_action_status("done");
  s = Append(officer_, other, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(s.error_message(), ::testing::HasSubstr("writing to a crisis log needs the role coordinator"));
  // Nor change the owner or deadline of their own.
  v1::AppendEntryRequest later = Request(kDemo, v1::ENTRY_KIND_ACTION_UPDATE, "Later", "o-3");
  later.set_action_ref(6);
  convert::ToProto(absl::Now() + absl::Hours(48), later.mutable_action_deadline());
  s = Append(officer_, later, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(), "the owner of action 6 reports its status (and a note); its owner and deadline are changed by a coordinator");

  // A coordinator of another municipality may neither read nor write this crisis.
  const std::string druten = DrutenCoordinator();
  s = Append(druten, Request(kDemo, v1::ENTRY_KIND_SITUATION, "Rustig", "d-1"), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(s.error_message(),
            "crisis 1 does not concern municipality 'druten'; c.druten may not read it");
  EXPECT_EQ(Get(kDemo).entries(), kDemoEntries);

  // The regional coordinator and the administrator write.
  EXPECT_EQ(AppendOrDie(Request(kDemo, v1::ENTRY_KIND_SITUATION, "Rustig", "c-1")).seq(), 21);
  const v1::Entry by_admin =
      AppendOrDie(Request(kDemo, v1::ENTRY_KIND_MESSAGE, "Bericht", "a-1"), admin_);
  EXPECT_EQ(by_admin.seq(), 22);
  EXPECT_EQ(by_admin.author(), "administrator");
  EXPECT_EQ(by_admin.author_name(), "Niels Arts");
  // The owner of an action reports its status (#6 is h.devries's, the officer's).
  v1::AppendEntryRequest mine = Request(kDemo, v1::ENTRY_KIND_ACTION_UPDATE, "Catering geregeld", "o-4");
  mine.set_action_ref(6);
  mine.set_action_status("done");
  ASSERT_TRUE(Append(officer_, mine, &resp).ok());
  EXPECT_EQ(resp.entry().seq(), 23);
  EXPECT_EQ(resp.entry().author(), "officer");
  // And the druten coordinator writes to a druten crisis.
  const int64_t own = OpenOrDie("Stikstofprotest", {"druten"});
  EXPECT_EQ(AppendOrDie(Request(own, v1::ENTRY_KIND_SITUATION, "Blokkade", "d-2"), druten).seq(), 2);
}

TEST_F(CrisisServiceTest, BadAppendsAreRefusedAndWriteNothing) {
  const int64_t closed = OpenOrDie("Gesloten", {"wijchen"});
  Log(closed, v1::ENTRY_KIND_CLOSED, "");
  ASSERT_FALSE(Get(closed).open());

  auto base = [](int64_t crisis = kDemo) {
    return Request(crisis, v1::ENTRY_KIND_DECISION, "Besluit", "bad-key");
  };
  struct Case {
    std::string name;
    v1::AppendEntryRequest req;
    grpc::StatusCode code;
    std::string message;
  };
  std::vector<Case> cases;
  {
    v1::AppendEntryRequest r = base(99);
    cases.push_back({"UnknownCrisis", r, grpc::StatusCode::NOT_FOUND, "unknown crisis 99"});
  }
  {
    v1::AppendEntryRequest r = base();
    r.set_text("   ");
    cases.push_back({"EmptyText", r, grpc::StatusCode::INVALID_ARGUMENT, "text is empty"});
  }
  {
    v1::AppendEntryRequest r = base();
    r.set_text(std::string(16 * 1024 + 1, 'x'));
    cases.push_back({"OverlongText", r, grpc::StatusCode::INVALID_ARGUMENT,
                     "text is 16385 bytes long; at most 16384"});
  }
  {
    v1::AppendEntryRequest r = base();
    r.add_refs(5);
    r.add_refs(21);
    cases.push_back({"RefToMissingEntry", r, grpc::StatusCode::NOT_FOUND,
                     "refs: entry 21 does not exist in crisis 1 (it has 20 entries)"});
  }
  {
    v1::AppendEntryRequest r = base(closed);
    cases.push_back({"ClosedCrisis", r, grpc::StatusCode::FAILED_PRECONDITION,
                     "crisis 2 is closed; reopen it first (only reopening is accepted)"});
  }
  {
    v1::AppendEntryRequest r = base();
    convert::ToProto(absl::Now() + absl::Minutes(10), r.mutable_event_time());
    cases.push_back({"FutureEventTime", r, grpc::StatusCode::INVALID_ARGUMENT, ""});
  }
  {
    v1::AppendEntryRequest r = base();
    r.set_kind(v1::ENTRY_KIND_GRIP_CHANGE);
    r.set_grip("outside");
    cases.push_back({"GripUnchanged", r, grpc::StatusCode::FAILED_PRECONDITION,
                     "crisis 1 is already at buiten GRIP"});
  }
  {
    v1::AppendEntryRequest r = base();
    r.set_kind(v1::ENTRY_KIND_ACTION_UPDATE);
    r.set_action_ref(5);
    r.set_action_status("done");
    cases.push_back({"ActionUpdateOfADecision", r, grpc::StatusCode::FAILED_PRECONDITION,
                     "action_ref: entry 5 is not an action"});
  }
  {
    v1::AppendEntryRequest r = base();
    r.set_kind(v1::ENTRY_KIND_ACTION);
    r.set_action_owner("nobody");
    cases.push_back({"UnknownOwner", r, grpc::StatusCode::NOT_FOUND, "unknown person 'nobody'"});
  }
  {
    v1::AppendEntryRequest r = base();
    r.set_kind(v1::ENTRY_KIND_CORRECTION);
    r.set_corrects(30);
    cases.push_back({"CorrectionOfAMissingEntry", r, grpc::StatusCode::NOT_FOUND,
                     "corrects: entry 30 does not exist in crisis 1 (it has 20 entries)"});
  }
  {
    v1::AppendEntryRequest r = base();
    r.set_idempotency_key("");
    cases.push_back({"NoIdempotencyKey", r, grpc::StatusCode::INVALID_ARGUMENT,
                     "idempotency_key is empty: every append carries a key chosen by the client, "
                     "so a retry never makes a duplicate"});
  }
  {
    v1::AppendEntryRequest r = base();
    r.set_kind(v1::ENTRY_KIND_UNSPECIFIED);
    cases.push_back({"NoKind", r, grpc::StatusCode::INVALID_ARGUMENT, ""});
  }
  const v1::Crisis before = Get(kDemo);
  for (const Case& c : cases) {
    v1::AppendEntryResponse resp;
    grpc::Status s = Append(coordinator_, c.req, &resp);
    EXPECT_EQ(s.error_code(), c.code) << c.name << ": " << s.error_message();
    if (!c.message.empty()) {
      EXPECT_EQ(s.error_message(), c.message) << c.name;
    } else {
      EXPECT_FALSE(s.error_message().empty()) << c.name;
    }
  }
  EXPECT_EQ(Get(kDemo).entries(), before.entries());
  EXPECT_EQ(Get(closed).entries(), 2);
  // The refused key was never used: it still makes a new entry.
  EXPECT_EQ(AppendOrDie(base()).seq(), kDemoEntries + 1);
  // After closing, reopening is the only append accepted; then the log goes on.
  EXPECT_EQ(Log(closed, v1::ENTRY_KIND_REOPENED, "").seq(), 3);
  EXPECT_TRUE(Get(closed).open());
  EXPECT_EQ(Log(closed, v1::ENTRY_KIND_DECISION, "Verder").seq(), 4);
}

TEST_F(CrisisServiceTest, EventTimeToleranceIsFiveMinutes) {
  v1::AppendEntryRequest r = Request(kDemo, v1::ENTRY_KIND_SITUATION, "Klok loopt voor", "t-1");
  convert::ToProto(absl::Now() + absl::Minutes(4), r.mutable_event_time());
  EXPECT_EQ(AppendOrDie(r).seq(), 21);
  r.set_idempotency_key("t-2");
  convert::ToProto(absl::Now() + absl::Minutes(6), r.mutable_event_time());
  v1::AppendEntryResponse resp;
  grpc::Status s = Append(coordinator_, r, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("event_time "));
  EXPECT_THAT(s.error_message(), HasSubstr(" lies in the future (now "));
  // An earlier time is the normal case: when it happened.
  r.set_idempotency_key("t-3");
  const absl::Time earlier = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) - 7200);
  convert::ToProto(earlier, r.mutable_event_time());
  const v1::Entry e = AppendOrDie(r);
  EXPECT_EQ(convert::TimeFromProto(e.event_time()), earlier);
  EXPECT_GT(convert::TimeFromProto(e.entered()), earlier + absl::Minutes(119));
}

TEST_F(CrisisServiceTest, ARetryReturnsTheOriginalEntryAlsoAfterARestart) {
  const v1::AppendEntryRequest req = Request(kDemo, v1::ENTRY_KIND_DECISION, "Extra bussen", "dbl-1");
  v1::AppendEntryResponse first;
  ASSERT_TRUE(Append(coordinator_, req, &first).ok());
  EXPECT_FALSE(first.replayed());
  EXPECT_EQ(first.entry().seq(), 21);

  v1::AppendEntryResponse retry;
  ASSERT_TRUE(Append(coordinator_, req, &retry).ok());
  EXPECT_TRUE(retry.replayed());
  EXPECT_EQ(retry.entry().SerializeAsString(), first.entry().SerializeAsString());

  server_->Restart();
  Connect();
  v1::AppendEntryResponse after_restart;
  grpc::Status s = Append(coordinator_, req, &after_restart);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(after_restart.replayed());
  EXPECT_EQ(after_restart.entry().SerializeAsString(), first.entry().SerializeAsString());
  EXPECT_EQ(Get(kDemo).entries(), 21);

  // The same key with another body is refused, also for another crisis.
  v1::AppendEntryRequest changed = req;
  changed.set_text("Extra treinen");
  v1::AppendEntryResponse resp;
  s = Append(coordinator_, changed, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(s.error_message(),
            "idempotency_key 'dbl-1' was already used for a different entry (crisis 1, entry 21); "
            "use a new key for a new entry");
  const int64_t other = OpenOrDie("Hoogwater", {"wijchen"});
  v1::AppendEntryRequest elsewhere = req;
  elsewhere.set_crisis(other);
  s = Append(coordinator_, elsewhere, &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  // Keys belong to the account: another account's same key is a new entry.
  v1::AppendEntryResponse admin;
  ASSERT_TRUE(Append(admin_, req, &admin).ok());
  EXPECT_FALSE(admin.replayed());
  EXPECT_EQ(admin.entry().seq(), 22);
  EXPECT_EQ(Get(kDemo).entries(), 22);
}

TEST_F(CrisisServiceTest, ConcurrentAppendsLandOnceEachWithContiguousSeqs) {
  constexpr int kThreads = 16;
  constexpr int kEach = 10;
  const storage::WriterStats before = server_->app()->database()->Stats();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto stub = v1::CrisisService::NewStub(server_->channel());
      for (int i = 0; i < kEach; ++i) {
        v1::AppendEntryRequest req =
            Request(kDemo, v1::ENTRY_KIND_MESSAGE, absl::StrCat("bericht ", t, "/", i),
                    absl::StrCat("conc-", t, "-", i));
        // Each append is sent twice, as a client that retries does.
        for (int attempt = 0; attempt < 2; ++attempt) {
          v1::AppendEntryResponse resp;
          auto ctx = TestServer::Context(coordinator_);
          if (!stub->AppendEntry(ctx.get(), req, &resp).ok() || resp.replayed() != (attempt == 1)) {
            ++failures;
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  const std::vector<v1::Entry> all = AllEntries(kDemo);
  ASSERT_EQ(all.size(), static_cast<size_t>(kDemoEntries + kThreads * kEach));
  std::multiset<std::string> texts;
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].seq(), static_cast<int64_t>(i + 1));
    if (all[i].seq() > kDemoEntries) texts.insert(all[i].text());
  }
  std::set<std::string> unique(texts.begin(), texts.end());
  EXPECT_EQ(unique.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(texts.size(), unique.size());
  // Concurrent appends share group commits.
  const storage::WriterStats after = server_->app()->database()->Stats();
  EXPECT_GE(after.max_batch, 2);
  EXPECT_LT(after.commits - before.commits, after.jobs - before.jobs);
}

TEST_F(CrisisServiceTest, CorrectionsShowInCorrectedBy) {
  v1::ListEntriesResponse resp;
  ASSERT_TRUE(List(officer_, kDemo, &resp).ok());
  ASSERT_EQ(resp.entries_size(), kDemoEntries);
  EXPECT_THAT(resp.entries(13).corrected_by(), ElementsAre(15));
  for (const auto& e : resp.entries()) {
    if (e.seq() != 14) {
      EXPECT_EQ(e.corrected_by_size(), 0) << e.seq();
    }
  }
  v1::AppendEntryRequest c = Request(kDemo, v1::ENTRY_KIND_CORRECTION, "Tot eind februari", "corr");
  c.set_corrects(14);
  c.add_refs(14);
  // An entry is corrected once; the correction is corrected instead.
  v1::AppendEntryResponse refused;
  const grpc::Status s = Append(coordinator_, c, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(), "corrects: entry 14 was corrected already, by entry 15; correct entry 15 instead");
  c.set_corrects(15);
  c.clear_refs();
  c.add_refs(15);
  EXPECT_EQ(AppendOrDie(c).seq(), 21);
  // Every reader sees the corrections: a page, a page that starts after the corrections
  // were made, a filtered page and a search.
  ASSERT_TRUE(List(officer_, kDemo, &resp, {}, 2, 13).ok());
  EXPECT_THAT(resp.entries(0).corrected_by(), ElementsAre(15));
  EXPECT_THAT(resp.entries(1).corrected_by(), ElementsAre(21));
  v1::EntryFilter decisions;
  decisions.add_kinds(v1::ENTRY_KIND_DECISION);
  ASSERT_TRUE(List(officer_, kDemo, &resp, decisions).ok());
  EXPECT_EQ(Seqs(resp.entries()), (std::vector<int64_t>{5, 11, 14}));
  EXPECT_THAT(resp.entries(2).corrected_by(), ElementsAre(15));
  ASSERT_TRUE(Search(kDemo, "Verlenging", &resp).ok());
  ASSERT_EQ(Seqs(resp.entries()), (std::vector<int64_t>{14, 15}));
  EXPECT_THAT(resp.entries(1).corrected_by(), ElementsAre(21));
}

// A decision logged afterwards (it happened two hours ago) and corrected now: the correction
// keeps the time it happened, unless it is given another (the time was wrong too).
TEST_F(CrisisServiceTest, ACorrectionKeepsTheTimeItHappenedUnlessGivenOne) {
  const absl::Time began = absl::Now() - absl::Hours(3);
  const int64_t id = OpenOrDie("Stroomuitval Beuningen", {"beuningen"}, began);
  const absl::Time decided = absl::FromUnixSeconds(absl::ToUnixSeconds(absl::Now()) - 7200);
  v1::AppendEntryRequest d = Request(id, v1::ENTRY_KIND_DECISION, "Aggregaat naar De Molen", "t-1");
  convert::ToProto(decided, d.mutable_event_time());
  const v1::Entry decision = AppendOrDie(d);
  v1::AppendEntryRequest c =
      Request(id, v1::ENTRY_KIND_CORRECTION, "Aggregaat naar sporthal De Molen", "t-2");
  c.set_corrects(decision.seq());
  const v1::Entry kept = AppendOrDie(c);
  EXPECT_EQ(kept.event_time().seconds(), absl::ToUnixSeconds(decided));
  EXPECT_GT(kept.entered().seconds(), kept.event_time().seconds() + 7000);
  v1::AppendEntryRequest again =
      Request(id, v1::ENTRY_KIND_CORRECTION, "Aggregaat naar sporthal De Molen, 14:10", "t-3");
  again.set_corrects(kept.seq());
  convert::ToProto(decided - absl::Minutes(20), again.mutable_event_time());
  EXPECT_EQ(AppendOrDie(again).event_time().seconds(), absl::ToUnixSeconds(decided) - 1200);
}

TEST_F(CrisisServiceTest, FiltersByKindAuthorTimeAndMunicipality) {
  const std::vector<v1::Entry> demo = AllEntries(kDemo);
  v1::AppendEntryRequest heumen = Request(kDemo, v1::ENTRY_KIND_SITUATION, "Heumen rustig", "f-1");
  heumen.add_municipalities("heumen");
  const int64_t by_coordinator = AppendOrDie(heumen).seq();
  const int64_t by_admin =
      AppendOrDie(Request(kDemo, v1::ENTRY_KIND_DECISION, "Besluit", "f-2"), admin_).seq();
  ASSERT_EQ(by_coordinator, 21);
  ASSERT_EQ(by_admin, 22);

  struct Case {
    std::string name;
    v1::EntryFilter filter;
    std::vector<int64_t> seqs;
  };
  std::vector<Case> cases;
  {
    v1::EntryFilter f;
    f.add_kinds(v1::ENTRY_KIND_DECISION);
    cases.push_back({"decisions", f, {5, 11, 14, 22}});
    f.add_kinds(v1::ENTRY_KIND_GRIP_CHANGE);
    cases.push_back({"decisions and GRIP changes", f, {4, 5, 11, 12, 14, 22}});
  }
  {
    v1::EntryFilter f;
    f.add_kinds(v1::ENTRY_KIND_ACTION);
    f.add_kinds(v1::ENTRY_KIND_ACTION_UPDATE);
    cases.push_back({"actions", f, {6, 7, 9, 16, 18}});
  }
  {
    v1::EntryFilter f;
    f.set_author("administrator");
    cases.push_back({"by the administrator", f, {22}});
    f.add_kinds(v1::ENTRY_KIND_SITUATION);
    cases.push_back({"situations by the administrator", f, {}});
  }
  {
    v1::EntryFilter f;
    f.set_municipality("heumen");
    cases.push_back({"naming heumen", f, {1, 21}});
    f.set_municipality("druten");
    cases.push_back({"naming druten", f, {}});
  }
  {
    // Event times: [when 10 happened, when 14 happened) holds 10 to 13 (15 happened with 14).
    v1::EntryFilter f;
    *f.mutable_from() = demo[9].event_time();
    *f.mutable_to() = demo[13].event_time();
    cases.push_back({"between two events", f, {10, 11, 12, 13}});
    f.add_kinds(v1::ENTRY_KIND_DECISION);
    cases.push_back({"decisions between two events", f, {11}});
  }
  for (const Case& c : cases) {
    v1::ListEntriesResponse resp;
    grpc::Status s = List(officer_, kDemo, &resp, c.filter);
    ASSERT_TRUE(s.ok()) << c.name << ": " << s.error_message();
    EXPECT_EQ(Seqs(resp.entries()), c.seqs) << c.name;
    EXPECT_EQ(resp.next_after_seq(), 0) << c.name;
  }
  // A period that ends before it starts is a mistake, not an empty answer.
  v1::EntryFilter backwards;
  *backwards.mutable_from() = demo[13].event_time();
  *backwards.mutable_to() = demo[9].event_time();
  v1::ListEntriesResponse resp;
  grpc::Status s = List(officer_, kDemo, &resp, backwards);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), StartsWith("filter.to (")) << s.error_message();
  EXPECT_THAT(s.error_message(), HasSubstr(") is not after filter.from (")) << s.error_message();
}

TEST_F(CrisisServiceTest, PagesBySequence) {
  std::vector<int64_t> seen;
  int64_t after = 0;
  int pages = 0;
  do {
    v1::ListEntriesResponse resp;
    ASSERT_TRUE(List(officer_, kDemo, &resp, {}, 6, after).ok());
    for (const auto& e : resp.entries()) seen.push_back(e.seq());
    after = resp.next_after_seq();
    ++pages;
  } while (after != 0 && pages < 10);
  EXPECT_EQ(pages, 4);
  ASSERT_EQ(seen.size(), static_cast<size_t>(kDemoEntries));
  for (int i = 0; i < kDemoEntries; ++i) EXPECT_EQ(seen[i], i + 1);

  v1::ListEntriesResponse resp;
  grpc::Status s = List(officer_, kDemo, &resp, {}, 1001);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "page_size must be 1 to 1000, not 1001");
  s = List(officer_, kDemo, &resp, {}, 10, -1);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "after_seq is -1; it must be 0 or more");
  // Default page size is 100.
  for (int i = 0; i < 90; ++i) Log(kDemo, v1::ENTRY_KIND_MESSAGE, absl::StrCat("m", i));
  ASSERT_TRUE(List(officer_, kDemo, &resp).ok());
  EXPECT_EQ(resp.entries_size(), 100);
  EXPECT_EQ(resp.next_after_seq(), 100);
}

TEST_F(CrisisServiceTest, FullTextSearch) {
  struct Case {
    std::string query;
    std::vector<int64_t> seqs;
  };
  const std::vector<Case> cases = {
      {"Heumensoord", {2, 5, 7}},
      {"heumensoord", {2, 5, 7}},
      {"Heumensoord AND bewonersbrief", {7}},
      {"Heumensoord NOT noodopvang", {2, 7}},
      {"\"locatie Beuningen\"", {16, 17}},
      {"verleng*", {13, 14, 15}},
      {"onrust OR beveiliging", {11, 19}},
      {"zeppelin", {}},
  };
  for (const Case& c : cases) {
    v1::ListEntriesResponse resp;
    grpc::Status s = Search(kDemo, c.query, &resp);
    ASSERT_TRUE(s.ok()) << c.query << ": " << s.error_message();
    EXPECT_EQ(Seqs(resp.entries()), c.seqs) << c.query;
  }
  // Diacritics are ignored, so "coordinatie" finds "coördinatie".
  Log(kDemo, v1::ENTRY_KIND_MESSAGE, "Regionale co\u00f6rdinatie gestart");
  v1::ListEntriesResponse resp;
  ASSERT_TRUE(Search(kDemo, "coordinatie", &resp).ok());
  EXPECT_EQ(Seqs(resp.entries()), (std::vector<int64_t>{21}));
}

TEST_F(CrisisServiceTest, SearchIsAlwaysLimited) {
  for (int i = 0; i < 120; ++i) Log(kDemo, v1::ENTRY_KIND_MESSAGE, absl::StrCat("Pendelbus rit ", i));
  v1::ListEntriesResponse resp;
  ASSERT_TRUE(Search(kDemo, "pendelbus", &resp, 5).ok());
  EXPECT_EQ(Seqs(resp.entries()), (std::vector<int64_t>{21, 22, 23, 24, 25}));
  EXPECT_EQ(resp.next_after_seq(), 25);
  v1::SearchEntriesRequest next;
  next.set_crisis(kDemo);
  next.set_query("pendelbus");
  next.set_after_seq(25);
  next.set_page_size(3);
  auto ctx = TestServer::Context(officer_);
  ASSERT_TRUE(crises_->SearchEntries(ctx.get(), next, &resp).ok());
  EXPECT_EQ(Seqs(resp.entries()), (std::vector<int64_t>{26, 27, 28}));
  ASSERT_TRUE(Search(kDemo, "pendelbus", &resp).ok());
  EXPECT_EQ(resp.entries_size(), 100);  // the default limit
  EXPECT_EQ(resp.next_after_seq(), 120);
  grpc::Status s = Search(kDemo, "pendelbus", &resp, 1001);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(CrisisServiceTest, SearchPagesFollowSeqWhileAnotherCrisisWritesBetween) {
  // Two crises written turn by turn, both using the word: each crisis's search pages through
  // exactly its own matches, in seq order, whatever the page size.
  const int64_t other = OpenOrDie("Stroomstoring Wijchen", {"wijchen"});
  std::vector<int64_t> expected;
  for (int i = 0; i < 12; ++i) {
    expected.push_back(
        Log(kDemo, v1::ENTRY_KIND_MESSAGE, absl::StrCat("Aggregaat ronde ", i)).seq());
    if (i % 3 == 1) Log(kDemo, v1::ENTRY_KIND_MESSAGE, absl::StrCat("Noodstroom ronde ", i));
    Log(other, v1::ENTRY_KIND_MESSAGE, absl::StrCat("Aggregaat elders ", i));
  }
  for (int page_size : {1, 2, 5, 100}) {
    std::vector<int64_t> seen;
    int64_t after = 0;
    for (int pages = 0; pages < 20; ++pages) {
      v1::SearchEntriesRequest req;
      req.set_crisis(kDemo);
      req.set_query("aggregaat");
      req.set_after_seq(after);
      req.set_page_size(page_size);
      v1::ListEntriesResponse resp;
      auto ctx = TestServer::Context(officer_);
      ASSERT_TRUE(crises_->SearchEntries(ctx.get(), req, &resp).ok());
      for (const v1::Entry& e : resp.entries()) seen.push_back(e.seq());
      if (resp.next_after_seq() == 0) break;
      after = resp.next_after_seq();
    }
    EXPECT_EQ(seen, expected) << "page size " << page_size;
  }
}

// What coordinators type: times, place names with hyphens, abbreviations, decimal commas.
TEST_F(CrisisServiceTest, WordsWithPunctuationAreSearchedAsText) {
  const int64_t seq =
      Log(kDemo, v1::ENTRY_KIND_MESSAGE,
          "Om 12:00 overleg:west met West-Maas-en-Waal en het COA. 's Nachts 12,3 m; e.willems belt.")
          .seq();
  for (const std::string q : {"12:00", "west-maas-en-waal", "COA.", "'s nachts", "12,3",
                              "e.willems", "west-maas*", "overleg:west", "-overleg"}) {
    v1::ListEntriesResponse resp;
    grpc::Status s = Search(kDemo, q, &resp);
    ASSERT_TRUE(s.ok()) << q << ": " << s.error_message();
    EXPECT_THAT(Seqs(resp.entries()), ::testing::Contains(seq)) << q;
  }
  v1::ListEntriesResponse resp;
  ASSERT_TRUE(Search(kDemo, "13:00", &resp).ok());
  EXPECT_EQ(resp.entries_size(), 0);
  // FTS5's own syntax keeps its meaning.
  ASSERT_TRUE(Search(kDemo, "NEAR(opvang personen, 3)", &resp).ok());
  EXPECT_GT(resp.entries_size(), 0);
  // Punctuation alone is said to search for nothing.
  const grpc::Status dash = Search(kDemo, "overleg - west", &resp);
  EXPECT_EQ(dash.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(dash.error_message(), "query: '-' has no letters or digits to search for; leave it out");
}

TEST_F(CrisisServiceTest, AMalformedSearchIsInvalidNotACrash) {
  for (const std::string q : {"\"open", "AND", "(beeld", "beeld OR", "NEAR(a b", "beeld)",
                              "NOT beeld", "(", "OR OR"}) {
    v1::ListEntriesResponse resp;
    grpc::Status s = Search(kDemo, q, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << q << ": " << s.error_message();
    EXPECT_THAT(s.error_message(), StartsWith(absl::StrCat("query: '", q, "' is not a valid search (")))
        << q;
    EXPECT_THAT(s.error_message(), HasSubstr("use words, \"phrases\", AND, OR, NOT and prefix*"));
    EXPECT_THAT(s.error_message(), Not(HasSubstr("executing statement"))) << q;
  }
  v1::ListEntriesResponse unused;
  EXPECT_EQ(Search(kDemo, "AND", &unused).error_message(),
            "query: 'AND' is not a valid search (syntax error near \"AND\"); use words, "
            "\"phrases\", AND, OR, NOT and prefix*");
  v1::ListEntriesResponse resp;
  grpc::Status s = Search(kDemo, "", &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "query is empty");
  s = Search(kDemo, std::string(1001, 'a'), &resp);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "query is longer than 1000 bytes");
  // The server is fine afterwards.
  ASSERT_TRUE(Search(kDemo, "Heumensoord", &resp).ok());
  EXPECT_EQ(resp.entries_size(), 3);
}

TEST_F(CrisisServiceTest, MyActionsAcrossCrisesOverdueFirst) {
  const absl::Time now = absl::Now();
  // Logged afterwards: both began yesterday, so deadlines of this morning are theirs.
  const int64_t wijchen = OpenOrDie("Hoogwater Maas", {"wijchen"}, now - absl::Hours(24));
  const int64_t druten = OpenOrDie("Stikstofprotest", {"druten"}, now - absl::Hours(24));
  auto action = [&](int64_t crisis, const std::string& owner, const std::string& text,
                    std::optional<absl::Time> deadline) {
    v1::AppendEntryRequest r = Request(crisis, v1::ENTRY_KIND_ACTION, text, absl::StrCat("a-", ++keys_));
    r.set_action_owner(owner);
    if (deadline) convert::ToProto(*deadline, r.mutable_action_deadline());
    return AppendOrDie(r).seq();
  };
  const int64_t later = action(wijchen, "h.devries", "Zandzakken", now + absl::Hours(48));
  const int64_t late = action(wijchen, "h.devries", "Evacuatieplan", now - absl::Hours(1));
  const int64_t whenever = action(wijchen, "h.devries", "Evaluatie", std::nullopt);
  const int64_t done = action(wijchen, "h.devries", "Pers", now + absl::Hours(1));
  action(wijchen, "g.smits", "Dijkbewaking", now - absl::Hours(2));  // someone else's
  // An action in a crisis h.devries cannot read would never reach her: refused, nothing written.
  v1::AppendEntryRequest unreadable =
      Request(druten, v1::ENTRY_KIND_ACTION, "Onleesbaar", absl::StrCat("a-", ++keys_));
  unreadable.set_action_owner("h.devries");
  v1::AppendEntryResponse refused;
  const grpc::Status s = Append(coordinator_, unreadable, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(s.error_message(),
            absl::StrCat("action_owner: h.devries cannot read crisis ", druten,
                         " (it concerns druten; their accounts are for wijchen) and would never "
                         "see the action; give it to someone who can"));
  // Someone without an account (told outside Paraat) may still be given one.
  action(druten, "l.maas", "Verkeersregelaars", now + absl::Hours(3));
  v1::AppendEntryRequest finish = Request(wijchen, v1::ENTRY_KIND_ACTION_UPDATE, "", "fin");
  finish.set_action_ref(done);
  finish.set_action_status("done");
  AppendOrDie(finish);

  auto mine = [&](bool include_finished) {
    v1::ListActionsRequest req;
    req.set_mine(true);
    req.set_include_finished(include_finished);
    v1::ListActionsResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = crises_->ListActions(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  };
  const v1::ListActionsResponse resp = mine(false);
  std::vector<std::pair<int64_t, int64_t>> got;
  for (const auto& a : resp.actions()) got.emplace_back(a.crisis(), a.seq());
  // Overdue first (the demo's bedden action of 22 days ago, then this hour's), then by deadline.
  EXPECT_EQ(got, (std::vector<std::pair<int64_t, int64_t>>{
                     {kDemo, 6}, {wijchen, late}, {wijchen, later}, {wijchen, whenever}}));
  ASSERT_EQ(resp.actions_size(), 4);
  EXPECT_TRUE(resp.actions(0).overdue());
  EXPECT_TRUE(resp.actions(1).overdue());
  EXPECT_FALSE(resp.actions(2).overdue());
  EXPECT_FALSE(resp.actions(3).overdue());
  EXPECT_EQ(resp.actions(0).crisis_title(), "Opvang vluchtelingen");
  EXPECT_EQ(resp.actions(0).text(), "Bedden, sanitair en catering regelen met het COA");
  EXPECT_EQ(resp.actions(1).crisis_title(), "Hoogwater Maas");
  EXPECT_EQ(resp.actions(1).owner_name(), "Hanna de Vries");
  EXPECT_EQ(resp.actions(1).status(), "open");
  const v1::ListActionsResponse with_done = mine(true);
  ASSERT_EQ(with_done.actions_size(), 5);
  EXPECT_EQ(with_done.actions(4).seq(), done);
  EXPECT_EQ(with_done.actions(4).status(), "done");

  // All open actions of one crisis, for anyone who reads it.
  v1::ListActionsRequest one;
  one.set_crisis(kDemo);
  v1::ListActionsResponse demo;
  auto ctx = TestServer::Context(officer_);
  ASSERT_TRUE(crises_->ListActions(ctx.get(), one, &demo).ok());
  got.clear();
  for (const auto& a : demo.actions()) got.emplace_back(a.crisis(), a.seq());
  EXPECT_EQ(got, (std::vector<std::pair<int64_t, int64_t>>{{kDemo, 6}, {kDemo, 16}}));
  ASSERT_EQ(demo.actions_size(), 2);
  EXPECT_EQ(demo.actions(1).status(), "in-progress");
  EXPECT_EQ(demo.actions(1).last_change(), 18);
  EXPECT_EQ(demo.actions(1).owner(), "e.willems");
}

TEST_F(CrisisServiceTest, HandoverReport) {
  const absl::Time since = absl::Now();
  const int64_t decision = Log(kDemo, v1::ENTRY_KIND_DECISION, "Derde locatie openen").seq();
  v1::AppendEntryRequest grip = Request(kDemo, v1::ENTRY_KIND_GRIP_CHANGE, "Opschaling", "g-2");
  grip.set_grip("2");
  const int64_t grip_change = AppendOrDie(grip).seq();
  const int64_t situation = Log(kDemo, v1::ENTRY_KIND_SITUATION, "350 personen").seq();

  auto handover = [&](std::optional<absl::Time> from) {
    v1::GetHandoverRequest req;
    req.set_crisis(kDemo);
    if (from) convert::ToProto(*from, req.mutable_since());
    v1::GetHandoverResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = crises_->GetHandover(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  };
  v1::GetHandoverResponse r = handover(since);
  EXPECT_EQ(r.crisis().grip(), "2");
  EXPECT_EQ(convert::TimeFromProto(r.since()), absl::FromUnixMicros(absl::ToUnixMicros(since)));
  EXPECT_EQ(Seqs(r.decisions()), (std::vector<int64_t>{decision}));
  EXPECT_EQ(Seqs(r.grip_changes()), (std::vector<int64_t>{grip_change}));
  EXPECT_EQ(r.grip_changes(0).grip(), "2");
  EXPECT_EQ(r.latest_situation().seq(), situation);
  std::vector<int64_t> open;
  for (const auto& a : r.open_actions()) open.push_back(a.seq());
  EXPECT_EQ(open, (std::vector<int64_t>{6, 16}));
  EXPECT_TRUE(r.open_actions(0).overdue());
  EXPECT_EQ(r.assessments_size(), 0);
  EXPECT_EQ(r.finished_actions_size(), 0);

  // What the shift judged and finished is news for the next one too.
  const int64_t assessment = Log(kDemo, v1::ENTRY_KIND_ASSESSMENT, "Capaciteit volstaat").seq();
  v1::AppendEntryRequest done = Request(kDemo, v1::ENTRY_KIND_ACTION_UPDATE, "Geregeld", "h-done");
  done.set_action_ref(16);
  done.set_action_status("done");
  const absl::Time before_done = absl::Now();
  AppendOrDie(done);
  r = handover(since);
  EXPECT_EQ(Seqs(r.assessments()), (std::vector<int64_t>{assessment}));
  ASSERT_EQ(r.finished_actions_size(), 1);
  EXPECT_EQ(r.finished_actions(0).seq(), 16);
  EXPECT_EQ(r.finished_actions(0).status(), "done");
  EXPECT_GE(convert::TimeFromProto(r.finished_actions(0).finished()),
            absl::FromUnixMicros(absl::ToUnixMicros(before_done)));
  ASSERT_EQ(r.open_actions_size(), 1);
  EXPECT_EQ(r.open_actions(0).seq(), 6);

  // Since before the demo was logged: every decision, with its correction.
  r = handover(since - absl::Hours(1));
  EXPECT_EQ(Seqs(r.decisions()), (std::vector<int64_t>{5, 11, 14, decision}));
  EXPECT_THAT(r.decisions(2).corrected_by(), ElementsAre(15));
  EXPECT_EQ(Seqs(r.grip_changes()), (std::vector<int64_t>{4, 12, grip_change}));
  // The corrections come along, so the report can say what a corrected entry now says.
  EXPECT_EQ(Seqs(r.corrections()), (std::vector<int64_t>{15}));
  EXPECT_EQ(r.corrections(0).corrects(), 14);

  // A corrected GRIP change and a corrected situation are marked too.
  int64_t corrections = 0;
  for (const int64_t seq : {grip_change, situation}) {
    v1::AppendEntryRequest c = Request(kDemo, v1::ENTRY_KIND_CORRECTION,
                                       absl::StrCat("Correctie van ", seq), absl::StrCat("hc-", seq));
    c.set_corrects(seq);
    c.add_refs(seq);
    corrections = AppendOrDie(c).seq();
  }
  r = handover(since);
  EXPECT_THAT(r.grip_changes(0).corrected_by(), ElementsAre(corrections - 1));
  EXPECT_THAT(r.latest_situation().corrected_by(), ElementsAre(corrections));
  ASSERT_EQ(Seqs(r.corrections()), (std::vector<int64_t>{corrections - 1, corrections}));
  EXPECT_EQ(r.corrections(1).text(), absl::StrCat("Correctie van ", situation));
  EXPECT_EQ(r.decisions(0).corrected_by_size(), 0);
  // Without `since`: the last 12 hours.
  r = handover(std::nullopt);
  EXPECT_NEAR(absl::ToDoubleHours(absl::Now() - convert::TimeFromProto(r.since())), 12.0, 0.01);
}

// A GRIP change logged afterwards is history: the level in force stays the one that happened
// last. The handover's latest situation is the one that happened last, and a correction that
// is corrected in turn comes with its own correction.
TEST_F(CrisisServiceTest, WhatIsLoggedAfterwardsTakesItsPlaceByWhenItHappened) {
  const int64_t id = OpenOrDie("Hoogwater Waal", {"druten"});
  v1::AppendEntryRequest up = Request(id, v1::ENTRY_KIND_GRIP_CHANGE, "Opschaling", "up");
  up.set_grip("2");
  AppendOrDie(up);
  v1::AppendEntryRequest earlier = Request(id, v1::ENTRY_KIND_GRIP_CHANGE, "vergeten", "earlier");
  earlier.set_grip("1");
  convert::ToProto(absl::Now() - absl::Minutes(3), earlier.mutable_event_time());
  AppendOrDie(earlier);  // at GRIP 1 already, but that held before GRIP 2
  const int64_t now_seq = Log(id, v1::ENTRY_KIND_SITUATION, "Waterstand 12,6 m").seq();
  v1::AppendEntryRequest report = Request(id, v1::ENTRY_KIND_SITUATION, "Melding: 11,8 m", "old");
  convert::ToProto(absl::Now() - absl::Minutes(4), report.mutable_event_time());
  AppendOrDie(report);
  // Before the crisis began (beyond the tolerance): refused, nothing written.
  v1::AppendEntryRequest ancient = Request(id, v1::ENTRY_KIND_SITUATION, "1990", "ancient");
  convert::ToProto(absl::FromUnixSeconds(631152000), ancient.mutable_event_time());
  v1::AppendEntryResponse refused;
  const grpc::Status s = Append(coordinator_, ancient, &refused);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), ::testing::StartsWith("event_time 1990-01-01 01:00 lies before crisis "));

  v1::AppendEntryRequest first = Request(id, v1::ENTRY_KIND_CORRECTION, "12,7 m", "c1");
  first.set_corrects(now_seq);
  const int64_t c1 = AppendOrDie(first).seq();
  v1::AppendEntryRequest second = Request(id, v1::ENTRY_KIND_CORRECTION, "12,8 m", "c2");
  second.set_corrects(c1);
  const int64_t c2 = AppendOrDie(second).seq();

  v1::GetHandoverRequest req;
  req.set_crisis(id);
  v1::GetHandoverResponse r;
  auto ctx = TestServer::Context(coordinator_);
  ASSERT_TRUE(crises_->GetHandover(ctx.get(), req, &r).ok());
  EXPECT_EQ(r.crisis().grip(), "2");
  EXPECT_EQ(r.latest_situation().seq(), now_seq);
  EXPECT_THAT(r.latest_situation().corrected_by(), ElementsAre(c1));
  ASSERT_EQ(Seqs(r.corrections()), (std::vector<int64_t>{c1, c2}));
  EXPECT_THAT(r.corrections(0).corrected_by(), ElementsAre(c2));
  EXPECT_EQ(r.corrections(1).text(), "12,8 m");
  EXPECT_EQ(AllEntries(id).size(), 7u);
}

// A months-long log of long reports outgrows one message (4 MB): pages of entries end early
// and say where to go on, and the export comes in pages under one checkpoint, whole and
// verifiable. (The export and a page of 300 failed with "Sent message larger than max".)
TEST_F(CrisisServiceTest, ALongLogOfLongReportsIsListedAndExportedInPages) {
  std::string report;
  while (report.size() < 15000) report += "Situatierapport Heumensoord, bezetting en zorg. ";
  constexpr int kLong = 300;
  for (int i = 0; i < kLong; ++i) {
    AppendOrDie(Request(kDemo, v1::ENTRY_KIND_SITUATION, report, absl::StrCat("long-", i)));
  }
  const int64_t total = kDemoEntries + kLong;
  // A server with a smaller message limit (1 MB) makes smaller pages.
  server_->Restart([](app::ServerOptions& o) { o.max_message_bytes = 1 << 20; });
  Connect();
  int64_t after = 0, listed = 0, pages = 0;
  while (true) {
    v1::ListEntriesResponse resp;
    grpc::Status s = List(officer_, kDemo, &resp, {}, 300, after);
    ASSERT_TRUE(s.ok()) << s.error_message();
    ++pages;
    listed += resp.entries_size();
    if (resp.next_after_seq() == 0) break;
    EXPECT_LT(resp.entries_size(), 300);
    EXPECT_EQ(resp.next_after_seq(), resp.entries(resp.entries_size() - 1).seq());
    after = resp.next_after_seq();
  }
  EXPECT_EQ(listed, total);
  EXPECT_GE(pages, 9);

  ASSERT_TRUE(WaitForCheckpoint(kDemo, total).has_value());
  v1::ExportCrisisRequest req;
  req.set_crisis(kDemo);
  req.set_paged(true);
  crisis::ExportBundle b;
  pages = 0;
  while (true) {
    v1::ExportCrisisResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = crises_->ExportCrisis(ctx.get(), req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    if (pages++ == 0) {
      b.crisis = convert::FromProto(resp.crisis());
      b.tree_size = resp.tree_size();
      b.checkpoint = resp.checkpoint();
      b.public_key = resp.public_key();
      req.set_tree_size(resp.tree_size());
      // A later entry, signed before the next page is asked for, does not change what the
      // pages after the first one cover.
      Log(kDemo, v1::ENTRY_KIND_MESSAGE, "Tussendoor");
      ASSERT_TRUE(WaitForCheckpoint(kDemo, total + 1).has_value());
    }
    for (const auto& e : resp.entries()) b.entries.push_back(convert::FromProto(e));
    for (const auto& h : resp.leaf_hashes()) b.leaf_hashes.push_back(HashOf(h));
    if (resp.next_after_seq() == 0) break;
    req.set_after_seq(resp.next_after_seq());
  }
  EXPECT_GE(pages, 9);
  EXPECT_EQ(b.tree_size, static_cast<uint64_t>(total));
  EXPECT_EQ(b.entries.size(), static_cast<size_t>(total));
  EXPECT_EQ(b.leaf_hashes.size(), static_cast<size_t>(total));
  absl::StatusOr<crisis::ExportBundle> parsed = crisis::ParseExport(crisis::WriteExport(b));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  absl::StatusOr<crisis::VerifyReport> r = crisis::VerifyExport(*parsed, VerifierKey());
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->entries_checked, static_cast<size_t>(total));
}

TEST_F(CrisisServiceTest, ExportHonoursFiltersAndVerifiesOffline) {
  const std::string key = VerifierKey();
  EXPECT_EQ(key, server_->app()->ledger().verifier_key);
  ASSERT_TRUE(WaitForCheckpoint(kDemo, kDemoEntries).has_value());

  auto bundle = [&](const v1::EntryFilter& filter, const std::string& note) {
    v1::ExportCrisisRequest req;
    req.set_crisis(kDemo);
    *req.mutable_filter() = filter;
    v1::ExportCrisisResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = crises_->ExportCrisis(ctx.get(), req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    crisis::ExportBundle b;
    b.crisis = convert::FromProto(resp.crisis());
    for (const auto& e : resp.entries()) b.entries.push_back(convert::FromProto(e));
    for (const auto& h : resp.leaf_hashes()) b.leaf_hashes.push_back(HashOf(h));
    b.tree_size = resp.tree_size();
    b.checkpoint = resp.checkpoint();
    b.public_key = resp.public_key();
    b.filter = note;
    return b;
  };
  // Through the file format, as the CLI writes it.
  auto verify = [&](const crisis::ExportBundle& b) {
    absl::StatusOr<crisis::ExportBundle> parsed = crisis::ParseExport(crisis::WriteExport(b));
    EXPECT_TRUE(parsed.ok()) << parsed.status();
    return crisis::VerifyExport(*parsed, key);
  };

  const crisis::ExportBundle all = bundle({}, "");
  EXPECT_EQ(all.tree_size, static_cast<uint64_t>(kDemoEntries));
  EXPECT_EQ(all.entries.size(), static_cast<size_t>(kDemoEntries));
  EXPECT_EQ(all.leaf_hashes.size(), static_cast<size_t>(kDemoEntries));
  EXPECT_EQ(all.public_key, key);
  absl::StatusOr<crisis::VerifyReport> r = verify(all);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->entries_checked, static_cast<size_t>(kDemoEntries));
  EXPECT_EQ(r->origin, absl::StrCat(server_->app()->ledger().key_name, "/crisis/1"));

  v1::EntryFilter decisions;
  decisions.add_kinds(v1::ENTRY_KIND_DECISION);
  const crisis::ExportBundle some = bundle(decisions, "kind=decision");
  std::vector<int64_t> seqs;
  for (const auto& e : some.entries) seqs.push_back(e.seq);
  EXPECT_EQ(seqs, (std::vector<int64_t>{5, 11, 14}));
  EXPECT_EQ(some.leaf_hashes.size(), static_cast<size_t>(kDemoEntries));
  r = verify(some);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->entries_checked, 3u);

  v1::EntryFilter by_author;
  by_author.set_author("administrator");
  EXPECT_TRUE(bundle(by_author, "author=administrator").entries.empty());

  crisis::ExportBundle edited = some;
  edited.entries[1].text = "Geen verlenging";
  r = verify(edited);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(r.status().message(), "entry 11 (decision by coordinator) does not match its signed "
                                  "leaf: it was changed after it was logged");
}

TEST_F(CrisisServiceTest, ACheckpointFollowsEveryAppendWithinASecond) {
  ASSERT_TRUE(WaitForCheckpoint(kDemo, kDemoEntries).has_value());
  const std::vector<ledger::NoteVerifier> trusted = {
      ledger::NoteVerifier::FromKeyString(VerifierKey()).value()};
  const std::string origin = absl::StrCat(server_->app()->ledger().key_name, "/crisis/1");
  for (int round = 0; round < 3; ++round) {
    // A burst of appends, then one alone.
    const int burst = round == 1 ? 5 : 1;
    int64_t size = 0;
    for (int i = 0; i < burst; ++i) size = Log(kDemo, v1::ENTRY_KIND_MESSAGE, "tick").seq();
    const absl::Time acked = absl::Now();
    std::optional<v1::GetCheckpointResponse> cp = WaitForCheckpoint(kDemo, size);
    const absl::Duration took = absl::Now() - acked;
    ASSERT_TRUE(cp.has_value()) << "no checkpoint of size " << size << " within 2 s";
    EXPECT_LT(took, absl::Seconds(1)) << "round " << round;
    EXPECT_EQ(cp->tree_size(), static_cast<uint64_t>(size));
    EXPECT_EQ(cp->origin(), origin);
    absl::StatusOr<ledger::Checkpoint> opened = ledger::OpenCheckpoint(cp->note(), origin, trusted);
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(opened->tree_size, static_cast<uint64_t>(size));
    EXPECT_EQ(ledger::HashToBytes(opened->root_hash), cp->root_hash());
  }
}

TEST_F(CrisisServiceTest, InclusionProofsVerifyForEveryEntryAgainstTheSignedRoot) {
  for (int i = 0; i < 7; ++i) Log(kDemo, v1::ENTRY_KIND_MESSAGE, absl::StrCat("bericht ", i));
  const uint64_t n = kDemoEntries + 7;
  std::optional<v1::GetCheckpointResponse> cp = WaitForCheckpoint(kDemo, n);
  ASSERT_TRUE(cp.has_value());
  ASSERT_EQ(cp->tree_size(), n);
  const std::vector<ledger::NoteVerifier> trusted = {
      ledger::NoteVerifier::FromKeyString(VerifierKey()).value()};
  const ledger::Hash root =
      ledger::OpenCheckpoint(cp->note(), cp->origin(), trusted).value().root_hash;
  const std::vector<v1::Entry> entries = AllEntries(kDemo);
  ASSERT_EQ(entries.size(), n);
  for (const v1::Entry& e : entries) {
    v1::GetInclusionProofRequest req;
    req.set_crisis(kDemo);
    req.set_seq(e.seq());
    req.set_tree_size(n);
    v1::GetInclusionProofResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = ledger_->GetInclusionProof(ctx.get(), req, &resp);
    ASSERT_TRUE(s.ok()) << s.error_message();
    // The leaf is recomputed here from the entry as served, not taken from the server.
    const ledger::Hash leaf = crisis::EntryLeafHash(convert::FromProto(e));
    EXPECT_EQ(ledger::HashToBytes(leaf), resp.leaf_hash()) << e.seq();
    std::vector<ledger::Hash> proof;
    for (const auto& h : resp.proof()) proof.push_back(HashOf(h));
    EXPECT_TRUE(ledger::VerifyInclusion(e.seq() - 1, n, leaf, proof, root).ok()) << e.seq();
    // The same proof does not prove a changed entry.
    crisis::Entry changed = convert::FromProto(e);
    changed.text += ".";
    EXPECT_EQ(ledger::VerifyInclusion(e.seq() - 1, n, crisis::EntryLeafHash(changed), proof, root)
                  .code(),
              absl::StatusCode::kDataLoss)
        << e.seq();
  }
  struct Bad {
    int64_t seq;
    uint64_t size;
    std::string message;
  };
  for (const Bad& b : std::vector<Bad>{
           {0, n, "seq must be 1 or more"},
           {28, n, "crisis 1 has 27 entries; no entry 28 in a tree of size 27"},
           {5, n + 1, "crisis 1 has 27 entries; no entry 5 in a tree of size 28"},
           {5, 4, "crisis 1 has 27 entries; no entry 5 in a tree of size 4"},
       }) {
    v1::GetInclusionProofRequest req;
    req.set_crisis(kDemo);
    req.set_seq(b.seq);
    req.set_tree_size(b.size);
    v1::GetInclusionProofResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = ledger_->GetInclusionProof(ctx.get(), req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << b.message;
    EXPECT_EQ(s.error_message(), b.message);
  }
}

TEST_F(CrisisServiceTest, ConsistencyProofsVerifyBetweenSizes) {
  // Signed roots at several sizes: wait for each checkpoint before the next append.
  const std::vector<ledger::NoteVerifier> trusted = {
      ledger::NoteVerifier::FromKeyString(VerifierKey()).value()};
  std::map<uint64_t, ledger::Hash> signed_roots;
  auto record = [&](uint64_t size) {
    std::optional<v1::GetCheckpointResponse> cp = WaitForCheckpoint(kDemo, size);
    ASSERT_TRUE(cp.has_value()) << size;
    ASSERT_EQ(cp->tree_size(), size);
    signed_roots[size] = ledger::OpenCheckpoint(cp->note(), cp->origin(), trusted).value().root_hash;
  };
  record(kDemoEntries);
  for (int i = 0; i < 4; ++i) {
    record(Log(kDemo, v1::ENTRY_KIND_MESSAGE, absl::StrCat("bericht ", i)).seq());
  }
  ASSERT_EQ(signed_roots.size(), 5u);

  // Roots of every prefix, computed here from the entries.
  const std::vector<v1::Entry> entries = AllEntries(kDemo);
  const uint64_t n = entries.size();
  std::vector<ledger::Hash> leaves;
  for (const auto& e : entries) leaves.push_back(crisis::EntryLeafHash(convert::FromProto(e)));
  std::vector<ledger::Hash> roots(n + 1);
  for (uint64_t m = 1; m <= n; ++m) {
    roots[m] = ledger::RootFromLeafHashes(absl::MakeConstSpan(leaves).subspan(0, m));
  }
  for (const auto& [size, root] : signed_roots) EXPECT_EQ(roots[size], root) << size;

  auto proof = [&](uint64_t m, uint64_t to, std::vector<ledger::Hash>* out) {
    v1::GetConsistencyProofRequest req;
    req.set_crisis(kDemo);
    req.set_from_size(m);
    req.set_to_size(to);
    v1::GetConsistencyProofResponse resp;
    auto ctx = TestServer::Context(officer_);
    grpc::Status s = ledger_->GetConsistencyProof(ctx.get(), req, &resp);
    out->clear();
    for (const auto& h : resp.proof()) out->push_back(HashOf(h));
    return s;
  };
  std::vector<ledger::Hash> p;
  for (uint64_t m = 1; m <= n; ++m) {
    for (uint64_t to = m; to <= n; ++to) {
      grpc::Status s = proof(m, to, &p);
      ASSERT_TRUE(s.ok()) << m << "->" << to << ": " << s.error_message();
      EXPECT_TRUE(ledger::VerifyConsistency(m, to, roots[m], roots[to], p).ok()) << m << "->" << to;
      if (m < to) {
        ledger::Hash wrong = roots[m];
        wrong[0] ^= 1;
        EXPECT_FALSE(ledger::VerifyConsistency(m, to, wrong, roots[to], p).ok()) << m << "->" << to;
      }
    }
  }
  // Between the signed checkpoints, with the signed roots.
  for (const auto& [m, first] : signed_roots) {
    for (const auto& [to, second] : signed_roots) {
      if (m > to) continue;
      ASSERT_TRUE(proof(m, to, &p).ok());
      EXPECT_TRUE(ledger::VerifyConsistency(m, to, first, second, p).ok()) << m << "->" << to;
    }
  }
  grpc::Status s = proof(5, 4, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "crisis 1 has 24 entries; no consistency proof from 5 to 4");
  s = proof(5, n + 1, &p);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(s.error_message(), "crisis 1 has 24 entries; no consistency proof from 5 to 25");
}

}  // namespace
}  // namespace paraat
