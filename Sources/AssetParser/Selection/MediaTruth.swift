/// The three-valued result of a media condition (Media Queries 4): `unknown` comes from syntax that parses
/// but that nobody understands, and counts as false at the end.
package enum MediaTruth: Equatable {
    case yes
    case no
    case unknown

    package init(_ value: Bool) {
        self = value ? .yes : .no
    }

    /// Whether the condition holds, with `unknown` as false.
    package var holds: Bool { self == .yes }

    package static prefix func ! (value: MediaTruth) -> MediaTruth {
        switch value {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }

    package static func && (left: MediaTruth, right: MediaTruth) -> MediaTruth {
        if left == .no || right == .no { return .no }
        if left == .unknown || right == .unknown { return .unknown }
        return .yes
    }

    package static func || (left: MediaTruth, right: MediaTruth) -> MediaTruth {
        if left == .yes || right == .yes { return .yes }
        if left == .unknown || right == .unknown { return .unknown }
        return .no
    }
}
