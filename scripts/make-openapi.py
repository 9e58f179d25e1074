#!/usr/bin/env python3
"""Writes web/static/openapi.json, the API's contract (OpenAPI 3.1), from the tables below — the one place the
routes, parameters, bodies, answers and errors are written down. `podium serve` serves it at
GET /api/v1/openapi.json; Tests/WebServerTests/OpenAPIContractTests.swift fails when the server's routes and this
document disagree; `make api-fuzz` holds the server to it with schemathesis.

    python3 scripts/make-openapi.py        (from the repository root; standard library only)"""
import json, os

def nullable(schema):
    s = dict(schema)
    s["type"] = [s["type"], "null"]
    return s

string, integer, number, boolean = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "boolean"}
# What the server takes as a name or a reason: no control characters, not blank, no space at either end (the
# server trims), at most 100 (500) code points.
_visible = r"[^\s\x00-\x1f\x7f-\x9f]"
_any = r"[^\x00-\x1f\x7f-\x9f]"
name = {"type": "string", "minLength": 1, "maxLength": 100, "pattern": f"^{_visible}({_any}*{_visible})?$",
        "description": "1 to 100 characters, no control characters, no space at either end"}
reason = {"type": "string", "minLength": 1, "maxLength": 500, "pattern": f"^{_visible}({_any}*{_visible})?$"}
identifier = {"type": "integer", "format": "int64", "minimum": 1, "maximum": 9223372036854775807}
date = {"type": "string", "format": "date-time"}
ref = lambda name: {"$ref": f"#/components/schemas/{name}"}

def obj(properties, required=None, description=None, closed=True):
    schema = {"type": "object", "properties": properties, "required": sorted(required if required is not None else properties),
              "additionalProperties": not closed}
    if description:
        schema["description"] = description
    return schema

