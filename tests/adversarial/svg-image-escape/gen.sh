# Files beside and outside the book that the figures point at; the file:
# URL names the secret by its absolute path.
mkdir -p outside
echo 'OUTSIDE-SECRET-e5c1' >secret
echo 'OUTSIDE-SECRET-e5c1' >outside/secret.txt
python3 "$(dirname "$0")/../mkimg.py" png outside/secret.png 8 8
cat >"$1/images/file-url.svg" <<SVG
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">
  <image xlink:href="file://$PWD/outside/secret.png" width="50" height="50"/>
  <image xlink:href="file://$PWD/outside/secret.txt" y="50" width="50" height="50"/>
</svg>
SVG
