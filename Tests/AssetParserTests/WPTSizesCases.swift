/// Test vectors re-expressed from web-platform-tests
/// `html/semantics/embedded-content/the-img-element/sizes/support/sizes-iframed.sub.html` (driven by
/// `parse-a-sizes-attribute.html` in a 1000×1000 px frame). Each `<img srcset="… 50w, … 51w">` must pick the
/// same image as its group's reference: `sizes="1px"` (the 50w image) or `sizes="100vw"` (the 51w image).
enum WPTSizesCases {
    /// Values equivalent to `sizes="1px"`: a small source size, so the 50w image.
    static let likeOnePixel: [String] = [
        "1px", "0", "-0", "+0", "+1px", ".1px", "0.1em", "0.1ex", "0.1ch", "0.1rem", "0.1vw", "0.1vh", "0.1vmin",
        "0.1vmax", "0.1cm", "1mm", "1q", "0.01in", "0.1pc", "0.1pt", "/* */1px/* */", " /**/ /**/ 1px /**/ /**/ ",
        "(),1px", "x(),1px", "{},1px", "[],1px", "1px,(", "1px,x(", "1px,{", "1px,[", "\\(,1px", "x\\(,1px",
        "\\{,1px", "\\[,1px", "1\\p\\x", "calc(1px)", "min(1px, 100px)", "min(-100px, 1px)",
        "(min-width:0) calc(1px)", "(min-width:0) min(1px, 100px)", "(min-width:0) max(-100px, 1px)",
        "(min-width:calc(0px)) 1px", "(min-width:0) 1px, 100vw", "(min-width:0) 1px, (min-width:0) 100vw, 100vw",
        "(min-width:0) 1px", "not (min-width:0) 100vw, 1px", "(min-width:unknown-mf-value) 100vw, 1px",
        "not (min-width:unknown-mf-value) 100vw, 1px", "(min-width:-1px) 100vw, 1px",
        "not (min-width:-1px) 100vw, 1px", "(unknown-mf-name) 100vw, 1px", "not (unknown-mf-name) 100vw, 1px",
        "(unknown \"general-enclosed\") 100vw, 1px", "not (unknown \"general-enclosed\") 100vw, 1px",
        "unknown-general-enclosed(foo) 100vw, 1px", "not unknown-general-enclosed(foo) 100vw, 1px",
        "print 100vw, 1px", "not print 100vw, 1px", "unknown-media-type 100vw, 1px",
        "not unknown-media-type 100vw, 1px", "(min-width:0) or (min-width:0) 1px",
        "(min-width:0) or (unknown-mf-name) 1px", "(min-width:0) or (min-width:unknown-mf-value) 1px",
        "(min-width:0) or (min-width:-1px) 1px", "(min-width:0) or (unknown \"general-enclosed\") 1px",
        "(min-width:0) or unknown-general-enclosed(foo) 1px", "(min-width:0) or (!) 100vw, 1px",
        "(min-width:0) or unknown-media-type 100vw, 1px", "(123) 100vw, 1px", "not (123) 100vw, 1px",
        "(!) 100vw, 1px", "not (!) 100vw, 1px", "! 100vw, 1px", "not ! 100vw, 1px", "(]) 100vw, 1px",
        "not (]) 100vw, 1px", "] 100vw, 1px", "not ] 100vw, 1px", "(}) 100vw, 1px", "not (}) 100vw, 1px",
        "} 100vw, 1px", "not } 100vw, 1px", ") 100vw, 1px", "not ) 100vw, 1px", "(;) 100vw, 1px",
        "not (;) 100vw, 1px", "(.) 100vw, 1px", "not (.) 100vw, 1px", "; 100vw, 1px", "not ; 100vw, 1px",
        ", 1px", "1px,", "(min-width:0) 1px,", "-0e-0px", "+0.11e+01px", "0.2e1px", "0.3E1px", ".4E1px",
        "all 100vw, 1px", "all and (min-width:0) 100vw, 1px", "min-width:0 100vw, 1px", "1px, 100vw",
        "1px, (min-width:0) 100vw", "1px, foo bar", "(min-width:0) 1px, foo bar",
        "(\"grammar does not match\") 100vw, 1px", "not (\"grammar does not match\") 100vw, 1px",
        "(unknown-general-enclosed !) 100vw, 1px", "not (unknown-general-enclosed !) 100vw, 1px",
        "(min-width:0) or (unknown-general-enclosed !) 1px",
        "not ((min-width:0) or (unknown \"general-enclosed\")) 100vw, 1px",
        "(max-width:0) or (unknown-general-enclosed !) 100vw, 1px",
        "not ((max-width:0) or (unknown \"general-enclosed\")) 100vw, 1px",
    ]

    /// Values equivalent to `sizes="100vw"` (invalid, so the 100vw default): the 51w image.
    static let likeFullViewport: [String] = [
        "100vw", "", ",", "-1px", "1", "0.1%", "0.1deg", "0.1grad", "0.1rad", "0.1turn", "0.1s", "0.1ms", "0.1Hz",
        "0.1kHz", "0.1dpi", "0.1dpcm", "0.1dppx", "0.1x", "attr(data-foo, length, 1px)", "attr(data-foo, px, 1px)",
        "toggle(1px)", "inherit", "auto", "initial", "unset", "default", "1/* */px", "1p/* */x", "-/**/0",
        "((),1px", "x(x(),1px", "{{},1px", "[[],1px", "1px !important", "\\1px", "all 1px",
        "all and (min-width:0) 1px", "min-width:0 1px", "100vw, 1px", "100vw, (min-width:0) 1px", "foo bar",
        "foo-bar", "(min-width:0) 1px foo bar", "(min-width:0) 0.1%", "(min-width:0) 1", "-1e0px", "1e1.5px",
        "var(--foo)", "calc(1px", "min(1px, 200vw", "max(-200vw, 1px", "(min-width:0) calc(1px",
        "(min-width:0) min(1px, 200vw", "(min-width:0) max(-200vw, 1px",
    ]
}
