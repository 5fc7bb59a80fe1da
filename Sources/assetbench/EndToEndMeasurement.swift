/// One timed run of one tool in `assetbench e2e`.
struct EndToEndMeasurement {
    /// The command as shown in the table.
    var label: String
    /// The short name in the summary (`assetd`, `curl`, …).
    var tool: String
    /// Wall-clock seconds, `nil` when the tool did not run.
    var seconds: Double?
    /// User plus system CPU seconds of the tool's processes, `nil` when unknown.
    var cpuSeconds: Double?

    init(label: String, tool: String, seconds: Double? = nil, cpuSeconds: Double? = nil) {
        self.label = label
        self.tool = tool
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
    }
}
