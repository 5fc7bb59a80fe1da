/// Which destination addresses a fetch may connect to. Pure: classification only, never a connection.
///
/// Ranges follow the IANA IPv4 and IPv6 special-purpose address registries. IPv6 forms that embed an IPv4 address
/// (IPv4-mapped `::ffff:0:0/96`, IPv4-compatible `::/96`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the
/// embedded address, so `::ffff:127.0.0.1` is loopback.
package enum AddressPolicy {
    /// The kind of an address, as far as the policy cares.
    package enum Class: String, Sendable, CaseIterable {
        /// Globally routable unicast: the only class allowed by default.
        case global
        case loopback
        /// RFC 1918 IPv4 ranges and IPv6 unique-local (fc00::/7) or deprecated site-local (fec0::/10).
        case privateNetwork
        /// 169.254/16 and fe80::/10.
        case linkLocal
        /// Cloud instance metadata services (169.254.169.254, fd00:ec2::254): never allowed.
        case metadata
        /// 100.64/10 carrier-grade NAT shared address space.
        case sharedAddressSpace
        case multicast
        /// 0.0.0.0 and ::.
        case unspecified
        /// 255.255.255.255.
        case broadcast
        /// TEST-NET ranges and 2001:db8::/32, 3fff::/20.
        case documentation
        /// 198.18/15.
        case benchmarking
        /// Everything else that is not global unicast: 0/8, 240/4, IETF protocol assignments, discard-only, …
        case reserved
    }

    /// Whether a connection to an address of this class is permitted.
    /// - Parameter allowPrivateNetworks: permits every class except `metadata` (for tests and trusted intranets).
    package static func permits(_ addressClass: Class, allowPrivateNetworks: Bool) -> Bool {
        switch addressClass {
        case .global: true
        case .metadata: false
        default: allowPrivateNetworks
        }
    }

    /// Whether a connection to `address` is permitted.
    package static func permits(_ address: IPAddress, allowPrivateNetworks: Bool) -> Bool {
        permits(classify(address), allowPrivateNetworks: allowPrivateNetworks)
    }

    /// The class of an address.
    package static func classify(_ address: IPAddress) -> Class {
        switch address {
        case .v4(let value): classifyV4(value)
        case .v6(let high, let low): classifyV6(high: high, low: low)
        }
    }

    private static func inV4(_ value: UInt32, _ network: UInt32, _ prefix: UInt32) -> Bool {
        prefix == 0 ? true : (value >> (32 - prefix)) == (network >> (32 - prefix))
    }

    private static func classifyV4(_ value: UInt32) -> Class {
        let table: [(network: UInt32, prefix: UInt32, class: Class)] = [
            (0xa9fe_a9fe, 32, .metadata),  // 169.254.169.254
            (0x0000_0000, 32, .unspecified),  // 0.0.0.0
            (0xffff_ffff, 32, .broadcast),  // 255.255.255.255
            (0x0000_0000, 8, .reserved),  // 0/8 "this network"
            (0x0a00_0000, 8, .privateNetwork),  // 10/8
            (0x6440_0000, 10, .sharedAddressSpace),  // 100.64/10
            (0x7f00_0000, 8, .loopback),  // 127/8
            (0xa9fe_0000, 16, .linkLocal),  // 169.254/16
            (0xac10_0000, 12, .privateNetwork),  // 172.16/12
            (0xc000_0000, 24, .reserved),  // 192.0.0/24 IETF protocol assignments
            (0xc000_0200, 24, .documentation),  // 192.0.2/24 TEST-NET-1
            (0xc058_6300, 24, .reserved),  // 192.88.99/24 6to4 relay anycast
            (0xc0a8_0000, 16, .privateNetwork),  // 192.168/16
            (0xc612_0000, 15, .benchmarking),  // 198.18/15
            (0xc633_6400, 24, .documentation),  // 198.51.100/24 TEST-NET-2
            (0xcb00_7100, 24, .documentation),  // 203.0.113/24 TEST-NET-3
            (0xe000_0000, 4, .multicast),  // 224/4
            (0xf000_0000, 4, .reserved),  // 240/4
        ]
        return table.first { inV4(value, $0.network, $0.prefix) }?.class ?? .global
    }

    private static func classifyV6(high: UInt64, low: UInt64) -> Class {
        if high == 0 && low == 0 { return .unspecified }
        if high == 0 && low == 1 { return .loopback }
        if high == 0 && low >> 32 == 0xffff { return classifyV4(UInt32(truncatingIfNeeded: low)) }  // ::ffff:0:0/96
        if high == 0 && low >> 32 == 0 { return classifyV4(UInt32(truncatingIfNeeded: low)) }  // ::/96 compatible
        if high == 0x0064_ff9b_0000_0000 && low >> 32 == 0 {  // 64:ff9b::/96 NAT64
            return classifyV4(UInt32(truncatingIfNeeded: low))
        }
        if high == 0xfd00_0ec2_0000_0000 && low == 0x254 { return .metadata }  // fd00:ec2::254
        let first16 = high >> 48
        if first16 == 0x2002 { return classifyV4(UInt32(truncatingIfNeeded: high >> 16)) }  // 6to4 2002::/16
        if high >> 57 == 0x7e { return .privateNetwork }  // fc00::/7 unique local
        if high >> 54 == 0x3fa { return .linkLocal }  // fe80::/10
        if high >> 54 == 0x3fb { return .privateNetwork }  // fec0::/10 site-local (deprecated)
        if high >> 56 == 0xff { return .multicast }  // ff00::/8
        if high >> 32 == 0x2001_0db8 { return .documentation }  // 2001:db8::/32
        if high >> 44 == 0x3fff0 { return .documentation }  // 3fff::/20
        if high >> 41 == 0x2001_0000_0000_0000 >> 41 { return .reserved }  // 2001::/23 IETF protocol assignments
        if first16 == 0x5f00 { return .reserved }  // 5f00::/16 SRv6 SIDs
        if high >> 61 != 1 { return .reserved }  // outside 2000::/3 global unicast
        return .global
    }
}
