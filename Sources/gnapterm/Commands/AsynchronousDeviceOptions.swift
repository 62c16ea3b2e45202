import ArgumentParser
import GNAP

/// `gnapterm device --user`: an asynchronous request (RFC 9635 §1.6.3) that the named user approves on their own
/// terminal, and what the agent behind it says of itself.
struct AsynchronousDeviceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Ask this user on their own terminal instead of showing a code: an e-mail address or an opaque user id "
                + "(the AS operator must allow this client to ask asynchronously).", valueName: "user"))
    var user: String?

    @Option(help: ArgumentHelp("The automated agent behind the request, as it names itself.", valueName: "name"))
    var agent: String?

    @Option(
        help: ArgumentHelp("What the agent is doing and why it needs the access (with --agent).", valueName: "text"))
    var task: String?

    @Option(help: ArgumentHelp("The model or software behind the agent (with --agent).", valueName: "model"))
    var model: String?

    func check() throws {
        if agent == nil, task != nil || model != nil { throw ValidationError("--task and --model need --agent") }
    }

    /// The `gnapterm_agent` member, when `--agent` is given.
    var agentDescription: AgentDescription? {
        agent.map { AgentDescription(name: $0, model: model, task: task) }
    }
}
