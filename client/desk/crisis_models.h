// SPDX-License-Identifier: EUPL-1.2
// The tables of the "Crisis" view, holding domain values: the crises the account may read,
// the entries of one log (corrected entries struck through, with the entry that corrects
// them named), the actions (mine highlighted, overdue in red and marked in words) and the
// outbox of entries written while the server could not be reached, with their status.
#ifndef PARAAT_CLIENT_DESK_CRISIS_MODELS_H_
#define PARAAT_CLIENT_DESK_CRISIS_MODELS_H_

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QSortFilterProxyModel>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "client/api/client.h"
#include "client/api/offline.h"
#include "common/crisis/crisis.h"

namespace paraat {
namespace desk {

// Words for the crisis log, translated.
class CrisisWords {
  Q_DECLARE_TR_FUNCTIONS(CrisisWords)

 public:
  static QString kind(crisis::EntryKind kind);
  // "GRIP 2", "GRIP Rijk", "outside GRIP", "no GRIP (routine)".
  static QString grip(const std::string& grip);
  static QString actionStatus(crisis::ActionStatus status);
  static QString outboxState(client::cache::OutboxState state);
};

class CrisisListModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    IdColumn,
    TitleColumn,
    GripColumn,
    MunicipalitiesColumn,
    EntriesColumn,
    ColumnCount
  };

  explicit CrisisListModel(QObject* parent = nullptr);
  void setCrises(std::vector<crisis::Crisis> crises);
  const std::vector<crisis::Crisis>& crises() const { return m_crises; }
  // The row of crisis `id`, or -1.
  int rowOf(int64_t id) const;
  // What the live log of crisis `id` has reached since the list was loaded: its GRIP level
  // (empty: unchanged) and its number of entries (never lowered).
  void updateFromLog(int64_t id, const std::string& grip, int64_t entries);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  std::vector<crisis::Crisis> m_crises;
};

class EntryModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { SeqColumn, TimeColumn, KindColumn, AuthorColumn, TextColumn, ColumnCount };
  enum Role { SeqRole = Qt::UserRole + 1, KindRole, CorrectedRole };

  explicit EntryModel(QObject* parent = nullptr);

  void clear();
  // Adds entries of the shown crisis; an entry already held (same number) is not added again.
  void addEntries(const std::vector<crisis::Entry>& entries);
  const std::vector<crisis::Entry>& entries() const { return m_entries; }
  // The highest number held without a gap from 1: where the stream resumes.
  int64_t contiguousSeq() const;
  // The seqs of the entries that correct entry `seq` (empty when it stands).
  std::vector<int64_t> correctedBy(int64_t seq) const;
  // The GRIP level the log has reached (the latest opening or GRIP change), empty when none.
  std::string grip() const;
  // The text shown for an entry (without the correction mark).
  static QString body(const crisis::Entry& e);

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  QString text(const crisis::Entry& e, int column) const;

  std::vector<crisis::Entry> m_entries;  // by seq
  std::map<int64_t, std::vector<int64_t>> m_corrections;
};

// The log as shown: by kind (none: all) and, while a search is active, only the entries found.
class EntryFilterModel : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  explicit EntryFilterModel(QObject* parent = nullptr);
  void setKind(std::optional<crisis::EntryKind> kind);
  void setFound(std::optional<std::set<int64_t>> seqs);
  bool searching() const { return m_found.has_value(); }

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  std::optional<crisis::EntryKind> m_kind;
  std::optional<std::set<int64_t>> m_found;
};

class ActionModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { SeqColumn, TextColumn, OwnerColumn, DeadlineColumn, StatusColumn, ColumnCount };

  explicit ActionModel(QObject* parent = nullptr);
  // `myPerson` decides which actions are mine.
  void setActions(std::vector<client::ActionView> actions, const std::string& myPerson);
  const std::vector<client::ActionView>& actions() const { return m_actions; }
  bool isMine(int row) const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  QString text(int row, int column) const;

  std::vector<client::ActionView> m_actions;
  std::string m_me;
};

class OutboxModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { IdColumn, CrisisColumn, EntryColumn, StatusColumn, MessageColumn, ColumnCount };

  explicit OutboxModel(QObject* parent = nullptr);
  void setItems(std::vector<client::QueuedEntry> items);
  const std::vector<client::QueuedEntry>& items() const { return m_items; }
  int pending() const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  std::vector<client::QueuedEntry> m_items;
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_CRISIS_MODELS_H_
