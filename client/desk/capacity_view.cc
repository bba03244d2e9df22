// SPDX-License-Identifier: EUPL-1.2
#include "client/desk/capacity_view.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "client/desk/crisis_models.h"
#include "client/desk/form_parts.h"
#include "client/desk/formats.h"
#include "common/capacity/model.h"
#include "common/time/civil.h"

namespace paraat {
namespace desk {

namespace {

QString Hours(double h) { return Formats::hours(h); }

}  // namespace

std::vector<int64_t> ProposalsToCompare(std::vector<int64_t> known,
                                        const std::vector<int64_t>& listed, int64_t inForce) {
  for (int64_t id : listed) {
    if (std::find(known.begin(), known.end(), id) == known.end()) known.push_back(id);
  }
  std::sort(known.begin(), known.end());
  // The newest, and the one in force however old it is.
  while (known.size() > kMaxCompared) {
    auto oldest = known.begin();
    if (*oldest == inForce) ++oldest;
    known.erase(oldest);
  }
  return known;
}

namespace {

QString Message(const absl::Status& s) { return Formats::qs(std::string(s.message())); }

QString PolicyLabel(capacity::Policy p) {
  return p == capacity::Policy::kPriority ? CapacityView::tr("priority")
                                          : CapacityView::tr("equal share");
}

// The ISO week of today ("2026-W48").
std::string ThisWeek() {
  const absl::CivilDay today = Formats::civilDay(absl::Now());
  return time::FormatIsoWeek(today);
}

}  // namespace

// ---- CapacityModel

CapacityModel::CapacityModel(QObject* parent) : QAbstractTableModel(parent) {}

void CapacityModel::setData(const client::CapacityView& capacity,
                            const std::vector<std::pair<capacity::Ambition, bool>>& ambitions,
                            const std::optional<client::ProposalView>& proposal,
                            const std::map<std::string, std::string>& names) {
  std::map<std::string, capacity::Ambition> byKey;
  for (const auto& [a, active] : ambitions) byKey[a.key] = a;
  std::map<std::pair<std::string, std::string>, double> kept;
  if (proposal) {
    for (const capacity::AmbitionOutcome& o : proposal->allocations) {
      kept[{o.municipality, o.ambition}] = o.kept_hours;
    }
  }
  std::vector<Row> rows;
  for (const capacity::Municipality& m : capacity.municipalities) {
    std::vector<Row> mine;
    for (const capacity::AmbitionPlan& p : m.plan) {
      Row r;
      r.municipality = m.key;
      auto n = names.find(m.key);
      r.municipalityName = n != names.end() && !n->second.empty() ? n->second
                           : m.name.empty()                       ? m.key
                                                                  : m.name;
      r.ambition = p.ambition;
      auto a = byKey.find(p.ambition);
      r.ambitionName = a != byKey.end() && !a->second.name.empty() ? a->second.name : p.ambition;
      r.planned = p.planned_hours;
      auto k = kept.find({m.key, p.ambition});
      r.reallocated = k != kept.end() ? k->second : p.planned_hours;
      mine.push_back(std::move(r));
    }
    // In the order of the plan's priorities: regular tasks and rank 1 first.
    std::stable_sort(mine.begin(), mine.end(), [&byKey](const Row& x, const Row& y) {
      auto rank = [&byKey](const Row& r) {
        auto a = byKey.find(r.ambition);
        if (a == byKey.end()) return 1000;
        return a->second.regular ? 0 : a->second.rank;
      };
      return rank(x) < rank(y);
    });
    for (Row& r : mine) rows.push_back(std::move(r));
  }
  beginResetModel();
  m_rows = std::move(rows);
  endResetModel();
}

int CapacityModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CapacityModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant CapacityModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return QVariant();
  const Row& r = m_rows[static_cast<size_t>(index.row())];
  const double givenUp = r.planned - r.reallocated;
  if (role == Qt::TextAlignmentRole && index.column() >= PlannedColumn) {
    return QVariant(Qt::AlignRight | Qt::AlignVCenter);
  }
  if (role == Qt::BackgroundRole) {
    return givenUp > 0.005 ? QBrush(QColor(0xff, 0xd8, 0xa8)) : QVariant();
  }
  if (role == Qt::ForegroundRole) return givenUp > 0.005 ? QBrush(Qt::black) : QVariant();
  if (role != Qt::DisplayRole) return QVariant();
  switch (index.column()) {
    case MunicipalityColumn:
      return Formats::qs(r.municipalityName);
    case AmbitionColumn:
      return Formats::qs(r.ambitionName);
    case PlannedColumn:
      return Hours(r.planned);
    case ReallocatedColumn:
      return Hours(r.reallocated);
    case GivenUpColumn:
      return givenUp > 0.005 ? Hours(givenUp) : QStringLiteral("-");
  }
  return QVariant();
}

QVariant CapacityModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return QVariant();
  switch (section) {
    case MunicipalityColumn:
      return tr("Municipality");
    case AmbitionColumn:
      return tr("Ambition");
    case PlannedColumn:
      return tr("Planned h/week");
    case ReallocatedColumn:
      return tr("After reallocation");
    case GivenUpColumn:
      return tr("Given up");
  }
  return QVariant();
}

