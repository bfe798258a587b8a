#!/bin/sh
# Regenerates the spreadsheet fixtures from the sources beside this script
# with LibreOffice (apt-get install libreoffice-calc-nogui), so that the tests
# read files written by other software, not by excelize.
set -eu
cd "$(dirname "$0")"
out=$(mktemp -d)
csvin='Text - txt - csv (StarCalc):44,34,76,1'
soffice --headless --infilter="$csvin" --convert-to xlsx --outdir "$out" wjx-source.csv
soffice --headless --infilter="$csvin" --convert-to xls --outdir "$out" wjx-source.csv
# Charset 85 is GB18030 (a superset of GBK) in LibreOffice's numbering.
soffice --headless --infilter="$csvin" --convert-to 'csv:Text - txt - csv (StarCalc):44,34,85' --outdir "$out" gbk-source.csv
soffice --headless --convert-to xlsx --outdir "$out" sheet-title.fods
cp "$out/wjx-source.xlsx" wjx.xlsx
cp "$out/wjx-source.xls" wjx.xls
cp "$out/gbk-source.csv" gbk.csv
cp "$out/sheet-title.xlsx" sheet-title.xlsx
rm -rf "$out"
