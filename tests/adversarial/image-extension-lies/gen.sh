M="$(dirname "$0")/../mkimg.py"
i=$1/images
python3 "$M" png "$i/png-as.jpg" 8 8
python3 "$M" jpeg "$i/jpeg-as.png"
python3 "$M" gif "$i/gif-as.svg"
python3 "$M" png "$i/noext" 8 8
python3 "$M" png "$i/pic.webp" 8 8
python3 "$M" png "$i/REAL.PNG" 8 8
: >"$i/empty.png"
mkdir "$i/dir.svg"
