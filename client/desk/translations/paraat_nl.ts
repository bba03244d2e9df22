<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>CrisisWords</name>
    <message>
        <source>opened</source>
        <translation>geopend</translation>
    </message>
    <message>
        <source>situation</source>
        <translation>beeld</translation>
    </message>
    <message>
        <source>assessment</source>
        <translation>oordeel</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>besluit</translation>
    </message>
    <message>
        <source>action</source>
        <translation>actiepunt</translation>
    </message>
    <message>
        <source>action update</source>
        <translation>actiepunt gewijzigd</translation>
    </message>
    <message>
        <source>message</source>
        <translation>bericht</translation>
    </message>
    <message>
        <source>GRIP change</source>
        <translation>GRIP-wijziging</translation>
    </message>
    <message>
        <source>handover</source>
        <translation>overdracht</translation>
    </message>
    <message>
        <source>correction</source>
        <translation>correctie</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>gesloten</translation>
    </message>
    <message>
        <source>reopened</source>
        <translation>heropend</translation>
    </message>
    <message>
        <source>no GRIP (routine)</source>
        <translation>geen GRIP (regulier)</translation>
    </message>
    <message>
        <source>outside GRIP</source>
        <translation>buiten GRIP</translation>
    </message>
    <message>
        <source>GRIP Rijk</source>
        <translation>GRIP Rijk</translation>
    </message>
    <message>
        <source>GRIP %1</source>
        <translation>GRIP %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>open</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>bezig</translation>
    </message>
    <message>
        <source>done</source>
        <translation>afgerond</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>geannuleerd</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>in wachtrij</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>verstuurd</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>geweigerd</translation>
    </message>
</context>
<context>
    <name>DutyWatch</name>
    <message>
        <source>Your duties have changed</source>
        <translation>Je diensten zijn gewijzigd</translation>
    </message>
    <message>
        <source>Your coming duties have changed. Check the Duty tab.</source>
        <translation>Je komende diensten zijn gewijzigd. Kijk op het tabblad Dienst.</translation>
    </message>
    <message>
        <source>Duty tomorrow</source>
        <translation>Morgen dienst</translation>
    </message>
    <message>
        <source>Your duty in pool %1 starts %2 and lasts until %3.</source>
        <translation>Je dienst in pool %1 begint %2 en duurt tot %3.</translation>
    </message>
    <message>
        <source>Duty today</source>
        <translation>Vandaag dienst</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>officer</source>
        <translation>officier</translation>
    </message>
    <message>
        <source>coordinator</source>
        <translation>coördinator</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>beheerder</translation>
    </message>
    <message>
        <source>roster</source>
        <translation>rooster</translation>
    </message>
    <message>
        <source>swap</source>
        <translation>ruil</translation>
    </message>
    <message>
        <source>override</source>
        <translation>vervanging</translation>
    </message>
    <message>
        <source>requested</source>
        <translation>aangevraagd</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>geaccepteerd</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>goedgekeurd</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>geweigerd</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>afgewezen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>ingetrokken</translation>
    </message>
</context>
<context>
    <name>Marks</name>
    <message>
        <source>%1 (swap)</source>
        <translation>%1 (ruil)</translation>
    </message>
    <message>
        <source>%1 (override)</source>
        <translation>%1 (vervanging)</translation>
    </message>
    <message>
        <source>swap %1</source>
        <translation>ruil %1</translation>
    </message>
    <message>
        <source>override %1</source>
        <translation>vervanging %1</translation>
    </message>
    <message>
        <source>rostered: %1</source>
        <translation>volgens rooster: %1</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>concept</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>clash: %1 is on leave while on duty</source>
        <translation>conflict: %1 heeft verlof tijdens dienst</translation>
    </message>
    <message>
        <source>clash: %1 is on duty in two pools</source>
        <translation>conflict: %1 heeft dienst in twee pools</translation>
    </message>
    <message>
        <source>clash: %1 is on duty again before their rest is over (rest until %2)</source>
        <translation>conflict: %1 heeft weer dienst voordat de rust voorbij is (rust tot %2)</translation>
    </message>
    <message>
        <source>clash: %1 %2</source>
        <translation>conflict: %1 %2</translation>
    </message>
    <message>
        <source>is deactivated</source>
        <translation>is gedeactiveerd</translation>
    </message>
    <message>
        <source>lacks the pool&apos;s qualification</source>
        <translation>mist de kwalificatie van de pool</translation>
    </message>
    <message>
        <source>is no longer a member of the pool</source>
        <translation>is geen lid meer van de pool</translation>
    </message>
</context>
<context>
    <name>NoFeedLinks</name>
    <message>
        <source>This server does not offer iCalendar feed links yet.</source>
        <translation>Deze server biedt nog geen iCalendar-agendalinks aan.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Paraat</source>
        <translation>Paraat</translation>
    </message>
</context>
<context>
    <name>ServerFeedLinks</name>
    <message>
        <source>The server does not know at which address its calendar feeds are published (paraat-server --feed-url). Ask the administrator.</source>
        <translation>De server weet niet op welk adres zijn agenda&apos;s gepubliceerd worden (paraat-server --feed-url). Vraag het de beheerder.</translation>
    </message>
