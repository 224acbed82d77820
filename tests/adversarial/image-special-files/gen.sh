# Special files where images are expected.
book=$1
mkfifo "$book/images/pipe.png"
ln -s /dev/zero "$book/images/zero.png"
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$book/images/sock.svg"
mkdir "$book/images/folder.svg"
