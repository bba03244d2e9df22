// SPDX-License-Identifier: EUPL-1.2
// The "Capaciteit" view (administrators): for a crisis and a week, per municipality the hours
// planned per ambition against the hours the shown proposal leaves them (table and bar chart),
// proposals side by side (CompareProposals) and, for regional administrators, approving one
// (a decision in the crisis log) and restoring the plan of a week with a reallocation in
// force (Restore; a decision too). The week's proposals are listed (ListProposals), with those
// made here remembered in the local cache for when the server cannot be reached.
#ifndef PARAAT_CLIENT_DESK_CAPACITY_VIEW_H_
#define PARAAT_CLIENT_DESK_CAPACITY_VIEW_H_

#include <QAbstractTableModel>
#include <QWidget>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/api/async_client.h"
#include "client/desk/permissions.h"

class QBarSeries;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace paraat {
namespace desk {

// At most this many proposals are compared side by side (CompareProposals takes ten).
inline constexpr size_t kMaxCompared = 10;
// The proposals to show side by side: those known here and those the server lists, by id;
// the newest kMaxCompared, always keeping the one in force.
std::vector<int64_t> ProposalsToCompare(std::vector<int64_t> known,
                                        const std::vector<int64_t>& listed, int64_t inForce);

// One row per municipality and ambition: planned, after reallocation, given up.
class CapacityModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    MunicipalityColumn,
    AmbitionColumn,
    PlannedColumn,
    ReallocatedColumn,
    GivenUpColumn,
    ColumnCount
  };
  struct Row {
    std::string municipality, municipalityName, ambition, ambitionName;
    double planned = 0, reallocated = 0;
  };

  explicit CapacityModel(QObject* parent = nullptr);
  // The plan, and what `proposal` (when set) leaves of it.
  // `names`: municipality key -> name (the key is shown when missing).
  void setData(const client::CapacityView& capacity,
               const std::vector<std::pair<capacity::Ambition, bool>>& ambitions,
               const std::optional<client::ProposalView>& proposal,
               const std::map<std::string, std::string>& names = {});
  const std::vector<Row>& rows() const { return m_rows; }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  std::vector<Row> m_rows;
};

// Proposals side by side: one column per proposal, one row per figure.
class ProposalCompareModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  explicit ProposalCompareModel(QObject* parent = nullptr);
  void setProposals(std::vector<client::ProposalView> proposals,
                    std::map<std::string, std::string> municipalityNames);
  const std::vector<client::ProposalView>& proposals() const { return m_proposals; }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  std::vector<client::ProposalView> m_proposals;
  std::vector<std::string> m_municipalities;  // rows after the fixed ones
  std::map<std::string, std::string> m_names;
};

class CapacityView : public QWidget {
  Q_OBJECT

 public:
  explicit CapacityView(client::AsyncClient* client, QWidget* parent = nullptr);

  void setAccount(std::optional<directory::AccountInfo> account);
  void setCache(std::shared_ptr<client::cache::Cache> cache) { m_cache = std::move(cache); }

  // Chooses the crisis and week (loads demand, allocations and proposals).
  void selectCrisis(int64_t crisisId);
  void selectWeek(const QString& week);
  // Asks the server for a proposal for the chosen crisis and week.
  void propose(capacity::Policy policy);
  // Shows proposal `id` in the table and chart.
  void showProposal(int64_t id);
  // Approves proposal `id` (no confirmation: the button asks first).
  void approve(int64_t id);
  // Ends the reallocation in force for the chosen crisis and week: every municipality returns
  // to its plan (no confirmation: the button asks first).
  void restore();

  int64_t crisisId() const;
  QString week() const;
  int64_t shownProposal() const { return m_shown ? m_shown->id : 0; }
  CapacityModel* capacityModel() const { return m_capacityModel; }
  ProposalCompareModel* compareModel() const { return m_compareModel; }
  QChart* chart() const { return m_chart; }
  QPushButton* approveButton() const { return m_approve; }
  QPushButton* restoreButton() const { return m_restore; }
  // The proposal whose reallocation is in force for the chosen week (0: none).
  int64_t inForce() const { return m_inForce; }
  QLabel* statusLabel() const { return m_status; }
  // "the plan (no proposal)", then the proposals of the week: those compared side by side,
  // then those made on other data (before the demand or the plans changed).
  QComboBox* proposalCombo() const { return m_proposalCombo; }

 public Q_SLOTS:
  void refresh();

 Q_SIGNALS:
  void refreshed(bool ok);
  // Proposals were compared (after a proposal or a refresh).
  void compared();
  void approved(const paraat::client::AllocationView& allocation);
  void restored(const paraat::client::AllocationView& allocation);
  void message(const QString& text);

 private:
  void begin();
  void end(const absl::Status& status, const QString& what);
  void loadWeek();
  void loadCapacity(int generation);
  void compare();
  void updateTable();
  void updateChart();
  void updateButtons();
  void rememberProposal(int64_t id);
  std::vector<int64_t> rememberedProposals() const;
  std::string proposalsKey() const;

  client::AsyncClient* m_client;
  std::optional<directory::AccountInfo> m_account;
  Permissions m_permissions;
  std::shared_ptr<client::cache::Cache> m_cache;

  client::CapacityView m_capacity;
  std::map<std::string, std::string> m_names;  // municipality key -> name
  std::vector<std::pair<capacity::Ambition, bool>> m_ambitions;
  std::vector<client::DemandView> m_demand;
  std::vector<client::AllocationView> m_allocations;
  std::vector<int64_t> m_proposalIds;  // this crisis and week
  std::optional<client::ProposalView> m_shown;
  // The proposals of the week made on other data than the newest: listed (and shown when
  // chosen), not compared side by side with it.
  std::vector<client::ProposalView> m_otherProposals;
  bool m_busy = false;  // a proposal, approval or restore is on its way
  int64_t m_inForce = 0;    // the proposal in force for the chosen week

  CapacityModel* m_capacityModel;
  ProposalCompareModel* m_compareModel;
  QComboBox* m_crisisCombo;
  QComboBox* m_weekCombo;
  QComboBox* m_municipalityCombo;
  QComboBox* m_proposalCombo;
  QTableView* m_table;
  QTableView* m_compareTable;
  QChart* m_chart;
  QChartView* m_chartView;
  QPushButton* m_priority;
  QPushButton* m_equal;
  QPushButton* m_approve;
  QPushButton* m_restore;
  QLabel* m_demandLabel;
  QLabel* m_status;
  QLabel* m_loadError;
  int m_pending = 0;
  bool m_ok = true;
  QStringList m_errors;
  int m_generation = 0;      // per account
  int m_weekGeneration = 0;  // per crisis and week
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_CAPACITY_VIEW_H_
