# Headers that claim huge (or no) dimensions over a few bytes of data.
M="$(dirname "$0")/../mkimg.py"
i=$1/images
python3 "$M" png-header "$i/huge.png" 100000 100000
python3 "$M" png-header "$i/max.png" 2147483647 2147483647
python3 "$M" png-header "$i/zero.png" 0 0
python3 "$M" jpeg-sof "$i/huge.jpg" 65535 65535
python3 "$M" gif "$i/huge.gif" 65535 65535
