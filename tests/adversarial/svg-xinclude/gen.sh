mkdir -p outside
echo 'OUTSIDE-SECRET-41c7' >outside/secret.txt
printf '<g xmlns="http://www.w3.org/2000/svg"><text x="5" y="20">OUTSIDE-PART-41c7</text></g>\n' >outside/part.svg
