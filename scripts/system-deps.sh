#!/usr/bin/env bash
# Installs what the tests need from Debian: Chromium (browser tests), CJK fonts (screenshots,
# PDFs), PostgreSQL (the production database), poppler (PDF → PNG), LibreOffice Writer (the
# annual report's docx → PDF). Skips what is present.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
# grep without -q reads all of fc-list, which -q could kill with SIGPIPE (a failure under pipefail)
fc-list : family 2>/dev/null | grep "Noto Serif CJK SC" >/dev/null || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)  # fazhi/reports/export.py: PDF
command -v wrk >/dev/null || need+=(wrk)  # make bench: the portal under load
if [ ${#need[@]} -eq 0 ]; then
  echo "system packages present"
  exit 0
fi
echo "installing: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
