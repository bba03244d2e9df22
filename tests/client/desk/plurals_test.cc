// SPDX-License-Identifier: EUPL-1.2
// English is paraat-desk's source text, but a count needs its singular: the small English
// translation the build compiles gives "1 entry", and the Dutch one "1 melding".
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QTranslator>

namespace paraat::desk {
namespace {

QString Sent(const char* qm, int n) {
  QTranslator translator;
  EXPECT_TRUE(translator.load(QString::fromUtf8(qm))) << qm;
  QCoreApplication::installTranslator(&translator);
  const QString text = QCoreApplication::translate("paraat::desk::CrisisView",
                                                   "%n queued entries sent.", nullptr, n);
  QCoreApplication::removeTranslator(&translator);
  return text;
}

TEST(PluralsTest, OneEntryIsSingularInEnglishAndDutch) {
  EXPECT_EQ(Sent(PARAAT_DESK_EN_QM, 1), QStringLiteral("1 queued entry sent."));
  EXPECT_EQ(Sent(PARAAT_DESK_EN_QM, 3), QStringLiteral("3 queued entries sent."));
  EXPECT_EQ(Sent(PARAAT_DESK_QM, 1), QStringLiteral("1 melding uit de wachtrij verstuurd."));
  EXPECT_EQ(Sent(PARAAT_DESK_QM, 3), QStringLiteral("3 meldingen uit de wachtrij verstuurd."));
}

}  // namespace
}  // namespace paraat::desk
