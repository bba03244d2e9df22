// SPDX-License-Identifier: EUPL-1.2
// Demo seed for capacity reallocation: the six municipalities of Tweestromenland, the IVP
// ambitions and the refugee-reception crisis. Shared by the server's demo and the tests.

#ifndef PARAAT_COMMON_CAPACITY_DEMO_H_
#define PARAAT_COMMON_CAPACITY_DEMO_H_

#include <vector>

#include "common/capacity/model.h"

namespace paraat::capacity {

inline constexpr char kDemoRegion[] = "tweestromenland";
inline constexpr char kDemoCrisis[] = "Opvang vluchtelingen";
inline constexpr IsoWeek kDemoPeakWeek = {2026, 49};

// The five IVP priorities (ranks 1..5) and the regular tasks; six municipalities at 36 h a
// week per FTE (Heumen 2.5 FTE ... Wijchen 6 FTE); loans all-to-all at cost 1.2; demand of
// the refugee-reception crisis in its peak week 2026-W49. Passes Validate().
[[nodiscard]] CapacityInput DemoCapacity();

// The refugee-reception crisis week by week, 2026-W47 to 2026-W52 (rising to the peak and
// tapering off). DemoCapacity().demand is the 2026-W49 entry.
[[nodiscard]] std::vector<CrisisDemand> DemoRefugeeReceptionDemand();

}  // namespace paraat::capacity

#endif  // PARAAT_COMMON_CAPACITY_DEMO_H_