// ---- ProposalCompareModel

namespace {
enum CompareRow {
  kPolicyRow,
  kDemandRow,
  kShortRow,
  kGivenUpRow,
  kLoansRow,
  kStateRow,
  kFixedRows
};
}  // namespace

ProposalCompareModel::ProposalCompareModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProposalCompareModel::setProposals(std::vector<client::ProposalView> proposals,
                                        std::map<std::string, std::string> municipalityNames) {
  beginResetModel();
  m_proposals = std::move(proposals);
  m_names = std::move(municipalityNames);
  std::set<std::string> seen;
  m_municipalities.clear();
  for (const auto& p : m_proposals) {
    for (const auto& o : p.municipalities) {
      if (seen.insert(o.municipality).second) m_municipalities.push_back(o.municipality);
    }
  }
  endResetModel();
}

int ProposalCompareModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() || m_proposals.empty()) return 0;
  return kFixedRows + static_cast<int>(m_municipalities.size());
}

int ProposalCompareModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : 1 + static_cast<int>(m_proposals.size());
}

QVariant ProposalCompareModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || role != Qt::DisplayRole) return QVariant();
  const int row = index.row();
  if (index.column() == 0) {
    switch (row) {
      case kPolicyRow:
        return tr("Policy");
      case kDemandRow:
        return tr("Crisis demand");
      case kShortRow:
        return tr("Not covered");
      case kGivenUpRow:
        return tr("Ambition hours given up");
      case kLoansRow:
        return tr("Hours lent between municipalities");
      case kStateRow:
        return tr("State");
      default: {
        const std::string& m = m_municipalities[static_cast<size_t>(row - kFixedRows)];
        auto it = m_names.find(m);
        return tr("%1: given up / borrowed")
            .arg(Formats::qs(it != m_names.end() && !it->second.empty() ? it->second : m));
      }
    }
  }
  const client::ProposalView& p = m_proposals[static_cast<size_t>(index.column() - 1)];
  double givenUp = 0;
  for (const auto& o : p.municipalities) givenUp += o.planned_hours - o.kept_hours;
  double lent = 0;
  for (const auto& l : p.loans) lent += l.hours;
  switch (row) {
    case kPolicyRow:
      return PolicyLabel(p.policy);
    case kDemandRow:
      return Hours(p.total_demand_hours);
    case kShortRow:
      return Hours(p.total_shortfall_hours);
    case kGivenUpRow:
      return Hours(givenUp);
    case kLoansRow:
      return Hours(lent);
    case kStateRow:
      return p.stale ? tr("stale: the data changed, propose again") : tr("current");
    default: {
      const std::string& m = m_municipalities[static_cast<size_t>(row - kFixedRows)];
      for (const auto& o : p.municipalities) {
        if (o.municipality == m) {
          return tr("%1 / %2").arg(Hours(o.planned_hours - o.kept_hours),
                                   Hours(o.crisis_hours_borrowed));
        }
      }
      return QStringLiteral("-");
    }
  }
}

QVariant ProposalCompareModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return QVariant();
  if (section == 0) return tr("Hours a week");
  const client::ProposalView& p = m_proposals[static_cast<size_t>(section - 1)];
  return tr("Proposal %1").arg(p.id);
}

// ---- CapacityView

