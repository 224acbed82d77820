# articles/leak.md is a symlink to a file outside the book.
book=$1
mkdir -p outside
printf -- '---\ntitle: Leaked\ndate: 2026-01-02\n---\nLEAKED-ARTICLE-c0ffee\n' >outside/leak.md
ln -s ../../outside/leak.md "$book/articles/leak.md"
