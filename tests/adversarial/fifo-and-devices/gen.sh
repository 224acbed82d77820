# Special files where regular files are expected: reading a FIFO would block
# for ever, /dev/zero never ends.
book=$1
mkfifo "$book/articles/pipe.md"
mkfifo "$book/images/pipe.png"
ln -s /dev/zero "$book/articles/zero.md"
ln -s /dev/zero "$book/images/zero.png"
mkdir "$book/articles/folder.md"
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$book/images/sock.svg"
