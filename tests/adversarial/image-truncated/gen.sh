M="$(dirname "$0")/../mkimg.py"
i=$1/images
python3 "$M" png "$i/full.png" 64 64
python3 - "$i/full.png" "$i/trunc.png" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
idat = d.index(b"IDAT")
open(sys.argv[2], "wb").write(d[:idat + 4 + 20])
PY
rm "$i/full.png"
python3 "$M" png "$i/sig.png" 8 8 --truncate 8
python3 "$M" png "$i/ihdr.png" 8 8 --truncate 20
python3 "$M" jpeg "$i/trunc.jpg" --truncate 180
python3 "$M" jpeg "$i/soi.jpg" --truncate 4
python3 "$M" gif "$i/trunc.gif" --truncate 13
