#!/bin/sh
# Removes ANTQ Ledger installed by install.sh: the program, its menu entry and the `antq`
# command. The data and its backups (~/.local/share/ANTQLedger) are kept.
set -eu
share="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$share/antq-ledger"
bin="$HOME/.local/bin"

rm -f "$share/applications/antq-ledger.desktop"
if [ -L "$bin/antq" ] && [ "$(readlink "$bin/antq")" = "$target/antq" ]; then
    rm -f "$bin/antq"
fi
rm -rf "$target"

echo "Đã gỡ ANTQ Ledger. Dữ liệu vẫn được giữ trong $share/ANTQLedger."
echo "ANTQ Ledger removed. The data is kept in $share/ANTQLedger."
