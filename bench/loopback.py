"""What the loopback benchmarks share (bench/scaleout, bench/growth, bench/intervals, bench/upload, bench/pages): a
free port, a `podium serve` started and waited for, multipart bodies, uploads of the nti-digits practice file to a
Podium server's API, a team's session cookie, and wrk. Standard library only (and the wrk binary)."""
import http.client, json, os, re, socket, subprocess, time, urllib.error, urllib.parse, urllib.request

FILE = "competitions/nti-digits/examples/knn/practice.csv"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def multipart(path, filename="p.csv", content_type="text/csv"):
    """The multipart body of one `file` part holding `path`, and its content type."""
    content = open(path, "rb").read()
    boundary = "bench" + os.urandom(8).hex()
    return ((f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
             f"Content-Type: {content_type}\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode(),
            f"multipart/form-data; boundary={boundary}")


def serve(podium, data, *options):
    """`podium serve` on the data folder `data` on a free port, with `options`, once it answers /healthz:
    (the process, its base URL)."""
    port = free_port()
    server = subprocess.Popen([podium, "serve", "--data", data, "--port", str(port), "--rate-limit", "100000",
                               "--competitions", "/x", *options],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            break
        except OSError:
            time.sleep(0.05)
    return server, base


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


def score_data():
    """bench/score's 1,000,000-row solution and submission folder, generated there when missing."""
    data = "bench/data/score-1000000"
    if not os.path.exists(f"{data}/submission.csv"):
        subprocess.run(["bench/score/run.sh", "1000000", "1"], check=True, capture_output=True)
    return data


def timed(command):
    """(seconds, stdout) of running `command` to its end."""
    started = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - started, out


def login(port, token, competition="nti-digits"):
    """The session cookie of a team logged in through the login form (as a browser does)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", f"/login?c={competition}")
    response = connection.getresponse()
    cookie = response.getheader("Set-Cookie").split(";")[0]
    csrf = re.search(r'name="csrf" value="([^"]+)"', response.read().decode()).group(1)
    form = urllib.parse.urlencode({"csrf": csrf, "c": competition, "token": token})
    connection.request("POST", "/login", body=form,
                       headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    response = connection.getresponse()
    response.read()
    return response.getheader("Set-Cookie").split(";")[0]


def wrk(url, cookie=None, seconds=5):
    """(requests per second, p99 latency in ms) of wrk with 2 threads and 32 connections on `url`."""
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", *headers, url], capture_output=True,
                         text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return rate, float(p99.group(1)) * scale
