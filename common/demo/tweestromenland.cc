// SPDX-License-Identifier: EUPL-1.2
#include "common/demo/tweestromenland.h"

namespace paraat::demo {

namespace {

directory::Person Officer(const char* key, const char* name, const char* municipality,
                          const char* phone) {
  directory::Person p;
  p.key = key;
  p.name = name;
  p.municipality = municipality;
  p.phone = phone;
  p.email = std::string(key) + "@" + municipality + ".example.nl";
  p.qualifications = {"ovd-bz"};
  return p;
}

directory::Person Staff(const char* key, const char* name, const char* municipality,
                        const char* phone) {
  directory::Person p = Officer(key, name, municipality, phone);
  p.qualifications = {"aov"};
  return p;
}

directory::Pool MakePool(const char* key, const char* name, std::vector<std::string> members) {
  directory::Pool p;
  p.key = key;
  p.name = name;
  p.qualification = "ovd-bz";
  p.time_zone = "Europe/Amsterdam";
  p.handover_weekday = 1;        // Monday
  p.handover_minute = 9 * 60;    // 09:00 local time
  p.shift_days = 7;
  p.arrival_norm_minutes = 30;
  p.min_rest_shifts = 1;
  p.members = std::move(members);
  return p;
}

DemoRegion Build() {
  DemoRegion r;
  r.region_name = "Tweestromenland";
  r.municipalities = {
      {"berg-en-dal", "Berg en Dal", "vrgz", true},
      {"beuningen", "Beuningen", "vrgz", true},
      {"druten", "Druten", "vrgz", true},
      {"heumen", "Heumen", "vrgz", true},
      {"west-maas-en-waal", "West Maas en Waal", "vrgz", true},
      {"wijchen", "Wijchen", "vrgz", true},
  };
  // Pool West: West Maas en Waal, Druten, Beuningen. Pool Oost: Wijchen, Heumen, Berg en Dal.
  r.people = {
      Officer("a.jansen", "Anouk Jansen", "west-maas-en-waal", "+31 6 1000 0101"),
      Officer("b.vandijk", "Bram van Dijk", "west-maas-en-waal", "+31 6 1000 0102"),
      Officer("c.peters", "Carla Peters", "druten", "+31 6 1000 0103"),
      Officer("d.hendriks", "Daan Hendriks", "druten", "+31 6 1000 0104"),
      Officer("e.willems", "Eva Willems", "beuningen", "+31 6 1000 0105"),
      Officer("f.bos", "Frank Bos", "beuningen", "+31 6 1000 0106"),
      Officer("g.smits", "Gert Smits", "wijchen", "+31 6 1000 0201"),
      Officer("h.devries", "Hanna de Vries", "wijchen", "+31 6 1000 0202"),
      Officer("i.verhoeven", "Iris Verhoeven", "heumen", "+31 6 1000 0203"),
      Officer("j.kuijpers", "Joost Kuijpers", "heumen", "+31 6 1000 0204"),
      Officer("k.vandenberg", "Karin van den Berg", "berg-en-dal", "+31 6 1000 0205"),
      Officer("l.maas", "Luuk Maas", "berg-en-dal", "+31 6 1000 0206"),
      Staff("m.gerritsen", "Marieke Gerritsen", "wijchen", "+31 24 000 0301"),
      Staff("n.arts", "Niels Arts", "beuningen", "+31 24 000 0302"),
  };
  r.pools = {
      MakePool("west", "OvD-Bz West", {"a.jansen", "b.vandijk", "c.peters", "d.hendriks",
                                       "e.willems", "f.bos"}),
      MakePool("oost", "OvD-Bz Oost", {"g.smits", "h.devries", "i.verhoeven", "j.kuijpers",
                                       "k.vandenberg", "l.maas"}),
  };
  r.accounts = {
      {"officer", "h.devries", directory::Role::kOfficer, "wijchen", true},
      {"coordinator", "m.gerritsen", directory::Role::kCoordinator, "", true},
      {"administrator", "n.arts", directory::Role::kAdministrator, "", true},
  };
  return r;
}

}  // namespace

const DemoRegion& Tweestromenland() {
  static const DemoRegion* const kRegion = new DemoRegion(Build());
  return *kRegion;
}

}  // namespace paraat::demo