schemas = {
    "Error": obj({"error": obj({
        "code": {"type": "string", "description": "invalid_submission, quota_exceeded, round_closed, not_allowed, unknown_team, "
                 "not_found, invalid_competition, too_large, internal_error, invalid_input, registration_closed, not_approved, "
                 "name_taken, already_in_team, not_in_team, team_full, invite_used, invite_revoked, not_captain, has_submitted, "
                 "merge_deadline_passed, merge_not_allowed, read_only, unauthorized, forbidden, bad_request, rate_limited"},
        "message": string,
        "details": {"type": "array", "items": obj({"line": nullable(integer), "column": nullable(string), "message": string})},
        "resets_at": nullable(date)})}, description="Every refusal."),
    "CompetitionList": obj({"competitions": {"type": "array", "items": obj({"slug": string, "title": string})}}),
    "Competition": obj({
        "slug": string, "title": string,
        "tasks": {"type": "array", "items": obj({"id": string, "metric": string,
                                                  "format": {"type": "string", "enum": ["csv", "jsonl", "rsg-muserc"]},
                                                  "file": string})},
        "rounds": {"type": "array", "items": obj({"id": string, "title": nullable(string),
                                                   "state": {"type": "string", "enum": ["scheduled", "open", "closed"]},
                                                   "opens": nullable(date), "closes": nullable(date), "revealed": boolean})},
        "files": {"type": "array", "items": string}}),
    "Quota": obj({"used": integer, "limit": nullable(integer), "resets_at": nullable(date)}),
    "Accepted": obj({"id": integer, "status": string, "queue_position": nullable(integer), "quota": ref("Quota")}),
    "Submission": obj({
        "id": integer, "round": string, "status": {"type": "string", "enum": ["queued", "scoring", "scored", "failed"]},
        "queue_position": nullable(integer), "submitted_at": date, "message": nullable(string),
        "public_score": nullable(number), "tasks": {"type": "object", "additionalProperties": number},
        "selected": boolean, "error": nullable(string), "scored_at": nullable(date), "display_precision": integer,
        "disqualified": boolean,
        "team": {"type": "string", "description": "organisers only"},
        "private_score": {"type": "number", "description": "organisers only"},
        "error_detail": {"type": "string", "description": "organisers only"},
        "submitted_by": {**nullable(string), "description": "the member who uploaded it; null: the team's token"},
        "measurements": {"type": "object", "additionalProperties": ref("CodeMeasurements"),
                         "description": "a code submission's measurements, by task"},
        "stage": {"type": "string", "description": "while a code submission runs: the stage it is in"},
        "started_at": {**date, "description": "while it is being scored: when this attempt started"},
        "slices": {"type": "object", "additionalProperties": {"type": "array", "items": ref("SliceResult")},
                   "description": "scores on the slices of the tasks that have them, by task; absent when none has "
                                  "or the round's slices_visibility does not show them to this reader yet"},
        "ladder_held": {**boolean, "description": "a round with public_board: ladder, before its reveal: true when the "
                        "submission did not beat the team's best by the step, so public_score is that best again and "
                        "its own details are held back; absent for other rounds"},
        "layers": {"type": "object", "additionalProperties": ref("LayerScores"),
                   "description": "a probing submission layer by layer, by task (Private scores for organisers "
                                  "only); absent for other rounds and while the team's own scores are hidden"}},
        required=["id", "round", "status", "queue_position", "submitted_at", "message", "public_score", "tasks",
                  "selected", "error", "scored_at", "display_precision", "disqualified", "submitted_by"]),
    "CodeMeasurements": obj({
        "records": integer, "startup_seconds": {**number, "description": "median wall seconds of a run on one record"},
        "records_per_second": {"type": "object", "additionalProperties": number,
                               "description": "by batch size: records / (wall - start-up), the median of the repeats"},
        "scored_batch_size": integer, "peak_memory_mb": nullable(number), "gpu_memory_mb": nullable(number),
        "repeats": integer,
        "spread": {"type": "object", "additionalProperties": {"type": "array", "items": number},
                   "description": "the lowest and highest value of each measurement"},
        "hardware": obj({"cpu": string, "cores": integer, "memory_mb": integer, "gpu": nullable(string)},
                        required=["cpu", "cores", "memory_mb"])},
        required=["records", "startup_seconds", "records_per_second", "scored_batch_size", "repeats", "spread",
                  "hardware"],
        description="What running a code submission on one task measured (MOROCCO's protocol)."),
    "PracticeRun": obj({
        "round": string, "runs_left": {**integer, "description": "practice runs the team has left this hour"},
        "tasks": {"type": "array", "items": obj({
            "task": string, "outcome": {"type": "string", "description": "ok, time_limit_exceeded, memory_limit_exceeded, "
                                       "output_too_large, crashed or invalid_output"},
            "message": string, "output": {**string, "description": "standard output, the first 64 KiB"},
            "stderr": {**string, "description": "standard error, the last 16 KiB"},
            "problems": {"type": "array", "items": string}, "answers": {"type": "object", "additionalProperties": string},
            "score": nullable(number), "seconds": number})}}),
    "SubmissionList": obj({"submissions": {"type": "array", "items": ref("Submission")}, "quota": {"oneOf": [ref("Quota"), {"type": "null"}]}}),
    "Selection": obj({"selected": {"type": "array", "items": identifier}}),
    "LeaderboardRow": obj({
        "rank": nullable(integer), "team": string, "score": number,
        "tasks": {"type": "object", "additionalProperties": number},
        "metrics": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": number}},
        "baseline": boolean, "submission": integer, "submitted_at": date, "entries": integer,
        "card": {"type": ["object", "null"],
                 "description": "the model card of the submission that counts: self-reported, but for the fields in "
                                "measured, which Podium measured by running the program (a code round)",
                 "properties": {"model": string, "url": string, "paper": string, "description": string,
                                "parameters": integer, "inference_speed": number, "gpu_memory_gb": number, "hardware": string,
                                "peak_memory_mb": number, "measured": {"type": "array", "items": string}},
                 "additionalProperties": False},
        "interval": {**nullable({"type": "array", "items": number, "minItems": 2, "maxItems": 2}),
                     "description": "the score's 95% bootstrap interval [low, high]; null: the round has no intervals"},
        "group": {**nullable(integer), "description": "rank group from 1 at the top: rows a paired bootstrap test "
                  "does not tell apart at the 5% level share one; null for baselines and rounds without intervals"},
        "ranks": {**nullable({"type": "array", "items": integer, "minItems": 2, "maxItems": 2}),
                  "description": "the first and last rank of the row's group ([1, 3] is shown as 1–3)"},
        "inseparable_from": {"type": "array", "items": string,
                             "description": "baselines the same test does not tell this row apart from"},
        "slices": {"type": "object", "additionalProperties": {"type": "array", "items": ref("SliceResult")},
                   "description": "scores on the slices of the tasks that have them, by task; absent when none has "
                                  "or the round's slices_visibility does not show them to this reader yet"},
        "layers": {"type": "object", "additionalProperties": ref("LayerScores"),
                   "description": "a probing round's entry layer by layer, by task (Private scores only on the "
                                  "private board); absent for other rounds"}},
        required=["rank", "team", "score", "tasks", "metrics", "baseline", "submission", "submitted_at", "entries",
                  "card", "interval", "group", "ranks", "inseparable_from"]),
    "SliceResult": obj({
        "name": {**string, "description": "a tag of the solution's slice column (logic/negation) or its family (logic)"},
        "rows": {**integer, "description": "rows of the task's test set in the slice"},
        "score": {**nullable(number), "description": "the task's score on the slice's rows; null: a metric is undefined there"},
        "low": {**number, "description": "the 95% bootstrap interval's low end (the slice's rows resampled)"},
        "high": {**number, "description": "its high end"}},
        required=["name", "rows", "score"],
        description="A submission's score on one slice of a task (LiDiRus's diagnostic categories)."),
    "LayerScores": obj({
        "layer": {**integer, "description": "the layer the board takes: best on the Public part, or the round's fixed layer"},
        "public": {"type": "array", "items": nullable(number),
                   "description": "the task's Public score from each layer (index = layer; null: a metric is undefined)"},
        "private": {"type": "array", "items": nullable(number),
                    "description": "the task's Private score from each layer; absent where the reader may not see it"}},
        required=["layer", "public"],
        description="A probing submission's scores on one task, layer by layer (RuSentEval's tables)."),
    "Leaderboard": obj({"round": string, "board": {"type": "string", "enum": ["public", "private"]},
                        "display_precision": integer, "total": integer, "offset": integer,
                        "rows": {"type": "array", "items": ref("LeaderboardRow")},
                        "frozen_at": {**nullable(date), "description": "when the public board froze, if it shows that moment"},
                        "public_board": {"type": "string", "enum": ["standard", "ladder"],
                                         "description": "ladder: a team's public score changes only when a submission "
                                                        "beats its best by more than ladder_step (Blum and Hardt's Ladder)"},
                        "ladder_step": {**number, "description": "the Ladder's step (ladder boards only)"}},
                       required=["round", "board", "display_precision", "total", "offset", "rows", "frozen_at", "public_board"]),
    "IntegrityEvidence": obj({
        "submissions": {"type": "array", "items": integer, "description": "the submissions the case is about, oldest first"},
        "times": {"type": "array", "items": date, "description": "when they were made (shared_address: when the requests were)"},
        "content_hash": {**string, "description": "identical_file: the normalised content hash they share"},
        "kappa": {**number, "description": "shared_predictions: Cohen's kappa of the two teams' error patterns on the Private rows"},
        "threshold": {**number, "description": "shared_predictions: the kappa at which a case opens"},
        "rows": integer, "wrong": {"type": "array", "items": integer}, "both_wrong": integer,
        "expected_both_wrong": {**number, "description": "rows both would get wrong if their errors were independent"},
        "requests": {**integer, "description": "shared_address: requests from the one address by the teams' members"},
        "same_browser": boolean, "actions": {"type": "array", "items": string},
        "near_identical": {**integer, "description": "probing: submissions changing few rows of the one before"},
        "scored": integer,
        "public_walk": {**number, "description": "probing: how far those submissions moved the Public score (better: positive)"},
        "private_walk": {**number, "description": "probing: how far they moved the Private score"}},
        required=["submissions", "times"]),
    "IntegrityCase": obj({
        "id": integer, "kind": {"type": "string", "enum": ["identical_file", "shared_predictions", "shared_address", "probing"]},
        "teams": {"type": "array", "items": string}, "evidence": ref("IntegrityEvidence"),
        "state": {"type": "string", "enum": ["open", "cleared", "upheld"]}, "reason": nullable(string),
        "decided_by": nullable(string), "decided_at": nullable(date), "opened_at": date, "updated_at": date}),
    "IntegrityReport": obj({
        "competition": string, "round": string, "public_board": {"type": "string", "enum": ["standard", "ladder"]},
        "shared_predictions": number, "near_identical": number, "probing_submissions": integer,
        "address_window_minutes": integer,
        "addresses_kept": {**boolean, "description": "false once the last round is revealed: hashed addresses and their key are dropped"},
        "cases": {"type": "array", "items": ref("IntegrityCase")}}),
    "RoundAction": obj({"round": string, "action": string, "state": string}),
    "Advance": obj({"from": string, "to": string, "board": string, "teams": {"type": "array", "items": string}}),
    "SubmissionAction": obj({"submission": integer, "action": string}),
    "TeamCreated": obj({"team": string, "token": string, "baseline": boolean}),
    "Participant": obj({"id": integer, "name": string, "status": {"type": "string", "enum": ["pending", "approved"]},
                        "team": nullable(string)}),
    "SignUp": obj({"participant": ref("Participant"), "token": {**string, "description": "shown once; only its hash is kept"}}),
    "ParticipantList": obj({"participants": {"type": "array", "items": ref("Participant")}}),
    "Team": obj({
        "name": string, "captain": nullable(string), "max_size": integer,
        "members": {"type": "array", "items": obj({"name": string, "status": {"type": "string", "enum": ["pending", "approved"]},
                                                    "captain": boolean, "joined_at": date})},
        "merges": {"type": "array", "items": obj({"id": integer, "from": string, "into": string,
                                                  "state": {"type": "string", "enum": ["pending", "accepted", "declined", "withdrawn"]},
                                                  "created_at": date})}}),
    "TeamMembership": obj({"team": ref("Team"), "invite_code": {**nullable(string),
                                                                "description": "admits one participant; null when the team is full"}}),
    "AuditLog": obj({
        "entries": {"type": "array", "items": obj({"id": integer, "at": date, "actor": string, "action": string,
                                                    "competition": nullable(string), "subject": string,
                                                    "reason": nullable(string), "details": {"type": "object"}})},
        "next_before": {**nullable(integer), "description": "pass as before for the next (older) page"}}),
    "Deliveries": obj({
        "deliveries": {"type": "array", "items": obj({"event": integer, "target": string, "state": string, "attempts": integer,
                                                       "last_status": nullable(integer), "last_response": nullable(string),
                                                       "next_attempt_at": date})},
        "events": {"type": "array", "items": obj({"id": integer, "competition": string, "type": string, "created_at": date,
                                                   "data": {"type": "object"}})}}),
}