CapacityView::CapacityView(client::AsyncClient* client, QWidget* parent)
    : QWidget(parent),
      m_client(client),
      m_capacityModel(new CapacityModel(this)),
      m_compareModel(new ProposalCompareModel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  m_loadError = newErrorLabel(this);
  layout->addWidget(m_loadError);

  auto* bar = new QHBoxLayout();
  auto* crisisLabel = new QLabel(tr("C&risis:"), this);
  m_crisisCombo = new QComboBox(this);
  m_crisisCombo->setMinimumContentsLength(20);
  m_crisisCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  crisisLabel->setBuddy(m_crisisCombo);
  auto* weekLabel = new QLabel(tr("&Week:"), this);
  m_weekCombo = new QComboBox(this);
  m_weekCombo->setMinimumContentsLength(9);
  weekLabel->setBuddy(m_weekCombo);
  m_demandLabel = new QLabel(this);
  m_demandLabel->setTextFormat(Qt::PlainText);
  m_priority = new QPushButton(tr("Propose (&priority)"), this);
  m_priority->setToolTip(tr("Lowest priorities give up hours first"));
  m_equal = new QPushButton(tr("Propose (e&qual share)"), this);
  m_equal->setToolTip(tr("Every municipality keeps the same share of its plan"));
  auto* refreshButton = new QPushButton(tr("R&efresh"), this);
  bar->addWidget(crisisLabel);
  bar->addWidget(m_crisisCombo);
  bar->addWidget(weekLabel);
  bar->addWidget(m_weekCombo);
  bar->addWidget(m_demandLabel, 1);
  bar->addWidget(m_priority);
  bar->addWidget(m_equal);
  bar->addWidget(refreshButton);
  layout->addLayout(bar);

  auto* middle = new QHBoxLayout();
  auto* tableBox = new QGroupBox(tr("Planned and reallocated hours per ambition"), this);
  auto* tl = new QVBoxLayout(tableBox);
  auto* showRow = new QHBoxLayout();
  auto* proposalLabel = new QLabel(tr("Sh&ow:"), tableBox);
  m_proposalCombo = new QComboBox(tableBox);
  m_proposalCombo->setMinimumContentsLength(24);
  proposalLabel->setBuddy(m_proposalCombo);
  showRow->addWidget(proposalLabel);
  showRow->addWidget(m_proposalCombo, 1);
  tl->addLayout(showRow);
  m_table = new QTableView(tableBox);
  m_table->setModel(m_capacityModel);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setTabKeyNavigation(false);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(CapacityModel::AmbitionColumn,
                                                    QHeaderView::Stretch);
  tl->addWidget(m_table, 1);
  middle->addWidget(tableBox, 1);

  auto* chartBox = new QGroupBox(tr("Bar chart"), this);
  auto* cl = new QVBoxLayout(chartBox);
  auto* muniRow = new QHBoxLayout();
  auto* muniLabel = new QLabel(tr("&Municipality:"), chartBox);
  m_municipalityCombo = new QComboBox(chartBox);
  muniLabel->setBuddy(m_municipalityCombo);
  muniRow->addWidget(muniLabel);
  muniRow->addWidget(m_municipalityCombo, 1);
  cl->addLayout(muniRow);
  m_chart = new QChart();
  m_chart->setAnimationOptions(QChart::NoAnimation);
  m_chart->legend()->setAlignment(Qt::AlignBottom);
  m_chartView = new QChartView(m_chart, chartBox);
  m_chartView->setRenderHint(QPainter::Antialiasing);
  m_chartView->setMinimumHeight(220);
  cl->addWidget(m_chartView, 1);
  middle->addWidget(chartBox, 1);
  layout->addLayout(middle, 3);

  auto* compareBox = new QGroupBox(tr("Proposals side by side"), this);
  auto* pl = new QVBoxLayout(compareBox);
  m_compareTable = new QTableView(compareBox);
  m_compareTable->setModel(m_compareModel);
  m_compareTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_compareTable->setTabKeyNavigation(false);
  m_compareTable->verticalHeader()->hide();
  m_compareTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  pl->addWidget(m_compareTable, 1);
  auto* approveRow = new QHBoxLayout();
  m_approve = new QPushButton(tr("&Approve the shown proposal…"), compareBox);
  m_approve->setToolTip(
      tr("Puts the reallocation in force and records the decision in the crisis log"));
  m_restore = new QPushButton(tr("Res&tore the plan…"), compareBox);
  m_restore->setToolTip(
      tr("Ends the reallocation in force for this week: every municipality returns to its plan; "
         "the decision is recorded in the crisis log"));
  m_status = new QLabel(compareBox);
  m_status->setTextFormat(Qt::PlainText);
  m_status->setWordWrap(true);
  approveRow->addWidget(m_approve);
  approveRow->addWidget(m_restore);
  approveRow->addWidget(m_status, 1);
  pl->addLayout(approveRow);
  layout->addWidget(compareBox, 2);

  connect(m_crisisCombo, &QComboBox::currentIndexChanged, this, [this] {
    {
      const QSignalBlocker block(m_weekCombo);
      m_weekCombo->clear();
    }
    loadWeek();
  });
  connect(m_weekCombo, &QComboBox::currentIndexChanged, this, &CapacityView::loadWeek);
  connect(m_proposalCombo, &QComboBox::currentIndexChanged, this, [this] {
    const qlonglong id = m_proposalCombo->currentData().toLongLong();
    if (id > 0 && (!m_shown || m_shown->id != id)) {
      showProposal(id);
    } else if (id <= 0 && m_shown) {
      m_shown.reset();
      updateTable();
    }
  });
  connect(m_municipalityCombo, &QComboBox::currentIndexChanged, this, &CapacityView::updateChart);
  connect(m_priority, &QPushButton::clicked, this,
          [this] { propose(capacity::Policy::kPriority); });
  connect(m_equal, &QPushButton::clicked, this, [this] { propose(capacity::Policy::kEqualShare); });
  connect(refreshButton, &QPushButton::clicked, this, &CapacityView::refresh);
  connect(m_approve, &QPushButton::clicked, this, [this] {
    if (!m_shown) return;
    QMessageBox box(QMessageBox::Question, tr("Approve"),
                    tr("Approve proposal %1 (%2) for %3? The reallocation takes effect and the "
                       "decision is recorded in the crisis log.")
                        .arg(m_shown->id)
                        .arg(PolicyLabel(m_shown->policy), Formats::qs(m_shown->week)),
                    QMessageBox::NoButton, this);
    QPushButton* yes = box.addButton(tr("Approve"), QMessageBox::AcceptRole);
    box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() == yes) approve(m_shown->id);
  });
  connect(m_restore, &QPushButton::clicked, this, [this] {
    if (m_inForce <= 0) return;
    QMessageBox box(QMessageBox::Question, tr("Restore the plan"),
                    tr("Restore the plan for %1 in %2? The reallocation of proposal %3 ends, "
                       "every municipality returns to its planned hours, and the decision is "
                       "recorded in the crisis log.")
                        .arg(week(), m_crisisCombo->currentText())
                        .arg(m_inForce),
                    QMessageBox::NoButton, this);
    QPushButton* yes = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
    box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    box.exec();
    if (box.clickedButton() == yes) restore();
  });
  updateButtons();
}

