import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Mustache
import NIOCore
import PodiumAPI
import TestSupport
import Testing

@testable import WebServer

/// The API's contract, web/static/openapi.json (made by scripts/make-openapi.py), and the server agree: the
/// same routes and methods both ways, and the server serves the document.
@Suite(.ownThreads)
struct OpenAPIContractTests {
    static func document() throws -> [String: Any] {
        let data = try Data(contentsOf: WebHarness.repository.appendingPathComponent("web/static/openapi.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theRoutesOfTheServerAndOfTheDocumentAreTheSame() async throws {
        let harness = try await WebHarness.make()
        let library = try await MustacheLibrary(directory: harness.configuration.templates)
        let router = try buildRouter(
            platform: harness.platform, configuration: harness.configuration, library: library, metrics: ServerMetrics()
        )
        // RouterPath writes a parameter as {name}, as OpenAPI does.
        let served = Set(
            router.routes.map { "\($0.method.rawValue) \($0.path.description)" }.filter { $0.contains(" /api/v1/") })
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        let documented = Set(
            paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(served.count >= 14)
        #expect(
            served.subtracting(documented).isEmpty, "served, not documented: \(served.subtracting(documented).sorted())"
        )
        #expect(
            documented.subtracting(served).isEmpty, "documented, not served: \(documented.subtracting(served).sorted())"
        )
    }

    @Test func theServerServesTheDocumentAsOpenAPI31() async throws {
        let harness = try await WebHarness.make()
        let app = try await harness.application()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            #expect(response.status == .ok)
            let served = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(served["openapi"] as? String == "3.1.0")
            #expect(NSDictionary(dictionary: served).isEqual(to: try Self.document()))
        }
    }