schemas["ChatReply"] = obj({}, closed=False, description="What the chat platform expects back: a Telegram method "
                           "call, a Slack message, a Discord interaction response")


def error(description):
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}

def ok(schema, status="200", description="OK"):
    return {status: {"description": description, "content": {"application/json": {"schema": ref(schema)}}}}

COMMON = {"405": error("The path exists with other methods (the Allow header lists them)"),
          "429": error("Too many requests (rate limit); Retry-After says when to come back"),
          "default": error("Any other refusal or failure, in the same shape")}

def path_param(name, schema=None, description=None):
    p = {"name": name, "in": "path", "required": True, "schema": schema or string}
    if description:
        p["description"] = description
    return p

slug, round_ = path_param("slug", description="The competition."), path_param("round", description="The round.")
board = {"name": "board", "in": "query", "schema": {"type": "string", "enum": ["public", "private"]},
         "description": "private: after reveal, or for organisers"}
page = [{"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 2147483647},
         "description": "rows skipped from the top"},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647},
         "description": "rows at most (default: all)"}]
team = [{"bearer": []}]
organiser = [{"bearer": []}]

def op(summary, responses, parameters=(), security=None, body=None, tags=()):
    o = {"summary": summary, "responses": {**responses, **COMMON}}
    if parameters:
        o["parameters"] = list(parameters)
    if security is not None:
        o["security"] = security
    if body:
        o["requestBody"] = body
    o["operationId"] = "".join(w.capitalize() if i else w for i, w in enumerate(summary.lower().replace("'", "").split()[:6]))
    return o

