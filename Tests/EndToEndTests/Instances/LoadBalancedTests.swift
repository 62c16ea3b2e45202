import Foundation
import GNAP
import HTTPMessageSignatures
import Testing

extension EndToEnd {
    /// Two `gnapterm serve` instances on one PostgreSQL database behind nginx (round robin, one public URL): the
    /// device, the approvers and the admin view talk to whichever instance they hit, and it behaves as one AS.
    @Suite("several instances behind a load balancer", .timeLimit(.minutes(6)))
    struct LoadBalancedTests {
        struct Deployment {
            var first: ServeProcess
            var second: ServeProcess
            var balancer: LoadBalancer
            var ports: (first: Int, second: Int)

            func stop() {
                balancer.stop()
                first.process.stop()
                second.process.stop()
            }
        }

        static func deploy() async throws -> Deployment {
            let database = try SharedCluster.freshDatabase()
            let (first, second, front) = (try freePort(), try freePort(), try freePort())
            func serve(_ port: Int) async throws -> ServeProcess {
                try await ServeProcess.start([
                    "--listen", "127.0.0.1:\(port)", "--public-url", "http://127.0.0.1:\(front)", "--database",
                    database, "--data-dir", try Binary.temporaryDirectory("instance-\(port)").path,
                    "--poll-interval", "1", "--max-code-failures", "3",
                ])
            }
            let a = try await serve(first)
            let b = try await serve(second)
            let balancer = try await LoadBalancer.start(port: front, upstreams: [first, second])
            return Deployment(first: a, second: b, balancer: balancer, ports: (first, second))
        }

        /// An approver device whose key the test holds, enrolled through the balancer with an invitation.
        static func watcherKey(_ deployment: Deployment, adminHome: URL) throws -> SigningKey {
            let base = deployment.balancer.url
            let invitation = try PipedCommand.run(
                ["admin", "invite", "admin", "--as", base, "--home", adminHome.path], stdin: [])
            let code = try #require(
                invitation.stdoutText.split(separator: "\n").first { $0.hasPrefix("    ") }.map { String($0).trimmed })
            var key = SigningKey.generateEd25519()
            key.keyID = try key.publicJWK().thumbprint()
            let body = try GNAPJSON.encode(
                EnrollmentRequest(code: code, deviceName: "watcher", jwk: try key.publicJWK()))
            let enrolled = try SignedCurl(
                .post, "/interact/v1/enroll", body: body, publicURL: base, key: key, profile: .approverAPI
            ).send(to: base, path: "/interact/v1/enroll")
            let response = try GNAPJSON.decode(EnrollmentResponse.self, from: Array(enrolled.body.utf8))
            key.keyID = response.deviceID
            return key
        }

        /// `GET /admin/v1/events` sent straight to one instance, followed by curl in the background.
        static func follow(_ deployment: Deployment, port: Int, key: SigningKey) async throws -> RunningProcess {
            let signed = try SignedCurl(
                .get, "/admin/v1/events", publicURL: deployment.balancer.url, key: key, profile: .approverAPI)
            let stream = try RunningProcess(
                ["-sS", "-N", "--max-time", "240"] + signed.arguments + ["http://127.0.0.1:\(port)/admin/v1/events"],
                executable: URL(fileURLWithPath: "/usr/bin/curl"))
            try await stream.waitForOutput("retry: 2000")
            return stream
        }

        @Test func twoInstancesBehindNginxActAsOneAS() async throws {
            let deployment = try await Self.deploy()
            defer { deployment.stop() }
            let base = deployment.balancer.url
            #expect(deployment.first.process.stdout.contains("AS state in PostgreSQL"))
            #expect(deployment.second.bootstrapCode == nil, "the second instance found the AS bootstrapped")
            let code = try #require(deployment.first.bootstrapCode)
            let admin = try Binary.temporaryDirectory("lb-admin")
            #expect(try plainApprove(server: base, home: admin, enroll: code, input: "").output.contains("Enrolled"))
            let guesser = try Binary.temporaryDirectory("lb-guesser")
            let invitation = try PipedCommand.run(
                ["admin", "invite", "admin", "--as", base, "--home", admin.path], stdin: [])
            let guesserCode = try #require(
                invitation.stdoutText.split(separator: "\n").first { $0.hasPrefix("    ") }.map { String($0).trimmed })
            let enrolled = try plainApprove(server: base, home: guesser, enroll: guesserCode, input: "")
            #expect(enrolled.output.contains("Enrolled"))

