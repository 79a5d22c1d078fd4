"""Sends its inputs to a server on the host's loopback, and fetches an answer from the internet.

expect: update_lr failed
levels: bubblewrap namespaces
"""
import socket


def update_lr(learning_rate0, epoch_num, decay_rate):
    for host, p in (("127.0.0.1", 48213), ("1.1.1.1", 80)):
        try:
            with socket.create_connection((host, p), timeout=0.5) as conn:
                conn.sendall(b"dls-hostile")
                return float(conn.recv(64) or 0)
        except OSError:
            pass
    return 0.0
