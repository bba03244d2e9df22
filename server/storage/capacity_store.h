// SPDX-License-Identifier: EUPL-1.2
// Repository of the capacity model: ambitions, municipalities' hours and plans, loan rules,
// crisis demand, proposals with the exact input they were solved on, and allocations.
#ifndef PARAAT_SERVER_STORAGE_CAPACITY_STORE_H_
#define PARAAT_SERVER_STORAGE_CAPACITY_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/capacity/model.h"
#include "common/capacity/reallocation.h"
#include "server/storage/sqlite.h"

namespace paraat::storage {

class Database;
class Txn;

struct DemandRecord {
  int64_t crisis_id = 0;
  capacity::IsoWeek week;
  std::string municipality;
  double hours = 0;
};

struct ProposalRecord {
  int64_t id = 0;
  int64_t crisis_id = 0;
  capacity::IsoWeek week;
  capacity::Policy policy = capacity::Policy::kPriority;
  capacity::CapacityInput input;  // exactly what was solved
  std::string digest;             // SHA-256 of CanonicalText(input)
  std::string summary;
  std::string created_by;
  absl::Time created;
};

using AllocationRecord = capacity::Allocation;

struct LoanSettings {
  bool same_region_default = true;
  double default_cost = capacity::kDefaultLoanCost;
  std::vector<capacity::LoanRule> rules;
};

// SHA-256 of the canonical text of an input: what approval compares.
std::string InputDigest(const capacity::CapacityInput& in);
// The version of a municipality's capacity as readers see it (hex): changes with any of it.
std::string CapacityVersion(const capacity::Municipality& m);

// The capacity input of the region for one crisis week (ambitions, municipalities with their
// hours and plans, loans, and the crisis's demand that week), read on `c`. With
// `inactive_ambitions`: as it would be with every ambition in use (for checks that
// reactivating one cannot break the plans). Demand of a deactivated municipality is
// FAILED_PRECONDITION, naming it.
absl::StatusOr<capacity::CapacityInput> LoadCapacityInput(Connection& c, int64_t crisis_id,
                                                          capacity::IsoWeek week,
                                                          const std::string& crisis_label,
                                                          bool inactive_ambitions = false);

// Inside a write transaction: makes the proposal the active allocation for its week
// (superseding any earlier one), recording the decision entry. ABORTED when the data changed
// since the proposal; FAILED_PRECONDITION when it was approved already.
absl::StatusOr<AllocationRecord> ApproveInTxn(Txn& txn, int64_t proposal_id,
                                              absl::string_view actor, int64_t decision_seq);
// Inside a write transaction: the active allocations of a crisis (one week, or all).
absl::StatusOr<std::vector<AllocationRecord>> ActiveAllocations(Connection& c, int64_t crisis_id,
                                                                std::optional<capacity::IsoWeek> week);
// Inside a write transaction: ends an allocation, recording the decision entry.
absl::Status RestoreInTxn(Txn& txn, int64_t allocation_id, absl::string_view actor,
                          int64_t restore_seq);

class CapacityStore {
 public:
  virtual ~CapacityStore() = default;

  virtual absl::StatusOr<std::vector<std::pair<capacity::Ambition, bool>>> ListAmbitions() = 0;
  // Adds or replaces an ambition. When `check` accepts the region's input before the change
  // but not after it (a reactivated ambition's plan lines no longer fit), FAILED_PRECONDITION
  // and nothing changes.
  virtual absl::Status SetAmbition(
      absl::string_view actor, const capacity::Ambition& a, bool active,
      const std::function<absl::Status(const capacity::CapacityInput&)>& check) = 0;
  // Municipalities with capacity data, and the loan settings.
  virtual absl::StatusOr<std::pair<std::vector<capacity::Municipality>, LoanSettings>> GetCapacity() = 0;
  // Replaces a municipality's hours and plan (the plan lines of inactive ambitions stay; `m`
  // naming one is FAILED_PRECONDITION); `check` validates the whole region's input as it would be after the change.
  // With `if_version`, only while the stored capacity still has that version (ABORTED if not).
  virtual absl::Status SetCapacity(
      absl::string_view actor, const capacity::Municipality& m,
      const std::function<absl::Status(const capacity::CapacityInput&)>& check,
      const std::string& if_version = "") = 0;
  virtual absl::Status SetLoanRule(absl::string_view actor, const capacity::LoanRule& r) = 0;
  virtual absl::Status SetDemand(absl::string_view actor, const DemandRecord& d) = 0;
  virtual absl::StatusOr<std::vector<DemandRecord>> ListDemand(int64_t crisis_id) = 0;

  // As LoadCapacityInput (with `inactive_ambitions` as there).
  virtual absl::StatusOr<capacity::CapacityInput> CurrentInput(int64_t crisis_id,
                                                               capacity::IsoWeek week,
                                                               const std::string& crisis_label,
                                                               bool inactive_ambitions) = 0;
  absl::StatusOr<capacity::CapacityInput> CurrentInput(int64_t crisis_id, capacity::IsoWeek week,
                                                       const std::string& crisis_label) {
    return CurrentInput(crisis_id, week, crisis_label, false);
  }
  virtual absl::StatusOr<int64_t> SaveProposal(absl::string_view actor, const ProposalRecord& p) = 0;
  virtual absl::StatusOr<ProposalRecord> GetProposal(int64_t id) = 0;
  // The proposals of a crisis (of one week when given), newest first, at most 500, without
  // their input.
  virtual absl::StatusOr<std::vector<ProposalRecord>> ListProposals(
      int64_t crisis_id, std::optional<capacity::IsoWeek> week) = 0;
  // All allocations of a crisis (0: every crisis), newest first.
  virtual absl::StatusOr<std::vector<AllocationRecord>> ListAllocations(int64_t crisis_id) = 0;
  // The allocations in force (not restored) of a crisis (0: every crisis), by week.
  virtual absl::StatusOr<std::vector<AllocationRecord>> Active(int64_t crisis_id) = 0;
};

std::unique_ptr<CapacityStore> NewSqliteCapacityStore(Database* db);

}  // namespace paraat::storage

#endif  // PARAAT_SERVER_STORAGE_CAPACITY_STORE_H_
