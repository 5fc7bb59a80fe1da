import AssetDaemon
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1))) struct SystemdNotifierTests {
    @Test func messagesReachAPathSocket() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let receiver = try DatagramReceiver(address: directory.file("n.sock"), abstract: false)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifyAddress])
        #expect(notifier.isEnabled)
        try notifier.notify(.ready, .status("serving\n3 queued"))
        #expect(receiver.receive() == "READY=1\nSTATUS=serving 3 queued")
        try notifier.notify(.watchdog)
        #expect(receiver.receive() == "WATCHDOG=1")
        try notifier.notify(.stopping)
        #expect(receiver.receive() == "STOPPING=1")
    }

    @Test func messagesReachAnAbstractSocketWithTheExactAddressLength() throws {
        let name = "assetd-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let receiver = try DatagramReceiver(address: name, abstract: true)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifyAddress])
        try notifier.notify(.reloading(monotonicMicroseconds: 123), .extendTimeout(.seconds(5)), .errno(2))
        #expect(receiver.receive() == "RELOADING=1\nMONOTONIC_USEC=123\nEXTEND_TIMEOUT_USEC=5000000\nERRNO=2")
    }

    @Test func reloadingNowCarriesTheMonotonicClock() throws {
        guard case .reloading(let first) = NotifyMessage.reloadingNow(),
            case .reloading(let second) = NotifyMessage.reloadingNow()
        else {
            Issue.record("expected reloading messages")
            return
        }
        #expect(first > 0)
        #expect(second >= first)
    }

    @Test func unsetSocketDoesNothing() throws {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        try notifier.notify(.ready)
        #expect(!SystemdNotifier(environment: ["NOTIFY_SOCKET": ""]).isEnabled)
    }

    @Test func unusableAddressesAreErrors() {
        for address in ["vsock:2:1234", "relative/path", "/" + String(repeating: "x", count: 120)] {
            let error = #expect(throws: DaemonError.self) {
                try SystemdNotifier(environment: ["NOTIFY_SOCKET": address]).notify(.ready)
            }
            #expect(error?.code == .notifyFailed)
        }
    }

    @Test func nobodyListeningIsAnError() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let error = #expect(throws: DaemonError.self) {
            try SystemdNotifier(environment: ["NOTIFY_SOCKET": directory.file("absent.sock")]).notify(.ready)
        }
        #expect(error?.message.contains(directory.file("absent.sock")) == true)
    }

    @Test func watchdogPingsAtHalfTheInterval() {
        let schedule = WatchdogSchedule.from(environment: ["WATCHDOG_USEC": "30000000"], pid: 10)
        #expect(schedule?.timeout == .seconds(30))
        #expect(schedule?.pingInterval == .seconds(15))
        #expect(
            WatchdogSchedule.from(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "10"], pid: 10) == schedule
        )
    }

    @Test func watchdogForAnotherProcessOrMalformedIsIgnored() {
        #expect(
            WatchdogSchedule.from(environment: ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "11"], pid: 10) == nil
        )
        #expect(WatchdogSchedule.from(environment: [:], pid: 10) == nil)
        #expect(WatchdogSchedule.from(environment: ["WATCHDOG_USEC": "0"], pid: 10) == nil)
        #expect(WatchdogSchedule.from(environment: ["WATCHDOG_USEC": "abc"], pid: 10) == nil)
        #expect(WatchdogSchedule.from(environment: ["WATCHDOG_USEC": "-5"], pid: 10) == nil)
    }
}
