# Files outside the book that the SVGs' entities point at.
mkdir -p outside
echo 'OUTSIDE-SECRET-9d2e' >outside/secret.txt
printf '<!ENTITY fromdtd "OUTSIDE-DTD-5a1b">\n' >outside/evil.dtd
