// SPDX-License-Identifier: EUPL-1.2
#include "common/capacity/demo.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace paraat::capacity {
namespace {

constexpr double kContractHours = 36.0;

// Planned hours and floors in the order of the ambitions below; regular tasks last, with
// their default floor (the whole plan).
struct Seed {
  const char* key;
  const char* name;
  double fte;
  double overtime;
  double regular;
  double planned[5];
  double floor[5];
};

// Staff roughly follows population (Wijchen 41.6k ... Heumen 16.8k); the small
// municipalities are the thinnest, and their floors take the largest share of their plan.
constexpr Seed kSeeds[] = {
    {"berg-en-dal", "Berg en Dal", 5.0, 4, 92, {26, 16, 22, 12, 8}, {18, 10, 15, 6, 4}},
    {"beuningen", "Beuningen", 4.0, 0, 74, {22, 12, 18, 8, 6}, {15, 7, 12, 4, 3}},
    {"druten", "Druten", 3.0, 0, 56, {16, 9, 13, 7, 5}, {11, 5, 9, 3, 2}},
    {"heumen", "Heumen", 2.5, 0, 46, {14, 7, 11, 6, 4}, {10, 4, 8, 3, 2}},
    {"west-maas-en-waal", "West Maas en Waal", 3.0, 0, 56, {16, 9, 14, 6, 5}, {11, 5, 10, 3, 2}},
    {"wijchen", "Wijchen", 6.0, 4, 110, {32, 20, 26, 14, 10}, {22, 12, 18, 8, 5}},
};

constexpr const char* kPriorityKeys[] = {"ondermijning", "digitale-veiligheid",
                                         "zorg-en-veiligheid", "veilig-verkeer",
                                         "verbinding-samenleving"};

// Peak-week demand of the refugee reception: the reception location is in Heumen, with
// registration and aftercare spread over the neighbours.
struct PeakDemand {
  const char* municipality;
  double hours;
};
constexpr PeakDemand kPeak[] = {
    {"heumen", 20}, {"wijchen", 16}, {"druten", 8}, {"berg-en-dal", 6}, {"beuningen", 4}};

// 2026-W47 .. W52 as a fraction of the peak.
constexpr double kRamp[] = {0.5, 0.75, 1.0, 1.0, 0.75, 0.5};

}  // namespace

std::vector<CrisisDemand> DemoRefugeeReceptionDemand() {
  std::vector<CrisisDemand> weeks;
  for (int i = 0; i < 6; ++i) {
    CrisisDemand d;
    d.crisis = kDemoCrisis;
    d.week = {2026, 47 + i};
    for (const PeakDemand& p : kPeak) d.hours.push_back({p.municipality, p.hours * kRamp[i]});
    weeks.push_back(std::move(d));
  }
  return weeks;
}

CapacityInput DemoCapacity() {
  CapacityInput in;
  in.ambitions = {
      {"ondermijning", "Ondermijnende criminaliteit", 1, 1.0, false},
      {"digitale-veiligheid", "Digitale veiligheid", 2, 1.0, false},
      {"zorg-en-veiligheid", "Zorg en veiligheid", 3, 1.0, false},
      {"veilig-verkeer", "Veilig verkeer", 4, 1.0, false},
      {"verbinding-samenleving", "Verbinding samenleving en maatschappelijke onrust", 5, 1.0,
       false},
      {"regulier", "Reguliere aanpak en overige thema's", 1, 1.0, true},
  };
  for (const Seed& s : kSeeds) {
    Municipality m;
    m.key = s.key;
    m.name = s.name;
    m.region = kDemoRegion;
    m.fte = s.fte;
    m.available_hours = s.fte * kContractHours;
    m.overtime_hours = s.overtime;
    for (int a = 0; a < 5; ++a) m.plan.push_back({kPriorityKeys[a], s.planned[a], s.floor[a]});
    m.plan.push_back({"regulier", s.regular, std::nullopt});
    in.municipalities.push_back(std::move(m));
  }
  in.loans.same_region_default = true;
  in.loans.default_cost = kDefaultLoanCost;
  for (CrisisDemand& d : DemoRefugeeReceptionDemand()) {
    if (d.week == kDemoPeakWeek) in.demand = std::move(d);
  }
  return in;
}

}  // namespace paraat::capacity