void CapacityView::setAccount(std::optional<directory::AccountInfo> account) {
  m_account = std::move(account);
  m_permissions = m_account ? Permissions::of(*m_account) : Permissions();
  ++m_generation;
  m_inForce = 0;
  if (!m_account) {
    m_shown.reset();
    m_proposalIds.clear();
    m_otherProposals.clear();
    m_compareModel->setProposals({}, {});
    m_capacityModel->setData({}, {}, std::nullopt);
    updateChart();
    updateButtons();
    return;
  }
  refresh();
}

int64_t CapacityView::crisisId() const { return m_crisisCombo->currentData().toLongLong(); }

QString CapacityView::week() const { return m_weekCombo->currentText(); }

void CapacityView::begin() {
  if (m_pending++ == 0) {
    m_ok = true;
    m_errors.clear();
  }
}

void CapacityView::end(const absl::Status& status, const QString& what) {
  if (!status.ok()) {
    m_ok = false;
    m_errors << tr("%1: %2").arg(what, Message(status));
  }
  if (--m_pending > 0) return;
  m_loadError->setText(
      m_errors.isEmpty()
          ? QString()
          : tr("Could not load everything. %1").arg(m_errors.join(QStringLiteral("; "))));
  m_loadError->setVisible(!m_errors.isEmpty());
  // The chart's choice of municipality, by name once the names are in.
  for (int i = 1; i < m_municipalityCombo->count(); ++i) {
    auto n = m_names.find(m_municipalityCombo->itemData(i).toString().toStdString());
    if (n != m_names.end() && !n->second.empty()) {
      m_municipalityCombo->setItemText(i, Formats::qs(n->second));
    }
  }
  updateTable();
  updateButtons();
  Q_EMIT refreshed(m_ok);
}

void CapacityView::refresh() {
  if (!m_account || !m_permissions.capacity) return;
  begin();
  const int generation = m_generation;
  loadCapacity(generation);
  begin();
  m_client->run<std::vector<directory::Municipality>>(
      this, [](client::Client& c) { return c.ListMunicipalities(/*include_inactive=*/true); },
      [this, generation](absl::StatusOr<std::vector<directory::Municipality>> r) {
        if (r.ok() && generation == m_generation) {
          m_names.clear();
          for (const directory::Municipality& m : *r) m_names[m.key] = m.name;
        }
        end(r.status(), tr("municipalities"));
      });
  begin();
  m_client->run<std::vector<std::pair<capacity::Ambition, bool>>>(
      this, [](client::Client& c) { return c.ListAmbitions(); },
      [this, generation](absl::StatusOr<std::vector<std::pair<capacity::Ambition, bool>>> r) {
        if (r.ok() && generation == m_generation) m_ambitions = std::move(*r);
        end(r.status(), tr("ambitions"));
      });
  begin();
  m_client->run<std::vector<crisis::Crisis>>(
      this, [](client::Client& c) { return c.ListCrises(false); },
      [this, generation](absl::StatusOr<std::vector<crisis::Crisis>> r) {
        if (r.ok() && generation == m_generation) {
          const qlonglong keep = crisisId();
          {
            const QSignalBlocker block(m_crisisCombo);
            m_crisisCombo->clear();
            for (const crisis::Crisis& c : *r) {
              m_crisisCombo->addItem(tr("%1 (no. %2)").arg(Formats::qs(c.title)).arg(c.id),
                                     QVariant::fromValue<qlonglong>(c.id));
            }
            const int i = m_crisisCombo->findData(QVariant::fromValue<qlonglong>(keep));
            m_crisisCombo->setCurrentIndex(i < 0 ? 0 : i);
          }
          if (crisisId() != keep) {
            const QSignalBlocker block(m_weekCombo);
            m_weekCombo->clear();
          }
          loadWeek();
        }
        end(r.status(), tr("crises"));
      });
  end(absl::OkStatus(), QString());
}