json_body = lambda schema: {"required": True, "content": {"application/json": {"schema": schema}}}
paths = {
    "/api/v1/openapi.json": {"get": op("This document", {"200": {"description": "The OpenAPI document",
                                                                    "content": {"application/json": {"schema": {"type": "object"}}}}}, security=[])},
    "/api/v1/competitions": {"get": op("List competitions", ok("CompetitionList"), security=[])},
    "/api/v1/competitions/{slug}": {"get": op("Get a competition", {**ok("Competition"), "404": error("No such competition")},
                                                [slug], security=[])},
    "/api/v1/competitions/{slug}/files/{name}": {"get": op("Download a public file", {
        "200": {"description": "The file", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
                                                       "text/csv": {"schema": string}, "text/markdown": {"schema": string}}},
        "404": error("No such public file")}, [slug, path_param("name")], security=[])},
    "/api/v1/competitions/{slug}/rounds/{round}/submissions": {
        "post": op("Submit predictions", {**ok("Accepted", "202", "Accepted and queued for scoring"),
                                          "400": error("Not a multipart form with a file"), "401": error("No or a wrong team token"),
                                          "403": error("The round is closed, or the team may not enter it"),
                                          "404": error("No such competition or round"),
                                          "413": error("Over the upload limit"), "422": error("The file breaks the task's rules (details)")},
                   [slug, round_], team, {"required": True, "content": {"multipart/form-data": {"schema": {
                       "type": "object", "required": ["file"],
                       "properties": {"file": {"type": "array", "minItems": 1, "items": {"type": "string", "format": "binary"},
                                               "description": "one file per task, or one zip archive of them"},
                                      "message": {"type": "string", "description": "a note kept with the submission"},
                                      "model_card": {"type": "string", "description": "the model card as one JSON object "
                                                     "(model, url, paper, description, parameters, inference_speed, gpu_memory_gb, hardware); "
                                                     "or those fields one by one"},
                                      "model": {"type": "string", "maxLength": 200}, "hardware": {"type": "string", "maxLength": 200},
                                      "description": {"type": "string", "maxLength": 2000},
                                      "url": {"type": "string", "pattern": r"^https?://\S{1,480}$"},
                                      "paper": {"type": "string", "pattern": r"^https?://\S{1,480}$"},
                                      "parameters": {"type": "string", "pattern": r"^[1-9][0-9]{0,17}$", "description": "a count"},
                                      "inference_speed": {"type": "string", "pattern": r"^[0-9]{0,12}[1-9][0-9]{0,12}(\.[0-9]{1,12})?$",
                                                          "description": "records/s"},
                                      "gpu_memory_gb": {"type": "string", "pattern": r"^[0-9]{0,12}[1-9][0-9]{0,12}(\.[0-9]{1,12})?$",
                                                        "description": "GB"}}},
                       "encoding": {"file": {"contentType": "text/csv, application/jsonl, application/zip, application/octet-stream"}}}}}),
        "get": op("List your submissions", {**ok("SubmissionList"), "401": error("No or a wrong team token"),
                                            "403": error("An organiser token is not a team"), "404": error("No such competition or round")},
                  [slug, round_], team)},
    "/api/v1/competitions/{slug}/rounds/{round}/practice-runs": {
        "post": op("Run a program on the public sample (a code round; not charged)", {
            **ok("PracticeRun", "200", "How the program ran on each task's sample, beside the sample's answers"),
            "400": error("Not a multipart form with a file"), "401": error("No or a wrong team token"),
            "403": error("Not a code round, the round is closed, or the team may not enter it"),
            "404": error("No such competition or round"), "413": error("Over the upload limit"),
            "422": error("The archive is refused before anything runs (details)")},
            [slug, round_], team, {"required": True, "content": {"multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {"file": {"type": "array", "minItems": 1, "maxItems": 1,
                                        "items": {"type": "string", "format": "binary"},
                                        "description": "a zip or tar.gz archive whose root holds an executable run"}}},
                "encoding": {"file": {"contentType": "application/zip, application/gzip, application/octet-stream"}}}}})},
    "/api/v1/competitions/{slug}/rounds/{round}/leaderboard": {"get": op("Get the leaderboard", {
        **ok("Leaderboard"), "400": error("A bad offset or limit"), "401": error("A token that is not valid here"),
        "403": error("The private board is not revealed"), "404": error("No such competition or round")},
        [slug, round_, board, *page], security=[])},
    "/api/v1/competitions/{slug}/rounds/{round}/leaderboard.csv": {"get": op("Get the leaderboard as CSV", {
        "200": {"description": "rank,team,score,<task>…,entries,submitted_at,group,interval_low,interval_high, then "
                       "<task>:<slice>,<task>:<slice>:low,<task>:<slice>:high for each slice shown, and on a probing board "
                       "<task>:layer (the layer the board takes) and <task>:layer_<n> (the score from each layer)", "content": {"text/csv": {"schema": string}}},
        "400": error("A bad offset or limit"), "401": error("A token that is not valid here"),
        "403": error("The private board is not revealed"), "404": error("No such competition or round")},
        [slug, round_, board, *page], security=[])},
    "/api/v1/competitions/{slug}/rounds/{round}/selection": {"put": op("Select final submissions", {
        **ok("Selection"), "400": error("The body is not {\"submissions\": [ids]}"), "401": error("No or a wrong team token"),
        "403": error("Not the team's scored submissions, or too many"), "404": error("No such competition or round")},
        [slug, round_], team, json_body(obj({"submissions": {"type": "array", "items": identifier}}, closed=False)))},
    "/api/v1/competitions/{slug}/rounds/{round}/{action}": {"post": op("Act on a round", {
        "200": {"description": "The round's state after the action (open, close, reveal), or the advanced teams (advance)",
                "content": {"application/json": {"schema": {"oneOf": [ref("RoundAction"), ref("Advance")]}}}},
        "400": error("The body is not JSON of that shape"), "401": error("No organiser token"),
        "403": error("Not an organiser token, or the action is not allowed now"), "404": error("No such competition, round or action")},
        [slug, round_, path_param("action", {"type": "string", "enum": ["open", "close", "reveal", "advance"]})], organiser,
        {"required": False, "content": {"application/json": {"schema": obj({"to": nullable(string), "top": {"type": ["integer", "null"], "minimum": 1, "maximum": 2147483647},
                                                                             "reason": nullable(reason)}, required=[], closed=False,
            description="advance only: the round to admit teams to (default: the next one) and how many (default: the round's rule); "
                        "reason: why, for the audit log")}}})},
    "/api/v1/competitions/{slug}/rounds/{round}/integrity": {"get": op("List a rounds fair-play cases", {
        **ok("IntegrityReport"), "401": error("No organiser token"), "403": error("Not an organiser token"),
        "404": error("No such competition or round")}, [slug, round_], organiser)},
    "/api/v1/competitions/{slug}/rounds/{round}/integrity/{case}": {"post": op("Decide a fair-play case", {
        **ok("IntegrityCase"), "400": error("The case is not a number, or the body is not JSON"),
        "401": error("No organiser token"), "403": error("Not an organiser token"),
        "404": error("No such case in the round"), "422": error("No reason, or a state other than cleared or upheld (invalid_input)")},
        [slug, round_, path_param("case", identifier)], organiser,
        json_body(obj({"state": {"type": "string", "enum": ["cleared", "upheld"]}, "reason": reason,
                       "disqualify": {"type": "string", "enum": ["none", "submissions", "teams"],
                                      "description": "upheld only: disqualify the case's submissions, or every scored "
                                                     "submission of its teams in the round (default none)"}},
                      required=["state", "reason"], closed=False, description="the decision, for the audit log")))},
    "/api/v1/submissions/{id}": {"get": op("Get a submission", {
        **ok("Submission"), "400": error("The id is not a number"), "401": error("No token"), "404": error("No such submission of yours")},
        [path_param("id", identifier)], team)},
    "/api/v1/submissions/{id}/rescore": {"post": op("Rescore a submission", {
        **ok("SubmissionAction"), "400": error("The id is not a number"), "401": error("No organiser token"),
        "403": error("Not an organiser token"), "404": error("No such submission")},
        [path_param("id", identifier)], organiser,
        {"required": False, "content": {"application/json": {"schema": obj({"reason": nullable(reason)}, required=[], closed=False,
            description="why, for the audit log")}}})},
    "/api/v1/submissions/{id}/disqualify": {"post": op("Disqualify a submission", {
        **ok("SubmissionAction"), "400": error("The id is not a number, or the body is not {\"reason\": …}"),
        "401": error("No organiser token"), "403": error("Not an organiser token"), "404": error("No such submission"),
        "422": error("No reason (invalid_input)")},
        [path_param("id", identifier)], organiser,
        json_body(obj({"reason": reason}, closed=False, description="why, for the audit log (required)")))},
    "/api/v1/chat/telegram/{slug}": {"post": op("Answer a Telegram update", {
        "200": {"description": "A sendMessage call for Telegram to make (the answer), or {} when there is nothing to say "
                "(no command, an update seen before)", "content": {"application/json": {"schema": ref("ChatReply")}}},
        "401": error("The X-Telegram-Bot-Api-Secret-Token header is not the bot's secret, or the competition's chat "
                     "answers no commands")},
        [slug, {"name": "X-Telegram-Bot-Api-Secret-Token", "in": "header", "schema": string,
                "description": "the secret_token given to setWebhook"}], security=[],
        body=json_body(obj({"update_id": integer}, closed=False, description="a Bot API Update")))},
    "/api/v1/chat/slack/{slug}": {"post": op("Answer a Slack slash command", {
        "200": {"description": "The answer, seen by whoever asked (or the Events API's challenge)",
                "content": {"application/json": {"schema": ref("ChatReply")}}},
        "401": error("The X-Slack-Signature is not the app's signature of the body, or its timestamp is more than "
                     "five minutes away")},
        [slug, {"name": "X-Slack-Signature", "in": "header", "schema": string},
         {"name": "X-Slack-Request-Timestamp", "in": "header", "schema": string}], security=[],
        body={"required": True, "content": {"application/x-www-form-urlencoded": {"schema": obj(
            {"command": string, "text": string, "user_id": string, "team_id": string}, closed=False)}}})},
    "/api/v1/chat/discord/{slug}": {"post": op("Answer a Discord interaction", {
        "200": {"description": "PONG to a PING, or the answer, seen by whoever asked",
                "content": {"application/json": {"schema": ref("ChatReply")}}},
        "400": error("Not a Discord interaction"),
        "401": error("The X-Signature-Ed25519 is not the application's signature of the timestamp and body, or the "
                     "timestamp is more than five minutes away")},
        [slug, {"name": "X-Signature-Ed25519", "in": "header", "schema": string},
         {"name": "X-Signature-Timestamp", "in": "header", "schema": string}], security=[],
        body=json_body(obj({"type": integer, "id": string}, closed=False, description="an Interaction")))},
    "/api/v1/competitions/{slug}/teams": {"post": op("Add a team", {
        "201": {"description": "An organiser's team and its token, shown once; or a participant's new team, with its invite code",
                "content": {"application/json": {"schema": {"oneOf": [ref("TeamCreated"), ref("TeamMembership")]}}}},
        "400": error("The body is not {\"name\": …}"),
        "401": error("No organiser or participant token"), "403": error("A team's token"),
        "404": error("No such competition"), "409": error("The name is taken, or the participant is in a team already"),
        "422": error("An empty, too long or malformed name")},
        [slug], organiser, json_body(obj({"name": name, "baseline": nullable(boolean)}, required=["name"], closed=False)))},
    "/api/v1/competitions/{slug}/participants": {
        "post": op("Sign up", {
            **ok("SignUp", "201", "The participant and their token, shown once"), "400": error("The body is not {\"name\": …}"),
            "403": error("Registration is closed (registration_closed), or the rules are not accepted (rules_not_accepted)"),
            "404": error("No such competition"),
            "409": error("The name is taken (name_taken)"),
            "422": error("A name the pattern does not allow (invalid_input)")},
            [slug], security=[], body=json_body(obj({"name": name, "accept_rules": nullable(boolean)}, required=["name"], closed=False))),
        "get": op("List participants", {**ok("ParticipantList"), "401": error("No organiser token"),
                                        "403": error("Not an organiser token"), "404": error("No such competition")},
                  [slug], organiser)},
    "/api/v1/competitions/{slug}/participants/me": {"get": op("Get yourself as a participant", {
        **ok("Participant"), "401": error("No or a wrong participant token"), "403": error("Not a participant's token"),
        "404": error("No such competition")}, [slug], team)},
    "/api/v1/competitions/{slug}/participants/{name}/approve": {"post": op("Approve a participant", {
        **ok("Participant"), "401": error("No organiser token"), "403": error("Not an organiser token"),
        "404": error("No such competition or participant")}, [slug, path_param("name")], organiser)},
    "/api/v1/competitions/{slug}/team": {"get": op("Get your team", {
        **ok("TeamMembership"), "401": error("No or a wrong participant token"), "403": error("Not a participant's token"),
        "404": error("No such competition"), "409": error("You are in no team (not_in_team)")}, [slug], team)},
    "/api/v1/competitions/{slug}/teams/join": {"post": op("Join a team with an invite code", {
        **ok("TeamMembership"), "400": error("The body is not {\"invite_code\": …}"),
        "401": error("No or a wrong participant token"), "403": error("Not a participant's token"),
        "404": error("No such competition or invite code"),
        "409": error("In a team already (already_in_team), the team is full (team_full), or the code was used "
                     "(invite_used) or replaced (invite_revoked)")},
        [slug], team, json_body(obj({"invite_code": string}, closed=False)))},
    "/api/v1/competitions/{slug}/team/leave": {"post": op("Leave your team", {
        **ok("Participant"), "401": error("No or a wrong participant token"),
        "403": error("Not a participant's token, or you have submitted in the team (has_submitted)"),
        "404": error("No such competition"), "409": error("You are in no team (not_in_team)")}, [slug], team)},
    "/api/v1/competitions/{slug}/team/members/{name}": {"delete": op("Remove a member of your team", {
        **ok("TeamMembership"), "401": error("No or a wrong participant token"),
        "403": error("Not the captain (not_captain), or the member has submitted (has_submitted)"),
        "404": error("No such competition or member"), "409": error("You are in no team (not_in_team)")},
        [slug, path_param("name")], team)},
    "/api/v1/competitions/{slug}/team/invite": {"post": op("Replace your team's invite code", {
        **ok("TeamMembership"), "401": error("No or a wrong participant token"), "403": error("Not the captain (not_captain)"),
        "404": error("No such competition"), "409": error("In no team, or the team is full")}, [slug], team)},
    "/api/v1/competitions/{slug}/team/merges": {"post": op("Ask to merge your team into another", {
        **ok("TeamMembership", "201", "The request is pending; the other captain answers it"),
        "400": error("The body is not {\"into\": team name}"), "401": error("No or a wrong participant token"),
        "403": error("Not the captain, or after the merge deadline (merge_deadline_passed)"),
        "404": error("No such competition or team"),
        "409": error("The merged team would break a rule (merge_not_allowed), or you are in no team"),
        "422": error("A team cannot merge with itself")},
        [slug], team, json_body(obj({"into": name}, closed=False)))},
    "/api/v1/competitions/{slug}/team/merges/{id}/{answer}": {"post": op("Answer a merge request", {
        **ok("TeamMembership"), "400": error("The id is not a number"), "401": error("No or a wrong participant token"),
        "403": error("Not the captain who may answer, or after the merge deadline"),
        "404": error("No such competition, request or answer"),
        "409": error("The merged team would break a rule, or the request was answered already")},
        [slug, path_param("id", identifier), path_param("answer", {"type": "string", "enum": ["accept", "decline"]})], team)},
    "/api/v1/admin/audit": {"get": op("Read the audit log", {
        **ok("AuditLog"), "400": error("A bad before or limit"), "401": error("No organiser token"),
        "403": error("Not an organiser token")},
        [{"name": "competition", "in": "query", "schema": string, "description": "one competition's entries"},
         {"name": "before", "in": "query", "schema": identifier, "description": "entries older than this id"},
         {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
          "description": "entries at most (default 100)"}], organiser)},
    "/api/v1/admin/audit.csv": {"get": op("Export the audit log as CSV", {
        "200": {"description": "id,at,actor,action,competition,subject,reason,details", "content": {"text/csv": {"schema": string}}},
        "401": error("No organiser token"), "403": error("Not an organiser token")},
        [{"name": "competition", "in": "query", "schema": string, "description": "one competition's entries"}], organiser)},
    "/api/v1/admin/deliveries": {"get": op("List chat deliveries", {
        **ok("Deliveries"), "401": error("No organiser token"), "403": error("Not an organiser token")}, security=organiser)},
}

document = {
    "openapi": "3.1.0",
    "info": {"title": "Podium API", "version": "1",
             "description": "Machine-learning competitions and benchmark leaderboards. Every refusal is "
                            "{\"error\": {\"code\", \"message\", \"details\", \"resets_at\"}}; dates are ISO 8601 UTC."},
    "servers": [{"url": "/"}],
    "security": [],
    "paths": paths,
    "components": {"schemas": schemas,
                   "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                                  "description": "A team's token, a participant's token, the organiser token or an organiser's personal token"}}},
}
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(root, "web/static/openapi.json"), "w") as f:
    json.dump(document, f, indent=1, sort_keys=True)
    f.write("\n")
print(f"web/static/openapi.json: {len(paths)} paths")
