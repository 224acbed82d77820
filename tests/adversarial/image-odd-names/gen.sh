# Legal file names that need escaping in a URL: space, #, %, ?, quotes,
# non-ASCII, a leading dash.
svg='<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>'
i=$1/images
for n in 'with space' 'hash#mark' 'percent%41' 'question?mark' "quote'single" 'quote"double' 'ünïcödé' '-dash' 'amp&er' 'semi;colon'; do
  echo "$svg" >"$i/$n.svg"
done
