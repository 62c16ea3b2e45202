import HTTPSigTool
import Testing

/// `--at`: Unix seconds or an RFC 3339 date-time (§5.6).
@Suite("httpsig --at")
struct TimeTextTests {
    @Test(
        arguments: [
            ("1618884473", 1_618_884_473),
            ("0", 0),
            ("2021-04-20T02:07:53Z", 1_618_884_473),
            ("2021-04-20t02:07:53z", 1_618_884_473),
            ("2021-04-20 02:07:53Z", 1_618_884_473),
            // Fractions are dropped; offsets are subtracted.
            ("2021-04-20T04:07:53.999+02:00", 1_618_884_473),
            ("2021-04-20T02:09:00Z", 1_618_884_540),
            ("2000-03-01T00:00:00-05:30", 951_888_600),
            ("2024-02-29T12:00:00Z", 1_709_208_000),
            ("1970-01-01T00:00:00Z", 0),
            ("1969-12-31T23:59:59Z", -1),
            // A leap second is the next minute's first.
            ("2016-12-31T23:59:60Z", 1_483_228_800),
        ] as [(String, Int64)])
    func readsTheTime(text: String, seconds: Int64) throws {
        #expect(try TimeText.parse(text) == seconds)
    }

    @Test(arguments: [
        "", "-1", "+5", "1.5", "now", "2021-04-20", "2021-04-20T02:07:53", "2021-04-20T02:07Z", "2021-4-20T02:07:53Z",
        "2021-13-01T00:00:00Z", "2021-04-31T00:00:00Z", "2023-02-29T00:00:00Z", "2021-04-20T24:00:00Z",
        "2021-04-20T23:60:00Z", "2021-04-20T23:59:61Z", "2021-04-20T02:07:53.Z", "2021-04-20T02:07:53+0200",
        "2021-04-20T02:07:53+24:00", "2021-04-20T02:07:53Zx", "99999999999999999999",
        "２０２１-04-20T02:07:53Z",
    ])
    func refusesAnythingElse(text: String) {
        #expect(throws: HTTPSigToolError.invalidTime(text)) { try TimeText.parse(text) }
    }

    @Test func theMessageNamesBothForms() {
        #expect(
            HTTPSigToolError.invalidTime("now").description
                == "--at: 'now' is neither Unix seconds nor an RFC 3339 date-time like 2021-04-20T02:07:53Z")
    }
}
