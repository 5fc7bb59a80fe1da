import AssetTestSupport

/// The pieces hostile articles are made of, each planting candidates and recording what must become of them.
///
/// Blocks that swallow the rest of a document (an unterminated comment, `<script>` or attribute, random bytes) are
/// only ever the last block of an article and carry no expectations: their candidates are decoys, covered by the
/// global checks (nothing outside http(s) is fetched, no loopback address is contacted).
struct TortureHostileBlocks {
    let article: Int
    let targets: HostileTargets
    var random: SplitMix64
    private(set) var expectations: [HostileExpectation] = []
    private var markerCount = 0

    init(article: Int, targets: HostileTargets, random: SplitMix64) {
        self.article = article
        self.targets = targets
        self.random = random
    }

    private var port: Int { targets.loopbackPort }

    private mutating func marker() -> String {
        markerCount += 1
        return "q\(article)z\(markerCount)q"
    }

    private mutating func expect(_ outcome: HostileExpectation.Outcome) -> String {
        let token = marker()
        expectations.append(HostileExpectation(marker: token, outcome: outcome))
        return token
    }

    private mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices[Int(random.next() % UInt64(choices.count))]
    }

    private mutating func number(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    // MARK: URLs

    /// A loopback URL in one of its many spellings, with `token` in the path or query.
    private mutating func loopbackURL(_ token: String) -> String {
        var forms = [
            "http://127.0.0.1:\(port)/\(token).jpg",
            "http://127.1:\(port)/img/\(token).jpg",
            "http://2130706433:\(port)/\(token).png",
            "http://0x7f.0.0.1:\(port)/\(token).jpg",
            "http://0177.0.0.01:\(port)/\(token).jpg",
            "http://localhost:\(port)/\(token).jpg",
            "HTTP://LocalHost:\(port)/\(token).jpg",
            "http://user:secret@127.0.0.1:\(port)/\(token).jpg",
            "https://127.0.0.1:\(port)/\(token).jpg",
            "http://127.0.0.1.:\(port)/\(token).jpg",
            "http://%31%32%37.0.0.1:\(port)/\(token).jpg",
            "http://127.0.0.1:\(port)/redirect?to=file%3A%2F%2F%2Fetc%2Fpasswd&tag=\(token)",
            "http://127.0.0.1:\(port)/redirect?to=http%3A%2F%2F127.0.0.1%3A\(port)%2Fx&tag=\(token)",
            "http://[::ffff:127.0.0.1]:\(port)/\(token).jpg",
            "http://127.0.0.1:\(port)/a/%2e%2e/\(token)/..%2F/a.jpg?x=%00",
        ]
        if let v6 = targets.loopbackV6Port {
            forms += ["http://[::1]:\(v6)/\(token).jpg", "http://[0:0:0:0:0:0:0:1]:\(v6)/\(token).webp"]
        }
        return pick(forms)
    }

    /// A URL with a scheme the daemon never fetches, short enough that diagnostics show it whole.
    private mutating func otherSchemeURL(_ token: String, inSrcset: Bool = false) -> String {
        // A tab (here as a character reference) inside a scheme is removed by URL parsing, but splits a srcset.
        let tabbed = inSrcset ? "javascript:\(token)" : "jav&#x09;ascript:\(token)"
        return pick([
            "file:///etc/passwd?\(token)", "FILE://localhost/etc/\(token)", "gopher://127.0.0.1:\(port)/1\(token)",
            "javascript:alert('\(token)')", tabbed, "ftp://127.0.0.1:\(port)/\(token)",
            "ws://127.0.0.1:\(port)/\(token)", "blob:http://127.0.0.1:\(port)/\(token)", "mailto:\(token)@local",
            "about:blank#\(token)", "vbscript:\(token)", "view-source:http://127.0.0.1:\(port)/\(token)",
            "jar:file:///\(token)!/x", "dict://127.0.0.1:\(port)/\(token)", "ldap://127.0.0.1:\(port)/\(token)",
            "telnet://127.0.0.1:\(port)/\(token)", "tftp://127.0.0.1:\(port)/\(token)", "smb://127.0.0.1/\(token)",
        ])
    }

    private mutating func dataURL(_ token: String) -> String {
        pick([
            "data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACw=#\(token)", "data:,\(token)",
            "DATA:image/svg+xml;utf8,%3Csvg%3E\(token)%3C/svg%3E",
        ])
    }

    // MARK: Blocks of an HTML article

    mutating func mixedArticle(_ file: HostileArticleFile) {
        file.append(pick(["<!doctype html>", "", "\u{FEFF}<!DOCTYPE html>\n<html><head>", "<html>"]))
        switch random.next() % 6 {
        case 0:
            file.append("<base href=\"http://127.0.0.1:\(port)/base/\">\n")
            file.append("<img src=\"\(expect(.refused)).jpg\">\n")
        case 1:
            file.append(pick(["<base href=\"javascript:alert(1)\">\n", "<base href=\"file:///etc/\">\n"]))
            file.append("<img src=\"\(expect(.notFetched))\">\n")
        case 2:
            file.append(pick(["<meta charset=\"utf-16\">", "<meta charset=koi8-r>", "<meta charset=\"x-bogus\">"]))
        default:
            break
        }
        for _ in 0..<number(3...9) {
            htmlBlock(file)
        }
        if random.next() % 3 == 0 {
            chaosTail(file)
        }
    }

    private mutating func htmlBlock(_ file: HostileArticleFile) {
        switch random.next() % 14 {
        case 0:
            file.append("<p>text <img src=\"\(loopbackURL(expect(.refused)))\" alt=x></p>\n")
        case 1:
            let list = (0..<number(2...6)).map { "\(loopbackURL(expect(.refused))) \(100 * ($0 + 1))w" }
            file.append("<img sizes=\"(max-width: 600px) 100vw, 50vw\" srcset=\"\(list.joined(separator: ", "))\">\n")
        case 2:
            file.append("<img src=\"\(otherSchemeURL(expect(.notFetched)))\">\n")
        case 3:
            let other = otherSchemeURL(expect(.notFetched), inSrcset: true)
            file.append("<img srcset=\"\(other) 1x, \(loopbackURL(expect(.refused))) 2x\">\n")
        case 4:
            file.append("<img src=\"\(dataURL(expect(.dataURL)))\">\n")
        case 5:
            // Invalid UTF-8 (overlong, surrogate, out of range, stray continuation) in text, alt and URL path.
            file.append("<p>")
            file.append(bytes: [0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF, 0xFE, 0xF4, 0x90, 0x80, 0x80, 0x80, 0x00])
            file.append("<img alt=\"")
            file.append(bytes: [0xE2, 0x28, 0xA1, 0xC3])
            file.append("\" src=\"http://127.0.0.1:\(port)/\(expect(.refused))/")
            file.append(bytes: [0xC3, 0x28, 0xED, 0xA0, 0x80, 0xF8, 0x88, 0x80, 0x80, 0x80])
            file.append(".jpg\"></p>\n")
        case 6:
            let refs = "&amp;a=&#0;&#xD800;&#x110000;&#99999999999999999999;&notin;&NotNestedGreaterGreater;&amp"
            file.append("<img src=\"http://127.0.0.1:\(port)/\(expect(.refused)).jpg?b=1\(refs)\">\n")
        case 7:
            let source = loopbackURL(expect(.refused))
            file.append("<picture><source srcset=\"\(source) 1x\"><img src=\"\(loopbackURL(marker()))\"></picture>\n")
        case 8:
            file.append("<link rel=preload as=image imagesrcset=\"\(loopbackURL(expect(.refused))) 1x\">\n")
        case 9:
            let lazy = loopbackURL(expect(.refused))
            file.append("<img data-src=\"\(lazy)\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\n")
        case 10:
            let depth = number(10...400)
            let sizes = String(repeating: "calc(", count: depth) + "100vw" + String(repeating: ")", count: depth)
            file.append("<img sizes=\"\(sizes)\" srcset=\"\(loopbackURL(expect(.refused))) 640w\">\n")
        case 11:
            file.append("<img")
            file.append(" a=x", times: number(100...5000))
            file.append(" src=\"\(loopbackURL(expect(.refused)))\">\n")
        case 12:
            let path = String(repeating: "long/", count: number(100...20_000))
            file.append("<img src=\"http://127.0.0.1:\(port)/\(expect(.refused))/\(path)x.jpg\">\n")
        default:
            if let allowed = targets.allowedOrigin {
                allowedBlock(file, origin: allowed)
            } else {
                file.append("<img src=\"\(loopbackURL(expect(.refused)))\">\n")
            }
        }
    }

    /// Images on the allowed origin, fetched for real, and redirects from it to refused places.
    private mutating func allowedBlock(_ file: HostileArticleFile, origin: String) {
        file.append("<img src=\"\(origin)/img/\(expect(.cached)).jpg\">\n")
        file.append("<img src=\"\(origin)/r/\(expect(.refusedAfterRedirect)).jpg\">\n")
        file.append("<img src=\"\(origin)/rl/\(expect(.refusedAfterRedirect)).jpg\">\n")
        if targets.loopbackV6Port != nil {
            file.append("<img src=\"\(origin)/r6/\(expect(.refusedAfterRedirect)).jpg\">\n")
        }
        file.append("<img src=\"\(origin)/rf/\(expect(.badSchemeAfterRedirect)).jpg\">\n")
    }

    /// Markup that swallows the rest of the document; only decoys inside.
    private mutating func chaosTail(_ file: HostileArticleFile) {
        let decoy = "http://127.0.0.1:\(port)/\(marker()).jpg"
        switch random.next() % 7 {
        case 0: file.append("<!-- <img src=\"\(decoy)\"> <img src=\"file:///etc/passwd\">")
        case 1: file.append("<script>document.write('<img src=\"\(decoy)\">'); var s = \"</scr\" + \"ipt>\";")
        case 2: file.append("<img src=\"\(decoy)")
        case 3: file.append("<textarea><img src=\"\(decoy)\"><title><img srcset=\"gopher://x 1x\">")
        case 4:
            file.append("<picture>", times: number(1000...20_000))
            file.append("<source srcset=\"\(decoy) 1x\">", times: number(100...2000))
        case 5:
            var bytes: [UInt8] = []
            for _ in 0..<number(4096...65_536) {
                bytes.append(pick([0x00, 0x3C, 0x3E, 0x22, 0x27, 0x3D, 0x26, 0x23, 0xFF, 0xC3, 0x0A, 0x20, 0x69]))
            }
            file.append(bytes: bytes)
        default: file.append("<![CDATA[ <img src=\"\(decoy)\"> <img src=\"javascript:x\">")
        }
    }

    // MARK: The big ones

    /// A 3 MiB `alt`, a 2 MiB `srcset` (over the parser's 1 MiB limit: ignored with a diagnostic), and images around.
    mutating func hugeAttribute(_ file: HostileArticleFile) {
        file.append("<html><body><img alt=\"")
        file.append("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef", times: 3 << 15)
        file.append("\" src=\"http://127.0.0.1:\(port)/\(expect(.refused)).jpg\">\n<img srcset=\"")
        file.append("http://127.0.0.1:\(port)/never.jpg 1w, ", times: (2 << 20) / 36)
        file.append("\">\n")
        expectations.append(HostileExpectation(marker: "srcset longer than", outcome: .notFetched))
        file.append("<img src=\"\(loopbackURL(expect(.refused)))\"></body></html>\n")
    }

    /// About a million commas inside one srcset, then one real candidate; then commas between candidates.
    mutating func millionCommas(_ file: HostileArticleFile) {
        file.append("<img srcset=\"")
        file.append(",", times: 1_000_000)
        file.append(" http://127.0.0.1:\(port)/\(expect(.refused)).jpg 1x\">\n<img srcset=\"")
        file.append("http://127.0.0.1:\(port)/\(expect(.refused)).jpg 1x")
        file.append(",", times: 40_000)
        file.append(" http://127.0.0.1:\(port)/\(expect(.refused)).jpg 2x\">\n")
    }

    /// `levels` nested `<div>`s and as many `<picture>`s (far past the parser's picture depth), then images after.
    mutating func deepNesting(_ file: HostileArticleFile, levels: Int) {
        file.append("<div>", times: levels)
        file.append("<img src=\"http://127.0.0.1:\(port)/\(expect(.refused)).jpg\">")
        file.append("</div>", times: levels)
        file.append("<picture>", times: levels)
        file.append("<source srcset=\"http://127.0.0.1:\(port)/\(marker()).jpg\"><img src=\"/x.jpg\">")
        file.append("</picture>", times: levels)
        file.append("\n<img src=\"\(loopbackURL(expect(.refused)))\">\n")
    }

    /// `count` images at loopback addresses and a 600 KB `data:` URL.
    mutating func manyImages(_ file: HostileArticleFile, count: Int) {
        for _ in 0..<count {
            file.append("<img src=\"http://127.0.0.1:\(port)/many/\(expect(.refused)).jpg\">\n")
        }
        file.append("<img src=\"data:image/png;base64,")
        file.append("iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB", times: 600_000 / 32)
        file.append("#\(expect(.dataURL))\">\n")
    }

    // MARK: Plain text

    /// Srcset runs in prose, with invalid UTF-8, NULs, other schemes (which the text scanner ignores) and long lines.
    mutating func textArticle(_ file: HostileArticleFile) {
        for _ in 0..<number(2...8) {
            switch random.next() % 4 {
            case 0:
                let list = (0..<number(1...5)).map {
                    "http://127.0.0.1:\(port)/t/\(expect(.refused)).jpg \(320 * ($0 + 1))w"
                }
                file.append("Images: \(list.joined(separator: ", "))\n")
            case 1:
                file.append("Bytes ")
                file.append(bytes: [0xFF, 0x00, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0x0A])
                file.append("http://localhost:\(port)/t/\(expect(.refused)).jpg 1x, ")
                file.append("http://[::ffff:127.0.0.1]:\(port)/t/\(expect(.refused)).jpg 2x\n")
            case 2:
                file.append("file:///etc/\(marker()) 1x, javascript:\(marker()) 2x, gopher://127.0.0.1/x 480w\n")
            default:
                file.append("a,", times: number(1000...300_000))
                file.append("\n")
            }
        }
    }
}
