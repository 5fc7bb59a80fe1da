import AssetStore
import Testing

@Suite
struct AssetHostTests {
    @Test(
        arguments: [
            ("https://IMG.Example.com/a.jpg", "img.example.com"),
            ("https://user:pw@img.example.com:443/a.jpg", "img.example.com"),
            ("http://img.example.com:80/a.jpg", "img.example.com"),
            ("http://img.example.com:8080/a.jpg?x=1", "img.example.com:8080"),
            ("https://img.example.com?q", "img.example.com"),
            ("http://[::1]:8080/x", "[::1]:8080"),
            ("http://[::1]/x", "[::1]"),
            ("http://127.0.0.1:443/x", "127.0.0.1:443"),
            ("img.example.com/a.jpg", ""),
        ]
    )
    func theKeyIsTheLowercasedHostWithANonDefaultPort(url: String, key: String) {
        #expect(AssetHost.key(for: url) == key)
    }
}
