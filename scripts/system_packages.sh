#!/bin/bash
# Debian packages the project needs; installed with apt-get when missing.
#   system_packages.sh run     what the site needs (the PDF font of the register books; text of PDFs and OCR of scans, for search)
#   system_packages.sh test    what the test suite needs (pg_dump/pg_restore of the PostgreSQL backup tests)
set -e
case "$1" in
  run) wanted="fonts-dejavu-core poppler-utils tesseract-ocr tesseract-ocr-vie" ;;
  test) wanted="chromium fonts-dejavu-core nginx-light poppler-utils postgresql-client-15 tesseract-ocr tesseract-ocr-vie" ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
missing=""
for p in $wanted; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  if [ "$1" = run ]; then
    echo "warning: Debian packages missing:$missing (register books cannot be printed to PDF; the text of PDF files and scans is not searchable). Install them as root: apt-get install$missing" >&2
    exit 0
  fi
  echo "error: Debian packages missing:$missing. Install them as root: apt-get install$missing" >&2
  exit 1
fi
echo "Installing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
