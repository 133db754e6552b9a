//! HTML bodies as WordPress and Drupal render them → blocks → Markdown → press's own reader:
//! the blocks press gets must be the blocks the converter made (what a reader will see).

use std::path::Path;

use cms::html::to_blocks;
use model::{Block, Image, Span};

/// Parses Markdown with press, image sizes left at 0 like the converter's.
fn press_blocks(md: &str) -> (Vec<Block>, Vec<String>) {
    let file = Path::new("cikk.md");
    let lines = press::error::LineIndex::new(md);
    let src = press::markdown::Source::body_only(file, md, &lines);
    let mut diags = Vec::new();
    let mut sizer = |_: &str| Ok(Image::default());
    let blocks = press::markdown::to_blocks(&src, &mut sizer, &mut diags);
    (blocks, diags.iter().map(|d| d.to_string()).collect())
}

fn round_trip(html: &str) -> Vec<Block> {
    let converted = to_blocks(html, "https://regi.example/2024/05/01/cikk/");
    let md = cms::markdown::body(&converted.blocks);
    let (back, diags) = press_blocks(&md);
    assert!(diags.is_empty(), "press complained about\n{md}\n{diags:?}");
    assert_eq!(back, converted.blocks, "Markdown was:\n{md}");
    converted.blocks
}

fn span(text: &str) -> Span {
    Span::plain(text)
}

#[test]
// One function on purpose: one post's HTML and, block for block, what it becomes; the two
// halves read side by side.
fn gutenberg_post_becomes_the_blocks_a_reader_expects() {
    let html = r#"
<p>A <strong>fővárosi közgyűlés</strong> szerdán <em>hosszú vita</em> után döntött a <a href="/2024/04/02/elozmeny/">korábbi tervről</a>.</p>
<h2 class="wp-block-heading">Mi változik?</h2>
<h4>Apróbb részletek</h4>
<figure class="wp-block-pullquote"><blockquote><p>A rakpart a gyalogosoké lesz.</p><cite>Főpolgármesteri hivatal</cite></blockquote></figure>
<blockquote class="wp-block-quote"><p>„Ez a város legszebb partszakasza.”</p><cite>Kiss Éva, városépítész</cite></blockquote>
<figure class="wp-block-image size-large"><img src="/wp-content/uploads/2024/05/rakpart.jpg" alt="A rakpart reggel"/><figcaption>Reggeli forgalom a rakparton <cite>Fotó: Nagy Péter</cite></figcaption></figure>
<ul><li>kerékpársáv</li><li>új <a href="https://bkk.example/terv">padok</a></li></ul>
<ol><li>tervezés</li><li>kivitelezés</li></ol>
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc123
</div></figure>
<script>alert("x")</script>
<iframe src="https://terkep.example/embed"></iframe>
<p>2024. május végére készül el; ára *nem* ismert, [még] #1 & &amp; &lt;b&gt;.</p>
"#;
    let converted = to_blocks(html, "https://regi.example/2024/05/01/cikk/");
    assert_eq!(
        converted.warnings,
        vec![
            "dropped <script>: the content model has no scripts".to_owned(),
            "dropped <iframe> (https://terkep.example/embed): the content model has no third-party frames".to_owned(),
        ]
    );
    let blocks = round_trip(html);
    assert_eq!(
        blocks[0],
        Block::Paragraph {
            spans: vec![
                span("A "),
                Span { text: "fővárosi közgyűlés".into(), strong: true, ..Span::default() },
                span(" szerdán "),
                Span { text: "hosszú vita".into(), em: true, ..Span::default() },
                span(" után döntött a "),
                Span {
                    text: "korábbi tervről".into(),
                    href: Some("https://regi.example/2024/04/02/elozmeny/".into()),
                    ..Span::default()
                },
                span("."),
            ]
        }
    );
    assert_eq!(blocks[1], Block::Heading { level: 2, text: "Mi változik?".into() });
    assert_eq!(blocks[2], Block::Heading { level: 3, text: "Apróbb részletek".into() });
    assert_eq!(blocks[3], Block::PullQuote { text: "A rakpart a gyalogosoké lesz.".into() });
    assert_eq!(
        blocks[4],
        Block::Quote {
            paragraphs: vec![vec![span("„Ez a város legszebb partszakasza.”")]],
            cite: Some("Kiss Éva, városépítész".into())
        }
    );
    assert_eq!(
        blocks[5],
        Block::Image {
            image: Image {
                src: "https://regi.example/wp-content/uploads/2024/05/rakpart.jpg".into(),
                alt: "A rakpart reggel".into(),
                width: 0,
                height: 0,
                caption: Some("Reggeli forgalom a rakparton".into()),
                credit: Some("Fotó: Nagy Péter".into()),
                ..Default::default()
            }
        }
    );
    assert!(matches!(&blocks[6], Block::List { ordered: false, items } if items.len() == 2));
    assert!(matches!(&blocks[7], Block::List { ordered: true, items } if items.len() == 2));
    assert_eq!(
        blocks[8],
        Block::Embed { url: "https://www.youtube.com/watch?v=abc123".into(), title: "www.youtube.com".into() }
    );
    assert_eq!(
        blocks[9],
        Block::Paragraph {
            spans: vec![span("2024. május végére készül el; ára *nem* ismert, [még] #1 & & <b>.")]
        }
    );
    assert_eq!(blocks.len(), 10);
}