// The plan (GetCapacity): planned hours per municipality and ambition.
void CapacityView::loadCapacity(int generation) {
  begin();
  m_client->run<client::CapacityView>(
      this, [](client::Client& c) { return c.GetCapacity(); },
      [this, generation](absl::StatusOr<client::CapacityView> r) {
        if (r.ok() && generation == m_generation) {
          m_capacity = std::move(*r);
          const QString keep = m_municipalityCombo->currentData().toString();
          const QSignalBlocker block(m_municipalityCombo);
          m_municipalityCombo->clear();
          m_municipalityCombo->addItem(tr("all municipalities"), QString());
          for (const auto& m : m_capacity.municipalities) {
            m_municipalityCombo->addItem(Formats::qs(m.key), Formats::qs(m.key));
          }
          const int i = m_municipalityCombo->findData(keep);
          m_municipalityCombo->setCurrentIndex(i < 0 ? 0 : i);
        }
        end(r.status(), tr("capacity"));
      });
}

void CapacityView::selectCrisis(int64_t crisisId) {
  const int i = m_crisisCombo->findData(QVariant::fromValue<qlonglong>(crisisId));
  if (i >= 0) m_crisisCombo->setCurrentIndex(i);
}

void CapacityView::selectWeek(const QString& week) {
  const int i = m_weekCombo->findText(week);
  if (i >= 0) m_weekCombo->setCurrentIndex(i);
}

std::string CapacityView::proposalsKey() const {
  return absl::StrCat("desk/capacity/proposals/", crisisId(), "/", week().toStdString());
}

std::vector<int64_t> CapacityView::rememberedProposals() const {
  std::vector<int64_t> out;
  if (!m_cache) return out;
  absl::StatusOr<std::optional<client::cache::Stored>> s = m_cache->Get(proposalsKey());
  if (!s.ok() || !s->has_value()) return out;
  for (absl::string_view part : absl::StrSplit((*s)->bytes, ',', absl::SkipEmpty())) {
    int64_t id = 0;
    if (absl::SimpleAtoi(part, &id) && id > 0) out.push_back(id);
  }
  return out;
}

void CapacityView::rememberProposal(int64_t id) {
  if (std::find(m_proposalIds.begin(), m_proposalIds.end(), id) == m_proposalIds.end()) {
    m_proposalIds.push_back(id);
  }
  if (m_cache) (void)m_cache->Put(proposalsKey(), absl::StrJoin(m_proposalIds, ","), absl::Now());
}

