# Distinct article file names in scripts with no ASCII letters.
a=$1/articles
for n in '日本語' '中文' 'Ελληνικά' 'русский' '🙂'; do
  printf -- '---\ntitle: Title %s\ndate: 2026-01-01\n---\nBODY-%s\n' "$n" "$n" >"$a/$n.md"
done
