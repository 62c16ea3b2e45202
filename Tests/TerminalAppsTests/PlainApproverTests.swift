import GNAP
import TerminalApps
import TerminalSession
import Testing

/// Plain mode: whole scripted conversations, asserted as exact transcripts (what was written, with the typed
/// lines echoed after their prompts as a terminal would show them).
@Suite struct PlainApproverTests {
    /// Plays `lines` as input (then end of input) and records the conversation.
    final class Conversation {
        var input: [String]
        var transcript = ""

        init(_ input: [String]) { self.input = input }

        func readLine() -> String? {
            guard !input.isEmpty else {
                transcript += "<EOF>\n"
                return nil
            }
            let line = input.removeFirst()
            transcript += line + "\n"
            return line
        }
    }

    func converse(_ input: [String], backend: FakeBackend = FakeBackend()) async -> (status: Int32, transcript: String)
    {
        let conversation = Conversation(input)
        let approver = PlainApprover(
            backend: backend, timeZone: Fixtures.utc, now: { Fixtures.now },
            readLine: { conversation.readLine() }, write: { conversation.transcript += $0 })
        let status = await approver.run()
        return (status, conversation.transcript)
    }
}

extension PlainApproverTests {
    static let header = "gnapterm approve — alice @ http://127.0.0.1:8080\n"
    /// The header and what the code prompt accepts, said once before the first prompt.
    static let start =
        header + #"Type the code the device shows, or paste its link; "help" lists what else you can type."# + "\n"

    /// The review of `Fixtures.photoPrinter` as plain mode prints it, up to the decision prompt.
    static let photoPrinterReview = """
        Looking up ABCD-EFGH…

        A device is asking for access to your account.

        Client
          ⚠ Not vetted: the server does not vouch for this client's name or address.
          Name: Photo Printer (self-asserted)
          Address: https://printer.example/setup (self-asserted)
          Key: NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs (httpsig, ed25519)
          Requested from 192.0.2.7 at 2026-01-01 08:59:40 UTC
          Expires in 09:41

        Access requested
          1. photo-api — Photos stored in your library
               Actions: read, write
               Locations: https://photos.example/albums
               Data types: metadata, images
          2. dolphin-metadata — Metadata of the dolphin research dataset
          3. profile.write (no description from the AS)
          4. printer — Printers you may use
               Identifier: lobby-2
               Privileges: admin
               quota: pages: 50

        Information about you
          - opaque — an identifier for your account that reveals nothing else
          - email — your e-mail address

        Approve only if you started this on a device you control.
        Type "approve", "approve 1,3" (only those rights) or "deny": 
        """

    static let everything = """
          - photo-api: read, write @ https://photos.example/albums (metadata, images) — Photos stored in your library
          - dolphin-metadata — Metadata of the dolphin research dataset
          - profile.write
          - printer #lobby-2 [admin] — Printers you may use
          - opaque — an identifier for your account that reveals nothing else
          - email — your e-mail address

        """

