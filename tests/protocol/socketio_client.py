"""Connects to a Slate server's /events namespace with python-socketio the way gazu's events
module does (socketio.Client, a connect_error handler on "/", a ClientNamespace for "/events",
the bearer token in the headers, listeners added on "/events"), receives the events of a
comment made over HTTP through a catch-all listener, and is refused with a bad token.
Prints one line per check; exits 0 only when all of them hold.

Run with Debian's python3 (python3-socketio, python3-websocket). Environment: SLATE_URL,
SLATE_TOKEN (a member of the task's project), SLATE_TASK_ID, SLATE_STATUS_ID (the status
the comment sets).
"""
import json
import os
import sys
import threading
import urllib.request

import socketio

PATIENCE = 15


class EventsNamespace(socketio.ClientNamespace):
    def on_connect(self):
        pass

    def on_disconnect(self):
        pass


def event_client():
    client = socketio.Client(reconnection=False)
    refusals = []
    client.on("connect_error", refusals.append)
    client.on("connect_error", refusals.append, namespace="/events")
    client.register_namespace(EventsNamespace("/events"))
    return client, refusals


def comment(url, token, task_id, status_id):
    request = urllib.request.Request(
        f"{url}/api/actions/tasks/{task_id}/comment",
        data=json.dumps({"task_status_id": status_id, "comment": "checked by python-socketio"}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST")
    with urllib.request.urlopen(request, timeout=PATIENCE) as response:
        return json.load(response)["id"]


def receives_comment_events(url, token, task_id, status_id):
    client, refusals = event_client()
    received = {}
    both = threading.Event()

    def any_event(name, data):
        received.setdefault(name, data)
        if "task:update" in received and "comment:new" in received:
            both.set()

    client.on("*", any_event, namespace="/events")
    client.connect(url, {"Authorization": f"Bearer {token}"}, namespaces=["/events"], wait_timeout=PATIENCE)
    try:
        comment_id = comment(url, token, task_id, status_id)
        if not both.wait(PATIENCE):
            raise AssertionError(f"timed out waiting for task:update and comment:new, received {sorted(received)}")
        if received["task:update"].get("task_id") != task_id:
            raise AssertionError(f"task:update for {received['task:update']}")
        if received["comment:new"].get("comment_id") != comment_id:
            raise AssertionError(f"comment:new for {received['comment:new']}, expected {comment_id}")
        print(f"ok bearer header: received task:update and comment:new over {client.transport()}")
    finally:
        client.disconnect()


def refused(url):
    client, refusals = event_client()
    try:
        client.connect(url, {"Authorization": "Bearer not-a-token"}, namespaces=["/events"], wait_timeout=PATIENCE)
    except socketio.exceptions.ConnectionError:
        pass
    else:
        raise AssertionError("connected with a bad token")
    finally:
        client.disconnect()
    messages = [refusal.get("message") if isinstance(refusal, dict) else refusal for refusal in refusals]
    if "Connection rejected by server" not in messages:
        raise AssertionError(f"refused with {messages}")
    print('ok bad token: refused with "Connection rejected by server"')


def main():
    try:
        url, token, task_id = os.environ["SLATE_URL"], os.environ["SLATE_TOKEN"], os.environ["SLATE_TASK_ID"]
        status_id = os.environ["SLATE_STATUS_ID"]
    except KeyError:
        print("Set SLATE_URL, SLATE_TOKEN, SLATE_TASK_ID and SLATE_STATUS_ID.", file=sys.stderr)
        return 2
    failed = False
    for check in (lambda: receives_comment_events(url, token, task_id, status_id), lambda: refused(url)):
        try:
            check()
        except Exception as error:  # any failure is reported, then the next check runs
            failed = True
            print(f"FAILED: {type(error).__name__}: {error}")
    print("some checks failed" if failed else "all checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
