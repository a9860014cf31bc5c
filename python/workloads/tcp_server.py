"""A listening socket and connections at both ends: a stop that skips cleanup shows whether the runtime closes them."""

import socket

from isolation_harness.workload import define_workload

HOST = "127.0.0.1"
CLIENTS = 3
# accept() waits this long for a further connection: the pause between two rounds of messages.
ACCEPT_TIMEOUT_S = 0.005
MESSAGE = b"ping\n"


def run(context):
    server = socket.create_server((HOST, 0))
    clients = []
    accepted = []
    try:
        server.settimeout(ACCEPT_TIMEOUT_S)
        clients.extend(socket.create_connection(server.getsockname()) for _ in range(CLIENTS))
        accepted.extend(server.accept()[0] for _ in range(CLIENTS))
        # ready() means every connection is open at both ends.
        context.ready()
        while not context.stop_requested():
            _exchange(clients, accepted[:CLIENTS])
            accepted.extend(_accept_another(server))
    finally:
        for connection in clients + accepted:
            connection.close()
        server.close()
        context.mark_cleanup_ran("sockets and server closed")


def _exchange(clients, accepted):
    """Each client sends a message, its accepted end echoes it, and the client reads the echo."""
    for client in clients:
        client.sendall(MESSAGE)
    for connection in accepted:
        connection.sendall(connection.recv(64))
    for client in clients:
        client.recv(64)


def _accept_another(server):
    try:
        return [server.accept()[0]]
    except socket.timeout:
        return []


workload = define_workload(
    name="tcp-server",
    description=f"listens on {HOST} (port 0) with {CLIENTS} of its own clients connected, echoing small messages and accepting with a {ACCEPT_TIMEOUT_S * 1000:g} ms timeout, until stopped",
    run=run,
)
