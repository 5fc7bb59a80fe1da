/// How log lines start: journald reads a `<N>` priority prefix and adds its own timestamp; a terminal or file wants
/// a timestamp and the level spelled out.
package enum LogLineStyle: Sendable, Hashable {
    /// `<6>label: message key=value` (stderr connected to journald).
    case journal
    /// `2026-11-28T07:30:00.123Z info label: message key=value`.
    case timestamped
}
