// The classifier's built-in synonym table, kept as data: edit the text, not the code. It is
// parsed once, at first use, by the same parser that reads a host's own table.
#include "categories/default_synonyms.hpp"

namespace tb::categories {

std::string_view default_synonyms_text() {
  static constexpr char kText[] = R"TABLE(# ticketbridge: built-in synonym table of the issue classifier.
#
# Format
# - One concept per line: terms separated by commas that mean the same thing in a ticket.
# - Terms after '|' are weak: they hint at the concept but fit others too (Outlook is an
#   application and also email); they count half.
# - A term may be several words ("access point"). Words are compared case-folded and
#   stemmed, so one form covers the others ("charge" also matches charging, charged, charges).
# - "ignore:" lists words that never stand for a concept on their own, so a sub_category
#   named "Other" or "General issues" is not matched on those words.
# - "no-typo:" lists everyday words one letter away from a term; the typo tolerance must not
#   read them as that term ("changed" is not a misspelt "charged").
# - "all-clear:" lists words that clear a term said just before them: in "the WiFi is fine"
#   or "battery and network fine" (up to three words later) the term counts for nothing,
#   unless a "negation:" word comes between ("the WiFi is not stable").
# - '#' starts a comment.
#
# A concept takes part only when one of its strong terms is a word of a category or
# sub_category in the imported list: without a "Printer" in the list, the printer line is idle.

# Devices
# Everyone names their laptop whatever the problem is, so device words are weak hints.
hardware, physical, cracked, damaged, spilled, dropped | broken, device, laptop, computer, pc, notebook, desktop, workstation, macbook, thinkpad
battery, charge, charging, charger, power, power adapter, power supply, battery life, drain, percent, plug, unplug | adapter, dies, died, shuts down, shut down, shutdown
display, screen, monitor, brightness, resolution, flicker, pixel, hdmi, displayport, projector, backlight, black screen, dark screen, dim | graphics, gpu
keyboard, keys, typing, keystroke, keypad, numpad, spacebar, space bar, backspace, caps lock, num lock, sticky keys
mouse, touchpad, trackpad, cursor, pointer, scroll wheel | click
audio, sound, speaker, headset, headphone, microphone, mic, earbuds, volume | mute, echo
camera, webcam
dock, docking station, usb hub, usb c hub | usb
printer, print, printing, toner, paper jam, scanner, cartridge | paper
phone, mobile, smartphone, iphone, android, cell phone | sim
storage, disk, disk space, hard drive, ssd, out of space | drive

# Software
software, program, programme | installed, version, license, licence
application, app, program, not responding, crash | software, screen sharing, screen share, share screen, share my screen, freeze, hang, install, uninstall, reinstall, outlook, ms teams, microsoft teams, teams, excel, powerpoint, microsoft word, word document, ms word, chrome, firefox, microsoft edge, browser, zoom, slack, adobe, acrobat, sap, salesforce, onedrive, sharepoint, microsoft office, office 365, ms office
# "login screen" and its kin are screens of the OS, not the display hardware.
os, operating system, windows, macos, mac os, blue screen, bsod, boot, startup, boot loop, kernel, linux, ubuntu, windows update, os update, upgrade, patch | update, crash, freeze, driver, login screen, lock screen, sign in screen, welcome screen, home screen, start menu

# Network
network, internet, connection, connectivity, online, offline, ethernet, lan, dns, ip address, proxy, bandwidth, latency, connect, disconnect, network drive | router, modem, cable, website
wifi, wi-fi, wi fi, wireless, wlan, ssid, hotspot, access point, wireless network, eduroam, 802.11 | signal, router
vpn, tunnel, anyconnect, any connect, globalprotect, global protect, forticlient, forti client, pulse secure, zscaler, remote access, ipsec, wireguard, openvpn | remote, cisco, split tunnel

# Accounts and mail
email, e-mail, mail, outlook, inbox, mailbox, shared mailbox, calendar, exchange, attachment, meeting invite
password, login, log in, logon, sign in, locked, lockout, locked out, account, credentials, mfa, multi factor, two factor, 2fa, authenticator, otp, username | reset, expired
access, permission, access denied, unauthorized, unauthorised, shared folder, shared drive, rights, privileges | denied, folder
security, virus, malware, phishing, spam, suspicious, ransomware, hacked, antivirus | scam

ignore: other, others, general, misc, miscellaneous, issue, problem, request, question, and, or, the, of, for, a, an, to, in, on, with, not, no, working, support, help, service, item, various, unknown, none, n, related
no-typo: change, point, paint, still, remove, model, clock, drove, batter, scream, logic, pitch
all-clear: fine, ok, okay, normal, normally, healthy, stable
negation: not, no, isnt, arent, wasnt, werent, doesnt, dont, didnt, never, hardly, barely, cant, cannot, wont
)TABLE";
  return std::string_view(kText, sizeof(kText) - 1);
}

}  // namespace tb::categories