</context>
<context>
    <name>paraat::desk::ActionModel</name>
    <message>
        <source>%1 [corrected by #%2]</source>
        <translation>%1 [gecorrigeerd door #%2]</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (jij)</translation>
    </message>
    <message>
        <source>OVERDUE – %1</source>
        <translation>TE LAAT – %1</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actiepunt</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Eigenaar</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>paraat::desk::Banner</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Close &amp;message</source>
        <translation>Melding &amp;sluiten</translation>
    </message>
</context>
<context>
    <name>paraat::desk::CapacityModel</name>
    <message>
        <source>Municipality</source>
        <translation>Gemeente</translation>
    </message>
    <message>
        <source>Ambition</source>
        <translation>Ambitie</translation>
    </message>
    <message>
        <source>Planned h/week</source>
        <translation>Gepland u/week</translation>
    </message>
    <message>
        <source>After reallocation</source>
        <translation>Na herverdeling</translation>
    </message>
    <message>
        <source>Given up</source>
        <translation>Ingeleverd</translation>
    </message>
</context>
<context>
    <name>paraat::desk::CapacityView</name>
    <message>
        <source>priority</source>
        <translation>prioriteit</translation>
    </message>
    <message>
        <source>equal share</source>
        <translation>gelijk aandeel</translation>
    </message>
    <message>
        <source>C&amp;risis:</source>
        <translation>C&amp;risis:</translation>
    </message>
    <message>
        <source>&amp;Week:</source>
        <translation>&amp;Week:</translation>
    </message>
    <message>
        <source>Propose (&amp;priority)</source>
        <translation>Voorstel (&amp;prioriteit)</translation>
    </message>
    <message>
        <source>Lowest priorities give up hours first</source>
        <translation>De laagste prioriteiten leveren eerst uren in</translation>
    </message>
    <message>
        <source>Propose (e&amp;qual share)</source>
        <translation>Voorstel (gelijk &amp;aandeel)</translation>
    </message>
    <message>
        <source>Every municipality keeps the same share of its plan</source>
        <translation>Elke gemeente houdt hetzelfde deel van haar plan</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <source>Planned and reallocated hours per ambition</source>
        <translation>Geplande en herverdeelde uren per ambitie</translation>
    </message>
    <message>
        <source>Sh&amp;ow:</source>
        <translation>T&amp;onen:</translation>
    </message>
    <message>
        <source>Bar chart</source>
        <translation>Staafdiagram</translation>
    </message>
    <message>
        <source>&amp;Municipality:</source>
        <translation>&amp;Gemeente:</translation>
    </message>
    <message>
        <source>Proposals side by side</source>
        <translation>Voorstellen naast elkaar</translation>
    </message>
    <message>
        <source>&amp;Approve the shown proposal…</source>
        <translation>Getoond voorstel goed&amp;keuren…</translation>
    </message>
    <message>
        <source>Puts the reallocation in force and records the decision in the crisis log</source>
        <translation>Zet de herverdeling in werking en legt het besluit vast in het crisislogboek</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Goedkeuren</translation>
    </message>
    <message>
        <source>Approve proposal %1 (%2) for %3? The reallocation takes effect and the decision is recorded in the crisis log.</source>
        <translation>Voorstel %1 (%2) voor %3 goedkeuren? De herverdeling gaat in en het besluit wordt vastgelegd in het crisislogboek.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Could not load everything. %1</source>
        <translation>Niet alles kon worden geladen. %1</translation>
    </message>
    <message>
        <source>all municipalities</source>
        <translation>alle gemeenten</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>capaciteit</translation>
    </message>
    <message>
        <source>ambitions</source>
        <translation>ambities</translation>
    </message>
    <message>
        <source>%1 (no. %2)</source>
        <translation>%1 (nr. %2)</translation>
    </message>
    <message>
        <source>crises</source>
        <translation>crises</translation>
    </message>
    <message>
        <source>Crisis demand in %1: %2 h</source>
        <translation>Vraag van de crisis in %1: %2 u</translation>
    </message>
    <message>
        <source>demand</source>
        <translation>vraag</translation>
    </message>
    <message>
        <source>In force: proposal %1.</source>
        <translation>Van kracht: voorstel %1.</translation>
    </message>
    <message>
        <source>In force: proposal %1, planned on data that changed since; propose again.</source>
        <translation>Van kracht: voorstel %1, gemaakt op gegevens die sindsdien zijn gewijzigd; maak een nieuw voorstel.</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Let op: %1</translation>
    </message>
    <message>
        <source>No reallocation in force for this week.</source>
        <translation>Geen herverdeling van kracht voor deze week.</translation>
    </message>
    <message>
        <source>allocations</source>
        <translation>herverdelingen</translation>
    </message>
    <message>
        <source>the plan (no proposal)</source>
        <translation>het plan (geen voorstel)</translation>
    </message>
    <message>
        <source>proposal %1 (%2)</source>
        <translation>voorstel %1 (%2)</translation>
    </message>
    <message>
        <source>proposal %1 (%2, made on other data)</source>
        <translation>voorstel %1 (%2, gemaakt op andere gegevens)</translation>
    </message>
    <message>
        <source>proposals</source>
        <translation>voorstellen</translation>
    </message>
    <message>
        <source>Choose a crisis and a week with demand first.</source>
        <translation>Kies eerst een crisis en een week met vraag.</translation>
    </message>
    <message>
        <source>No proposal: %1</source>
        <translation>Geen voorstel: %1</translation>
    </message>
    <message>
        <source>Proposal %1 made.</source>
        <translation>Voorstel %1 gemaakt.</translation>
    </message>
    <message>
        <source>Not approved: %1</source>
        <translation>Niet goedgekeurd: %1</translation>
    </message>
    <message>
        <source>Approved: proposal %1 for %2 is in force; the decision is entry #%3 in the crisis log.</source>
        <translation>Goedgekeurd: voorstel %1 voor %2 is van kracht; het besluit is melding #%3 in het crisislogboek.</translation>
    </message>
    <message>
        <source>All municipalities: hours a week per ambition</source>
        <translation>Alle gemeenten: uren per week per ambitie</translation>
    </message>
    <message>
        <source>%1: hours a week per ambition</source>
        <translation>%1: uren per week per ambitie</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Gepland</translation>
    </message>
    <message>
        <source>After proposal %1</source>
        <translation>Na voorstel %1</translation>
    </message>
    <message>
        <source>After reallocation</source>
        <translation>Na herverdeling</translation>
    </message>
    <message>
        <source>hours a week</source>
        <translation>uren per week</translation>
    </message>
    <message>
        <source>municipalities</source>
        <translation>gemeenten</translation>
    </message>
    <message>
        <source>Res&amp;tore the plan…</source>
        <translation>Plan her&amp;stellen…</translation>
    </message>
    <message>
        <source>Ends the reallocation in force for this week: every municipality returns to its plan; the decision is recorded in the crisis log</source>
        <translation>Beëindigt de herverdeling die deze week van kracht is: elke gemeente gaat terug naar haar plan; het besluit wordt vastgelegd in het crisislogboek</translation>
    </message>
    <message>
        <source>Restore the plan</source>
        <translation>Plan herstellen</translation>
    </message>
    <message>
        <source>Restore the plan for %1 in %2? The reallocation of proposal %3 ends, every municipality returns to its planned hours, and the decision is recorded in the crisis log.</source>
        <translation>Het plan voor %1 in %2 herstellen? De herverdeling van voorstel %3 eindigt, elke gemeente gaat terug naar haar geplande uren en het besluit wordt vastgelegd in het crisislogboek.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Herstellen</translation>
    </message>
    <message>
        <source>Choose a crisis and a week first.</source>
        <translation>Kies eerst een crisis en een week.</translation>
    </message>
    <message>
        <source>Not restored: %1</source>
        <translation>Niet hersteld: %1</translation>
    </message>
    <message>
        <source>Restored: every municipality is back on its plan for %1; the decision is entry #%2 in the crisis log.</source>
        <translation>Hersteld: elke gemeente werkt weer volgens haar plan voor %1; het besluit is melding #%2 in het crisislogboek.</translation>
    </message>
    <message>
        <source>Warning for proposal %1: %2</source>
        <translation>Waarschuwing bij voorstel %1: %2</translation>
    </message>
</context>
<context>
    <name>paraat::desk::CrisisListModel</name>
    <message>
        <source>%1 (closed)</source>
        <translation>%1 (gesloten)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Crisis</source>
        <translation>Crisis</translation>
    </message>
    <message>
        <source>GRIP</source>
        <translation>GRIP</translation>
    </message>
    <message>
        <source>Municipalities</source>
        <translation>Gemeenten</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Meldingen</translation>
    </message>
</context>
<context>
    <name>paraat::desk::CrisisView</name>
    <message>
        <source>Open crises</source>
        <translation>Open crises</translation>
    </message>
    <message>
        <source>GRIP level</source>
        <translation>GRIP-niveau</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Logboek</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Tonen:</translation>
    </message>
    <message>
        <source>all kinds</source>
        <translation>alle soorten</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>&amp;Zoeken:</translation>
    </message>
    <message>
        <source>words in the log</source>
        <translation>woorden in het logboek</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>Zoe&amp;k</translation>
    </message>
    <message>
        <source>Struck through: corrected by a later entry (the log keeps everything). Bold: decisions and GRIP changes.</source>
        <translation>Doorgestreept: gecorrigeerd door een latere melding (het logboek bewaart alles). Vet: besluiten en GRIP-wijzigingen.</translation>
    </message>
    <message>
        <source>Your actions: green · overdue: red, marked OVERDUE</source>
        <translation>Jouw actiepunten: groen · te laat: rood, gemarkeerd met TE LAAT</translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation>&amp;Actiepunten</translation>
    </message>
    <message>
        <source>Outbox (written while the server could not be reached)</source>
        <translation>Postvak uit (geschreven toen de server niet bereikbaar was)</translation>
    </message>
    <message>
        <source>&amp;New entry</source>
        <translation>&amp;Nieuwe melding</translation>
    </message>
    <message>
        <source>Hando&amp;ver report</source>
        <translation>&amp;Overdrachtsrapport</translation>
    </message>
    <message>
        <source>Could not load the crises: %1</source>
        <translation>De crises konden niet worden geladen: %1</translation>
    </message>
    <message>
        <source>Showing the log as kept on this computer: %1</source>
        <translation>Het logboek zoals op deze computer bewaard: %1</translation>
    </message>
    <message>
        <source>Could not load the log: %1</source>
        <translation>Het logboek kon niet worden geladen: %1</translation>
    </message>
    <message>
        <source>Live: new entries appear as they are logged.</source>
        <translation>Live: nieuwe meldingen verschijnen zodra ze gelogd worden.</translation>
    </message>
    <message>
        <source>Live log interrupted; reconnecting…</source>
        <translation>Live logboek onderbroken; opnieuw verbinden…</translation>
    </message>
    <message>
        <source>Live log stopped: %1</source>
        <translation>Live logboek gestopt: %1</translation>
    </message>
    <message>
        <source>Live: following the log.</source>
        <translation>Live: het logboek wordt gevolgd.</translation>
    </message>
    <message>
        <source>No open crisis.</source>
        <translation>Geen open crisis.</translation>
    </message>
    <message>
        <source>%1 · %2 · open since %3</source>
        <translation>%1 · %2 · open sinds %3</translation>
    </message>
    <message>
        <source>&amp;Actions (%1, %2 overdue)</source>
        <translation>&amp;Actiepunten (%1, %2 te laat)</translation>
    </message>
    <message>
        <source>&amp;Actions (%1)</source>
        <translation>&amp;Actiepunten (%1)</translation>
    </message>
    <message>
        <source>Could not load the actions: %1</source>
        <translation>De actiepunten konden niet worden geladen: %1</translation>
    </message>
    <message>
        <source>Could not load the handover report: %1</source>
        <translation>Het overdrachtsrapport kon niet worden geladen: %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Latest situation:</source>
        <translation>Laatste beeld:</translation>
    </message>
    <message>
        <source>  #%1 %2: %3</source>
        <translation>  #%1 %2: %3</translation>
    </message>
    <message>
        <source>  (none logged)</source>
        <translation>  (niets gelogd)</translation>
    </message>
    <message>
        <source>GRIP changes since:</source>
        <translation>GRIP-wijzigingen sindsdien:</translation>
    </message>
    <message>
        <source>  (none)</source>
        <translation>  (geen)</translation>
    </message>
    <message>
        <source>Decisions since:</source>
        <translation>Besluiten sindsdien:</translation>
    </message>
    <message>
        <source>Assessments since:</source>
        <translation>Oordelen sindsdien:</translation>
    </message>
    <message>
        <source>Last handover note:</source>
        <translation>Laatste overdracht:</translation>
    </message>
    <message>
        <source>Messages, closing and reopening since:</source>
        <translation>Berichten, sluiten en heropenen sindsdien:</translation>
    </message>
    <message>
        <source>Actions finished since:</source>
        <translation>Actiepunten sindsdien afgerond:</translation>
    </message>
    <message>
        <source>  #%1 %2 [%3, %4 %5]</source>
        <translation>  #%1 %2 [%3, %4 %5]</translation>
    </message>
    <message>
        <source>%1 [corrected by %2]</source>
        <translation>%1 [gecorrigeerd door %2]</translation>
    </message>
    <message>
        <source>Open actions (overdue first):</source>
        <translation>Open actiepunten (te laat eerst):</translation>
    </message>
    <message>
        <source>  %1#%2 %3 [%4, %5]</source>
        <translation>  %1#%2 %3 [%4, %5]</translation>
    </message>
    <message>
        <source>OVERDUE </source>
        <translation>TE LAAT </translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>geen deadline</translation>
    </message>
    <message>
        <source>Log check: the server has not signed this log yet.</source>
        <translation>Logcontrole: de server heeft dit logboek nog niet ondertekend.</translation>
    </message>
    <message>
        <source>Log check waits for the server.</source>
        <translation>Logcontrole wacht op de server.</translation>
    </message>
    <message>
        <source>✘ LOG CHECK FAILED: %1</source>
        <translation>✘ LOGCONTROLE MISLUKT: %1</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Zoeken mislukt: %1</translation>
    </message>
    <message>
        <source>The outbox cannot be read: %1</source>
        <translation>Het postvak uit kan niet worden gelezen: %1</translation>
    </message>
    <message>
        <source>Entry #%1 logged.</source>
        <translation>Melding #%1 gelogd.</translation>
    </message>
    <message>
        <source>The server cannot be reached and there is no local cache to keep the entry in. Your text stays in the form; try again later.</source>
        <translation>De server is niet bereikbaar en er is geen lokale opslag om de melding te bewaren. Je tekst blijft in het formulier staan; probeer het later opnieuw.</translation>
    </message>
    <message>
        <source>The server cannot be reached: the entry is queued and will be sent when it is back.</source>
        <translation>De server is niet bereikbaar: de melding staat in de wachtrij en wordt verstuurd zodra de server terug is.</translation>
    </message>
    <message>
        <source>Could not load the people: %1</source>
        <translation>De personen konden niet worden geladen: %1</translation>
    </message>
    <message>
        <source>Without a moment the report covers what was logged in the last 12 hours</source>
        <translation>Zonder moment beslaat het rapport wat in de laatste 12 uur is gelogd</translation>
    </message>
    <message>
        <source>HANDOVER REPORT: what was logged since %1</source>
        <translation>OVERDRACHTSRAPPORT: wat er gelogd is sinds %1</translation>
    </message>
    <message>
        <source>%1 (logged %2)</source>
        <translation>%1 (gelogd %2)</translation>
    </message>
    <message>
        <source>&amp;Logged since:</source>
        <translation>&amp;Gelogd sinds:</translation>
    </message>
    <message>
        <source>&amp;Begin a crisis log…</source>
        <translation>Nieuwe crisis o&amp;penen…</translation>
    </message>
    <message>
        <source>Open a new crisis log (coordinators)</source>
        <translation>Een nieuw crisislog openen (coördinatoren)</translation>
    </message>
    <message>
        <source>&amp;Mark the crisis closed…</source>
        <translation>Crisis als afgesloten &amp;markeren…</translation>
    </message>
    <message>
        <source>Close the chosen crisis with a closing note; after that only reopening is accepted</source>
        <translation>De gekozen crisis afsluiten met een slotnotitie; daarna kan ze alleen nog heropend worden</translation>
    </message>
    <message>
        <source>Crisis %1 opened: %2.</source>
        <translation>Crisis %1 geopend: %2.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Let op: %1</translation>
    </message>
    <message>
        <source>Close the crisis</source>
        <translation>Crisis afsluiten</translation>
    </message>
    <message>
        <source>Closing note for &quot;%1&quot; (why it ends; the log keeps everything, and after this only reopening is accepted):</source>
        <translation>Slotnotitie voor &quot;%1&quot; (waarom het eindigt; het log bewaart alles, en daarna kan de crisis alleen nog heropend worden):</translation>
    </message>
    <message>
        <source>Not closed: a closing note is needed.</source>
        <translation>Niet afgesloten: een slotnotitie is nodig.</translation>
    </message>
    <message>
        <source>Crisis %1 closed (entry %2).</source>
        <translation>Crisis %1 afgesloten (melding %2).</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporteren…</translation>
    </message>
    <message>
        <source>Save the chosen crisis&apos;s log: a verifiable export (.json) anyone can check offline with paraat crisis verify, or a report (.md)</source>
        <translation>Het log van de gekozen crisis opslaan: een controleerbare export (.json) die iedereen offline kan nagaan met paraat crisis verify, of een verslag (.md)</translation>
    </message>
    <message>
        <source>Export the crisis log</source>
        <translation>Het crisislog exporteren</translation>
    </message>
    <message>
        <source>Verifiable export (*.json);;Report (*.md)</source>
        <translation>Controleerbare export (*.json);;Verslag (*.md)</translation>
    </message>
    <message>
        <source>The log was not exported: %1</source>
        <translation>Het log is niet geëxporteerd: %1</translation>
    </message>
    <message>
        <source>The log was not exported: cannot write %1 (%2)</source>
        <translation>Het log is niet geëxporteerd: %1 kan niet worden geschreven (%2)</translation>
    </message>
    <message>
        <source>The log of crisis %1 was saved in %2.</source>
        <translation>Het log van crisis %1 is opgeslagen in %2.</translation>
    </message>
    <message>
        <source>%1correction #%2: %3</source>
        <translation>%1correctie #%2: %3</translation>
    </message>
    <message>
        <source>The crisis was not closed: %1. Your closing note is kept; choose “Mark the crisis closed” again to send it.</source>
        <translation>De crisis is niet afgesloten: %1. Uw slotnotitie is bewaard; kies opnieuw “Crisis als afgesloten markeren” om haar te versturen.</translation>
    </message>
    <message numerus="yes">
        <source>✔ Log checked: %n entries, signed by the server and consistent with what this computer saw before.</source>
        <translation>
            <numerusform>✔ Log gecontroleerd: %n melding, ondertekend door de server en in lijn met wat deze computer eerder zag.</numerusform>
            <numerusform>✔ Log gecontroleerd: %n meldingen, ondertekend door de server en in lijn met wat deze computer eerder zag.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Search &quot;%1&quot;: %n entries found.</source>
        <translation>
            <numerusform>Zoeken &quot;%1&quot;: %n melding gevonden.</numerusform>
            <numerusform>Zoeken &quot;%1&quot;: %n meldingen gevonden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Search &quot;%1&quot; in the log kept on this computer (server unreachable): %n entries found.</source>
        <translation>
            <numerusform>Zoeken &quot;%1&quot; in het logboek op deze computer (server niet bereikbaar): %n melding gevonden.</numerusform>
            <numerusform>Zoeken &quot;%1&quot; in het logboek op deze computer (server niet bereikbaar): %n meldingen gevonden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued entries sent.</source>
        <translation>
            <numerusform>%n melding uit de wachtrij verstuurd.</numerusform>
            <numerusform>%n meldingen uit de wachtrij verstuurd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued entries were refused; see the outbox.</source>
        <translation>
            <numerusform>%n melding uit de wachtrij is geweigerd; zie het postvak uit.</numerusform>
            <numerusform>%n meldingen uit de wachtrij zijn geweigerd; zie het postvak uit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Put the refused entry back in the form</source>
        <translation>Geweigerde melding terugzetten in het formulier</translation>
    </message>
    <message>
        <source>The outbox cannot be changed: %1</source>
        <translation>Het postvak uit kan niet worden gewijzigd: %1</translation>
    </message>
    <message>
        <source>The refused entry is back in the form: mend it and log it again.</source>
        <translation>De geweigerde melding staat weer in het formulier: herstel haar en log haar opnieuw.</translation>
    </message>
</context>
<context>
    <name>paraat::desk::DutyModel</name>
    <message>
        <source>now on duty</source>
        <translation>nu in dienst</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Tot</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Uren</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Opmerking</translation>
    </message>
</context>
<context>
    <name>paraat::desk::DutyView</name>
    <message>
        <source>Ask for a &amp;swap…</source>
        <translation>R&amp;uil aanvragen…</translation>
    </message>
    <message>
        <source>Ask a colleague to take over (part of) one of your duties</source>
        <translation>Vraag een collega (een deel van) een van je diensten over te nemen</translation>
    </message>
    <message>
        <source>Register &amp;leave…</source>
        <translation>Ver&amp;lof registreren…</translation>
    </message>
    <message>
        <source>Register a period in which you cannot be on duty</source>
        <translation>Registreer een periode waarin je geen dienst kunt doen</translation>
    </message>
    <message>
        <source>Put someone &amp;on duty…</source>
        <translation>Ie&amp;mand in dienst zetten…</translation>
    </message>
    <message>
        <source>Put someone on duty now, on top of the roster</source>
        <translation>Zet nu iemand in dienst, boven op het rooster</translation>
    </message>
    <message>
        <source>Arran&amp;ge a swap…</source>
        <translation>Ruil regel&amp;en…</translation>
    </message>
    <message>
        <source>Arrange an approved swap of the duty selected in the roster</source>
        <translation>Regel een goedgekeurde ruil van de dienst die in het rooster is gekozen</translation>
    </message>
    <message>
        <source>Cop&amp;y calendar feed link</source>
        <translation>Agenda-link &amp;kopiëren</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
    <message>
        <source>Load everything again from the server</source>
        <translation>Alles opnieuw van de server laden</translation>
    </message>
    <message>
        <source>On duty now (Ctrl+1)</source>
        <translation>Nu in dienst (Ctrl+1)</translation>
    </message>
    <message>
        <source>My coming duties (Ctrl+2)</source>
        <translation>Mijn komende diensten (Ctrl+2)</translation>
    </message>
    <message>
        <source>Roster (Ctrl+3)</source>
        <translation>Rooster (Ctrl+3)</translation>
    </message>
    <message>
        <source>&amp;Pool:</source>
        <translation>&amp;Pool:</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>&amp;Weergave:</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Maand</translation>
    </message>
    <message>
        <source>‹ P&amp;revious</source>
        <translation>‹ &amp;Vorige</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>Va&amp;ndaag</translation>
    </message>
    <message>
        <source>&amp;Next ›</source>
        <translation>V&amp;olgende ›</translation>
    </message>
    <message>
        <source>Marks: gap = nobody on duty (red) · override (orange) · swap (blue) · leave (yellow) · clash (purple) · your duty (green)</source>
        <translation>Markering: gat = niemand in dienst (rood) · vervanging (oranje) · ruil (blauw) · verlof (geel) · conflict (paars) · jouw dienst (groen)</translation>
    </message>
    <message>
        <source>Swaps (Ctrl+4)</source>
        <translation>Ruilen (Ctrl+4)</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Accepteren</translation>
    </message>
    <message>
        <source>Take over the duty you were asked to take</source>
        <translation>De dienst overnemen die je gevraagd is over te nemen</translation>
    </message>
    <message>
        <source>De&amp;cline</source>
        <translation>Weige&amp;ren</translation>
    </message>
    <message>
        <source>W&amp;ithdraw</source>
        <translation>&amp;Intrekken</translation>
    </message>
    <message>
        <source>Withdraw the swap (before it is approved; administrators: any time)</source>
        <translation>De ruil intrekken (voordat hij is goedgekeurd; beheerders: altijd)</translation>
    </message>
    <message>
        <source>Approv&amp;e</source>
        <translation>&amp;Goedkeuren</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>Afwij&amp;zen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Copy the secret link of your duties for a calendar app</source>
        <translation>Kopieer de geheime link naar je diensten voor een agenda-app</translation>
    </message>
    <message>
        <source>Week %1: %2 – %3</source>
        <translation>Week %1: %2 – %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Could not load everything. %1</source>
        <translation>Niet alles kon worden geladen. %1</translation>
    </message>
    <message>
        <source>pools</source>
        <translation>pools</translation>
    </message>
    <message>
        <source>people</source>
        <translation>personen</translation>
    </message>
    <message>
        <source>on duty now</source>
        <translation>nu in dienst</translation>
    </message>
    <message>
        <source>my duties</source>
        <translation>mijn diensten</translation>
    </message>
    <message>
        <source>roster</source>
        <translation>rooster</translation>
    </message>
    <message>
        <source>leave</source>
        <translation>verlof</translation>
    </message>
    <message>
        <source>swaps</source>
        <translation>ruilen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Swap %1 asked of %2 (%3).</source>
        <translation>Ruil %1 gevraagd aan %2 (%3).</translation>
    </message>
    <message>
        <source>Swap %1 arranged: %2 takes over from %3.</source>
        <translation>Ruil %1 geregeld: %2 neemt over van %3.</translation>
    </message>
    <message>
        <source>Leave registered: %1.</source>
        <translation>Verlof geregistreerd: %1.</translation>
    </message>
    <message>
        <source>%1 in pool %2: %3</source>
        <translation>%1 in pool %2: %3</translation>
    </message>
    <message>
        <source>Leave registered</source>
        <translation>Verlof geregistreerd</translation>
    </message>
    <message>
        <source>The leave is registered, but it clashes with these duties. Arrange a swap for them or ask an administrator.

%1</source>
        <translation>Het verlof is geregistreerd, maar het botst met deze diensten. Regel er een ruil voor of vraag een beheerder.

%1</translation>
    </message>
    <message>
        <source>%1 is on duty until %2.</source>
        <translation>%1 is in dienst tot %2.</translation>
    </message>
    <message>
        <source>Calendar feed link</source>
        <translation>Agenda-link</translation>
    </message>
    <message>
        <source>The calendar feed link is on the clipboard. Keep it secret.</source>
        <translation>De agenda-link staat op het klembord. Houd hem geheim.</translation>
    </message>
    <message>
        <source>Accept swap</source>
        <translation>Ruil accepteren</translation>
    </message>
    <message>
        <source>Decline swap</source>
        <translation>Ruil weigeren</translation>
    </message>
    <message>
        <source>Swap %1 is now %2.</source>
        <translation>Ruil %1 is nu %2.</translation>
    </message>
    <message>
        <source>Approve swap</source>
        <translation>Ruil goedkeuren</translation>
    </message>
    <message>
        <source>Reject swap</source>
        <translation>Ruil afwijzen</translation>
    </message>
    <message>
        <source>Withdraw swap</source>
        <translation>Ruil intrekken</translation>
    </message>
    <message>
        <source>You already have a calendar feed link. Paraat keeps no copy of it, so it makes a new one: the old link stops working, and calendars subscribed to it need the new link.</source>
        <translation>Je hebt al een agendalink. Paraat bewaart daar geen kopie van en maakt dus een nieuwe: de oude link werkt dan niet meer, en agenda&apos;s die erop geabonneerd zijn hebben de nieuwe link nodig.</translation>
    </message>
    <message>
        <source>Make a &amp;new link</source>
        <translation>&amp;Nieuwe link maken</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>&amp;End override…</source>
        <translation>Vervanging &amp;beëindigen…</translation>
    </message>
    <message>
        <source>End an override on the day selected in the roster now; the roster applies again</source>
        <translation>Beëindig nu een vervanging op de in het rooster gekozen dag; het rooster geldt dan weer</translation>
    </message>
    <message>
        <source>override %1: %2, %3</source>
        <translation>vervanging %1: %2, %3</translation>
    </message>
    <message>
        <source>End override</source>
        <translation>Vervanging beëindigen</translation>
    </message>
    <message>
        <source>Override to end:</source>
        <translation>Te beëindigen vervanging:</translation>
    </message>
    <message>
        <source>End %1 now? From now on the roster (with its swaps) applies again.</source>
        <translation>%1 nu beëindigen? Vanaf nu geldt het rooster (met zijn ruilingen) weer.</translation>
    </message>
    <message>
        <source>&amp;End now</source>
        <translation>Nu &amp;beëindigen</translation>
    </message>
    <message>
        <source>Override %1 ended at %2.</source>
        <translation>Vervanging %1 beëindigd om %2.</translation>
    </message>
    <message>
        <source>This account is not linked to a person on the roster: it has no duties.</source>
        <translation>Dit account hoort niet bij een persoon op het rooster: het heeft geen diensten.</translation>
    </message>
    <message>
        <source>No duties in the next 90 days.</source>
        <translation>Geen diensten in de komende 90 dagen.</translation>
    </message>
    <message>
        <source>The next 90 days.</source>
        <translation>De komende 90 dagen.</translation>
    </message>
</context>
<context>
    <name>paraat::desk::EntryForm</name>
    <message>
        <source>New entry</source>
        <translation>Nieuwe melding</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Soort:</translation>
    </message>
    <message>
        <source>What happened, what you think, what was decided…</source>
        <translation>Wat er gebeurde, wat je ervan vindt, wat er besloten is…</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>T&amp;ekst:</translation>
    </message>
    <message>
        <source>N&amp;ow</source>
        <translation>N&amp;u</translation>
    </message>
    <message>
        <source>Time of the c&amp;orrected entry</source>
        <translation>Tijdstip van de melding beho&amp;uden</translation>
    </message>
    <message>
        <source>Ha&amp;ppened:</source>
        <translation>&amp;Gebeurd:</translation>
    </message>
    <message>
        <source>entry numbers, e.g. 12, 15</source>
        <translation>meldingnummers, bijv. 12, 15</translation>
    </message>
    <message>
        <source>R&amp;efers to:</source>
        <translation>&amp;Verwijst naar:</translation>
    </message>
    <message>
        <source>&amp;Corrects entry:</source>
        <translation>&amp;Corrigeert melding:</translation>
    </message>
    <message>
        <source>the number of the entry this corrects</source>
        <translation>het nummer van de melding die dit corrigeert</translation>
    </message>
    <message>
        <source>Log entr&amp;y</source>
        <translation>Melding &amp;loggen</translation>
    </message>
    <message>
        <source>Log the entry (Ctrl+Enter); without a connection it is queued and sent when the server is back</source>
        <translation>De melding loggen (Ctrl+Enter); zonder verbinding komt ze in de wachtrij en wordt ze verstuurd zodra de server terug is</translation>
    </message>
    <message>
        <source>Only coordinators and administrators write in the log.</source>
        <translation>Alleen coördinatoren en beheerders schrijven in het logboek.</translation>
    </message>
    <message>
        <source>You report on the actions you own; coordinators write the rest of the log.</source>
        <translation>Jij meldt de voortgang van je eigen actiepunten; coördinatoren schrijven de rest van het logboek.</translation>
    </message>
    <message>
        <source>Choose a crisis first.</source>
        <translation>Kies eerst een crisis.</translation>
    </message>
    <message>
        <source>The draft could not be saved: %1</source>
        <translation>Het concept kon niet worden bewaard: %1</translation>
    </message>
    <message>
        <source>Crisis: choose a crisis first</source>
        <translation>Crisis: kies eerst een crisis</translation>
    </message>
    <message>
        <source>Text: write what the entry says</source>
        <translation>Tekst: schrijf wat de melding zegt</translation>
    </message>
    <message>
        <source>Text: at most %1 bytes</source>
        <translation>Tekst: hoogstens %1 bytes</translation>
    </message>
    <message>
        <source>Happened: %1 lies in the future</source>
        <translation>Gebeurd: %1 ligt in de toekomst</translation>
    </message>
    <message>
        <source>Refers to: &quot;%1&quot; is not an entry number</source>
        <translation>Verwijst naar: &quot;%1&quot; is geen meldingnummer</translation>
    </message>
    <message>
        <source>Refers to: at most %1 entries</source>
        <translation>Verwijst naar: hoogstens %1 meldingen</translation>
    </message>
    <message>
        <source>Corrects entry: give the number of the entry this corrects</source>
        <translation>Corrigeert melding: geef het nummer van de melding die dit corrigeert</translation>
    </message>
    <message>
        <source>A&amp;ction to update:</source>
        <translation>A&amp;ctiepunt:</translation>
    </message>
    <message>
        <source>New stat&amp;us:</source>
        <translation>Nieu&amp;we status:</translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation>(ongewijzigd)</translation>
    </message>
    <message>
        <source>O&amp;wner:</source>
        <translation>Eigenaa&amp;r:</translation>
    </message>
    <message>
        <source>Dead&amp;line:</source>
        <translation>Deadl&amp;ine:</translation>
    </message>
    <message>
        <source>Whether the action has a deadline (for an update: a new one)</source>
        <translation>Of het actiepunt een deadline heeft (bij een wijziging: een nieuwe)</translation>
    </message>
    <message>
        <source>New &amp;GRIP level:</source>
        <translation>Nieu&amp;w GRIP-niveau:</translation>
    </message>
    <message>
        <source>(choose who does it)</source>
        <translation>(kies wie het doet)</translation>
    </message>
    <message>
        <source>Why the level changes (optional)</source>
        <translation>Waarom het niveau verandert (niet verplicht)</translation>
    </message>
    <message>
        <source>A note on the update (optional)</source>
        <translation>Een toelichting bij de wijziging (niet verplicht)</translation>
    </message>
    <message>
        <source>What must be done</source>
        <translation>Wat er moet gebeuren</translation>
    </message>
    <message>
        <source>#%1 %2 (%3)</source>
        <translation>#%1 %2 (%3)</translation>
    </message>
    <message>
        <source>%1 (current)</source>
        <translation>%1 (huidig)</translation>
    </message>
    <message>
        <source>Action to update: choose the action this update is about</source>
        <translation>Actiepunt: kies het actiepunt waar deze wijziging over gaat</translation>
    </message>
    <message>
        <source>Owner: choose who does the action</source>
        <translation>Eigenaar: kies wie het actiepunt uitvoert</translation>
    </message>
    <message>
        <source>Deadline: %1 lies in the past</source>
        <translation>Deadline: %1 ligt in het verleden</translation>
    </message>
    <message>
        <source>New status: choose a new status, owner or deadline</source>
        <translation>Nieuwe status: kies een nieuwe status, eigenaar of deadline</translation>
    </message>
    <message>
        <source>New GRIP level: choose a level</source>
        <translation>Nieuw GRIP-niveau: kies een niveau</translation>
    </message>
    <message>
        <source>New GRIP level: the crisis is already at %1</source>
        <translation>Nieuw GRIP-niveau: de crisis is al op %1</translation>
    </message>
</context>
<context>
    <name>paraat::desk::EntryModel</name>
    <message>
        <source>opened &quot;%1&quot; (%2) at %3 for %4%5</source>
        <translation>&quot;%1&quot; (%2) geopend op %3 voor %4%5</translation>
    </message>
    <message>
        <source>now %1%2</source>
        <translation>nu %1%2</translation>
    </message>
    <message>
        <source>%1 [owner %2]</source>
        <translation>%1 [eigenaar %2]</translation>
    </message>
    <message>
        <source>%1 [owner %2, deadline %3]</source>
        <translation>%1 [eigenaar %2, deadline %3]</translation>
    </message>
    <message>
        <source>is now %1</source>
        <translation>is nu %1</translation>
    </message>
    <message>
        <source>owner %1</source>
        <translation>eigenaar %1</translation>
    </message>
    <message>
        <source>deadline %1</source>
        <translation>deadline %1</translation>
    </message>
    <message>
        <source>action #%1 %2%3</source>
        <translation>actiepunt #%1 %2%3</translation>
    </message>
    <message>
        <source>corrects #%1: %2</source>
        <translation>corrigeert #%1: %2</translation>
    </message>
    <message>
        <source>%1 [corrected by %2]</source>
        <translation>%1 [gecorrigeerd door %2]</translation>
    </message>
    <message>
        <source>%1 (re %2)</source>
        <translation>%1 (zie %2)</translation>
    </message>
    <message>
        <source>#%1 %2 by %3, happened %4, logged %5</source>
        <translation>#%1 %2 door %3, gebeurd %4, gelogd %5</translation>
    </message>
    <message>
        <source>Corrected: this text no longer stands.</source>
        <translation>Gecorrigeerd: deze tekst geldt niet meer.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Happened</source>
        <translation>Gebeurd</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Melding</translation>
    </message>
</context>
<context>
    <name>paraat::desk::LeaveDialog</name>
    <message>
        <source>Register leave</source>
        <translation>Verlof registreren</translation>
    </message>
    <message>
        <source>When you cannot be on duty. Duties in that time are reported at once; arrange a swap for them.</source>
        <translation>Wanneer je geen dienst kunt doen. Diensten in die tijd worden meteen gemeld; regel er een ruil voor.</translation>
    </message>
    <message>
        <source>myself</source>
        <translation>mijzelf</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Persoon:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Van:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Tot:</translation>
    </message>
    <message>
        <source>e.g. holiday</source>
        <translation>bijv. vakantie</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reden:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>&amp;Save leave</source>
        <translation>Verlof &amp;opslaan</translation>
    </message>
    <message>
        <source>Coming leave</source>
        <translation>Komend verlof</translation>
    </message>
    <message>
        <source>&amp;Withdraw the chosen leave</source>
        <translation>Gekozen verlof &amp;intrekken</translation>
    </message>
    <message>
        <source>From now on; what has passed stays as it was</source>
        <translation>Vanaf nu; wat voorbij is blijft zoals het was</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Could not load the leave: %1</source>
        <translation>Het verlof kon niet worden geladen: %1</translation>
    </message>
    <message>
        <source>No leave registered from now on.</source>
        <translation>Vanaf nu geen verlof geregistreerd.</translation>
    </message>
    <message>
        <source>Leave withdrawn: %1.</source>
        <translation>Verlof ingetrokken: %1.</translation>
    </message>
    <message>
        <source>Withdraw leave</source>
        <translation>Verlof intrekken</translation>
    </message>
    <message>
        <source>Withdraw the leave %1? It ends now; what has passed stays as it was.</source>
        <translation>Het verlof %1 intrekken? Het eindigt nu; wat voorbij is blijft zoals het was.</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>&amp;Intrekken</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behouden</translation>
    </message>
</context>
<context>
    <name>paraat::desk::MainWindow</name>
    <message>
        <source>Duty</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Duty</source>
        <translation>&amp;Dienst</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Toetsenbord</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <source>Your session has ended (%1). Please sign in again.</source>
        <translation>Je sessie is beëindigd (%1). Meld je opnieuw aan.</translation>
    </message>
    <message>
        <source>not signed in to %1</source>
        <translation>niet aangemeld bij %1</translation>
    </message>
    <message>
        <source>Your stored session cannot be used (%1). Please sign in.</source>
        <translation>Je bewaarde sessie is niet bruikbaar (%1). Meld je aan.</translation>
    </message>
    <message>
        <source>Not signed in. File → Sign in…</source>
        <translation>Niet aangemeld. Bestand → Aanmelden…</translation>
    </message>
    <message>
        <source>You are signed out.</source>
        <translation>Je bent afgemeld.</translation>
    </message>
    <message>
        <source>Paraat</source>
        <translation>Paraat</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Niet aangemeld</translation>
    </message>
    <message>
        <source>region</source>
        <translation>regio</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinden met %1…</translation>
    </message>
    <message>
        <source>Connected to %1 · last contact %2</source>
        <translation>Verbonden met %1 · laatste contact %2</translation>
    </message>
    <message>
        <source>SERVER UNREACHABLE: %1 · last contact %2</source>
        <translation>SERVER ONBEREIKBAAR: %1 · laatste contact %2</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Aanmelden…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>A&amp;fmelden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Af&amp;sluiten</translation>
    </message>
    <message>
        <source>&amp;Keyboard</source>
        <translation>&amp;Toetsenbord</translation>
    </message>
    <message>
        <source>Crisis</source>
        <translation>Crisis</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capaciteit</translation>
    </message>
    <message>
        <source>The local cache cannot be used (%1); working online only.</source>
        <translation>De lokale opslag is niet bruikbaar (%1); alleen online werken.</translation>
    </message>
    <message>
        <source>Server unreachable — last sync %1</source>
        <translation>Server niet bereikbaar — laatste synchronisatie %1</translation>
    </message>
    <message>
        <source>%1 · showing what this computer kept; new entries are queued and sent when the server is back</source>
        <translation>%1 · getoond wordt wat deze computer bewaarde; nieuwe meldingen gaan in de wachtrij en worden verstuurd zodra de server terug is</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <source>Load the view shown again from the server</source>
        <translation>Het getoonde tabblad opnieuw van de server laden</translation>
    </message>
    <message>
        <source>Tab and Shift+Tab move between the parts of the window; arrow keys move in a table. Ctrl+Tab and Ctrl+Shift+Tab go to the next and previous tab: Duty, Crisis and Capacity (administrators), or, inside the crisis details, Actions, New entry and Handover report.

Duty: Ctrl+1 on duty now · Ctrl+2 my duties · Ctrl+3 roster · Ctrl+4 swaps
Ctrl+R ask for a swap · Ctrl+L register leave

Crisis, New entry: Ctrl+Enter logs the entry (Enter alone starts a new line). Choose the kind first: an action asks for its owner and deadline, an action update for the action and its new status, a GRIP change for the new level.

Capacity: propose, compare and approve proposals; restore the plan of a week.

F5 loads the view shown again · F1 this help · Ctrl+Q quit
Alt with the underlined letter presses a button or goes to a field.</source>
        <translation>Tab en Shift+Tab gaan naar het volgende en vorige deel van het venster; met de pijltjestoetsen beweeg je in een tabel. Ctrl+Tab en Ctrl+Shift+Tab gaan naar het volgende en vorige tabblad: Dienst, Crisis en Capaciteit (beheerders), of, binnen de crisisdetails, Actiepunten, Nieuwe melding en Overdrachtsrapport.

Dienst: Ctrl+1 nu in dienst · Ctrl+2 mijn diensten · Ctrl+3 rooster · Ctrl+4 ruilen
Ctrl+R ruil aanvragen · Ctrl+L verlof registreren

Crisis, Nieuwe melding: Ctrl+Enter logt de melding (Enter alleen begint een nieuwe regel). Kies eerst de soort: een actiepunt vraagt om eigenaar en deadline, een actiepuntwijziging om het actiepunt en de nieuwe status, een GRIP-wijziging om het nieuwe niveau.

Capaciteit: voorstellen maken, vergelijken en goedkeuren; het plan van een week herstellen.

F5 laadt het getoonde tabblad opnieuw · F1 deze hulp · Ctrl+Q afsluiten
Alt met de onderstreepte letter drukt een knop in of gaat naar een veld.</translation>
    </message>
    <message>
        <source>Connection settings</source>
        <translation>Verbindingsinstellingen</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Uw sessie is verlopen. Meld u opnieuw aan.</translation>
    </message>
    <message>
        <source>NOT CONNECTED: the connection settings for %1 are wrong; nothing is sent</source>
        <translation>NIET VERBONDEN: de verbindingsinstellingen voor %1 kloppen niet; er wordt niets verstuurd</translation>
    </message>
</context>
<context>
    <name>paraat::desk::Notifier</name>
    <message>
        <source>Paraat</source>
        <translation>Paraat</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>paraat::desk::OnCallModel</name>
    <message>
        <source>NOBODY ON DUTY (gap)</source>
        <translation>NIEMAND IN DIENST (gat)</translation>
    </message>
    <message>
        <source>gap until %1</source>
        <translation>gat tot %1</translation>
    </message>
    <message>
        <source>no roster</source>
        <translation>geen rooster</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 vanaf %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: arrival norm %n minutes</source>
        <translation>
            <numerusform>%1: opkomsttijd %n minuut</numerusform>
            <numerusform>%1: opkomsttijd %n minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>In dienst</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Tot</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Daarna</translation>
    </message>
    <message>
        <source>%1 – ON LEAVE until %2</source>
        <translation>%1 – MET VERLOF tot %2</translation>
    </message>
    <message>
        <source>%1 – MAY NOT SERVE (%2)</source>
        <translation>%1 – MAG NIET DIENEN (%2)</translation>
    </message>
</context>
<context>
    <name>paraat::desk::OpenCrisisDialog</name>
    <message>
        <source>Open a crisis</source>
        <translation>Crisis openen</translation>
    </message>
    <message>
        <source>e.g. Opvang vluchtelingen Heumen</source>
        <translation>bijv. Opvang vluchtelingen Heumen</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>&amp;Soort:</translation>
    </message>
    <message>
        <source>&amp;Municipalities:</source>
        <translation>&amp;Gemeenten:</translation>
    </message>
    <message>
        <source>&amp;GRIP level:</source>
        <translation>G&amp;RIP-niveau:</translation>
    </message>
    <message>
        <source>What is going on (the first situation in the log)</source>
        <translation>Wat er aan de hand is (het eerste beeld in het log)</translation>
    </message>
    <message>
        <source>&amp;Situation:</source>
        <translation>&amp;Beeld:</translation>
    </message>
    <message>
        <source>&amp;Open crisis</source>
        <translation>Crisis &amp;openen</translation>
    </message>
    <message>
        <source>Crisis %1 “%2” is open already (opened %3 by %4). If it is the same crisis, log in that one. Press “Open anyway” to open a new crisis with this title.</source>
        <translation>Crisis %1 “%2” is al geopend (op %3 door %4). Is het dezelfde crisis, werk dan in het logboek daarvan. Kies “Toch openen” om een nieuwe crisis met deze titel te openen.</translation>
    </message>
    <message>
        <source>Open &amp;anyway</source>
        <translation>&amp;Toch openen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Title: give the crisis a title.</source>
        <translation>Titel: geef de crisis een titel.</translation>
    </message>
    <message>
        <source>Type: say what kind of crisis it is, e.g. opvang.</source>
        <translation>Soort: zeg wat voor crisis het is, bijv. opvang.</translation>
    </message>
    <message>
        <source>Municipalities: tick at least one affected municipality.</source>
        <translation>Gemeenten: vink ten minste één getroffen gemeente aan.</translation>
    </message>
</context>
<context>
    <name>paraat::desk::OutboxModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>entry #%1</source>
        <translation>melding #%1</translation>
    </message>
    <message>
        <source>waiting for the server (queued %1)</source>
        <translation>wacht op de server (in wachtrij sinds %1)</translation>
    </message>
    <message>
        <source>attempt %1: %2</source>
        <translation>poging %1: %2</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Crisis</source>
        <translation>Crisis</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Bericht</translation>
    </message>
</context>
<context>
    <name>paraat::desk::OverrideDialog</name>
    <message>
        <source>Put someone on duty</source>
        <translation>Iemand in dienst zetten</translation>
    </message>
    <message>
        <source>From now on, on top of the roster and swaps, until the time given. Use it when the officer on duty cannot act.</source>
        <translation>Vanaf nu, boven op rooster en ruilen, tot de opgegeven tijd. Gebruik dit als de officier van dienst niet kan optreden.</translation>
    </message>
    <message>
        <source>P&amp;ool:</source>
        <translation>P&amp;ool:</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Persoon:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Tot:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reden:</translation>
    </message>
    <message>
        <source>Put on &amp;duty</source>
        <translation>In &amp;dienst zetten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>paraat::desk::ProposalCompareModel</name>
    <message>
        <source>Policy</source>
        <translation>Beleid</translation>
    </message>
    <message>
        <source>Crisis demand</source>
        <translation>Vraag van de crisis</translation>
    </message>
    <message>
        <source>Not covered</source>
        <translation>Niet gedekt</translation>
    </message>
    <message>
        <source>Ambition hours given up</source>
        <translation>Ingeleverde ambitie-uren</translation>
    </message>
    <message>
        <source>Hours lent between municipalities</source>
        <translation>Uitgeleende uren tussen gemeenten</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Toestand</translation>
    </message>
    <message>
        <source>%1: given up / borrowed</source>
        <translation>%1: ingeleverd / geleend</translation>
    </message>
    <message>
        <source>stale: the data changed, propose again</source>
        <translation>verouderd: de gegevens zijn gewijzigd, maak een nieuw voorstel</translation>
    </message>
    <message>
        <source>current</source>
        <translation>actueel</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Hours a week</source>
        <translation>Uren per week</translation>
    </message>
    <message>
        <source>Proposal %1</source>
        <translation>Voorstel %1</translation>
    </message>
</context>
<context>
    <name>paraat::desk::RosterModel</name>
    <message>
        <source>NOBODY (gap)</source>
        <translation>NIEMAND (gat)</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 tot %2</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 vanaf %2</translation>
    </message>
    <message>
        <source>%1 %2–%3</source>
        <translation>%1 %2–%3</translation>
    </message>
    <message>
        <source>no schedule</source>
        <translation>geen rooster</translation>
    </message>
    <message>
        <source>gap: nobody on duty %1–%2</source>
        <translation>gat: niemand in dienst %1–%2</translation>
    </message>
    <message>
        <source>override %1: %2</source>
        <translation>vervanging %1: %2</translation>
    </message>
    <message>
        <source>swap %1: %2 instead of %3</source>
        <translation>ruil %1: %2 in plaats van %3</translation>
    </message>
    <message>
        <source>leave: %1</source>
        <translation>verlof: %1</translation>
    </message>
    <message>
        <source>draft (not published)</source>
        <translation>concept (niet gepubliceerd)</translation>
    </message>
    <message>
        <source>%1 (today)</source>
        <translation>%1 (vandaag)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>In dienst</translation>
    </message>
    <message>
        <source>Special</source>
        <translation>Bijzonderheden</translation>
    </message>
</context>
<context>
    <name>paraat::desk::SignInDialog</name>
    <message>
        <source>Sign in to Paraat</source>
        <translation>Aanmelden bij Paraat</translation>
    </message>
    <message>
        <source>Sign in with your Paraat account.</source>
        <translation>Meld je aan met je Paraat-account.</translation>
    </message>
    <message>
        <source>host:port, e.g. 127.0.0.1:50051</source>
        <translation>host:poort, bijv. 127.0.0.1:50051</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Wachtwoord:</translation>
    </message>
    <message>
        <source>Sign &amp;in</source>
        <translation>&amp;Aanmelden</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Annu&amp;leren</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Aanmelden…</translation>
    </message>
    <message>
        <source>Fill in the server, your user name and your password.</source>
        <translation>Vul de server, je gebruikersnaam en je wachtwoord in.</translation>
    </message>
    <message>
        <source>Signed in, but the session could not be stored: %1</source>
        <translation>Aangemeld, maar de sessie kon niet worden bewaard: %1</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Onjuiste gebruikersnaam of wachtwoord.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins for this user name; wait a while and try again. (%1)</source>
        <translation>Te veel mislukte aanmeldpogingen voor deze gebruikersnaam; wacht even en probeer het opnieuw. (%1)</translation>
    </message>
    <message>
        <source>The server %1 cannot be reached. Check the address and the network connection, or ask the administrator whether the server is running. (%2)</source>
        <translation>De server %1 is niet bereikbaar. Controleer het adres en de netwerkverbinding, of vraag de beheerder of de server draait. (%2)</translation>
    </message>
</context>
<context>
    <name>paraat::desk::SwapDialog</name>
    <message>
        <source>Ask for a swap</source>
        <translation>Ruil aanvragen</translation>
    </message>
    <message>
        <source>Arrange a swap</source>
        <translation>Ruil regelen</translation>
    </message>
    <message>
        <source>A colleague takes over (part of) your duty. They accept, then an administrator approves (some pools approve at once).</source>
        <translation>Een collega neemt (een deel van) je dienst over. Die accepteert, daarna keurt een beheerder goed (sommige pools keuren meteen goed).</translation>
    </message>
    <message>
        <source>The colleague takes over the duty at once: an arranged swap is approved.</source>
        <translation>De collega neemt de dienst meteen over: een geregelde ruil is goedgekeurd.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <source>&amp;Duty:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <source>&amp;Colleague who takes over:</source>
        <translation>&amp;Collega die overneemt:</translation>
    </message>
    <message>
        <source>Only &amp;part of the duty</source>
        <translation>Alleen een dee&amp;l van de dienst</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Van:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Tot:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reden:</translation>
    </message>
    <message>
        <source>&amp;Send request</source>
        <translation>Verzoek ver&amp;sturen</translation>
    </message>
    <message>
        <source>&amp;Arrange swap</source>
        <translation>Ruil re&amp;gelen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>There are no coming duties to swap.</source>
        <translation>Er zijn geen komende diensten om te ruilen.</translation>
    </message>
    <message>
        <source>Choose a duty and a colleague.</source>
        <translation>Kies een dienst en een collega.</translation>
    </message>
</context>
<context>
    <name>paraat::desk::SwapModel</name>
    <message>
        <source>%1; in return %2</source>
        <translation>%1; in ruil %2</translation>
    </message>
    <message>
        <source>%1 – waits for your answer</source>
        <translation>%1 – wacht op jouw antwoord</translation>
    </message>
    <message>
        <source>%1 – waits for an administrator</source>
        <translation>%1 – wacht op een beheerder</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Reden: %1</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>Pool</translation>
    </message>
    <message>
        <source>Gives</source>
        <translation>Geeft</translation>
    </message>
    <message>
        <source>Takes over</source>
        <translation>Neemt over</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1 – cannot be carried out now</source>
        <translation>%1 – nu niet uit te voeren</translation>
    </message>
    <message>
        <source>Cannot be carried out now: %1</source>
        <translation>Nu niet uit te voeren: %1</translation>
    </message>
</context>
</TS>
