<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
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
        <translation>De server weet niet op welk adres zijn agenda's gepubliceerd worden (paraat-server --feed-url). Vraag het de beheerder.</translation>
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
        <source>Tab and Shift+Tab move between the parts of the window; arrow keys move in a table.
Ctrl+1 on duty now · Ctrl+2 my duties · Ctrl+3 roster · Ctrl+4 swaps
Ctrl+R ask for a swap · Ctrl+L register leave · F5 refresh · Ctrl+Q quit
Alt with the underlined letter presses a button.</source>
        <translation>Tab en Shift+Tab gaan naar het volgende en vorige deel van het venster; met de pijltjestoetsen beweeg je in een tabel.
Ctrl+1 nu in dienst · Ctrl+2 mijn diensten · Ctrl+3 rooster · Ctrl+4 ruilen
Ctrl+R ruil aanvragen · Ctrl+L verlof registreren · F5 vernieuwen · Ctrl+Q afsluiten
Alt met de onderstreepte letter drukt een knop in.</translation>
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
        <source>Paraat – %1</source>
        <translation>Paraat – %1</translation>
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
            <numerusform>%1: opkomsttijd %n minuut</numerusform><numerusform>%1: opkomsttijd %n minuten</numerusform></translation>
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
        <source>clash: %1 is on leave while on duty</source>
        <translation>conflict: %1 heeft verlof tijdens dienst</translation>
    </message>
    <message>
        <source>clash: %1 is on duty in two pools</source>
        <translation>conflict: %1 heeft dienst in twee pools</translation>
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
</context>
</TS>
