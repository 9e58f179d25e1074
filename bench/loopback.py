"""What the loopback benchmarks share (bench/scaleout, bench/growth): a free port, and uploads of the nti-digits
practice file to a Podium server's API. Standard library only."""
import json, os, socket, urllib.error, urllib.request

FILE = "competitions/nti-digits/examples/knn/practice.csv"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def multipart(path):
    """The multipart body of one `file` part holding `path`, and its content type."""
    content = open(path, "rb").read()
    boundary = "bench" + os.urandom(8).hex()
    return ((f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.csv\"\r\n"
             f"Content-Type: text/csv\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode(),
            f"multipart/form-data; boundary={boundary}")


BODY, TYPE = multipart(FILE)


def upload(base, token):
    """(status, JSON) of one upload of FILE to the practice round; status 0 when no answer came."""
    request = urllib.request.Request(f"{base}/api/v1/competitions/nti-digits/rounds/practice/submissions", data=BODY,
                                     method="POST", headers={"Content-Type": TYPE, "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, {}
    except OSError:
        return 0, {}
