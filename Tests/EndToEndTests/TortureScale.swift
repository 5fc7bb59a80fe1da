import Foundation
import Testing

/// How large the torture tests run: short under plain `swift test` (`make test`), full under
/// `ASSETD_TORTURE=full` (`make torture`, which runs `swift test --filter Torture`).
///
/// Read once from the environment; every torture suite sizes itself from ``current``.
enum TortureScale: Sendable, Equatable {
    /// A few hundred to a thousand assets, a handful of faults: part of every `make test`.
    case short
    /// Thousands of assets and tens of faults: `make torture`.
    case full

    /// The scale this process runs at: `.full` when `ASSETD_TORTURE` is `full`, else `.short`.
    static let current: TortureScale = ProcessInfo.processInfo.environment["ASSETD_TORTURE"] == "full" ? .full : .short

    /// Whether this is the full run.
    var isFull: Bool { self == .full }

    /// `short` or `full`, whichever fits this scale.
    func pick<Value>(short: Value, full: Value) -> Value {
        isFull ? full : short
    }

    /// The time limit for a torture suite: 3 minutes short, 30 minutes full.
    static var suiteTimeLimit: TimeLimitTrait.Duration {
        current.isFull ? .minutes(30) : .minutes(3)
    }

    /// `12.3 s`: a duration for the printed findings.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f s", Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// `123 ms`: a short duration for the printed findings.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
    }

    /// The seed of a run's random choices: `ASSETD_TORTURE_SEED` when set (to replay a failing run), else a fresh
    /// random one. Print it with the findings.
    static func seed() -> UInt64 {
        if let text = ProcessInfo.processInfo.environment["ASSETD_TORTURE_SEED"], let seed = UInt64(text) {
            return seed
        }
        return UInt64.random(in: 0...UInt64.max)
    }
}
