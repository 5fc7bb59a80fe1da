import AssetFetch
import Testing

/// The address classification is exercised on values only: no test ever connects to these addresses.
@Suite
struct AddressPolicyTests {
    // Expected classes for representative and boundary addresses of every range in the IANA IPv4 and IPv6
    // special-purpose registries (re-expressed from the registries' tables).
    static let cases: [(String, AddressPolicy.Class)] = [
        ("0.0.0.0", .unspecified), ("0.1.2.3", .reserved), ("0.255.255.255", .reserved),
        ("1.1.1.1", .global), ("8.8.8.8", .global), ("9.255.255.255", .global),
        ("10.0.0.0", .privateNetwork), ("10.255.255.255", .privateNetwork), ("11.0.0.0", .global),
        ("100.63.255.255", .global), ("100.64.0.0", .sharedAddressSpace), ("100.100.100.200", .sharedAddressSpace),
        ("100.127.255.255", .sharedAddressSpace), ("100.128.0.0", .global),
        ("126.255.255.255", .global), ("127.0.0.1", .loopback), ("127.255.255.254", .loopback),
        ("128.0.0.0", .global),
        ("169.253.255.255", .global), ("169.254.0.1", .linkLocal), ("169.254.169.254", .metadata),
        ("169.254.169.253", .linkLocal), ("169.254.255.255", .linkLocal), ("169.255.0.0", .global),
        ("172.15.255.255", .global), ("172.16.0.0", .privateNetwork), ("172.31.255.255", .privateNetwork),
        ("172.32.0.0", .global),
        ("192.0.0.0", .reserved), ("192.0.0.192", .reserved), ("192.0.1.0", .global),
        ("192.0.2.0", .documentation), ("192.0.2.255", .documentation), ("192.0.3.0", .global),
        ("192.88.99.1", .reserved), ("192.167.255.255", .global), ("192.168.0.1", .privateNetwork),
        ("192.168.255.255", .privateNetwork), ("192.169.0.0", .global),
        ("198.17.255.255", .global), ("198.18.0.0", .benchmarking), ("198.19.255.255", .benchmarking),
        ("198.20.0.0", .global), ("198.51.100.7", .documentation), ("203.0.113.9", .documentation),
        ("223.255.255.255", .global), ("224.0.0.1", .multicast), ("239.255.255.255", .multicast),
        ("240.0.0.1", .reserved), ("255.255.255.254", .reserved), ("255.255.255.255", .broadcast),
        ("::", .unspecified), ("::1", .loopback), ("::2", .reserved),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:10.1.2.3", .privateNetwork), ("::ffff:169.254.169.254", .metadata),
        ("::ffff:8.8.8.8", .global), ("::ffff:0.0.0.0", .unspecified), ("::127.0.0.1", .loopback),
        ("::192.168.1.1", .privateNetwork), ("64:ff9b::7f00:1", .loopback), ("64:ff9b::808:808", .global),
        ("64:ff9b:1::1", .reserved), ("100::1", .reserved),
        ("2001::1", .reserved), ("2001:1ff:ffff::1", .reserved), ("2001:200::1", .global),
        ("2001:db8::1", .documentation), ("2002:7f00:1::1", .loopback), ("2002:a00:1::", .privateNetwork),
        ("2002:808:808::1", .global), ("2606:4700::1111", .global), ("2a00:1450::1", .global),
        ("3fff::1", .documentation), ("3fff:fff::1", .documentation), ("3fff:1000::1", .global),
        ("5f00::1", .reserved), ("4000::1", .reserved),
        ("fc00::1", .privateNetwork), ("fd12:3456::1", .privateNetwork), ("fd00:ec2::254", .metadata),
        ("fe80::1", .linkLocal), ("febf:ffff::1", .linkLocal), ("fec0::1", .privateNetwork),
        ("ff02::1", .multicast), ("ff0e::1", .multicast),
        // The ranges a server-side request forgery aims at, in the forms a URL or a DNS answer may give them.
        ("10.0.0.1", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.20.10.5", .privateNetwork),
        ("192.168.1.1", .privateNetwork), ("100.64.0.1", .sharedAddressSpace), ("169.254.1.1", .linkLocal),
        ("::ffff:10.0.0.1", .privateNetwork), ("::ffff:a00:1", .privateNetwork), ("::ffff:172.16.0.1", .privateNetwork),
        ("::ffff:192.168.0.1", .privateNetwork), ("::ffff:100.64.0.1", .sharedAddressSpace),
        ("::ffff:169.254.0.1", .linkLocal), ("::ffff:a9fe:a9fe", .metadata), ("::ffff:127.0.0.2", .loopback),
        ("::10.0.0.1", .privateNetwork), ("64:ff9b::a00:1", .privateNetwork), ("64:ff9b::a9fe:a9fe", .metadata),
        ("2002:a9fe:a9fe::1", .metadata), ("2002:c0a8:101::1", .privateNetwork), ("2002:6440:1::", .sharedAddressSpace),
        ("fd00::", .privateNetwork), ("fd00::1", .privateNetwork), ("fdff:ffff:ffff:ffff::1", .privateNetwork),
        ("fe80::", .linkLocal), ("fe80::a9fe:a9fe", .linkLocal), ("fe9f::1", .linkLocal), ("fec0::", .privateNetwork),
        // The end-to-end torture tests give a network namespace's loopback this address: it must count as global.
        ("11.22.33.44", .global),
    ]

    @Test(arguments: cases)
    func classifiesAddress(text: String, expected: AddressPolicy.Class) throws {
        let address = try #require(IPAddress(text))
        #expect(AddressPolicy.classify(address) == expected, "\(text)")
    }

    @Test(arguments: cases)
    func refusesEverythingButGlobalByDefault(text: String, expected: AddressPolicy.Class) throws {
        let address = try #require(IPAddress(text))
        #expect(AddressPolicy.permits(address, allowPrivateNetworks: false) == (expected == .global), "\(text)")
    }

    @Test
    func allowPrivateNetworksPermitsAllButMetadata() {
        for addressClass in AddressPolicy.Class.allCases {
            #expect(AddressPolicy.permits(addressClass, allowPrivateNetworks: true) == (addressClass != .metadata))
        }
    }

    @Test(arguments: [
        "169.254.169.254", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "::169.254.169.254", "64:ff9b::a9fe:a9fe",
        "2002:a9fe:a9fe::", "fd00:ec2::254",
    ])
    func refusesEveryFormOfTheMetadataAddressEvenWithPrivateNetworksAllowed(text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(!AddressPolicy.permits(address, allowPrivateNetworks: true), "\(text)")
        #expect(!AddressPolicy.permits(address, allowPrivateNetworks: false), "\(text)")
    }

    @Test
    func parsesOnlyAddresses() {
        #expect(IPAddress("127.0.0.1") == .v4(0x7f00_0001))
        #expect(IPAddress("::1") == .v6(high: 0, low: 1))
        #expect(IPAddress("localhost") == nil)
        #expect(IPAddress("256.0.0.1") == nil)
        #expect(IPAddress("1.2.3") == nil)
        #expect(IPAddress("") == nil)
    }

    @Test
    func describesAddresses() throws {
        #expect(try #require(IPAddress("192.168.1.20")).description == "192.168.1.20")
        #expect(try #require(IPAddress("fe80::1")).description == "fe80:0:0:0:0:0:0:1")
    }
}
