import GNAP
import Testing

@Suite("User codes")
struct UserCodeTests {
    @Test(arguments: [
        ("ABCD-EFGH", "ABCDEFGH"), ("abcd efgh", "ABCDEFGH"), (" ab-cd-ef-gh ", "ABCDEFGH"),
        ("OIL0-1234", "0110-1234"), ("wxyz_2345", "WXYZ2345"), ("abcd\u{2013}efgh", "ABCDEFGH"),
    ])
    func normalizesWhatPeopleType(input: String, expected: String) throws {
        let expectedCode = try UserCode(parsing: expected)
        #expect(try UserCode(parsing: input) == expectedCode)
        #expect(try UserCode(parsing: input).display == expectedCode.display)
    }

    @Test func rejectsWithReadableReasons() {
        #expect(throws: UserCodeError.wrongLength(7, expected: 8)) { try UserCode(parsing: "ABC-DEFG") }
        #expect(throws: UserCodeError.wrongLength(9, expected: 8)) { try UserCode(parsing: "ABCDE-FGHJ") }
        #expect(throws: UserCodeError.invalidCharacter("U")) { try UserCode(parsing: "ABCD-EFGU") }
        #expect(throws: UserCodeError.invalidCharacter("é")) { try UserCode(parsing: "ABCD-EFGé") }
        #expect(throws: UserCodeError.invalidCharacter("!")) { try UserCode(parsing: "ABCD-EFG!") }
        #expect(UserCodeError.invalidCharacter("U").description.contains("without U"))
    }

    @Test func generatedCodesUseTheAlphabetAndDisplayWithADash() throws {
        for _ in 0..<200 {
            let code = UserCode.generate()
            #expect(code.normalized.count == 8)
            #expect(code.normalized.allSatisfy { UserCode.alphabet.contains($0) })
            #expect(code.display.count == 9 && code.display.dropFirst(4).first == "-")
            #expect(try UserCode(parsing: code.display) == code)
        }
        #expect(UserCode.alphabet.count == 32)
        #expect(
            !UserCode.alphabet.contains("I") && !UserCode.alphabet.contains("O") && !UserCode.alphabet.contains("U"))
    }

    @Test func enrollmentCodesAreTypedWithTheSameTolerance() throws {
        let code = EnrollmentCode.generate()
        #expect(code.display.count == 14)
        #expect(try EnrollmentCode(parsing: code.normalized.lowercased()) == code)
        #expect(try EnrollmentCode(parsing: "abcd_efgh\u{2013}jkmn") == EnrollmentCode(parsing: "ABCD-EFGH-JKMN"))
        #expect(throws: UserCodeError.wrongLength(8, expected: 12)) { try EnrollmentCode(parsing: "ABCD-EFGH") }
        #expect(UserCodeError.wrongLength(8, expected: 12).description == "a code has 12 characters; this has 8")
    }

    @Test func formatsAsYouType() {
        #expect(UserCode.formatPartial("ab") == "AB")
        #expect(UserCode.formatPartial("abcd") == "ABCD")
        #expect(UserCode.formatPartial("abcde") == "ABCD-E")
        #expect(UserCode.formatPartial("abcd-efghjk") == "ABCD-EFGH")
        #expect(UserCode.formatPartial("o!l") == "01")
    }

    @Test func storedFormIsKeyedAndStable() throws {
        let code = try UserCode(parsing: "ABCD-EFGH")
        let pepper = Secrets.randomBytes()
        #expect(Secrets.hash(code, pepper: pepper) == Secrets.hash(try UserCode(parsing: "abcdefgh"), pepper: pepper))
        #expect(Secrets.hash(code, pepper: pepper) != Secrets.hash(code, pepper: Secrets.randomBytes()))
        #expect(!Secrets.hash(code, pepper: pepper).contains("ABCD"))
    }

    @Test func tokensAreRandomAndHashedForStorage() {
        let token = Secrets.token()
        #expect(token.count == 43)
        #expect(token != Secrets.token())
        #expect(Secrets.matches(token, storedHash: Secrets.hash(token)))
        #expect(!Secrets.matches(token + "x", storedHash: Secrets.hash(token)))
    }
}

@Suite("Random secrets")
struct RandomSecretsTests {
    @Test func everyLengthIsDrawnInFull() {
        for count in 0...41 {
            #expect(Secrets.randomBytes(count).count == count)
        }
        // 256 bits drawn twice never agree; every byte value shows up over many draws.
        #expect(Secrets.randomBytes() != Secrets.randomBytes())
        let seen = Set((0..<400).flatMap { _ in Secrets.randomBytes(33) })
        #expect(seen.count == 256)
        #expect(Secrets.token().count == 43 && Secrets.identifier().count == 22)
    }
}
