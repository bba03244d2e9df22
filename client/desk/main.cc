// SPDX-License-Identifier: EUPL-1.2
// paraat-desk: the Qt desktop client. Dutch is the product's language: it is used unless the
// system asks for another language, in which case English (the source text) is the fallback.
//
//   paraat-desk [--server HOST:PORT] [--user NAME [--password-stdin]] [--language nl|en]
//               [--dump-view] [--screenshot FILE.png] [--size WxH]
//               [--tab dienst|crisis|capaciteit]
//
// --dump-view and --screenshot are for tests and demos: after signing in and the first
// complete load, print the texts of the window / save it as PNG, and quit (exit code 0, 1 when
// signing in or a load failed). --tab chooses the tab shown after signing in (capaciteit only
// for administrators). Any Qt option works too, e.g. `-platform offscreen`.
#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QPixmap>
#include <QTimer>
#include <QTranslator>

#include <cstdio>
#include <iostream>
#include <string>

#include "client/desk/formats.h"
#include "client/desk/main_window.h"

namespace {

// The language to show: --language, else the system's when we have it or it is English,
// else Dutch.
QString ChooseLanguage(const QString& flag) {
  if (!flag.isEmpty()) return flag.left(2).toLower();
  // "C" / "POSIX" (no language set, common on servers and in tests) says nothing: Dutch.
  if (QLocale::system().language() == QLocale::C) return QStringLiteral("nl");
  for (const QString& l : QLocale::system().uiLanguages()) {
    const QString lang = l.left(2).toLower();
    if (lang == QLatin1String("nl") || lang == QLatin1String("en")) return lang;
  }
  // A language we have no translation for: English.
  return QStringLiteral("en");
}

void Print(const QStringList& lines) {
  for (const QString& l : lines) std::fputs((l + QLatin1Char('\n')).toUtf8().constData(), stdout);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("paraat-desk"));
  QApplication::setOrganizationName(QStringLiteral("Paraat"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Paraat desktop client"));
  parser.addHelpOption();
  const QCommandLineOption serverOpt(QStringLiteral("server"),
                                     QStringLiteral("server address HOST:PORT"),
                                     QStringLiteral("HOST:PORT"));
  const QCommandLineOption userOpt(QStringLiteral("user"), QStringLiteral("user name"),
                                   QStringLiteral("NAME"));
  const QCommandLineOption passwordOpt(
      QStringLiteral("password-stdin"),
      QStringLiteral("read the password from the first line of stdin"));
  const QCommandLineOption languageOpt(QStringLiteral("language"), QStringLiteral("nl or en"),
                                       QStringLiteral("LANG"));
  const QCommandLineOption dumpOpt(
      QStringLiteral("dump-view"),
      QStringLiteral("print the window's texts after the first load, then quit"));
  const QCommandLineOption shotOpt(
      QStringLiteral("screenshot"),
      QStringLiteral("save the window as PNG after the first load, then quit"),
      QStringLiteral("FILE"));
  const QCommandLineOption sizeOpt(QStringLiteral("size"),
                                   QStringLiteral("window size (default 1366x768)"),
                                   QStringLiteral("WxH"), QStringLiteral("1366x768"));
  const QCommandLineOption tabOpt(QStringLiteral("tab"),
                                  QStringLiteral("the tab to show: dienst, crisis or capaciteit"),
                                  QStringLiteral("TAB"));
  parser.addOptions(
      {serverOpt, userOpt, passwordOpt, languageOpt, dumpOpt, shotOpt, sizeOpt, tabOpt});
  parser.process(app);

  const QString language = ChooseLanguage(parser.value(languageOpt));
  QTranslator translator;
  QTranslator qtTranslator;
  if (language == QLatin1String("nl")) {
    if (translator.load(QStringLiteral(":/i18n/paraat_nl.qm"))) {
      QApplication::installTranslator(&translator);
    } else {
      std::fputs("paraat-desk: the Dutch translation is missing; showing English\n", stderr);
    }
    // Qt's own texts (context menus), when the system has them.
    if (qtTranslator.load(QLocale(QLocale::Dutch), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
      QApplication::installTranslator(&qtTranslator);
    }
  } else if (translator.load(QStringLiteral(":/i18n/paraat_en.qm"))) {
    // English is the source text; this adds only its plural forms ("1 entry").
    QApplication::installTranslator(&translator);
  }
  paraat::desk::Formats::setLanguage(language);
  QApplication::setApplicationDisplayName(QObject::tr("Paraat"));

  paraat::desk::MainWindow::Options options;
  options.server = parser.value(serverOpt);
  options.username = parser.value(userOpt);
  options.tab = parser.value(tabOpt);
  if (!options.tab.isEmpty() && !paraat::desk::MainWindow::isTabName(options.tab)) {
    std::fprintf(stderr,
                 "paraat-desk: --tab: \"%s\" is not a tab; use dienst, crisis or capaciteit\n",
                 options.tab.toUtf8().constData());
    return 2;
  }
  const bool dump = parser.isSet(dumpOpt);
  const QString shot = parser.value(shotOpt);
  const bool scripted = dump || !shot.isEmpty();
  options.interactive = !scripted;
  if (parser.isSet(passwordOpt)) {
    if (options.username.isEmpty()) {
      std::fputs("paraat-desk: --password-stdin needs --user\n", stderr);
      return 2;
    }
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    options.password = password;
  }

  paraat::desk::MainWindow window(options);
  const QStringList size = parser.value(sizeOpt).split(QLatin1Char('x'));
  if (size.size() == 2 && size[0].toInt() > 0 && size[1].toInt() > 0) {
    window.resize(size[0].toInt(), size[1].toInt());
  } else {
    window.resize(1366, 768);
  }
  window.show();

  if (scripted) {
    QObject::connect(&window, &paraat::desk::MainWindow::signInFailed, &app, [](const QString& m) {
      std::fprintf(stderr, "paraat-desk: cannot sign in: %s\n", m.toUtf8().constData());
      QApplication::exit(1);
    });
    QObject::connect(
        &window, &paraat::desk::MainWindow::ready, &app, [&window, dump, shot](bool ok) {
          // Let the layout settle (column widths follow the new contents) before reading it.
          QTimer::singleShot(200, &window, [&window, dump, shot, ok] {
            int code = ok ? 0 : 1;
            if (dump) Print(window.visibleTexts());
            if (!shot.isEmpty() && !window.grab().save(shot, "PNG")) {
              std::fprintf(stderr, "paraat-desk: cannot write %s\n", shot.toUtf8().constData());
              code = 1;
            }
            QApplication::exit(code);
          });
        });
    // A test must end: give up after a minute.
    QTimer::singleShot(60000, &app, [] {
      std::fputs("paraat-desk: no complete load within 60 s\n", stderr);
      QApplication::exit(3);
    });
  }
  window.start();
  return QApplication::exec();
}