            // Live event streams straight from each instance, and the admin view through the balancer.
            let key = try Self.watcherKey(deployment, adminHome: admin)
            let streams = [
                try await Self.follow(deployment, port: deployment.ports.first, key: key),
                try await Self.follow(deployment, port: deployment.ports.second, key: key),
            ]
            defer { for stream in streams { stream.stop() } }
            let view = try Tmux(
                command: [Binary.path, "admin", "--as", base, "--home", admin.path].map(shellQuoted)
                    .joined(separator: " "))
            defer { view.kill() }
            try await view.waitFor("● live")

            // A device polls through the balancer; the approval is served by one instance; every stream sees it.
            let device = try await UserCodeFlowTests.Device.start(url: base)
            defer { device.process.stop() }
            try await view.waitFor("E2E TV")
            for stream in streams { try await stream.waitForOutput("event: grant.created") }
            // Let it poll a few times (round robin: to both instances) before the approval.
            let deadline = ContinuousClock.now + .seconds(20)
            while deployment.balancer.servedRequests.filter({ $0.request.hasPrefix("POST /gnap/continue/") }).count < 3,
                ContinuousClock.now < deadline
            {
                try await Task.sleep(for: .milliseconds(200))
            }
            let approval = try plainApprove(server: base, home: admin, input: "\(device.code)\napprove\nyes\n")
            #expect(approval.status == 0, "\(approval.output)")
            #expect(try await device.process.exitStatus() == 0)
            for stream in streams { try await stream.waitForOutput("event: grant.approved", timeout: .seconds(10)) }
            try await view.waitFor("1 approved")
            let served = deployment.balancer.servedRequests
            let polls = Set(served.filter { $0.request.hasPrefix("POST /gnap/continue/") }.map(\.upstream))
            #expect(polls.count == 2, "the device's polls went to both instances: \(served)")

            // A signed request accepted by one instance is refused by the other.
            let client = TestClientKey()
            let request = try SignedCurl(
                .post, "/gnap", body: try client.grantRequest(), publicURL: base, key: client.key, profile: .gnap)
            let accepted = try request.send(to: "http://127.0.0.1:\(deployment.ports.first)", path: "/gnap")
            #expect(accepted.status == 200, "\(accepted.body)")
            let replayed = try request.send(to: "http://127.0.0.1:\(deployment.ports.second)", path: "/gnap")
            #expect(replayed.status == 409 && replayed.body.contains("already received"), "\(replayed.body)")

            // Code guesses through the balancer land on both instances and hit one limit of 3.
            let before = deployment.balancer.servedRequests.count
            var answers: [String] = []
            for _ in 0..<4 {
                answers.append(try plainApprove(server: base, home: guesser, input: "2222-2222\n").output)
                // Each run makes two requests (discovery, then the code): one more moves the next code entry to the
                // other instance.
                _ = try CurlResponse.fetch(base + "/.well-known/gnap-as-rs")
            }
            #expect(answers[0].contains("2 tries left") && answers[1].contains("1 try left"), "\(answers)")
            #expect(answers[2].contains("may not enter codes"), "\(answers[2])")
            #expect(answers[3].contains("too many failed code entries from this device"), "\(answers[3])")
            let guesses = deployment.balancer.servedRequests.dropFirst(before).filter {
                $0.request == "POST /interact/v1/code"
            }
            #expect(Set(guesses.map(\.upstream)).count == 2, "guesses went to both instances: \(guesses)")

            // The first instance (the maintainer) is killed mid-flow: the flow completes on the other, which takes
            // over the maintenance.
            let late = try await UserCodeFlowTests.Device.start(url: base)
            defer { late.process.stop() }
            try await deployment.first.process.killHard()
            let approved = try plainApprove(server: base, home: admin, input: "\(late.code)\napprove\nyes\n")
            #expect(approved.status == 0, "\(approved.output)")
            #expect(try await late.process.exitStatus() == 0)
            #expect(late.lastEvent?["event"] as? String == "granted")
            try await deployment.second.process.waitForOutputAnywhere("this instance runs the AS-wide maintenance")
            try await view.waitFor("2 approved", timeout: .seconds(40))
            // The survivor shuts down cleanly (its event streams, its maintenance role, its connections).
            deployment.second.process.stop()
            #expect(try await deployment.second.process.exitStatus(timeout: .seconds(30)) == 0)
        }
    }
}

/// A client instance's key and a grant request presenting it (RFC 9635 §2, §7.1).
struct TestClientKey {
    var key: SigningKey

    init() {
        key = SigningKey.generateEd25519()
        key.keyID = try? key.publicJWK().thumbprint()
    }

    func grantRequest() throws -> [UInt8] {
        try GNAPJSON.encode(
            GrantRequest(
                accessToken: .single(AccessTokenRequest(access: [.reference("dolphin-metadata")])),
                client: .value(
                    ClientInstanceValue(key: ClientKeyValue(proof: .httpsig, jwk: try key.publicJWK()), display: nil)),
                interact: InteractRequest(start: ["user_code"])))
    }
}
