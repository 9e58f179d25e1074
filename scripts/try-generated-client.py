#!/usr/bin/env python3
"""A participant's client generated from the API's contract, used for real: openapi-python-client turns
web/static/openapi.json into a Python package, which then submits a file, waits for its score and reads the
board of a live server. Run by `make api-fuzz` (bench/.venv has openapi-python-client and httpx).

    bench/.venv/bin/python scripts/try-generated-client.py BASE_URL TEAM_TOKEN"""
import os, subprocess, sys, tempfile, time

base, token = sys.argv[1], sys.argv[2]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = tempfile.mkdtemp(prefix="podium-client-")
generator = os.path.join(os.path.dirname(sys.executable), "openapi-python-client")
subprocess.run([generator, "generate", "--path", f"{root}/web/static/openapi.json", "--meta", "none",
                "--output-path", f"{out}/podium_client"], check=True, capture_output=True)
sys.path.insert(0, out)
from podium_client import AuthenticatedClient, Client  # noqa: E402
from podium_client.api.default import get_a_submission, get_the_leaderboard, submit_predictions  # noqa: E402
from podium_client.models import Accepted, Leaderboard, Submission, SubmitPredictionsBody  # noqa: E402
from podium_client.types import File  # noqa: E402

team = AuthenticatedClient(base_url=base, token=token)
path = f"{root}/competitions/nti-digits/examples/forest/qualifying.csv"
with open(path, "rb") as f:
    body = SubmitPredictionsBody(file=[File(payload=f, file_name="forest.csv", mime_type="text/csv")], message="generated client")
    accepted = submit_predictions.sync("nti-digits", "qualifying", client=team, body=body)
assert isinstance(accepted, Accepted), f"the upload was refused: {accepted}"
for _ in range(100):
    submission = get_a_submission.sync(accepted.id, client=team)
    assert isinstance(submission, Submission), f"reading the submission failed: {submission}"
    if submission.status.value in ("scored", "failed"):
        break
    time.sleep(0.2)
assert submission.status.value == "scored", f"not scored: {submission.status} {submission.error}"
time.sleep(1.1)  # boards are rechecked once a second
board = get_the_leaderboard.sync("nti-digits", "qualifying", client=Client(base_url=base))
assert isinstance(board, Leaderboard), f"reading the board failed: {board}"
row = next(r for r in board.rows if r.submission == accepted.id)
print(f"generated client: submission {accepted.id} scored {submission.public_score:.4f}; "
      f"rank {row.rank} of {board.total} on the board")
