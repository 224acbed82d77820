import socket

# Echo one line back.
def serve(port: int = 8080) -> None:
    with socket.create_server(("", port)) as s:
        conn, addr = s.accept()
        data = conn.recv(1024)
        if data is not None:
            conn.sendall(b"echo: " + data)
        print(f"served {addr!r}")
