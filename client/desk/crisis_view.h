// SPDX-License-Identifier: EUPL-1.2
// The "Crisis" view: the crises the account may read; for the chosen one its GRIP level
// (large), the live log (ListEntries, then the stream, resumed after every reconnect) with a
// filter by kind and a search, corrected entries struck through, the actions (mine
// highlighted, overdue in red), the handover report, and the client's consistency check of
// the log (a red mark when it fails). Coordinators write entries in the form (also actions,
// given to someone from the people list, their updates and GRIP changes); without a
// connection they are queued in the outbox on disk and sent, in order and exactly once, when
// the server is back. With a local cache the view shows what it holds while offline.
#ifndef PARAAT_CLIENT_DESK_CRISIS_VIEW_H_
#define PARAAT_CLIENT_DESK_CRISIS_VIEW_H_

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>
#include <string>

#include "client/api/async_client.h"
#include "client/api/offline.h"
#include "client/desk/permissions.h"

class QAbstractItemModel;
class QCheckBox;
class QDateTimeEdit;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace paraat {
namespace desk {

class ActionModel;
class CrisisListModel;
class EntryFilterModel;
class EntryForm;
class EntryModel;
class LogStream;
class OutboxModel;

class CrisisView : public QWidget {
  Q_OBJECT

 public:
  enum class Witness { Unknown, Ok, Failed };

  explicit CrisisView(client::AsyncClient* client, QWidget* parent = nullptr);
  ~CrisisView() override;

  // Signed in as `account` (loads the crises), or signed out (clears the view).
  void setAccount(std::optional<directory::AccountInfo> account);
  // The local cache (entries, drafts, outbox); null: none. Set before setAccount.
  void setCache(std::shared_ptr<client::cache::Cache> cache);
  // Where the log witness keeps what it saw (default: ConfigDir()/witness.json).
  void setWitnessPath(std::string path) { m_witnessPath = std::move(path); }

  // Shows crisis `id` (loads its log and starts following it).
  void selectCrisis(int64_t id);
  int64_t currentCrisis() const { return m_crisisId; }
  // Sends what the outbox holds (when the connection comes back it does so by itself).
  void flushOutbox();
  // Searches the log of the current crisis on the server; an empty query ends the search.
  void search(const QString& query);

  CrisisListModel* crisisModel() const { return m_crisisModel; }
  EntryModel* entryModel() const { return m_entryModel; }
  EntryFilterModel* logModel() const { return m_logModel; }
  ActionModel* actionModel() const { return m_actionModel; }
  OutboxModel* outboxModel() const { return m_outboxModel; }
  QTableView* outboxTable() const { return m_outboxTable; }
  QPushButton* takeBackButton() const { return m_takeBackButton; }
  EntryForm* form() const { return m_form; }
  QLabel* gripLabel() const { return m_grip; }
  QLabel* witnessLabel() const { return m_witness; }
  QLabel* handoverLabel() const { return m_handover; }
  QTableView* logTable() const { return m_logTable; }
  QCheckBox* handoverSinceBox() const { return m_handoverSinceSet; }
  QDateTimeEdit* handoverSinceEdit() const { return m_handoverSince; }
  QComboBox* kindFilter() const { return m_kindFilter; }
  QLineEdit* searchEdit() const { return m_search; }
  QTabWidget* detailTabs() const { return m_details; }
  Witness witness() const { return m_witnessState; }

  // Coordinators: open a new crisis (a dialog), close the chosen one (with a closing note).
  void openCrisis();
  void closeCrisis();
  // Saves the chosen crisis's whole log at `path`: a report for *.md, else a verifiable export.
  // Says how it went with exported().
  void exportTo(const QString& path);

 public Q_SLOTS:
  void refresh();

 Q_SIGNALS:
  // An export ended; `text` says where it went, or why it did not.
  void exported(bool ok, const QString& text);
  // A complete load of the crisis list and the chosen crisis ended.
  void refreshed(bool ok);
  // The log of the current crisis was loaded (from the server or, offline, the cache).
  void logLoaded();
  void witnessChecked(paraat::desk::CrisisView::Witness result);
  void outboxChanged();
  void message(const QString& text);

 private:
  QWidget* buildList();
  QWidget* buildHeader();
  QWidget* buildLog();
  QWidget* buildDetails();
  QTableView* newTable(QAbstractItemModel* model, QWidget* parent);

  void loadCrises();
  void loadLog(int64_t id);
  void loadActions();
  void loadPeople();
  void loadHandover();
  void checkWitness();
  void startStream();
  void onEntries(const std::vector<crisis::Entry>& entries);
  void updateHeader();
  void reloadOutbox();
  // The refused outbox item selected, if any.
  const client::QueuedEntry* selectedRefused() const;
  void updateOutboxButtons();
  // Puts the selected refused entry back in the form (and out of the outbox) to be mended.
  void takeBackRefused();
  void send(crisis::AppendRequest request);
  // `typed`: the form's draft when the entry was sent.
  void queue(crisis::AppendRequest request, const std::string& typed);
  // Closing notes not yet accepted by the server, by crisis: offered again on the next try.
  QHash<int64_t, QString> m_closingNote;
  // Clears the form when it still holds the draft `sent` (not when more was typed meanwhile).
  void clearFormIfItHolds(const std::string& sent);
  void loadDone(bool ok);

  client::AsyncClient* m_client;
  std::optional<directory::AccountInfo> m_account;
  Permissions m_permissions;
  std::shared_ptr<client::cache::Cache> m_cache;
  std::shared_ptr<client::Outbox> m_outbox;
  std::string m_witnessPath;
  int64_t m_crisisId = 0;
  int m_generation = 0;
  bool m_flushing = false;
  bool m_streamFailed = false;
  bool m_flushAgain = false;
  int m_pending = 0;
  bool m_loadOk = true;
  Witness m_witnessState = Witness::Unknown;

  CrisisListModel* m_crisisModel;
  EntryModel* m_entryModel;
  EntryFilterModel* m_logModel;
  ActionModel* m_actionModel;
  OutboxModel* m_outboxModel;
  QTableView* m_crisisTable = nullptr;
  QTableView* m_logTable = nullptr;
  QTimer m_rowFit;  // fits the log's row heights to its text column
  QTableView* m_actionTable = nullptr;
  QTableView* m_outboxTable = nullptr;
  QLabel* m_title = nullptr;
  QLabel* m_grip = nullptr;
  QLabel* m_witness = nullptr;
  QLabel* m_streamState = nullptr;
  QLabel* m_loadError = nullptr;
  QLabel* m_handover = nullptr;
  QCheckBox* m_handoverSinceSet = nullptr;
  QDateTimeEdit* m_handoverSince = nullptr;
  int m_handoverGeneration = 0;
  QPushButton* m_openButton = nullptr;
  QPushButton* m_takeBackButton = nullptr;
  QPushButton* m_closeButton = nullptr;
  QPushButton* m_exportButton = nullptr;
  int64_t m_pickNext = 0;  // the crisis to show after the next load (one just opened)
  QLabel* m_searchNote = nullptr;
  QComboBox* m_kindFilter = nullptr;
  QLineEdit* m_search = nullptr;
  QTabWidget* m_details = nullptr;
  EntryForm* m_form = nullptr;
  LogStream* m_stream = nullptr;
  QTimer m_detailsTimer;  // reloads actions and handover a moment after new entries
  QTimer m_pollTimer;     // the crisis list
};

}  // namespace desk
}  // namespace paraat

#endif  // PARAAT_CLIENT_DESK_CRISIS_VIEW_H_
