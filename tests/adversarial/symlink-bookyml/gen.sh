# book.yml is a symlink to a file outside the book.
book=$1
mkdir -p outside
printf 'title: LEAKED-TITLE-beef\nsubtitle: LEAKED-SUBTITLE-beef\n' >outside/book.yml
ln -s ../outside/book.yml "$book/book.yml"
