/// The three-valued result of a media condition (Media Queries 4): `unknown` comes from syntax that parses
/// but that nobody understands, and counts as false at the end.
package enum MediaTruth: Equatable {
    /// The condition holds.
    case yes
    /// The condition does not hold.
    case no
    /// The condition parsed but cannot be evaluated (an unknown feature or general-enclosed syntax).
    case unknown

    /// `yes` or `no`.
    package init(_ value: Bool) {
        self = value ? .yes : .no
    }

    /// Whether the condition holds, with `unknown` as false.
    package var holds: Bool { self == .yes }

    /// Kleene negation: unknown stays unknown.
    package static prefix func ! (value: MediaTruth) -> MediaTruth {
        switch value {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }

    /// Kleene conjunction: `no` wins, then unknown.
    package static func && (left: MediaTruth, right: MediaTruth) -> MediaTruth {
        if left == .no || right == .no { return .no }
        if left == .unknown || right == .unknown { return .unknown }
        return .yes
    }

    /// Kleene disjunction: `yes` wins, then unknown.
    package static func || (left: MediaTruth, right: MediaTruth) -> MediaTruth {
        if left == .yes || right == .yes { return .yes }
        if left == .unknown || right == .unknown { return .unknown }
        return .no
    }
}
