// SPDX-License-Identifier: EUPL-1.2
#include "common/demo/crisis_demo.h"

namespace paraat::demo {

namespace {

using K = crisis::EntryKind;

DemoCrisis Build() {
  DemoCrisis d;
  d.crisis.title = "Opvang vluchtelingen";
  d.crisis.type = "opvang";
  d.crisis.municipalities = {"beuningen", "heumen", "wijchen"};
  d.crisis.grip = "outside";
  d.opened_days_ago = 24;
  d.opening_text =
      "Het COA meldt dat het aanmeldcentrum vol is; de regio wordt gevraagd binnen 48 uur "
      "noodopvang te bieden voor 300 asielzoekers.";
  d.entries = {
      {24, 10, K::kSituation, "Heumensoord is beschikbaar als locatie; sporthal De Heuvel in "
                              "Wijchen als reserve. Geen zorgpost aanwezig."},
      {24, 11, K::kAssessment, "Capaciteit van Heumen alleen is onvoldoende; inzet van de "
                               "OvD-Bz van beide pools nodig voor registratie en verzorging."},
      {24, 12, K::kGripChange, "Opschaling: bevolkingszorg in meerdere gemeenten.", "1"},
      {24, 13, K::kDecision, "Noodopvang in Heumensoord voor 300 personen, 4 weken."},
      {24, 14, K::kAction, "Bedden, sanitair en catering regelen met het COA", "", "h.devries", 2},
      {24, 14, K::kAction, "Bewonersbrief omwonenden Heumensoord", "", "i.verhoeven", 1},
      {23, 9, K::kHandover, "Overdracht nachtdienst: 212 personen aangekomen, rustig verlopen."},
      {23, 15, K::kActionUpdate, "Brief verstuurd.", "", "", 0, 7, "done"},
      {21, 10, K::kSituation, "290 personen in de opvang; twee gezinnen met medische zorg."},
      {20, 16, K::kDecision, "Extra beveiliging 's nachts; inzet via de politie-basiseenheid."},
      {18, 11, K::kGripChange, "Afschaling nadat de opvang stabiel is.", "outside"},
      {14, 9, K::kMessage, "Het Rijk vraagt de regio de opvang met 8 weken te verlengen."},
      {13, 14, K::kDecision, "Verlenging tot eind januari; Beuningen biedt een tweede locatie."},
      {13, 14, K::kCorrection, "Verlenging tot half februari (zie brief van het COA).", "", "", 0,
       0, "", 14},
      {12, 10, K::kAction, "Tweede locatie Beuningen inrichten", "", "e.willems", 10},
      {7, 9, K::kHandover, "Weekoverdracht: locatie Beuningen in gebruik genomen, 340 personen."},
      {5, 11, K::kActionUpdate, "Gestart met inrichten; aannemer levert later.", "", "", 0, 16,
       "in-progress"},
      {2, 10, K::kSituation, "Onrust bij omwonenden van de locatie in Beuningen; bijeenkomst "
                             "gepland."},
      {1, 15, K::kAssessment, "Extra capaciteit voor communicatie en veiligheid nodig; gaat ten "
                              "koste van reguliere taken in Beuningen en Heumen."},
  };
  return d;
}

}  // namespace

const DemoCrisis& RefugeeReception() {
  static const DemoCrisis* const kCrisis = new DemoCrisis(Build());
  return *kCrisis;
}

}  // namespace paraat::demo
