import AssetFetch
import Testing

@Suite
struct URLOriginTests {
    @Test
    func keysBySchemeHostAndPort() throws {
        let origin = try #require(URLOrigin("HTTPS://User:pw@Images.Example.TEST/a/b.png?x=1#f"))
        #expect(origin.scheme == "https")
        #expect(origin.host == "images.example.test")
        #expect(origin.port == 443)
        #expect(origin.description == "https://images.example.test:443")
    }

    @Test
    func explicitDefaultPortsGiveTheSameKey() {
        #expect(URLOrigin("http://a.test/x") == URLOrigin("http://a.test:80/y"))
        #expect(URLOrigin("http://a.test/x") != URLOrigin("https://a.test/x"))
        #expect(URLOrigin("http://a.test:8080?q") == URLOrigin("http://A.test:8080#z"))
    }

    @Test
    func keepsIPv6LiteralsInBrackets() throws {
        let origin = try #require(URLOrigin("http://[::1]:8080/x"))
        #expect(origin.host == "[::1]")
        #expect(origin.port == 8080)
        #expect(URLOrigin("http://[::1]/")?.port == 80)
        #expect(URLOrigin("http://[::1]x/") == nil)
    }

    @Test(arguments: ["", "nothing", "http:/a", "http://", "http://:80/", "http://a:0/", "http://a:x/", "1http://a/"])
    func rejectsMalformedURLs(url: String) {
        #expect(URLOrigin(url) == nil)
    }
}