#[test]
fn classic_editor_and_drupal_markup() {
    let html = r#"Bevezető szöveg bekezdés nélkül.
<p><a href="/wp-content/uploads/nagy.jpg"><img src="/wp-content/uploads/kicsi.jpg" alt="Térkép"></a></p>
<div class="wp-caption"><p>Belső <b>félkövér</b> és <i>dőlt</i><br>sortöréssel.</p></div>
<blockquote><p>Első bekezdés.</p><p>— Szabó Jenő</p></blockquote>
<blockquote class="pullquote">Kiemelt mondat</blockquote>
<p><oembed url="https://vimeo.com/12345"></oembed></p>
<drupal-media data-entity-type="media"></drupal-media>
<table><tr><td>1</td></tr></table>
<p><a href="javascript:alert(1)">rossz link</a> és <a href="mailto:szerk@lap.example">levél</a></p>
<ul><li>egy<ul><li>beágyazott</li></ul></li><li><p>kettő</p></li></ul>
<ul><li>második lista</li></ul>"#;
    let converted = to_blocks(html, "https://regi.example/node/5");
    assert!(converted.warnings.iter().any(|w| w.contains("<table>")), "{:?}", converted.warnings);
    assert!(converted.warnings.iter().any(|w| w.contains("link target not allowed")), "{:?}", converted.warnings);
    let blocks = round_trip(html);
    assert_eq!(blocks[0], Block::Paragraph { spans: vec![span("Bevezető szöveg bekezdés nélkül.")] });
    assert!(
        matches!(&blocks[1], Block::Image { image } if image.src == "https://regi.example/wp-content/uploads/kicsi.jpg" && image.alt == "Térkép")
    );
    assert_eq!(
        blocks[3],
        Block::Quote { paragraphs: vec![vec![span("Első bekezdés.")]], cite: Some("Szabó Jenő".into()) }
    );
    assert_eq!(blocks[4], Block::PullQuote { text: "Kiemelt mondat".into() });
    assert_eq!(blocks[5], Block::Embed { url: "https://vimeo.com/12345".into(), title: "vimeo.com".into() });
    assert_eq!(
        blocks[6],
        Block::Paragraph {
            spans: vec![
                span("rossz link és "),
                Span { text: "levél".into(), href: Some("mailto:szerk@lap.example".into()), ..Span::default() }
            ]
        }
    );
    assert_eq!(
        blocks[7],
        Block::List { ordered: false, items: vec![vec![span("egy")], vec![span("beágyazott")], vec![span("kettő")]] }
    );
    // Two lists in a row stay two lists.
    assert_eq!(blocks[8], Block::List { ordered: false, items: vec![vec![span("második lista")]] });
}

#[test]
fn hostile_markup_never_reaches_the_blocks() {
    let html = r#"<p onclick="x()">Szöveg<script>document.cookie</script><style>p{}</style></p>
<img src="data:image/png;base64,AAAA" alt="x"><img src="javascript:alert(1)">
<form action="/x"><input name="q"></form><svg><script>1</script></svg>"#;
    let c = to_blocks(html, "https://regi.example/");
    assert_eq!(c.blocks, vec![Block::Paragraph { spans: vec![span("Szöveg")] }]);
    let md = cms::markdown::body(&c.blocks);
    assert!(!md.contains('<'), "{md}");
    for w in ["<script>", "<style>", "<form>", "<svg>", "not allowed"] {
        assert!(c.warnings.iter().any(|x| x.contains(w)), "no warning about {w}: {:?}", c.warnings);
    }
}

#[test]
fn touching_emphasis_of_different_kinds_stays_as_the_cms_marked_it() {
    // Bold, then bold italic, then bold again with nothing between: an editor's
    // `<b>Fontos:</b><b><i>(frissítve)</i></b><b>a kormány</b> döntött`.
    let html = "<p><strong>Fontos:</strong><strong><em>(frissítve)</em></strong><strong>a kormány</strong> döntött, \
                <em>hétfőn</em><strong>reggel</strong>.</p>";
    let blocks = round_trip(html);
    let strong = |t: &str| Span { text: t.into(), strong: true, ..Span::default() };
    let want = vec![
        strong("Fontos:"),
        Span { text: "(frissítve)".into(), strong: true, em: true, ..Span::default() },
        strong("a kormány"),
        span(" döntött, "),
        Span { text: "hétfőn".into(), em: true, ..Span::default() },
        strong("reggel"),
        span("."),
    ];
    assert_eq!(blocks, vec![Block::Paragraph { spans: want }]);
    let md = cms::markdown::body(&blocks);
    assert_eq!(md, "**Fontos:**___(frissítve)___**a kormány** döntött, *hétfőn*__reggel__.\n");
}

#[test]
fn a_paragraph_that_starts_with_tildes_stays_a_paragraph() {
    let blocks = round_trip("<p>~~~ vége a közvetítésnek ~~~</p>");
    assert_eq!(blocks, vec![Block::Paragraph { spans: vec![span("~~~ vége a közvetítésnek ~~~")] }]);
}

#[test]
fn an_exclamation_mark_before_a_link_is_no_image() {
    let blocks = round_trip(r#"<p>Végre!<a href="https://regi.example/hir">Olvassa el</a></p>"#);
    let link = Span { text: "Olvassa el".into(), href: Some("https://regi.example/hir".into()), ..Span::default() };
    assert_eq!(blocks, vec![Block::Paragraph { spans: vec![span("Végre!"), link] }]);
}
