import Configuration
import Foundation

/// Reads the daemon's configuration through swift-configuration, with the precedence
/// command-line flags > `ASSETD_*` environment > JSON file > built-in defaults, then validates it and resolves
/// the paths, reporting every problem at once.
///
/// The file is `--config FILE` (or `$ASSETD_CONFIG`); without either, ``defaultFilePath`` when it exists, otherwise
/// none. `arguments` are the configuration flags only (no program name): the caller handles `--help`/`--version`.
package enum ConfigurationLoader {
    /// The file read when no `--config` is given and it exists.
    package static let defaultFilePath = "/etc/assetd/assetd.json"
    /// The flag (and, as `ASSETD_CONFIG`, the variable) naming the file.
    package static let configKey = "config"

    /// Loads, validates and resolves the configuration.
    /// - Parameters:
    ///   - arguments: the command-line flags, e.g. `["--max-cache-bytes", "1GiB"]`.
    ///   - environment: the process environment.
    ///   - workingDirectory: the absolute working directory, for relative paths.
    ///   - defaultFilePath: the file used when none is named (tests pass their own).
    /// - Returns: the settings, paths and the file read.
    /// - Throws: ``ConfigError`` listing every problem: unreadable or malformed file (named), unknown keys and flags,
    ///   bad values, contradictions, unusable paths.
    package static func load(
        arguments: [String],
        environment: [String: String],
        workingDirectory: String,
        defaultFilePath: String = ConfigurationLoader.defaultFilePath
    ) async throws(ConfigError) -> LoadedConfiguration {
        var problems = unknownFlags(in: arguments)
        let commandLine = CommandLineArgumentsProvider(arguments: ["assetd"] + arguments)
        let environmentProvider = EnvironmentVariablesProvider(environmentVariables: environment)
            .prefixKeys(with: ConfigKey(["assetd"]))
        let bootstrap = ConfigReader(providers: [commandLine, environmentProvider])

        var file: ConfigFile?
        var underlying: (any Error & Sendable)?
        let named = bootstrap.string(forKey: ConfigKey([configKey])).flatMap { $0.isEmpty ? nil : $0 }
        let filePath =
            named.map { DaemonPaths.absolute($0, in: workingDirectory) }
            ?? (FileManager.default.fileExists(atPath: defaultFilePath) ? defaultFilePath : nil)
        if let filePath {
            switch await ConfigFile.read(path: filePath) {
            case .success(let read):
                file = read
                problems += read.problems
            case .failure(let failure):
                problems.append(failure.problem)
                underlying = failure.underlying
            }
        }

        var providers: [any ConfigProvider] = [commandLine, environmentProvider]
        if let file { providers.append(file.provider) }
        let recorder = ConfigSourceRecorder(filePath: file?.path)
        let reader = ConfigReader(providers: providers, accessReporter: recorder)
        let flagged = Set(flagNames(in: arguments))
        var inputs: [DaemonConfiguration.Key: ConfigInput] = [:]
        for key in DaemonConfiguration.Key.allCases {
            if let input = ConfigInputReader.read(key, from: reader) {
                inputs[key] = input
            } else if flagged.contains(key.rawValue) {
                problems.append(ConfigProblem(.invalidValue, key: key.rawValue, "--\(key.rawValue) needs a value"))
            } else if file?.hasUnreadableValue(for: key) == true {
                problems.append(
                    ConfigProblem(.invalidValue, key: key.rawValue, "unsupported value in \(filePath ?? "")")
                )
            }
        }

        let (configuration, valueProblems) = DaemonConfiguration.validate(inputs)
        problems += valueProblems.map { problem in
            var attributed = problem
            if problem.kind == .invalidValue, let key = problem.key {
                attributed.source = recorder.source(of: key)
            }
            return attributed
        }
        do throws(ConfigError) {
            let paths = try DaemonPaths.resolve(
                socket: configuration.socket,
                stateDirectory: configuration.stateDirectory,
                cacheDirectory: configuration.cacheDirectory,
                environment: environment,
                workingDirectory: workingDirectory
            )
            guard problems.isEmpty else { throw ConfigError(problems: problems, underlying: underlying) }
            return LoadedConfiguration(
                configuration: configuration,
                paths: paths,
                file: file?.path,
                warnings: unknownVariables(in: environment)
            )
        } catch {
            let pathProblems = error.problems.filter { !problems.contains($0) }
            throw ConfigError(problems: problems + pathProblems, underlying: underlying)
        }
    }

    /// A warning for each `ASSETD_*` variable that names no key (a typo would otherwise go unnoticed). Not an error:
    /// the environment may carry variables meant for other tools.
    static func unknownVariables(in environment: [String: String]) -> [ConfigProblem] {
        let known = Set(DaemonConfiguration.Key.allCases.map(\.environmentVariable) + ["ASSETD_CONFIG"])
        return environment.keys.filter { $0.hasPrefix("ASSETD_") && !known.contains($0) }.sorted().map {
            ConfigProblem(.unknownKey, key: $0, "environment variable names no configuration key; ignored")
        }
    }

    /// The names of `--name` and `--name=value` flags, in order.
    static func flagNames(in arguments: [String]) -> [String] {
        arguments.filter { $0.hasPrefix("--") && $0.count > 2 }.map { flag in
            String(flag.dropFirst(2).prefix { $0 != "=" })
        }
    }

    /// A problem for each flag that names no key.
    static func unknownFlags(in arguments: [String]) -> [ConfigProblem] {
        let known = Set(DaemonConfiguration.Key.allCases.map(\.rawValue) + [configKey])
        return flagNames(in: arguments).filter { !known.contains($0) }.map {
            ConfigProblem(.unknownKey, key: $0, "unknown flag --\($0)")
        }
    }
}
