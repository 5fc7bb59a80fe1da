import AssetCLI
import Testing

@Suite("byte, rate and duration formatting")
struct ByteFormatTests {
    static let byteCases: [(Int64, String)] = [
        (0, "0 B"),
        (999, "999 B"),
        (1023, "1023 B"),
        (1024, "1.0 KiB"),
        (1536, "1.5 KiB"),
        (12_897_484, "12.3 MiB"),
        (1_048_575, "1.0 MiB"),
        (10 * 1024 * 1024 * 1024, "10.0 GiB"),
        (-2048, "-2.0 KiB"),
    ]

    @Test("bytes below 1 KiB are exact, larger counts get one decimal in binary units", arguments: byteCases)
    func bytes(count: Int64, expected: String) {
        #expect(ByteFormat.bytes(count) == expected)
    }

    @Test(
        "rates are bytes per second; nonsense rates read as zero",
        arguments: [
            (1_258_291.2, "1.2 MiB/s") as (Double, String),
            (512, "512 B/s"),
            (0, "0 B/s"),
            (-5, "0 B/s"),
            (Double.nan, "0 B/s"),
            (Double.infinity, "0 B/s"),
        ]
    )
    func rate(value: Double, expected: String) {
        #expect(ByteFormat.rate(value) == expected)
    }

    @Test(
        "durations use the two largest useful units",
        arguments: [
            (0.4, "0s") as (Double, String),
            (42, "42s"),
            (187, "3m07s"),
            (3723, "1h02m03s"),
            (273_000, "3d03h50m"),
            (-1, "0s"),
        ]
    )
    func duration(seconds: Double, expected: String) {
        #expect(ByteFormat.duration(seconds: seconds) == expected)
    }
}
