<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms only: the source texts are English, but a count in them ("%n entries")
     needs its singular. Kept by hand (lupdate would add every text); compiled to
     :/i18n/paraat_en.qm, which paraat-desk loads when it shows English. -->
<TS version="2.1" language="en">
<context>
    <name>paraat::desk::CrisisView</name>
    <message numerus="yes">
        <source>✔ Log checked: %n entries, signed by the server and consistent with what this computer saw before.</source>
        <translation>
            <numerusform>✔ Log checked: %n entry, signed by the server and consistent with what this computer saw before.</numerusform>
            <numerusform>✔ Log checked: %n entries, signed by the server and consistent with what this computer saw before.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Search &quot;%1&quot;: %n entries found.</source>
        <translation>
            <numerusform>Search &quot;%1&quot;: %n entry found.</numerusform>
            <numerusform>Search &quot;%1&quot;: %n entries found.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Search &quot;%1&quot; in the log kept on this computer (server unreachable): %n entries found.</source>
        <translation>
            <numerusform>Search &quot;%1&quot; in the log kept on this computer (server unreachable): %n entry found.</numerusform>
            <numerusform>Search &quot;%1&quot; in the log kept on this computer (server unreachable): %n entries found.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued entries sent.</source>
        <translation>
            <numerusform>%n queued entry sent.</numerusform>
            <numerusform>%n queued entries sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued entries were refused; see the outbox.</source>
        <translation>
            <numerusform>%n queued entry was refused; see the outbox.</numerusform>
            <numerusform>%n queued entries were refused; see the outbox.</numerusform>
        </translation>
    </message>
</context>
</TS>
