import Foundation
import GNAP

/// Asynchronous requests waiting in alice's inbox, at the fixed clock.
enum InboxFixtures {
    static let bot = InboxItem(
        grantID: "g-bot", client: Fixtures.client(name: "CI runner", uri: "https://ci.example", vetted: true),
        agent: AgentIdentity(
            vetted: VettedAgent(name: "release-bot", operator: "Example Ops"),
            asserted: AgentDescription(name: "release-bot", model: "claude", task: "deploy build 4312 to staging")),
        rights: ["deploy: write", "logs: read"], subjectFormats: [],
        requestedAt: Fixtures.now.advanced(by: .seconds(-130)), expiresAt: Fixtures.now.advanced(by: .seconds(470)),
        repeats: 0, seenBy: [], interactive: false)

    static let script = InboxItem(
        grantID: "g-script", client: Fixtures.client(name: "backup.sh", uri: nil, vetted: false),
        agent: AgentIdentity(vetted: nil, asserted: AgentDescription(name: "nightly", task: "copy photos")),
        rights: ["photos: read"], subjectFormats: ["opaque"],
        requestedAt: Fixtures.now.advanced(by: .seconds(-3700)), expiresAt: Fixtures.now.advanced(by: .seconds(90)),
        repeats: 2, seenBy: ["d-phone"], interactive: true)

    static let block = InboxBlock(
        instanceID: "spammer", clientName: "Spam Cannon", denials: 3, since: Fixtures.now.advanced(by: .seconds(-600)))

    static let snapshot = InboxSnapshot(items: [script, bot], blocks: [block], latestEventID: 41)

    /// The review the AS gives when the bot's request is opened.
    static let botReview = InteractionReview(
        grantID: "g-bot", status: .pending, client: bot.client,
        tokens: [
            TokenReview(
                label: nil, flags: [],
                rights: [
                    RightReview(
                        id: "0.0", right: .object(AccessRightObject(type: "deploy", actions: ["write"])),
                        description: "deploy: write"),
                    RightReview(
                        id: "0.1", right: .object(AccessRightObject(type: "logs", actions: ["read"])),
                        description: "logs: read"),
                ])
        ],
        subject: nil, requestedAt: bot.requestedAt, requestedFrom: "198.51.100.9", expiresAt: bot.expiresAt,
        agent: bot.agent, asynchronous: true)
}
