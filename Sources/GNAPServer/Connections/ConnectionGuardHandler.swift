import NIOCore

/// The first handler of every connection, next to the socket: it sees the raw bytes, so it knows when a request's
/// first byte arrives (which the HTTP decoder does not report), keeps the connection's ``ConnectionTimeline`` with
/// one timer for its current deadline, keeps the ``ConnectionRegistry`` informed, and writes the answers of
/// ``ConnectionRefusal`` directly. The HTTP-level ``RequestProgressHandler`` reports heads, request ends and response
/// ends to it as ``ConnectionEvent``s.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    /// How long a refused connection may go on sending (its content, say) before it is closed: long enough for the
    /// peer to read the answer instead of a reset.
    static let drainPeriod = TimeAmount.seconds(2)

    private let limits: RequestLimits
    private let registry: ConnectionRegistry
    private var timeline: ConnectionTimeline
    private var timer: Scheduled<Void>?
    private var timerDeadline: NIODeadline?
    private var registered = false
    /// The rank last told to the registry (told again only when it changes).
    private var toldRank: EvictionRank?
    /// Set once the connection was refused: inbound bytes are dropped until it closes.
    private var draining = false

    init(limits: RequestLimits, registry: ConnectionRegistry) {
        self.limits = limits
        self.registry = registry
        timeline = ConnectionTimeline(openedAt: .now())
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { opened(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        opened(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        registry.remove(context.channel)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
        registry.remove(context.channel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !draining else { return }
        timeline.bytesArrived(at: .now())
        reschedule(context)
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let event = event as? ConnectionEvent else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        promise?.succeed(())
        switch event {
        case .headArrived: timeline.headArrived(at: .now())
        case .requestEnded: timeline.requestEnded(at: .now())
        case .responseEnded: timeline.responseEnded(at: .now())
        case .refuse(let refusal): return refuse(refusal, context)
        }
        reschedule(context)
    }

    // MARK: Timeline and timer

    private func opened(_ context: ChannelHandlerContext) {
        guard !registered else { return }
        registered = true
        let now = NIODeadline.now()
        timeline = ConnectionTimeline(openedAt: now)
        toldRank = timeline.evictionRank
        if let excess = registry.admit(context.channel, now: now) {
            // Closing another event loop's channel is thread-safe; closing this one happens right here.
            excess.close(promise: nil)
            if excess === context.channel { return }
        }
        reschedule(context)
    }

    private func reschedule(_ context: ChannelHandlerContext) {
        guard !draining else { return }
        let rank = timeline.evictionRank
        if rank != toldRank {
            toldRank = rank
            registry.update(context.channel, rank: rank)
        }
        let deadline = timeline.deadline(limits)
        guard deadline?.at != timerDeadline else { return }
        cancelTimer()
        guard let deadline else { return }
        timerDeadline = deadline.at
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline.at) { [self] in
            timer = nil
            timerDeadline = nil
            expire(deadline.expiry, context)
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
        timerDeadline = nil
    }

    private func expire(_ expiry: ConnectionTimeline.Expiry, _ context: ChannelHandlerContext) {
        switch expiry {
        case .head where timeline.responsesPending == 0:
            refuse(.headerTimeout(limits), context)
        case .idle, .head, .body:
            // Nothing to answer (idle), or a handler owns the response already (content too slow): just close.
            context.close(promise: nil)
        }
    }

    /// Writes the refusal, stops sending (the peer reads the answer), drops whatever else arrives, and closes after
    /// ``drainPeriod`` at the latest. If a response to an earlier request is still being written, the refusal could
    /// not be told apart from it, so the connection is just closed.
    private func refuse(_ refusal: ConnectionRefusal, _ context: ChannelHandlerContext) {
        cancelTimer()
        draining = true
        registry.update(context.channel, rank: nil)
        guard timeline.responsesPending == 0 else {
            context.close(promise: nil)
            return
        }
        context.writeAndFlush(wrapOutboundOut(.byteBuffer(refusal.bytes)), promise: nil)
        context.close(mode: .output, promise: nil)
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: Self.drainPeriod) {
            context.close(promise: nil)
        }
    }
}