void CapacityView::loadWeek() {
  const int64_t id = crisisId();
  m_inForce = 0;
  if (id <= 0) return;
  const int generation = ++m_weekGeneration;
  begin();
  begin();
  m_client->run<std::vector<client::DemandView>>(
      this, [id](client::Client& c) { return c.ListDemand(id); },
      [this, generation](absl::StatusOr<std::vector<client::DemandView>> r) {
        if (generation != m_weekGeneration) {
          end(absl::OkStatus(), QString());
          return;
        }
        if (r.ok()) {
          m_demand = std::move(*r);
          if (m_weekCombo->count() == 0) {
            std::set<std::string> weeks;
            for (const auto& d : m_demand) weeks.insert(d.week);
            const QSignalBlocker block(m_weekCombo);
            for (const std::string& w : weeks) m_weekCombo->addItem(Formats::qs(w));
            const int now = m_weekCombo->findText(Formats::qs(ThisWeek()));
            m_weekCombo->setCurrentIndex(now >= 0 ? now : 0);
          }
          double total = 0;
          for (const auto& d : m_demand) {
            if (Formats::qs(d.week) == week()) total += d.hours;
          }
          m_demandLabel->setText(tr("Crisis demand in %1: %2 h").arg(week(), Hours(total)));
        }
        // The proposals of this week: the approved ones and those made here (counted before
        // the demand ends, so that `refreshed` waits for them).
        const int64_t crisis = crisisId();
        begin();
        end(r.status(), tr("demand"));
        m_client->run<std::vector<client::AllocationView>>(
            this, [crisis](client::Client& c) { return c.ListAllocations(crisis, std::nullopt); },
            [this, generation, crisis](absl::StatusOr<std::vector<client::AllocationView>> a) {
              if (generation != m_weekGeneration) {
                end(absl::OkStatus(), QString());
                return;
              }
              if (a.ok()) m_allocations = std::move(*a);
              m_proposalIds = rememberedProposals();
              int64_t inForce = 0;
              bool inForceStale = false;
              for (const auto& x : m_allocations) {
                if (Formats::qs(capacity::FormatIsoWeek(x.week)) != week()) continue;
                if (std::find(m_proposalIds.begin(), m_proposalIds.end(), x.proposal_id) ==
                    m_proposalIds.end()) {
                  m_proposalIds.push_back(x.proposal_id);
                }
                if (!x.restored) {
                  inForce = x.proposal_id;
                  inForceStale = x.stale;
                }
              }
              m_inForce = inForce;
              if (inForce > 0 && inForceStale) {
                m_status->setText(tr("In force: proposal %1, planned on data that changed since; "
                                     "propose again.")
                                      .arg(inForce));
              } else if (inForce > 0) {
                m_status->setText(tr("In force: proposal %1.").arg(inForce));
              } else {
                m_status->setText(tr("No reallocation in force for this week."));
              }
              // And those other administrators made (on other computers) for this week.
              const std::string shownWeek = week().toStdString();
              begin();
              end(a.status(), tr("allocations"));
              m_client->run<std::vector<client::ProposalView>>(
                  this,
                  [crisis, shownWeek](client::Client& c) {
                    return c.ListProposals(crisis, shownWeek);
                  },
                  [this, generation](absl::StatusOr<std::vector<client::ProposalView>> l) {
                    if (generation != m_weekGeneration) {
                      end(absl::OkStatus(), QString());
                      return;
                    }
                    std::vector<int64_t> listed;
                    if (l.ok()) {
                      for (const client::ProposalView& p : *l) listed.push_back(p.id);
                    }
                    m_proposalIds = ProposalsToCompare(m_proposalIds, listed, m_inForce);
                    m_shown.reset();
                    compare();
                    end(l.status(), tr("proposals"));
                  });
            });
      });
  end(absl::OkStatus(), QString());
}

namespace {

// The proposals of a week: those compared side by side (with the server's table), and those
// made on other data than the newest, which cannot be.
struct WeekProposals {
  std::vector<client::ProposalView> compared;
  std::vector<client::ProposalView> others;
};

// Compares `ids` (ascending: the last is the newest). When they were not all made on the same
// data (an approval, then a change of the demand, then a new proposal), compares those made on
// the same data as the newest, and reads the others one by one: the list then still holds
// every proposal, and the newest can be approved.
absl::StatusOr<WeekProposals> CompareWeek(client::Client& c, const std::vector<int64_t>& ids) {
  absl::StatusOr<std::pair<std::vector<client::ProposalView>, std::string>> all =
      c.CompareProposals(ids);
  if (all.ok()) return WeekProposals{std::move(all->first), {}};
  if (!absl::IsInvalidArgument(all.status()) || ids.size() < 2) return all.status();
  const int64_t newest = ids.back();
  std::vector<int64_t> same;
  WeekProposals out;
  for (int64_t id : ids) {
    if (id == newest) continue;
    absl::StatusOr<std::pair<std::vector<client::ProposalView>, std::string>> pair =
        c.CompareProposals({id, newest});
    if (pair.ok()) {
      same.push_back(id);
      continue;
    }
    if (!absl::IsInvalidArgument(pair.status())) return pair.status();
    absl::StatusOr<client::ProposalView> one = c.GetProposal(id);
    if (!one.ok()) return one.status();
    out.others.push_back(*std::move(one));
  }
  same.push_back(newest);
  absl::StatusOr<std::pair<std::vector<client::ProposalView>, std::string>> compared =
      c.CompareProposals(same);
  if (!compared.ok()) return compared.status();
  out.compared = std::move(compared->first);
  return out;
}

}  // namespace

