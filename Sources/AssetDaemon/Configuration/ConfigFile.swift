import Configuration
import Foundation

/// The JSON configuration file: read once, checked for unknown keys, and offered to swift-configuration as a
/// `FileProvider<JSONSnapshot>`.
struct ConfigFile: Sendable {
    /// Why the file could not be used at all.
    struct Failure: Error, Sendable {
        var problem: ConfigProblem
        var underlying: (any Error & Sendable)?
    }

    /// The absolute path read.
    let path: String
    /// The provider serving the file's values.
    let provider: FileProvider<JSONSnapshot>
    /// Unknown keys and values of the wrong shape.
    let problems: [ConfigProblem]
    /// The top-level keys with a non-null, non-object value.
    private let scalarKeys: Set<String>

    /// Whether the file gives `key` a value (so a failed read of it is a problem, not an absence).
    func hasUnreadableValue(for key: DaemonConfiguration.Key) -> Bool {
        scalarKeys.contains(key.rawValue)
    }

    /// Reads and checks the file.
    /// - Parameter path: an absolute path.
    /// - Returns: the file, or why it cannot be used (the message names the file).
    static func read(path: String) async -> Result<ConfigFile, Failure> {
        let bytes: [UInt8]
        switch FileBytes.read(path: path) {
        case .success(let read): bytes = read
        case .failure(let error):
            return .failure(
                Failure(
                    problem: ConfigProblem(.unreadableFile, "cannot read configuration file \(path): \(error)"),
                    underlying: error
                )
            )
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            let problem = ConfigProblem(.malformedFile, "configuration file \(path) is not valid JSON: \(detail)")
            return .failure(Failure(problem: problem, underlying: FileBytes.Failure(message: detail)))
        }
        guard let dictionary = object as? [String: Any] else {
            return .failure(
                Failure(
                    problem: ConfigProblem(.malformedFile, "configuration file \(path) must hold a JSON object"),
                    underlying: nil
                )
            )
        }
        var problems: [ConfigProblem] = []
        var scalarKeys: Set<String> = []
        let known = Set(DaemonConfiguration.Key.allCases.map(\.rawValue))
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            if !known.contains(key) {
                problems.append(ConfigProblem(.unknownKey, key: key, "unknown key in \(path)"))
            } else if value is [String: Any] {
                problems.append(
                    ConfigProblem(.invalidValue, key: key, "expected a value, got a JSON object in \(path)")
                )
            } else if !(value is NSNull) {
                scalarKeys.insert(key)
            }
        }
        do {
            let location = InMemoryProvider(values: ["filePath": ConfigValue(.string(path), isSecret: false)])
            let provider = try await FileProvider<JSONSnapshot>(config: ConfigReader(provider: location))
            return .success(ConfigFile(path: path, provider: provider, problems: problems, scalarKeys: scalarKeys))
        } catch {
            let problem = ConfigProblem(.malformedFile, "configuration file \(path) has an unsupported value: \(error)")
            return .failure(Failure(problem: problem, underlying: FileBytes.Failure(message: "\(error)")))
        }
    }
}
