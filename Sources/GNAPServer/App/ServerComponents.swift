import GNAP
import HTTPMessageSignatures
import Logging

/// Every service of the AS, each built with exactly what it uses (the store protocols of its concern, the clock,
/// its part of the configuration, the public URL, the replay guard): the one place where the server is wired.
struct ServerComponents: Sendable {
    let grants: GrantService
    let continuation: ContinuationService
    let modification: ModificationService
    let cancellation: CancellationService
    let tokens: TokenManagementService
    let instanceKeys: ClientKeyRotationService
    let enrollment: EnrollmentService
    let interaction: InteractionService
    let interactionPage: InteractionPage
    let introspection: IntrospectionService
    let resourceSets: ResourceSetRegistrationService
    let approverRecords: ApproverSelfService
    let admin: AdminService
    let adminAuthenticator: AdminAuthenticator
    let administration: any AdministrationStore
    let inbox: InboxService
    let configuration: ServerConfiguration
    let assertionKey: AssertionSigningKey
    let publicURL: PublicURL
    /// Wakes the event streams after grants change in this process.
    let wakeup: FeedWakeup

    init(
        stores: ASStores, secrets: ServerSecrets, configuration: ServerConfiguration, clock: AnyWallClock,
        publicURL: PublicURL, logger: Logger, pushTransport: any FinishPushTransport,
        bootstrapCodeFile: BootstrapCodeFile?
    ) {
        let replay = ReplayGuard(nonces: stores.nonces, policy: configuration.replay, clock: clock)
        let proof = ClientProof(clock: clock, replay: replay)
        let approvers = ApproverAuthenticator(accounts: stores.accounts, clock: clock, replay: replay)
        let wakeup = FeedWakeup(coordination: stores.coordination)
        let step = GrantStep(grants: stores.grants, clock: clock, wakeup: wakeup)
        let continuations = ContinuationAuthenticator(grants: stores.grants, proof: proof)
        let users = UserResolver(
            accounts: stores.accounts, policy: configuration.requestPolicy, assertionKey: secrets.assertionKey,
            publicURL: publicURL, clock: clock)
        let subjects = SubjectPreparer(
            accounts: stores.accounts, publicURL: publicURL, clock: clock,
            assertionLifetime: configuration.assertionLifetime, assertionKey: secrets.assertionKey)
        let rsSettings = configuration.resourceServers
        let minter = TokenMinter(
            key: secrets.assertionKey, publicURL: publicURL, defaultFormat: rsSettings.tokenFormat)
        let issuance = GrantIssuance(
            accessTokenLifetime: configuration.accessTokenLifetime, durableTokens: configuration.durableTokens,
            minter: minter, publicURL: publicURL)
        let expander = ResourceSetExpander(servers: stores.resourceServers)
        let resourceServers = ResourceServerAuthenticator(
            servers: stores.resourceServers, proof: proof, allowsDynamic: rsSettings.allowsDynamicResourceServers,
            clock: clock)
        let accountAdministration = AccountAdministration(store: stores.accounts, clock: clock)
        let grantAdministration = GrantAdministration(step: step)

        grants = GrantService(
            grants: stores.grants, clients: stores.clients, proof: proof, users: users,
            policy: configuration.requestPolicy, catalog: configuration.catalog, expander: expander,
            chaining: TokenChainingService(
                servers: stores.resourceServers, grants: stores.grants, proof: proof, expander: expander,
                minter: minter, settings: rsSettings, clock: clock),
            interactionLifetime: configuration.interactionLifetime, pollInterval: configuration.pollInterval,
            userCodePepper: secrets.userCodePepper, clock: clock, publicURL: publicURL, logger: logger,
            routing: GrantRouting(
                asynchronous: configuration.asynchronous, clientPolicies: configuration.clientPolicies,
                accounts: stores.accounts, inbox: stores.inbox, step: step, issuance: issuance, wakeup: wakeup))
        continuation = ContinuationService(
            authenticator: continuations, step: step, subjects: subjects, issuance: issuance, publicURL: publicURL)
        modification = ModificationService(
            authenticator: continuations, step: step, accounts: stores.accounts, users: users, subjects: subjects,
            issuance: issuance, expander: expander, policy: configuration.requestPolicy,
            interactionLifetime: configuration.interactionLifetime, userCodePepper: secrets.userCodePepper,
            publicURL: publicURL, logger: logger)
        cancellation = CancellationService(authenticator: continuations, step: step)
        tokens = TokenManagementService(
            grants: stores.grants, clients: stores.clients, proof: proof,
            accessTokenLifetime: configuration.accessTokenLifetime,
            allowsKeyRotation: configuration.requestPolicy.allowsTokenKeyRotation, minter: minter, publicURL: publicURL,
            clock: clock)
        instanceKeys = ClientKeyRotationService(clients: stores.clients, proof: proof, clock: clock)
        enrollment = EnrollmentService(
            authenticator: approvers, accounts: stores.accounts, clock: clock, bootstrapCodeFile: bootstrapCodeFile)
        interaction = InteractionService(
            authenticator: approvers, grants: stores.grants, step: step, administration: stores.administration,
            codeAttempts: CodeAttemptGuard(
                store: stores.codeAttempts, policy: configuration.codeAttempts, clock: clock),
            catalog: configuration.catalog, servers: stores.resourceServers, userCodePepper: secrets.userCodePepper,
            publicURL: publicURL,
            pushes: FinishPushDelivery(
                transport: pushTransport, settings: configuration.finishPush, administration: stores.administration,
                clock: clock, logger: logger),
            logger: logger)
        interactionPage = InteractionPage(grants: stores.grants, publicURL: publicURL, clock: clock)
        introspection = IntrospectionService(
            authenticator: resourceServers, grants: stores.grants, servers: stores.resourceServers,
            administration: stores.administration, clock: clock, publicURL: publicURL)
        resourceSets = ResourceSetRegistrationService(
            authenticator: resourceServers, servers: stores.resourceServers, administration: stores.administration,
            offersIntrospection: rsSettings.offersIntrospection, clock: clock, publicURL: publicURL)
        approverRecords = ApproverSelfService(
            authenticator: approvers, accounts: accountAdministration, grants: grantAdministration,
            administration: stores.administration, clock: clock)
        adminAuthenticator = AdminAuthenticator(approvers: approvers)
        admin = AdminService(
            authenticator: adminAuthenticator, accounts: accountAdministration, grants: grantAdministration,
            grantStore: stores.grants, administration: stores.administration, inbox: stores.inbox,
            invitationLifetime: configuration.invitationLifetime, clock: clock)
        inbox = InboxService(
            authenticator: approvers, inbox: stores.inbox, administration: stores.administration, step: step,
            feed: InboxEventFeed(
                inbox: stores.inbox, grants: stores.grants, accounts: stores.accounts,
                limits: configuration.asynchronous.limits, clock: clock),
            catalog: configuration.catalog, publicURL: publicURL, configuration: configuration.events, wakeup: wakeup,
            page: configuration.asynchronous.page)
        administration = stores.administration
        self.wakeup = wakeup
        self.configuration = configuration
        assertionKey = secrets.assertionKey
        self.publicURL = publicURL
    }
}