void CapacityView::compare() {
  if (m_proposalIds.empty()) {
    m_otherProposals.clear();
    m_compareModel->setProposals({}, {});
    const QSignalBlocker block(m_proposalCombo);
    m_proposalCombo->clear();
    m_proposalCombo->addItem(tr("the plan (no proposal)"), QVariant::fromValue<qlonglong>(0));
    updateTable();
    Q_EMIT compared();
    return;
  }
  const std::vector<int64_t> ids = m_proposalIds;
  const int generation = m_weekGeneration;
  begin();
  m_client->run<WeekProposals>(
      this, [ids](client::Client& c) { return CompareWeek(c, ids); },
      [this, generation](absl::StatusOr<WeekProposals> r) {
        if (generation == m_weekGeneration && r.ok()) {
          m_compareModel->setProposals(r->compared, m_names);
          m_otherProposals = r->others;
          const qlonglong keep = m_shown ? m_shown->id : m_proposalIds.back();
          {
            const QSignalBlocker block(m_proposalCombo);
            m_proposalCombo->clear();
            m_proposalCombo->addItem(tr("the plan (no proposal)"),
                                     QVariant::fromValue<qlonglong>(0));
            for (const auto& p : r->compared) {
              m_proposalCombo->addItem(tr("proposal %1 (%2)").arg(p.id).arg(PolicyLabel(p.policy)),
                                       QVariant::fromValue<qlonglong>(p.id));
            }
            for (const auto& p : r->others) {
              m_proposalCombo->addItem(
                  tr("proposal %1 (%2, made on other data)").arg(p.id).arg(PolicyLabel(p.policy)),
                  QVariant::fromValue<qlonglong>(p.id));
            }
          }
          m_shown.reset();
          for (const auto& p : r->compared) {
            if (p.id == keep) m_shown = p;
          }
          for (const auto& p : r->others) {
            if (p.id == keep) m_shown = p;
          }
          if (m_shown) {
            const QSignalBlocker block(m_proposalCombo);
            m_proposalCombo->setCurrentIndex(
                m_proposalCombo->findData(QVariant::fromValue<qlonglong>(m_shown->id)));
          }
          updateTable();
          Q_EMIT compared();
        }
        end(r.status(), tr("proposals"));
      });
}

void CapacityView::propose(capacity::Policy policy) {
  const int64_t id = crisisId();
  const std::string w = week().toStdString();
  if (id <= 0 || w.empty()) {
    Q_EMIT message(tr("Choose a crisis and a week with demand first."));
    return;
  }
  m_busy = true;
  updateButtons();
  m_client->run<client::ProposalView>(
      this, [id, w, policy](client::Client& c) { return c.Propose(id, w, policy); },
      [this](absl::StatusOr<client::ProposalView> r) {
        m_busy = false;
        updateButtons();
        if (!r.ok()) {
          m_status->setText(tr("No proposal: %1").arg(Message(r.status())));
          return;
        }
        rememberProposal(r->id);
        m_shown = *r;
        Q_EMIT message(tr("Proposal %1 made.").arg(r->id));
        if (!r->warnings.empty()) {
          QStringList warnings;
          for (const std::string& w : r->warnings) warnings << Formats::qs(w);
          m_status->setText(tr("Warning for proposal %1: %2")
                                .arg(r->id)
                                .arg(warnings.join(QStringLiteral("; "))));
        }
        compare();
      });
}

void CapacityView::showProposal(int64_t id) {
  std::vector<client::ProposalView> listed = m_compareModel->proposals();
  listed.insert(listed.end(), m_otherProposals.begin(), m_otherProposals.end());
  for (const auto& p : listed) {
    if (p.id == id) {
      m_shown = p;
      if (!p.warnings.empty()) {
        QStringList warnings;
        for (const std::string& w : p.warnings) warnings << Formats::qs(w);
        m_status->setText(
            tr("Warning for proposal %1: %2").arg(p.id).arg(warnings.join(QStringLiteral("; "))));
      }
      const QSignalBlocker block(m_proposalCombo);
      m_proposalCombo->setCurrentIndex(
          m_proposalCombo->findData(QVariant::fromValue<qlonglong>(id)));
      updateTable();
      return;
    }
  }
}

void CapacityView::approve(int64_t id) {
  m_busy = true;
  updateButtons();
  m_client->run<client::AllocationView>(
      this, [id](client::Client& c) { return c.Approve(id); },
      [this](absl::StatusOr<client::AllocationView> r) {
        m_busy = false;
        updateButtons();
        if (!r.ok()) {
          m_status->setText(tr("Not approved: %1").arg(Message(r.status())));
          return;
        }
        QString said = tr("Approved: proposal %1 for %2 is in force; the decision is entry "
                              "#%3 in the crisis log.")
                               .arg(r->proposal_id)
                               .arg(Formats::qs(capacity::FormatIsoWeek(r->week)))
                               .arg(r->decision_seq);
        // What the decision notes alongside (ambitions out of use, another crisis that week).
        for (const std::string& w : r->warnings) {
          said += QLatin1Char('\n') + tr("Note: %1").arg(Formats::qs(w));
        }
        m_status->setText(said);
        if (Formats::qs(capacity::FormatIsoWeek(r->week)) == week()) m_inForce = r->proposal_id;
        updateButtons();
        Q_EMIT approved(*r);
      });
}