    @Test func approveAll() async throws {
        let backend = FakeBackend()
        let (status, transcript) = await converse(["abcd-efgh", "approve", "yes"], backend: backend)
        #expect(status == 0)
        #expect(
            transcript == Self.start + "User code: abcd-efgh\n" + Self.photoPrinterReview + "approve\n"
                + "The device will receive:\n" + Self.everything + """
                    Withheld:
                      - nothing
                    Type "yes" to confirm: yes
                    Approved. Grant g-4711: 4 of 4 rights granted.

                    """)
        let all = ApprovalRequest(rights: ["0.0", "0.1", "0.2", "0.3"], subjectFormats: ["opaque", "email"])
        #expect(backend.calls == [.enterCode("ABCDEFGH"), .approve(grantID: "g-4711", all)])
    }

    @Test func approveASubset() async throws {
        let backend = FakeBackend()
        let (status, transcript) = await converse(["ABCDEFGH", "approve 2", "yes"], backend: backend)
        #expect(status == 0)
        #expect(
            transcript == Self.start + "User code: ABCDEFGH\n" + Self.photoPrinterReview + """
                approve 2
                The device will receive:
                  - dolphin-metadata — Metadata of the dolphin research dataset
                  - opaque — an identifier for your account that reveals nothing else
                  - email — your e-mail address
                Withheld:
                  - photo-api: read, write @ https://photos.example/albums (metadata, images) — Photos stored in your library
                  - profile.write
                  - printer #lobby-2 [admin] — Printers you may use
                Type "yes" to confirm: yes
                Approved. Grant g-4711: 1 of 4 rights granted.

                """)
        let request = ApprovalRequest(rights: ["0.1"], subjectFormats: ["opaque", "email"])
        #expect(backend.calls == [.enterCode("ABCDEFGH"), .approve(grantID: "g-4711", request)])
    }

    @Test func denyWithAReason() async throws {
        let backend = FakeBackend()
        let (status, transcript) = await converse(
            ["abcd efgh", "deny", "", "I did not start this", "yes"], backend: backend)
        #expect(status == 0)
        #expect(
            transcript == Self.start + "User code: abcd efgh\n" + Self.photoPrinterReview + """
                deny
                Reason: 
                A reason is required.
                Reason: I did not start this
                The request will be denied with the reason: “I did not start this”.
                Type "yes" to confirm: yes
                Denied. Grant g-4711.

                """)
        #expect(backend.calls == [.enterCode("ABCDEFGH"), .deny(grantID: "g-4711", reason: "I did not start this")])
    }

    @Test func malformedCodesThenAGoodOneAndWrongAnswers() async throws {
        let backend = FakeBackend()
        let (status, transcript) = await converse(
            ["abc", "abcd-efgu", "abcdefgh", "maybe", "approve 9", "approve", "no", "deny"], backend: backend)
        #expect(status == 1)
        #expect(
            transcript == Self.start + """
                User code: abc
                Not a valid code: a code has 8 characters; this has 3. Nothing was sent; type "help" to see what you can type.
                User code: abcd-efgu
                Not a valid code: 'u' cannot appear in a code (codes use letters and digits only, without U). Nothing was sent; type "help" to see what you can type.
                User code: abcdefgh

                """ + Self.photoPrinterReview + """
                    maybe
                    Please answer "approve", "approve" with right numbers (e.g. "approve 1,3"), or "deny" ("help" explains, "quit" leaves without deciding).
                    Type "approve", "approve 1,3" (only those rights) or "deny": approve 9
                    There is no right “9”; the rights are numbered 1 to 4.
                    Type "approve", "approve 1,3" (only those rights) or "deny": approve
                    The device will receive:

                    """ + Self.everything + """
                    Withheld:
                      - nothing
                    Type "yes" to confirm: no
                    Not confirmed; nothing was sent.
                    Type "approve", "approve 1,3" (only those rights) or "deny": deny
                    Reason: <EOF>

                    Cancelled; no decision was sent.

                    """)
        #expect(backend.calls == [.enterCode("ABCDEFGH")])
    }

    @Test func malformedCodesNeverGiveUpAndSendNothing() async throws {
        let backend = FakeBackend()
        let (status, transcript) = await converse(["1", "2", "3", "4", "abcdefgh", "quit"], backend: backend)
        #expect(status == 1)
        let refusal =
            #"Not a valid code: a code has 8 characters; this has 1. Nothing was sent; type "help" to see what you can type."#
            + "\n"
        #expect(
            transcript.hasPrefix(
                Self.start + (1...4).map { "User code: \($0)\n" + refusal }.joined() + "User code: abcdefgh\n"))
        #expect(
            transcript.hasSuffix(
                PlainApprover<FakeBackend>.decisionPrompt + "quit\n\nCancelled; no decision was sent.\n"))
        #expect(backend.calls == [.enterCode("ABCDEFGH")])
    }

    @Test func helpSaysWhatEachPromptAcceptsAndQuitLeaves() async throws {
        let backend = FakeBackend()
        let (status, transcript) = await converse(["help", "", "quit"], backend: backend)
        #expect(status == 1)
        #expect(
            transcript == Self.start + """
                User code: help
                At the "User code:" prompt you can type:
                  ABCD-EFGH        the code a device shows (case, spaces and dashes do not matter)
                  a request link   a device's link (http://…/interact/… or gnapterm:approve?…)
                  history [words]  your decisions, or those matching every word
                  help             this list
                  quit             leave without deciding
                User code: 
                User code: quit

                Cancelled; no decision was sent.

                """)
        #expect(backend.calls.isEmpty)
        let (_, deciding) = await converse(["abcdefgh", "help", "quit"])
        #expect(
            deciding.hasSuffix(
                PlainApprover<FakeBackend>.decisionPrompt + """
                    help
                      approve          approve every right and piece of information listed
                      approve 1,3      approve only these rights (by their numbers above)
                      deny             refuse the request (you are asked for a reason)
                      quit             leave without deciding

                    """ + PlainApprover<FakeBackend>.decisionPrompt + "quit\n\nCancelled; no decision was sent.\n"))
    }

    @Test func aWrongCodeSaysHowManyTriesAreLeftAndAsksAgain() async throws {
        let backend = FakeBackend(codeFailures: [
            "ZZZZZZZZ": ApproverFailure(
                code: "unknown_user_code",
                message: "no request has this code; 2 tries left on this device before a 15-minute lockout")
        ])
        let (status, transcript) = await converse(["zzzz-zzzz", "abcd-efgh", "approve", "yes"], backend: backend)
        #expect(status == 0)
        #expect(
            transcript.hasPrefix(
                Self.start + """
                    User code: zzzz-zzzz
                    Looking up ZZZZ-ZZZZ…
                    error: No request has this code. Check the code shown on the device and try again. \
                    (The server said: no request has this code; 2 tries left on this device before a 15-minute lockout)
                    User code: abcd-efgh
                    Looking up ABCD-EFGH…

                    """))
        #expect(transcript.hasSuffix("Approved. Grant g-4711: 4 of 4 rights granted.\n"))
    }

    @Test func aLockoutIsSaidWithItsCountdownAndNoCodeIsSentMeanwhile() async throws {
        let backend = FakeBackend(codeFailures: [
            "ZZZZZZZZ": ApproverFailure(
                code: "too_many_attempts", message: "this device may not enter codes for the next 15 minutes",
                retryAfter: .seconds(900))
        ])
        let (status, transcript) = await converse(["zzzzzzzz", "abcdefgh", "history zebra"], backend: backend)
        #expect(status == 1)
        #expect(
            transcript == Self.start + """
                User code: zzzzzzzz
                Looking up ZZZZ-ZZZZ…
                error: Too many attempts. Wait a while before entering another code. \
                (The server said: this device may not enter codes for the next 15 minutes)
                Too many attempts: this device may enter a code again in 15:00.
                User code: abcdefgh
                Too many attempts: this device may enter a code again in 15:00.
                User code: history zebra
                No decision matches “zebra”.
                User code: <EOF>

                Cancelled; no decision was sent.

                """)
        #expect(backend.calls == [.enterCode("ZZZZZZZZ"), .searchHistory("zebra")])
    }

    @Test func aLinkAtTheCodePromptOpensThatRequest() async throws {
        let link = "gnapterm:approve?as=http%3A%2F%2F127.0.0.1%3A8080&interaction=abc"
        let backend = FakeBackend(interactions: [link: Fixtures.photoPrinter])
        let (status, transcript) = await converse(["  " + link + "  ", "approve", "yes"], backend: backend)
        #expect(status == 0)
        #expect(transcript.contains("User code:   \(link)  \n\nA device is asking for access to your account.\n"))
        #expect(backend.calls.first == .openInteraction(link))
    }

    @Test func endOfInputCancelsWithoutCallingTheBackend() async throws {
        let backend = FakeBackend()
        let (status, transcript) = await converse([], backend: backend)
        #expect(status == 1)
        #expect(transcript == Self.start + "User code: <EOF>\n\nCancelled; no decision was sent.\n")
        #expect(backend.calls.isEmpty)

        let deciding = FakeBackend()
        let (later, _) = await converse(["abcd-efgh", "approve"], backend: deciding)
        #expect(later == 1)
        #expect(deciding.calls == [.enterCode("ABCDEFGH")])  // no decision was sent
    }

    @Test func backendFailuresArePrintedOnOneLine() async throws {
        let (status, transcript) = await converse(["zzzzzzzz"])
        #expect(status == 1)
        #expect(
            transcript == Self.start + """
                User code: zzzzzzzz
                Looking up ZZZZ-ZZZZ…
                error: No request has this code. Check the code shown on the device and try again. \
                (The server said: unknown user code)
                User code: <EOF>

                Cancelled; no decision was sent.

                """)

        let failing = FakeBackend(
            decisionFailure: ApproverFailure(code: "already_decided", message: "grant g-4711 is approved"))
        let (decided, end) = await converse(["abcdefgh", "approve", "yes"], backend: failing)
        #expect(decided == 1)
        #expect(
            end.hasSuffix(
                """
                Type "yes" to confirm: yes
                error: This request was already decided (perhaps from another terminal). \
                (The server said: grant g-4711 is approved)

                """))
    }

    @Test func everythingFromTheClientIsSanitized() async throws {
        let (_, transcript) = await converse(
            ["abcdefgh"], backend: FakeBackend(reviews: ["ABCDEFGH": Fixtures.hostile]))
        #expect(!transcript.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(transcript.contains("  Name: ��Totally Legit Bank� (self-asserted)\n"))
        #expect(transcript.contains("  Address: https://bank.example�moc.live (self-asserted)\n"))
        #expect(
            transcript.contains("  Token “payments” — flags: bearer\n  1. pay�ments (no description from the AS)\n"))
        #expect(
            transcript.contains(
                "  - id_token — a statement signed by this server that you approved (OpenID Connect ID Token)\n"))
    }
}
