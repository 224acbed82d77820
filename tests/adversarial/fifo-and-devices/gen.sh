# Special files where article files are expected: reading a FIFO would block
# for ever, /dev/zero never ends.
book=$1
mkfifo "$book/articles/pipe.md"
ln -s /dev/zero "$book/articles/zero.md"
mkdir "$book/articles/folder.md"