void CapacityView::restore() {
  const int64_t id = crisisId();
  const std::string w = week().toStdString();
  if (id <= 0 || w.empty()) {
    Q_EMIT message(tr("Choose a crisis and a week first."));
    return;
  }
  m_busy = true;
  updateButtons();
  const int generation = m_weekGeneration;
  m_client->run<client::AllocationView>(
      this, [id, w](client::Client& c) { return c.Restore(id, w); },
      [this, generation](absl::StatusOr<client::AllocationView> r) {
        m_busy = false;
        if (!r.ok()) {
          updateButtons();
          m_status->setText(tr("Not restored: %1").arg(Message(r.status())));
          return;
        }
        m_status->setText(tr("Restored: every municipality is back on its plan for %1; the "
                             "decision is entry #%2 in the crisis log.")
                              .arg(Formats::qs(capacity::FormatIsoWeek(r->week)))
                              .arg(r->restore_seq));
        if (generation == m_weekGeneration) {
          // Show the plan again, as the server now holds it.
          m_inForce = 0;
          m_shown.reset();
          {
            const QSignalBlocker block(m_proposalCombo);
            m_proposalCombo->setCurrentIndex(0);
          }
          loadCapacity(m_generation);
        }
        updateButtons();
        Q_EMIT restored(*r);
      });
}

void CapacityView::updateTable() {
  m_capacityModel->setData(m_capacity, m_ambitions, m_shown, m_names);
  updateChart();
  updateButtons();
}

void CapacityView::updateChart() {
  m_chart->removeAllSeries();
  for (QAbstractAxis* a : m_chart->axes()) {
    m_chart->removeAxis(a);
    delete a;
  }
  const std::string only = m_municipalityCombo->currentData().toString().toStdString();
  std::vector<std::string> order;
  std::map<std::string, std::pair<double, double>> sums;  // ambition name -> planned, after
  for (const CapacityModel::Row& r : m_capacityModel->rows()) {
    if (!only.empty() && r.municipality != only) continue;
    if (!sums.count(r.ambitionName)) order.push_back(r.ambitionName);
    sums[r.ambitionName].first += r.planned;
    sums[r.ambitionName].second += r.reallocated;
  }
  m_chart->setTitle(
      only.empty() ? tr("All municipalities: hours a week per ambition")
                   : tr("%1: hours a week per ambition").arg(m_municipalityCombo->currentText()));
  if (order.empty()) return;
  auto* planned = new QBarSet(tr("Planned"));
  auto* after =
      new QBarSet(m_shown ? tr("After proposal %1").arg(m_shown->id) : tr("After reallocation"));
  planned->setColor(QColor(0x7f, 0xa7, 0xd9));
  after->setColor(QColor(0xf0, 0x9a, 0x3e));
  QStringList categories;
  double max = 0;
  for (const std::string& a : order) {
    // Short labels keep the axis readable at 1366×768.
    QString label = Formats::qs(a);
    if (label.size() > 18) label = label.left(17) + QStringLiteral("…");
    categories << label;
    *planned << sums[a].first;
    *after << sums[a].second;
    max = std::max({max, sums[a].first, sums[a].second});
  }
  auto* series = new QBarSeries();
  series->append(planned);
  series->append(after);
  m_chart->addSeries(series);
  auto* x = new QBarCategoryAxis();
  x->append(categories);
  auto* y = new QValueAxis();
  y->setRange(0, max <= 0 ? 1 : max * 1.1);
  y->setLabelFormat(QStringLiteral("%.0f"));
  y->setTitleText(tr("hours a week"));
  m_chart->addAxis(x, Qt::AlignBottom);
  m_chart->addAxis(y, Qt::AlignLeft);
  series->attachAxis(x);
  series->attachAxis(y);
}

void CapacityView::updateButtons() {
  // While a proposal, approval or restore is on its way, none is offered again (whatever
  // other load finishes meanwhile).
  const bool in = m_account.has_value() && crisisId() > 0 && !week().isEmpty() && !m_busy;
  m_priority->setEnabled(in && m_permissions.capacity);
  m_equal->setEnabled(in && m_permissions.capacity);
  m_approve->setVisible(m_permissions.approveCapacity);
  // The proposal already in force is not approved again.
  m_approve->setEnabled(in && m_shown.has_value() && !m_shown->stale && m_shown->id != m_inForce);
  m_restore->setVisible(m_permissions.restoreCapacity);
  m_restore->setEnabled(in && m_inForce > 0);
}

}  // namespace desk
}  // namespace paraat
