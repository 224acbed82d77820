# Real, decodable PNGs of few pixels but extreme sides (cairo surfaces are
# limited to 32767 pixels a side).
M="$(dirname "$0")/../mkimg.py"
i=$1/images
python3 "$M" png "$i/tall.png" 1 100000
python3 "$M" png "$i/wide.png" 100000 1
python3 "$M" png "$i/strip.png" 40000 1000
