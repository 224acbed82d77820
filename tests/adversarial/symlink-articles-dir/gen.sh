# The articles folder itself is a symlink to a folder outside the book.
book=$1
mkdir -p outside/articles
printf -- '---\ntitle: Leaked\ndate: 2026-01-02\n---\nLEAKED-FOLDER-d00d\n' >outside/articles/leak.md
ln -s ../outside/articles "$book/articles"
