# Outside the book: a real SVG carrying a secret, reachable by ../, symlinks
# and encodings.
book=$1
mkdir -p outside
printf '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><text x="5" y="25">SECRET-OUTSIDE-7f3a</text></svg>\n' >outside/secret.svg
ln -s ../../outside/secret.svg "$book/images/link.svg"
ln -s ../../outside "$book/images/evil"
