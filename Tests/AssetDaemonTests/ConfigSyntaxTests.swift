import AssetDaemon
import Testing

@Suite struct ConfigSyntaxTests {
    @Test(arguments: [
        ("30", Duration.seconds(30)), ("1.5", .milliseconds(1500)), ("500ms", .milliseconds(500)),
        ("30s", .seconds(30)),
        ("5m", .seconds(300)), ("2h", .seconds(7200)), ("1d", .seconds(86400)), ("1m30s", .seconds(90)),
        (" 10S ", .seconds(10)), ("0", .zero), ("0.25s", .milliseconds(250)),
    ])
    func durationsParse(_ text: String, _ expected: Duration) {
        #expect(DurationSyntax.parse(text) == expected)
    }

    @Test(arguments: ["", "s", "-1", "-5s", "10x", "5 m", "1e400", "inf", "nan", "1.2.3s", "36500000d"])
    func badDurationsDoNotParse(_ text: String) {
        #expect(DurationSyntax.parse(text) == nil)
    }

    @Test func durationsFormatInTheirShortestExactForm() {
        #expect(DurationSyntax.format(.seconds(300)) == "5m")
        #expect(DurationSyntax.format(.milliseconds(1500)) == "1500ms")
        #expect(DurationSyntax.format(.seconds(7200)) == "2h")
        #expect(DurationSyntax.format(.zero) == "0s")
        for text in ["5m", "1500ms", "2h", "0s", "1d", "45s"] {
            #expect(DurationSyntax.format(DurationSyntax.parse(text) ?? .seconds(-1)) == text)
        }
    }

    @Test(arguments: [
        ("1048576", Int64(1_048_576)), ("512MiB", 536_870_912), ("2GB", 2_000_000_000), ("2 gb", 2_000_000_000),
        ("1.5GiB", 1_610_612_736), ("10k", 10_000), ("100B", 100), ("1TiB", 1_099_511_627_776), ("0", 0), ("1KB", 1000),
    ])
    func byteSizesParse(_ text: String, _ expected: Int64) {
        #expect(ByteCountSyntax.parse(text) == expected)
    }

    @Test(arguments: ["", "-1", "-1MiB", "MiB", "12XB", "1e3", "99999999999TiB", "1.5.5GB"])
    func badByteSizesDoNotParse(_ text: String) {
        #expect(ByteCountSyntax.parse(text) == nil)
    }

    @Test func byteSizesFormatInBinaryUnits() {
        #expect(ByteCountSyntax.format(10 << 30) == "10GiB")
        #expect(ByteCountSyntax.format(1536) == "1536")
        #expect(ByteCountSyntax.format(3 << 20) == "3MiB")
        #expect(ByteCountSyntax.format(0) == "0")
    }

    @Test(arguments: [
        "example.com:443:127.0.0.1:8443", "::127.0.0.1:", ":443::8443", "[2001:db8::1]:80:[::1]:8080", "a.b:80:c.d:",
    ])
    func connectToEntriesRoundTrip(_ text: String) throws {
        let rule = try ConnectToRule.parse(text).get()
        #expect(rule.description == text)
    }

    @Test func connectToFieldsAreTyped() throws {
        let rule = try ConnectToRule.parse("[2001:db8::1]:80::8080").get()
        #expect(rule == ConnectToRule(host: "[2001:db8::1]", port: 80, connectHost: "", connectPort: 8080))
    }

    @Test(arguments: [
        "example.com:443:127.0.0.1", "a:b:c:d", "a:0:b:1", "a:70000:b:1", "a:1:b:1:e", "[::1:80:x:1", "bad host:1:x:1",
        "a:+80:b:1",
    ])
    func badConnectToEntriesAreRejected(_ text: String) throws {
        let problem = try #require(throws: ConfigProblem.self) { try ConnectToRule.parse(text).get() }
        #expect(problem.key == "connect-to")
        #expect(problem.message.contains(text))
    }
}