    /// Every refusal has one shape, authentication included (it used to lack the code).
    @Test func everyRefusalHasTheErrorShape() async throws {
        let harness = try await WebHarness.make()
        let app = try await harness.application()
        try await app.test(.router) { client in
            for (uri, method, status) in [
                ("/api/v1/admin/deliveries", HTTPRequest.Method.get, HTTPResponse.Status.unauthorized),
                ("/api/v1/competitions/nope", .get, .notFound),
                ("/api/v1/competitions/nti-digits/rounds/qualifying/submissions", .get, .unauthorized),
                ("/api/v1/competitions/nti-digits/rounds/qualifying/leaderboard?limit=0", .get, .badRequest),
                ("/api/v1/competitions/nti-digits/rounds/qualifying/leaderboard?board=private", .get, .forbidden),
                ("/api/v1/submissions/abc", .get, .badRequest),
                ("/api/v1/competitions/nti-digits/rounds/qualifying/dance", .post, .notFound),
                ("/api/v1/competitions", .trace, .methodNotAllowed),
                ("/api/v1/competitions/nti-digits/rounds/qualifying/leaderboard?board=secret", .get, .badRequest),
                ("/api/v1/competitions/nti-digits/teams", .get, .methodNotAllowed),
                ("/api/v1/submissions/309428318949784158208", .get, .badRequest),
            ] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == status, "\(uri): \(response.status)")
                if status == .methodNotAllowed { #expect(response.headers[.allow] != nil, "\(uri)") }
                let body = try APICoding.decoder().decode(ErrorBody.self, from: Data(buffer: response.body))
                #expect(!body.error.code.isEmpty && !body.error.message.isEmpty, "\(uri)")
            }
        }
    }

    /// What `make api-fuzz` found, kept: a path's Allow lists only its own route's methods (not those of a
    /// `{action}` route beside it); advance needs no body (the next round) and a missing round is 404, not 400.
    @Test func whatTheFuzzerFoundStaysFixed() async throws {
        let harness = try await WebHarness.make()
        let app = try await harness.application()
        try await app.test(.router) { client in
            let options = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/qualifying/leaderboard", method: .options)
            #expect(options.status == .methodNotAllowed)
            #expect(options.headers[.allow] == "GET")
            let organiser = WebHarness.headers(token: WebHarness.organiserToken)
            let missing = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/nope/advance", method: .post, headers: organiser)
            #expect(missing.status == .notFound)
            let last = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/efficiency/advance", method: .post, headers: organiser)
            #expect(last.status == .forbidden)
            #expect(String(buffer: last.body).contains("the last round"))
        }
    }

    /// What schemathesis found in the participation routes: every answer is one the document allows for data
    /// the document allows (a schema-valid name is taken; rules not accepted is a 403; a used code a 409), and
    /// data it does not allow gets a 4xx that names the problem.
    @Test func whatTheFuzzerFoundInParticipationStaysFixed() async throws {
        let harness = try await WebHarness.make()
        let app = try await harness.application()
        try await app.test(.router) { client in
            func post(_ uri: String, _ body: String, token: String? = nil) async throws -> (
                HTTPResponse.Status, String?
            ) {
                let response = try await client.execute(
                    uri: uri, method: .post, headers: WebHarness.headers(token: token, contentType: "application/json"),
                    body: ByteBuffer(string: body))
                let code = (WebHarness.json(response.body)["error"] as? [String: Any])?["code"] as? String
                return (response.status, code)
            }
            let signUp = "/api/v1/competitions/nti-digits/participants"
            #expect(
                try await post(signUp, #"{"accept_rules": false, "name": "A"}"#) == (.forbidden, "rules_not_accepted"))
            for name in ["", " A", "A ", "   ", #"a\u0000b"#, String(repeating: "x", count: 101)] {
                let (status, code) = try await post(signUp, #"{"accept_rules": true, "name": "\#(name)"}"#)
                #expect(status == .unprocessableContent && code == "invalid_input", "\(name.prefix(8))")
            }
            let (created, _) = try await post(
                signUp, #"{"accept_rules": true, "name": "\#(String(repeating: "я", count: 100))"}"#)
            #expect(created == .created, "100 code points are allowed")
            let organiser = WebHarness.organiserToken
            let alpha = try harness.team("alpha")
            try harness.open()
            let (upload, type) = WebHarness.multipart(files: [("k.csv", WebHarness.example("knn/qualifying.csv"))])
            _ = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/qualifying/submissions", method: .post,
                headers: WebHarness.headers(token: alpha, contentType: type), body: upload)
            #expect(
                try await post("/api/v1/submissions/1/disqualify", #"{"reason": null}"#, token: organiser) == (
                    .unprocessableContent, "invalid_input"
                ))
            #expect(
                try await post("/api/v1/submissions/1/disqualify", #"{"reason": " x"}"#, token: organiser) == (
                    .unprocessableContent, "invalid_input"
                ))
            #expect(
                try await post("/api/v1/submissions/1/rescore", #"{"reason": ""}"#, token: organiser) == (
                    .unprocessableContent, "invalid_input"
                ))
            #expect(
                try await post("/api/v1/submissions/1/rescore", "", token: organiser).0 == .ok, "no body: no reason")
            #expect(
                try await post("/api/v1/competitions/nti-digits/teams/join", #"{"invite_code": ""}"#, token: alpha).0
                    == .forbidden, "a team's token")
            // An unknown round is a 404 before an unreadable model card is a 422 (schemathesis, CI run of 6af6bac).
            let (card, cardType) = WebHarness.multipart(
                files: [("k.csv", WebHarness.example("knn/qualifying.csv"))], fields: ["model_card": "¹"])
            let unknownRound = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/%C3%8E%C2%B4/submissions", method: .post,
                headers: WebHarness.headers(token: alpha, contentType: cardType), body: card)
            #expect(unknownRound.status == .notFound)
            let knownRound = try await client.execute(
                uri: "/api/v1/competitions/nti-digits/rounds/qualifying/submissions", method: .post,
                headers: WebHarness.headers(token: alpha, contentType: cardType), body: card)
            #expect(
                knownRound.status == .unprocessableContent && String(buffer: knownRound.body).contains("model_card"))
        }
    }
}
